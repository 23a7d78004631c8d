//! `stenosis batch IN OUT`: one Presentation per line in, one record per line out, in order.
//!
//! What this module guarantees (issue 12, "nothing lost, nothing crashed"):
//!
//! - **The input is never overwritten.** When OUT is the same file as IN (same device and inode,
//!   so through a symbolic or a hard link too) the command refuses with exit 2 before it opens
//!   anything for writing.
//! - **No partial OUT pretending success.** Records go to a temporary file beside OUT
//!   (`.OUT.<pid>.<n>.tmp`), which is flushed, `fsync`ed and renamed over OUT only after the
//!   last record is written. A failure, a panic, SIGINT, SIGTERM or SIGHUP removes the temporary
//!   file and leaves OUT as it was (absent, or the previous complete run). When OUT exists and is
//!   not a regular file (a device such as `/dev/full`, a FIFO) it is written in place; `-` is
//!   standard output.
//! - **Bounded memory.** A line longer than the limit (`--max-line-bytes`, default
//!   [`DEFAULT_MAX_LINE_BYTES`]) is skipped without being held in memory and becomes an error
//!   record of kind `line_too_long`; the lines after it go on.
//! - **Per-row isolation.** Every row is assessed inside its own `catch_unwind`, so a panic (a bug)
//!   turns that row alone into an error record of kind `internal`.
//! - **Every I/O error names its path** (`standard input`/`standard output` for `-`).
//!
//! Exit status: 0 every line assessed; 2 some line refused (each has its error record), or OUT is
//! IN; 1 an I/O or usage error (nothing written to OUT); killed by the signal itself after
//! SIGINT/SIGTERM/SIGHUP (a shell shows 130/143/129); 141 quietly when standard output is a
//! closed pipe.

use std::ffi::OsString;
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, Once};

pub(crate) use stenosis_core::Detail;
use stenosis_core::{assess_json_into, InputError, Presentation, RecordId};

use crate::aligned::{AlignedFile, STAGE_BYTES};
use crate::Failure;

/// Default longest line, in bytes (without its line break). A Presentation with every finding
/// set is about 2 KB, so this leaves ample room while bounding memory per line.
pub(crate) const DEFAULT_MAX_LINE_BYTES: usize = 1 << 20;

/// Lines per chunk: bounds memory (a chunk in, a chunk out) whatever the file's length.
const CHUNK_LINES: usize = 1024;
/// Bytes per chunk: a chunk ends early once its lines add up to this much.
const CHUNK_BYTES: usize = 8 << 20;

/// Options of one batch run.
pub(crate) struct Options {
    /// Worker threads, each assessing whole chunks (1-256).
    pub(crate) threads: usize,
    /// How much each record says.
    pub(crate) detail: Detail,
    /// Longest accepted line in bytes; a longer one becomes a `line_too_long` error record.
    pub(crate) max_line_bytes: usize,
}

/// The temporary file that a signal must remove, if any. The signal thread and the final rename
/// both hold this lock, so a signal either removes the temporary file before the rename or
/// arrives after OUT is complete.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

fn pending() -> std::sync::MutexGuard<'static, Option<PathBuf>> {
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Installs (once) a thread that, on SIGINT, SIGTERM or SIGHUP, removes the pending temporary
/// file and then dies of the same signal.
fn install_signal_cleanup() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let mut guard = pending();
                if let Some(path) = guard.take() {
                    let _ = std::fs::remove_file(path);
                }
                // Keep the lock: no rename may happen after the cleanup.
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                std::process::exit(128 + sig);
            }
        });
    });
}

/// A temporary file beside OUT that is removed unless committed.
struct TempFile {
    path: PathBuf,
    committed: bool,
}

