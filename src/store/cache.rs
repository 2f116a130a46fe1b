//! The load cache: a derived file in the library (`.kaynak-cache`) that keeps
//! each cleanly loaded record as the model, so that the next run over an
//! unchanged library skips reading and parsing it. Like cargo's and ruff's,
//! it is never trusted blindly and never needed:
//!
//! * a record is taken from the cache only when its file has the same size and
//!   modification time as when it was cached; a file modified too close to
//!   the moment it was cached (the clock's grain could hide a second change)
//!   is read again and compared by content hash before its entry is used;
//! * a file that is not a cache of this build's format (another program's
//!   file, another version of kaynak, a torn or corrupted write) is ignored
//!   whole, and the next load writes a new one;
//! * only records that loaded without any diagnostic and whose text is in
//!   Unicode NFC are cached: every finding of a load is made afresh;
//! * the file is written to a temporary file and renamed over the old one,
//!   and a failure to write (a read-only library) is silently a run without
//!   a cache: the cache never fails a command.
//!
//! Format: a header (magic, format version, the writing kaynak's version, the
//! body's length and xxh3 hash), then the body in postcard: an index (each
//! chunk's length, record count and first file name), then the chunks, which
//! decode in parallel. A load that needs no record of a chunk (it knows them
//! all already, see [`LoadOptions::known`](super::LoadOptions::known)) skips
//! it undecoded. This module knows nothing of TOML.

use crate::model::Entry;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The cache's file name in the library directory (hidden: never a record).
pub const CACHE_FILE: &str = ".kaynak-cache";

/// The first bytes of every cache file.
const MAGIC: &[u8; 8] = b"KAYNAKC\0";

/// Bumped whenever the serialised model changes shape (a unit test locks the
/// bytes of a sample record, so such a change cannot go unnoticed).
const FORMAT: u32 = 3;

/// Records per independently decodable chunk.
#[cfg(not(test))]
const CHUNK: usize = 4096;
/// Small in tests, so that small libraries span many chunks.
#[cfg(test)]
const CHUNK: usize = 8;

/// A file modified less than this long before it was cached is verified by
/// its content hash on the next load (file systems keep times as coarse as
/// two seconds).
const SETTLE: Duration = Duration::from_secs(2);

/// What identifies a record file's contents on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime: i128,
    /// xxh3-128 of the file's bytes.
    pub hash: u128,
    /// False when the file changed too close to the moment it was stamped:
    /// size and time alone do not vouch for it then.
    pub settled: bool,
}

impl Stamp {
    /// The stamp of a file read at `loaded_at`, with its `text`.
    pub fn new(meta: &fs::Metadata, text: &str, loaded_at: SystemTime) -> Stamp {
        let modified = meta.modified().ok();
        let settled = modified.is_some_and(|m| m + SETTLE < loaded_at);
        Stamp {
            size: meta.len(),
            mtime: modified.map_or(0, nanos),
            hash: hash(text.as_bytes()),
            settled,
        }
    }

    /// True when `meta` shows the same file as this stamp without reading it.
    pub fn same_on_disk(&self, meta: &fs::Metadata) -> bool {
        self.settled
            && self.size == meta.len()
            && meta.modified().ok().map(nanos) == Some(self.mtime)
    }

    /// True when `meta` and the file's `bytes` are those this stamp was made from.
    pub fn same_contents(&self, meta: &fs::Metadata, bytes: &[u8]) -> bool {
        self.size == meta.len() && self.hash == hash(bytes)
    }
}

fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// `value` in postcard, as `postcard::to_stdvec` writes it. The bytes are the
/// same; only the copying differs: postcard hands over every varint and
/// short string as a slice, and copying each through `memcpy` cost a cold
/// `check` about 3% of its time.
pub(crate) fn to_postcard<T: Serialize + ?Sized>(value: &T) -> postcard::Result<Vec<u8>> {
    postcard::serialize_with_flavor(value, Bytes(Vec::with_capacity(4096)))
}

