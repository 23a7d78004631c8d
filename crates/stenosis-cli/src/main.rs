//! `stenosis`: the command-line tool of the stenosis decision-support engine.
//!
//! The command line is defined once, with clap's derive ([`Cli`]); the help, the shell
//! completions (`stenosis completions bash|zsh|fish`) and the man page (`stenosis man`) are all
//! generated from that definition. Unknown flags and subcommands are refused with a suggestion.
//!
//! Exit status: 0 success, 2 invalid input or usage (the message names the field or the flag),
//! 1 anything else, 141 quietly when standard output is a closed pipe.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use stenosis_core::{assess, Finding, Presentation};
use stenosis_render::{html, patient, text};

mod aligned;
mod batch;

/// Is this patient's leg problem coming from the cervical spinal cord?
///
/// Decision support for clinicians, not a diagnosis. Give it what is known about a patient with
/// leg symptoms (a Presentation, JSON); it says how likely the cervical cord is the cause, what
/// else it could be, what to examine or image next and how urgently, with reasons and citations.
#[derive(Debug, Parser)]
#[command(name = "stenosis", propagate_version = true, arg_required_else_help = true, max_term_width = 100)]
#[command(after_help = "Exit status: 0 success; 2 invalid input or usage (the message names the field or flag); \
1 other errors (I/O errors name their path); 141 quietly when standard output is a closed pipe.")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Assess one Presentation and print the report (or JSON, CDS Hooks cards, HTML).
    Assess(AssessArgs),
    /// Assess one Presentation per line (JSON Lines), in order, into one result per line.
    ///
    /// A bad line becomes an error record naming its line number and field; the rest go on. OUT
    /// is written to a temporary file and renamed into place when complete; OUT may not be IN.
    Batch(BatchArgs),
    /// List the finding vocabulary with definitions and codes.
    Findings {
        /// The list as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the reference registry: every source the knowledge base cites, by citation id (the
    /// ids that `--detail standard` records give in `citations`).
    References {
        /// The registry as JSON: an array of citation objects, each exactly as a full Assessment's
        /// `citations` gives it.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of a Presentation.
    Schema,
    /// Print a shell completion script (for example: stenosis completions bash > /etc/bash_completion.d/stenosis).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff), generated from the same definitions as --help.
    Man,
    /// Read a FHIR R4 Bundle and print the Presentation it gives and its provenance (JSON): which
    /// resource set each field, and every resource or code not used, with the reason.
    Fhir(FhirArgs),
    /// Run the CDS Hooks 2.0 service (patient-view and order-select) until SIGTERM.
    ///
    /// Authentication (a signed JWT on every call, as the CDS Hooks specification's "Trusting CDS
    /// Clients" says) is on by default and needs a config file with base_url and [[clients]].
    Serve(ServeArgs),
}

/// Options for reading FHIR.
#[derive(Debug, Args)]
struct FhirOptions {
    /// A site map (JSON or TOML) adding the site's local codes to the built-in verified ones.
    #[arg(long, value_name = "FILE")]
    site_map: Option<String>,
    /// The date ages are computed at (YYYY-MM-DD; default: today, UTC).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
}

#[derive(Debug, Args)]
struct FhirArgs {
    /// The FHIR R4 Bundle (JSON file), or - for standard input.
    #[arg(value_name = "BUNDLE.json", required_unless_present = "codes")]
    file: Option<String>,
    /// Print the code map instead (built-in verified codes with their sources, then the site
    /// map's), as JSON.
    #[arg(long, conflicts_with = "file")]
    codes: bool,
    #[command(flatten)]
    fhir: FhirOptions,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    listen: String,
    /// The service's config file (TOML; see the README's deployment section).
    #[arg(long, value_name = "FILE")]
    config: Option<String>,
    /// Accept calls without a JWT. For local trials only, never with patient data.
    #[arg(long)]
    insecure_no_auth: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    /// Colour when standard output is a terminal and NO_COLOR is not set (or empty).
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Audience {
    /// The clinician's report (the default).
    Clinician,
    /// The patient's view: plain words, what happens next and how soon, when to seek help.
    Patient,
}

#[derive(Debug, Args)]
struct AssessArgs {
    /// The Presentation (JSON file), or - for standard input.
    #[arg(value_name = "FILE")]
    file: String,
    /// FILE is a FHIR R4 Bundle, read with the built-in verified codes (and --site-map).
    #[arg(long)]
    fhir: bool,
    #[command(flatten)]
    fhir_options: FhirOptions,
    /// Print the contract JSON of the Assessment instead of the report.
    #[arg(long, conflicts_with_all = ["cds_hooks", "html", "audience", "brief"])]
    json: bool,
    /// Print the Assessment as JSON at this detail level (implies --json): full (the contract
    /// JSON, the default of --json), standard (no next findings, citations as ids: see `stenosis
    /// references`) or summary (the headline).
    #[arg(long, value_name = "LEVEL", value_parser = detail_parser(),
          conflicts_with_all = ["cds_hooks", "html", "audience", "brief"])]
    detail: Option<batch::Detail>,
    /// Print an HL7 CDS Hooks 2.0 response (a list of cards) instead of the report.
    #[arg(long, conflicts_with_all = ["html", "audience", "brief"])]
    cds_hooks: bool,
    /// Write a standalone HTML page (no network, light and dark, printable) to OUT (- for
    /// standard output).
    #[arg(long, value_name = "OUT.html")]
    html: Option<String>,
    /// Add the presentation itself to the HTML page.
    #[arg(long, requires = "html")]
    show_presentation: bool,
    /// Who the report is for.
    #[arg(long, value_enum, default_value_t = Audience::Clinician)]
    audience: Audience,
    /// Print only the bottom line (red flags, pathway, likeliest conditions, first actions).
    #[arg(long)]
    brief: bool,
    /// Leave the reference list out of the report.
    #[arg(long)]
    no_references: bool,
    /// When to colour the report.
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,
    /// Wrap the report to this many columns (default: the terminal's width, else 80).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
}

