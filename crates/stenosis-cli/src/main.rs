//! `stenosis`: the command-line tool of the stenosis decision-support engine.
//!
//! ```text
//! stenosis assess FILE|- [--json]     assess one presentation (JSON)
//! stenosis batch IN.jsonl OUT.jsonl   assess one presentation per line, in order
//! stenosis findings [--json]          the finding vocabulary with definitions
//! stenosis schema                     the JSON Schema of a Presentation
//! ```
//!
//! Exit status: 0 success, 2 invalid input (the message names the field), 1 anything else.

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use stenosis_core::{assess, Finding, Likelihood, Presentation, Urgency};

mod batch;
mod report;

const USAGE: &str = "\
stenosis: is this patient's leg problem coming from the cervical spinal cord?
Decision support for clinicians, not a diagnosis.

Usage:
  stenosis assess FILE [--json | --cds-hooks]
                                     Assess one Presentation (JSON file, or - for stdin).
                                     Prints a report for a clinician; with --json the
                                     contract JSON of the Assessment; with --cds-hooks a
                                     CDS Hooks 2.0 response (a list of cards).
  stenosis batch IN.jsonl OUT.jsonl  One Presentation per line in, one result per line out,
           [--threads N]             in order. A bad line becomes an error record naming its
           [--max-line-bytes N]      line number and field; the rest go on. A line longer than
                                     N bytes (default 1048576) becomes an error record too.
                                     OUT is written to a temporary file and renamed into
                                     place when complete; OUT may not be IN; - is stdin/stdout.
  stenosis findings [--json]         The finding vocabulary with definitions and codes.
  stenosis schema                    The JSON Schema of a Presentation.
  stenosis --version | --help

Exit status: 0 success, 2 invalid input (message on stderr names the field; for batch,
some line refused or OUT is IN), 1 other errors (I/O errors name their path), 141 quietly
when standard output is a closed pipe.
";

/// Why the tool stopped.
enum Failure {
    /// Invalid input: exit 2.
    Input(String),
    /// Anything else (I/O, usage): exit 1.
    Other(String),
    /// Standard output is a closed pipe: the reader stopped reading. Exit 141 (128 + SIGPIPE,
    /// what a shell reports for a tool killed by SIGPIPE) without a message.
    BrokenPipe,
}

