//! `stenosis-serve`: the CDS Hooks service as its own binary (the same as `stenosis serve`).

use std::process::ExitCode;

const USAGE: &str = "usage: stenosis-serve --listen ADDR:PORT [--config FILE.toml] [--insecure-no-auth]";

fn main() -> ExitCode {
    let mut opts = stenosis_serve::ServeOptions { listen: "127.0.0.1:8080".into(), ..Default::default() };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--listen" => match args.next() {
                Some(v) => opts.listen = v,
                None => return fail("--listen needs ADDR:PORT"),
            },
            "--config" => match args.next() {
                Some(v) => opts.config = Some(v),
                None => return fail("--config needs a file"),
            },
            "--insecure-no-auth" => opts.insecure_no_auth = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return fail(&format!("unknown argument {other}")),
        }
    }
    match stenosis_serve::run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("stenosis-serve: {msg}\n{USAGE}");
    ExitCode::from(2)
}
