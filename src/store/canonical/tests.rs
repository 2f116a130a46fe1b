use super::*;
use std::path::PathBuf;

fn fmt(text: &str) -> String {
    let path = PathBuf::from("rec.toml");
    match format_record(&path, text) {
        Ok(out) => out,
        Err(d) => panic!("{d:?}\n---\n{text}"),
    }
}

/// Formats twice and checks that the second pass changes nothing.
fn fmt_stable(text: &str) -> String {
    let once = fmt(text);
    assert_eq!(fmt(&once), once, "fmt is not idempotent");
    once
}

#[test]
fn orders_fields_and_keeps_comments_with_them() {
    let text = "\
# File header.
accessed = \"2021-03-31\"   # when I read it
title = 'Başlık'
# The site.
container-title =   \"Site\"
type = \"webpage\"
";
    let out = fmt_stable(text);
    assert_eq!(
        out,
        "\
# File header.
type = \"webpage\"
title = \"Başlık\"
# The site.
container-title = \"Site\"
accessed = 2021-03-31 # when I read it
"
    );
}

#[test]
fn canonical_text_is_left_alone() {
    let text = "\
# Header.
type = \"article-journal\"
language = \"ru\"
title = { original = \"Развитие\", translit = \"Razvitiye\", translation = { en = \"Development\" } }
author = [
  { family = { original = \"Ниязов\", translit = \"Niyazov\" }, given = \"N.S.\" },
]
container-title = \"Vestnik\"
issue = 1
issued = \"2010\"
";
    assert_eq!(fmt(text), text);
}

#[test]
fn normalises_inline_tables_and_name_lists() {
    let text = "type = \"book\"\ntitle={translit=\"T\",original=\"Т\"}\nauthor = [{given=\"A\", family=\"B\"}, {literal = \"Org\"}]\nissued = \"2020\"\n";
    let out = fmt_stable(text);
    assert_eq!(
        out,
        "type = \"book\"\ntitle = { original = \"Т\", translit = \"T\" }\nauthor = [\n  { family = \"B\", given = \"A\" },\n  { literal = \"Org\" },\n]\nissued = \"2020\"\n"
    );
}

#[test]
fn composes_text_to_nfc_and_keeps_incomplete_dates_as_strings() {
    let decomposed = "type = \"report\"\ntitle = \"Gu\u{308}l\"\nissued = \"2021-03\"\naccessed = \"2021-02-30\"\n";
    let out = fmt_stable(decomposed);
    assert!(out.contains("title = \"Gül\""), "{out}");
    assert!(out.contains("issued = \"2021-03\""), "{out}");
    assert!(out.contains("accessed = \"2021-02-30\""), "{out}");
}

#[test]
fn check_table_goes_last_with_its_comment() {
    let text = "\
type = \"webpage\"

# Why we allow it.
[check]
allow = [{ rule = \"missing-url\", reason = \"print only\" }]
";
    let reordered = format!("{text}\n\n\ntitle = \"x\"\n");
    // `title` after a table header belongs to the table: not a record any more.
    assert!(format_record(Path::new("r.toml"), &reordered).is_err());
    let out = fmt_stable(&text.replace("type = \"webpage\"", "URL = \"u\"\ntype = \"webpage\""));
    assert_eq!(
        out,
        "\
type = \"webpage\"
URL = \"u\"

# Why we allow it.
[check]
allow = [
  { rule = \"missing-url\", reason = \"print only\" },
]
"
    );
}

#[test]
fn blank_lines_collapse_and_trailing_comments_stay() {
    let text = "\n\n# top\n\n\n\ntype = \"book\"   \n\n\ntitle = \"T\"\n\n# the end\n\n\n";
    let out = fmt_stable(text);
    assert_eq!(
        out,
        "# top\n\ntype = \"book\"\n\ntitle = \"T\"\n\n# the end\n"
    );
}

#[test]
fn refuses_records_that_do_not_load() {
    let err = format_record(Path::new("r.toml"), "type = \"book\"\ntitle = \n").unwrap_err();
    assert_eq!(err[0].code, "invalid-toml");
    let err = format_record(Path::new("r.toml"), "type = \"bok\"\n").unwrap_err();
    assert_eq!(err[0].code, "unknown-type");
    let err = format_record(Path::new("r.toml"), "  \n").unwrap_err();
    assert_eq!(err[0].code, "empty-record");
}

#[test]
fn header_tables_and_arrays_of_tables() {
    let text = "\
type = \"book\"
issued = \"2001\"

[[author]]
given = \"A\"
family = \"B\"

[title]
original = \"T\"
";
    let out = fmt_stable(text);
    assert_eq!(
        out,
        "\
type = \"book\"
issued = \"2001\"

[title]
original = \"T\"

[[author]]
family = \"B\"
given = \"A\"
"
    );
}

#[test]
fn ranks_follow_the_documented_groups() {
    let order = [
        "type",
        "language",
        "title",
        "title-short",
        "author",
        "editor",
        "translator",
        "container-author",
        "container-title",
        "volume",
        "page",
        "publisher",
        "issued",
        "accessed",
        "DOI",
        "URL",
        "abstract",
        "keyword",
        "note",
        "check",
    ];
    for pair in order.windows(2) {
        assert!(field_rank(pair[0]) < field_rank(pair[1]), "{pair:?}");
    }
}

#[test]
fn odd_but_valid_layouts_format_stably() {
    let cases = [
        // Dotted keys.
        "title.original = \"Т\"\ntitle.translit = \"T\"\ntype = \"book\"\n",
        // Header tables with a sub-table.
        "type = \"book\"\n[title.translation]\nen = \"E\"\n[title]\noriginal = \"Т\"\n",
        // Windows line endings.
        "# c\r\ntitle = \"T\"\r\ntype = \"book\"\r\n",
        // Multi-line text, quotes and backslashes.
        "type = \"book\"\nnote = '''\nline \"one\"\nline two\\'''\ntitle = \"a \\\"b\\\"\"\n",
        // An inline [check] table first.
        "check = { allow = [{ rule = \"missing-url\" }] }\ntype = \"webpage\"\ntitle = \"x\"\n",
        // Comments inside a name list.
        "type = \"book\"\nauthor = [\n  # first\n  { family = \"A\" },\n  # second\n  { family = \"B\" }, # trailing\n]\n",
    ];
    for text in cases {
        let out = fmt_stable(text);
        for comment in ["# c", "# first", "# second", "# trailing"] {
            assert_eq!(text.contains(comment), out.contains(comment), "{out}");
        }
    }
}

#[test]
fn multi_line_and_quoted_strings_take_their_canonical_form() {
    let text = "type = \"book\"\ntitle = \"a \\\"b\\\"\"\nnote = '''\nline one\nline two'''\n";
    let out = fmt_stable(text);
    assert!(out.contains("title = 'a \"b\"'\n"), "{out}");
    assert!(
        out.contains("note = \"\"\"\nline one\nline two\"\"\"\n"),
        "{out}"
    );
}

#[test]
fn file_header_stays_on_top_and_a_field_comment_travels() {
    let text = "# File header.\n\n# When I read it.\naccessed = 2021-03-31\ntype = \"webpage\"\ntitle = \"T\"\n";
    let out = fmt_stable(text);
    assert_eq!(
        out,
        "# File header.\n\ntype = \"webpage\"\ntitle = \"T\"\n# When I read it.\naccessed = 2021-03-31\n"
    );
}

#[test]
fn comments_in_name_lists_stay_on_their_lines() {
    let text = "type = \"book\"\nauthor = [ # who\n  # first\n  { family = \"A\" }, # about A\n  { family = \"B\" }, # about B\n]\n";
    assert_eq!(fmt_stable(text), text);
    let inline =
        "type = \"webpage\"\ntitle = \"x\"\ncheck = { allow = [{ rule = \"missing-url\" }] }\n";
    assert_eq!(fmt_stable(inline), inline);
}

#[test]
fn comments_before_every_kind_of_table_survive() {
    let text = "\
type = \"book\"
issued = \"2001\"
# before the authors
[[author]] # first author
family = \"B\"
# second
[[author]]
family = \"C\"
# before the title
[title] # the title
original = \"T\" # as printed
# before its translation
[title.translation]
en = \"E\"
# at the end
";
    let out = fmt_stable(text);
    for line in text.lines().filter(|l| l.contains('#')) {
        let comment = &line[line.find('#').unwrap()..];
        assert!(out.contains(comment), "lost {comment}:\n{out}");
    }
}
