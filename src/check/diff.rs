//! A unified diff of a file before and after `--fix`, for `--dry-run`. Fixes
//! never add or remove line breaks, so old line *i* is new line *i*, and a
//! line-by-line comparison gives the exact diff without a general algorithm;
//! should the line counts ever differ, the whole file is shown as one change.

const CONTEXT: usize = 3;

/// `--- a/… +++ b/…` and one `@@` hunk per group of nearby changed lines.
pub fn unified(label: &str, before: &str, after: &str) -> String {
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let mut out = format!("--- a/{label}\n+++ b/{label}\n");
    if old.len() != new.len() {
        out.push_str(&format!("@@ -1,{} +1,{} @@\n", old.len(), new.len()));
        push_lines(&mut out, '-', &old);
        push_lines(&mut out, '+', &new);
        return out;
    }
    let changed: Vec<usize> = (0..old.len()).filter(|i| old[*i] != new[*i]).collect();
    for hunk in hunks(&changed, old.len()) {
        let (start, end) = hunk;
        let count = end - start;
        out.push_str(&format!(
            "@@ -{},{count} +{},{count} @@\n",
            start + 1,
            start + 1
        ));
        for i in start..end {
            if old[i] == new[i] {
                push_lines(&mut out, ' ', &old[i..=i]);
            } else {
                push_lines(&mut out, '-', &old[i..=i]);
                push_lines(&mut out, '+', &new[i..=i]);
            }
        }
    }
    out
}

/// Line ranges `[start, end)` covering the changed lines with context, merged
/// where they touch.
fn hunks(changed: &[usize], total: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &line in changed {
        let start = line.saturating_sub(CONTEXT);
        let end = (line + CONTEXT + 1).min(total);
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => out.push((start, end)),
        }
    }
    out
}

fn push_lines(out: &mut String, mark: char, lines: &[&str]) {
    for line in lines {
        out.push(mark);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_with_context() {
        let before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        let after = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\nTEN\n";
        let diff = unified("x.toml", before, after);
        assert_eq!(
            diff,
            "--- a/x.toml\n+++ b/x.toml\n@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n@@ -7,4 +7,4 @@\n 7\n 8\n 9\n-10\n+TEN\n"
        );
    }

    #[test]
    fn identical_texts_have_no_hunks() {
        assert_eq!(unified("x", "a\n", "a\n"), "--- a/x\n+++ b/x\n");
    }
}
