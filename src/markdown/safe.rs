//! The last step from markdown to HTML: the kept events written out, and cleaned by ammonia
//! where raw HTML went in.

use super::Event;
use crate::untrusted::address::{self, Address};
use crate::untrusted::raw_html;
use pulldown_cmark::{CodeBlockKind, HeadingLevel, LinkType, Tag};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The kept events as HTML: safe as written where it can be, cleaned where it cannot.
///
/// pulldown-cmark's writer escapes every text and attribute value it writes, and makes a fixed
/// set of elements from the events on `written_safe`'s list, whose addresses the pass checked.
/// Raw HTML is the way in for anything else. The pass already cut it to the allow-list
/// (`RawHtmlFilter`, which must say what it removes), and ammonia cleans it again with the same
/// list, so safety never rests on that filter's own reading of HTML.
///
/// ammonia reads each top-level block that holds raw HTML (or any event not on the list) on
/// its own, and in a paragraph only the part from the first such event to the last
/// (`within_a_paragraph`). When raw HTML opens an element and does not close it in the same
/// block (`<details>` around paragraphs, or an element left open), closes elements out of
/// order, or closes one it never opened, ammonia reads instead from the first block that
/// needs cleaning to the end of the text, as one fragment: a browser reads on inside
/// that element, past the closing tag the text gives it when that tag is in another
/// paragraph; ammonia closes it at the end, so it never swallows the page after it. Blocks
/// that need no cleaning are written as they are, not parsed again: in a story with one
/// `<span lang="cy">`, only the span is.
pub(super) fn safe_html(events: Vec<Event<'_>>, raw_left_open: bool) -> String {
    // The blocks to clean, in order.
    let mut to_clean: Vec<Range<usize>> = Vec::new();
    let mut depth = 0usize;
    let mut block_start = 0;
    let mut block_needs_cleaning = false;
    // The raw HTML's elements open, and whether one was not closed in the block that opened
    // it, in the order opened.
    let mut raw_open = Vec::new();
    let mut raw_across_blocks = false;
    for (at, event) in events.iter().enumerate() {
        if depth == 0 {
            block_start = at;
            block_needs_cleaning = false;
            raw_across_blocks |= !raw_open.is_empty();
        }
        block_needs_cleaning |= !written_safe(event);
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) => {
                raw_across_blocks |= !tags_in_order(html, &mut raw_open);
            }
            _ => {}
        }
        if depth == 0 && block_needs_cleaning {
            to_clean.push(block_start..at + 1);
        }
    }
    raw_across_blocks |= !raw_open.is_empty();
    // A block left open (the pass keeps them balanced, but that is not this function's to
    // assume) is cleaned to the end.
    if depth != 0 && block_needs_cleaning {
        to_clean.push(block_start..events.len());
    }
    if raw_left_open || raw_across_blocks {
        if let Some(first) = to_clean.first() {
            let to_the_end = first.start..events.len();
            to_clean = Vec::from([to_the_end]);
        }
    } else {
        for block in &mut to_clean {
            if let Some(inner) = within_a_paragraph(&events[block.clone()]) {
                *block = block.start + inner.start..block.start + inner.end;
            }
        }
    }
    let mut html = String::new();
    let mut events = events.into_iter();
    let mut written = 0;
    for range in to_clean {
        pulldown_cmark::html::push_html(&mut html, events.by_ref().take(range.start - written));
        let mut unsafe_html = String::new();
        pulldown_cmark::html::push_html(&mut unsafe_html, events.by_ref().take(range.len()));
        html.push_str(&SANITISER.clean(&unsafe_html).to_string());
        written = range.end;
    }
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// When `block` (a block to clean) is a paragraph, the part of it to clean: from its
/// first event not on `written_safe`'s list to its last, widened until every element it
/// starts or ends is whole in it. The paragraph's raw HTML closes each element it opens, in
/// the order opened (`safe_html` makes sure), so that part neither closes an element it did
/// not open nor leaves one open: a browser reads it in its paragraph as it reads the
/// paragraph cleaned whole. ammonia's cost is then paid on a few words rather than the
/// paragraph: 2 µs rather than 10 for one of 700 characters. `None` when the whole block
/// must be cleaned.
fn within_a_paragraph(block: &[Event<'_>]) -> Option<Range<usize>> {
    if !matches!(block.first(), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    let last = block.len() - 1;
    // Each start's end and each end's start.
    let mut partner = vec![usize::MAX; block.len()];
    let mut open = Vec::new();
    for (at, event) in block.iter().enumerate() {
        match event {
            Event::Start(tag) => {
                if !written_safe(event) && !matches!(tag, Tag::Link { .. } | Tag::Image { .. }) {
                    return None;
                }
                open.push(at);
            }
            Event::End(_) => {
                let start = open.pop()?;
                // The paragraph ends only at the block's end: one block, not several.
                if open.is_empty() != (at == last) {
                    return None;
                }
                (partner[start], partner[at]) = (at, start);
            }
            Event::InlineHtml(_) => {}
            event if !written_safe(event) => return None,
            _ => {}
        }
    }
    if !open.is_empty() {
        return None;
    }
    let first = block[1..last].iter().position(|e| !written_safe(e))? + 1;
    let after = block[1..last].iter().rposition(|e| !written_safe(e))? + 2;
    // Widened until no element is cut: each event is looked at once, so a paragraph of any
    // length takes time in proportion to its length.
    let (mut start, mut end) = (first, after);
    let (mut seen_from, mut seen_to) = (first, first);
    while seen_from > start || seen_to < end {
        let at = if seen_to < end {
            seen_to += 1;
            seen_to - 1
        } else {
            seen_from -= 1;
            seen_from
        };
        let other = partner[at];
        if other != usize::MAX {
            start = start.min(other);
            end = end.max(other + 1);
        }
    }
    Some(start..end)
}

/// The tags of raw HTML as `RawHtmlFilter` wrote them (`<name attributes>` and `</name>`,
/// with every other `<` and `>` escaped): whether each closes, and its name. Only how much
/// is cleaned rests on this reading; what is cleaned, ammonia reads.
fn tags(html: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = html;
    std::iter::from_fn(move || {
        let lt = rest.find('<')?;
        let length = rest[lt..].find('>')?;
        let tag = &rest[lt + 1..lt + length];
        rest = &rest[lt + length + 1..];
        let (closing, tag) = match tag.strip_prefix('/') {
            Some(tag) => (true, tag),
            None => (false, tag),
        };
        Some((closing, tag.split(' ').next().unwrap_or_default()))
    })
}

/// Follows the raw HTML's elements in `open`; false when a tag closes one other than the
/// last one opened.
fn tags_in_order<'e>(html: &'e str, open: &mut Vec<&'e str>) -> bool {
    tags(html).all(|(closing, name)| {
        if closing {
            open.pop() == Some(name)
        } else {
            if !raw_html::VOID_TAGS.contains(&name) {
                open.push(name);
            }
            true
        }
    })
}

/// Whether pulldown-cmark's writer makes only allowed, escaped HTML of this event: the
/// elements markdown makes with this module's options, with addresses ammonia would keep. Any
/// other event (raw HTML first of all) has its block cleaned by ammonia.
fn written_safe(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => match tag {
            Tag::Paragraph
            | Tag::BlockQuote(None)
            | Tag::CodeBlock(CodeBlockKind::Indented)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough => true,
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => info.is_empty(),
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                *level != HeadingLevel::H1 && id.is_none() && classes.is_empty() && attrs.is_empty()
            }
            Tag::Link {
                link_type: LinkType::Email,
                ..
            } => true,
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => kept_address(dest_url),
            _ => false,
        },
        // An element's end is written as its start was; a start not on the list has already
        // sent its block to be cleaned.
        Event::End(_) => true,
        Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak | Event::Rule => true,
        _ => false,
    }
}

