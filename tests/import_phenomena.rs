//! One small fixture per import phenomenon of the real-world corpus (issue
//! 12) and per hostile input (issue 16), each with its own assertion.

use kaynak::interchange::{self, ExportOptions, Format, ImportOptions, Imported};
use kaynak::model::Entry;
use std::path::Path;

fn read(text: &str, format: Format) -> Imported {
    interchange::import(Path::new("t.bib"), text, format, &ImportOptions::default())
}

fn bib(text: &str) -> Imported {
    read(text, Format::Biblatex)
}

fn one(text: &str) -> Entry {
    let imported = bib(text);
    assert_eq!(imported.entries.len(), 1, "{:?}", imported.diagnostics);
    imported.entries.into_iter().next().unwrap()
}

fn title(entry: &Entry) -> String {
    entry
        .text("title")
        .map(|t| t.original.clone())
        .unwrap_or_default()
}

fn codes(imported: &Imported) -> Vec<&str> {
    imported.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn duplicate_keys_keep_the_first_and_warn() {
    let imported = bib("@misc{a, title={One}}\n@misc{a, title={Two}}\n@misc{b, title={Three}}");
    let titles: Vec<String> = imported.entries.iter().map(title).collect();
    assert_eq!(titles, ["One", "Three"]);
    assert_eq!(codes(&imported), ["duplicate-key"]);
    let line = imported.diagnostics[0].location.as_ref().unwrap().line;
    assert_eq!(line, 2);
}

/// biber reads `chen_2017` and `Chen_2017` as two works; kaynak's keys ignore
/// case, so the second gets a number, reported at its entry.
#[test]
fn keys_differing_only_in_case_are_two_entries() {
    let imported = bib("@misc{chen_2017, title={One}}\n@misc{Chen_2017, title={Two}}\n");
    let keys: Vec<&str> = imported.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["chen_2017", "Chen_2017-2"]);
    assert_eq!(codes(&imported), ["key-changed"]);
    let warning = &imported.diagnostics[0];
    assert_eq!(warning.location.as_ref().unwrap().line, 2);
    assert!(warning.message.contains("only in letter case"));
}

#[test]
fn undefined_strings_are_kept_as_their_names() {
    let imported = bib("@misc{a, title={T}, journal = jfoo # { Review}}");
    assert_eq!(
        imported.entries[0]
            .text("container-title")
            .unwrap()
            .original,
        "jfoo Review"
    );
    assert!(codes(&imported).contains(&"undefined-string"));
}

#[test]
fn lone_dollars_and_escaped_braces_in_abstracts() {
    let entry = one("@misc{a, title={T}, abstract={costs $5 and a \\{ brace}, year={2001}}");
    assert_eq!(
        entry.text("abstract").unwrap().original,
        "costs $5 and a { brace"
    );
    assert_eq!(entry.year(), Some(2001));
}

#[test]
fn parenthesised_entries_preamble_and_comments() {
    let imported = bib(
        "@preamble{ \"\\newcommand{\\noopsort}[1]{}\" }\n% a comment\n@comment{ { unbalanced\n@article(a, title = {T}, year = 2000)\nText between entries.\n@misc{b, title={U}}",
    );
    let keys: Vec<&str> = imported.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["a", "b"]);
    assert!(codes(&imported).contains(&"unbalanced-comment"));
}

#[test]
fn quoted_values_hold_braced_quotes() {
    let entry = one("@misc{a, title = \"Quoted {\"} title\", year = 2020}");
    assert_eq!(title(&entry), "Quoted \" title");
    assert_eq!(entry.year(), Some(2020));
}

#[test]
fn others_is_et_al() {
    let entry = one("@misc{a, author = {Doe, J. and others}, title={T}}");
    let names = entry.names("author").unwrap();
    assert_eq!(names.len(), 2);
    assert_eq!(names[1].literal.as_ref().unwrap().original, "others");
    let bib = interchange::export(&[&entry], Format::Biblatex, &ExportOptions::default()).text;
    assert!(bib.contains("author = {Doe, J. and others}"), "{bib}");
}

#[test]
fn subtitles_join_the_title_and_unmapped_fields_go_to_extra() {
    let entry = one(
        "@book{a, title={Main}, subtitle={Sub}, titleaddon={Addon}, file={a.pdf}, mendeley-groups={x}, note={Real note}}",
    );
    assert_eq!(title(&entry), "Main. Sub. Addon");
    assert_eq!(entry.text("note").unwrap().original, "Real note");
    assert_eq!(entry.extra["bibtex"]["file"], "a.pdf");
    assert_eq!(entry.extra["bibtex"]["mendeley-groups"], "x");
}

