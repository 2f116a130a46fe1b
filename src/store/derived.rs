//! Derived cache files: what a command computed from the library (a check's
//! findings per record, a rendered bibliography), kept beside the load cache
//! so that the next run over unchanged inputs can reuse it. Like the load
//! cache ([`super::cache`]), a derived file is never trusted blindly and
//! never needed: it is written to a temporary file and renamed into place,
//! and it is read only when it is whole and was made by this build for the
//! same inputs; anything else is ignored (and replaced by the next run).
//!
//! Layout: a header (magic, the kind of file, this module's format, a hash of
//! kaynak's version, and the caller's key: a hash of everything the contents
//! depend on), the body, then a trailer (the body's length and an xxh3-128
//! hash of header and body). The body is the caller's; this module knows
//! nothing of what it holds.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::Xxh3Default;

/// The check's findings per record (see `check::cache`).
pub const CHECK_CACHE: &str = ".kaynak-cache-check";
/// The last bibliography `kaynak bib` wrote.
pub const BIB_CACHE: &str = ".kaynak-cache-bib";
/// What the last `kaynak check` printed.
pub const CHECK_OUTPUT_CACHE: &str = ".kaynak-cache-check-output";

const MAGIC: &[u8; 8] = b"KAYNAKD\0";
/// Bumped when the layout above changes.
const FORMAT: u32 = 1;
const HEADER_LEN: usize = 8 + 4 + 4 + 8 + 16;
const TRAILER_LEN: usize = 8 + 16;

fn header(kind: u32, key: u128) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&super::cache::version_hash().to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out
}

/// A derived file being written: the body goes through `io::Write`, and
/// nothing replaces the old file until [`DerivedWriter::finish`].
pub struct DerivedWriter {
    out: BufWriter<File>,
    temp: PathBuf,
    path: PathBuf,
    hasher: Xxh3Default,
    len: u64,
    finished: bool,
}

impl DerivedWriter {
    /// Starts `dir/name` for contents of `kind` made from inputs hashed to `key`.
    pub fn create(dir: &Path, name: &str, kind: u32, key: u128) -> io::Result<DerivedWriter> {
        let temp = super::cache::temp_path_for(dir, name);
        let file = File::create_new(&temp)?;
        let mut writer = DerivedWriter {
            out: BufWriter::with_capacity(1 << 16, file),
            temp,
            path: dir.join(name),
            hasher: Xxh3Default::new(),
            len: 0,
            finished: false,
        };
        let head = header(kind, key);
        writer.hasher.update(&head);
        writer.out.write_all(&head)?;
        Ok(writer)
    }

    /// Writes the trailer and puts the file in place.
    pub fn finish(mut self) -> io::Result<()> {
        let mut trailer = Vec::with_capacity(TRAILER_LEN);
        trailer.extend_from_slice(&self.len.to_le_bytes());
        trailer.extend_from_slice(&self.hasher.digest128().to_le_bytes());
        self.out.write_all(&trailer)?;
        self.out.flush()?;
        fs::rename(&self.temp, &self.path)?;
        self.finished = true;
        Ok(())
    }
}

impl Write for DerivedWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.out.write_all(bytes)?;
        self.hasher.update(bytes);
        self.len += bytes.len() as u64;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for DerivedWriter {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Writes `dir/name` whole (see [`DerivedWriter`]).
pub fn write(dir: &Path, name: &str, kind: u32, key: u128, body: &[u8]) -> io::Result<()> {
    let mut writer = DerivedWriter::create(dir, name, kind, key)?;
    writer.write_all(body)?;
    writer.finish()
}

/// A verified derived file, open at the start of its body.
pub struct DerivedReader {
    file: File,
    left: u64,
}

impl DerivedReader {
    /// The body's length in bytes.
    pub fn len(&self) -> u64 {
        self.left
    }

    pub fn is_empty(&self) -> bool {
        self.left == 0
    }
}

impl Read for DerivedReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = usize::try_from(self.left)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let got = self.file.read(&mut buf[..want])?;
        self.left -= got as u64;
        Ok(got)
    }
}

