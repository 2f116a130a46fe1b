//! Writing many records at once (an import), all or nothing, at disk speed.
//!
//! 1. Every record is written to a temporary file beside its place
//!    (`.NAME.PID.N.tmp`, which the loader never reads).
//! 2. They are made durable together: one `syncfs` on Linux (one flush of
//!    the file system instead of one `fsync` round trip per record), one
//!    `fsync` per file elsewhere.
//! 3. Each is put in place: a new record is renamed to its name with
//!    `RENAME_NOREPLACE` (or linked, where a file system lacks it), never
//!    replacing a file that appeared meanwhile; a record being replaced is
//!    first linked to a backup name, then renamed over.
//! 4. The directory is synced once, and the backups are removed.
//!
//! A failure at any step undoes this run's records (new ones removed,
//! replaced ones restored from their backups) and removes the temporary
//! files. A kill at any moment leaves only whole old and whole new records,
//! plus temporary files that the loader ignores.

use super::write::{pause_before_rename, temp_path};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// One record to write.
#[derive(Debug)]
pub struct Planned {
    pub path: PathBuf,
    pub contents: Vec<u8>,
    /// Replace an existing record (else the path must not exist).
    pub replace: bool,
}

/// Why a batch failed: the record it failed at and the error. Nothing of the
/// batch is left in place.
#[derive(Debug)]
pub struct BatchError {
    pub path: PathBuf,
    pub error: io::Error,
}

/// Writes every record of `planned` into `dir`, or none of them.
pub fn write_all(dir: &Path, planned: &[Planned]) -> Result<(), BatchError> {
    let mut temps: Vec<PathBuf> = Vec::with_capacity(planned.len());
    let result = write_temps(planned, &mut temps)
        .and_then(|()| flush(dir, &temps))
        .and_then(|()| commit(dir, planned, &temps));
    if result.is_err() {
        for temp in &temps {
            let _ = fs::remove_file(temp);
        }
    }
    result
}

fn write_temps(planned: &[Planned], temps: &mut Vec<PathBuf>) -> Result<(), BatchError> {
    for record in planned {
        let temp = temp_path(&record.path);
        let written = File::create_new(&temp).and_then(|mut file| file.write_all(&record.contents));
        temps.push(temp);
        written.map_err(|error| BatchError {
            path: record.path.clone(),
            error,
        })?;
    }
    Ok(())
}

/// Makes the temporary files durable.
fn flush(dir: &Path, temps: &[PathBuf]) -> Result<(), BatchError> {
    fn failed(path: &Path) -> impl Fn(io::Error) -> BatchError + '_ {
        move |error| BatchError {
            path: path.to_path_buf(),
            error,
        }
    }
    #[cfg(target_os = "linux")]
    {
        let handle = File::open(dir).map_err(failed(dir))?;
        rustix::fs::syncfs(&handle)
            .map_err(io::Error::from)
            .map_err(failed(dir))?;
        let _ = temps;
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        for temp in temps {
            File::open(temp)
                .and_then(|f| f.sync_all())
                .map_err(failed(temp))?;
        }
    }
    Ok(())
}

/// What was put in place, to undo on failure.
enum Done {
    Created(PathBuf),
    Replaced { path: PathBuf, backup: PathBuf },
}

fn commit(dir: &Path, planned: &[Planned], temps: &[PathBuf]) -> Result<(), BatchError> {
    let mut done: Vec<Done> = Vec::with_capacity(planned.len());
    for (record, temp) in planned.iter().zip(temps) {
        pause_before_rename();
        let step = if record.replace {
            replace(&record.path, temp).map(|backup| Done::Replaced {
                path: record.path.clone(),
                backup,
            })
        } else {
            create(&record.path, temp).map(|()| Done::Created(record.path.clone()))
        };
        match step {
            Ok(d) => done.push(d),
            Err(error) => {
                undo(done);
                return Err(BatchError {
                    path: record.path.clone(),
                    error,
                });
            }
        }
    }
    let synced = File::open(dir).and_then(|d| d.sync_all());
    for d in &done {
        if let Done::Replaced { backup, .. } = d {
            let _ = fs::remove_file(backup);
        }
    }
    // A directory that cannot be synced (some file systems refuse) has its
    // records in place all the same.
    let _ = synced;
    Ok(())
}

fn create(path: &Path, temp: &Path) -> io::Result<()> {
    // One system call where the kernel has it: a rename that never
    // replaces a file (one that appeared meanwhile is an error).
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, temp, CWD, path, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            Err(e) if e == rustix::io::Errno::EXIST => return Err(io::Error::from(e)),
            // A file system without it: link, then unlink, below.
            Err(_) => {}
        }
    }
    let linked = fs::hard_link(temp, path);
    match linked {
        Ok(()) => fs::remove_file(temp),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // File systems without hard links: check, then rename.
        Err(_) if !path.exists() => fs::rename(temp, path),
        Err(e) => Err(e),
    }
}

/// Keeps the old record under a backup name, then renames the new one over.
fn replace(path: &Path, temp: &Path) -> io::Result<PathBuf> {
    let backup = temp_path(path);
    fs::hard_link(path, &backup).or_else(|_| fs::copy(path, &backup).map(|_| ()))?;
    if let Ok(meta) = fs::metadata(path) {
        let _ = fs::set_permissions(temp, meta.permissions());
    }
    match fs::rename(temp, path) {
        Ok(()) => Ok(backup),
        Err(e) => {
            let _ = fs::remove_file(&backup);
            Err(e)
        }
    }
}

fn undo(done: Vec<Done>) {
    for d in done.into_iter().rev() {
        match d {
            Done::Created(path) => {
                let _ = fs::remove_file(path);
            }
            Done::Replaced { path, backup } => {
                let _ = fs::rename(&backup, &path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(dir: &Path, name: &str, text: &str, replace: bool) -> Planned {
        Planned {
            path: dir.join(name),
            contents: text.as_bytes().to_vec(),
            replace,
        }
    }

    #[test]
    fn writes_all_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("old.toml"), "old").unwrap();
        let planned = vec![
            plan(dir.path(), "a.toml", "A", false),
            plan(dir.path(), "old.toml", "new", true),
        ];
        write_all(dir.path(), &planned).unwrap();
        assert_eq!(fs::read_to_string(dir.path().join("a.toml")).unwrap(), "A");
        assert_eq!(
            fs::read_to_string(dir.path().join("old.toml")).unwrap(),
            "new"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no leftovers");
    }

    #[test]
    fn a_failure_undoes_the_whole_batch() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("old.toml"), "old").unwrap();
        fs::write(dir.path().join("taken.toml"), "someone else's").unwrap();
        let planned = vec![
            plan(dir.path(), "a.toml", "A", false),
            plan(dir.path(), "old.toml", "new", true),
            plan(dir.path(), "taken.toml", "mine", false),
        ];
        let err = write_all(dir.path(), &planned).unwrap_err();
        assert_eq!(err.path, dir.path().join("taken.toml"));
        assert!(!dir.path().join("a.toml").exists());
        assert_eq!(
            fs::read_to_string(dir.path().join("old.toml")).unwrap(),
            "old"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("taken.toml")).unwrap(),
            "someone else's"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no leftovers");
    }
}