#[test]
fn a_crossref_child_keeps_its_own_date() {
    let imported = bib(
        "@inproceedings{child, title={Paper}, crossref={parent}, year={1999}}\n@proceedings{parent, title={Proceedings}, date={1990}, publisher={P}}",
    );
    let child = &imported.entries[0];
    assert_eq!(child.year(), Some(1999));
    assert_eq!(
        child.text("container-title").unwrap().original,
        "Proceedings"
    );
    assert_eq!(child.text("publisher").unwrap().original, "P");
}

#[test]
fn crossref_and_xdata_cycles_and_self_strings_do_not_overflow() {
    let imported = bib(
        "@string{a = a}\n@misc{x, title=a, crossref={y}}\n@misc{y, title={Y}, crossref={x}}\n@misc{self, title={S}, crossref={self}}\n@misc{u, xdata={v}}\n@xdata{v, xdata={u}, note={N}}",
    );
    let codes = codes(&imported);
    assert!(codes.contains(&"crossref-cycle"), "{codes:?}");
    assert!(
        codes.contains(&"xdata-cycle") || codes.contains(&"undefined-string"),
        "{codes:?}"
    );
    assert_eq!(imported.entries.len(), 4);
}

#[test]
fn tugboat_number_and_issue_are_both_kept() {
    let entry = one("@article{a, title={T}, number={2}, issue={Spring}}");
    assert_eq!(entry.text("issue").unwrap().original, "2");
    assert_eq!(entry.extra["bibtex"]["issue"], "Spring");
}

#[test]
fn seasons_bce_years_and_odd_years() {
    let entry = one("@misc{a, title={T}, year={2020}, month={Spring}}");
    assert_eq!(entry.date("issued").unwrap().to_string(), "2020-21");
    let entry = one("@misc{a, title={T}, date={-0334}}");
    assert_eq!(entry.date("issued").unwrap().to_string(), "-0334");
    let json = interchange::export(&[&entry], Format::CslJson, &ExportOptions::default()).text;
    assert!(json.contains("-335"), "335 BCE is -335 in CSL-JSON: {json}");
    let imported = bib("@misc{a, title={T}, year={20222}}");
    assert_eq!(imported.entries[0].extra["bibtex"]["year"], "20222");
    assert!(codes(&imported).contains(&"bib-value"));
}

#[test]
fn months_in_other_languages() {
    let entry = one("@misc{a, title={T}, year={2020}, month={März}}");
    assert_eq!(entry.date("issued").unwrap().to_string(), "2020-03");
}

#[test]
fn tex_becomes_rich_text() {
    let entry = one(
        "@misc{a, title={The \\emph{Origin} of \\mkbibemph{Species} --- ``quoted'' in $E=mc^2$ by {NASA}~team}, author={Gol'sht{\\u{e}}{\\u\\i}n, {\\\"\\i}}}",
    );
    assert_eq!(
        title(&entry),
        "The <i>Origin</i> of <i>Species</i> — “quoted” in <span class=\"math\">E=mc^2</span> by <span class=\"nocase\">NASA</span>\u{a0}team"
    );
    let name = &entry.names("author").unwrap()[0];
    assert_eq!(name.family.as_ref().unwrap().original, "Gol'shtĕĭn");
    assert_eq!(name.given.as_ref().unwrap().original, "ï");
    let bib = interchange::export(&[&entry], Format::Bibtex, &ExportOptions::default()).text;
    assert!(
        bib.contains("\\emph{Origin}") && !bib.contains("textbackslash"),
        "{bib}"
    );
}

#[test]
fn keys_are_kept_as_written() {
    let imported = bib("@misc{knuth:ct, title={A}}\n@misc{Öztürk2020, title={B}}\n@misc{DBLP:conf/x/Y15, title={C}}");
    let keys: Vec<&str> = imported.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["knuth:ct", "Öztürk2020", "DBLP:conf/x/Y15"]);
    assert_eq!(
        kaynak::store::record_path(Path::new("lib"), "DBLP:conf/x/Y15"),
        Path::new("lib/DBLP:conf%2Fx%2FY15.toml")
    );
}

#[test]
fn reserved_keys_are_refused() {
    let imported = bib("@misc{kaynak, title={A}}\n@misc{., title={B}}\n@misc{ok, title={C}}");
    assert_eq!(imported.entries.len(), 1);
    assert_eq!(
        codes(&imported)
            .iter()
            .filter(|c| **c == "reserved-key")
            .count(),
        2
    );
    assert_eq!(imported.skipped, 2);
}

