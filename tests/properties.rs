//! Property tests over arbitrary presentations.

use proptest::prelude::*;
use stenosis::{assess, headline, summarize, Course, Finding, Headline, Pathway, Presentation, RedFlag, Sex, Status};

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![Just(Status::Unknown), Just(Status::Present), Just(Status::Absent)]
}

prop_compose! {
    fn presentation()(
        age in proptest::option::of(0i64..=120),
        sex in proptest::option::of(prop_oneof![Just(Sex::Female), Just(Sex::Male), Just(Sex::Other)]),
        course in proptest::option::of(prop_oneof![Just(Course::Stable), Just(Course::Progressive), Just(Course::RapidlyProgressive)]),
        duration in proptest::option::of(0.0f64..=1200.0),
        mjoa in proptest::option::of(0i64..=18),
        abi in proptest::option::of(0.0f64..=3.0),
        statuses in proptest::collection::vec(status(), Finding::ALL.len()),
    ) -> Presentation {
        let mut p = Presentation::new();
        p.set_age_years(age).unwrap();
        p.set_sex(sex);
        p.set_course(course);
        p.set_symptom_duration_months(duration).unwrap();
        p.set_mjoa(mjoa).unwrap();
        p.set_ankle_brachial_index(abi).unwrap();
        for (f, s) in Finding::ALL.iter().zip(statuses) {
            p.set_finding(*f, s);
        }
        p
    }
}

