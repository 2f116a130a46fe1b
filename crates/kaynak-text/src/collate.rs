//! Locale-aware ordering of names and titles: comparison and precomputed sort keys.
//!
//! This module owns how kaynak orders strings. It uses ICU4X (`icu_collator`, CLDR
//! data compiled in), so every language gets its CLDR tailoring: Turkish
//! (c < ç, g < ğ, ı < i, o < ö, s < ş, u < ü), Azerbaijani (also e < ə, h < x < ı,
//! k < q), Russian (Cyrillic first; ё a variant of е), English and the rest. It also
//! owns the mixed-script rule: sort Cyrillic on its romanisation or on the original.
//! It does not pick the sort fields (the CSL engine does).
//!
//! # Public API
//!
//! * [`Collator::new`]`(lang) -> Result<Collator, CollateError>` for a BCP 47 tag;
//!   [`Collator::root`] for language-neutral order; [`Collator::with_options`].
//! * [`Collator::compare`]`(a, b) -> Ordering`.
//! * [`Collator::sort_key`]`(s) -> SortKey`: bytes whose plain order is the collation
//!   order, computed once per item (cheap to compare; use them to sort 10,000 items).
//! * [`Collator::sort_by_cached_key`] sorts a slice with one key per item.
//! * [`CollationOptions`] and [`MixedScripts`]: strength, punctuation, numbers, scripts.
//!
//! ```
//! use kaynak_text::collate::Collator;
//! let turkish = Collator::new("tr").unwrap();
//! let mut names = vec!["Şahin", "Sezer", "İnce", "Işık"];
//! turkish.sort_by_cached_key(&mut names, |s| s);
//! assert_eq!(names, ["Işık", "İnce", "Sezer", "Şahin"]);
//! ```

use super::translit::{has_cyrillic, transliterate, Scheme};
use icu_collator::options::{AlternateHandling, CollatorOptions, Strength};
use icu_collator::preferences::CollationNumericOrdering;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use icu_locale_core::Locale;
use std::cmp::Ordering;

/// How strings in a script other than the collator's (Cyrillic in an English
/// bibliography) are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MixedScripts {
    /// On the original letters, in the script order of the language (CLDR: Latin
    /// before Cyrillic for most languages, Cyrillic first for Russian).
    #[default]
    Original,
    /// Cyrillic strings are romanised with this scheme before they are keyed, so
    /// Алиев files under A among the Latin names.
    Transliterated(Scheme),
}

/// The strength of comparison (which differences count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    /// Base letters only: `a = á = A`.
    Primary,
    /// Base letters and accents: `a = A`, `a < á`.
    Secondary,
    /// Letters, accents and case (the default).
    #[default]
    Tertiary,
}

/// Options of a [`Collator`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CollationOptions {
    pub level: Level,
    /// Ignore spaces and punctuation at the first levels (O'Brien sorts as OBrien).
    pub ignore_punctuation: bool,
    /// Order digit runs by numeric value ("Vol. 9" < "Vol. 10").
    pub numeric: bool,
    pub mixed_scripts: MixedScripts,
}

/// Why a collator could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CollateError {
    #[error("`{0}` is not a valid BCP 47 language tag")]
    InvalidTag(String),
    #[error("no collation data for `{tag}`: {reason}")]
    Data { tag: String, reason: String },
}

/// A sort key: comparing two keys byte-wise gives the collation order of their strings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SortKey(pub Vec<u8>);

/// A locale-aware comparator.
pub struct Collator {
    inner: CollatorBorrowed<'static>,
    mixed_scripts: MixedScripts,
}

impl Collator {
    /// A collator with default options for the language `tag` (`tr`, `az`, `ru`, `en-GB` …).
    pub fn new(tag: &str) -> Result<Collator, CollateError> {
        Collator::with_options(tag, CollationOptions::default())
    }

    /// The language-neutral (CLDR root) order.
    pub fn root() -> Collator {
        let inner = CollatorBorrowed::try_new(CollatorPreferences::default(), Default::default());
        match inner {
            Ok(inner) => Collator {
                inner,
                mixed_scripts: MixedScripts::Original,
            },
            // The root collation is always compiled in; reaching this is a build error.
            Err(error) => unreachable!("root collation data missing: {error}"),
        }
    }

    /// A collator for `tag` with `options`. An empty tag or `und` gives the root order.
    pub fn with_options(tag: &str, options: CollationOptions) -> Result<Collator, CollateError> {
        let cleaned = tag.trim().replace('_', "-");
        let cleaned = if cleaned.is_empty() {
            "und".to_string()
        } else {
            cleaned
        };
        let locale = Locale::try_from_str(&cleaned)
            .map_err(|_| CollateError::InvalidTag(tag.to_string()))?;
        let mut preferences = CollatorPreferences::from(&locale);
        if options.numeric {
            preferences.numeric_ordering = Some(CollationNumericOrdering::True);
        }
        let mut icu_options = CollatorOptions::default();
        icu_options.strength = Some(match options.level {
            Level::Primary => Strength::Primary,
            Level::Secondary => Strength::Secondary,
            Level::Tertiary => Strength::Tertiary,
        });
        if options.ignore_punctuation {
            icu_options.alternate_handling = Some(AlternateHandling::Shifted);
        }
        let inner = CollatorBorrowed::try_new(preferences, icu_options).map_err(|error| {
            CollateError::Data {
                tag: tag.to_string(),
                reason: error.to_string(),
            }
        })?;
        Ok(Collator {
            inner,
            mixed_scripts: options.mixed_scripts,
        })
    }