#[test]
fn bibtex_export_keeps_scripts_without_tex_and_writes_names_biber_reads() {
    let entry = one("@misc{a, title={東京 and القاهرة}, author={given=Banksy and {Ministry of Defence}}, url={https://x.org/a\\_b}}");
    let exported = interchange::export(&[&entry], Format::Bibtex, &ExportOptions::default());
    assert!(
        exported.text.contains("東京") && exported.text.contains("القاهرة"),
        "{}",
        exported.text
    );
    assert!(exported
        .warnings
        .iter()
        .any(|w| w.message.contains("UTF-8")));
    assert!(
        exported
            .text
            .contains("author = {{Banksy} and {Ministry of Defence}}"),
        "{}",
        exported.text
    );
    assert!(
        exported.text.contains("https://x.org/a_b"),
        "{}",
        exported.text
    );
    let biblatex = interchange::export(&[&entry], Format::Biblatex, &ExportOptions::default()).text;
    assert!(biblatex.contains("given={Banksy}"), "{biblatex}");
}

#[test]
fn brace_protection_only_where_case_must_survive() {
    let entry = one("@misc{a, title={The Federal Appointments of NASA and the iPhone}}");
    let text = interchange::export(&[&entry], Format::Bibtex, &ExportOptions::default()).text;
    assert!(
        text.contains("{The Federal Appointments of {NASA} and the {iPhone}}")
            || text.contains("title = {The Federal Appointments of {NASA} and the {iPhone}}"),
        "{text}"
    );
}

#[test]
fn ris_carries_short_title_notes_pages_and_continuations() {
    let imported = read(
        "TY  - BOOK\nTI  - A long\nwrapped title\nST  - Short\nN1  - A note\nSP  - 320\nER  - \nTY  - JOUR\nTI  - Art\nSP  - 5\nEP  - 9\nER  - \n",
        Format::Ris,
    );
    let book = &imported.entries[0];
    assert_eq!(title(book), "A long wrapped title");
    assert_eq!(book.text("title-short").unwrap().original, "Short");
    assert_eq!(book.text("number-of-pages").unwrap().original, "320");
    assert_eq!(imported.entries[1].text("page").unwrap().original, "5–9");
    let refs: Vec<&Entry> = imported.entries.iter().collect();
    let ris = interchange::export(&refs, Format::Ris, &ExportOptions::default()).text;
    for line in [
        "ST  - Short",
        "N1  - A note",
        "SP  - 320",
        "SP  - 5",
        "EP  - 9",
    ] {
        assert!(ris.contains(line), "{line}\n{ris}");
    }
}

#[test]
fn csl_json_impossible_values_are_located() {
    let imported = read(
        "[{\"id\": \"a\", \"type\": \"book\", \"title\": \"T\",\n  \"author\": [1, 2],\n  \"issued\": {\"date-parts\": [[2021, 13, 45]]}},\n {\"id\": \"b\", \"author\": [{\"name\": \"x\"}]}]",
        Format::CslJson,
    );
    assert_eq!(imported.entries.len(), 2);
    let lines: Vec<usize> = imported
        .diagnostics
        .iter()
        .filter(|d| d.code == "csl-json-value")
        .map(|d| d.location.as_ref().unwrap().line)
        .collect();
    assert_eq!(lines, [2, 3, 4]);
    assert_eq!(imported.entries[0].extra["csl-json"]["author"], "[1,2]");
}

#[test]
fn deep_braces_and_many_identical_entries_stay_linear() {
    let deep = format!(
        "@misc{{a, title = {}x{}}}",
        "{".repeat(100_000),
        "}".repeat(100_000)
    );
    let started = std::time::Instant::now();
    assert_eq!(bib(&deep).entries.len(), 1);
    let ris = "TY  - BOOK\nTI  - Same\nAU  - Doe, J.\nPY  - 2020\nER  - \n".repeat(5_000);
    let imported = read(&ris, Format::Ris);
    assert_eq!(imported.entries.len(), 5_000);
    let mut keys: Vec<&str> = imported.entries.iter().map(|e| e.key.as_str()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 5_000, "every made key is unique");
    // Not a timing assertion: a generous bound that quadratic work would break.
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn legacy_encodings_are_detected() {
    let bytes = b"@misc{a, title={D\xfd\xfei\xfeleri}}";
    let text = interchange::encoding::decode(bytes, None);
    assert_eq!(text.guessed, Some("windows-1254"));
    assert_eq!(title(&one(&text.text)), "Dışişleri");
}