/// [`to_postcard`] into a buffer kept per thread, returning an exact copy:
/// for the many small values a load encodes (a library holds them all).
fn to_postcard_exact<T: Serialize + ?Sized>(value: &T) -> postcard::Result<Vec<u8>> {
    thread_local! {
        static SCRATCH: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let mut scratch = SCRATCH.take();
    scratch.clear();
    let result = postcard::serialize_with_flavor(value, Bytes(scratch));
    match result {
        Ok(bytes) => {
            let exact = bytes.as_slice().to_vec();
            SCRATCH.set(bytes);
            Ok(exact)
        }
        Err(e) => Err(e),
    }
}

/// A postcard output that copies short slices byte by byte.
struct Bytes(Vec<u8>);

impl postcard::ser_flavors::Flavor for Bytes {
    type Output = Vec<u8>;

    #[inline]
    fn try_extend(&mut self, data: &[u8]) -> postcard::Result<()> {
        if data.len() <= 16 {
            self.0.reserve(data.len());
            for &byte in data {
                self.0.push(byte);
            }
        } else {
            self.0.extend_from_slice(data);
        }
        Ok(())
    }

    #[inline]
    fn try_push(&mut self, data: u8) -> postcard::Result<()> {
        self.0.push(data);
        Ok(())
    }

    fn finalize(self) -> postcard::Result<Vec<u8>> {
        Ok(self.0)
    }
}

pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// One cached record: its file name, stamp and entry.
#[derive(Debug, Serialize, Deserialize)]
pub struct Cached {
    pub name: String,
    pub stamp: Stamp,
    pub entry: Entry,
    /// Where the record's bytes are in the cache file it was decoded from
    /// ([`CacheFile::record_bytes`]): a record reused unchanged goes into
    /// the next cache as these bytes, not encoded again.
    #[serde(skip)]
    pub bytes: std::ops::Range<usize>,
}

/// The same, borrowed, for writing.
#[derive(Serialize)]
struct CachedRef<'a> {
    name: &'a str,
    stamp: &'a Stamp,
    entry: &'a Entry,
}

/// The cache of `dir`, sorted by file name; empty when there is none or it
/// cannot be used (foreign, corrupt, of another version).
pub fn read(dir: &Path) -> Vec<Cached> {
    let Some(file) = open(dir) else {
        return Vec::new();
    };
    file.decode(0..file.chunks()).unwrap_or_default()
}

/// A cache file checked whole (magic, format, version, length, hash) and cut
/// into its chunks, which are decoded only when asked for: a load takes the
/// records a few chunks at a time, so they never all exist beside the
/// entries made from them.
pub struct CacheFile {
    bytes: Vec<u8>,
    chunks: Vec<Chunk>,
}

/// Where a chunk's bytes are, and the file names of its records (sorted).
struct Chunk {
    bytes: std::ops::Range<usize>,
    names: Vec<String>,
}

/// The index entry of one chunk, as written: its length in bytes and the
/// file names of its records, in order.
type IndexEntry = (u64, Vec<String>);

/// The cache file of `dir`, when it is one this build wrote whole.
pub fn open(dir: &Path) -> Option<CacheFile> {
    let bytes = fs::read(dir.join(CACHE_FILE)).ok()?;
    CacheFile::new(bytes)
}

impl CacheFile {
    fn new(bytes: Vec<u8>) -> Option<CacheFile> {
        let head = bytes.get(..HEADER_LEN)?;
        let body = &bytes[HEADER_LEN..];
        if head[..8] != MAGIC[..] || head[8..12] != FORMAT.to_le_bytes() {
            return None;
        }
        if head[12..20] != version_hash().to_le_bytes()
            || head[20..28] != (body.len() as u64).to_le_bytes()
            || head[28..44] != hash(body).to_le_bytes()
        {
            return None;
        }
        let (index, rest): (Vec<IndexEntry>, &[u8]) = postcard::take_from_bytes(body).ok()?;
        let mut at = bytes.len() - rest.len();
        let mut chunks: Vec<Chunk> = Vec::with_capacity(index.len());
        for (length, names) in index {
            let end = at.checked_add(usize::try_from(length).ok()?)?;
            // Names are sorted within a chunk and across chunks: the index
            // is searched by them.
            let sorted = names.windows(2).all(|w| w[0] < w[1]);
            let after = match (chunks.last().and_then(|c| c.names.last()), names.first()) {
                (_, None) => false,
                (Some(last), Some(first)) => last < first,
                (None, Some(_)) => true,
            };
            if end > bytes.len() || !sorted || !after {
                return None;
            }
            chunks.push(Chunk {
                bytes: at..end,
                names,
            });
            at = end;
        }
        (at == bytes.len()).then_some(CacheFile { bytes, chunks })
    }

