//! Safe writes: nothing is lost. A file is written to a temporary file beside
//! it, flushed to disk, then renamed over (or linked into) place, so a reader or
//! a crash sees either the old contents or the new, never half a file.

use crate::diag::{Diagnostic, Location};
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

/// The process that wrote a temporary file (`.NAME.PID.N.tmp`).
fn temp_file_writer(name: &str) -> Option<u32> {
    let mut fields = name.strip_suffix(".tmp")?.rsplit('.');
    let _counter = fields.next()?;
    fields.next()?.parse().ok()
}

/// True while process `pid` runs (or might: when in doubt, it does).
fn is_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 sends nothing; it only asks whether `pid` exists.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        alive || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// True for the temporary files of kaynak's own writers: a record's (see
/// [`is_temp_file`]) and the caches' (`.kaynak-cache.PID.N.tmp`,
/// `.kaynak-cache-check.PID.N.tmp` …).
fn is_kaynak_temp_file(name: &str) -> bool {
    let cache_temp = name
        .strip_prefix(super::cache::CACHE_FILE)
        .map(|rest| rest.trim_start_matches(|c: char| c == '-' || c.is_ascii_lowercase()))
        .is_some_and(|rest| rest.starts_with('.') && rest.ends_with(".tmp"));
    is_temp_file(name) || cache_temp
}

/// Temporary files that writers left in `dir`.
pub fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(items) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = items
        .filter_map(|item| item.ok().map(|i| i.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_kaynak_temp_file)
        })
        .collect();
    found.sort();
    found
}

/// Removes the temporary files in `dir` whose writer is gone (killed
/// between writing and renaming: they hold no record's only copy), and says
/// so; a file whose writer still runs is left, with a warning. Called by
/// every command that writes records, before it writes.
pub fn remove_stale_temp_files(dir: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for path in temp_files(dir) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let writer = temp_file_writer(name);
        let stale = writer.is_some_and(|pid| pid != std::process::id() && !is_running(pid));
        let diagnostic = if stale && fs::remove_file(&path).is_ok() {
            Diagnostic::info(
                "removed-temp-file",
                format!(
                    "removed a temporary file left by an interrupted kaynak (process {})",
                    writer.unwrap_or_default()
                ),
            )
            .with_help("no record was changed by it: the write it belonged to never finished")
        } else {
            leftover_warning()
        };
        out.push(diagnostic.with_location(Location::file(&path)));
    }
    out
}

/// A temporary file that is left where it is.
pub fn leftover_warning() -> Diagnostic {
    Diagnostic::warning(
        "leftover-temp-file",
        "a temporary file left by an interrupted write; no record was changed by it",
    )
    .with_help("kaynak removes it on its next write once its writer has ended; or delete it")
}

/// What a user can do about a failed write, by its cause: a full disk or
/// quota, a read-only file system and a permission problem each need
/// different help (telling someone with a full disk to check permissions
/// sends them the wrong way).
pub fn advice(error: &io::Error) -> &'static str {
    #[cfg(unix)]
    if let Some(code) = error.raw_os_error() {
        match code {
            libc::ENOSPC => return "the disk is full: free some space and run again",
            libc::EDQUOT => return "your disk quota is used up: free some space and run again",
            libc::EROFS => {
                return "the file system is read-only: remount it writable, or work on a copy"
            }
            libc::EFBIG => return "the file is larger than the file system allows",
            libc::EIO => return "the disk reported an input/output error: check the disk",
            libc::ENAMETOOLONG => return "the file name is too long for the file system",
            _ => {}
        }
    }
    match error.kind() {
        io::ErrorKind::PermissionDenied => "check the permissions of the file and of its directory",
        io::ErrorKind::NotFound => "the directory is gone: check the path",
        _ => "the file was left as it was",
    }
}

/// `Some(target)` when `path` is a symbolic link to a file outside `dir`
/// (the library): writing through it would change a file elsewhere, so the
/// commands that rewrite records leave it unless told to follow it.
pub fn link_outside(path: &Path, dir: &Path) -> Option<PathBuf> {
    if !path.is_symlink() {
        return None;
    }
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let inside = fs::canonicalize(dir).is_ok_and(|dir| target.parent() == Some(dir.as_path()));
    (!inside).then_some(target)
}

/// The warning for a record that is a link out of the library, left unchanged.
pub fn outside_link_warning(path: &Path, target: &Path) -> Diagnostic {
    Diagnostic::warning(
        "symlink-outside-library",
        format!(
            "the record is a symbolic link to {}, outside the library; it was left unchanged",
            target.display()
        ),
    )
    .with_location(Location::file(path))
    .with_help(
        "format the file where it lives, or pass --follow-symlinks to write through the link",
    )
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

    #[test]
    fn stale_temp_files_are_removed_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.toml"), b"x").unwrap();
        // A writer that has ended: a child process that already exited.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let cache_temp = dir.path().join(format!(".kaynak-cache.{dead}.3.tmp"));
        fs::write(&cache_temp, b"half").unwrap();
        let stale = dir.path().join(format!(".a.toml.{dead}.0.tmp"));
        let live = dir
            .path()
            .join(format!(".a.toml.{}.0.tmp", std::process::id()));
        fs::write(&stale, b"half").unwrap();
        fs::write(&live, b"half").unwrap();
        let found = remove_stale_temp_files(dir.path());
        let mut codes: Vec<&str> = found.iter().map(|d| d.code).collect();
        codes.sort();
        assert_eq!(
            codes,
            [
                "leftover-temp-file",
                "removed-temp-file",
                "removed-temp-file"
            ]
        );
        assert!(!cache_temp.exists());
        assert!(!stale.exists());
        assert!(live.exists());
        assert_eq!(temp_file_writer(".a.b.toml.123.7.tmp"), Some(123));
    }

    #[cfg(unix)]
    #[test]
    fn advice_fits_the_cause() {
        let advice_for = |code| advice(&io::Error::from_raw_os_error(code));
        assert!(advice_for(libc::ENOSPC).contains("disk is full"));
        assert!(advice_for(libc::EDQUOT).contains("quota"));
        assert!(advice_for(libc::EROFS).contains("read-only"));
        assert!(advice_for(libc::EACCES).contains("permissions"));
        assert!(!advice_for(libc::ENOSPC).contains("permissions"));
    }

    /// A real full device: writing to /dev/full fails with ENOSPC, and the
    /// advice says so.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_device_is_called_full() {
        let Ok(mut full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
            return;
        };
        let error = full
            .write_all(b"x")
            .and_then(|()| full.flush())
            .unwrap_err();
        assert!(advice(&error).contains("disk is full"), "{error}");
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
