//! Raw HTML written inside markdown, reduced to a small allow-list, with every removal named.
//!
//! Written by hand because the removals must be *reported*, each at its line and column, and
//! pulldown-cmark hands inline HTML over one tag at a time (`<span lang="cy">`, text, `</span>`).
//! ammonia, which has no way to say what it removed, still cleans the whole page afterwards
//! with the same allow-list, so this filter only has to be right about what it reports.

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

/// Attributes allowed on any of those tags: language, direction, and an expansion for `abbr`.
pub const ALLOWED_ATTRIBUTES: &[&str] = &["lang", "dir", "title"];

/// Tags whose content is removed along with them: code, styles and embedded documents.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "title",
    "svg", "math", "select", "frameset", "noembed", "noframes", "xmp",
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
#[derive(Debug, Default)]
pub struct RawHtmlFilter {
    dropping: Option<String>,
}

impl RawHtmlFilter {
    pub fn is_dropping(&self) -> bool {
        self.dropping.is_some()
    }

    /// Returns the kept HTML and what was removed.
    pub fn filter(&mut self, fragment: &str) -> (String, Vec<Removal>) {
        let mut kept = String::new();
        let mut removals = Vec::new();
        let mut rest_start = 0;
        while rest_start < fragment.len() {
            let rest = &fragment[rest_start..];
            let Some(lt) = rest.find('<') else {
                if !self.is_dropping() {
                    kept.push_str(&escape_stray(rest));
                }
                break;
            };
            if !self.is_dropping() {
                kept.push_str(&escape_stray(&rest[..lt]));
            }
            let at = rest_start + lt;
            let (consumed, markup) = read_markup(&fragment[at..]);
            match markup {
                Markup::Comment => {
                    if !self.is_dropping() {
                        removals.push(removal(at, consumed, "an HTML comment".into()));
                    }
                }
                Markup::Declaration => {
                    if !self.is_dropping() {
                        removals.push(removal(at, consumed, "an HTML declaration".into()));
                    }
                }
                Markup::Close(name) => {
                    if self.dropping.as_deref() == Some(name.as_str()) {
                        self.dropping = None;
                    } else if !self.is_dropping() && ALLOWED_TAGS.contains(&name.as_str()) {
                        kept.push_str(&format!("</{name}>"));
                    }
                }
                Markup::Open(name, attributes) => {
                    if self.is_dropping() {
                        // Inside a dropped element everything goes, and the element was reported.
                    } else if ALLOWED_TAGS.contains(&name.as_str()) {
                        kept.push('<');
                        kept.push_str(&name);
                        for (attribute, value) in attributes {
                            if ALLOWED_ATTRIBUTES.contains(&attribute.as_str()) {
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
                    } else if DROPPED_WITH_CONTENT.contains(&name.as_str()) {
                        removals.push(removal(
                            at,
                            consumed,
                            format!("a <{name}> element and everything in it"),
                        ));
                        self.dropping = Some(name);
                    } else {
                        removals.push(removal(
                            at,
                            consumed,
                            format!("{} <{name}> tag", article(&name)),
                        ));
                    }
                }
                Markup::NotATag => {
                    if !self.is_dropping() {
                        kept.push_str("&lt;");
                    }
                }
            }
            rest_start = at + consumed.max(1);
        }
        (kept, removals)
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
        let (kept, removals) = RawHtmlFilter::default().filter(html);
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
    fn removes_scripts_with_their_content_across_fragments() {
        let mut f = RawHtmlFilter::default();
        let (kept, removed) = f.filter("<p>a</p><script>alert(1)");
        assert_eq!(kept, "<p>a</p>");
        assert_eq!(removed[0].what, "a <script> element and everything in it");
        assert!(f.is_dropping());
        let (kept, removed) = f.filter("more</script><em>b</em>");
        assert_eq!(kept, "<em>b</em>");
        assert!(removed.is_empty());
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
