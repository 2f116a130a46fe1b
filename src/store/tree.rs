//! The TOML of one record as the loader reads it: tables of keys and values,
//! each with the span toml_edit gives it, and nothing of the layout (no
//! comments, no whitespace, no formatting to write back).
//!
//! A record is almost always flat: `key = value` lines whose values are
//! strings, numbers, dates, arrays and inline tables. Such a document is
//! built here straight from toml_parser's events, the parser toml_edit
//! itself runs on, for about a third of what toml_edit's own document costs
//! (measured on 100,000 generated records). Anything else (a table header,
//! a dotted key, a key written twice, a value that does not decode, any
//! syntax error) is parsed by toml_edit as before, and its document turned
//! into this tree: errors are toml_edit's, and both ways give the same tree
//! with the same spans (the tests below compare them). Settings
//! (`kaynak.toml`) keep toml_edit's document.

use crate::diag::Span;
use std::borrow::Cow;
use toml_edit::TableLike;
use toml_parser::lexer::Token;
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Source};

/// How deep values may nest (toml_edit's own limit).
const NESTING_LIMIT: u32 = 80;

/// A key, decoded, with the span of its text (quotes included).
#[derive(Debug, Clone, PartialEq)]
pub struct Key<'a> {
    pub name: Cow<'a, str>,
    pub span: Span,
}

/// A value and its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<'a> {
    pub value: Value<'a>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    String(Cow<'a, str>),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Datetime(toml_edit::Datetime),
    /// `[ … ]`.
    Array(Vec<Item<'a>>),
    /// `[[name]]` tables (each item a [`Value::Table`]).
    ArrayOfTables(Vec<Item<'a>>),
    /// A `[name]` table, or one made by a dotted key.
    Table(Table<'a>),
    /// `{ … }`.
    InlineTable(Table<'a>),
}

/// A table's entries, in the order toml_edit iterates them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table<'a> {
    pub entries: Vec<(Key<'a>, Item<'a>)>,
}

impl<'a> Table<'a> {
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Item<'a>)> {
        self.entries.iter().map(|(k, v)| (k.name.as_ref(), v))
    }

    /// The span of the key `name`, or an empty span when there is none.
    pub fn key_span(&self, name: &str) -> Span {
        self.entries
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(k, _)| k.span)
            .unwrap_or_default()
    }
}

impl<'a> Item<'a> {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_integer(&self) -> Option<i64> {
        match self.value {
            Value::Integer(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Boolean(b) => Some(b),
            _ => None,
        }
    }