impl TempFile {
    fn create(dest: &Path, shown: &str) -> Result<(Self, File), Failure> {
        install_signal_cleanup();
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = dest.file_name().map(OsString::from).unwrap_or_else(|| OsString::from("out"));
        for n in 0u32.. {
            let mut tmp_name = OsString::from(".");
            tmp_name.push(&name);
            tmp_name.push(format!(".{}.{n}.tmp", std::process::id()));
            let path = dir.join(tmp_name);
            // Register before creating, so a signal between the two still finds it.
            *pending() = Some(path.clone());
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => return Ok((TempFile { path, committed: false }, file)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => continue,
                Err(e) => {
                    *pending() = None;
                    return Err(io_failure(shown, "write", &e));
                }
            }
        }
        Err(Failure::Other(format!("cannot write {shown}: no free temporary file name")))
    }

    /// Renames the temporary file over `dest`, under the signal lock.
    fn commit(mut self, dest: &Path, shown: &str) -> Result<(), Failure> {
        let mut guard = pending();
        std::fs::rename(&self.path, dest).map_err(|e| io_failure(shown, "write", &e))?;
        *guard = None;
        self.committed = true;
        drop(guard);
        // Make the rename itself durable; the data already is. Best effort: some file systems
        // refuse fsync on a directory.
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.committed {
            let mut guard = pending();
            let _ = std::fs::remove_file(&self.path);
            *guard = None;
        }
    }
}

/// Where the records go.
enum Sink {
    Stdout(BufWriter<io::Stdout>),
    /// A device or FIFO, written in place.
    Direct(BufWriter<File>),
    /// A regular file, written through a temporary file (directly to the disk where possible).
    Replace {
        out: AlignedFile,
        temp: TempFile,
        dest: PathBuf,
    },
}

impl Sink {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::Direct(w) => w,
            Sink::Replace { out, .. } => out,
        }
    }

    /// Flushes, syncs and (for a regular file) renames into place.
    fn finish(self, shown: &str) -> Result<(), Failure> {
        let err = |e: io::Error| io_failure(shown, "write", &e);
        match self {
            Sink::Stdout(mut w) => w.flush().map_err(err),
            Sink::Direct(w) => w.into_inner().map_err(|e| err(e.into_error())).map(drop),
            Sink::Replace { out, temp, dest } => {
                let file = out.finish().map_err(err)?;
                file.sync_all().map_err(err)?;
                drop(file);
                temp.commit(&dest, shown)
            }
        }
    }
}

/// An I/O failure naming its path; a closed pipe on standard output ends quietly.
pub(crate) fn io_failure(path: &str, action: &str, e: &io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::BrokenPipe
    } else {
        Failure::Other(format!("cannot {action} {path}: {e}"))
    }
}

fn shown(path: &str, stdio: &str) -> String {
    if path == "-" {
        stdio.to_owned()
    } else {
        path.to_owned()
    }
}

fn stdio_metadata(fd: std::os::fd::BorrowedFd<'_>) -> Option<Metadata> {
    fd.try_clone_to_owned().ok().map(File::from).and_then(|f| f.metadata().ok())
}

fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Runs `stenosis batch`.
pub(crate) fn run(input: &str, output: &str, options: &Options) -> Result<ExitCode, Failure> {
    let in_name = shown(input, "standard input");
    let out_name = shown(output, "standard output");

    // 1. Everything that can be refused is refused before anything is opened for writing.
    let in_meta = if input == "-" {
        stdio_metadata(io::stdin().as_fd())
    } else {
        Some(std::fs::metadata(input).map_err(|e| io_failure(&in_name, "read", &e))?)
    };
    if in_meta.as_ref().is_some_and(Metadata::is_dir) {
        return Err(Failure::Other(format!("cannot read {in_name}: it is a directory")));
    }
    let out_meta = if output == "-" {
        stdio_metadata(io::stdout().as_fd())
    } else {
        match std::fs::metadata(output) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(io_failure(&out_name, "write", &e)),
        }
    };
    if out_meta.as_ref().is_some_and(Metadata::is_dir) {
        return Err(Failure::Other(format!("cannot write {out_name}: it is a directory")));
    }
    if let (Some(i), Some(o)) = (&in_meta, &out_meta) {
        if i.is_file() && same_file(i, o) {
            return Err(Failure::Input(format!(
                "batch output {out_name} is the same file as the input {in_name}; refusing to overwrite the input \
                 (write to another file, then rename it)"
            )));
        }
    }

    // 2. Open the input, then the sink.
    let reader: Box<dyn BufRead + Send> = if input == "-" {
        Box::new(BufReader::with_capacity(64 << 10, io::stdin()))
    } else {
        let file = File::open(input).map_err(|e| io_failure(&in_name, "read", &e))?;
        Box::new(BufReader::with_capacity(64 << 10, file))
    };
    let total_bytes = in_meta.as_ref().filter(|m| m.is_file()).map(Metadata::len);
    let mut sink = open_sink(output, &out_name, out_meta.as_ref())?;

    let progress = progress_bar(total_bytes);
    let (assessed, refused) = process(reader, &mut sink, options, &in_name, &out_name, progress.as_ref())?;
    sink.finish(&out_name)?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let total = assessed + refused;
    let noun = if total == 1 { "line" } else { "lines" };
    let _ = writeln!(io::stderr(), "stenosis batch: {total} {noun}: {assessed} assessed, {refused} refused");
    Ok(if refused > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn open_sink(output: &str, out_name: &str, out_meta: Option<&Metadata>) -> Result<Sink, Failure> {
    if output == "-" {
        return Ok(Sink::Stdout(BufWriter::with_capacity(64 << 10, io::stdout())));
    }
    if let Some(m) = out_meta.filter(|m| !m.is_file()) {
        // A device or FIFO: there is nothing to replace, and renaming over it would be wrong.
        let _ = m;
        let file = OpenOptions::new().write(true).open(output).map_err(|e| io_failure(out_name, "write", &e))?;
        return Ok(Sink::Direct(BufWriter::with_capacity(64 << 10, file)));
    }
    // Write through a symbolic link to its target rather than replacing the link.
    let dest = match std::fs::symlink_metadata(output) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(output).map_err(|e| io_failure(out_name, "write", &e))?
        }
        _ => PathBuf::from(output),
    };
    let (temp, file) = TempFile::create(&dest, out_name)?;
    if let Some(m) = out_meta {
        // Keep the permissions of the file being replaced.
        let _ = file.set_permissions(std::fs::Permissions::from_mode(m.permissions().mode()));
    }
    let out = AlignedFile::new(file, &temp.path, STAGE_BYTES).map_err(|e| io_failure(out_name, "write", &e))?;
    Ok(Sink::Replace { out, temp, dest })
}