/// An address ammonia keeps as it is: relative, a fragment, or a well-formed address with a
/// safe scheme.
fn kept_address(href: &str) -> bool {
    match address::classify(href) {
        Address::External(url) => url::Url::parse(&url).is_ok(),
        Address::Content { .. } | Address::Fragment(_) => true,
        Address::UnsafeScheme(_) | Address::NoScheme | Address::OnAComputer(_) => false,
    }
}

/// The allow-list, made once: it never changes, and making it for each text that needed
/// cleaning was 1.3% of a large build's time.
static SANITISER: std::sync::LazyLock<ammonia::Builder<'static>> =
    std::sync::LazyLock::new(sanitiser);

/// The allow-list ammonia cleans with: what markdown makes, plus the raw HTML allow-list.
fn sanitiser() -> ammonia::Builder<'static> {
    const MARKDOWN_TAGS: &[&str] = &[
        "p",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "code",
        "em",
        "strong",
        "del",
        "a",
        "img",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "hr",
        "br",
    ];
    let tags: HashSet<&str> = MARKDOWN_TAGS
        .iter()
        .chain(raw_html::ALLOWED_TAGS)
        .copied()
        .collect();
    let tag_attributes: HashMap<&str, HashSet<&str>> = [
        ("a", ["href"].into()),
        ("img", ["src", "alt"].into()),
        ("ol", ["start"].into()),
        ("th", ["style"].into()),
        ("td", ["style"].into()),
    ]
    .into();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(tags)
        .tag_attributes(tag_attributes)
        .generic_attributes(raw_html::ALLOWED_ATTRIBUTES.iter().copied().collect())
        .url_schemes(address::SAFE_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .filter_style_properties(["text-align"].into())
        .link_rel(None)
        .strip_comments(true);
    builder
}

