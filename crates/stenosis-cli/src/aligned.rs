//! Writing a large new regular file past the page cache (`O_DIRECT`), for `stenosis batch`.
//!
//! On the project's 2-core machine, writing the 6.6 GB of a million `standard` records through
//! the page cache cost the kernel 5 to 13 s of CPU (copying into the cache, then writing it back
//! and waiting for it in the final `fsync`), more than assessing them; the disk itself takes
//! 32 MB blocks written directly at about 1.9 GB/s for almost no CPU (docs/performance.md,
//! "Batch at standard detail"). So the records are copied into a 32 MB staging buffer whose
//! address is aligned, and each full buffer is written with `O_DIRECT` at an aligned offset of
//! the file. The last, partial block goes through the page cache (the ordinary handle of the
//! same file), and the caller's `sync_all` then makes the whole file durable as before.
//!
//! Where the file system refuses `O_DIRECT` (at open, or `EINVAL` at the first write), or on a
//! system without it, everything is written through the ordinary handle: the bytes in the file
//! are the same either way.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

/// The alignment of the staging buffer's address, of its size and of every direct write's
/// offset: a multiple of every device's logical block size in practice (512 or 4096 bytes).
const ALIGN: usize = 4096;

/// The staging buffer's size for a batch: large writes are what reach the disk's bandwidth.
pub(crate) const STAGE_BYTES: usize = 32 << 20;

/// A new regular file written from a staging buffer, directly where possible.
pub(crate) struct AlignedFile {
    /// The ordinary handle: the last block, the fallback, `sync_all` and metadata.
    plain: File,
    /// The same file opened with `O_DIRECT`, while direct writes are accepted.
    direct: Option<File>,
    /// The staging buffer: `ALIGN` bytes more than the stage, so that an aligned start exists.
    buf: Vec<u8>,
    /// Where the aligned stage starts in `buf`.
    start: usize,
    /// Bytes staged.
    len: usize,
    /// The stage's size (a multiple of `ALIGN`).
    stage: usize,
    /// The file offset of the first staged byte (a multiple of `ALIGN` while writing directly).
    offset: u64,
}

impl AlignedFile {
    /// Wraps `plain`, a new empty file just created at `path`, opening `path` a second time with
    /// `O_DIRECT` when the system and the file system allow it. `stage` is rounded up to a
    /// multiple of the alignment.
    pub(crate) fn new(plain: File, path: &Path, stage: usize) -> Self {
        let stage = stage.max(1).div_ceil(ALIGN) * ALIGN;
        let buf = vec![0u8; stage + ALIGN];
        let start = buf.as_ptr().align_offset(ALIGN);
        let direct = if start < ALIGN { open_direct(path) } else { None };
        AlignedFile { plain, direct, buf, start: start.min(ALIGN), len: 0, stage, offset: 0 }
    }

    /// Whether full stages are being written with `O_DIRECT`.
    #[cfg(test)]
    fn is_direct(&self) -> bool {
        self.direct.is_some()
    }

    /// Writes the staged bytes at their offset: directly when possible, else through the page
    /// cache (for good after a direct write is refused as invalid).
    fn write_stage(&mut self) -> io::Result<()> {
        let block = self.buf.get(self.start..self.start + self.len).unwrap_or_default();
        let aligned = self.len % ALIGN == 0 && self.offset % ALIGN as u64 == 0;
        let written = match &self.direct {
            Some(direct) if aligned => direct.write_all_at(block, self.offset),
            _ => self.plain.write_all_at(block, self.offset),
        };
        match written {
            Err(e) if self.direct.is_some() && aligned && e.raw_os_error() == Some(EINVAL) => {
                self.direct = None;
                self.plain.write_all_at(block, self.offset)?;
            }
            other => other?,
        }
        self.offset += self.len as u64;
        self.len = 0;
        Ok(())
    }

    /// Writes what is still staged and gives back the ordinary handle, for `sync_all`.
    pub(crate) fn finish(self) -> io::Result<File> {
        if self.len > 0 {
            // A partial block: through the page cache (its region was never written directly).
            let block = self.buf.get(self.start..self.start + self.len).unwrap_or_default();
            self.plain.write_all_at(block, self.offset)?;
        }
        Ok(self.plain)
    }
}

impl Write for AlignedFile {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let mut rest = data;
        while !rest.is_empty() {
            let n = (self.stage - self.len).min(rest.len());
            let at = self.start + self.len;
            let (head, tail) = rest.split_at(n);
            if let Some(dst) = self.buf.get_mut(at..at + n) {
                dst.copy_from_slice(head);
            }
            self.len += n;
            rest = tail;
            if self.len == self.stage {
                self.write_stage()?;
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
            let mut out = AlignedFile::new(plain, &path, stage);
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
    fn a_refused_direct_write_falls_back_to_the_page_cache() {
        let path = scratch("fallback");
        let _ = std::fs::remove_file(&path);
        let plain = OpenOptions::new().write(true).create_new(true).open(&path).unwrap();
        let mut out = AlignedFile::new(plain, &path, 4096);
        // A read-only handle in place of the direct one: its writes fail (EBADF, not EINVAL)...
        out.direct = Some(File::open(&path).unwrap());
        assert!(out.write_all(&content(5000)).is_err());
        // ...while EINVAL, a file system refusing O_DIRECT, moves to the ordinary handle.
        let path2 = scratch("fallback2");
        let _ = std::fs::remove_file(&path2);
        let plain = OpenOptions::new().write(true).create_new(true).open(&path2).unwrap();
        let mut out = AlignedFile::new(plain, &path2, 4096);
        if out.is_direct() {
            // Misalign the stage's address: the kernel refuses the direct write with EINVAL.
            out.start += 1;
            let want = content(20_000);
            out.write_all(&want).unwrap();
            assert!(!out.is_direct());
            out.finish().unwrap().sync_all().unwrap();
            assert!(std::fs::read(&path2).unwrap() == want);
        }
        std::fs::remove_file(&path).unwrap();
        std::fs::remove_file(&path2).unwrap();
    }
}
