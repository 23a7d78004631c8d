//! Writing a large new regular file past the page cache (`O_DIRECT`), for `stenosis batch`.
//!
//! On the project's 2-core machine, writing the 6.6 GB of a million `standard` records through
//! the page cache cost the kernel 5 to 13 s of CPU (copying into the cache, then writing it back
//! and waiting for it in the final `fsync`), more than assessing them; the disk itself takes
//! 32 MB blocks written directly at about 1.9 GB/s for almost no CPU (docs/performance.md,
//! "Batch at standard detail (batch3)"). So the records are copied into one of two 32 MB staging
//! buffers whose addresses are aligned, and each full buffer is written with `O_DIRECT` at an
//! aligned offset of the file by a thread of its own while the other one fills. The last,
//! partial block goes through the page cache (the ordinary handle of the same file), and the
//! caller's `sync_all` then makes the whole file durable as before.
//!
//! Where the file system refuses `O_DIRECT` (at open, or `EINVAL` at the first write), or on a
//! system without it, everything is written through the ordinary handle: the bytes in the file
//! are the same either way.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread::JoinHandle;

/// The alignment of the staging buffers' addresses, of their size and of every direct write's
/// offset: a multiple of every device's logical block size in practice (512 or 4096 bytes).
const ALIGN: usize = 4096;

/// The staging buffer's size for a batch: large writes are what reach the disk's bandwidth.
pub(crate) const STAGE_BYTES: usize = 32 << 20;

/// A staging buffer: `ALIGN` bytes more than the stage, so that an aligned start exists.
struct Stage {
    buf: Vec<u8>,
    /// Where the aligned stage starts in `buf`.
    start: usize,
    /// Bytes staged.
    len: usize,
}

impl Stage {
    fn new(stage: usize) -> Self {
        let buf = vec![0u8; stage + ALIGN];
        let start = buf.as_ptr().align_offset(ALIGN).min(ALIGN);
        Stage { buf, start, len: 0 }
    }

    fn bytes(&self) -> &[u8] {
        self.buf.get(self.start..self.start + self.len).unwrap_or_default()
    }
}

/// Writes blocks at their offsets: directly while the file system accepts it, else (for good,
/// after a direct write is refused as invalid) through the page cache.
struct BlockWriter {
    plain: File,
    direct: Option<File>,
}

impl BlockWriter {
    fn write_at(&mut self, block: &[u8], offset: u64) -> io::Result<()> {
        let aligned = block.len() % ALIGN == 0 && offset % ALIGN as u64 == 0 && block.as_ptr().align_offset(ALIGN) == 0;
        let written = match &self.direct {
            Some(direct) if aligned => direct.write_all_at(block, offset),
            _ => self.plain.write_all_at(block, offset),
        };
        match written {
            Err(e) if self.direct.is_some() && aligned && e.raw_os_error() == Some(EINVAL) => {
                self.direct = None;
                self.plain.write_all_at(block, offset)
            }
            other => other,
        }
    }
}

/// A new regular file written from staging buffers, directly where possible. A full stage is
/// written by a thread of its own while the next one fills, so that the disk stays busy.
pub(crate) struct AlignedFile {
    /// The ordinary handle: the last block, `sync_all` and metadata.
    plain: File,
    /// The stage being filled.
    current: Stage,
    /// The other stage, when it is not being written.
    spare: Option<Stage>,
    /// The stage's size (a multiple of `ALIGN`).
    stage: usize,
    /// The file offset of the first byte of `current`.
    offset: u64,
    /// Full stages to the writing thread, and back once written.
    to_io: Option<Sender<(Stage, u64)>>,
    from_io: Receiver<(Stage, io::Result<()>)>,
    io: Option<JoinHandle<()>>,
}

impl AlignedFile {
    /// Wraps `plain`, a new empty file just created at `path`, opening `path` a second time with
    /// `O_DIRECT` when the system and the file system allow it. `stage` is rounded up to a
    /// multiple of the alignment.
    pub(crate) fn new(plain: File, path: &Path, stage: usize) -> io::Result<Self> {
        let stage = stage.max(1).div_ceil(ALIGN) * ALIGN;
        let mut writer = BlockWriter { plain: plain.try_clone()?, direct: open_direct(path) };
        let (to_io, io_rx) = channel::<(Stage, u64)>();
        let (io_tx, from_io) = channel();
        let io = std::thread::Builder::new().name("batch-write".to_owned()).spawn(move || {
            for (stage, offset) in io_rx {
                let written = writer.write_at(stage.bytes(), offset);
                if io_tx.send((stage, written)).is_err() {
                    return;
                }
            }
        })?;
        Ok(AlignedFile {
            plain,
            current: Stage::new(stage),
            spare: Some(Stage::new(stage)),
            stage,
            offset: 0,
            to_io: Some(to_io),
            from_io,
            io: Some(io),
        })
    }

    /// Waits for the stage being written, if any; its error, if it failed.
    fn wait(&mut self) -> io::Result<()> {
        if self.spare.is_some() {
            return Ok(());
        }
        let (mut stage, written) = self.from_io.recv().map_err(|_| io::Error::other("the writing thread stopped"))?;
        stage.len = 0;
        self.spare = Some(stage);
        written
    }