#[cfg(test)]
mod tests {
    use super::super::{as_a_story, kept_events};
    use super::*;
    use pulldown_cmark::TagEnd;

    /// Pieces of markdown for `only_raw_html_is_parsed_again`: every element markdown makes,
    /// raw HTML allowed and not, across blocks and left open, and addresses of every kind.
    const PIECES: &[&str] = &[
        "Plain words with *emphasis*, **strength**, ~~struck~~ and `code`.",
        "\"Quotes\" and 'apostrophes' -- dashes... & < > \u{a0} ampersands &amp; &lt;",
        "A line that breaks  \nhere\\\nand here.",
        "Bore da, <span lang=\"cy\">bore da</span>.",
        "<details>\n<summary>More</summary>",
        "</details>",
        "<abbr title=\"a>b\">NHS</abbr>",
        "<span lang=\"cy\">left open",
        "</p></div></li></ul></main>",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">a</a>",
        "<!-- a comment -->",
        "<blockquote>\nraw quote",
        "[unsafe](javascript:alert(1)) [data](data:text/html,x) [no scheme](//evil.example)",
        "[web](https://example.org/a?b=1&c=\"2\" \"A title\") [bad web](https://exa mple.org)",
        "[mail](mailto:a@example.org) [phone](tel:+441234) <https://example.org> <a@example.org>",
        "[here](#part) [a file](media/a.jpg) [missing](stories/none.md)",
        "![A picture](media/a.jpg \"Its title\") ![](media/a.jpg \"decorative\")",
        "```rust\nfn main() {}\n```",
        "    indented code",
        "| a | b |\n|:--|--:|\n| 1 | <em>2</em> |",
        "# A top heading",
        "## A heading",
        "> A quotation\n> > nested",
        "> [!NOTE]\n> A note",
        "- one\n- two\n  - <b>three</b>",
        "3. three\n4. four",
        "***",
        "Text [^1]\n\n[^1]: A note",
        "- [ ] a task",
        "*a <span lang=\"cy\">b* c</span> d",
        "<span>*a</span>* b <q>quoted</q>",
        "a </em> *b* </span> c",
        "*a <span>b </em> <i>c</span> d*",
        "<b>bold <i>both</b> italic</i>",
        "[x](javascript:alert(1)) and <span>y</span> ![p](data:x) <sub>2</sub>",
        "<span lang=\"cy\">one\n\ntwo</span>",
        "text <details>inline</details> more <br> <abbr title=\"x\">y</abbr>",
        "words <p>a paragraph</p> in words",
        "**strong [link](https://example.org) <mark>marked</mark>** and `<code>` <code>raw</code>",
    ];

    /// The same fragment in a wider page: a fragment that closed an element it did not open,
    /// or left one open, reads differently there.
    fn in_a_page(html: &str) -> String {
        format!("<div>{html}<p>after</p></div><p>end</p>")
    }