    /// How many chunks the file has.
    pub fn chunks(&self) -> usize {
        self.chunks.len()
    }

    /// How many records the file holds, by its index (nothing is decoded).
    pub fn records(&self) -> usize {
        self.chunks.iter().map(|c| c.names.len()).sum()
    }

    /// The chunk, from `from` on, that holds the record of file `name`, by
    /// the index (nothing is decoded); `None` when the cache has no such
    /// record there.
    pub fn chunk_of(&self, from: usize, name: &str) -> Option<usize> {
        let rest = self.chunks.get(from..)?;
        let at = rest
            .partition_point(|c| c.names.first().is_some_and(|f| f.as_str() <= name))
            .checked_sub(1)?;
        let chunk = rest.get(at)?;
        chunk
            .names
            .binary_search_by(|n| n.as_str().cmp(name))
            .ok()
            .map(|_| from + at)
    }

    /// The records of chunks `range`, decoded in parallel and in order;
    /// `None` when any does not decode, does not match the index, or the
    /// names are not in order.
    pub fn decode(&self, range: std::ops::Range<usize>) -> Option<Vec<Cached>> {
        let slices = self.chunks.get(range)?;
        let decoded: Option<Vec<Vec<Cached>>> = slices
            .par_iter()
            .map(|c| {
                let records = self.decode_chunk(c.bytes.clone())?;
                let matches = records.len() == c.names.len()
                    && records.iter().zip(&c.names).all(|(r, n)| r.name == *n);
                matches.then_some(records)
            })
            .collect();
        let records: Vec<Cached> = decoded?.into_iter().flatten().collect();
        let sorted = records.windows(2).all(|w| w[0].name < w[1].name);
        sorted.then_some(records)
    }
}

impl CacheFile {
    /// The records of the chunk at `bytes` (its count, then each record as
    /// postcard writes a `Vec<Cached>`), each with where its bytes are; `None`
    /// when the chunk does not decode to exactly its bytes.
    fn decode_chunk(&self, bytes: std::ops::Range<usize>) -> Option<Vec<Cached>> {
        let chunk = self.bytes.get(bytes.clone())?;
        let (count, mut rest): (usize, &[u8]) = postcard::take_from_bytes(chunk).ok()?;
        // Each record takes more than a byte: a count beyond the chunk's
        // length is corrupt, and must not size the vector.
        if count > rest.len() {
            return None;
        }
        let mut records = Vec::with_capacity(count);
        for _ in 0..count {
            let start = bytes.end - rest.len();
            let (mut record, after): (Cached, &[u8]) = postcard::take_from_bytes(rest).ok()?;
            record.bytes = start..bytes.end - after.len();
            records.push(record);
            rest = after;
        }
        rest.is_empty().then_some(records)
    }

    /// The bytes of a record this file holds (see [`Cached::bytes`]).
    pub fn record_bytes(&self, bytes: std::ops::Range<usize>) -> Option<&[u8]> {
        self.bytes.get(bytes)
    }
}

/// The header of a body of `len` bytes hashed to `hash`.
fn header(len: u64, hash: u128) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&version_hash().to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&hash.to_le_bytes());
    out
}

const HEADER_LEN: usize = 8 + 4 + 8 + 8 + 16;