#[derive(Debug, Args)]
struct BatchArgs {
    /// Input: one Presentation (JSON) per line, or - for standard input.
    #[arg(value_name = "IN.jsonl")]
    input: String,
    /// Output: one result per line, or - for standard output.
    #[arg(value_name = "OUT.jsonl")]
    output: String,
    /// Worker threads (default: every core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,
    /// A line longer than this many bytes becomes an error record.
    #[arg(long, value_name = "N", default_value_t = batch::DEFAULT_MAX_LINE_BYTES,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    max_line_bytes: usize,
    /// How much each record says: full (the contract JSON), standard (no next findings,
    /// citations as ids) or summary (the headline).
    #[arg(long, default_value_t = batch::Detail::Full, value_parser = detail_parser())]
    detail: batch::Detail,
}

/// Why the tool stopped.
enum Failure {
    /// Invalid input: exit 2.
    Input(String),
    /// Anything else (I/O): exit 1.
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

/// The command-line definition, with the knowledge-base version in `--version`.
/// Parses `--detail`: the core's level ids (`full`, `standard`, `summary`), listed in `--help`.
fn detail_parser() -> impl clap::builder::TypedValueParser<Value = batch::Detail> {
    use clap::builder::{PossibleValue, TypedValueParser};
    let help = |d: batch::Detail| match d {
        batch::Detail::Full => "The full Assessment (the contract JSON)",
        batch::Detail::Standard => {
            "Everything but `next_findings`, with the top-level `citations` as ids (the full references are in any
             `full` record)"
        }
        batch::Detail::Summary => {
            "The headline: top condition, myelopathy likelihood, Cook count, pathway, cervical MRI urgency, \
             severity class, red flag and warning ids"
        }
    };
    clap::builder::PossibleValuesParser::new(
        batch::Detail::ALL.iter().map(|&d| PossibleValue::new(d.id()).help(help(d))),
    )
    .map(|s| s.parse::<batch::Detail>().unwrap_or_default())
}

fn command() -> clap::Command {
    Cli::command().version(format!(
        "{} (knowledge base {})",
        stenosis_core::ENGINE_VERSION,
        stenosis_core::KNOWLEDGE_BASE_VERSION
    ))
}

