//! Names: empty parts, initials written both with and without periods in one
//! record, and organisations written as persons (`family = "Ministry of …"`).

use super::rules::rules;
use super::RecordCx;
use crate::model::Name;

rules! {
    family: "names", record: check;

    /// A part of a name (`family`, `given`, `literal` …) is written but empty,
    /// which styles print as a stray comma or space. Fill it in or remove it.
    EMPTY_NAME_PART {
        id: "empty-name-part",
        severity: Error,
        summary: "a name part (family, given, literal …) is empty",
    }

    /// Some given names write initials with periods (`N. S.`), others
    /// without (`J K`). Styles print initials as written unless they
    /// initialise themselves, so one record shows both; write them one way.
    MIXED_INITIALS {
        id: "mixed-initials",
        severity: Warning,
        summary: "initials with periods and without periods are mixed in one record",
    }

    /// A family name reads like an organisation (Ministry, University, Комитет,
    /// Bakanlığı …). Styles would invert it and initialise "given" parts;
    /// write an organisation as `{ literal = "…" }`.
    ORGANISATION_AS_PERSON {
        id: "organisation-as-person",
        severity: Warning,
        summary: "an organisation is written as a person's family/given name",
    }
}

/// Word stems that mark an organisation, in English, Russian and Turkish.
const ORGANISATION_STEMS: &[&str] = &[
    "ministry",
    "ministère",
    "department",
    "government",
    "university",
    "institute",
    "agency",
    "committee",
    "commission",
    "council",
    "association",
    "society",
    "organization",
    "organisation",
    "foundation",
    "corporation",
    "company",
    "office",
    "bureau",
    "centre",
    "center",
    "inc",
    "ltd",
    "llc",
    "gmbh",
    "nato",
    "министерств",
    "правительств",
    "университет",
    "институт",
    "агентств",
    "комитет",
    "комисси",
    "ассоциаци",
    "организаци",
    "фонд",
    "центр",
    "bakanlığı",
    "bakanlık",
    "üniversite",
    "enstitü",
    "ajans",
    "kurumu",
    "derneği",
    "vakf",
    "merkez",
    "başkanlığı",
    "müdürlüğü",
    "komisyon",
];

/// How a given name writes its initials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Initials {
    Dotted,
    Bare,
}

/// The initials of a given name, in order: a piece (a word, split after each
/// period) that is one upper-case letter besides periods and hyphens.
fn each_initial(given: &str) -> impl Iterator<Item = Initials> + '_ {
    given
        .split_whitespace()
        .flat_map(|word| word.split_inclusive('.'))
        .filter_map(|piece| {
            let mut letters = piece.chars().filter(|c| *c != '.' && *c != '-');
            match (letters.next(), letters.next()) {
                (Some(letter), None) if letter.is_uppercase() => Some(if piece.ends_with('.') {
                    Initials::Dotted
                } else {
                    Initials::Bare
                }),
                _ => None,
            }
        })
}

#[cfg(test)]
fn initials(given: &str) -> Vec<Initials> {
    each_initial(given).collect()
}

/// Which initial styles a given name uses: (dotted, bare).
fn initial_styles(given: &str) -> (bool, bool) {
    each_initial(given).fold((false, false), |(dotted, bare), i| {
        (dotted || i == Initials::Dotted, bare || i == Initials::Bare)
    })
}

fn is_organisation(name: &Name) -> bool {
    let Some(family) = &name.family else {
        return false;
    };
    // Original and transliteration are looked at apart (joining them with a
    // space, as words are split there anyway, would only cost a copy).
    looks_like_organisation(&family.original)
        || family.translit().is_some_and(looks_like_organisation)
}

/// Each stem with whether it must match a whole word (short stems, of four
/// letters or fewer, would match too much as prefixes); counted once.
fn organisation_stems() -> &'static [(&'static str, bool)] {
    static STEMS: std::sync::OnceLock<Vec<(&'static str, bool)>> = std::sync::OnceLock::new();
    STEMS.get_or_init(|| {
        ORGANISATION_STEMS
            .iter()
            .map(|stem| (*stem, stem.chars().count() <= 4))
            .collect()
    })
}

fn looks_like_organisation(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|word| {
            organisation_stems().iter().any(|&(stem, whole)| {
                if whole {
                    word == stem
                } else {
                    word.starts_with(stem)
                }
            })
        })
}

pub fn check(cx: &mut RecordCx) {
    let entry = cx.entry;
    let mut seen_dotted = false;
    let mut first_bare = None;
    for (list, field) in &entry.names {
        for name in &field.value {
            check_name(cx, list, name);
            let (dotted, bare) = name
                .given
                .as_ref()
                .map_or((false, false), |g| initial_styles(&g.original));
            seen_dotted |= dotted;
            if bare && first_bare.is_none() {
                first_bare = Some((list, name));
            }
        }
    }
    if let (true, Some((list, name))) = (seen_dotted, first_bare) {
        let shown = name.display_original();
        cx.report(
            &MIXED_INITIALS,
            name.span,
            format!(
                "`{shown}` in `{list}` has initials without periods, other names have them with"
            ),
            "write initials one way throughout, e.g. \"N. S.\"".into(),
        );
    }
}

/// The rules that look at one name alone.
fn check_name(cx: &mut RecordCx, list: &str, name: &Name) {
    if name.parts().any(|p| p.original.trim().is_empty()) {
        cx.report(
            &EMPTY_NAME_PART,
            name.span,
            format!("a name in `{list}` has an empty part"),
            "fill the part in or remove it".into(),
        );
    }
    if is_organisation(name) {
        cx.report(
            &ORGANISATION_AS_PERSON,
            name.span,
            format!(
                "`{}` in `{list}` looks like an organisation",
                name.display_original()
            ),
            format!("write {list} = [{{ literal = \"…\" }}] for an organisation"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, fires};
    use super::*;

    fn doc(names: &str) -> String {
        format!("type = \"document\"\nissued = \"2001\"\ntitle = \"T\"\nauthor = [{names}]\n")
    }

    #[test]
    fn initials_are_classified() {
        assert_eq!(initials("N.S."), vec![Initials::Dotted, Initials::Dotted]);
        assert_eq!(initials("N S"), vec![Initials::Bare, Initials::Bare]);
        assert_eq!(initials("Nikolay S."), vec![Initials::Dotted]);
        assert_eq!(initials("J.-P."), vec![Initials::Dotted, Initials::Dotted]);
    }

    #[test]
    fn good_names_are_quiet() {
        let text = doc("{ family = \"Ниязов\", given = \"Н. С.\" }, { family = \"Smith\", given = \"J.\" }, { literal = \"Ministry of Defence\" }, { family = \"Bankole\", given = \"Ada\" }");
        assert!(codes(&text).is_empty(), "{:?}", codes(&text));
    }

    #[test]
    fn bad_names_fire() {
        assert!(fires(
            &doc("{ family = \"\", given = \"A.\" }"),
            "empty-name-part"
        ));
        assert!(fires(
            &doc("{ family = \"A\", given = \"N. S.\" }, { family = \"B\", given = \"J K\" }"),
            "mixed-initials"
        ));
        assert!(fires(
            &doc("{ family = \"Ministry of Defence\" }"),
            "organisation-as-person"
        ));
        assert!(fires(
            &doc("{ family = \"Министерство обороны\" }"),
            "organisation-as-person"
        ));
    }
}
