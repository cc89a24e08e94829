//! The report files a markdown text refers to, as a browser would fetch them: markdown links
//! and pictures, and the addresses in raw HTML (`src`, `srcset`, `href`), each normalised the
//! way a browser resolves it. Read from every markdown source, published or not, so that
//! consent can follow what a page would show.

use crate::untrusted::address::{self, Address};
use crate::untrusted::raw_html;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// A report file one text refers to, and where (a byte range of the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// From `content/`, as `address::classify` reads it: `media/jane at home.png`.
    pub path: String,
    pub range: Range<usize>,
    /// A picture the page would show (markdown `![]()` or raw HTML), not a link.
    pub picture: bool,
}

pub fn references(text: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut block: Option<(String, Range<usize>)> = None;
    let push = |raw: &str, range: Range<usize>, picture: bool, found: &mut Vec<Reference>| {
        if let Address::Content { path, .. } = address::classify(raw)
            && !path.is_empty()
        {
            found.push(Reference {
                path,
                range,
                picture,
            });
        }
    };
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => push(&dest_url, range, false, &mut found),
            Event::Start(Tag::Image { dest_url, .. }) => push(&dest_url, range, true, &mut found),
            // A block of raw HTML comes a line at a time; a tag may span lines.
            Event::Start(Tag::HtmlBlock) => block = Some((String::new(), range)),
            Event::Html(html) => match &mut block {
                Some((text, _)) => text.push_str(&html),
                None => raw_html::addresses(&html)
                    .iter()
                    .for_each(|a| push(a, range.clone(), true, &mut found)),
            },
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((html, range)) = block.take() {
                    raw_html::addresses(&html)
                        .iter()
                        .for_each(|a| push(a, range.clone(), true, &mut found));
                }
            }
            Event::InlineHtml(html) => raw_html::addresses(&html)
                .iter()
                .for_each(|a| push(a, range.clone(), true, &mut found)),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        references(text).into_iter().map(|r| r.path).collect()
    }

    #[test]
    fn every_way_of_naming_a_picture_is_found() {
        assert_eq!(
            paths(
                "![Jane](media/jane%20at%20home.png) [plan](media/plan.pdf?v=2)\n\n\
                 Text <img src=\"media/a.png\"> more\n\n\
                 <picture>\n<source srcset=\"media/b.png 1x, ./media/c.png 2x\">\n</picture>\n"
            ),
            [
                "media/jane at home.png",
                "media/plan.pdf",
                "media/a.png",
                "media/b.png",
                "media/c.png"
            ]
        );
    }

    #[test]
    fn addresses_of_other_sites_are_not_report_files() {
        assert!(paths("[x](https://example.org/a.png) ![y](data:image/png,abc)").is_empty());
    }
}