/// What the cache's meaning depends on besides its own format: kaynak's
/// version, and the item types and variables in their order (enums are
/// written as their index, and field names must be known).
pub(crate) fn version_hash() -> u64 {
    static HASH: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *HASH.get_or_init(|| {
        let mut text = String::from(concat!(
            env!("CARGO_PKG_NAME"),
            " ",
            env!("CARGO_PKG_VERSION")
        ));
        for item_type in crate::model::ItemType::ALL {
            text.push(' ');
            text.push_str(item_type.name());
        }
        for variable in crate::model::VARIABLES {
            text.push(' ');
            text.push_str(variable.name);
        }
        xxhash_rust::xxh3::xxh3_64(text.as_bytes())
    })
}

/// The records of a cache file's bytes, or `None` when it is not one this
/// build wrote whole.
#[cfg(test)]
fn decode(bytes: &[u8]) -> Option<Vec<Cached>> {
    let file = CacheFile::new(bytes.to_vec())?;
    file.decode(0..file.chunks())
}

/// The bytes of a cache of `records` (sorted by name here).
#[cfg(test)]
fn encode(mut records: Vec<(&str, &Stamp, &Entry)>) -> Option<Vec<u8>> {
    records.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let encoded: Option<Vec<(&str, Vec<u8>)>> = records
        .iter()
        .map(|&(name, stamp, entry)| Some((name, encode_record(name, stamp, entry)?)))
        .collect();
    let encoded = encoded?;
    let borrowed: Vec<(&str, &[u8])> = encoded.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let mut out = Vec::new();
    write_records_to(&borrowed, &mut out).ok()?;
    Some(out)
}

/// One record as the cache holds it: its bytes in a chunk (postcard writes
/// a chunk as its length followed by its records' bytes, so records encoded
/// one by one, as they are loaded, make the chunk postcard would write).
pub fn encode_record(name: &str, stamp: &Stamp, entry: &Entry) -> Option<Vec<u8>> {
    to_postcard_exact(&CachedRef { name, stamp, entry }).ok()
}

/// The index entry of one chunk as written (the names borrowed).
type IndexRef<'a> = (u64, Vec<&'a str>);

/// Writes the cache of `records` ([`encode_record`]'s bytes, sorted by
/// name) to `out`: the header, the index, then each chunk as its length
/// and its records' bytes, never copied into one buffer.
fn write_records_to(records: &[(&str, &[u8])], out: &mut impl Write) -> io::Result<()> {
    let unencodable = |_| io::Error::other("cannot encode the cache");
    let chunks: Vec<&[(&str, &[u8])]> = records.chunks(CHUNK).collect();
    let mut counts = Vec::with_capacity(chunks.len());
    let mut index: Vec<IndexRef> = Vec::with_capacity(chunks.len());
    for chunk in &chunks {
        let count = to_postcard(&chunk.len()).map_err(unencodable)?;
        let length = count.len() + chunk.iter().map(|(_, b)| b.len()).sum::<usize>();
        index.push((length as u64, chunk.iter().map(|(n, _)| *n).collect()));
        counts.push(count);
    }
    let index = postcard::to_stdvec(&index).map_err(unencodable)?;
    let body = || {
        let records = chunks.iter().zip(&counts).flat_map(|(chunk, count)| {
            std::iter::once(count.as_slice()).chain(chunk.iter().map(|(_, b)| *b))
        });
        std::iter::once(index.as_slice()).chain(records)
    };
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let mut len = 0u64;
    for part in body() {
        hasher.update(part);
        len += part.len() as u64;
    }
    out.write_all(&header(len, hasher.digest128()))?;
    for part in body() {
        out.write_all(part)?;
    }
    Ok(())
}