fn progress_bar(total_bytes: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar = match total_bytes {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::new_spinner(),
    };
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// Reads every line, assesses it and writes its record; returns (assessed, refused).
///
/// The stages overlap, so that neither reading nor writing leaves the cores idle: a reader
/// thread cuts the input into numbered chunks, `options.threads` workers each take the next
/// chunk and write its records into one buffer, and this thread writes the buffers in chunk
/// order (holding one that arrives early until its turn). No worker waits for another: a chunk
/// is one worker's. At most `2 × threads + 2` chunks are in flight between the reader and the
/// writer ([`Gate`]), so memory stays bounded whatever the input's length. The buffers go back to a pool once written, so that no
/// memory is allocated (or faulted in) per record and the writes are large. A read error stops
/// the run after the records of the lines before it are written; a write error stops the
/// reader and the workers too.
fn process(
    mut reader: Box<dyn BufRead + Send>,
    sink: &mut Sink,
    options: &Options,
    in_name: &str,
    out_name: &str,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<(u64, u64), Failure> {
    let record = match options.detail {
        Detail::Full => batch_record,
        Detail::Standard => standard_record,
        Detail::Summary => summary_record,
    };
    let pool = Pool::default();
    let pool = &pool;
    // Chunks between the reader and the writer, wherever they are (in a channel, in a worker,
    // or assessed before their turn): a worker held up cannot let the others pile up records.
    let gate = Gate::new(2 * options.threads.max(1) + 2);
    let gate = &gate;
    std::thread::scope(|s| {
        let (chunk_tx, chunk_rx) = std::sync::mpsc::sync_channel::<(u64, Result<Chunk, Failure>)>(2);
        // The workers take turns at the reader's channel; when the last one stops (the writer
        // failed), the channel closes and the reader stops too.
        let chunk_rx = std::sync::Arc::new(Mutex::new(chunk_rx));
        let (record_tx, record_rx) = std::sync::mpsc::sync_channel::<(u64, Result<(Records, usize), Failure>)>(2);
        s.spawn(move || {
            let mut line_no = 0u64;
            for seq in 0u64.. {
                if !gate.enter() {
                    // The writer stopped.
                    return;
                }
                let mut chunk = Chunk { text: pool.text(), lines: Vec::with_capacity(CHUNK_LINES), bytes: 0 };
                match read_chunk(&mut *reader, options.max_line_bytes, &mut line_no, &mut chunk) {
                    Ok(true) if chunk.lines.is_empty() => return,
                    Ok(eof) => {
                        if chunk_tx.send((seq, Ok(chunk))).is_err() || eof {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = chunk_tx.send((seq, Err(io_failure(in_name, "read", &e))));
                        return;
                    }
                }
            }
        });
        for _ in 0..options.threads.max(1) {
            let record_tx = record_tx.clone();
            let chunk_rx = std::sync::Arc::clone(&chunk_rx);
            s.spawn(move || loop {
                let next = chunk_rx.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                let Ok((seq, chunk)) = next else { return };
                let done = chunk.map(|chunk| {
                    let records = assess_chunk(&chunk, options, record, pool);
                    pool.give_text(chunk.text);
                    (records, chunk.bytes)
                });
                if record_tx.send((seq, done)).is_err() {
                    // The writer stopped on an error; it reports it.
                    return;
                }
            });
        }
        drop((record_tx, chunk_rx));
        // However the writer ends, the reader must not wait for room any more.
        let _close = Closing(gate);
        let (mut assessed, mut refused) = (0u64, 0u64);
        let out = sink.writer();
        let mut early = std::collections::BTreeMap::new();
        let mut next = 0u64;
        for (seq, done) in record_rx {
            early.insert(seq, done);
            while let Some(done) = early.remove(&next) {
                next += 1;
                let (records, chunk_bytes) = done?;
                out.write_all(records.text.as_bytes()).map_err(|e| io_failure(out_name, "write", &e))?;
                assessed += records.assessed;
                refused += records.refused;
                pool.give_records(records.text);
                gate.leave();
                if let Some(bar) = progress {
                    bar.inc(chunk_bytes as u64);
                    bar.set_message(format!("{assessed} assessed, {refused} refused"));
                }
            }
        }
        Ok((assessed, refused))
    })
}

/// A bound on the chunks in flight: the reader enters before reading a chunk, the writer leaves
/// once it is written. Closed, it lets nobody wait.
struct Gate {
    /// Chunks still allowed in, and whether the gate is closed.
    state: Mutex<(usize, bool)>,
    changed: std::sync::Condvar,
}

impl Gate {
    fn new(room: usize) -> Self {
        Gate { state: Mutex::new((room, false)), changed: std::sync::Condvar::new() }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (usize, bool)> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits for room; false once the gate is closed.
    fn enter(&self) -> bool {
        let mut state = self.lock();
        while state.0 == 0 && !state.1 {
            state = self.changed.wait(state).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        if state.1 {
            return false;
        }
        state.0 -= 1;
        true
    }

    fn leave(&self) {
        self.lock().0 += 1;
        self.changed.notify_all();
    }

    fn close(&self) {
        self.lock().1 = true;
        self.changed.notify_all();
    }
}

/// Closes the gate when dropped (the writer's end, by error or not).
struct Closing<'a>(&'a Gate);

impl Drop for Closing<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Buffers handed back once used: the input text of chunks and the records written from them.
/// At most a few chunks are in flight, so the pool stays small.
#[derive(Default)]
struct Pool {
    texts: Mutex<Vec<Vec<u8>>>,
    records: Mutex<Vec<String>>,
}

impl Pool {
    fn text(&self) -> Vec<u8> {
        self.texts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).pop().unwrap_or_default()
    }

    fn give_text(&self, mut text: Vec<u8>) {
        text.clear();
        self.texts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(text);
    }

    fn records(&self) -> String {
        self.records.lock().unwrap_or_else(std::sync::PoisonError::into_inner).pop().unwrap_or_default()
    }

    fn give_records(&self, mut text: String) {
        text.clear();
        self.records.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(text);
    }
}

/// One line of a chunk: where its text is in the chunk, or only its length when it exceeded the
/// limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Text(usize, usize),
    TooLong(u64),
}

/// Numbered lines, as read: their text one after the other in `text`.
struct Chunk {
    text: Vec<u8>,
    lines: Vec<(u64, Line)>,
    /// The input bytes the chunk's lines took (line breaks included), for the progress bar.
    bytes: usize,
}

/// The records of a run of consecutive lines, each followed by `\n`, and how many of them were
/// assessed and refused.
struct Records {
    text: String,
    assessed: u64,
    refused: u64,
}

/// Reads the next chunk into `chunk` (empty): up to [`CHUNK_LINES`] lines or [`CHUNK_BYTES`]
/// bytes, numbered on from `line_no`. Returns whether the input ended.
fn read_chunk(
    reader: &mut dyn BufRead,
    max_line_bytes: usize,
    line_no: &mut u64,
    chunk: &mut Chunk,
) -> io::Result<bool> {
    while chunk.lines.len() < CHUNK_LINES && chunk.bytes < CHUNK_BYTES {
        let start = chunk.text.len();
        match read_line(reader, max_line_bytes, &mut chunk.text)? {
            Some(line) => {
                *line_no += 1;
                chunk.bytes += match line {
                    Line::Text(..) => chunk.text.len() - start + 1,
                    Line::TooLong(_) => 1,
                };
                chunk.lines.push((*line_no, line));
            }
            None => return Ok(true),
        }
    }
    Ok(false)
}

/// Assesses one chunk, writing its records in line order into one buffer. Each row runs in its
/// own `catch_unwind`: a panic becomes that row's `internal` error record (whatever the row had
/// written is dropped).
fn assess_chunk(chunk: &Chunk, options: &Options, record: RecordFn, pool: &Pool) -> Records {
    let mut r = Records { text: pool.records(), assessed: 0, refused: 0 };
    for (n, line) in &chunk.lines {
        let start = r.text.len();
        let ok = match *line {
            Line::Text(from, to) => {
                let line = chunk.text.get(from..to).unwrap_or_default();
                let mut out = std::panic::AssertUnwindSafe(&mut r.text);
                std::panic::catch_unwind(move || record(*n, line, &mut out)).ok()
            }
            Line::TooLong(len) => {
                r.text.push_str(&too_long_record(*n, len, options.max_line_bytes));
                Some(false)
            }
        };
        let ok = ok.unwrap_or_else(|| {
            r.text.truncate(start);
            r.text.push_str(&internal_record(*n));
            false
        });
        r.text.push('\n');
        if ok {
            r.assessed += 1;
        } else {
            r.refused += 1;
        }
    }
    r
}

/// Reads one line (without its `\n` or `\r\n`) of at most `limit` bytes, appending its text to
/// `text`. A longer line is consumed to its end without being kept; only its length is returned.
fn read_line(reader: &mut dyn BufRead, limit: usize, text: &mut Vec<u8>) -> io::Result<Option<Line>> {
    let start = text.len();
    let mut len: u64 = 0;
    let mut too_long = false;
    let mut any = false;
    let mut last = None;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (part, used, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (available.get(..i).unwrap_or_default(), i + 1, true),
            None => (available, available.len(), false),
        };
        len += part.len() as u64;
        last = part.last().copied().or(last);
        if !too_long {
            // One byte of slack for a `\r` before the `\n`.
            if text.len() - start + part.len() > limit.saturating_add(1) {
                too_long = true;
                text.truncate(start);
            } else {
                text.extend_from_slice(part);
            }
        }
        reader.consume(used);
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if last == Some(b'\r') {
        if !too_long {
            text.pop();
        }
        len -= 1;
    }
    if too_long || text.len() - start > limit {
        text.truncate(start);
        return Ok(Some(Line::TooLong(len)));
    }
    Ok(Some(Line::Text(start, text.len())))
}

/// Writes the record of one line (without a line break) into the buffer; whether it was assessed.
type RecordFn = fn(u64, &[u8], &mut String) -> bool;

fn standard_record(line_no: u64, line: &[u8], out: &mut String) -> bool {
    detail_record(line_no, line, Detail::Standard, out)
}

fn summary_record(line_no: u64, line: &[u8], out: &mut String) -> bool {
    detail_record(line_no, line, Detail::Summary, out)
}

/// The output record of one batch line at a detail level.
fn detail_record(line_no: u64, line: &[u8], detail: Detail, out: &mut String) -> bool {
    match Presentation::from_json_bytes(line) {
        Ok(p) => {
            assess_json_into(&p, detail, out);
            true
        }
        Err(e) => {
            out.push_str(&with_record_id(error_record(line_no, &e), line));
            false
        }
    }
}

/// The output record of one batch line.
fn batch_record(line_no: u64, line: &[u8], out: &mut String) -> bool {
    detail_record(line_no, line, Detail::Full, out)
}

/// A refused line's record with the line's `id` (when the line is JSON whose `id` is a valid
/// record id), so that a refused record can be matched without counting lines.
fn with_record_id(record: String, line: &[u8]) -> String {
    let id = serde_json::from_slice::<serde_json::Value>(line)
        .ok()
        .and_then(|v| v.get("id").and_then(serde_json::Value::as_str).and_then(|s| RecordId::new(s).ok()));
    match (id, serde_json::from_str::<serde_json::Value>(&record)) {
        (Some(id), Ok(serde_json::Value::Object(mut m))) => {
            m.insert("id".to_owned(), serde_json::Value::from(id.as_str()));
            serde_json::Value::Object(m).to_string()
        }
        _ => record,
    }
}

/// The error record of a refused line. The core's message ends with "(line 1, column N)"
/// counted inside the line's JSON; beside the file's line number that reads as a position in the
/// file, so the record states it as a column of this line (and gives `error.column` on its own).
fn error_record(line_no: u64, e: &InputError) -> String {
    let message = match e.column() {
        Some(column) => format!("{} (at column {column} of line {line_no})", e.message_without_position()),
        None => e.message().to_owned(),
    };
    serde_json::json!({
        "line": line_no,
        "error": {"kind": e.kind().id(), "field": e.field(), "message": message, "column": e.column()},
    })
    .to_string()
}

fn too_long_record(line_no: u64, len: u64, limit: usize) -> String {
    serde_json::json!({
        "line": line_no,
        "error": {
            "kind": "line_too_long",
            "field": null,
            "message": format!("line is {len} bytes long, more than the limit of {limit} bytes (--max-line-bytes)"),
        },
    })
    .to_string()
}

fn internal_record(line_no: u64) -> String {
    serde_json::json!({
        "line": line_no,
        "error": {
            "kind": "internal",
            "field": null,
            "message": "internal error while assessing this line (a bug in stenosis; please report it)",
        },
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One record as a String, and whether the line was assessed.
    fn call(record: RecordFn, n: u64, line: &[u8]) -> (String, bool) {
        let mut out = String::new();
        let ok = record(n, line, &mut out);
        (out, ok)
    }

    #[test]
    fn detail_levels_say_less_of_the_same_assessment() {
        let line = br#"{"id": "r-9", "age_years": 70, "course": "progressive", "findings": {"hoffmann_sign": "present", "babinski_sign": "present", "bilateral_leg_symptoms": "present"}}"#;
        let full: serde_json::Value = serde_json::from_str(&call(batch_record, 1, line).0).unwrap();
        let (standard, ok) = call(standard_record, 1, line);
        assert!(ok && standard.starts_with(r#"{"id":"r-9","differential":"#), "{standard}");
        let mut want = full.clone();
        let m = want.as_object_mut().unwrap();
        m.remove("next_findings");
        let ids: Vec<serde_json::Value> =
            full["citations"].as_array().unwrap().iter().map(|c| c["id"].clone()).collect();
        m.insert("citations".to_owned(), serde_json::Value::from(ids));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&standard).unwrap(), want);
        let (summary, ok) = call(summary_record, 1, line);
        let s: serde_json::Value = serde_json::from_str(&summary).unwrap();
        assert!(ok && summary.starts_with(r#"{"id":"r-9","top_condition":"#), "{summary}");
        assert_eq!(s["pathway"], full["pathway"]);
        assert_eq!(s["top_condition"], full["differential"][0]["condition"]);
        assert_eq!(s["myelopathy_likelihood"], full["myelopathy"]["likelihood"]);
        let flags: Vec<&serde_json::Value> = full["red_flags"].as_array().unwrap().iter().map(|r| &r["id"]).collect();
        assert_eq!(s["red_flags"].as_array().unwrap().iter().collect::<Vec<_>>(), flags);
        let (bad, ok) = call(summary_record, 2, br#"{"id": "r-10", "mjoa": 19}"#);
        assert!(!ok && bad.contains(r#""id":"r-10""#) && bad.contains(r#""field":"mjoa""#), "{bad}");
    }

    #[test]
    fn records_carry_the_record_id() {
        let (ok, good) = call(batch_record, 1, br#"{"id": "r-1", "age_years": 70}"#);
        assert!(good && ok.starts_with(r#"{"id":"r-1","differential":"#), "{ok}");
        let (bad, good) = call(batch_record, 2, br#"{"id": "r-2", "age_years": 700}"#);
        let v: serde_json::Value = serde_json::from_str(&bad).unwrap();
        assert!(!good && v["id"] == "r-2" && v["line"] == 2 && v["error"]["field"] == "age_years", "{bad}");
        // An id that is itself invalid is not echoed (the error names it).
        let (bad, _) = call(batch_record, 3, br#"{"id": "r 3"}"#);
        let v: serde_json::Value = serde_json::from_str(&bad).unwrap();
        assert!(v.get("id").is_none() && v["error"]["field"] == "id", "{bad}");
    }

    fn lines(text: &[u8], limit: usize) -> Vec<Result<Vec<u8>, u64>> {
        let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(8, text));
        let mut out = Vec::new();
        // A chunk's text holds its lines one after the other.
        let mut kept = b"before".to_vec();
        while let Some(line) = read_line(&mut *reader, limit, &mut kept).unwrap() {
            out.push(match line {
                Line::Text(from, to) => Ok(kept[from..to].to_vec()),
                Line::TooLong(n) => Err(n),
            });
        }
        let all: Vec<u8> = out.iter().filter_map(|l| l.as_ref().ok()).flatten().copied().collect();
        assert_eq!(kept, [b"before".as_slice(), &all].concat());
        out
    }

    #[test]
    fn read_line_strips_line_breaks_and_bounds_length() {
        assert_eq!(
            lines(b"ab\r\ncd\n\nef", 10),
            vec![Ok(b"ab".to_vec()), Ok(b"cd".to_vec()), Ok(vec![]), Ok(b"ef".to_vec())]
        );
        assert_eq!(lines(b"", 10), Vec::<Result<Vec<u8>, u64>>::new());
        // Exactly at the limit is accepted, with or without a \r; one more byte is not.
        assert_eq!(lines(b"0123456789\r\n0123456789\n", 10), vec![Ok(b"0123456789".to_vec()); 2]);
        assert_eq!(lines(b"0123456789a\r\nok\n", 10), vec![Err(11), Ok(b"ok".to_vec())]);
        let long = [b'x'; 1000];
        let mut text = long.to_vec();
        text.extend_from_slice(b"\nnext");
        assert_eq!(lines(&text, 100), vec![Err(1000), Ok(b"next".to_vec())]);
    }

    #[test]
    fn records_come_out_in_line_order_from_several_workers() {
        let mut input = String::new();
        for n in 0..5000 {
            input.push_str(&format!("{{\"id\": \"r-{n}\", \"age_years\": {}}}\n", n % 100));
        }
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/batch-tests");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("order-{}", std::process::id()));
        let mut sink = Sink::Direct(BufWriter::new(File::create(&path).unwrap()));
        let reader: Box<dyn BufRead + Send> = Box::new(BufReader::new(io::Cursor::new(input.into_bytes())));
        let options = Options { threads: 3, max_line_bytes: 1000, detail: Detail::Summary };
        let counts = process(reader, &mut sink, &options, "in", "out", None).ok();
        assert!(sink.finish("out").is_ok());
        assert_eq!(counts, Some((5000, 0)));
        let out = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(out.lines().count(), 5000);
        for (n, line) in out.lines().enumerate() {
            assert!(line.starts_with(&format!("{{\"id\":\"r-{n}\",")), "{n}: {line}");
        }
    }

    #[test]
    fn the_gate_bounds_what_is_in_flight_and_a_closed_gate_lets_nobody_wait() {
        let gate = Gate::new(2);
        assert!(gate.enter() && gate.enter());
        std::thread::scope(|s| {
            let waiting = s.spawn(|| gate.enter());
            // Room again once one leaves: the waiting one gets in.
            gate.leave();
            assert!(waiting.join().unwrap());
            let waiting = s.spawn(|| gate.enter());
            gate.close();
            assert!(!waiting.join().unwrap());
        });
        assert!(!gate.enter());
    }

    fn panics_on_line_5(n: u64, line: &[u8], out: &mut String) -> bool {
        // Something written before the panic is dropped with it.
        out.push_str("partial ");
        assert_ne!(n, 5, "injected fault");
        out.truncate(out.len() - "partial ".len());
        out.push_str(std::str::from_utf8(line).unwrap());
        true
    }

    #[test]
    fn a_panicking_row_becomes_its_own_error_record() {
        let mut text = Vec::new();
        let mut lines = Vec::new();
        for n in 1..=12u64 {
            let start = text.len();
            text.extend_from_slice(format!("row {n}").as_bytes());
            lines.push((n, Line::Text(start, text.len())));
        }
        let chunk = Chunk { text, lines, bytes: 0 };
        for threads in [1, 3] {
            let options = Options { threads, max_line_bytes: 100, detail: Detail::Full };
            let r = assess_chunk(&chunk, &options, panics_on_line_5, &Pool::default());
            assert_eq!((r.assessed, r.refused), (11, 1));
            let records: Vec<&str> = r.text.strip_suffix('\n').unwrap().split('\n').collect();
            assert_eq!(records.len(), 12);
            for (i, record) in records.iter().enumerate() {
                let n = i + 1;
                if n == 5 {
                    let v: serde_json::Value = serde_json::from_str(record).unwrap();
                    assert_eq!(v["line"], 5);
                    assert_eq!(v["error"]["kind"], "internal");
                } else {
                    assert_eq!(record, &format!("row {n}"));
                }
            }
        }
    }
}
