//! The last step from markdown to HTML: the kept events written out, and cleaned by ammonia
//! where raw HTML went in.

use super::Event;
use crate::untrusted::address::{self, Address};
use crate::untrusted::raw_html;
use pulldown_cmark::{CodeBlockKind, HeadingLevel, LinkType, Tag};
use std::collections::{HashMap, HashSet};

/// The kept events as HTML: safe as written where it can be, cleaned where it cannot.
///
/// pulldown-cmark's writer escapes every text and attribute value it writes, and makes a fixed
/// set of elements from the events on `written_safe`'s list, whose addresses the pass checked.
/// Raw HTML is the way in for anything else. The pass already cut it to the allow-list
/// (`RawHtmlFilter`, which must say what it removes), and ammonia cleans it again with the same
/// list, so safety never rests on that filter's own reading of HTML. ammonia reads, as one
/// fragment, the top-level blocks from the first to the last that hold raw HTML (or any event
/// not on the list): an element opened in one block and closed in a later one (`<details>`
/// around paragraphs) stays whole. When raw HTML opens an element it never closes
/// (`raw_left_open`), the fragment goes on to the end of the text, as a browser would read on
/// inside that element; ammonia closes it there, so it never swallows the page after it. The
/// blocks outside the fragment are written as they are, not parsed again: in a story with one
/// `<span lang="cy">`, that is all but one paragraph.
pub(super) fn safe_html(events: Vec<Event<'_>>, raw_left_open: bool) -> String {
    // The events to clean: from the start of the first block that needs it (`first`) to the
    // end of the last (`end`).
    let mut first = None;
    let mut end = 0;
    let mut depth = 0usize;
    let mut block_start = 0;
    let mut block_needs_cleaning = false;
    for (at, event) in events.iter().enumerate() {
        if depth == 0 {
            block_start = at;
            block_needs_cleaning = false;
        }
        block_needs_cleaning |= !written_safe(event);
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && block_needs_cleaning {
            first.get_or_insert(block_start);
            end = at + 1;
        }
    }
    // A block left open (the pass keeps them balanced, but that is not this function's to
    // assume) is cleaned to the end, and so is all after an element raw HTML left open.
    if depth != 0 && block_needs_cleaning {
        first.get_or_insert(block_start);
        end = events.len();
    }
    if raw_left_open {
        end = events.len();
    }
    let to_clean = first.map(|start| start..end);
    let mut html = String::new();
    let mut events = events.into_iter();
    if let Some(range) = to_clean {
        pulldown_cmark::html::push_html(&mut html, events.by_ref().take(range.start));
        let mut unsafe_html = String::new();
        pulldown_cmark::html::push_html(&mut unsafe_html, events.by_ref().take(range.len()));
        html.push_str(&SANITISER.clean(&unsafe_html).to_string());
    }
    pulldown_cmark::html::push_html(&mut html, events);
    html
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
        Address::UnsafeScheme(_) | Address::NoScheme => false,
    }
}

/// The allow-list, made once: it never changes, and making it for each text that needed
/// cleaning was 1.3% of a large build's time.
static SANITISER: std::sync::LazyLock<ammonia::Builder<'static>> =
    std::sync::LazyLock::new(sanitiser);

/// The final allow-list over the whole HTML: what markdown makes, plus the raw HTML allow-list.
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
                // The text written the new way, and the whole of it cleaned the old way.
                let written = as_a_story(&text, None, |markdown, target| {
                    let kept = kept_events(markdown, target).ok()?;
                    let mut whole = String::new();
                    pulldown_cmark::html::push_html(&mut whole, kept.events.clone().into_iter());
                    let html = safe_html(kept.events, kept.raw_left_open);
                    Some((html, sanitiser().clean(&whole).to_string()))
                });
                let Some((html, cleaned_whole)) = written else {
                    return Ok(());
                };
                // Nothing in it that the allow-list would take out...
                prop_assert_eq!(as_read(&html), sanitiser().clean(&html).to_string());
                // ...nothing that reaches outside it...
                prop_assert_eq!(as_read(&in_a_page(&html)), in_a_page(&as_read(&html)));
                // ...and what a reader gets is what cleaning the whole text gave.
                prop_assert_eq!(sanitiser().clean(&html).to_string(), cleaned_whole);
                Ok(())
            })
            .unwrap();
    }
}
