//! Writes the core's Assessment JSON for every vignette, for the C test suite to compare with
//! byte for byte: `cargo run -p stenosis-ffi --example expected_json -- tests/vignettes OUT_DIR`.
//!
//! For each `NAME.json` (an object with a `presentation`), writes `OUT_DIR/NAME.input.json` (the
//! presentation as JSON text) and `OUT_DIR/NAME.expected.json` (exactly
//! `stenosis_core::assess(&Presentation::from_json(..)).to_json()`, no trailing newline), and
//! `OUT_DIR/index.txt` with one NAME a line.

use std::path::PathBuf;
use std::{env, fs};

use stenosis_core::{assess, Presentation};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = env::args().skip(1);
    let (Some(dir), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: expected_json VIGNETTE_DIR OUT_DIR".into());
    };
    let out = PathBuf::from(out);
    fs::create_dir_all(&out)?;
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    let mut index = String::new();
    for path in &names {
        let vignette: serde_json::Value = serde_json::from_str(&fs::read_to_string(path)?)?;
        let input = serde_json::to_string(&vignette["presentation"])?;
        let assessment = assess(&Presentation::from_json(&input)?);
        let stem = path.file_stem().and_then(|s| s.to_str()).ok_or("bad file name")?;
        fs::write(out.join(format!("{stem}.input.json")), &input)?;
        fs::write(out.join(format!("{stem}.expected.json")), assessment.to_json())?;
        index.push_str(stem);
        index.push('\n');
    }
    fs::write(out.join("index.txt"), index)?;
    println!("{}", names.len());
    Ok(())
}
