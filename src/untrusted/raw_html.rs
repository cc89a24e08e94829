//! Raw HTML written inside markdown, reduced to a small allow-list, with every removal named.
//!
//! Written by hand because the removals must be *reported*, each at its line and column, and
//! pulldown-cmark hands inline HTML over one tag at a time (`<span lang="cy">`, text, `</span>`).
//! ammonia, which has no way to say what it removed, cleans the HTML this filter keeps again
//! afterwards, with the same allow-list, so this filter only has to be right about what it
//! reports (see `markdown::safe_html`).

use crate::diagnostics::thousands;
use std::collections::HashMap;

/// Tags a story may use in raw HTML: text-level meaning and simple structure, no links or media
/// (markdown's own syntax for those is checked for safe addresses and alt text).
pub const ALLOWED_TAGS: &[&str] = &[
    "abbr",
    "b",
    "br",
    "cite",
    "code",
    "del",
    "dfn",
    "em",
    "i",
    "ins",
    "kbd",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "u",
    "p",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
    "hr",
];

/// The allowed tags that never have content or a closing tag.
pub const VOID_TAGS: &[&str] = &["br", "hr"];

/// Attributes allowed on any of those tags: language, direction, and an expansion for `abbr`.
pub const ALLOWED_ATTRIBUTES: &[&str] = &["lang", "dir", "title"];

/// Tags whose content is removed along with them: code, styles and embedded documents. None is
/// a void element (such as `<embed>`), which has no content: that is removed as a tag alone.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "template", "noscript", "textarea", "title", "svg",
    "math", "select", "frameset", "noembed", "noframes", "xmp",
];

/// What was taken out, and where in the fragment.
#[derive(Debug, Clone, PartialEq)]
pub struct Removal {
    pub offset: usize,
    pub len: usize,
    pub what: String,
}

/// Filters fragments of raw HTML in document order, remembering across fragments when it is
/// inside an element whose content is dropped.
///
/// Such an element's content goes only up to its closing tag: an element never closed loses
/// only its tag, never the rest of the story. pulldown-cmark hands the fragments over one at a
/// time, so whether an element is closed later is known from the whole markdown text, where
/// every closing tag of those elements is found once, before the first fragment.
#[derive(Debug)]
pub struct RawHtmlFilter<'t> {
    /// The whole markdown text the fragments are part of.
    text: &'t str,
    /// Where each closing tag of an element dropped with its content starts, in order, by name.
    closing_tags: HashMap<&'static str, Vec<usize>>,
    dropping: Option<Dropping>,
    /// Each kept element still open after the fragments so far, by name, with how many.
    open: HashMap<String, usize>,
}

#[derive(Debug)]
struct Dropping {
    name: String,
    /// Where its closing tag starts in the markdown text: all before it goes.
    until: usize,
}

