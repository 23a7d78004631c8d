//! `stenosis batch` fault cases (issue 12): the input is never destroyed, OUT is never left
//! partial, every I/O error names its path, and each case has its documented exit status.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stenosis"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).stdin(Stdio::null()).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stenosis-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const GOOD: &str = "{\"age_years\": 61, \"findings\": {\"hoffmann_sign\": \"present\"}}\n{\"findings\": {}}\n";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The names in `dir`, sorted: shows a leftover temporary file.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn out_same_as_in_is_refused_with_exit_2_and_the_input_kept() {
    let dir = scratch("same");
    let input = dir.join("in.jsonl");
    std::fs::write(&input, GOOD).unwrap();
    std::os::unix::fs::symlink(&input, dir.join("sym.jsonl")).unwrap();
    std::fs::hard_link(&input, dir.join("hard.jsonl")).unwrap();
    let dotted = format!("{}/./in.jsonl", s(&dir));
    for out in [s(&input), s(&dir.join("sym.jsonl")), s(&dir.join("hard.jsonl")), dotted.as_str()] {
        let o = run(&["batch", s(&input), out]);
        assert_eq!(o.status.code(), Some(2), "OUT {out}: {}", stderr(&o));
        assert!(stderr(&o).contains("same file as the input"), "{}", stderr(&o));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), GOOD, "OUT {out} must not touch the input");
    }
    // Through standard input too: `stenosis batch - in.jsonl < in.jsonl`.
    let o = bin().args(["batch", "-", s(&input)]).stdin(std::fs::File::open(&input).unwrap()).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), GOOD);
    assert_eq!(listing(&dir), ["hard.jsonl", "in.jsonl", "sym.jsonl"], "no temporary file left");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn success_replaces_out_atomically_and_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("replace");
    let input = dir.join("in.jsonl");
    let out = dir.join("out.jsonl");
    std::fs::write(&input, GOOD).unwrap();
    std::fs::write(&out, "previous\n").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = run(&["batch", s(&input), s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.lines().all(|l| l.starts_with("{\"differential\"")), "{text}");
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o640);
    // Through a symbolic link: the link stays a link and its target gets the records.
    let link = dir.join("link.jsonl");
    std::os::unix::fs::symlink(&out, &link).unwrap();
    std::fs::write(&out, "previous\n").unwrap();
    let o = run(&["batch", s(&input), s(&link)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
    assert_eq!(listing(&dir), ["in.jsonl", "link.jsonl", "out.jsonl"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn stdout_as_out_gives_the_same_records() {
    let dir = scratch("stdout");
    let input = dir.join("in.jsonl");
    let out = dir.join("out.jsonl");
    std::fs::write(&input, GOOD).unwrap();
    assert_eq!(run(&["batch", s(&input), s(&out)]).status.code(), Some(0));
    let o = run(&["batch", s(&input), "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(o.stdout, std::fs::read(&out).unwrap());
    // stdin to stdout.
    let o = bin().args(["batch", "-", "-"]).stdin(std::fs::File::open(&input).unwrap()).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(o.stdout, std::fs::read(&out).unwrap());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn io_errors_exit_1_name_their_path_and_create_nothing() {
    let dir = scratch("io");
    let input = dir.join("in.jsonl");
    std::fs::write(&input, GOOD).unwrap();
    let out = dir.join("out.jsonl");
    let missing = dir.join("missing.jsonl");
    let no_dir_out = dir.join("no-such-dir/out.jsonl");
    let cases: [(&str, &str, &str); 4] = [
        (s(&missing), s(&out), s(&missing)),         // input does not exist
        (s(&dir), s(&out), s(&dir)),                 // input is a directory
        (s(&input), s(&dir), s(&dir)),               // output is a directory
        (s(&input), s(&no_dir_out), s(&no_dir_out)), // output's directory does not exist
    ];
    for (i, o_path, named) in cases {
        let o = run(&["batch", i, o_path]);
        assert_eq!(o.status.code(), Some(1), "batch {i} {o_path}: {}", stderr(&o));
        assert!(stderr(&o).contains(named), "{:?} should name {named}", stderr(&o));
        assert_eq!(listing(&dir), ["in.jsonl"], "batch {i} {o_path} created something");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_full_device_fails_with_exit_1_naming_it() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = scratch("full");
    let input = dir.join("in.jsonl");
    std::fs::write(&input, GOOD).unwrap();
    let o = run(&["batch", s(&input), "/dev/full"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/full"), "{}", stderr(&o));
    assert!(stderr(&o).contains("No space left"), "{}", stderr(&o));
    // Standard output on a full device: named as such.
    let o = bin().args(["batch", s(&input), "-"]).stdout(std::fs::File::create("/dev/full").unwrap()).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("standard output"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_overlong_line_becomes_an_error_record_and_the_rest_go_on() {
    let dir = scratch("long");
    let input = dir.join("in.jsonl");
    let out = dir.join("out.jsonl");
    let long = format!("{{\"findings\": {{}}, \"age_years\": 50{}}}", " ".repeat(5000));
    std::fs::write(&input, format!("{{\"age_years\": 40}}\n{long}\n{{\"age_years\": 41}}\n")).unwrap();
    let o = run(&["batch", s(&input), s(&out), "--max-line-bytes", "1000"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let records: Vec<serde_json::Value> =
        std::fs::read_to_string(&out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(records[1]["line"], 2);
    assert_eq!(records[1]["error"]["kind"], "line_too_long");
    assert!(records[1]["error"]["message"].as_str().unwrap().contains("1000"));
    assert!(records[0]["differential"].is_array() && records[2]["differential"].is_array());
    // The default limit accepts it.
    assert_eq!(run(&["batch", s(&input), s(&out)]).status.code(), Some(0));
    // A bad limit is a usage error (exit 2, as every usage error).
    assert_eq!(run(&["batch", s(&input), s(&out), "--max-line-bytes", "0"]).status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

/// Waits until `dir` holds a temporary file of the batch run, returning false after ~20 s.
fn wait_for_temp(dir: &Path) -> bool {
    for _ in 0..400 {
        if listing(dir).iter().any(|n| n.ends_with(".tmp")) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

#[test]
fn sigint_and_sigterm_leave_the_previous_out_and_no_temporary_file() {
    for (signal, number) in [("INT", 2), ("TERM", 15), ("HUP", 1)] {
        let dir = scratch(&format!("signal-{signal}"));
        let out = dir.join("out.jsonl");
        std::fs::write(&out, "previous complete run\n").unwrap();
        let mut child = bin()
            .args(["batch", "-", s(&out)])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Some rows, with standard input left open so the run is still going.
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(GOOD.repeat(10).as_bytes()).unwrap();
        stdin.flush().unwrap();
        assert!(wait_for_temp(&dir), "the run never created its temporary file");
        let kill = Command::new("kill").args([format!("-{signal}"), child.id().to_string()]).status().unwrap();
        assert!(kill.success());
        let status = child.wait().unwrap();
        drop(stdin);
        assert_eq!(status.signal(), Some(number), "SIG{signal}: {status:?}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous complete run\n", "SIG{signal}");
        assert_eq!(listing(&dir), ["out.jsonl"], "SIG{signal} left a temporary file");
        std::fs::remove_dir_all(&dir).ok();
    }
}

/// A pipe whose reading end is already closed: the child's stdin of a finished `true`.
fn closed_pipe() -> Stdio {
    let mut reader = Command::new("true").stdin(Stdio::piped()).spawn().unwrap();
    let write_end = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    Stdio::from(write_end)
}

#[test]
fn version_help_and_output_on_a_closed_pipe_or_full_device_never_panic() {
    let dir = scratch("pipe");
    let input = dir.join("in.jsonl");
    std::fs::write(&input, GOOD.repeat(2000)).unwrap();
    let commands: [&[&str]; 6] = [
        &["--version"],
        &["--help"],
        &["findings"],
        &["schema"],
        &["assess", "--json", "../../examples/cases/cauda-equina.json"],
        &["batch", s(&input), "-"],
    ];
    for args in commands {
        let o = bin().args(args).current_dir(env!("CARGO_MANIFEST_DIR")).stdout(closed_pipe()).output().unwrap();
        assert_eq!(o.status.code(), Some(141), "{args:?} on a closed pipe: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
        if Path::new("/dev/full").exists() {
            let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
            let o = bin().args(args).current_dir(env!("CARGO_MANIFEST_DIR")).stdout(full).output().unwrap();
            assert_eq!(o.status.code(), Some(1), "{args:?} on /dev/full: {}", stderr(&o));
            assert!(stderr(&o).contains("standard output"), "{args:?}: {}", stderr(&o));
            assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