/// The `?` on a write to standard output.
impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        batch::io_failure("standard output", "write", &e)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // A panic would be a bug; make sure it still exits 1 with a message, never a crash dump.
    let result = std::panic::catch_unwind(|| run(&args))
        .unwrap_or_else(|_| Err(Failure::Other("internal error (a bug in stenosis; please report it)".to_owned())))
        // Output still buffered must reach its file or fail here, never silently at exit.
        .and_then(|code| io::stdout().flush().map(|()| code).map_err(Failure::from));
    // Messages go to stderr with `write!`, which (unlike `eprintln!`) cannot panic when stderr is
    // closed or full.
    let mut stderr = io::stderr();
    match result {
        Ok(code) => code,
        Err(Failure::Input(msg)) => {
            let _ = writeln!(stderr, "stenosis: invalid input: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Other(msg)) => {
            let _ = writeln!(stderr, "stenosis: {msg}");
            ExitCode::from(1)
        }
        Err(Failure::BrokenPipe) => ExitCode::from(141),
    }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let flag = |name: &str| args.iter().any(|a| a == name);
    let positional: Vec<&String> = {
        let mut out = Vec::new();
        let mut skip = false;
        for a in args.iter().skip(1) {
            if skip {
                skip = false;
            } else if a == "--threads" || a == "--max-line-bytes" {
                skip = true;
            } else if !a.starts_with("--") || a == "-" {
                out.push(a);
            }
        }
        out
    };
    match args.first().map(String::as_str) {
        Some("assess") => {
            let [path] = positional.as_slice() else {
                return Err(Failure::Other(format!("usage: stenosis assess FILE [--json]\n\n{USAGE}")));
            };
            let text = read_input(path)?;
            let p = Presentation::from_json_bytes(&text).map_err(|e| Failure::Input(e.to_string()))?;
            let a = assess(&p);
            let mut out = io::stdout().lock();
            if flag("--json") {
                writeln!(out, "{}", a.to_json())?;
            } else if flag("--cds-hooks") {
                writeln!(out, "{}", stenosis_core::cds_hooks_response(&a).to_json())?;
            } else {
                let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                out.write_all(report::render(&a, color).as_bytes())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some("batch") => {
            let [input, output] = positional.as_slice() else {
                return Err(Failure::Other(format!("usage: stenosis batch IN.jsonl OUT.jsonl\n\n{USAGE}")));
            };
            let threads = match args.iter().position(|a| a == "--threads") {
                Some(i) => args
                    .get(i + 1)
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|n| (1..=256).contains(n))
                    .ok_or_else(|| Failure::Other("--threads takes a whole number from 1 to 256".to_owned()))?,
                None => std::thread::available_parallelism().map_or(2, |n| n.get()),
            };
            let max_line_bytes = match args.iter().position(|a| a == "--max-line-bytes") {
                Some(i) => {
                    args.get(i + 1).and_then(|v| v.parse::<usize>().ok()).filter(|n| *n >= 1).ok_or_else(|| {
                        Failure::Other("--max-line-bytes takes a whole number of bytes, at least 1".to_owned())
                    })?
                }
                None => batch::DEFAULT_MAX_LINE_BYTES,
            };
            batch::run(input, output, &batch::Options { threads, max_line_bytes })
        }
        Some("findings") => {
            let mut out = io::stdout().lock();
            if flag("--json") {
                let list: Vec<serde_json::Value> = Finding::ALL
                    .iter()
                    .map(|f| {
                        serde_json::json!({
                            "id": f.id(), "group": f.group().id(), "definition": f.definition(),
                            "snomed_ct": f.snomed().map(|c| serde_json::json!({"code": c.code, "display": c.display})),
                        })
                    })
                    .collect();
                writeln!(out, "{}", serde_json::to_string_pretty(&list).unwrap_or_default())?;
            } else {
                let mut group = None;
                for f in Finding::ALL {
                    if group != Some(f.group()) {
                        group = Some(f.group());
                        writeln!(out, "\n{}", f.group().label())?;
                    }
                    let code = f.snomed().map(|c| format!("  [SNOMED CT {}]", c.code)).unwrap_or_default();
                    writeln!(out, "  {:<36} {}{}", f.id(), f.definition(), code)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some("schema") => {
            let schema = stenosis_core::presentation_schema();
            writeln!(io::stdout().lock(), "{}", serde_json::to_string_pretty(&schema).unwrap_or_default())?;
            Ok(ExitCode::SUCCESS)
        }
        Some("--version" | "-V" | "version") => {
            writeln!(
                io::stdout().lock(),
                "stenosis {} (knowledge base {})",
                stenosis_core::ENGINE_VERSION,
                stenosis_core::KNOWLEDGE_BASE_VERSION
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some("--help" | "-h" | "help") => {
            io::stdout().lock().write_all(USAGE.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => {
            let shown = if other.len() <= 32 && other.bytes().all(|b| b.is_ascii_graphic()) { other } else { "?" };
            Err(Failure::Other(format!("unknown command `{shown}`\n\n{USAGE}")))
        }
        None => Err(Failure::Other(USAGE.to_owned())),
    }
}

fn read_input(path: &str) -> Result<Vec<u8>, Failure> {
    let mut buf = Vec::new();
    if path == "-" {
        io::stdin().lock().read_to_end(&mut buf).map_err(|e| batch::io_failure("standard input", "read", &e))?;
    } else {
        buf = std::fs::read(path).map_err(|e| batch::io_failure(path, "read", &e))?;
    }
    Ok(buf)
}

/// Short symbols for the report.
pub(crate) fn bar(l: Likelihood) -> &'static str {
    match l {
        Likelihood::High => "###",
        Likelihood::Moderate => "## ",
        Likelihood::Low => "#  ",
    }
}

/// Urgency label for the report.
pub(crate) fn urgency_label(u: Urgency) -> &'static str {
    match u {
        Urgency::Emergency => "EMERGENCY",
        Urgency::Urgent => "URGENT",
        Urgency::Routine => "routine",
    }
}