impl<'t> RawHtmlFilter<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut closing_tags: HashMap<&'static str, Vec<usize>> = HashMap::new();
        // `<` is found with memchr, then `/` looked at: `match_indices("</")` sets up a
        // two-byte searcher, a cost paid for every text of the report.
        let closings = (text.match_indices('<').map(|(at, _)| at))
            .filter(|&at| text.as_bytes().get(at + 1) == Some(&b'/'));
        for at in closings {
            let name = &text[at + 2..];
            let len = name
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(name.len());
            if let Some(known) = DROPPED_WITH_CONTENT
                .iter()
                .find(|known| known.eq_ignore_ascii_case(&name[..len]))
            {
                closing_tags.entry(known).or_default().push(at);
            }
        }
        RawHtmlFilter {
            text,
            closing_tags,
            dropping: None,
            open: HashMap::new(),
        }
    }

    /// Whether an element the kept HTML opened has not been closed in it (so far): a browser
    /// would go on reading what follows inside it.
    pub fn leaves_open(&self) -> bool {
        self.open.values().any(|&open| open > 0)
    }

    /// Whether the markdown at byte `offset` of the text is inside an element being dropped.
    pub fn is_dropping_at(&self, offset: usize) -> bool {
        self.dropping.as_ref().is_some_and(|d| offset < d.until)
    }

    /// Returns the kept HTML and what was removed. `base` is where the fragment starts in the
    /// markdown text.
    pub fn filter(&mut self, fragment: &str, base: usize) -> (String, Vec<Removal>) {
        let mut kept = String::new();
        let mut removals = Vec::new();
        let mut rest_start = 0;
        while rest_start < fragment.len() {
            let rest = &fragment[rest_start..];
            let dropping = self.is_dropping_at(base + rest_start);
            let Some(lt) = rest.find('<') else {
                if !dropping {
                    kept.push_str(&escape_stray(rest));
                }
                break;
            };
            if !dropping {
                kept.push_str(&escape_stray(&rest[..lt]));
            }
            let at = rest_start + lt;
            if !self.is_dropping_at(base + at) {
                self.dropping = None;
            }
            let (consumed, markup) = read_markup(&fragment[at..]);
            let dropping = self.dropping.is_some();
            match markup {
                Markup::Comment => {
                    if !dropping {
                        removals.push(removal(at, consumed, "an HTML comment".into()));
                    }
                }
                Markup::Declaration => {
                    if !dropping {
                        removals.push(removal(at, consumed, "an HTML declaration".into()));
                    }
                }
                Markup::Close(name) => {
                    if self.dropping.as_ref().is_some_and(|d| d.name == name) {
                        self.dropping = None;
                    } else if !dropping && ALLOWED_TAGS.contains(&name.as_str()) {
                        if let Some(open) = self.open.get_mut(&name) {
                            *open = open.saturating_sub(1);
                        }
                        kept.push_str(&format!("</{name}>"));
                    }
                }
                Markup::Open(name, attributes) => {
                    if dropping {
                        // Inside a dropped element everything goes, and the element was reported.
                    } else if ALLOWED_TAGS.contains(&name.as_str()) {
                        kept.push('<');
                        kept.push_str(&name);
                        for (attribute, value) in attributes {
                            if ALLOWED_ATTRIBUTES.contains(&attribute.as_str()) {
                                // Written as the browser will read it: "Caf&eacute;" is "Café".
                                let value = html_escape::decode_html_entities(&value);
                                kept.push_str(&format!(
                                    " {attribute}=\"{}\"",
                                    escape_attribute(&value)
                                ));
                            } else {
                                let what = format!("the {attribute} attribute of <{name}>");
                                removals.push(removal(at, consumed, what));
                            }
                        }
                        kept.push('>');
                        if !VOID_TAGS.contains(&name.as_str()) {
                            *self.open.entry(name.clone()).or_default() += 1;
                        }
                    } else {
                        let tag = &fragment[at..at + consumed];
                        let what = match self.content_until(&name, tag, base + at + consumed) {
                            Some(until) => {
                                let content = self.text.get(base + at + consumed..until);
                                let words = content.map_or(0, |c| c.split_whitespace().count());
                                self.dropping = Some(Dropping {
                                    name: name.clone(),
                                    until,
                                });
                                element_and_words(&name, words)
                            }
                            None => format!("{} <{name}> tag", article(&name)),
                        };
                        removals.push(removal(at, consumed, what));
                    }
                }
                Markup::NotATag => {
                    if !dropping {
                        kept.push_str("&lt;");
                    }
                }
            }
            rest_start = at + consumed.max(1);
        }
        (kept, removals)
    }

    /// For an element whose content is dropped with it, where in the text its content ends:
    /// at its closing tag. `None` for any other element, and for one never closed or closed
    /// as it opens (`<svg/>`).
    fn content_until(&self, name: &str, tag: &str, content_start: usize) -> Option<usize> {
        if tag.ends_with("/>") && (name == "svg" || name == "math") {
            return None;
        }
        let closings = self.closing_tags.get(name)?;
        let next = closings.partition_point(|&at| at < content_start);
        closings.get(next).copied()
    }
}

/// "a <script> element and the 214 words in it": what went, in words an editor can check.
fn element_and_words(name: &str, words: usize) -> String {
    match words {
        0 => format!("an empty <{name}> element"),
        1 => format!("{} <{name}> element and the one word in it", article(name)),
        n => format!(
            "{} <{name}> element and the {} words in it",
            article(name),
            thousands(n)
        ),
    }
}