    /// Hands the full current stage to the writing thread and goes on with the other one.
    fn send_stage(&mut self) -> io::Result<()> {
        self.wait()?;
        let next = self.spare.take().unwrap_or_else(|| Stage::new(self.stage));
        let full = std::mem::replace(&mut self.current, next);
        let offset = self.offset;
        self.offset += full.len as u64;
        match &self.to_io {
            Some(to_io) => to_io.send((full, offset)).map_err(|_| io::Error::other("the writing thread stopped")),
            None => Err(io::Error::other("the writing thread stopped")),
        }
    }

    /// Writes what is still staged and gives back the ordinary handle, for `sync_all`.
    pub(crate) fn finish(mut self) -> io::Result<File> {
        self.wait()?;
        drop(self.to_io.take());
        if let Some(io) = self.io.take() {
            let _ = io.join();
        }
        // A partial block: through the page cache (its region was never written directly).
        self.plain.write_all_at(self.current.bytes(), self.offset)?;
        Ok(self.plain)
    }
}

impl Write for AlignedFile {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let mut rest = data;
        while !rest.is_empty() {
            let n = (self.stage - self.current.len).min(rest.len());
            let at = self.current.start + self.current.len;
            let (head, tail) = rest.split_at(n);
            if let Some(dst) = self.current.buf.get_mut(at..at + n) {
                dst.copy_from_slice(head);
            }
            self.current.len += n;
            rest = tail;
            if self.current.len == self.stage {
                self.send_stage()?;
            }
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(target_os = "linux")]
const EINVAL: i32 = libc::EINVAL;
#[cfg(not(target_os = "linux"))]
const EINVAL: i32 = 22;

#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new().write(true).custom_flags(libc::O_DIRECT).open(path).ok()
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_path: &Path) -> Option<File> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        // Under target/, a real disk file system (the system's temporary directory may be tmpfs).
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/aligned-tests");
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(format!("{name}-{}", std::process::id()))
    }

    /// Bytes that show any misplaced block: a counter's decimal digits with line breaks.
    fn content(n: usize) -> Vec<u8> {
        let mut v = Vec::with_capacity(n + 16);
        let mut i = 0u64;
        while v.len() < n {
            v.extend_from_slice(format!("{i}\n").as_bytes());
            i += 1;
        }
        v.truncate(n);
        v
    }

    #[test]
    fn pieces_of_any_size_make_the_same_file() {
        for (total, stage) in [(0, 4096), (1, 4096), (4096, 4096), (50_000, 8192), (300_001, 16_384), (10_000, 5000)] {
            let path = scratch(&format!("pieces-{total}-{stage}"));
            let _ = std::fs::remove_file(&path);
            let plain = OpenOptions::new().write(true).create_new(true).open(&path).unwrap();
            let mut out = AlignedFile::new(plain, &path, stage).unwrap();
            let want = content(total);
            // Pieces of growing odd sizes, some larger than the stage.
            let (mut at, mut size) = (0, 1);
            while at < want.len() {
                let end = (at + size).min(want.len());
                out.write_all(&want[at..end]).unwrap();
                at = end;
                size = size * 3 + 7;
            }
            out.finish().unwrap().sync_all().unwrap();
            assert!(std::fs::read(&path).unwrap() == want, "{total} bytes, stage {stage}");
            std::fs::remove_file(&path).unwrap();
        }
    }

    #[test]
    fn blocks_go_directly_only_when_aligned_and_errors_surface() {
        let path = scratch("blocks");
        let _ = std::fs::remove_file(&path);
        let plain = OpenOptions::new().write(true).create_new(true).open(&path).unwrap();
        let mut w = BlockWriter { plain: plain.try_clone().unwrap(), direct: open_direct(&path) };
        let mut stage = Stage::new(3 * ALIGN);
        let want = content(3 * ALIGN);
        let at = stage.start;
        stage.buf[at..at + 3 * ALIGN].copy_from_slice(&want);
        // A misaligned address goes through the page cache, an aligned block directly (when
        // the file system allows it); the file has both.
        let misaligned = &stage.buf[at + 1..at + 1 + ALIGN];
        w.write_at(misaligned, 1).unwrap();
        w.write_at(&stage.buf[at + ALIGN..at + 3 * ALIGN], ALIGN as u64).unwrap();
        w.write_at(&stage.buf[at..at + 1], 0).unwrap();
        let direct = w.direct.is_some();
        drop(w);
        plain.sync_all().unwrap();
        assert!(std::fs::read(&path).unwrap() == want, "direct: {direct}");
        // A handle that cannot write in place of the direct one: the error surfaces (only EINVAL,
        // a file system refusing O_DIRECT, moves to the page cache).
        let mut w = BlockWriter { plain, direct: Some(File::open(&path).unwrap()) };
        assert!(w.write_at(&stage.buf[at..at + ALIGN], 0).is_err());
        assert!(w.direct.is_some());
        std::fs::remove_file(&path).unwrap();
    }
}