    /// Compares two texts [`Collator::prepared`] already: the order of
    /// [`Collator::compare`] on the texts they were prepared from.
    pub fn compare_prepared(&self, a: &str, b: &str) -> Ordering {
        self.inner.compare(a, b)
    }

    /// The text actually ordered: NFC, and romanised when the mixed-script rule says so.
    /// Keep it to compare the same text many times with [`Collator::compare_prepared`].
    pub fn prepared<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        match self.mixed_scripts {
            MixedScripts::Transliterated(scheme) if has_cyrillic(text) => {
                transliterate(text, scheme).into()
            }
            _ => super::nfc(text),
        }
    }

    /// Compares two strings in this collator's order.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.inner.compare(&self.prepared(a), &self.prepared(b))
    }

    /// The sort key of `text`. Equal keys mean equal strings at the chosen level.
    pub fn sort_key(&self, text: &str) -> SortKey {
        let mut bytes = Vec::new();
        self.write_sort_key(text, &mut bytes);
        SortKey(bytes)
    }

    /// [`Collator::sort_key`] appended to `out`, with no vector of its own.
    pub fn write_sort_key(&self, text: &str, out: &mut Vec<u8>) {
        out.reserve(text.len() * 2 + 8);
        let prepared = self.prepared(text);
        // Writing into a Vec cannot fail (its error type is Infallible).
        let Ok(()) = self.inner.write_sort_key_to(&prepared, out);
    }

    /// Sorts `items` by the string `key` gives, computing each sort key once. Stable:
    /// items with equal keys keep their order.
    pub fn sort_by_cached_key<T>(&self, items: &mut [T], key: impl Fn(&T) -> &str) {
        items.sort_by_cached_key(|item| self.sort_key(key(item)));
    }
}