/// Opens `dir/name` when it is a whole derived file of `kind` that this
/// build made for `key`; `None` otherwise. The whole file is read once to
/// check its hash before any of it is given out (a torn or corrupted file is
/// never half used).
pub fn open(dir: &Path, name: &str, kind: u32, key: u128) -> Option<DerivedReader> {
    let path = dir.join(name);
    let mut file = File::open(&path).ok()?;
    let size = file.metadata().ok()?.len();
    let size = usize::try_from(size).ok()?;
    if size < HEADER_LEN + TRAILER_LEN {
        return None;
    }
    let mut head = [0u8; HEADER_LEN];
    file.read_exact(&mut head).ok()?;
    if head[..] != header(kind, key)[..] {
        return None;
    }
    let body_len = size - HEADER_LEN - TRAILER_LEN;
    let mut hasher = Xxh3Default::new();
    hasher.update(&head);
    let mut buf = vec![0u8; 1 << 16];
    let mut left = body_len;
    while left > 0 {
        let n = left.min(buf.len());
        file.read_exact(&mut buf[..n]).ok()?;
        hasher.update(&buf[..n]);
        left -= n;
    }
    let mut trailer = [0u8; TRAILER_LEN];
    file.read_exact(&mut trailer).ok()?;
    let length_ok = trailer[..8] == (body_len as u64).to_le_bytes();
    if !length_ok || trailer[8..] != hasher.digest128().to_le_bytes() {
        return None;
    }
    let mut file = File::open(&path).ok()?;
    io::copy(&mut (&mut file).take(HEADER_LEN as u64), &mut io::sink()).ok()?;
    // The file read again must be the one checked: a writer renames a new
    // file into place, never writes into this one, so the same size will do.
    (file.metadata().ok()?.len() == size as u64).then_some(DerivedReader {
        file,
        left: body_len as u64,
    })
}

/// The body of `dir/name` (see [`open`]).
pub fn read(dir: &Path, name: &str, kind: u32, key: u128) -> Option<Vec<u8>> {
    let mut reader = open(dir, name, kind, key)?;
    let mut body = Vec::with_capacity(usize::try_from(reader.len()).ok()?);
    reader.read_to_end(&mut body).ok()?;
    Some(body)
}

/// Removes `dir/name` (a derived file made stale by a run that cannot
/// replace it); failures are ignored.
pub fn remove(dir: &Path, name: &str) {
    let _ = fs::remove_file(dir.join(name));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_anything_else() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "d", 7, 42, b"hello").expect("write");
        assert_eq!(read(dir.path(), "d", 7, 42).as_deref(), Some(&b"hello"[..]));
        // Another key or kind: not ours.
        assert!(read(dir.path(), "d", 7, 43).is_none());
        assert!(read(dir.path(), "d", 8, 42).is_none());
        // Any flipped byte, a cut or a longer file.
        let good = fs::read(dir.path().join("d")).expect("read");
        for at in [0, 9, HEADER_LEN, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 1;
            fs::write(dir.path().join("d"), &bad).expect("write");
            assert!(read(dir.path(), "d", 7, 42).is_none(), "flip at {at}");
        }
        fs::write(dir.path().join("d"), &good[..good.len() - 1]).expect("write");
        assert!(read(dir.path(), "d", 7, 42).is_none());
        let mut longer = good.clone();
        longer.push(0);
        fs::write(dir.path().join("d"), &longer).expect("write");
        assert!(read(dir.path(), "d", 7, 42).is_none());
        fs::write(dir.path().join("d"), b"").expect("write");
        assert!(read(dir.path(), "d", 7, 42).is_none());
    }

    #[test]
    fn an_unfinished_writer_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "d", 1, 1, b"old").expect("write");
        {
            let mut writer = DerivedWriter::create(dir.path(), "d", 1, 1).expect("create");
            writer.write_all(b"new, but never finished").expect("write");
        }
        assert_eq!(read(dir.path(), "d", 1, 1).as_deref(), Some(&b"old"[..]));
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["d"], "no temporary file is left");
    }
}