fn main() -> ExitCode {
    // Usage errors (unknown flag or subcommand, with a suggestion), --help and --version: clap
    // prints them and exits 2 (or 0 for help and version).
    let parsed = command().try_get_matches().and_then(|m| Cli::from_arg_matches(&m));
    // A panic would be a bug; make sure it still exits 1 with a message, never a crash dump.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match parsed {
        Ok(cli) => run(cli),
        Err(e) => clap_message(&e),
    }))
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

/// Prints what clap has to say: help and version on standard output (exit 0; a closed pipe or a
/// full device handled as for any other output), usage errors on standard error (exit 2).
fn clap_message(e: &clap::Error) -> Result<ExitCode, Failure> {
    let rendered = e.render();
    if e.use_stderr() {
        let styled = io::stderr().is_terminal() && std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty());
        let text = if styled { rendered.ansi().to_string() } else { rendered.to_string() };
        let _ = io::stderr().write_all(text.as_bytes());
        return Ok(ExitCode::from(2));
    }
    io::stdout().lock().write_all(rendered.to_string().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Assess(args) => assess_command(&args),
        Command::Batch(args) => {
            let threads = match args.threads {
                Some(n) => usize::from(n),
                None => std::thread::available_parallelism().map_or(2, |n| n.get()),
            };
            batch::run(
                &args.input,
                &args.output,
                &batch::Options { threads, max_line_bytes: args.max_line_bytes, detail: args.detail },
            )
        }
        Command::Findings { json } => findings(json),
        Command::References { json } => references(json),
        Command::Schema => {
            let schema = stenosis_core::presentation_schema();
            writeln!(io::stdout().lock(), "{}", serde_json::to_string_pretty(&schema).unwrap_or_default())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut cmd = command();
            let out = &mut io::stdout().lock();
            match shell {
                Shell::Bash => clap_complete::generate(clap_complete::Shell::Bash, &mut cmd, "stenosis", out),
                Shell::Zsh => clap_complete::generate(clap_complete::Shell::Zsh, &mut cmd, "stenosis", out),
                Shell::Fish => clap_complete::generate(clap_complete::Shell::Fish, &mut cmd, "stenosis", out),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(command()).render(&mut buf)?;
            io::stdout().lock().write_all(&buf)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Fhir(args) => {
            let value = match &args.file {
                Some(file) if !args.codes => read_fhir(file, &args.fhir)?.to_value(),
                _ => code_map(&args.fhir)?.to_value(),
            };
            writeln!(io::stdout().lock(), "{}", serde_json::to_string_pretty(&value).unwrap_or_default())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let opts = stenosis_serve::ServeOptions {
                listen: args.listen,
                config: args.config,
                insecure_no_auth: args.insecure_no_auth,
            };
            stenosis_serve::run(&opts).map_err(Failure::Input)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The built-in code map plus `--site-map`.
fn code_map(opts: &FhirOptions) -> Result<stenosis_fhir::CodeMap, Failure> {
    let map = stenosis_fhir::CodeMap::builtin();
    let Some(path) = &opts.site_map else { return Ok(map) };
    let text = std::fs::read_to_string(path).map_err(|e| batch::io_failure(path, "read", &e))?;
    map.with_site_map(&text, stenosis_fhir::SiteMapFormat::from_path(path))
        .map_err(|e| Failure::Input(format!("{path}: {e}")))
}

/// Reads a FHIR Bundle file with the built-in code map plus the site map, at `--as-of`.
fn read_fhir(file: &str, opts: &FhirOptions) -> Result<stenosis_fhir::FhirPresentation, Failure> {
    let map = code_map(opts)?;
    let as_of = match &opts.as_of {
        Some(d) => stenosis_fhir::Date::parse(d)
            .ok_or_else(|| Failure::Input(format!("--as-of {d}: not a date like 2026-12-01")))?,
        None => {
            let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
            stenosis_fhir::Date::from_unix_seconds(i64::try_from(secs).unwrap_or(0))
        }
    };
    let text = read_input(file)?;
    let text = String::from_utf8(text).map_err(|_| Failure::Input(format!("{file}: not UTF-8 text")))?;
    stenosis_fhir::Reader::new(&map, as_of).read_bundle_json(&text).map_err(|e| Failure::Input(format!("{file}: {e}")))
}

/// Colour for the report: `--color`, else a terminal without `NO_COLOR` (set and non-empty).
fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty()),
    }
}

/// The terminal's size (columns, rows) when standard output is one, else `COLUMNS`/`LINES`, else
/// 80 by 24.
fn screen(width: Option<u16>) -> (usize, usize) {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<usize>().ok()).filter(|n| *n > 0);
    let term = terminal_size::terminal_size_of(io::stdout())
        .map(|(terminal_size::Width(w), terminal_size::Height(h))| (usize::from(w), usize::from(h)));
    let cols = width.map(usize::from).or(term.map(|t| t.0)).or_else(|| env("COLUMNS")).unwrap_or(80);
    let rows = term.map(|t| t.1).or_else(|| env("LINES")).unwrap_or(24);
    (cols.max(20), rows.max(10))
}