impl std::fmt::Debug for Collator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Collator")
            .field("options", &self.inner.resolved_options())
            .field("mixed_scripts", &self.mixed_scripts)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sorts `items` with a collator for `tag`, by key and by comparison, and checks
    /// that both agree.
    fn sorted(tag: &str, items: &[&str]) -> Vec<String> {
        let collator = Collator::new(tag).expect("collator");
        let mut by_key: Vec<&str> = items.to_vec();
        collator.sort_by_cached_key(&mut by_key, |s| s);
        let mut by_compare: Vec<&str> = items.to_vec();
        by_compare.sort_by(|a, b| collator.compare(a, b));
        assert_eq!(by_key, by_compare);
        by_key.into_iter().map(String::from).collect()
    }

    /// Twenty Turkish surnames in hand-checked Turkish alphabetical order
    /// (A B C Ç D E F G Ğ H I İ J K L M N O Ö P R S Ş T U Ü V Y Z).
    const TURKISH: [&str; 20] = [
        "Acar", "Aydın", "Cengiz", "Çelik", "Doğan", "Güneş", "Işık", "İnce", "Kaya", "Kılıç",
        "Kiraz", "Koç", "Ozan", "Öztürk", "Sezer", "Şahin", "Uysal", "Ünal", "Yıldız", "Yiğit",
    ];

    /// Twenty Russian surnames in hand-checked Russian alphabetical order; Ё sorts as
    /// Е (Егоров < Ёлкин < Ершов) and Ш before Щ.
    const RUSSIAN: [&str; 20] = [
        "Абрамов",
        "Белов",
        "Васильев",
        "Гусев",
        "Егоров",
        "Ёлкин",
        "Ершов",
        "Жуков",
        "Зайцев",
        "Иванов",
        "Ильин",
        "Козлов",
        "Морозов",
        "Орлов",
        "Соколов",
        "Шевченко",
        "Щербаков",
        "Эйзенштейн",
        "Юдин",
        "Яковлев",
    ];

    fn shuffled<const N: usize>(list: [&'static str; N]) -> Vec<&'static str> {
        let mut items = list.to_vec();
        items.reverse();
        items.rotate_left(7);
        items
    }

    #[test]
    fn twenty_turkish_surnames() {
        assert_eq!(sorted("tr", &shuffled(TURKISH)), TURKISH);
        // Code-point order puts Ç, Ö, Ş, Ü, İ after Z: the reason this module exists.
        let mut naive = shuffled(TURKISH);
        naive.sort();
        assert_ne!(naive, TURKISH);
    }

    #[test]
    fn twenty_russian_surnames() {
        assert_eq!(sorted("ru", &shuffled(RUSSIAN)), RUSSIAN);
        let mut naive = shuffled(RUSSIAN);
        naive.sort();
        assert_eq!(naive[0], "Ёлкин");
    }

    #[test]
    fn turkish_letter_pairs() {
        let tr = Collator::new("tr-TR").expect("tr");
        for (a, b) in [
            ("c", "ç"),
            ("g", "ğ"),
            ("ı", "i"),
            ("o", "ö"),
            ("s", "ş"),
            ("u", "ü"),
        ] {
            assert_eq!(tr.compare(a, b), Ordering::Less, "{a} < {b}");
            assert_eq!(
                tr.compare(&format!("{b}a"), &format!("{a}z")),
                Ordering::Greater
            );
        }
        assert_eq!(tr.compare("Işık", "İnce"), Ordering::Less);
        assert_eq!(
            tr.compare("kâğıt", "kağıt"),
            Ordering::Greater,
            "accent is secondary"
        );
        assert_eq!(
            tr.compare("kâğıt", "kağıu"),
            Ordering::Less,
            "accent is not primary"
        );
        // Decomposed input sorts like composed input.
        assert_eq!(tr.compare("s\u{327}eker", "şeker"), Ordering::Equal);
    }

    #[test]
    fn azerbaijani_order() {
        let list = [
            "Eldarov",
            "Əliyev",
            "Fərzəliyev",
            "Hüseynov",
            "Xəlilov",
            "Işıqlı",
            "İsmayılov",
            "Kərimov",
            "Quliyev",
            "Lətifov",
            "Zeynalov",
        ];
        assert_eq!(sorted("az", &shuffled(list)), list);
    }

    #[test]
    fn english_and_root() {
        let list = ["apple", "Apple", "Äpple", "banana", "Zebra"];
        assert_eq!(
            sorted("en", &list),
            ["apple", "Apple", "Äpple", "banana", "Zebra"]
        );
        let root = Collator::root();
        assert_eq!(root.compare("a", "B"), Ordering::Less);
        assert!(Collator::new("").is_ok());
        assert!(Collator::new("und").is_ok());
    }

    #[test]
    fn mixed_scripts_setting() {
        let items = ["Zimin", "Алиев", "Brown"];
        assert_eq!(sorted("en", &items), ["Brown", "Zimin", "Алиев"]);
        assert_eq!(sorted("ru", &items), ["Алиев", "Brown", "Zimin"]);
        let options = CollationOptions {
            mixed_scripts: MixedScripts::Transliterated(Scheme::BgnPcgn),
            ..Default::default()
        };
        let en = Collator::with_options("en", options).expect("en");
        let mut list = items.to_vec();
        en.sort_by_cached_key(&mut list, |s| s);
        assert_eq!(list, ["Алиев", "Brown", "Zimin"]);
    }

    /// Comparing prepared texts orders and ties exactly as the sort keys do, for
    /// every pair (Turkish, Russian and mixed-script texts, primary level, with
    /// and without romanisation): the CSL bibliography sort relies on it.
    #[test]
    fn prepared_comparison_agrees_with_sort_keys() {
        let texts = [
            "Işık",
            "ışık",
            "İnce",
            "ince",
            "Çelik",
            "Celik",
            "Öztürk",
            "Ozturk",
            "Ёлкин",
            "Елкин",
            "Шевченко",
            "Shevchenko",
            "Алиев",
            "Aliev",
            "d\twander",
            "de\t frinkle",
            "Kaya N S",
            "Kaya A",
            "",
            "e\u{301}",
            "\u{e9}",
        ];
        for tag in ["tr", "ru", "en", "az"] {
            for mixed_scripts in [
                MixedScripts::Original,
                MixedScripts::Transliterated(Scheme::BgnPcgn),
            ] {
                let options = CollationOptions {
                    level: Level::Primary,
                    mixed_scripts,
                    ..Default::default()
                };
                let collator = Collator::with_options(tag, options).expect("collator");
                for a in texts {
                    for b in texts {
                        let by_text =
                            collator.compare_prepared(&collator.prepared(a), &collator.prepared(b));
                        let by_key = collator.sort_key(a).cmp(&collator.sort_key(b));
                        assert_eq!(by_text, by_key, "{tag} {mixed_scripts:?}: {a:?} vs {b:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn options() {
        let numeric = CollationOptions {
            numeric: true,
            ..Default::default()
        };
        let collator = Collator::with_options("en", numeric).expect("en");
        assert_eq!(collator.compare("Vol. 9", "Vol. 10"), Ordering::Less);
        let primary = CollationOptions {
            level: Level::Primary,
            ..Default::default()
        };
        let collator = Collator::with_options("tr", primary).expect("tr");
        assert_eq!(collator.sort_key("ŞEKER"), collator.sort_key("şeker"));
        let shifted = CollationOptions {
            ignore_punctuation: true,
            ..Default::default()
        };
        let collator = Collator::with_options("en", shifted).expect("en");
        assert_eq!(collator.compare("O'Brien", "Obama"), Ordering::Greater);
    }

    #[test]
    fn invalid_tags_are_errors_not_panics() {
        assert!(matches!(
            Collator::new("not a tag!"),
            Err(CollateError::InvalidTag(_))
        ));
        assert!(Collator::new("tr_TR").is_ok());
    }
}
