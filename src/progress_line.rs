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

pub struct ProgressLine {
    started: Instant,
    on_terminal: bool,
    bar: Option<ProgressBar>,
}

impl ProgressLine {
    pub fn new() -> Self {
        ProgressLine {
            started: Instant::now(),
            on_terminal: std::io::stderr().is_terminal(),
            bar: None,
        }
    }

    pub fn show(&mut self, progress: Progress) {
        if !self.on_terminal || self.started.elapsed() < QUIET_FOR {
            return;
        }
        let bar = self.bar.get_or_insert_with(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(ProgressStyle::with_template("{msg}").expect("a fixed template"));
            bar
        });
        match progress {
            // Once in a while: the line redraws at most a few times a second anyway.
            Progress::Pages { made, of } if made % 64 == 0 || made == of => {
                bar.set_message(format!(
                    "Making the pages: {} of {}",
                    thousands(made),
                    thousands(of)
                ));
            }
            Progress::Pages { .. } => {}
            Progress::Index => bar.set_message("Making the search index"),
        }
    }

    /// Takes the line away, before the build's messages are printed.
    pub fn clear(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
