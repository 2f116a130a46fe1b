//! Safe writes: nothing is lost. A file is written to a temporary file beside
//! it, flushed to disk, then renamed over (or linked into) place, so a reader or
//! a crash sees either the old contents or the new, never half a file.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh temporary file name beside `path` (`.NAME.PID.N.tmp`).
pub(crate) fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = format!(".{name}.{}.{unique}.tmp", std::process::id());
    path.with_file_name(temp)
}

fn write_temp(path: &Path, contents: &[u8]) -> io::Result<PathBuf> {
    let temp = temp_path(path);
    let result = (|| {
        let mut file = File::create_new(&temp)?;
        file.write_all(contents)?;
        file.sync_all()
    })();
    match result {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// A test hook: with `KAYNAK_TEST_PAUSE_BEFORE_RENAME=MILLISECONDS` set, a
/// writer sleeps between writing the temporary file and renaming it, so a test
/// can kill the process at the worst moment and check that nothing is lost.
pub const PAUSE_BEFORE_RENAME: &str = "KAYNAK_TEST_PAUSE_BEFORE_RENAME";

pub(crate) fn pause_before_rename() {
    let pause = std::env::var(PAUSE_BEFORE_RENAME)
        .ok()
        .and_then(|ms| ms.parse::<u64>().ok());
    if let Some(ms) = pause {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// True for the temporary files [`replace`] and [`create_new`] write beside a
/// record (`.NAME.PID.N.tmp`): left behind only when a writer was killed.
pub fn is_temp_file(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp") && name.contains(".toml.")
}

/// Replaces (or creates) `path` with `contents` atomically.
/// An existing file keeps its permissions (a read-only record stays read-only),
/// and a symbolic link stays a link: the file it points to is replaced.
pub fn replace(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target;
    let path = if path.is_symlink() {
        target = fs::canonicalize(path)?;
        target.as_path()
    } else {
        path
    };
    let temp = write_temp(path, contents)?;
    if let Ok(meta) = fs::metadata(path) {
        let _ = fs::set_permissions(&temp, meta.permissions());
    }
    pause_before_rename();
    fs::rename(&temp, path).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

/// Creates `path` with `contents` atomically, failing with
/// `io::ErrorKind::AlreadyExists` if it exists: an existing record is never
/// overwritten by accident, even by a concurrent writer.
pub fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, contents)?;
    let linked = fs::hard_link(&temp, path);
    let _ = fs::remove_file(&temp);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // File systems without hard links: check, then rename.
        Err(_) if !path.exists() => replace(path, contents),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_once_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        create_new(&path, b"one").unwrap();
        let err = create_new(&path, b"two").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        replace(&path, b"three").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary files remain");
    }

    #[cfg(unix)]
    #[test]
    fn replace_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, b"one").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        replace(&path, b"two").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn replace_writes_through_symbolic_links() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("link.toml");
        fs::write(&real, b"one").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace(&link, b"two").unwrap();
        assert!(link.is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"two");
    }
}
