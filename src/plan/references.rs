//! The report files a markdown text refers to, as a browser would fetch them: markdown links
//! and pictures, and the addresses in raw HTML (`src`, `srcset`, `href`), each normalised the
//! way a browser resolves it. Read from every markdown source, published or not, so that
//! consent can follow what a page would show.

use super::own_site::{OwnPage, OwnSite};
use crate::untrusted::address::{self, Address};
use crate::untrusted::raw_html;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// A report file one text refers to, and where (a byte range of the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// From `content/`, as `address::classify` reads it: `media/jane at home.png`.
    pub path: String,
    /// The full address of the site's own page it was written as, if it was one
    /// (`https://…/stories/x.html` for `stories/x.md`): messages name it so.
    pub full_address: Option<String>,
    pub range: Range<usize>,
    /// A picture the page would show (markdown `![]()` or raw HTML), not a link.
    pub picture: bool,
}

/// What one markdown text refers to, and the links it left as words, from one reading of it.
#[derive(Debug, Default)]
pub struct Scanned {
    pub references: Vec<Reference>,
    pub links_as_words: Vec<LinkAsWords>,
}

/// Reads `text` once for both: every report file it refers to (markdown links and pictures,
/// and the addresses in raw HTML, written as the file's path or as the full address of its page
/// on the site, `own_site`), and every `[words](address)` left as plain text outside code.
/// Markdown turns every link it can read into a link, so what is left in the text is one it
/// could not.
pub fn scan(text: &str, own_site: &OwnSite) -> Scanned {
    let mut found = Scanned::default();
    let mut block: Option<(String, Range<usize>)> = None;
    let push = |raw: &str, range: Range<usize>, picture: bool, found: &mut Vec<Reference>| {
        let (path, full_address) = match address::classify(raw) {
            Address::Content { path, .. } => (path, None),
            Address::External(address) => match own_site.page(&address) {
                Some((OwnPage::File(path), _)) => (path, Some(address)),
                _ => return,
            },
            _ => return,
        };
        if !path.is_empty() {
            found.push(Reference {
                path,
                full_address,
                range,
                picture,
            });
        }
    };
    // A run of plain text (pulldown-cmark may hand one over in pieces), and whether in code.
    let mut run: Option<Range<usize>> = None;
    let mut in_code = false;
    let flush = |run: &mut Option<Range<usize>>, found: &mut Vec<LinkAsWords>| {
        if let Some(range) = run.take() {
            found.extend(in_plain_text(text, range.clone()));
            found.extend(paths_in_angle_brackets(text, range));
        }
    };
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        if !matches!(event, Event::Text(_)) || in_code {
            flush(&mut run, &mut found.links_as_words);
        }
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                push(&dest_url, range, false, &mut found.references)
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                push(&dest_url, range, true, &mut found.references)
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if !in_code => match &mut run {
                Some(current) if current.end == range.start => current.end = range.end,
                _ => {
                    flush(&mut run, &mut found.links_as_words);
                    run = Some(range);
                }
            },
            // A block of raw HTML comes a line at a time; a tag may span lines.
            Event::Start(Tag::HtmlBlock) => block = Some((String::new(), range)),
            Event::Html(html) => match &mut block {
                Some((text, _)) => text.push_str(&html),
                None => raw_html::addresses(&html)
                    .iter()
                    .for_each(|a| push(a, range.clone(), true, &mut found.references)),
            },
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((html, range)) = block.take() {
                    raw_html::addresses(&html)
                        .iter()
                        .for_each(|a| push(a, range.clone(), true, &mut found.references));
                }
            }
            Event::InlineHtml(html) => raw_html::addresses(&html)
                .iter()
                .for_each(|a| push(a, range.clone(), true, &mut found.references)),
            _ => {}
        }
    }
    flush(&mut run, &mut found.links_as_words);
    found
}

