//! Initials of given names (`initialize-with`, `initialize`,
//! `initialize-with-hyphen`), following citeproc-js on existing initials.

/// Turn given names into initials: "John Paul" → "J. P.", "Jean-Paul" → "J.-P.".
/// With `initialize` false only existing initials are normalised.
pub fn initialize_given(given: &str, with: &str, initialize: bool, hyphen: bool) -> String {
    let mut out = String::new();
    for word in given.split_whitespace() {
        let pieces: Vec<&str> = word.split('-').filter(|p| !p.is_empty()).collect();
        for (piece_index, piece) in pieces.iter().enumerate() {
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
    out.trim_end().to_string()
}

fn trim_end_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

/// One hyphen-free word, which may hold several period-separated initials.
fn push_piece(out: &mut String, piece: &str, with: &str, initialize: bool, after_hyphen: bool) {
    let tokens: Vec<(&str, bool)> = split_periods(piece);
    for (token, had_period) in tokens {
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
            let first = initial_of(token);
            push_initial(out, &first, with, after_hyphen);
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

fn split_periods(piece: &str) -> Vec<(&str, bool)> {
    let mut tokens = Vec::new();
    let mut rest = piece;
    while !rest.is_empty() {
        match rest.find('.') {
            Some(pos) => {
                if pos > 0 {
                    tokens.push((&rest[..pos], true));
                }
                rest = &rest[pos + 1..];
            }
            None => {
                tokens.push((rest, false));
                break;
            }
        }
    }
    tokens
}

/// The initial of a word: its first letter, or two letters for names
/// written like "TSerendorjiin" (→ "Ts"), as citeproc-js does.
fn initial_of(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    match chars.as_slice() {
        [a, b, c, ..] if b.is_uppercase() && c.is_lowercase() => {
            let mut out = a.to_string();
            out.extend(b.to_lowercase());
            out
        }
        [a, ..] => a.to_string(),
        [] => String::new(),
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
