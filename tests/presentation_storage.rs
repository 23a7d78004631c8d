//! The optional whole numbers of a Presentation (`age_years`, `mjoa`) are stored without
//! `Option<u8>` (issue 12: valgrind on the release library); this checks the storage behaves
//! exactly like an `Option` through the public API.

use stenosis::{Presentation, AGE_YEARS_MAX, MJOA_MAX};

#[test]
fn default_is_empty_like_new() {
    let p = Presentation::default();
    assert_eq!(p, Presentation::new());
    assert_eq!(p.age_years(), None);
    assert_eq!(p.mjoa(), None);
    assert_eq!(p.to_json(), r#"{"findings":{}}"#);
    let debug = format!("{p:?}");
    assert!(debug.contains("age_years: None") && debug.contains("mjoa: None"), "{debug}");
}

#[test]
fn every_value_round_trips_and_none_clears() {
    for (max, set, get) in [
        (
            AGE_YEARS_MAX,
            Presentation::set_age_years as fn(&mut Presentation, Option<i64>) -> _,
            Presentation::age_years as fn(&Presentation) -> Option<u8>,
        ),
        (MJOA_MAX, Presentation::set_mjoa, Presentation::mjoa),
    ] {
        let mut p = Presentation::new();
        for v in 0..=max {
            set(&mut p, Some(i64::from(v))).unwrap();
            assert_eq!(get(&p), Some(v));
            let back = Presentation::from_json(&p.to_json()).unwrap();
            assert_eq!(back, p);
            assert!(format!("{p:?}").contains(&format!("Some({v})")));
        }
        assert!(set(&mut p, Some(i64::from(max) + 1)).is_err());
        assert_eq!(get(&p), Some(max), "a refused value leaves the old one");
        for refused in [255, 256, -1] {
            assert!(set(&mut p, Some(refused)).is_err());
        }
        set(&mut p, None).unwrap();
        assert_eq!(get(&p), None);
        assert_eq!(p, Presentation::new());
    }
}
