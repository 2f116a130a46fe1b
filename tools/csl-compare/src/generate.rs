//! Deterministic test data: multilingual CSL-JSON items and the citation
//! clusters that cite them. Item `n` depends only on `n` (a small linear
//! congruential generator seeded by it), so every run writes the same files.
//!
//! The mix: two dozen item types; English, Turkish, Russian (Cyrillic),
//! Japanese and Chinese items; names with particles, suffixes, initials and
//! literal (institutional) names; author lists from one to 25 names (et-al);
//! editors, translators and other roles; dates with months, days, ranges,
//! seasons, circa and literals; pages, volumes, issues, editions; DOIs and URLs.
//! Some items share their first author and year with the item before them,
//! or only the family name, so disambiguation has work to do.
//!
//! Clusters cite every item at least once: single cites, clusters of two to
//! four, locators with labels, prefixes and suffixes, suppress-author, and
//! repeated cites (ibid, ibid with locator, subsequent).

use serde_json::{json, Map, Value};

/// A tiny fixed pseudo-random sequence (Knuth's MMIX constants).
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..below`.
    pub fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next(items.len() as u64) as usize]
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Tr,
    Ru,
    Ja,
    Zh,
}

impl Lang {
    fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Tr => "tr",
            Lang::Ru => "ru",
            Lang::Ja => "ja",
            Lang::Zh => "zh-CN",
        }
    }
}

/// People: family, given, and the optional parts of a CSL-JSON name.
type Person = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const EN_PEOPLE: &[Person] = &[
    ("Smith", "John", &[]),
    ("Smith", "Jane", &[]),
    ("Evans", "Matthew", &[]),
    ("Evans", "Mark", &[]),
    ("Johnson", "Emily R.", &[]),
    ("Brown", "Robert", &[]),
    ("Miller", "Sarah", &[]),
    ("Davis", "Michael J.", &[]),
    ("Wilson", "Laura", &[]),
    ("Sartre", "Jean-Paul", &[]),
    ("O'Brien", "Siobhan", &[]),
    ("McDonald", "Ian", &[]),
    ("Müller", "Jürgen", &[]),
    ("Beethoven", "Ludwig", &[("dropping-particle", "van")]),
    ("Gaulle", "Charles", &[("non-dropping-particle", "de")]),
    ("Berg", "Anna", &[("non-dropping-particle", "van der")]),
    ("Humboldt", "Alexander", &[("dropping-particle", "von")]),
    ("van Dijk", "Teun A.", &[]),
    ("King", "Martin Luther", &[("suffix", "Jr.")]),
    ("Rockefeller", "John D.", &[("suffix", "III")]),
];
const TR_PEOPLE: &[Person] = &[
    ("Yılmaz", "Ayşe", &[]),
    ("Öztürk", "Mehmet", &[]),
    ("Şahin", "Çağrı", &[]),
    ("İnalcık", "Halil", &[]),
    ("Işık", "Ümit", &[]),
    ("Kaya", "Ömer Faruk", &[]),
    ("Çelik", "Gülşen", &[]),
    ("Doğan", "İsmail", &[]),
    ("Aydın", "Özlem", &[]),
    ("Yıldız", "İrem", &[]),
];
const RU_PEOPLE: &[Person] = &[
    ("Иванов", "Пётр Сергеевич", &[]),
    ("Кузнецова", "Мария", &[]),
    ("Ниязов", "Н. С.", &[]),
    ("Ёлкин", "Алексей", &[]),
    ("Смирнов", "Юрий", &[]),
    ("Попова", "Елена Викторовна", &[]),
    ("Соколов", "Игорь", &[]),
    ("Щербаков", "Эдуард", &[]),
];
const CJK_PEOPLE: &[Person] = &[
    ("山田", "太郎", &[]),
    ("佐藤", "花子", &[]),
    ("鈴木", "一郎", &[]),
    ("王", "小明", &[]),
    ("李", "娜", &[]),
];

const LITERALS: &[(Lang, &str)] = &[
    (Lang::En, "World Health Organization"),
    (Lang::En, "Institute of Historical Research"),
    (Lang::Tr, "Türk Tarih Kurumu"),
    (Lang::Tr, "İstanbul Üniversitesi"),
    (Lang::Ru, "Российская академия наук"),
    (Lang::Ru, "Институт истории"),
    (Lang::Ja, "国立国会図書館"),
    (Lang::Zh, "中国社会科学院"),
];

const EN_TITLE_A: &[&str] = &[
    "the history of",
    "security and",
    "rethinking",
    "a new approach to",
    "the politics of",
    "on the origins of",
    "trade, war, and",
    "why states pursue",
];
const EN_TITLE_B: &[&str] = &[
    "the Caucasus",
    "alliances in Central Asia",
    "the “Great Game”",
    "<i>Homo sapiens</i> migrations",
    "US–Turkey relations",
    "the <span class=\"nocase\">iPhone</span> economy",
    "maritime law",
    "energy policy",
    "the Ottoman archives",
];
const EN_TITLE_C: &[&str] = &[
    "",
    ": a comparative study",
    ": evidence from 1991 to 2010",
    "?",
    ": theory and practice",
    " in the twentieth century",
    ". Part two",
];
const TR_TITLES: &[&str] = &[
    "Azerbaycan ve Pakistan ilişkileri",
    "Osmanlı İmparatorluğu'nda iktisat tarihi",
    "Kafkasya'da güvenlik politikası",
    "İstanbul'un fethi ve sonrası",
    "Türk dış politikasında yeni yönelimler",
    "Işık ve gölge: edebiyat üzerine denemeler",
    "Çağdaş Türkiye'de şehirleşme",
    "İktisadi düşünce tarihi",
];
const RU_TITLES: &[&str] = &[
    "Развитие азербайджано-пакистанских связей",
    "История Кавказа в XIX веке",
    "Экономическая политика России: проблемы и перспективы",
    "Ёмкость рынка и её измерение",
    "Внешняя политика Турции",
    "Очерки по истории русской литературы",
];
const JA_TITLES: &[&str] = &[
    "日本の近代化と国際関係",
    "東アジアの安全保障",
    "明治維新史研究",
];
const ZH_TITLES: &[&str] = &["中国近代史研究", "丝绸之路经济带", "现代汉语语法"];

const JOURNALS: &[(Lang, &str, &str)] = &[
    (Lang::En, "Journal of Modern History", "J. Mod. Hist."),
    (Lang::En, "International Affairs", "Int. Aff."),
    (Lang::En, "Physical Review Letters", "Phys. Rev. Lett."),
    (Lang::En, "Nature", "Nature"),
    (Lang::Tr, "Belleten", "Belleten"),
    (Lang::Tr, "Türk Tarih Dergisi", "TTD"),
    (Lang::Ru, "Вопросы истории", "ВИ"),
    (
        Lang::Ru,
        "Вестник Московского университета. Серия 8: История",
        "Вестн. Моск. ун-та",
    ),
    (Lang::Ja, "史学雑誌", "史学雑誌"),
    (Lang::Zh, "历史研究", "历史研究"),
];
const PUBLISHERS: &[(Lang, &str, &str)] = &[
    (Lang::En, "Oxford University Press", "Oxford"),
    (Lang::En, "Routledge", "London"),
    (Lang::En, "MIT Press", "Cambridge, MA"),
    (Lang::Tr, "Türk Tarih Kurumu Yayınları", "Ankara"),
    (Lang::Tr, "İletişim Yayınları", "İstanbul"),
    (Lang::Ru, "Наука", "Москва"),
    (Lang::Ru, "Издательство СПбГУ", "Санкт-Петербург"),
    (Lang::Ja, "岩波書店", "東京"),
    (Lang::Zh, "商务印书馆", "北京"),
];

/// Item types and their weights (out of 100).
const TYPES: &[(&str, u64)] = &[
    ("article-journal", 24),
    ("book", 15),
    ("chapter", 12),
    ("paper-conference", 6),
    ("thesis", 5),
    ("report", 5),
    ("webpage", 6),
    ("article-newspaper", 5),
    ("article-magazine", 3),
    ("entry-encyclopedia", 3),
    ("entry-dictionary", 1),
    ("dataset", 2),
    ("manuscript", 2),
    ("motion_picture", 1),
    ("interview", 1),
    ("patent", 1),
    ("review", 1),
    ("software", 1),
    ("post-weblog", 1),
    ("speech", 1),
    ("legal_case", 1),
    ("broadcast", 1),
    ("personal_communication", 1),
    ("map", 1),
];

fn item_type(r: &mut Lcg) -> &'static str {
    let mut roll = r.next(TYPES.iter().map(|t| t.1).sum());
    for (name, weight) in TYPES {
        if roll < *weight {
            return name;
        }
        roll -= weight;
    }
    "article-journal"
}

fn language(r: &mut Lcg) -> Lang {
    match r.next(100) {
        0..=39 => Lang::En,
        40..=64 => Lang::Tr,
        65..=89 => Lang::Ru,
        90..=94 => Lang::Ja,
        _ => Lang::Zh,
    }
}

fn people(lang: Lang) -> &'static [Person] {
    match lang {
        Lang::En => EN_PEOPLE,
        Lang::Tr => TR_PEOPLE,
        Lang::Ru => RU_PEOPLE,
        Lang::Ja | Lang::Zh => CJK_PEOPLE,
    }
}

fn person(p: &Person) -> Value {
    let mut name = Map::new();
    name.insert("family".into(), p.0.into());
    name.insert("given".into(), p.1.into());
    for (key, value) in p.2 {
        name.insert((*key).into(), (*value).into());
    }
    Value::Object(name)
}

/// `count` names, mostly of the item's language, sometimes a literal first.
fn names(r: &mut Lcg, lang: Lang, count: usize) -> Vec<Value> {
    let mut out = Vec::with_capacity(count);
    if r.chance(6) {
        let pool: Vec<&str> = LITERALS
            .iter()
            .filter(|l| l.0 == lang)
            .map(|l| l.1)
            .collect();
        if let Some(name) = pool.get(r.next(pool.len() as u64) as usize) {
            return vec![json!({ "literal": name })];
        }
    }
    let pool = people(lang);
    let start = r.next(pool.len() as u64) as usize;
    for k in 0..count {
        if k < pool.len() {
            out.push(person(&pool[(start + k) % pool.len()]));
        } else if pool == CJK_PEOPLE {
            // Long CJK lists pair the families with other given names: Latin
            // names in a CJK-language item are formatted by citeproc-js as CJK
            // names (see docs/csl-parity.md), which no matcher can set apart.
            let family = CJK_PEOPLE[(start + k) % pool.len()].0;
            let given = CJK_PEOPLE[(start + k / pool.len()) % pool.len()].1;
            out.push(json!({ "family": family, "given": given }));
        } else {
            // Long lists mix in English names, as international teams do.
            out.push(person(&EN_PEOPLE[(start + k * 3) % EN_PEOPLE.len()]));
        }
    }
    out
}

fn author_count(r: &mut Lcg) -> usize {
    match r.next(100) {
        0..=59 => 1,
        60..=74 => 2,
        75..=81 => 3,
        82..=91 => 4 + r.next(3) as usize,
        _ => 7 + r.next(19) as usize,
    }
}

fn title(r: &mut Lcg, lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => {
            let a = r.pick(EN_TITLE_A);
            let b = r.pick(EN_TITLE_B);
            let c = r.pick(EN_TITLE_C);
            format!("{a} {b}{c}")
        }
        Lang::Tr => format!("{} ({})", r.pick(TR_TITLES), 1900 + n % 120),
        Lang::Ru => format!("{}. Т. {}", r.pick(RU_TITLES), 1 + n % 4),
        Lang::Ja => r.pick(JA_TITLES).to_string(),
        Lang::Zh => r.pick(ZH_TITLES).to_string(),
    }
}

fn pick_lang<'a>(
    r: &mut Lcg,
    list: &'a [(Lang, &'static str, &'static str)],
    lang: Lang,
) -> &'a (Lang, &'static str, &'static str) {
    let own: Vec<_> = list.iter().filter(|e| e.0 == lang).collect();
    own[r.next(own.len() as u64) as usize]
}

/// An `issued` date: mostly a year, sometimes more, a range, a season, circa or a literal.
fn issued(r: &mut Lcg, year: i64, precise: bool) -> Option<Value> {
    let month = 1 + r.next(12) as i64;
    let day = 1 + r.next(28) as i64;
    if precise {
        return Some(json!({ "date-parts": [[year, month, day]] }));
    }
    Some(match r.next(100) {
        0..=54 => json!({ "date-parts": [[year]] }),
        55..=69 => json!({ "date-parts": [[year, month]] }),
        70..=83 => json!({ "date-parts": [[year, month, day]] }),
        84..=87 => json!({ "date-parts": [[year], [year + 2]] }),
        88..=89 => json!({ "date-parts": [[year, 3], [year, 6]] }),
        90..=92 => json!({ "date-parts": [[year]], "season": 1 + r.next(4) }),
        93..=95 => json!({ "date-parts": [[year]], "circa": true }),
        96 => json!({ "literal": "forthcoming" }),
        _ => return None,
    })
}

fn pages(r: &mut Lcg) -> String {
    let first = 1 + r.next(400);
    match r.next(10) {
        0 => format!("{first}"),
        1 => format!("e{}", 100_000 + r.next(900_000)),
        2 => format!("{}-{}", 1000 + first, 1000 + first + 3 + r.next(40)),
        3 => format!("{first}–{}", first + 5 + r.next(30)),
        4 => format!("{}-{}", 100 + first, (100 + first + 4) % 100 + 100),
        _ => format!("{first}-{}", first + 5 + r.next(30)),
    }
}

/// Item `n` of the set.
pub fn item(n: usize) -> Value {
    // An item may share its first author and year with the one before it
    // (year-suffix and name disambiguation), reusing that item's seed.
    let shares = n > 0 && n % 9 == 4;
    let base = if shares { n - 1 } else { n };
    let mut s = Lcg::new(base as u64 * 7 + 3);
    let lang = language(&mut s);
    let count = author_count(&mut s);
    let authors = names(&mut s, lang, count);
    let year = 1950 + s.next(75) as i64;
    let mut r = Lcg::new(n as u64 * 13 + 11);
    let kind = item_type(&mut r);
    let mut o = Map::new();
    let mut set = |key: &str, value: Value| {
        o.insert(key.to_string(), value);
    };
    set("id", json!(format!("it{n:03}")));
    set("type", json!(kind));
    set("language", json!(lang.tag()));
    set("title", json!(title(&mut r, lang, n)));
    let precise = matches!(
        kind,
        "article-newspaper" | "webpage" | "post-weblog" | "broadcast"
    );
    if let Some(date) = issued(&mut r, year, precise) {
        set("issued", date);
    }
    let (editor_only, no_author) = match kind {
        "book" => (r.chance(18), false),
        "entry-dictionary" | "broadcast" | "legal_case" => (false, true),
        "webpage" => (false, r.chance(30)),
        _ => (false, false),
    };
    if editor_only {
        set("editor", json!(authors));
    } else if !no_author {
        let role = match kind {
            "motion_picture" => "director",
            _ => "author",
        };
        set(role, json!(authors));
    }
    let journal = pick_lang(&mut r, JOURNALS, lang);
    let publisher = pick_lang(&mut r, PUBLISHERS, lang);
    let editors = |r: &mut Lcg| {
        let count = 1 + r.next(3) as usize;
        json!(names(r, lang, count))
    };
    match kind {
        "article-journal" | "article-magazine" | "review" => {
            set("container-title", json!(journal.1));
            if r.chance(40) {
                set("container-title-short", json!(journal.2));
            }
            set("volume", json!((1 + r.next(120)).to_string()));
            if r.chance(75) {
                let issue = 1 + r.next(12);
                let text = if r.chance(10) {
                    format!("{issue}–{}", issue + 1)
                } else {
                    issue.to_string()
                };
                set("issue", json!(text));
            }
            set("page", json!(pages(&mut r)));
            if kind == "review" {
                set("reviewed-author", json!(names(&mut r, lang, 1)));
                set("reviewed-title", json!(title(&mut r, lang, n + 1)));
            }
        }
        "book" | "entry-dictionary" => {
            set("publisher", json!(publisher.1));
            set("publisher-place", json!(publisher.2));
            if r.chance(20) {
                set("edition", json!(["2", "3", "2nd rev."][r.next(3) as usize]));
            }
            if r.chance(30) {
                set("number-of-pages", json!((120 + r.next(600)).to_string()));
            }
            if r.chance(25) {
                set("ISBN", json!("978-0-19-953556-9"));
            }
            if r.chance(15) && !editor_only {
                set("translator", json!(names(&mut r, Lang::En, 1)));
            }
            if r.chance(15) {
                set("collection-title", json!("Studies in Regional History"));
                set("collection-number", json!((1 + r.next(60)).to_string()));
            }
            if r.chance(8) {
                set("volume", json!((1 + r.next(4)).to_string()));
                set("number-of-volumes", json!("4"));
            }
            if r.chance(10) {
                set("original-date", json!({ "date-parts": [[year - 100]] }));
            }
            if kind == "entry-dictionary" {
                set("container-title", json!("Oxford English Dictionary"));
                set("editor", editors(&mut r));
            }
        }
        "chapter" | "entry-encyclopedia" | "paper-conference" => {
            let container = match kind {
                "paper-conference" => format!("Proceedings of the {} Conference", 1 + r.next(30)),
                "entry-encyclopedia" => "Encyclopaedia of Islam".to_string(),
                _ => title(&mut r, lang, n + 7),
            };
            set("container-title", json!(container));
            if kind != "paper-conference" || r.chance(40) {
                set("editor", editors(&mut r));
            }
            if kind == "paper-conference" && r.chance(50) {
                set("event-title", json!("Annual Meeting on Regional Studies"));
                set("event-place", json!(publisher.2));
            }
            set("publisher", json!(publisher.1));
            set("publisher-place", json!(publisher.2));
            set("page", json!(pages(&mut r)));
            if kind == "entry-encyclopedia" {
                set("volume", json!((1 + r.next(12)).to_string()));
                set("edition", json!("3"));
            }
        }
        "thesis" => {
            let genre = match lang {
                Lang::Tr => "Doktora tezi",
                Lang::Ru => "Диссертация канд. ист. наук",
                _ => "PhD dissertation",
            };
            set("genre", json!(genre));
            set("publisher", json!(publisher.1));
            set("publisher-place", json!(publisher.2));
        }
        "report" => {
            set("publisher", json!(publisher.1));
            set("publisher-place", json!(publisher.2));
            set("genre", json!("Working paper"));
            set("number", json!(format!("WP-{}", 1 + r.next(40))));
        }
        "webpage" | "post-weblog" => {
            set(
                "container-title",
                json!(format!("Regional Studies Blog {}", n % 5)),
            );
        }
        "article-newspaper" => {
            set("container-title", json!(journal.1));
            if r.chance(50) {
                set("page", json!(format!("A{}", 1 + r.next(20))));
            }
        }
        "dataset" | "software" => {
            set("publisher", json!("Zenodo"));
            set(
                "version",
                json!(format!("{}.{}", 1 + r.next(3), r.next(10))),
            );
        }
        "manuscript" => {
            set("archive", json!("Başbakanlık Osmanlı Arşivi"));
            set(
                "archive_location",
                json!(format!("HAT {}", 100 + r.next(900))),
            );
        }
        "motion_picture" | "broadcast" => {
            set("publisher", json!("BBC"));
            if kind == "broadcast" {
                set("container-title", json!("Newsnight"));
            }
        }
        "interview" => {
            set("interviewer", json!(names(&mut r, lang, 1)));
            set("medium", json!("Audio recording"));
        }
        "patent" => {
            set(
                "number",
                json!(format!("US {}", 5_000_000 + r.next(4_000_000))),
            );
            set("authority", json!("U.S. Patent and Trademark Office"));
        }
        "speech" => {
            set("event-title", json!("Annual Meeting on Regional Studies"));
            set("event-place", json!(publisher.2));
            set("genre", json!("Paper presented"));
        }
        "legal_case" => {
            set("authority", json!("Supreme Court"));
            set("container-title", json!("U.S."));
            set("volume", json!((300 + r.next(200)).to_string()));
            set("page", json!((1 + r.next(900)).to_string()));
        }
        "map" => {
            set("publisher", json!(publisher.1));
            set("scale", json!("1:50000"));
        }
        _ => {}
    }
    if r.chance(match kind {
        "article-journal" | "dataset" | "paper-conference" => 65,
        _ => 10,
    }) {
        set(
            "DOI",
            json!(format!("10.{}/rs.{n:04}", 1000 + r.next(9000))),
        );
    }
    let online = matches!(kind, "webpage" | "post-weblog" | "software" | "dataset");
    if online || r.chance(15) {
        set(
            "URL",
            json!(format!("https://example.org/{}/{n}", lang.tag())),
        );
        let month = 1 + r.next(12);
        set(
            "accessed",
            json!({ "date-parts": [[2024, month, 1 + r.next(28)]] }),
        );
    }
    Value::Object(o)
}

/// Items `0..count`.
pub fn items(count: usize) -> Vec<Value> {
    (0..count).map(item).collect()
}

const LABELS: &[&str] = &[
    "page",
    "page",
    "page",
    "page",
    "page",
    "chapter",
    "section",
    "paragraph",
    "volume",
    "figure",
    "line",
    "note",
    "verse",
    "book",
    "column",
    "folio",
    "issue",
    "opus",
    "part",
    "sub-verbo",
];
const LOCATORS: &[&str] = &["12", "45-47", "iv", "3, 7", "101", "8"];
const PREFIXES: &[&str] = &["see ", "cf. ", "e.g., ", "see also "];
const SUFFIXES: &[&str] = &[
    ", emphasis added",
    " (on Ankara)",
    "; discussed below.",
    ", n. 4",
];

fn cite(r: &mut Lcg, id: &str, single: bool) -> Value {
    let mut c = Map::new();
    c.insert("id".into(), json!(id));
    if r.chance(45) {
        c.insert("locator".into(), json!(r.pick(LOCATORS)));
        c.insert("label".into(), json!(r.pick(LABELS)));
    }
    if r.chance(10) {
        c.insert("prefix".into(), json!(r.pick(PREFIXES)));
    }
    if r.chance(8) {
        c.insert("suffix".into(), json!(r.pick(SUFFIXES)));
    }
    if single && r.chance(7) {
        c.insert("suppress-author".into(), json!(true));
    }
    Value::Object(c)
}

fn cluster(cites: Vec<Value>, note: usize) -> Value {
    json!({ "citationItems": cites, "properties": { "noteIndex": note } })
}

/// Clusters citing `items` items (ids `it000`…), in citeproc-js's citation
/// shape; note numbers run 1, 2, 3 …
pub fn clusters(items: usize) -> Vec<Value> {
    let mut r = Lcg::new(0xC17E);
    // The order of first citation: a fixed shuffle.
    let mut order: Vec<usize> = (0..items).collect();
    for i in (1..order.len()).rev() {
        let j = r.next(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    let id = |n: usize| format!("it{n:03}");
    let mut out = Vec::new();
    let mut cited: Vec<usize> = Vec::new();
    let mut next = 0;
    while next < order.len() {
        let size = if r.chance(25) {
            2 + r.next(3) as usize
        } else {
            1
        };
        let group: Vec<usize> = order[next..(next + size).min(order.len())].to_vec();
        next += group.len();
        let single = group.len() == 1;
        let cites = group
            .iter()
            .map(|&n| cite(&mut r, &id(n), single))
            .collect();
        out.push(cluster(cites, out.len() + 1));
        cited.extend(&group);
        // Repeats: the same item again (ibid), or an earlier one (subsequent).
        if single && r.chance(30) {
            let again = cite(&mut r, &id(group[0]), true);
            out.push(cluster(vec![again], out.len() + 1));
        }
        if r.chance(20) {
            let back = cited[r.next(cited.len() as u64) as usize];
            let again = cite(&mut r, &id(back), true);
            out.push(cluster(vec![again], out.len() + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_is_deterministic_and_cites_every_item() {
        assert_eq!(items(50), items(50));
        assert_eq!(clusters(50), clusters(50));
        let cited: std::collections::HashSet<String> = clusters(50)
            .iter()
            .flat_map(|c| c["citationItems"].as_array().cloned().unwrap_or_default())
            .filter_map(|c| c["id"].as_str().map(str::to_string))
            .collect();
        assert_eq!(cited.len(), 50);
    }
}
