//! Language and script: `language` and translation keys must be BCP 47 tags,
//! and a title's script must fit the record's language (a Cyrillic title under
//! `en`, a Latin title under `ru` with no transliteration); hand-given
//! transliterations must be in Latin script; a record whose texts are not
//! English-looking should say what language they are in. The facts (tags,
//! scripts, which languages are written in which, guessing from letters) are the
//! language module's ([`crate::text::language`]).

use super::rules::rules;
use super::{quote, RecordCx};
use crate::diag::{Edit, Fix, Span};
use crate::model::{Entry, MultiText};
use crate::text::language::{self, Guess, Script, Tag};

rules! {
    family: "language", record: check;

    /// `language` and the keys of `translation` are BCP 47 tags (`en`, `tr`,
    /// `ru`, `az-Cyrl`, `en-GB`): casing, transliteration and sorting all go
    /// by them. `english` or `en_US` is not one.
    INVALID_LANGUAGE {
        id: "invalid-language",
        severity: Error,
        summary: "`language` or a translation key is not a well-formed BCP 47 tag",
    }

    /// The tag is well formed, but its language subtag is not an ISO 639 code
    /// kaynak knows — usually a typo (`tk` for `tr`?).
    UNKNOWN_LANGUAGE {
        id: "unknown-language",
        severity: Warning,
        summary: "a language tag is well formed but its language subtag is not a known one",
    }

    /// The title's letters do not fit `language`: a Cyrillic title under
    /// `en`, or a Latin title under `ru` with no `translit` form (a
    /// transliteration written as the original?). Casing and transliteration
    /// would go wrong.
    SCRIPT_MISMATCH {
        id: "script-mismatch",
        severity: Warning,
        summary: "the title's script does not fit the record's language",
    }

    /// `translit` holds the Latin-script form of a text or name; one with
    /// Cyrillic letters is the original in the wrong place.
    TRANSLIT_NOT_LATIN {
        id: "translit-not-latin",
        severity: Warning,
        summary: "a `translit` form is not in Latin script",
    }

    /// A record without `language` is taken for English: title case and
    /// English casing rules would be applied to a Turkish or Russian title.
    /// The finding names the languages the title's letters allow; when they
    /// allow one only (`ı`, `ğ` → Turkish; `ї`, `є` → Ukrainian), `--fix`
    /// writes it after the `type` line.
    MISSING_LANGUAGE {
        id: "missing-language",
        severity: Warning,
        summary: "a record whose title is not English-looking has no `language` (guessed from its letters)",
        fix: "adds `language` when the letters allow one language only",
    }
}

/// The scripts a language tag allows: its script subtag, else the scripts the
/// language is written in (empty when kaynak does not know).
pub fn expected_scripts(tag: &Tag) -> Vec<Script> {
    match tag.script() {
        Some(script) => vec![script],
        None => language::scripts_of(&tag.language).to_vec(),
    }
}

/// The text a record's language is judged by: its title, else its first text.
fn judged_text(entry: &Entry) -> Option<&MultiText> {
    entry
        .texts
        .get("title")
        .or_else(|| entry.texts.values().next())
        .map(|field| &field.value)
}

/// For a record without `language` whose title is not English-looking, the
/// languages its letters allow (perhaps none); `None` when nothing is missing.
/// `--fix` writes the language only when the guess is a single one.
pub fn missing_language(entry: &Entry) -> Option<Guess> {
    if entry.language.is_some() {
        return None;
    }
    guess_for(&judged_text(entry)?.original)
}

/// The languages a text that is not English-looking may be in; `None` for an
/// English-looking one.
pub fn guess_for(text: &str) -> Option<Guess> {
    (!language::looks_english(text)).then(|| language::guess_language(text))
}

pub fn check(cx: &mut RecordCx) {
    let entry = cx.entry;
    let tag = entry
        .language
        .as_ref()
        .and_then(|field| check_tag(cx, &field.value, field.span));
    for field in entry.texts.values() {
        for tag in field.value.translations().keys() {
            check_tag(cx, tag, field.span);
        }
    }
    if let (Some(tag), Some(title)) = (tag, entry.texts.get("title")) {
        title_script(cx, &tag, &title.value, title.span);
    }
    translit_scripts(cx);
    if let Some(guess) = missing_language(entry) {
        report_missing_language(cx, &guess);
    }
}

fn report_missing_language(cx: &mut RecordCx, guess: &Guess) {
    let span = cx
        .entry
        .texts
        .get("title")
        .map_or_else(|| super::record_start(cx.entry), |t| t.span);
    let (message, help) = match guess.candidates.as_slice() {
        [one] => (
            format!("`language` is missing; the title looks like `{one}`"),
            format!("add language = \"{one}\" (`kaynak check --fix` does)"),
        ),
        [] => (
            "`language` is missing, and the title is not English".to_string(),
            "add language = \"…\" with the title's BCP 47 tag, so it is cased and transliterated by its rules".to_string(),
        ),
        several => (
            format!(
                "`language` is missing; by its letters the title may be in {}",
                several.join(", ")
            ),
            format!("add language = \"{}\" (or whichever it is)", several[0]),
        ),
    };
    let fix = guess
        .unambiguous()
        .filter(|_| cx.entry.texts.contains_key("title"))
        .map(|tag| add_language(cx, tag));
    cx.report_fixed(&MISSING_LANGUAGE, span, message, help, fix);
}