    /// A table of either kind.
    pub fn as_table_like(&self) -> Option<&Table<'a>> {
        match &self.value {
            Value::Table(t) | Value::InlineTable(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_inline_table(&self) -> Option<&Table<'a>> {
        match &self.value {
            Value::InlineTable(t) => Some(t),
            _ => None,
        }
    }

    /// The items of a `[ … ]` array (not of an array of tables).
    pub fn as_array(&self) -> Option<&[Item<'a>]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// A short English description of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        use super::context::TomlType;
        let kind = match self.value {
            Value::Table(_) | Value::InlineTable(_) => TomlType::Table,
            Value::ArrayOfTables(_) => TomlType::ArrayOfTables,
            Value::String(_) => TomlType::String,
            Value::Integer(_) => TomlType::Integer,
            Value::Float(_) => TomlType::Float,
            Value::Boolean(_) => TomlType::Boolean,
            Value::Datetime(_) => TomlType::Datetime,
            Value::Array(_) => TomlType::Array,
        };
        kind.name()
    }
}

/// Parses a record's text: its root table, or toml_edit's error.
pub fn parse(text: &str) -> Result<Table<'_>, toml_edit::TomlError> {
    if let Some(table) = Flat::parse(text) {
        return Ok(table);
    }
    let doc = toml_edit::Document::parse(text)?;
    Ok(from_table_like(doc.as_table()))
}

/// Builds the tree of a flat document from toml_parser's events; `None`
/// for anything it leaves to toml_edit.
struct Flat<'e, 'a> {
    events: &'e [Event],
    at: usize,
    source: Source<'a>,
}

/// An error sink that only remembers that there was an error.
#[derive(Default)]
struct Failed(bool);

impl ErrorSink for Failed {
    fn report_error(&mut self, _: ParseError) {
        self.0 = true;
    }
}

impl<'a> Flat<'_, 'a> {
    fn parse(text: &'a str) -> Option<Table<'a>> {
        thread_local! {
            // Tokens and events of the last file: a load parses thousands
            // of files on each thread, and these need not be allocated anew.
            static BUFFERS: std::cell::RefCell<(Vec<Token>, Vec<Event>)> =
                const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
        }
        BUFFERS.with_borrow_mut(|(tokens, events)| {
            let source = Source::new(text);
            tokens.clear();
            tokens.extend(source.lex());
            events.clear();
            let mut failed = Failed::default();
            {
                // The same receivers as toml_edit's, so the same documents fail.
                let mut whitespace = ValidateWhitespace::new(events, source);
                let mut receiver = RecursionGuard::new(&mut whitespace, NESTING_LIMIT);
                toml_parser::parser::parse_document(tokens, &mut receiver, &mut failed);
            }
            if failed.0 {
                return None;
            }
            let mut flat = Flat {
                events,
                at: 0,
                source,
            };
            flat.document()
        })
    }

    /// The next event that is not whitespace, a comment or a line break.
    fn next(&mut self) -> Option<Event> {
        while let Some(event) = self.events.get(self.at) {
            self.at += 1;
            match event.kind() {
                EventKind::Whitespace | EventKind::Comment | EventKind::Newline => {}
                _ => return Some(*event),
            }
        }
        None
    }

    fn document(&mut self) -> Option<Table<'a>> {
        // Room for a typical record's fields at once.
        let mut table = Table {
            entries: Vec::with_capacity(16),
        };
        while let Some(event) = self.next() {
            if event.kind() != EventKind::SimpleKey {
                // A table header (or anything unexpected).
                return None;
            }
            table.entries.push(self.key_value(event)?);
        }
        unique(&table).then_some(table)
    }

    /// `key = value`, from the key's event on; `None` for a dotted key.
    fn key_value(&mut self, key: Event) -> Option<(Key<'a>, Item<'a>)> {
        if self.next()?.kind() != EventKind::KeyValSep {
            return None;
        }
        let raw = self.source.get(key)?;
        let mut name = Cow::Borrowed("");
        let mut failed = Failed::default();
        raw.decode_key(&mut name, &mut failed);
        if failed.0 {
            return None;
        }
        let span = Span::new(key.span().start(), key.span().end());
        let value = self.next()?;
        Some((Key { name, span }, self.value(value)?))
    }

