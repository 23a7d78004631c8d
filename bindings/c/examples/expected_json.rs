//! Writes the core's Assessment JSON for every vignette and example case, for the C test suite
//! to compare with byte for byte:
//! `cargo run -p stenosis-ffi --example expected_json -- OUT_DIR SOURCE...`, where each SOURCE is
//! `DIR` or `DIR=GOLDEN_DIR` (e.g. `tests/vignettes=tests/golden/vignettes`).
//!
//! For each `NAME.json` in a DIR (a vignette, an object with a `presentation`, or else a
//! presentation itself), writes `OUT_DIR/NAME.input.json` (the presentation as JSON text) and
//! `OUT_DIR/NAME.expected.json` (exactly `stenosis_core::assess(&Presentation::from_json(..))
//! .to_json()`, no trailing newline), and `OUT_DIR/index.txt` with one NAME a line. With a
//! GOLDEN_DIR, the expected bytes are the recorded golden file `GOLDEN_DIR/NAME.json` compacted
//! (see `tests/golden.rs`), and it fails unless the core's output today equals them.

use std::path::{Path, PathBuf};
use std::{env, fs};

use stenosis_core::{assess, Presentation};

#[path = "../../../tests/support/compact_json.rs"]
mod compact_json;
use compact_json::compact;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = env::args().skip(1);
    let Some(out) = args.next() else {
        return Err("usage: expected_json OUT_DIR DIR[=GOLDEN_DIR]...".into());
    };
    let out = PathBuf::from(out);
    fs::create_dir_all(&out)?;
    let mut index = String::new();
    let mut count = 0usize;
    for source in args {
        let (dir, golden) = match source.split_once('=') {
            Some((d, g)) => (d.to_owned(), Some(PathBuf::from(g))),
            None => (source.clone(), None),
        };
        let mut names: Vec<PathBuf> = fs::read_dir(&dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        names.sort();
        for path in &names {
            let file: serde_json::Value = serde_json::from_str(&fs::read_to_string(path)?)?;
            let presentation = file.get("presentation").unwrap_or(&file);
            let input = serde_json::to_string(presentation)?;
            let json = assess(&Presentation::from_json(&input)?).to_json();
            let stem = path.file_stem().and_then(|s| s.to_str()).ok_or("bad file name")?;
            let expected = match &golden {
                Some(g) => {
                    let recorded = compact(&fs::read_to_string(Path::new(g).join(format!("{stem}.json")))?);
                    if recorded != json {
                        return Err(
                            format!("{}: the core's output differs from {}", path.display(), g.display()).into()
                        );
                    }
                    recorded
                }
                None => json,
            };
            if out.join(format!("{stem}.input.json")).exists() {
                return Err(format!("{stem}: two cases of this name").into());
            }
            fs::write(out.join(format!("{stem}.input.json")), &input)?;
            fs::write(out.join(format!("{stem}.expected.json")), expected)?;
            index.push_str(stem);
            index.push('\n');
            count += 1;
        }
    }
    fs::write(out.join("index.txt"), index)?;
    println!("{count}");
    Ok(())
}