/// A link that markdown could not read, so it shows as its raw text: `[her story](My new day
/// centre)`, whose address has spaces, or `<stories/her-story.md>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAsWords {
    /// The whole `[words](address)` (with its `!` for a picture), a byte range of the text.
    pub range: Range<usize>,
    pub words: String,
    pub address: String,
    /// Written as a picture: `![alt text](address)`.
    pub picture: bool,
    /// Written between `<` and `>`, with no words: `<stories/her-story.md>`. Markdown makes a
    /// link of that only around an address with a scheme (`<https://…>`).
    pub in_angle_brackets: bool,
}

/// Each report file's path written between `<` and `>` in one stretch of plain text, as a web
/// address may be (`<stories/her-story.md>`, `<media/plan.pdf>`): markdown shows it as it is.
/// Only what names a file (ends in `.md`, or starts with a folder of `content/`) is taken for
/// one, so that "under <18s" or "a < b > c" are words. One pass: each `<` takes the first `>`
/// after it, found once for every `<` before it.
fn paths_in_angle_brackets(text: &str, range: Range<usize>) -> Vec<LinkAsWords> {
    let stretch = &text[range.clone()];
    let mut found = Vec::new();
    let mut close: Option<usize> = None;
    for (open, _) in stretch.match_indices('<') {
        if close.is_none_or(|close| close <= open) {
            close = stretch[open..].find('>').map(|at| open + at);
        }
        let Some(close) = close else { break };
        let inside = &stretch[open + 1..close];
        if names_a_report_file(inside) {
            found.push(LinkAsWords {
                range: range.start + open..range.start + close + 1,
                words: String::new(),
                address: inside.to_owned(),
                picture: false,
                in_angle_brackets: true,
            });
        }
    }
    found
}

/// Whether words are a report file's path: one word, no scheme, ending in `.md` or starting
/// with a folder of `content/`.
fn names_a_report_file(words: &str) -> bool {
    let lower = words.to_lowercase();
    let one_word =
        !lower.is_empty() && !lower.contains(|c: char| c.is_whitespace() || "<>[]():".contains(c));
    let folders = ["stories/", "pages/", "media/", "content/", "./", "../"];
    one_word && (lower.ends_with(".md") || folders.iter().any(|f| lower.starts_with(f)))
}

/// Where `](` first comes in `text`: a search for `]` and a look at the byte after it,
/// rather than `str::find("](")`, whose two-byte searcher is set up anew on each call; over the
/// many short stretches of a large report, setting it up was most of the scan's search time.
fn link_middle(text: &str) -> Option<usize> {
    (text.match_indices(']').map(|(at, _)| at))
        .find(|&at| text.as_bytes().get(at + 1) == Some(&b'('))
}

