//! Which table and rules each scheme uses for each language: the matrix of
//! `kaynak translit --list`. A scheme without an entry for a language has no table
//! for it.

use super::engine::{Profile, Rules};
use super::lang::Lang;
use super::tables::*;
use super::tables_slavic::*;
use super::tables_turkic::*;
use super::{Scheme, SignMarks};

/// The profile of `scheme` for `lang`, or `None` when the scheme has no table for it.
pub(super) fn profile(scheme: Scheme, lang: Lang) -> Option<Profile<'static>> {
    use Scheme::*;
    let base = match scheme {
        AlaLc | AlaLcPlain => ala_lc(lang),
        BgnPcgn | BgnPcgnDotted | BgnPcgnNoSigns => bgn_pcgn(lang, scheme == BgnPcgnDotted),
        Iso9 => matches!(
            lang,
            Lang::Russian
                | Lang::Ukrainian
                | Lang::Belarusian
                | Lang::Bulgarian
                | Lang::Serbian
                | Lang::Macedonian
        )
        .then(|| Profile::new(&ISO_9, Rules::Plain)),
        Gost779B => russian(lang, Profile::new(&GOST_779_B, Rules::GostB)),
        Scientific => russian(lang, Profile::new(&SCIENTIFIC, Rules::Plain)),
        Icao => russian(lang, Profile::new(&ICAO, Rules::Plain)),
        Ukrainian2010 => (lang == Lang::Ukrainian).then(|| bgn_pcgn(lang, false))?,
        Bulgarian2009 => (lang == Lang::Bulgarian).then(|| bgn_pcgn(lang, false))?,
        AzerbaijaniCyrillic => (lang == Lang::Azerbaijani).then(|| bgn_pcgn(lang, false))?,
    }?;
    Some(match scheme {
        AlaLcPlain => Profile {
            plain: true,
            ..base
        },
        BgnPcgnNoSigns => without_signs(base, lang),
        _ => base,
    })
}

fn russian(lang: Lang, profile: Profile<'static>) -> Option<Profile<'static>> {
    (lang == Lang::Russian).then_some(profile)
}

fn ala_lc(lang: Lang) -> Option<Profile<'static>> {
    let plain = |table| Profile::new(table, Rules::Plain);
    Some(match lang {
        Lang::Russian => Profile::new(&ALA_LC, Rules::AlaLc),
        Lang::Ukrainian => plain(&UK_ALA_LC).apostrophe("ʺ"),
        Lang::Belarusian => plain(&BE_ALA_LC).apostrophe(""),
        Lang::Bulgarian => Profile::new(&BG_ALA_LC, Rules::AlaLcBulgarian),
        Lang::Serbian => plain(&SR),
        Lang::Macedonian => plain(&MK),
        Lang::Kazakh => plain(&KK_ALA_LC),
        Lang::Kyrgyz => plain(&KY_ALA_LC),
        Lang::Tajik => plain(&TG_ALA_LC),
        Lang::Uzbek => plain(&UZ_ALA_LC),
        Lang::Azerbaijani => plain(&AZ_ALA_LC),
    })
}

fn bgn_pcgn(lang: Lang, dots: bool) -> Option<Profile<'static>> {
    let dotted = |profile: Profile<'static>, pairs| Profile {
        dots: if dots { pairs } else { &[] },
        ..profile
    };
    let plain = |table| Profile::new(table, Rules::Plain);
    Some(match lang {
        Lang::Russian => Profile::new(&BGN_PCGN, Rules::BgnPcgn { dots }),
        Lang::Ukrainian => Profile::new(&UKRAINIAN_2010, Rules::Ukrainian).apostrophe(""),
        Lang::Belarusian => dotted(plain(&BE_BGN_PCGN).apostrophe("”"), BE_DOTS),
        Lang::Bulgarian => Profile::new(&BULGARIAN_2009, Rules::Bulgarian),
        Lang::Serbian => plain(&SR),
        Lang::Macedonian => plain(&MK),
        Lang::Kazakh => dotted(plain(&KK_BGN_PCGN), KK_DOTS),
        Lang::Kyrgyz => dotted(plain(&KY_BGN_PCGN), KY_DOTS),
        Lang::Tajik => dotted(Profile::new(&TG_BGN_PCGN, Rules::Tajik), TG_DOTS),
        Lang::Uzbek => Profile::new(&UZ_BGN_PCGN, Rules::UzbekYe),
        Lang::Azerbaijani => Profile::turkic(&AZ_BGN_PCGN),
    })
}

/// BGN/PCGN with the soft and hard sign marks (and the apostrophe mark) left out,
/// where they are marks: Bulgarian ь and ъ are letters (y, a) and stay.
fn without_signs(profile: Profile<'static>, lang: Lang) -> Profile<'static> {
    if lang == Lang::Russian {
        // The table of the article's profile already drops them.
        return Profile {
            table: &BGN_PCGN_NO_SIGNS,
            ..profile
        };
    }
    let marks = matches!(
        lang,
        Lang::Belarusian | Lang::Kazakh | Lang::Kyrgyz | Lang::Tajik | Lang::Uzbek
    );
    Profile {
        signs: if marks {
            Some(SignMarks::OMITTED)
        } else {
            profile.signs
        },
        apostrophe: profile.apostrophe.map(|_| ""),
        ..profile
    }
}
