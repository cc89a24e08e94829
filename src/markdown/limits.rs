//! Limits that no real report reaches, so that no text, however made, can make Chorus's work
//! grow faster than the text.
//!
//! Parts of a text nested in each other (a quote in a quote in a quote …) cost the HTML cleaner
//! a little more for each level at every level: 100 KB of `>` took nearly a minute. A story
//! needs two or three levels; a text nested deeper than `MAX_NESTING` is refused with an error
//! and not rendered at all, so that cost never arises.

use super::{Markdown, Rendered};
use crate::diagnostics::Diagnostic;
use crate::rules;
use pulldown_cmark::Event;
use std::ops::Range;

/// How deep quotes, lists, emphasis and the other parts of a text may sit inside each other.
pub const MAX_NESTING: usize = 32;

/// An error instead of the page, when the text nests its parts deeper than `MAX_NESTING`.
pub fn refuse_too_deep(
    markdown: &Markdown<'_>,
    events: &[(Event<'_>, Range<usize>)],
) -> Option<Rendered> {
    let mut depth = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => continue,
        }
        if depth > MAX_NESTING {
            let problem = Diagnostic::error(rules::TEXT_NESTED_TOO_DEEP,
                markdown.file_name(),
                format!(
                    "This text puts quotes, lists or other parts inside each other more than {MAX_NESTING} levels deep, so Chorus can't show it."
                ),
            )
            .at(markdown.location(range.start..range.start + 1))
            .help("A story needs only a few levels. Check the > and - signs at the start of the lines: each > makes a quote inside the quote before it, and each - a list inside the list before it.");
            return Some(Rendered {
                html: String::new(),
                text: String::new(),
                problems: vec![problem],
            });
        }
    }
    None
}
