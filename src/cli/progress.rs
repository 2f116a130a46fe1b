//! A progress bar for long work (formatting, importing or checking thousands of
//! records). It is drawn on stderr only when stderr is a terminal, only once the
//! work has taken a moment, and never under `--quiet`; piped output gets nothing.
//!
//! ```ignore
//! let mut bar = Progress::new("formatting", 10_000, false);
//! for _ in 0..10_000 {
//!     // … one record …
//!     bar.inc();
//! }
//! bar.finish();
//! ```

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

/// Work shorter than this shows no bar at all.
const DELAY: Duration = Duration::from_millis(300);
/// The bar is redrawn at most this often.
const REDRAW: Duration = Duration::from_millis(80);
const BAR_WIDTH: usize = 30;

/// A progress bar on stderr. Dropping it erases it.
pub struct Progress {
    label: String,
    total: usize,
    done: usize,
    started: Instant,
    last_draw: Option<Instant>,
    enabled: bool,
}

impl Progress {
    /// A bar for `total` steps of `label` work; hidden unless stderr is a
    /// terminal and `quiet` is false.
    pub fn new(label: &str, total: usize, quiet: bool) -> Progress {
        let enabled = !quiet && io::stderr().is_terminal();
        Progress {
            label: label.to_string(),
            total,
            done: 0,
            started: Instant::now(),
            last_draw: None,
            enabled,
        }
    }

    /// A bar that never draws.
    #[cfg(test)]
    pub fn hidden() -> Progress {
        let mut bar = Progress::new("", 0, true);
        bar.enabled = false;
        bar
    }

    /// One step done.
    pub fn inc(&mut self) {
        self.advance(1);
    }

    /// `steps` steps done.
    pub fn advance(&mut self, steps: usize) {
        self.done = self.done.saturating_add(steps).min(self.total);
        if !self.enabled || self.started.elapsed() < DELAY {
            return;
        }
        if self.last_draw.is_some_and(|t| t.elapsed() < REDRAW) && self.done < self.total {
            return;
        }
        self.last_draw = Some(Instant::now());
        let line = render(&self.label, self.done, self.total);
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r{line}\x1b[K");
        let _ = err.flush();
    }

    /// Erases the bar (if it was drawn), so later output starts on a clean line.
    pub fn finish(&mut self) {
        if self.last_draw.take().is_some() {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The text of the bar: `label [#######.......] done/total`.
pub fn render(label: &str, done: usize, total: usize) -> String {
    let filled = (done * BAR_WIDTH).checked_div(total).unwrap_or(BAR_WIDTH);
    let filled = filled.min(BAR_WIDTH);
    format!(
        "{label} [{}{}] {done}/{total}",
        "#".repeat(filled),
        ".".repeat(BAR_WIDTH - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_proportionally() {
        assert_eq!(
            render("fmt", 0, 10),
            format!("fmt [{}] 0/10", ".".repeat(30))
        );
        assert_eq!(
            render("fmt", 5, 10),
            format!("fmt [{}{}] 5/10", "#".repeat(15), ".".repeat(15))
        );
        assert_eq!(render("x", 0, 0), format!("x [{}] 0/0", "#".repeat(30)));
    }

    #[test]
    fn hidden_bar_counts_without_drawing() {
        let mut bar = Progress::hidden();
        bar.advance(5);
        bar.finish();
        assert!(bar.last_draw.is_none());
    }
}