    fn value(&mut self, event: Event) -> Option<Item<'a>> {
        match event.kind() {
            EventKind::Scalar => self.scalar(event),
            EventKind::ArrayOpen => self.array(event),
            EventKind::InlineTableOpen => self.inline_table(event),
            _ => None,
        }
    }

    /// A scalar decoded as toml_edit decodes it.
    fn scalar(&self, event: Event) -> Option<Item<'a>> {
        use toml_parser::decoder::ScalarKind;
        let raw = self.source.get(event)?;
        let mut decoded = Cow::Borrowed("");
        let mut failed = Failed::default();
        let kind = raw.decode_scalar(&mut decoded, &mut failed);
        if failed.0 {
            return None;
        }
        let value = match kind {
            ScalarKind::String => Value::String(decoded),
            ScalarKind::Boolean(b) => Value::Boolean(b),
            ScalarKind::DateTime => Value::Datetime(decoded.parse().ok()?),
            ScalarKind::Float => {
                let value: f64 = decoded.parse().ok()?;
                // toml_edit calls an infinity an overflow unless it is spelt `inf`.
                let word = decoded.trim_start_matches(['+', '-']);
                if value.is_infinite() && !word.chars().all(|c| c.is_ascii_alphabetic()) {
                    return None;
                }
                Value::Float(value)
            }
            ScalarKind::Integer(radix) => {
                Value::Integer(i64::from_str_radix(&decoded, radix.value()).ok()?)
            }
        };
        Some(Item {
            value,
            span: Span::new(event.span().start(), event.span().end()),
        })
    }

    fn array(&mut self, open: Event) -> Option<Item<'a>> {
        let mut items = Vec::new();
        loop {
            let event = self.next()?;
            match event.kind() {
                EventKind::ValueSep => {}
                EventKind::ArrayClose => {
                    let span = Span::new(open.span().start(), event.span().end());
                    let value = Value::Array(items);
                    return Some(Item { value, span });
                }
                _ => items.push(self.value(event)?),
            }
        }
    }

    fn inline_table(&mut self, open: Event) -> Option<Item<'a>> {
        let mut table = Table::default();
        loop {
            let event = self.next()?;
            match event.kind() {
                EventKind::ValueSep => {}
                EventKind::SimpleKey => table.entries.push(self.key_value(event)?),
                EventKind::InlineTableClose => {
                    let span = Span::new(open.span().start(), event.span().end());
                    return unique(&table).then_some(Item {
                        value: Value::InlineTable(table),
                        span,
                    });
                }
                _ => return None,
            }
        }
    }
}

/// True when no key of `table` is written twice.
fn unique(table: &Table) -> bool {
    let entries = &table.entries;
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .all(|(i, (k, _))| entries[..i].iter().all(|(o, _)| o.name != k.name));
    }
    let mut names: Vec<&str> = entries.iter().map(|(k, _)| k.name.as_ref()).collect();
    names.sort_unstable();
    names.windows(2).all(|w| w[0] != w[1])
}

fn span_of(range: Option<std::ops::Range<usize>>) -> Span {
    Span::from_range(range).unwrap_or_default()
}

/// toml_edit's table as a tree.
fn from_table_like<'a>(table: &dyn TableLike) -> Table<'a> {
    let entries = table
        .iter()
        .map(|(name, item)| {
            let span = table.get_key_value(name).and_then(|(k, _)| k.span());
            let key = Key {
                name: Cow::Owned(name.to_string()),
                span: span_of(span),
            };
            (key, from_item(item))
        })
        .collect();
    Table { entries }
}

fn from_item<'a>(item: &toml_edit::Item) -> Item<'a> {
    let value = match item {
        toml_edit::Item::Value(value) => return from_value(value),
        toml_edit::Item::Table(table) => Value::Table(from_table_like(table)),
        toml_edit::Item::ArrayOfTables(tables) => Value::ArrayOfTables(
            tables
                .iter()
                .map(|t| Item {
                    value: Value::Table(from_table_like(t)),
                    span: span_of(t.span()),
                })
                .collect(),
        ),
        // Never in a parsed document's tables.
        toml_edit::Item::None => Value::Table(Table::default()),
    };
    Item {
        value,
        span: span_of(item.span()),
    }
}

