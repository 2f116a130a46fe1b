//! Every comment of a parsed TOML document, so that `kaynak fmt` can prove it
//! kept them all. Comments live only in the "decor" (whitespace and comments)
//! around keys, values and tables, and in the trailing parts of arrays, inline
//! tables and the document, so walking those finds each one exactly once.

use toml_edit::{Array, Decor, DocumentMut, InlineTable, Item, Key, RawString, Table, Value};

/// The comments of `doc` (each from `#` to the end of its line, trimmed), sorted.
pub fn comments(doc: &DocumentMut) -> Vec<String> {
    let mut found = Vec::new();
    table(doc.as_table(), &mut found);
    raw(doc.trailing(), &mut found);
    found.sort();
    found
}

fn table(table: &Table, found: &mut Vec<String>) {
    decor(table.decor(), found);
    for (name, _) in table.iter() {
        if let Some((key, item)) = table.get_key_value(name) {
            key_decor(key, found);
            self::item(item, found);
        }
    }
}

fn item(item: &Item, found: &mut Vec<String>) {
    match item {
        Item::Value(v) => value(v, found),
        Item::Table(t) => table(t, found),
        Item::ArrayOfTables(tables) => tables.iter().for_each(|t| table(t, found)),
        Item::None => {}
    }
}

fn value(value: &Value, found: &mut Vec<String>) {
    decor(value.decor(), found);
    match value {
        Value::Array(a) => array(a, found),
        Value::InlineTable(t) => inline_table(t, found),
        _ => {}
    }
}

fn array(array: &Array, found: &mut Vec<String>) {
    array.iter().for_each(|v| value(v, found));
    raw(array.trailing(), found);
}

fn inline_table(table: &InlineTable, found: &mut Vec<String>) {
    for (name, _) in table.iter() {
        if let Some((key, item)) = table.get_key_value(name) {
            key_decor(key, found);
            self::item(item, found);
        }
    }
    raw(table.trailing(), found);
}

fn key_decor(key: &Key, found: &mut Vec<String>) {
    decor(key.leaf_decor(), found);
    decor(key.dotted_decor(), found);
}

fn decor(decor: &Decor, found: &mut Vec<String>) {
    if let Some(prefix) = decor.prefix() {
        raw(prefix, found);
    }
    if let Some(suffix) = decor.suffix() {
        raw(suffix, found);
    }
}

fn raw(text: &RawString, found: &mut Vec<String>) {
    let Some(text) = text.as_str() else {
        return;
    };
    for line in text.lines() {
        if let Some(at) = line.find('#') {
            found.push(line[at..].trim().to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_everywhere_but_in_strings() {
        let doc: DocumentMut =
            "# a\nx = \"# not\" # b\n[t] # c\n# d\ny = [ # e\n  1, # f\n  # g\n]\n# h\n"
                .parse()
                .unwrap();
        let expected: Vec<String> = ["# a", "# b", "# c", "# d", "# e", "# f", "# g", "# h"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(comments(&doc), expected);
    }
}
