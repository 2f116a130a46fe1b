//! Whether a library's record files are still the ones a load saw, told
//! without parsing any of them: the same names in the same order, the same
//! files skipped by the listing, and every record file unchanged since its
//! [stamp](super::cache::Stamp) (by size and time, or by its contents' hash
//! when the stamp is not settled). A derived cache keyed on a whole load (the
//! output of `kaynak bib`) is valid only when this holds.

use super::cache::Stamp;
use super::{list_records, FileSeen, FileState};
use crate::diag::Diagnostic;
use rayon::prelude::*;
use std::path::Path;
use std::time::SystemTime;

/// What identifies the files a listing skipped (their warnings name them
/// and say why).
pub fn fingerprint(skipped: &[Diagnostic]) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    for d in skipped {
        hasher.update(format!("{d:?}\n").as_bytes());
    }
    hasher.digest128()
}

/// True when `dir` holds exactly the record files `files` (as a load with
/// stamps saw them, in file order), each unchanged, and its listing skips
/// the files `skipped` fingerprints. A file that could not be read then is
/// a doubt: false.
pub fn unchanged(dir: &Path, files: &[FileSeen], skipped: u128) -> bool {
    let Ok(listing) = list_records(dir) else {
        return false;
    };
    if listing.files.len() != files.len() || fingerprint(&listing.skipped) != skipped {
        return false;
    }
    let now = SystemTime::now();
    listing
        .files
        .par_iter()
        .zip(files)
        .with_min_len(256)
        .all(|(path, seen)| {
            let name = path.file_name().and_then(|n| n.to_str());
            name == Some(seen.name.as_str())
                && match &seen.state {
                    // Refused by its name, which is the same.
                    FileState::NotRead => true,
                    FileState::Read(stamp) => super::reading::unchanged(path, stamp, now).is_some(),
                    FileState::Unreadable => false,
                }
        })
}

/// True when the record file `name` of `dir` is unchanged since `stamp`:
/// the test [`unchanged`] makes of each file (size and time, else the
/// contents' hash), for a caller that looks at some files first.
pub fn file_unchanged(dir: &Path, name: &str, stamp: &Stamp, now: SystemTime) -> bool {
    super::reading::unchanged(&dir.join(name), stamp, now).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{load_with_options, LoadOptions};
    use std::fs;
    use std::time::Duration;

    fn seen(dir: &Path) -> (Vec<FileSeen>, u128) {
        let options = LoadOptions {
            stamps: true,
            ..LoadOptions::default()
        };
        let loaded = load_with_options(dir, &options).expect("load");
        (loaded.files, loaded.skipped)
    }

    fn age(path: &Path) {
        let file = fs::File::options().write(true).open(path).expect("open");
        file.set_modified(SystemTime::now() - Duration::from_secs(60))
            .expect("mtime");
    }

    #[test]
    fn any_change_to_the_files_is_seen() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = dir.path().join("a.toml");
        fs::write(&a, "type = \"book\"\ntitle = \"A\"\n").expect("write");
        fs::write(dir.path().join("b.toml"), "not toml = = \n").expect("write");
        fs::write(dir.path().join("bad name!.toml"), "").expect("write");
        for name in ["a.toml", "b.toml"] {
            age(&dir.path().join(name));
        }
        let (files, skipped) = seen(dir.path());
        assert_eq!(files.len(), 3);
        assert!(unchanged(dir.path(), &files, skipped));
        // Rewritten with the same size: the time tells.
        fs::write(&a, "type = \"book\"\ntitle = \"B\"\n").expect("write");
        assert!(!unchanged(dir.path(), &files, skipped));
        let (files, skipped) = seen(dir.path());
        // Written just now, the stamp is not settled: the contents decide.
        assert!(unchanged(dir.path(), &files, skipped));
        fs::write(&a, "type = \"book\"\ntitle = \"C\"\n").expect("write");
        assert!(!unchanged(dir.path(), &files, skipped));
        let (files, skipped) = seen(dir.path());
        // A file added, one removed, one skipped by the listing.
        fs::write(dir.path().join("c.toml"), "").expect("write");
        assert!(!unchanged(dir.path(), &files, skipped));
        fs::remove_file(dir.path().join("c.toml")).expect("remove");
        assert!(unchanged(dir.path(), &files, skipped));
        fs::remove_file(dir.path().join("b.toml")).expect("remove");
        assert!(!unchanged(dir.path(), &files, skipped));
        let (files, skipped) = seen(dir.path());
        fs::write(dir.path().join("d.TOML"), "").expect("write");
        assert!(!unchanged(dir.path(), &files, skipped));
    }
}