fn from_value<'a>(value: &toml_edit::Value) -> Item<'a> {
    use toml_edit::Value as V;
    let converted = match value {
        V::String(s) => Value::String(Cow::Owned(s.value().clone())),
        V::Integer(n) => Value::Integer(*n.value()),
        V::Float(f) => Value::Float(*f.value()),
        V::Boolean(b) => Value::Boolean(*b.value()),
        V::Datetime(d) => Value::Datetime(*d.value()),
        V::Array(array) => Value::Array(array.iter().map(from_value).collect()),
        V::InlineTable(table) => Value::InlineTable(from_table_like(table)),
    };
    Item {
        value: converted,
        span: span_of(value.span()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree toml_edit's document gives.
    fn slow(text: &str) -> Table<'_> {
        from_table_like(toml_edit::Document::parse(text).expect("toml").as_table())
    }

    #[test]
    fn flat_records_give_the_tree_toml_edit_gives() {
        let texts = [
            "type = \"book\"\ntitle = \"Kafkas\"\n",
            "# c\ntype = 'book' # t\n\"quoted key\" = \"a\\tb\"\n'lit' = 1_000\nx = 0x1F\n",
            "title = { original = \"Кавказ\", translit = \"Kavkaz\", translation = { en = \"Caucasus\" } }\n",
            "author = [\n  { family = \"Kaya\", given = \"N. S.\" },\n  { literal = \"Org\" }, # x\n]\n",
            "issued = 2021-03-31\nd = 1979-05-27T07:32:00Z\nf = 1.5\ng = inf\nb = true\nn = -3\n",
            "a = []\nb = [[1, 2], [\"x\"]]\nc = {}\nd = \"\"\"\nmulti\\\n  line\"\"\"\ne = '''raw\\n'''\n",
            "check = { allow = [{ rule = \"missing-url\", reason = \"print\" }] }\n",
        ];
        for text in texts {
            let fast = Flat::parse(text).unwrap_or_else(|| panic!("flat: {text}"));
            assert_eq!(fast, slow(text), "{text}");
        }
    }

    #[test]
    fn anything_else_is_left_to_toml_edit() {
        let texts = [
            "type = \"book\"\n[title]\noriginal = \"x\"\n",
            "[[author]]\nfamily = \"A\"\n[[author]]\nfamily = \"B\"\n",
            "title.original = \"x\"\ntitle.translit = \"y\"\n",
            "t = { a.b = 1 }\n",
            "[extra.bibtex]\nkeywords = \"k\"\n",
        ];
        for text in texts {
            assert!(Flat::parse(text).is_none(), "{text}");
            assert_eq!(parse(text).expect("parse"), slow(text), "{text}");
        }
    }

    #[test]
    fn errors_are_toml_edit_errors() {
        let texts = [
            "type = \"book\"\ntype = \"book\"\n",
            "t = { a = 1, a = 2 }\n",
            "x = 99999999999999999999\n",
            "x = 1e999\n",
            "d = 2021-02-30\n",
            "s = \"bad \\q escape\"\n",
            "type = \n",
            "a = [1 2]\n",
            "k = \"\u{1}\"\n",
        ];
        for text in texts {
            let expected = toml_edit::Document::parse(text)
                .expect_err(text)
                .to_string();
            let found = parse(text).expect_err(text).to_string();
            assert_eq!(found, expected, "{text}");
        }
    }

    /// Every record of the repository (good, broken, hostile, fuzz seeds)
    /// parses to toml_edit's tree or toml_edit's error.
    #[test]
    fn the_repository_records_parse_as_toml_edit_parses_them() {
        let dirs = [
            "sources",
            "tests/fixtures/broken",
            "tests/fixtures/corrected",
            "tests/hostile/records",
            "fuzz/seeds/record_loader",
        ];
        let mut flat = 0;
        for dir in dirs {
            let Ok(files) = std::fs::read_dir(dir) else {
                continue;
            };
            for file in files.flatten() {
                let Ok(text) = std::fs::read_to_string(file.path()) else {
                    continue;
                };
                let expected = toml_edit::Document::parse(text.as_str());
                match (parse(&text), expected) {
                    // As text: a NaN is not equal to itself.
                    (Ok(tree), Ok(doc)) => assert_eq!(
                        format!("{tree:?}"),
                        format!("{:?}", from_table_like(doc.as_table())),
                        "{:?}",
                        file.path()
                    ),
                    (Err(e), Err(expected)) => assert_eq!(e.to_string(), expected.to_string()),
                    (tree, doc) => panic!("{:?}: {tree:?} but {doc:?}", file.path()),
                }
                flat += usize::from(Flat::parse(&text).is_some());
            }
        }
        assert!(flat > 50, "the flat path is taken ({flat})");
    }

    #[test]
    fn deep_nesting_is_an_error_not_an_overflow() {
        let text = format!("x = {}{}\n", "[".repeat(5000), "]".repeat(5000));
        assert!(parse(&text).is_err());
    }
}