fn assess_command(args: &AssessArgs) -> Result<ExitCode, Failure> {
    let p = if args.fhir {
        read_fhir(&args.file, &args.fhir_options)?.presentation
    } else {
        if args.fhir_options.site_map.is_some() || args.fhir_options.as_of.is_some() {
            return Err(Failure::Input("--site-map and --as-of need --fhir".to_owned()));
        }
        let text = read_input(&args.file)?;
        Presentation::from_json_bytes(&text).map_err(|e| Failure::Input(e.to_string()))?
    };
    if args.json || args.detail.is_some() {
        let detail = args.detail.unwrap_or_default();
        writeln!(io::stdout().lock(), "{}", stenosis_core::assess_json(&p, detail))?;
        return Ok(ExitCode::SUCCESS);
    }
    let a = assess(&p);
    if let Some(out) = &args.html {
        let page = match args.audience {
            Audience::Clinician => {
                html::page(&a, &html::HtmlOptions { presentation: args.show_presentation.then_some(&p) })
            }
            Audience::Patient => patient::html(&a),
        };
        write_output(out, &args.file, page.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = io::stdout().lock();
    if args.cds_hooks {
        writeln!(out, "{}", stenosis_core::cds_hooks_response(&a).to_json())?;
    } else {
        let (width, height) = screen(args.width);
        let report = match args.audience {
            Audience::Clinician => text::report(
                &a,
                &text::TextOptions {
                    width,
                    height,
                    color: use_color(args.color),
                    brief: args.brief,
                    references: !args.no_references,
                },
            ),
            Audience::Patient => patient::text(&a, width),
        };
        out.write_all(report.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn findings(json: bool) -> Result<ExitCode, Failure> {
    let mut out = io::stdout().lock();
    if json {
        let list: Vec<serde_json::Value> = Finding::ALL
            .iter()
            .map(|f| {
                serde_json::json!({
                    "id": f.id(), "label": f.label(), "group": f.group().id(), "definition": f.definition(),
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

/// `stenosis references`: the registry as the core writes it (`--json`), or one reference a
/// paragraph: the id, then authors, title, source, year and link.
fn references(json: bool) -> Result<ExitCode, Failure> {
    let mut out = io::stdout().lock();
    if json {
        writeln!(out, "{}", stenosis_core::references_json())?;
        return Ok(ExitCode::SUCCESS);
    }
    for r in stenosis_core::references() {
        let authors =
            if r.authors.is_empty() { String::new() } else { format!("{}. ", r.authors.trim_end_matches('.')) };
        writeln!(out, "{}\n  {authors}{}. {} ({}).", r.id.id(), r.title.trim_end_matches('.'), r.source, r.year)?;
        if let Some(url) = &r.url {
            writeln!(out, "  {url}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
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

/// Writes `bytes` to `out` (`-`: standard output): to a temporary file beside it, then renamed,
/// so that no partial file ever looks complete. Refuses to overwrite the input.
fn write_output(out: &str, input: &str, bytes: &[u8]) -> Result<(), Failure> {
    if out == "-" {
        io::stdout().lock().write_all(bytes)?;
        return Ok(());
    }
    let dest = Path::new(out);
    if input != "-" {
        if let (Ok(a), Ok(b)) = (std::fs::canonicalize(input), std::fs::canonicalize(dest)) {
            if a == b {
                return Err(Failure::Input(format!("--html: {out} is the input file; refusing to overwrite it")));
            }
        }
    }
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp: PathBuf = dest.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, dest));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(batch::io_failure(out, "write", &e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        command().debug_assert();
    }
}
