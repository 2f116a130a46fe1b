//! Initials of given names (`initialize-with`, `initialize`,
//! `initialize-with-hyphen`), following citeproc-js on existing initials.

/// Turn given names into initials: "John Paul" → "J. P.", "Jean-Paul" → "J.-P.".
/// With `initialize` false only existing initials are normalised.
pub fn initialize_given(given: &str, with: &str, initialize: bool, hyphen: bool) -> String {
    // no vectors of pieces, tokens or characters, and no copy at the end:
    // this runs for every rendered name
    let mut out = String::with_capacity(given.len() + 8);
    for word in given.split_whitespace() {
        let pieces = word.split('-').filter(|p| !p.is_empty());
        for (piece_index, piece) in pieces.enumerate() {
            let lowercase = piece
                .chars()
                .next()
                .map(char::is_lowercase)
                .unwrap_or(false);
            if piece_index > 0 && initialize && lowercase {
                // "G-ping": lowercase hyphenated parts give no initial
                continue;
            }
            if piece_index > 0 && hyphen {
                trim_end_spaces(&mut out);
                out.push('-');
            }
            push_piece(&mut out, piece, with, initialize, piece_index > 0 && hyphen);
        }
    }
    out.truncate(out.trim_end().len());
    out
}

fn trim_end_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

/// One hyphen-free word, which may hold several period-separated initials.
fn push_piece(out: &mut String, piece: &str, with: &str, initialize: bool, after_hyphen: bool) {
    for (token, had_period) in split_periods(piece) {
        let first_upper = token
            .chars()
            .next()
            .map(char::is_uppercase)
            .unwrap_or(false);
        let single = token.chars().count() == 1;
        if !first_upper {
            // a particle such as "de": kept whole
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(token);
            out.push(' ');
            continue;
        }
        let is_initial = had_period || single;
        if initialize && !had_period && !single {
            push_initial_of(out, token);
            out.push_str(with);
        } else if is_initial {
            push_initial(out, token, with, after_hyphen);
        } else {
            if !out.is_empty() && !out.ends_with(' ') && !out.ends_with('-') {
                out.push(' ');
            }
            out.push_str(token);
            out.push(' ');
        }
    }
}

fn push_initial(out: &mut String, letters: &str, with: &str, _after_hyphen: bool) {
    out.push_str(letters);
    out.push_str(with);
}

/// The period-separated tokens of a piece, each with whether a period
/// followed it.
fn split_periods(piece: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = Some(piece);
    std::iter::from_fn(move || loop {
        let current = rest.filter(|r| !r.is_empty())?;
        match current.find('.') {
            Some(pos) => {
                rest = Some(&current[pos + 1..]);
                if pos > 0 {
                    return Some((&current[..pos], true));
                }
            }
            None => {
                rest = None;
                return Some((current, false));
            }
        }
    })
}

/// Append the initial of a word: its first letter, or two letters for
/// names written like "TSerendorjiin" (→ "Ts"), as citeproc-js does.
fn push_initial_of(out: &mut String, word: &str) {
    let mut chars = word.chars();
    let (Some(a), b, c) = (chars.next(), chars.next(), chars.next()) else {
        return;
    };
    out.push(a);
    if let (Some(b), Some(c)) = (b, c) {
        if b.is_uppercase() && c.is_lowercase() {
            out.extend(b.to_lowercase());
        }
    }
}

/// [`initialize_given`] for given names that carry markup
/// (`<b>John</b> Quiggly` → `<b>J.</b> Q.`): each tagged word is
/// initialised inside its tags.
pub fn initialize_marked(given: &str, with: &str, initialize: bool, hyphen: bool) -> String {
    if !given.contains('<') {
        return initialize_given(given, with, initialize, hyphen);
    }
    let mut words = Vec::new();
    for word in given.split_whitespace() {
        let pieces: Vec<String> = word
            .split('-')
            .filter(|p| !p.is_empty())
            .map(|piece| {
                let (open, inner, close) = split_tags(piece);
                let initial = initialize_given(inner, with, initialize, hyphen);
                format!("{open}{}{close}", initial.trim_end())
            })
            .collect();
        let joiner = if hyphen { "-" } else { "" };
        words.push(pieces.join(joiner));
    }
    words.join(" ")
}

/// "<b>John</b>" → ("<b>", "John", "</b>").
fn split_tags(piece: &str) -> (&str, &str, &str) {
    let open_end = if piece.starts_with('<') {
        piece.find('>').map(|i| i + 1).unwrap_or(0)
    } else {
        0
    };
    let close_start = if piece.ends_with('>') {
        piece
            .rfind("</")
            .filter(|&i| i >= open_end)
            .unwrap_or(piece.len())
    } else {
        piece.len()
    };
    (
        &piece[..open_end],
        &piece[open_end..close_start],
        &piece[close_start..],
    )
}