const UMN_SIGNS: [Finding; 6] = [
    Finding::Hyperreflexia,
    Finding::HoffmannSign,
    Finding::BabinskiSign,
    Finding::AnkleClonus,
    Finding::InvertedSupinatorSign,
    Finding::GaitDeviation,
];

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        (-1e6f64..1e6).prop_map(serde_json::Value::from),
        "[a-z_]{0,24}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map("[a-z_]{1,24}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_presentation_is_assessed_deterministically_with_resolvable_citations(p in presentation()) {
        let a = assess(&p);
        let b = assess(&p.clone());
        prop_assert_eq!(a.to_json(), b.to_json());
        prop_assert_eq!(a.differential.len(), stenosis::Condition::ALL.len());
        let listed: Vec<_> = a.citations.iter().map(|c| c.id).collect();
        for r in &a.recommendations {
            prop_assert!(!r.citations.is_empty() && !r.rationale.is_empty());
            for c in &r.citations { prop_assert!(listed.contains(c)); }
        }
        for r in &a.red_flags {
            prop_assert!(!r.citations.is_empty());
            for c in &r.citations { prop_assert!(listed.contains(c)); }
        }
        for w in &a.warnings {
            prop_assert!(!w.citations.is_empty());
            for c in &w.citations { prop_assert!(listed.contains(c)); }
        }
        for e in &a.differential { for c in &e.citations { prop_assert!(listed.contains(c)); } }
        prop_assert_eq!(Presentation::from_json(&p.to_json()).unwrap(), p);
    }

    #[test]
    fn unknown_and_omitted_give_the_same_result(p in presentation()) {
        let mut with_unknowns: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
        let findings = with_unknowns["findings"].as_object_mut().unwrap();
        for f in Finding::ALL {
            findings.entry(f.id()).or_insert(serde_json::Value::from("unknown"));
        }
        let q = Presentation::from_json(&with_unknowns.to_string()).unwrap();
        prop_assert_eq!(assess(&q).to_json(), assess(&p).to_json());
    }

    #[test]
    fn adding_a_present_umn_sign_never_lowers_myelopathy_likelihood(p in presentation(), i in 0usize..6) {
        let sign = UMN_SIGNS[i];
        let before = assess(&p).myelopathy.likelihood;
        let after = assess(&p.with_finding(sign, Status::Present)).myelopathy.likelihood;
        prop_assert!(after >= before, "{:?} -> {:?} adding {}", before, after, sign);
    }

    #[test]
    fn cauda_equina_red_flag_findings_always_give_the_emergency_pathway(p in presentation(), which in 0usize..2) {
        let finding = [Finding::SaddleAnesthesia, Finding::UrinaryRetention][which];
        let a = assess(&p.with_finding(finding, Status::Present));
        prop_assert_eq!(a.pathway, Pathway::Emergency);
        prop_assert!(a.red_flags.iter().any(|r| r.id == RedFlag::CaudaEquinaSuspected));
        prop_assert_eq!(a.recommendation(stenosis::Action::LumbarMri).map(|r| r.urgency), Some(stenosis::Urgency::Emergency));
    }

    #[test]
    fn rapid_progression_with_a_deficit_always_gives_the_emergency_pathway(p in presentation(), i in 0usize..3) {
        // A rapid course alone (pain, claudication) is not a deficit: the seed's red flag is a
        // rapidly progressive neurological deficit, so one is set here.
        let deficit = [Finding::LegWeaknessOnExam, Finding::BabinskiSign, Finding::LegWeakness][i];
        let mut p = p.with_finding(deficit, Status::Present);
        p.set_course(Some(Course::RapidlyProgressive));
        let a = assess(&p);
        prop_assert_eq!(a.pathway, Pathway::Emergency);
        prop_assert!(a.red_flags.iter().any(|r| r.id == RedFlag::RapidlyProgressiveDeficit));
    }

    #[test]
    fn summary_agrees_with_the_full_assessment(p in presentation()) {
        let a = assess(&p);
        let s = summarize(&p);
        prop_assert_eq!(Some(s.top_condition), a.top_condition());
        prop_assert_eq!(s.pathway, a.pathway);
        prop_assert_eq!(s.myelopathy_likelihood, a.myelopathy.likelihood);
        prop_assert_eq!(s.cook_positive, a.myelopathy.cook_rule.positive);
        prop_assert_eq!(s.cook_assessed, a.myelopathy.cook_rule.assessed);
        prop_assert_eq!(s.cervical_mri, a.recommendation(stenosis::Action::CervicalMri).map(|r| r.urgency));
        prop_assert_eq!(s.red_flags().collect::<Vec<_>>(), a.red_flags.iter().map(|r| r.id).collect::<Vec<_>>());
        prop_assert_eq!(s.warnings().collect::<Vec<_>>(), a.warnings.iter().map(|w| w.id).collect::<Vec<_>>());
        prop_assert_eq!(
            s.recommendations().collect::<Vec<_>>(),
            a.recommendations.iter().map(|r| (r.action, r.urgency)).collect::<Vec<_>>()
        );
        // The headline (the recommendation rows of the two MRIs only) is the summary's.
        prop_assert_eq!(headline(&p), Headline::from(&s));
    }

    #[test]
    fn findings_rebuilt_from_masks_are_the_same(p in presentation()) {
        let mut present = 0u128;
        let mut absent = 0u128;
        for (f, s) in p.findings().assessed() {
            match s {
                Status::Present => present |= 1u128 << f.code(),
                _ => absent |= 1u128 << f.code(),
            }
        }
        let mut q = Presentation::new();
        q.set_findings(stenosis::FindingSet::from_masks(present, absent | present | (1u128 << 127)));
        prop_assert_eq!(q.findings(), p.findings());
    }

    #[test]
    fn next_findings_are_unassessed_and_ranked(p in presentation()) {
        let a = assess(&p);
        prop_assert!(a.next_findings.len() <= stenosis::MAX_NEXT_FINDINGS);
        // Three kinds: items of an incomplete upper motor neuron examination, questions whose
        // answer would raise a red flag, and the rest. Within each run of one kind, descending
        // impact; a question that raises a red flag never comes after one of the rest unless
        // half the list is already red-flag questions.
        let exam = |n: &stenosis::NextFinding| n.why.starts_with("Completes");
        let flag = |n: &stenosis::NextFinding| {
            !exam(n) && n.if_present.red_flags.iter().any(|r| !a.red_flags.iter().any(|x| x.id == *r))
        };
        let kind = |n: &stenosis::NextFinding| if exam(n) { 0 } else if flag(n) { 1 } else { 2 };
        for w in a.next_findings.windows(2) {
            if kind(&w[0]) == kind(&w[1]) { prop_assert!(w[0].impact >= w[1].impact); }
        }
        if let Some(i) = a.next_findings.iter().position(|n| kind(n) == 2) {
            let flags_before = a.next_findings[..i].iter().filter(|n| flag(n)).count();
            let flags_after = a.next_findings[i..].iter().filter(|n| flag(n)).count();
            prop_assert!(flags_after == 0 || flags_before >= stenosis::MAX_NEXT_FINDINGS / 2);
        }
        for n in &a.next_findings {
            prop_assert_eq!(p.finding(n.finding), Status::Unknown);
            prop_assert!(n.impact > 0 && !n.why.is_empty());
        }
    }

    #[test]
    fn cds_hooks_cards_follow_the_specification(p in presentation()) {
        let a = assess(&p);
        let r = stenosis::cds_hooks_response(&a);
        prop_assert!(!r.cards.is_empty());
        prop_assert_eq!(r.cards.iter().filter(|c| c.indicator == "critical").count() >= a.red_flags.len(), true);
        for c in &r.cards {
            prop_assert!(c.summary.chars().count() < 140, "{}", c.summary);
            prop_assert!(["info", "warning", "critical"].contains(&c.indicator));
        }
        // No null, "", [] or {} anywhere (CDS Hooks 2.0 §"JSON"), except that cards may be [].
        fn no_empty(v: &serde_json::Value) -> bool {
            match v {
                serde_json::Value::Null => false,
                serde_json::Value::String(s) => !s.is_empty(),
                serde_json::Value::Array(a) => !a.is_empty() && a.iter().all(no_empty),
                serde_json::Value::Object(o) => !o.is_empty() && o.values().all(no_empty),
                _ => true,
            }
        }
        let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        prop_assert!(no_empty(&json), "{}", json);
    }

    #[test]
    fn the_parts_of_an_assessment_agree_with_each_other(p in presentation()) {
        use stenosis::{Action as A, Likelihood, Urgency, Warning as W};
        let a = assess(&p);
        let rec = |x: A| a.recommendation(x).map(|r| r.urgency);
        let warned = |w: W| a.warnings.iter().any(|x| x.id == w);
        let emergency_flags = a.red_flags.iter().filter(|r| r.id != RedFlag::LimbThreateningIschaemia).count();
        match a.pathway {
            Pathway::Emergency => {
                prop_assert!(emergency_flags > 0);
                // The emergency is acted on the same day by the team it belongs to.
                prop_assert!(
                    rec(A::EmergencySpineEvaluation) == Some(Urgency::Emergency)
                        || rec(A::VascularSurgeryReferral) == Some(Urgency::Emergency)
                        || rec(A::NeurologyReferral) == Some(Urgency::Emergency)
                );
            }
            Pathway::SurgicalEvaluation => prop_assert!(rec(A::SpineSurgeryReferral).is_some()),
            Pathway::Conservative => prop_assert!(rec(A::ClinicalMonitoring).is_some()),
            Pathway::FurtherWorkup => prop_assert!(
                [
                    A::CervicalMri,
                    A::CompleteNeurologicalExam,
                    A::SpineSurgeryReferral,
                    A::ThoracicSpineMri,
                    A::WholeSpineMri,
                    A::BrainMri,
                    A::NeurologyReferral,
                ]
                .iter()
                .any(|x| rec(*x).is_some()),
                "further work-up names the work-up"
            ),
            Pathway::NoCervicalConcern => {
                prop_assert!(rec(A::CervicalMri).is_none());
                prop_assert!(a.myelopathy.likelihood == Likelihood::Low);
            }
        }
        if emergency_flags == 0 {
            prop_assert!(a.pathway != Pathway::Emergency);
        }
        if a.red_flags.is_empty() {
            prop_assert!(rec(A::EmergencySpineEvaluation).is_none());
        }
        // A warning about missing cervical imaging comes with the recommendation to image.
        if warned(W::DelayedDiagnosisRisk) || warned(W::CervicalImagingOverlooked) {
            prop_assert!(rec(A::CervicalMri).is_some() || rec(A::WholeSpineMri).is_some());
        }
        // An incomplete-exam warning comes with the recommendation to complete it.
        if warned(W::IncompleteNeurologicalExam) {
            prop_assert!(rec(A::CompleteNeurologicalExam).is_some());
        }
        // Never image the cervical spine again when a cervical MRI result is given.
        if p.finding(Finding::CervicalCordCompressionOnMri) != Status::Unknown
            || p.finding(Finding::CervicalCordSignalChangeOnMri) == Status::Present
        {
            prop_assert!(rec(A::CervicalMri).is_none());
        }
        // A suspected cauda equina syndrome leads the differential, unless the cord is the likely
        // cause (high-likelihood myelopathy with upper motor neuron signs) or leg cord signs or a
        // truncal level point above L1 (then cauda equina is suspected but ranked below the cord).
        let umn = [
            Finding::Hyperreflexia,
            Finding::HoffmannSign,
            Finding::BabinskiSign,
            Finding::AnkleClonus,
            Finding::InvertedSupinatorSign,
            Finding::ArmHyperreflexia,
            Finding::LegHyperreflexia,
            Finding::TromnerSign,
        ]
            .iter()
            .any(|f| p.finding(*f) == Status::Present);
        let leg_cord_pattern = [
            Finding::Hyperreflexia,
            Finding::LegHyperreflexia,
            Finding::BabinskiSign,
            Finding::AnkleClonus,
            Finding::TruncalSensoryLevel,
        ]
            .iter()
            .any(|f| p.finding(*f) == Status::Present);
        let cord_likely = (a.myelopathy.likelihood == Likelihood::High && umn) || leg_cord_pattern;
        // (Metastatic compression, an abscess, Guillain-Barre syndrome or acute limb ischaemia with
        // their own red flag may lead beside it.)
        if a.red_flags.iter().any(|r| r.id == RedFlag::CaudaEquinaSuspected) && !cord_likely {
            use stenosis::Condition as C;
            let top = a.top_condition();
            let flagged = |r: RedFlag| a.red_flags.iter().any(|x| x.id == r);
            prop_assert!(
                top == Some(C::CaudaEquinaSyndrome)
                    || (top == Some(C::MalignantSpinalCordCompression) && flagged(RedFlag::MalignantCordCompressionSuspected))
                    || (top == Some(C::SpinalEpiduralAbscess) && flagged(RedFlag::SpinalInfectionSuspected))
                    || (top == Some(C::GuillainBarreSyndrome) && flagged(RedFlag::GuillainBarreSuspected))
                    || (top == Some(C::PeripheralArterialDisease) && flagged(RedFlag::AcuteLimbIschaemia)),
                "{:?}", top
            );
        }
        // Recommendations are ordered most urgent first.
        for w in a.recommendations.windows(2) { prop_assert!(w[0].urgency >= w[1].urgency); }
    }

    #[test]
    fn a_lumbar_emergency_never_has_a_cervical_mri_as_its_only_or_first_scan(p in presentation()) {
        use stenosis::Action as A;
        let a = assess(&p);
        if a.red_flags.iter().any(|r| r.id == RedFlag::CaudaEquinaSuspected) {
            let scans: Vec<A> = a.recommendations.iter().map(|r| r.action)
                .filter(|x| [A::CervicalMri, A::LumbarMri, A::ThoracicSpineMri, A::WholeSpineMri, A::BrainMri].contains(x))
                .collect();
            prop_assert!(scans.first().is_some_and(|s| *s == A::LumbarMri || *s == A::WholeSpineMri), "{:?}", scans);
            // The lumbosacral spine is imaged as an emergency: a lumbar or a whole-spine MRI.
            let emergency = |x: A| a.recommendation(x).is_some_and(|r| r.urgency == stenosis::Urgency::Emergency);
            prop_assert!(emergency(A::LumbarMri) || emergency(A::WholeSpineMri), "{:?}", scans);
        }
    }

    #[test]
    fn unknown_never_turns_a_statement_into_one_that_needs_the_exam(p in presentation(), which in 0usize..3) {
        use stenosis::{Action as A, Warning as W};
        // Take the examination away (reflexes, or the plantar response): nothing that needs it
        // may be concluded.
        let mut q = p;
        match which {
            0 => q.set_finding(Finding::BabinskiSign, Status::Unknown),
            1 => {
                for f in [Finding::Hyperreflexia, Finding::LegHyperreflexia, Finding::ReducedKneeReflexes, Finding::ReducedAnkleReflexes] {
                    q.set_finding(f, Status::Unknown);
                }
            }
            _ => {
                for f in Finding::ALL.iter().filter(|f| f.group() == stenosis::FindingGroup::UpperMotorNeuronExam
                    || f.group() == stenosis::FindingGroup::LimbSpecificExam) {
                    q.set_finding(*f, Status::Unknown);
                }
            }
        }
        let a = assess(&q);
        prop_assert!(a.pathway != Pathway::NoCervicalConcern);
        let warned = |w: W| a.warnings.iter().any(|x| x.id == w);
        prop_assert!(!warned(W::NonmyelopathicCompression));
        prop_assert!(!warned(W::AbsentSignsDoNotExclude));
        prop_assert!(!a.recommendations.iter().any(|r| r.action == A::ClinicalMonitoring && r.rationale.contains("about 8% develop myelopathy")));
    }

    #[test]
    fn every_recommendation_has_a_strength_and_evidence_quality_key(p in presentation()) {
        let json: serde_json::Value = serde_json::from_str(&assess(&p).to_json()).unwrap();
        for r in json["recommendations"].as_array().unwrap() {
            let o = r.as_object().unwrap();
            prop_assert!(o.contains_key("strength") && o.contains_key("evidence_quality"), "{}", r);
            prop_assert!(["strong", "weak"].iter().any(|v| r["strength"] == *v) || r["strength"].is_null());
            prop_assert!(["high", "moderate", "low", "very_low"].iter().any(|v| r["evidence_quality"] == *v) || r["evidence_quality"].is_null());
        }
    }

    #[test]
    fn mimic_features_never_leave_a_spine_referral_as_the_only_route(p in presentation()) {
        use stenosis::{Action as A, Warning as W};
        let a = assess(&p);
        // Mimic features, or cord signs that no compression on MRI explains.
        let thoracic = p.finding(Finding::ThoracicCordCompressionOnMri) == Status::Present;
        let mimic = a.warnings.iter().any(|w| {
            w.id == W::MimicFeaturesPresent || (w.id == W::UmnSignsWithoutCompression && !thoracic)
        });
        let spine = [A::SpineSurgeryReferral, A::EmergencySpineEvaluation].iter().filter_map(|x| a.recommendation(*x)).map(|r| r.urgency).max();
        if let (true, Some(u)) = (mimic, spine) {
            let neuro = a.recommendation(A::NeurologyReferral).map(|r| r.urgency);
            prop_assert!(neuro.is_some_and(|n| n >= u), "spine {:?}, neurology {:?}", u, neuro);
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(s in ".{0,200}") {
        let _ = Presentation::from_json(&s);
    }

    #[test]
    fn arbitrary_json_values_never_panic_the_parser(v in json_value()) {
        let _ = Presentation::from_json(&v.to_string());
        let wrapped = serde_json::json!({"findings": v.clone(), "age_years": v});
        let _ = Presentation::from_json(&wrapped.to_string());
    }
}