/// "a" or "an", as the tag's name is said aloud: an <img>, an <iframe>, a <script>.
fn article(name: &str) -> &'static str {
    if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn removal(offset: usize, len: usize, what: String) -> Removal {
    Removal { offset, len, what }
}

enum Markup {
    Open(String, Vec<(String, String)>),
    Close(String),
    Comment,
    Declaration,
    NotATag,
}

/// The element's tag that `text` starts with (`<b>`, `</em>`, `<a href="…">`), read as
/// `RawHtmlFilter` reads one: how many bytes it spans, and the element's name, lower-cased.
/// `None` when the `<` starts no tag (`<18s`, `a < b`), a comment or a declaration, or when the
/// tag is not closed with `>`.
pub fn tag_at(text: &str) -> Option<(usize, String)> {
    match read_markup(text) {
        (length, Markup::Open(name, _) | Markup::Close(name)) if text[..length].ends_with('>') => {
            Some((length, name))
        }
        _ => None,
    }
}

/// Reads one piece of markup starting at `<`; returns how many bytes it spans.
fn read_markup(text: &str) -> (usize, Markup) {
    if let Some(body) = text.strip_prefix("<!--") {
        let end = body.find("-->").map_or(text.len(), |i| 4 + i + 3);
        return (end, Markup::Comment);
    }
    if text.starts_with("<!") || text.starts_with("<?") {
        let end = text.find('>').map_or(text.len(), |i| i + 1);
        return (end, Markup::Declaration);
    }
    let closing = text.starts_with("</");
    let name_start = if closing { 2 } else { 1 };
    let name_len = text[name_start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(text.len() - name_start);
    if name_len == 0 || !text[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return (1, Markup::NotATag);
    }
    let name = text[name_start..name_start + name_len].to_ascii_lowercase();
    let (attributes, end) = read_attributes(text, name_start + name_len);
    if closing {
        (end, Markup::Close(name))
    } else {
        (end, Markup::Open(name, attributes))
    }
}

/// Reads `name="value"` pairs up to the closing `>`, as a browser would (quotes may hold `>`).
fn read_attributes(text: &str, mut at: usize) -> (Vec<(String, String)>, usize) {
    let bytes = text.as_bytes();
    let mut attributes = Vec::new();
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() {
            return (attributes, text.len());
        }
        if bytes[at] == b'>' {
            return (attributes, at + 1);
        }
        let name_start = at;
        while at < bytes.len()
            && !matches!(bytes[at], b'=' | b'>' | b'/')
            && !bytes[at].is_ascii_whitespace()
        {
            at += 1;
        }
        let name = text[name_start..at].to_ascii_lowercase();
        let mut value = String::new();
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at < bytes.len() && bytes[at] == b'=' {
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            if at < bytes.len() && (bytes[at] == b'"' || bytes[at] == b'\'') {
                let quote = bytes[at];
                let value_start = at + 1;
                let value_end = text[value_start..]
                    .find(quote as char)
                    .map_or(text.len(), |i| value_start + i);
                value = text[value_start..value_end].to_owned();
                at = (value_end + 1).min(text.len());
            } else {
                let value_start = at;
                while at < bytes.len() && bytes[at] != b'>' && !bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                value = text[value_start..at].to_owned();
            }
        }
        if !name.is_empty() {
            attributes.push((name, value));
        }
    }
}

fn escape_stray(text: &str) -> String {
    text.replace('<', "&lt;").replace('>', "&gt;")
}

