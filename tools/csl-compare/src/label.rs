//! The rewriting behind the `label-of-empty-variable` deviation: a
//! `<label variable="page"/>` placed after `number-of-pages` prints the
//! page term in citeproc-js although the item has no `page` ("670ページ"),
//! where kaynak prints no label, as the specification ties the term to its
//! variable. Given the item's fields, [`variants`] inserts the term after
//! each place the `beside` variable's value stands in the text; the deviation
//! explains a difference only when one of them is citeproc-js's text.

use serde_json::Value;

/// What the deviation reads: the label's (empty) variable, the variable
/// whose value the label follows, and the terms citeproc-js may print.
#[derive(Debug)]
pub struct Label {
    pub empty: String,
    pub beside: String,
    pub terms: Vec<String>,
}

impl Label {
    /// Every rewriting of `text` with one of the terms after one place of
    /// an item's `beside` value, for the items that lack `empty`.
    pub fn variants(&self, text: &str, items: &[&Value]) -> Vec<String> {
        let mut out = Vec::new();
        for item in items {
            if item.get(&self.empty).is_some_and(|v| !v.is_null()) {
                continue;
            }
            let Some(value) = item.get(&self.beside).and_then(scalar) else {
                continue;
            };
            for (at, _) in text.match_indices(value.as_str()) {
                let end = at + value.len();
                // the whole number, not the start of a longer one
                let whole = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric());
                if !whole(text[..at].chars().next_back()) || !whole(text[end..].chars().next()) {
                    continue;
                }
                for term in &self.terms {
                    out.push(format!("{}{term}{}", &text[..end], &text[end..]));
                }
            }
        }
        out
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn label() -> Label {
        Label {
            empty: "page".into(),
            beside: "number-of-pages".into(),
            terms: vec!["ページ".into()],
        }
    }

    #[test]
    fn the_term_goes_after_the_number_of_pages_of_an_item_without_pages() {
        let item = json!({"number-of-pages": "670", "issued": 1999});
        let got = label().variants("北京, 1999, 670, ISBN", &[&item]);
        assert_eq!(got, vec!["北京, 1999, 670ページ, ISBN".to_string()]);
        // not inside a longer number
        assert!(label().variants("16701", &[&item]).is_empty());
        // an item that has pages prints its label itself
        let paged = json!({"number-of-pages": "670", "page": "3"});
        assert!(label().variants("1999, 670, ISBN", &[&paged]).is_empty());
    }
}
