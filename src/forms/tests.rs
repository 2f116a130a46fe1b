//! The form policy's rule on one Russian text, one Turkish text and a name.

use super::*;

fn russian() -> MultiText {
    let mut title = MultiText::plain("Военная доктрина");
    title.set_translit(Some("Voyennaya doktrina".into()));
    title
        .translations_mut()
        .insert("en".into(), "Military doctrine".into());
    title
}

fn settings(form: Form, scheme: Option<Scheme>, policy: TranslitPolicy) -> FormSettings {
    FormSettings {
        form,
        translit: Translit { scheme, policy },
    }
}

#[test]
fn auto_follows_the_output_script() {
    let title = russian();
    let english = FormPolicy::for_locale(FormSettings::default(), "en-US");
    let chosen = english.choose(&title, Some("ru"));
    assert_eq!(
        (chosen.text.as_ref(), chosen.source),
        ("Voyennaya doktrina", Source::Own)
    );
    let russian_locale = FormPolicy::for_locale(FormSettings::default(), "ru-RU");
    assert_eq!(
        russian_locale.choose(&title, Some("ru")).text,
        "Военная доктрина"
    );
    let turkish = MultiText::plain("Dışişleri Bakanı");
    assert_eq!(
        russian_locale.choose(&turkish, Some("tr")).text,
        "Dışişleri Bakanı"
    );
    assert_eq!(
        english.choose(&turkish, Some("tr")).source,
        Source::Original
    );
}

#[test]
fn forms_and_policies() {
    let title = russian();
    let pick = |form, scheme, policy| {
        FormPolicy::for_locale(settings(form, scheme, policy), "en-US")
            .choose(&title, Some("ru"))
            .into_string()
    };
    let record_first = TranslitPolicy::RecordFirst;
    assert_eq!(pick(Form::Original, None, record_first), "Военная доктрина");
    assert_eq!(
        pick(Form::Translation("en".into()), None, record_first),
        "Military doctrine"
    );
    assert_eq!(
        pick(Form::Translation("tr".into()), None, record_first),
        "Voyennaya doktrina"
    );
    assert_eq!(
        pick(Form::Auto, Some(Scheme::AlaLc), TranslitPolicy::Uniform),
        "Voennai\u{361}a doktrina"
    );
    assert_eq!(
        pick(Form::Auto, None, TranslitPolicy::Uniform),
        "Voennaia doktrina"
    );
    let plain = MultiText::plain("Вестник. Серия 4");
    let derived =
        FormPolicy::for_locale(FormSettings::default(), "en-US").choose(&plain, Some("ru"));
    assert_eq!(derived.text, "Vestnik. Serii͡a 4".replace('\u{361}', ""));
    assert_eq!(
        derived.source,
        Source::Derived {
            scheme: Scheme::AlaLcPlain,
            lang: Lang::Russian
        }
    );
}

#[test]
fn schemes_fall_back_per_language_and_say_so() {
    let icao = Translit {
        scheme: Some(Scheme::Icao),
        policy: TranslitPolicy::Uniform,
    };
    let chosen = icao.derive("Київ", Some("uk"), None);
    assert_eq!(chosen.text, "Kyiv");
    assert_eq!(
        chosen.notes,
        [Note::NoTable {
            scheme: Scheme::Icao,
            lang: Lang::Ukrainian,
            used: Scheme::AlaLcPlain
        }]
    );
    let chosen = Translit::default().derive("Київ", Some("ru"), None);
    assert!(chosen
        .notes
        .iter()
        .any(|n| matches!(n, Note::Uncovered { letter: 'ї', .. })));
    let azerbaijani = Translit::default().derive("Азәрбајҹан", Some("az"), None);
    assert_eq!(azerbaijani.text, "Azərbaycan");
}

#[test]
fn names_are_never_translated() {
    let mut family = MultiText::plain("Ниязов");
    family.set_translit(Some("Niyazov".into()));
    let name = Name {
        family: Some(family),
        ..Name::default()
    };
    let policy = FormPolicy::for_locale(
        settings(
            Form::Translation("en".into()),
            None,
            TranslitPolicy::RecordFirst,
        ),
        "en-US",
    );
    assert_eq!(
        policy.name(&name, Some("ru")).family.unwrap().original,
        "Niyazov"
    );
}

#[test]
fn notes_are_reported_once_per_kind() {
    let mut notes = Notes::default();
    let translit = Translit::default();
    let title = russian();
    let own = translit.of(&title, Some("ru"), None).unwrap();
    notes.record("a", &own);
    notes.record("b", &translit.derive("Вестник", Some("ru"), None));
    notes.record("c", &translit.derive("Київ", Some("ru"), None));
    notes.record("d", &translit.derive("Ґанок", Some("ru"), None));
    let codes: Vec<&str> = notes.diagnostics(false).iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["translit-uncovered", "translit-uncovered", "translit-mixed"]
    );
    assert!(notes
        .diagnostics(true)
        .iter()
        .all(|d| d.code != "translit-mixed"));
}
