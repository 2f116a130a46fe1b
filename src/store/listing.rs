//! Which directory entries of a library are records, decided without opening
//! them: a FIFO, socket or device named `x.toml` would block or misbehave if
//! read, so it is skipped with a warning; so are `*.TOML` files and names that
//! are not UTF-8, which a user would otherwise never learn were left out.

use super::SETTINGS_FILE;
use crate::diag::{Diagnostic, Location};
use std::fs::{self, DirEntry, File, FileType};
use std::io;
use std::path::Path;

/// What a directory entry is to the loader.
pub enum Kind {
    /// A record file to read.
    Record,
    /// Not a record, and nothing to say (hidden files, other extensions,
    /// directories, the settings file).
    Ignored,
    /// Looks like a record but is not read; the warning says why.
    Skipped(Box<Diagnostic>),
}

/// Classifies one entry of `read_dir`. The entry's type comes with the
/// directory listing (no extra system call per file, which counts at 100,000
/// records); only a symbolic link costs a second look (`stat`, which never
/// blocks, even on a FIFO).
pub fn classify(entry: &DirEntry, path: &Path) -> Kind {
    let raw = entry.file_name();
    let bytes = raw.as_encoded_bytes();
    if bytes.starts_with(b".") || !ends_with_toml(bytes) {
        return Kind::Ignored;
    }
    let Some(name) = raw.to_str() else {
        return skipped(
            path,
            "the file name is not valid UTF-8, so it cannot be a citation key".into(),
            "rename the file with a UTF-8 name (letters, digits, `-`, `_`, `.`, `:`)",
        );
    };
    if !name.ends_with(".toml") {
        return skipped(
            path,
            format!("`{name}` is not read: record files end in `.toml`, in lower case"),
            "rename it with a lower-case `.toml` extension",
        );
    }
    if name == SETTINGS_FILE {
        return Kind::Ignored;
    }
    let file_type = match entry.file_type() {
        Ok(t) if t.is_symlink() => match fs::metadata(path) {
            Ok(meta) => meta.file_type(),
            // A dangling link or a loop: the reader reports it at this file.
            Err(_) => return Kind::Record,
        },
        Ok(t) => t,
        Err(_) => return Kind::Record,
    };
    if file_type.is_file() {
        Kind::Record
    } else if file_type.is_dir() {
        // A directory named `x.toml` is a directory, not a misplaced record.
        Kind::Ignored
    } else {
        skipped(
            path,
            format!(
                "not read: it is {}, not a regular file",
                article(file_kind(&file_type))
            ),
            "a record is a regular file; remove this entry or rename it",
        )
    }
}

fn ends_with_toml(name: &[u8]) -> bool {
    name.len() > 5 && name[name.len() - 5..].eq_ignore_ascii_case(b".toml")
}

fn skipped(path: &Path, message: String, help: &str) -> Kind {
    Kind::Skipped(Box::new(
        Diagnostic::warning("skipped-file", message)
            .with_location(Location::file(path))
            .with_help(help),
    ))
}

fn article(kind: &str) -> String {
    let vowel = kind.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {kind}", if vowel { "an" } else { "a" })
}

/// What kind of file this is, in words.
pub fn file_kind(file_type: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_block_device() {
            return "block device";
        }
        if file_type.is_char_device() {
            return "character device";
        }
    }
    if file_type.is_dir() {
        "directory"
    } else if file_type.is_file() {
        "regular file"
    } else {
        "special file"
    }
}

/// Opens `path` for reading without waiting: on Unix with `O_NONBLOCK`, so
/// opening a FIFO with no writer returns at once instead of hanging (the
/// flag changes nothing for regular files).
pub fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::super::{list_records, load};
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    fn mkfifo(path: &std::path::Path) {
        let name = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("path");
        // SAFETY: a valid NUL-terminated path; mkfifo has no other effect.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    }

    /// A FIFO, an upper-case extension and a non-UTF-8 name are each reported
    /// and skipped; the good record still loads, and nothing blocks.
    #[test]
    fn odd_entries_are_reported_not_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("good.toml"),
            "type = \"book\"\ntitle = \"T\"\n",
        )
        .expect("write");
        std::fs::write(dir.path().join("upper.TOML"), "type = \"book\"\n").expect("write");
        let bad_name = OsStr::from_bytes(b"caf\xe9.toml");
        std::fs::write(dir.path().join(bad_name), "type = \"book\"\n").expect("write");
        mkfifo(&dir.path().join("pipe.toml"));
        std::os::unix::fs::symlink(dir.path().join("pipe.toml"), dir.path().join("link.toml"))
            .expect("symlink");
        let listing = list_records(dir.path()).expect("list");
        assert_eq!(listing.files, vec![dir.path().join("good.toml")]);
        let messages: Vec<String> = listing.skipped.iter().map(|d| d.message.clone()).collect();
        assert_eq!(listing.skipped.len(), 4, "{messages:?}");
        assert!(listing.skipped.iter().all(|d| d.code == "skipped-file"));
        assert!(messages.iter().any(|m| m.contains("FIFO")), "{messages:?}");
        assert!(
            messages.iter().any(|m| m.contains("upper.TOML")),
            "{messages:?}"
        );
        assert!(messages.iter().any(|m| m.contains("UTF-8")), "{messages:?}");
        let loaded = load(dir.path()).expect("load");
        assert_eq!(loaded.library.entries.len(), 1);
        assert_eq!(loaded.diagnostics.len(), 4);
    }

    /// `kaynak.toml` itself a FIFO: refused at once, not waited on.
    #[test]
    fn a_fifo_settings_file_does_not_block() {
        let dir = tempfile::tempdir().expect("temp dir");
        mkfifo(&dir.path().join("kaynak.toml"));
        let loaded = load(dir.path()).expect("load");
        let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec!["unreadable-file"]);
        assert!(loaded.diagnostics[0].message.contains("FIFO"));
    }
}