/// Writes the cache of `dir` atomically from `records` ([`encode_record`]'s
/// bytes, or a reused record's bytes from the old cache, sorted by name);
/// any failure leaves the old file (or none) and is returned for tests,
/// never reported to a user.
pub fn write(dir: &Path, records: &[(&str, &[u8])]) -> io::Result<()> {
    let path = dir.join(CACHE_FILE);
    let temp = temp_path(dir);
    let result = fs::File::create_new(&temp)
        .and_then(|file| {
            let mut out = io::BufWriter::with_capacity(1 << 16, file);
            write_records_to(records, &mut out)?;
            out.flush()
        })
        .and_then(|()| fs::rename(&temp, &path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// `.kaynak-cache.PID.N.tmp`: unique per writer, hidden, never a record.
fn temp_path(dir: &Path) -> PathBuf {
    temp_path_for(dir, CACHE_FILE)
}

/// `NAME.PID.N.tmp` in `dir`, for a cache file `NAME` (`.kaynak-cache…`):
/// unique per writer, hidden, never a record, and cleared by writing
/// commands once its writer is gone.
pub(crate) fn temp_path_for(dir: &Path, name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("{name}.{}.{unique}.tmp", std::process::id()))
}

/// The line the library's `.gitignore` needs for the cache.
pub const GITIGNORE_LINE: &str = "/.kaynak-cache*";

/// Makes sure `dir/.gitignore` keeps the cache (and its temporary files)
/// out of version control: creates the file, or adds the line to it.
pub fn ensure_gitignore(dir: &Path) -> io::Result<()> {
    let path = dir.join(".gitignore");
    let existing = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    if existing.lines().any(|l| l.trim() == GITIGNORE_LINE) {
        return Ok(());
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("# kaynak's load cache: derived, rebuilt when missing\n");
    text.push_str(GITIGNORE_LINE);
    text.push('\n');
    super::write::replace(&path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, ItemType, MultiText, Name};

    fn sample() -> Entry {
        let mut entry = Entry::new("k", ItemType::ArticleJournal);
        let mut title = MultiText::plain("Развитие");
        title.set_translit(Some("Razvitiye".into()));
        title
            .translations_mut()
            .insert("en".into(), "Development".into());
        entry.set_text("title", title);
        let name = Name {
            family: Some(MultiText::plain("Ниязов")),
            ..Name::default()
        };
        entry.set_names("author", vec![name]);
        entry.set_date("issued", crate::model::Date::parse("2011").expect("date"));
        entry.language = Some(Field::detached("ru".to_string()));
        entry
    }

    fn stamp() -> Stamp {
        Stamp {
            size: 10,
            mtime: 1,
            hash: 2,
            settled: true,
        }
    }

    #[test]
    fn round_trips_records() {
        let (a, b) = (sample(), Entry::new("b", ItemType::Book));
        let bytes =
            encode(vec![("b.toml", &stamp(), &b), ("a.toml", &stamp(), &a)]).expect("encode");
        let back = decode(&bytes).expect("decode");
        let names: Vec<&str> = back.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a.toml", "b.toml"]);
        let mut entry = back.into_iter().next().expect("one").entry;
        entry.key = "k".into();
        assert_eq!(entry, a);
    }

    /// The serialised form of a record is locked: if this fails, the model
    /// changed shape, and [`FORMAT`] must be bumped (then update the bytes).
    #[test]
    fn format_is_locked() {
        let entry = sample();
        let record = CachedRef {
            name: "k.toml",
            stamp: &stamp(),
            entry: &entry,
        };
        let bytes = postcard::to_stdvec(&record).expect("encode");
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            (FORMAT, hex.as_str()),
            (3, LOCKED),
            "bump FORMAT and update LOCKED"
        );
    }

    /// Records encoded one by one and put together make the very chunk
    /// postcard writes for them all at once.
    #[test]
    fn records_encoded_one_by_one_make_postcard_s_chunk() {
        let (a, b) = (sample(), Entry::new("b", ItemType::Book));
        let refs = [("a.toml", &a), ("b.toml", &b)].map(|(name, entry)| CachedRef {
            name,
            stamp: &STAMP,
            entry,
        });
        let whole = postcard::to_stdvec(&refs.as_slice()).expect("encode");
        let records: Vec<(&str, Vec<u8>)> = refs
            .iter()
            .map(|r| {
                (
                    r.name,
                    encode_record(r.name, r.stamp, r.entry).expect("record"),
                )
            })
            .collect();
        let borrowed: Vec<(&str, &[u8])> =
            records.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        let mut file = Vec::new();
        write_records_to(&borrowed, &mut file).expect("write");
        assert!(file.ends_with(&whole));
        // Each decoded record knows its own bytes in the file.
        let opened = CacheFile::new(file.clone()).expect("open");
        let back = opened.decode(0..opened.chunks()).expect("decode");
        assert_eq!(back.len(), 2);
        for (record, (_, bytes)) in back.iter().zip(&records) {
            assert_eq!(
                opened.record_bytes(record.bytes.clone()),
                Some(bytes.as_slice())
            );
        }
    }

    const LOCKED: &str = concat!(
        "066b2e746f6d6c0a0202010100000000010272750000000001057469746c6510d0a0d0b0d0b7d0b2d0b8d182",
        "d0b8d0b5010952617a7669746979650102656e0b446576656c6f706d656e74000000000106617574686f7201",
        "010cd09dd0b8d18fd0b7d0bed0b2000000000000000000000000000000010669737375656400b61f00000000",
        "0000000000000000",
    );

    #[test]
    fn foreign_corrupt_and_stale_files_are_refused() {
        let e = sample();
        let good = encode(vec![("a.toml", &stamp(), &e)]).expect("encode");
        assert!(decode(&good).is_some());
        // Not a cache at all, or cut short.
        assert!(decode(b"type = \"book\"\n").is_none());
        assert!(decode(&good[..good.len() - 1]).is_none());
        assert!(decode(&[]).is_none());
        // One flipped bit anywhere in the body.
        for at in [HEADER_LEN, HEADER_LEN + 3, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            assert!(decode(&bad).is_none(), "flip at {at}");
        }
        // Another format version, or another kaynak.
        let mut other = good.clone();
        other[8] ^= 1;
        assert!(decode(&other).is_none());
        let mut other = good.clone();
        other[12] ^= 1;
        assert!(decode(&other).is_none());
    }

    #[test]
    fn the_index_finds_a_record_s_chunk_without_decoding() {
        let entry = sample();
        let names: Vec<String> = (0..20).map(|i| format!("r{:02}.toml", i * 2)).collect();
        let records = names.iter().map(|n| (n.as_str(), &STAMP, &entry)).collect();
        let file = CacheFile::new(encode(records).expect("encode")).expect("open");
        assert_eq!((file.chunks(), file.records()), (3, 20));
        assert_eq!(file.chunk_of(0, "r00.toml"), Some(0));
        assert_eq!(file.chunk_of(0, "r18.toml"), Some(1));
        assert_eq!(file.chunk_of(0, "r38.toml"), Some(2));
        assert_eq!(file.chunk_of(2, "r38.toml"), Some(2));
        // Names the cache does not hold, before, between and after its own.
        for absent in ["a.toml", "r01.toml", "r17.toml", "z.toml"] {
            assert_eq!(file.chunk_of(0, absent), None, "{absent}");
        }
        // A chunk already passed is not searched.
        assert_eq!(file.chunk_of(1, "r02.toml"), None);
        let second = file.decode(1..2).expect("decode");
        assert_eq!(second.first().map(|c| c.name.as_str()), Some("r16.toml"));
    }

    const STAMP: Stamp = Stamp {
        size: 10,
        mtime: 1,
        hash: 2,
        settled: true,
    };

    #[test]
    fn gitignore_gets_the_line_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(".gitignore"), "*.pdf").expect("write");
        ensure_gitignore(dir.path()).expect("first");
        ensure_gitignore(dir.path()).expect("second");
        let text = std::fs::read_to_string(dir.path().join(".gitignore")).expect("read");
        assert!(text.starts_with("*.pdf\n"), "{text}");
        assert_eq!(text.matches(GITIGNORE_LINE).count(), 1, "{text}");
    }
}