/// `language = "TAG"` inserted on the line after the record's `type` line.
fn add_language(cx: &mut RecordCx, tag: &str) -> Fix {
    let type_end = cx.entry.item_type.span.end();
    let text = cx.text();
    let at = text
        .get(type_end..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |n| type_end + n + 1);
    let line = format!("language = {}\n", quote(tag));
    let replacement = if at == text.len() && !text.ends_with('\n') {
        format!("\n{line}")
    } else {
        line
    };
    let description = format!("language: (missing) → {}", quote(tag));
    Fix::one(Edit::new(Span::new(at, at), replacement, description))
}

fn check_tag(cx: &mut RecordCx, tag: &str, span: Span) -> Option<Tag> {
    match language::parse(tag) {
        Ok(parsed) => {
            if !parsed.language.is_empty() && !language::is_known(&parsed.language) {
                cx.report(
                    &UNKNOWN_LANGUAGE,
                    span,
                    format!("`{}` is not a language kaynak knows", parsed.language),
                    "check the ISO 639 code (en, tr, ru, az, ota …)".into(),
                );
            }
            Some(parsed)
        }
        Err(message) => {
            cx.report(
                &INVALID_LANGUAGE,
                span,
                message,
                "write a BCP 47 tag such as \"en\", \"tr\", \"ru\", \"az-Cyrl\" or \"en-GB\""
                    .into(),
            );
            None
        }
    }
}

fn title_script(cx: &mut RecordCx, tag: &Tag, title: &MultiText, span: Span) {
    let expected = expected_scripts(tag);
    let Some(found) = language::dominant_script(&title.original) else {
        return;
    };
    if expected.is_empty() || expected.contains(&found) {
        return;
    }
    let language = &cx.entry.language().unwrap_or_default().to_string();
    match (expected[0], found) {
        (Script::Latin, Script::Cyrillic) => cx.report(
            &SCRIPT_MISMATCH,
            span,
            format!("the title is in Cyrillic script, but language = \"{language}\""),
            "set `language` to the title's language (e.g. \"ru\"), or put the Cyrillic title where it belongs".into(),
        ),
        (Script::Cyrillic, Script::Latin) if title.translit().is_none() => cx.report(
            &SCRIPT_MISMATCH,
            span,
            format!("the title is in Latin script, but language = \"{language}\" is written in Cyrillic"),
            "if this is a transliteration, write title = { original = \"<Cyrillic>\", translit = \"…\" }; else fix `language`".into(),
        ),
        _ => {}
    }
}

fn translit_scripts(cx: &mut RecordCx) {
    let entry = cx.entry;
    for (name, field) in &entry.texts {
        if field.value.translit().is_some_and(language::has_cyrillic) {
            report_translit(cx, name, field.span);
        }
    }
    for (name, field) in &entry.names {
        for person in &field.value {
            if person
                .parts()
                .any(|p| p.translit().is_some_and(language::has_cyrillic))
            {
                report_translit(cx, name, person.span);
            }
        }
    }
}

fn report_translit(cx: &mut RecordCx, name: &str, span: Span) {
    cx.report(
        &TRANSLIT_NOT_LATIN,
        span,
        format!("`{name}` has a `translit` form with Cyrillic letters"),
        "`translit` holds the Latin-script form; the Cyrillic goes in `original`".into(),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, fires};

    fn doc(language: &str, title: &str) -> String {
        format!(
            "type = \"document\"\nissued = \"2001\"\nlanguage = \"{language}\"\ntitle = {title}\n"
        )
    }

    #[test]
    fn missing_language_is_guessed_from_letters() {
        let record =
            |title: &str| format!("type = \"document\"\nissued = \"2001\"\ntitle = \"{title}\"\n");
        assert!(fires(
            &record("İstanbul ile Iğdır arasında"),
            "missing-language"
        ));
        assert!(fires(&record("Вестник университета"), "missing-language"));
        assert!(!fires(&record("Plain English title"), "missing-language"));
        assert!(!fires(&doc("tr", "\"İstanbul\""), "missing-language"));
        assert!(
            codes(&doc("az", "\"Азәрбајҹан дили\"")).is_empty(),
            "az with Cyrillic is az-Cyrl"
        );
    }

    #[test]
    fn matching_scripts_are_quiet() {
        for text in [
            doc(
                "ru",
                "{ original = \"Развитие\", translit = \"Razvitiye\" }",
            ),
            doc("tr", "\"Başlık\""),
            doc("en-GB", "\"Title\""),
            doc("sr", "\"Naslov\""),
            doc(
                "ru",
                "{ original = \"Razvitiye\", translit = \"Razvitiye\" }",
            ),
        ] {
            assert!(codes(&text).is_empty(), "{text}: {:?}", codes(&text));
        }
    }

    #[test]
    fn tags_are_checked() {
        assert!(fires(&doc("english", "\"T\""), "invalid-language"));
        assert!(fires(&doc("en_US", "\"T\""), "invalid-language"));
        assert!(fires(&doc("qq", "\"T\""), "unknown-language"));
        assert!(fires(
            &doc(
                "en",
                "{ original = \"T\", translation = { \"t r\" = \"B\" } }"
            ),
            "invalid-language"
        ));
    }

    #[test]
    fn mismatched_scripts_fire() {
        assert!(fires(&doc("en", "\"Развитие связей\""), "script-mismatch"));
        assert!(fires(
            &doc("ru", "\"Razvitiye svyazey\""),
            "script-mismatch"
        ));
        assert!(fires(
            &doc("ru", "{ original = \"Развитие\", translit = \"Развитие\" }"),
            "translit-not-latin"
        ));
    }
}