/// The `[words](address)` in one stretch of plain text, in one pass: each `](` takes the last
/// `[` before it and the first `)` after it, and neither search goes back over text already
/// searched, so that a stretch of thousands of `](` with no `[` or `)` takes linear time (it
/// took the square of the stretch's length: 17 s for 900 KB).
fn in_plain_text(text: &str, range: Range<usize>) -> Vec<LinkAsWords> {
    let stretch = &text[range.clone()];
    let mut found = Vec::new();
    let mut from = 0;
    // The last `[` found, and where the search for one has reached.
    let (mut open, mut searched_for_open) = (None, 0);
    // The first `)` found after some `](`: it is the first after a later one too, until
    // passed. None found means none after any later `](` either.
    let mut close: Option<usize> = None;
    while let Some(middle) = link_middle(&stretch[from..]).map(|i| from + i) {
        let start = searched_for_open.max(from);
        if let Some(at) = stretch[start..middle].rfind('[') {
            open = Some(start + at);
        }
        searched_for_open = middle;
        if close.is_none_or(|close| close < middle + 2) {
            close = stretch[middle + 2..].find(')').map(|at| middle + 2 + at);
        }
        let Some(close) = close else { break };
        match open {
            Some(open) if open >= from => {
                let words = stretch[open + 1..middle].trim();
                let address = stretch[middle + 2..close].trim();
                if !words.is_empty() && !address.is_empty() {
                    let picture = stretch[..open].ends_with('!');
                    let start = if picture { open - 1 } else { open };
                    found.push(LinkAsWords {
                        range: range.start + start..range.start + close + 1,
                        words: words.to_owned(),
                        address: address.to_owned(),
                        picture,
                        in_angle_brackets: false,
                    });
                }
                from = close + 1;
            }
            _ => from = middle + 2,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_markdown_could_not_read_is_found() {
        let text = "Read [her story](My new day centre) or [this](stories/a.md).\n\n`[code](not a link)`\n";
        let found = scan(text, &OwnSite::default()).links_as_words;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].words, "her story");
        assert_eq!(found[0].address, "My new day centre");
        assert_eq!(
            &text[found[0].range.clone()],
            "[her story](My new day centre)"
        );
        assert!(!found[0].picture);
    }

    #[test]
    fn a_report_file_s_path_between_angle_brackets_is_found_and_other_words_are_not() {
        let text = "Read <stories/her-story.md>, <Pages/About.md> or <media/plan.pdf>.\n\n\
                    Support for under <18s, a < b > c, <https://example.org>, <em>x</em>, \
                    `<stories/code.md>` and <stories/her story.md>.\n";
        let found = scan(text, &OwnSite::default()).links_as_words;
        let addresses: Vec<&str> = found.iter().map(|l| l.address.as_str()).collect();
        assert_eq!(
            addresses,
            ["stories/her-story.md", "Pages/About.md", "media/plan.pdf"]
        );
        assert!(
            found
                .iter()
                .all(|l| l.in_angle_brackets && l.words.is_empty())
        );
        assert_eq!(&text[found[0].range.clone()], "<stories/her-story.md>");
    }

    #[test]
    fn a_picture_markdown_could_not_read_is_found_as_a_picture() {
        let text = "![Jane in her garden](media/Jane at home.JPG)\n";
        let found = scan(text, &OwnSite::default()).links_as_words;
        assert!(found[0].picture);
        assert_eq!(&text[found[0].range.clone()], text.trim_end());
    }

    fn paths(text: &str) -> Vec<String> {
        scan(text, &OwnSite::default())
            .references
            .into_iter()
            .map(|r| r.path)
            .collect()
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

    /// `in_plain_text` as it was, when each `](` searched the whole stretch before and after
    /// it: what it found is what the one-pass search must find.
    fn searching_each_time(text: &str) -> Vec<LinkAsWords> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(middle) = text[from..].find("](").map(|i| from + i) {
            let open = text[..middle].rfind('[');
            let close = text[middle + 2..].find(')').map(|i| middle + 2 + i);
            match (open, close) {
                (Some(open), Some(close)) if open >= from => {
                    let words = text[open + 1..middle].trim();
                    let address = text[middle + 2..close].trim();
                    if !words.is_empty() && !address.is_empty() {
                        let picture = text[..open].ends_with('!');
                        let start = if picture { open - 1 } else { open };
                        found.push(LinkAsWords {
                            range: start..close + 1,
                            words: words.to_owned(),
                            address: address.to_owned(),
                            picture,
                            in_angle_brackets: false,
                        });
                    }
                    from = close + 1;
                }
                _ => from = middle + 2,
            }
        }
        found
    }

    #[test]
    fn links_as_words_are_found_in_one_pass_as_by_searching_each_time() {
        use proptest::prelude::*;
        let pieces = prop_oneof![
            Just("["),
            Just("]"),
            Just("("),
            Just(")"),
            Just("]("),
            Just("!"),
            Just("a"),
            Just(" "),
            Just("é")
        ];
        let texts = proptest::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat());
        let mut runner =
            proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(2000));
        runner
            .run(&texts, |text| {
                prop_assert_eq!(
                    in_plain_text(&text, 0..text.len()),
                    searching_each_time(&text)
                );
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn addresses_of_other_sites_are_not_report_files() {
        assert!(paths("[x](https://example.org/a.png) ![y](data:image/png,abc)").is_empty());
    }
}
