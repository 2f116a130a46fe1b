//! Setting a CSL processor up for a run over kaynak records: the locale by CSL's
//! precedence, the user's form choices handed to the multilingual extension, and
//! where Cyrillic sort keys go among Latin ones. The items of the run must be made
//! with the [`FormPolicy`] returned here, so the engine's plain variables, the
//! extension's queries and the sort keys all follow one policy.

use crate::csl::ext::{UserForm, UserForms};
use crate::csl::{self, Locale, Processor, Style};
use crate::forms::{Form, FormPolicy, FormSettings};
use crate::store::{Settings, SortScript};
use crate::text::collate::MixedScripts;
use crate::text::language::Script;
use crate::text::translit::Scheme;

/// A processor for `style` and the form policy of its run. The locale is the one
/// `asked` for (`--locale`), else the style's `default-locale`, else the library's
/// `locale`, else `en-US`.
pub fn prepare(
    mut style: Style,
    settings: &Settings,
    forms: FormSettings,
    asked: Option<&str>,
    load: &dyn Fn(&str) -> Option<Locale>,
) -> (Processor, FormPolicy) {
    let locale = csl::effective_locale(asked, &style, settings.locale.as_deref());
    let policy = FormPolicy::for_locale(forms, &locale);
    csl::ext::set_user_forms(&mut style, user_forms(&policy));
    let mut processor = csl::processor_with_locale(style, Some(&locale), load);
    processor.set_mixed_scripts(mixed_scripts(settings.sort_script, &policy.settings));
    (processor, policy)
}

/// The user's choices as the CSL extension takes them.
fn user_forms(policy: &FormPolicy) -> UserForms {
    let form = match &policy.settings.form {
        Form::Auto => None,
        Form::Original => Some(UserForm::Original),
        Form::Translit => Some(UserForm::Translit),
        Form::Translation(tag) => Some(UserForm::Translation(tag.clone())),
    };
    UserForms {
        form,
        output: Some(policy.output.unwrap_or(Script::Latin)),
    }
}

/// How Cyrillic sort keys are ordered under a Latin-script locale, from
/// `sort-script`: on a romanisation (the run's `translit` scheme, else ALA-LC
/// without diacritics), or on the original letters. Texts the policy already
/// prints romanised sort on that form.
fn mixed_scripts(sort_script: SortScript, forms: &FormSettings) -> MixedScripts {
    match sort_script {
        SortScript::Original => MixedScripts::Original,
        SortScript::Translit => {
            MixedScripts::Transliterated(forms.translit.scheme.unwrap_or(Scheme::AlaLcPlain))
        }
    }
}
