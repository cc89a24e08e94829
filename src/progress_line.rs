//! The line `chorus build` shows on a terminal while a long build makes its pages: what it is
//! doing and how far it has got. Nothing is shown for a build under a second, and nothing at
//! all when the messages do not go to a terminal (a log, a CI run, the tests), so the messages
//! read the same there.

use chorus::diagnostics::thousands;
use chorus::render::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How long a build runs before the line appears.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// How often the line is drawn again. indicatif draws at most 20 times a second and drops a
/// change that comes sooner, so without this the last change before a long quiet stage (the
/// search index's finishing, seconds on a large report) was never shown.
const REDRAW_EVERY: Duration = Duration::from_millis(100);

/// How many pages go by between two counts: the line cannot show more changes than that.
const COUNT_EVERY: usize = 64;

pub struct ProgressLine {
    started: Instant,
    quiet_for: Duration,
    /// Where the line is drawn; `None` when the messages do not go to a terminal.
    target: Option<fn() -> ProgressDrawTarget>,
    bar: Option<ProgressBar>,
}

impl ProgressLine {
    pub fn new() -> Self {
        let on_terminal = std::io::stderr().is_terminal();
        ProgressLine {
            started: Instant::now(),
            quiet_for: QUIET_FOR,
            target: on_terminal.then_some(ProgressDrawTarget::stderr as fn() -> _),
            bar: None,
        }
    }

    pub fn show(&mut self, progress: Progress) {
        let Some(target) = self.target else {
            return;
        };
        if self.started.elapsed() < self.quiet_for {
            return;
        }
        let bar = self.bar.get_or_insert_with(|| {
            let bar = ProgressBar::with_draw_target(None, target());
            bar.set_style(ProgressStyle::with_template("{msg}").expect("a fixed template"));
            bar.enable_steady_tick(REDRAW_EVERY);
            bar
        });
        if let Some(message) = message(progress) {
            bar.set_message(message);
        }
    }

    /// Takes the line away, before the build's messages are printed.
    pub fn clear(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// What the line says at this point, if it says something new.
fn message(progress: Progress) -> Option<String> {
    let counted = |done: usize, of: usize| done.is_multiple_of(COUNT_EVERY) || done == of;
    match progress {
        Progress::Pages { made, of } => counted(made, of)
            .then(|| format!("Making the pages: {} of {}", thousands(made), thousands(of))),
        Progress::Searched { read, of } => counted(read, of).then(|| {
            format!(
                "Making the search index: {} of {} searchable pages read",
                thousands(read),
                thousands(of)
            )
        }),
        Progress::Index => Some("Finishing the search index".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indicatif::InMemoryTerm;
    use std::sync::OnceLock;

    static TERM: OnceLock<InMemoryTerm> = OnceLock::new();

    fn term() -> ProgressDrawTarget {
        let term = TERM.get_or_init(|| InMemoryTerm::new(4, 80)).clone();
        // Drawn at most 20 times a second, as on stderr.
        ProgressDrawTarget::term_like_with_hz(Box::new(term), 20)
    }

    /// The last change shows even when it comes right after many others and nothing follows
    /// it for a long while, as when the pages are all made and the search index is finished.
    #[test]
    fn the_last_stage_shows_though_it_follows_the_one_before_at_once() {
        let mut line = ProgressLine {
            started: Instant::now(),
            quiet_for: Duration::ZERO,
            target: Some(term),
            bar: None,
        };
        // A hundred changes in a moment, as a large build makes its pages.
        for made in 1..=6400 {
            line.show(Progress::Pages { made, of: 6400 });
        }
        line.show(Progress::Searched {
            read: 6400,
            of: 6400,
        });
        line.show(Progress::Index);
        // Drawn by the next tick: waited for, up to a time no loaded machine takes.
        let deadline = Instant::now() + Duration::from_secs(10);
        let drawn = || TERM.get().unwrap().contents();
        while drawn() != "Finishing the search index" && Instant::now() < deadline {
            std::thread::sleep(REDRAW_EVERY);
        }
        assert_eq!(drawn(), "Finishing the search index");
        line.clear();
    }

    #[test]
    fn counts_are_shown_every_64_pages_and_at_the_end() {
        let said = |progress| message(progress);
        assert_eq!(said(Progress::Pages { made: 63, of: 100 }), None);
        assert_eq!(
            said(Progress::Pages {
                made: 64,
                of: 12190
            })
            .as_deref(),
            Some("Making the pages: 64 of 12,190")
        );
        assert_eq!(
            said(Progress::Searched {
                read: 10006,
                of: 10006
            })
            .as_deref(),
            Some("Making the search index: 10,006 of 10,006 searchable pages read")
        );
    }
}
