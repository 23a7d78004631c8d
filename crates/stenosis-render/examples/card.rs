//! Prints the notebook card of a Presentation file inside a page that imitates a JupyterLab dark
//! theme (`data-jp-theme-light="false"` on a dark body), for the browser test: the card must stay
//! readable whatever the notebook's theme.
//!
//! `cargo run -p stenosis-render --example card -- FILE.json`

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: card FILE.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let p = match stenosis_core::Presentation::from_json(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("invalid input: {e}");
            return ExitCode::from(2);
        }
    };
    let card = stenosis_render::html::card(&stenosis_core::assess(&p), &stenosis_render::html::HtmlOptions::default());
    print!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
<title>notebook card, dark theme</title></head>\n\
<body data-jp-theme-light=\"false\" style=\"background:#111111;color:#d4d4d4;padding:16px\">\n{card}</body></html>\n"
    );
    ExitCode::SUCCESS
}
