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

use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::process::ExitCode;

use stenosis_core::{assess, Finding, InputError, Likelihood, Presentation, Urgency};

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
                                     line number and field; the rest go on.
  stenosis findings [--json]         The finding vocabulary with definitions and codes.
  stenosis schema                    The JSON Schema of a Presentation.
  stenosis --version | --help

Exit status: 0 success, 2 invalid input (message on stderr names the field), 1 other errors.
";

/// Why the tool stopped.
enum Failure {
    /// Invalid input: exit 2.
    Input(String),
    /// Anything else (I/O, usage): exit 1.
    Other(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Other(format!("I/O error: {e}"))
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // A panic would be a bug; make sure it still exits 1 with a message, never a crash dump.
    let result = std::panic::catch_unwind(|| run(&args))
        .unwrap_or_else(|_| Err(Failure::Other("internal error (a bug in stenosis; please report it)".to_owned())));
    match result {
        Ok(code) => code,
        Err(Failure::Input(msg)) => {
            eprintln!("stenosis: invalid input: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Other(msg)) => {
            eprintln!("stenosis: {msg}");
            ExitCode::from(1)
        }
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
            } else if a == "--threads" {
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
            batch(input, output, threads)
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
            println!(
                "stenosis {} (knowledge base {})",
                stenosis_core::ENGINE_VERSION,
                stenosis_core::KNOWLEDGE_BASE_VERSION
            );
            Ok(ExitCode::SUCCESS)
        }
        Some("--help" | "-h" | "help") => {
            print!("{USAGE}");
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
        io::stdin().lock().read_to_end(&mut buf)?;
    } else {
        buf = std::fs::read(path).map_err(|e| Failure::Other(format!("cannot read {path}: {e}")))?;
    }
    Ok(buf)
}

/// The output record of one batch line.
fn batch_record(line_no: u64, line: &[u8]) -> (String, bool) {
    match Presentation::from_json_bytes(trim_line(line)) {
        Ok(p) => (assess(&p).to_json(), true),
        Err(e) => (error_record(line_no, &e), false),
    }
}

fn trim_line(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn error_record(line_no: u64, e: &InputError) -> String {
    serde_json::json!({
        "line": line_no,
        "error": {"kind": e.kind().id(), "field": e.field(), "message": e.message()},
    })
    .to_string()
}

/// Lines per chunk: bounds memory (a chunk in, a chunk out) whatever the file's length.
const CHUNK_LINES: usize = 1024;

fn batch(input: &str, output: &str, threads: usize) -> Result<ExitCode, Failure> {
    let reader: Box<dyn BufRead> = if input == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        Box::new(BufReader::new(
            std::fs::File::open(input).map_err(|e| Failure::Other(format!("cannot read {input}: {e}")))?,
        ))
    };
    let total_bytes = if input == "-" { None } else { std::fs::metadata(input).ok().map(|m| m.len()) };
    let out_file = std::fs::File::create(output).map_err(|e| Failure::Other(format!("cannot write {output}: {e}")))?;
    let mut out = BufWriter::new(out_file);

    let progress = if io::stderr().is_terminal() {
        let bar = match total_bytes {
            Some(n) => indicatif::ProgressBar::new(n),
            None => indicatif::ProgressBar::new_spinner(),
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}",
        ) {
            bar.set_style(style);
        }
        Some(bar)
    } else {
        None
    };

    let (mut assessed, mut refused, mut line_no) = (0u64, 0u64, 0u64);
    let mut lines = reader.split(b'\n');
    loop {
        let mut chunk: Vec<(u64, Vec<u8>)> = Vec::with_capacity(CHUNK_LINES);
        for line in lines.by_ref().take(CHUNK_LINES) {
            line_no += 1;
            chunk.push((line_no, line?));
        }
        if chunk.is_empty() {
            break;
        }
        let bytes: u64 = chunk.iter().map(|(_, l)| l.len() as u64 + 1).sum();
        let per = chunk.len().div_ceil(threads.max(1)).max(1);
        let results: Vec<Vec<(String, bool)>> = std::thread::scope(|s| {
            let handles: Vec<_> = chunk
                .chunks(per)
                .map(|part| s.spawn(move || part.iter().map(|(n, l)| batch_record(*n, l)).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        vec![(r#"{"error":{"kind":"internal","message":"internal error"}}"#.to_owned(), false)]
                    })
                })
                .collect()
        });
        for (record, ok) in results.into_iter().flatten() {
            out.write_all(record.as_bytes())?;
            out.write_all(b"\n")?;
            if ok {
                assessed += 1;
            } else {
                refused += 1;
            }
        }
        if let Some(bar) = &progress {
            bar.inc(bytes);
            bar.set_message(format!("{assessed} assessed, {refused} refused"));
        }
    }
    out.flush()?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    eprintln!("stenosis batch: {} lines: {assessed} assessed, {refused} refused", assessed + refused);
    Ok(if refused > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
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