fn escape_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The addresses in a piece of raw HTML that a browser would fetch or follow (`src`,
/// `srcset`, `href` and the like), with character references decoded as a browser decodes
/// them. The filter removes such tags, but what they name must still follow consent.
pub fn addresses(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(lt) = html[at..].find('<') {
        let start = at + lt;
        let (consumed, markup) = read_markup(&html[start..]);
        if let Markup::Open(_, attributes) = markup {
            for (name, value) in attributes {
                let value = html_escape::decode_html_entities(&value).into_owned();
                match name.as_str() {
                    "src" | "href" | "poster" | "data" | "background" | "action" | "formaction"
                    | "cite" | "xlink:href" => found.push(value),
                    "srcset" | "imagesrcset" => found.extend(
                        value
                            .split(',')
                            .filter_map(|candidate| candidate.split_whitespace().next())
                            .map(str::to_owned),
                    ),
                    _ => {}
                }
            }
        }
        at = start + consumed.max(1);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(html: &str) -> (String, Vec<String>) {
        let (kept, removals) = RawHtmlFilter::new(html).filter(html, 0);
        (kept, removals.into_iter().map(|r| r.what).collect())
    }

    #[test]
    fn keeps_allowed_tags_and_attributes() {
        let (kept, removed) = filter(r#"<span lang="cy">Bore da</span>"#);
        assert_eq!(kept, r#"<span lang="cy">Bore da</span>"#);
        assert!(removed.is_empty());
    }

    #[test]
    fn removes_event_handlers_and_names_them() {
        let (kept, removed) = filter(r#"<span onclick="steal()" lang=en>Hi</span>"#);
        assert_eq!(kept, r#"<span lang="en">Hi</span>"#);
        assert_eq!(removed, ["the onclick attribute of <span>"]);
    }

    #[test]
    fn removes_scripts_with_their_content_across_fragments_and_counts_the_words() {
        let text = "<p>a</p><script>alert(1) and more</script><em>b</em>";
        let mut f = RawHtmlFilter::new(text);
        let (kept, removed) = f.filter(&text[..24], 0);
        assert_eq!(kept, "<p>a</p>");
        assert_eq!(removed[0].what, "a <script> element and the 3 words in it");
        assert!(f.is_dropping_at(24));
        let (kept, removed) = f.filter(&text[24..], 24);
        assert_eq!(kept, "<em>b</em>");
        assert!(removed.is_empty());
        assert!(!f.is_dropping_at(text.len()));
    }

    #[test]
    fn an_element_never_closed_loses_only_its_tag() {
        for tag in ["<iframe src=x>", "<svg>", "<math>", "<script>", "<svg/>"] {
            let (kept, removed) = filter(&format!("{tag}The rest of the story."));
            assert_eq!(kept, "The rest of the story.");
            assert_eq!(removed.len(), 1);
            assert!(removed[0].ends_with(" tag"), "{}", removed[0]);
        }
    }

    #[test]
    fn a_void_element_loses_only_its_tag() {
        const VOID: &[&str] = &[
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
            "source", "track", "wbr",
        ];
        assert!(VOID.iter().all(|v| !DROPPED_WITH_CONTENT.contains(v)));
        let (kept, removed) = filter("<embed src=x>The rest of the story.</embed>");
        assert_eq!(kept, "The rest of the story.");
        assert_eq!(removed, ["an <embed> tag"]);
    }

    #[test]
    fn an_empty_element_and_one_word_are_said_plainly() {
        let (_, removed) = filter("<iframe src=x></iframe><style>p</style>");
        assert_eq!(
            removed,
            [
                "an empty <iframe> element",
                "a <style> element and the one word in it"
            ]
        );
    }

    #[test]
    fn a_closing_tag_outside_html_still_ends_the_dropped_content() {
        // The closing tag is inside a code span, so no fragment holds it; the text after it stays.
        let text = "<script>x `</script>` after";
        let mut f = RawHtmlFilter::new(text);
        f.filter("<script>", 0);
        assert!(f.is_dropping_at(9));
        assert!(!f.is_dropping_at(text.find("after").unwrap()));
    }

    #[test]
    fn attribute_values_are_decoded_before_they_are_escaped() {
        let (kept, _) = filter(r#"<abbr title="Caf&eacute; &amp; &quot;bar&quot;">C</abbr>"#);
        assert_eq!(kept, r#"<abbr title="Café &amp; &quot;bar&quot;">C</abbr>"#);
    }

    #[test]
    fn a_quoted_angle_bracket_does_not_end_the_tag() {
        let (kept, removed) = filter(r#"<img src=x alt="a>b" onerror="x()">ok"#);
        assert_eq!(kept, "ok");
        assert_eq!(removed, ["an <img> tag"]);
    }

    #[test]
    fn comments_and_unknown_tags_are_reported() {
        let (kept, removed) = filter("<!-- secret --><marquee>hi</marquee>");
        assert_eq!(kept, "hi");
        assert_eq!(removed, ["an HTML comment", "a <marquee> tag"]);
    }
}