    #[test]
    fn what_the_writer_is_not_trusted_with_is_cleaned() {
        let link = |dest: &'static str| {
            vec![
                Event::Start(Tag::Paragraph),
                Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: dest.into(),
                    title: "".into(),
                    id: "".into(),
                }),
                Event::Text("words".into()),
                Event::End(TagEnd::Link),
                Event::End(TagEnd::Paragraph),
            ]
        };
        assert_eq!(
            safe_html(link("javascript:alert(1)"), false),
            "<p><a>words</a></p>\n"
        );
        assert_eq!(
            safe_html(link("../stories/a.html#b"), false),
            "<p><a href=\"../stories/a.html#b\">words</a></p>\n"
        );
        let fenced = vec![
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced("rust".into()))),
            Event::Text("x".into()),
            Event::End(TagEnd::CodeBlock),
        ];
        assert_eq!(safe_html(fenced, false), "<pre><code>x</code></pre>\n");
        let raw = vec![
            Event::Start(Tag::Paragraph),
            Event::InlineHtml("<script>alert(1)</script><b onclick=x>".into()),
            Event::End(TagEnd::Paragraph),
            Event::Rule,
        ];
        // Left open, the <b> goes on to the end of the text, as a browser reads it; no further.
        assert_eq!(safe_html(raw, true), "<p><b></b></p><b>\n<hr>\n</b>");
    }

    /// HTML as a browser reads it, written back out, with nothing taken away.
    fn as_read(html: &str) -> String {
        let everything = [
            "a",
            "abbr",
            "b",
            "blockquote",
            "br",
            "cite",
            "code",
            "dd",
            "del",
            "details",
            "dfn",
            "div",
            "dl",
            "dt",
            "em",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "i",
            "img",
            "input",
            "ins",
            "kbd",
            "li",
            "mark",
            "ol",
            "p",
            "pre",
            "q",
            "s",
            "section",
            "small",
            "span",
            "strong",
            "sub",
            "summary",
            "sup",
            "table",
            "tbody",
            "td",
            "th",
            "thead",
            "tr",
            "u",
            "ul",
            "main",
            "sup",
            "section",
            "label",
        ];
        ammonia::Builder::empty()
            .tags(everything.into_iter().collect())
            .generic_attributes(
                [
                    "alt", "class", "href", "id", "src", "start", "style", "title", "lang", "dir",
                    "type", "checked", "disabled", "onerror",
                ]
                .into_iter()
                .collect(),
            )
            .url_schemes(
                [
                    "http",
                    "https",
                    "mailto",
                    "tel",
                    "javascript",
                    "data",
                    "vbscript",
                    "file",
                ]
                .into_iter()
                .collect(),
            )
            .url_relative(ammonia::UrlRelative::PassThrough)
            .filter_style_properties(["text-align"].into())
            .link_rel(None)
            .strip_comments(false)
            .clean(html)
            .to_string()
    }

    /// The three rules `only_raw_html_is_parsed_again` checks, for one text.
    fn reads_as_cleaned_whole(text: &str) -> Result<(), String> {
        // The text written the new way, and the whole of it cleaned the old way.
        let written = as_a_story(text, None, |markdown, target| {
            let kept = kept_events(markdown, target).ok()?;
            let mut whole = String::new();
            pulldown_cmark::html::push_html(&mut whole, kept.events.clone().into_iter());
            let html = safe_html(kept.events, kept.raw_left_open);
            Some((html, sanitiser().clean(&whole).to_string()))
        });
        let Some((html, cleaned_whole)) = written else {
            return Ok(());
        };
        let same = |what: &str, a: String, b: String| match a == b {
            true => Ok(()),
            false => Err(format!("{what}, for {text:?}:\n{a}\n{b}")),
        };
        // Nothing in it that the allow-list would take out...
        same(
            "removable",
            as_read(&html),
            sanitiser().clean(&html).to_string(),
        )?;
        // ...nothing that reaches outside it...
        same(
            "reaches out",
            as_read(&in_a_page(&html)),
            in_a_page(&as_read(&html)),
        )?;
        // ...and what a reader gets is what cleaning the whole text gave.
        same(
            "reads otherwise",
            sanitiser().clean(&html).to_string(),
            cleaned_whole,
        )
    }

    /// Texts the random ones found, each of which a rule of `safe_html` is there for.
    #[test]
    fn texts_that_once_read_otherwise_read_as_cleaned_whole() {
        // An element closed out of order: only its paragraph, whole, reads as it should.
        reads_as_cleaned_whole("*a <span>b </em> <i>c</span> d*").unwrap();
        // `<details>` ends the paragraph early, so the <span> stays open past its </span>.
        let text =
            "text <details>inline</details> more\n<span lang=\"cy\">one\n\ntwo</span>\n\nthree\n";
        reads_as_cleaned_whole(text).unwrap();
        reads_as_cleaned_whole("<script>alert(1)</script> <span lang=\"cy\">one\n\ntwo</span>\n\n<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\">a</a>\n\n").unwrap();
    }

    #[test]
    fn only_raw_html_is_parsed_again() {
        use proptest::prelude::*;
        let pieces = proptest::collection::vec(
            (
                0..PIECES.len(),
                prop_oneof![Just("\n\n"), Just("\n"), Just(" ")],
            ),
            1..8,
        );
        let mut runner =
            proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(400));
        runner
            .run(&pieces, |pieces| {
                let text: String = pieces
                    .iter()
                    .map(|(piece, gap)| format!("{}{gap}", PIECES[*piece]))
                    .collect();
                reads_as_cleaned_whole(&text)
                    .map_err(proptest::test_runner::TestCaseError::fail)?;
                Ok(())
            })
            .unwrap();
    }
}
