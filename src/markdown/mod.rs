//! Markdown to safe HTML, as small passes over pulldown-cmark's events:
//! addresses are checked and made relative, images must have alt text, headings start at h2,
//! raw HTML is cut to an allow-list. ammonia then cleans again, with the same list, the part of
//! the result that raw HTML went into (`safe_html`). Every change is reported at its line and
//! column.

mod limits;
mod safe;

use crate::content::fields::At;
use crate::diagnostics::{Diagnostic, Location};
use crate::plan::nearest::{self, Meant};
use crate::plan::own_site::OwnPage;
use crate::plan::routes::{Resolved, Routes};
use crate::rules::{self, Rule};
use crate::source::{Place, SourceFile};
use crate::untrusted::address::{self, Address};
use crate::untrusted::raw_html::RawHtmlFilter;
use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use std::ops::Range;

/// Markdown text and where it came from, for the places in messages.
pub struct Markdown<'a> {
    pub text: &'a str,
    pub origin: Origin<'a>,
}

pub enum Origin<'a> {
    /// The body of a markdown file, starting at byte `base`.
    File { file: &'a SourceFile, base: usize },
    /// A setting's value (a TOML string, escapes decoded): a finding points at its own part of
    /// the value when the file holds the value as it is read (`words_start`), and otherwise at
    /// the whole value.
    Setting { file: &'a str, place: &'a Place },
}

impl Markdown<'_> {
    fn file_name(&self) -> &str {
        match &self.origin {
            Origin::File { file, .. } => &file.name,
            Origin::Setting { file, .. } => file,
        }
    }

    fn location(&self, range: Range<usize>) -> Location {
        match &self.origin {
            Origin::File { file, base } => file.location(base + range.start..base + range.end),
            Origin::Setting {
                place: Place::InFile(file, value),
                ..
            } => match words_start(file, value, self.text) {
                Some(start) => file.location(start + range.start..start + range.end),
                None => file.location(value.clone()),
            },
            Origin::Setting { place, .. } => place.location(),
        }
    }
}

/// Where a setting's words start in its file, when the file holds them byte for byte: a string
/// on one line between `"` or `'`, with no escapes (`\"`, `\n`) that the words read differently.
/// A finding in it then points at its own part of the line; in any other string, at the whole
/// value.
fn words_start(file: &SourceFile, value: &Range<usize>, words: &str) -> Option<usize> {
    let text = file.text_again().ok()?;
    let written = text.get(value.clone())?;
    let quote = written.chars().next().filter(|q| matches!(q, '"' | '\''))?;
    let inside = written.strip_prefix(quote)?.strip_suffix(quote)?;
    (inside == words && !inside.contains(['\n', '\r'])).then_some(value.start + 1)
}

/// Safe HTML, its words as plain text, and what had to change to make it so.
pub struct Rendered {
    pub html: String,
    pub text: String,
    pub problems: Vec<Diagnostic>,
}

/// The page the HTML goes on (for relative links, in its language) and where every file of
/// the report is published.
pub struct Target<'a> {
    pub page_path: &'a str,
    /// The page's language, an index into the plan's languages.
    pub language: usize,
    pub routes: &'a Routes,
    /// The page's title, which the page shows as its heading: a text that starts with the
    /// same words as a heading does not show them twice.
    pub title: Option<&'a str>,
    /// Whether its words are wanted as plain text too (`Rendered::text`): for a page that
    /// search reads, or a feed. Made for every page, they were 1% of a large build's CPU.
    pub plain_text: bool,
}

pub fn to_html(markdown: &Markdown<'_>, target: &Target<'_>) -> Rendered {
    match kept_events(markdown, target) {
        Ok(Kept {
            events,
            problems,
            raw_left_open,
        }) => Rendered {
            text: if target.plain_text {
                plain_text(&events)
            } else {
                String::new()
            },
            html: safe::safe_html(events, raw_left_open),
            problems,
        },
        Err(refused) => refused,
    }
}

/// What the open data publishes of markdown written in a setting or a spreadsheet's cell:
/// the text as written when the page shows all of it; otherwise only the words the page shows
/// (`Rendered::text`), when the passes had to change anything (raw HTML cut, an address or a
/// link to a story not published left out). So what a page leaves out is in no file.
pub fn published_words(text: &At<String>, routes: &Routes) -> String {
    let rendered = to_html(
        &Markdown {
            text: &text.value,
            origin: Origin::Setting {
                file: "",
                place: &text.place,
            },
        },
        &Target {
            page_path: "",
            language: crate::plan::languages::DEFAULT,
            routes,
            title: None,
            plain_text: true,
        },
    );
    if rendered.problems.is_empty() {
        text.value.clone()
    } else {
        rendered.text
    }
}

/// What the passes keep of a text.
struct Kept<'t> {
    events: Vec<Event<'t>>,
    /// What had to change.
    problems: Vec<Diagnostic>,
    /// Whether its raw HTML opens an element it never closes.
    raw_left_open: bool,
}

/// The events the passes keep, and what they changed; `Err` with the whole text refused when
/// it is nested too deeply to read safely.
fn kept_events<'t>(markdown: &Markdown<'t>, target: &Target<'_>) -> Result<Kept<'t>, Rendered> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    let mut events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(markdown.text, options)
        .into_offset_iter()
        .collect();
    if let Some(title) = target.title {
        drop_repeated_title(&mut events, title);
    }
    if let Some(refused) = limits::refuse_too_deep(markdown, &events) {
        return Err(refused);
    }
    let mut pass = Pass {
        markdown,
        target,
        problems: Vec::new(),
        out: Vec::with_capacity(events.len()),
        links_kept: Vec::new(),
        image: None,
        raw: RawHtmlFilter::new(markdown.text),
        demote_headings: events.iter().any(|(e, _)| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
        }),
        reported_heading: false,
    };
    for (event, range) in events {
        pass.event(event, range);
    }
    Ok(Kept {
        raw_left_open: pass.raw.leaves_open(),
        events: pass.out,
        problems: pass.problems,
    })
}

/// A text that starts with the page's title as a heading (a story pasted in whole) would show
/// the title twice: that first heading is left out.
fn drop_repeated_title(events: &mut Vec<(Event<'_>, Range<usize>)>, title: &str) {
    if !matches!(events.first(), Some((Event::Start(Tag::Heading { .. }), _))) {
        return;
    }
    let Some(end) = events
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
    else {
        return;
    };
    let words: String = events[..end]
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let same = |a: &str, b: &str| {
        let plain = |s: &str| {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        plain(a) == plain(b)
    };
    if same(&words, title) {
        events.drain(..=end);
    }
}

/// The words of the kept text, a block to a line.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(words) | Event::Code(words) => text.push_str(words),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                text.push('\n');
            }
            _ => {}
        }
    }
    text.trim_end().to_owned()
}

struct Pass<'m, 'e> {
    markdown: &'m Markdown<'m>,
    target: &'m Target<'m>,
    problems: Vec<Diagnostic>,
    out: Vec<Event<'e>>,
    /// For each open link, whether it was kept (links do not nest, but the stack costs nothing).
    links_kept: Vec<bool>,
    image: Option<Image<'e>>,
    raw: RawHtmlFilter<'m>,
    demote_headings: bool,
    reported_heading: bool,
}

struct Image<'e> {
    dest: CowStr<'e>,
    title: CowStr<'e>,
    range: Range<usize>,
    inner: Vec<Event<'e>>,
    alt: String,
}

impl<'e> Pass<'_, 'e> {
    fn event(&mut self, event: Event<'e>, range: Range<usize>) {
        if let Some(image) = &mut self.image {
            match event {
                Event::End(TagEnd::Image) => self.end_image(),
                other => {
                    if let Event::Text(text) | Event::Code(text) = &other {
                        image.alt.push_str(text);
                    }
                    image.inner.push(other);
                }
            }
            return;
        }
        match event {
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(&html, range),
            Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak
                if self.raw.is_dropping_at(range.start) => {}
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.start_link(link_type, dest_url, title, id, range),
            Event::End(TagEnd::Link) => {
                if self.links_kept.pop().unwrap_or(false) {
                    self.out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                self.image = Some(Image {
                    dest: dest_url,
                    title,
                    range,
                    inner: Vec::new(),
                    alt: String::new(),
                });
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let level = self.heading_level(level, range);
                self.out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            // A fenced block's language would be a class on the page, which the allow-list
            // has no place for.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                self.out
                    .push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(
                        "".into(),
                    ))))
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = if self.demote_headings {
                    lower(level)
                } else {
                    level
                };
                self.out.push(Event::End(TagEnd::Heading(level)));
            }
            other => self.out.push(other),
        }
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.problems.push(diagnostic);
    }

    fn warn(&mut self, rule: &'static Rule, range: Range<usize>, message: String, help: &str) {
        let location = self.markdown.location(range);
        let diagnostic = Diagnostic::warning(rule, self.markdown.file_name(), message)
            .at(location)
            .help(help);
        self.report(diagnostic);
    }

    fn raw_html(&mut self, html: &str, range: Range<usize>) {
        let (kept, removals) = self.raw.filter(html, range.start);
        for removal in removals {
            let start = range.start + removal.offset;
            self.warn(
                rules::HTML_REMOVED,
                start..start + removal.len,
                format!("Chorus took {} out of the text, because it is not allowed in a report.", removal.what),
                "Use markdown for links and pictures. The HTML tags a story may use are for meaning only, such as <abbr>, <em> and <span lang=\"cy\">. Delete the HTML to make this message go away.",
            );
        }
        if !kept.is_empty() {
            self.out.push(Event::InlineHtml(kept.into()));
        }
    }

    fn heading_level(&mut self, level: HeadingLevel, range: Range<usize>) -> HeadingLevel {
        if !self.demote_headings {
            return level;
        }
        if level == HeadingLevel::H1 && !self.reported_heading {
            self.reported_heading = true;
            self.warn(
                rules::HEADING_TOP_LEVEL,
                range.start..range.start + 1,
                "The text has a top-level heading (#). The page title is the only top-level heading, so Chorus made each heading one level smaller.".into(),
                "Start the headings in the text with ## instead of #.",
            );
        }
        lower(level)
    }

    fn start_link(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'e>,
        title: CowStr<'e>,
        id: CowStr<'e>,
        range: Range<usize>,
    ) {
        let dest = if link_type == LinkType::Email {
            Some(dest_url)
        } else {
            self.address(&dest_url, range, Use::Link).map(CowStr::from)
        };
        self.links_kept.push(dest.is_some());
        if let Some(dest_url) = dest {
            self.out.push(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }));
        }
    }

    fn end_image(&mut self) {
        let Some(image) = self.image.take() else {
            return;
        };
        let decorative = image.title.trim().eq_ignore_ascii_case("decorative");
        if image.alt.trim().is_empty() && !decorative {
            let location = self.markdown.location(image.range.clone());
            self.report(
                Diagnostic::error(rules::PICTURE_ALT_MISSING,
                    self.markdown.file_name(),
                    "This picture has no alt text, so people who can't see it would miss what it shows.",
                )
                .at(location)
                .help("Write what the picture shows between the square brackets: ![Two people planting seeds](media/garden.jpg). If it is only decoration, write ![](media/border.png \"decorative\")."),
            );
        }
        match self.address(&image.dest, image.range.clone(), Use::Image) {
            Some(dest) => {
                let (title, inner) = if decorative {
                    (CowStr::from(""), Vec::new())
                } else {
                    (image.title, image.inner)
                };
                self.out.push(Event::Start(Tag::Image {
                    link_type: LinkType::Inline,
                    dest_url: dest.into(),
                    title,
                    id: CowStr::from(""),
                }));
                self.out.extend(inner);
                self.out.push(Event::End(TagEnd::Image));
            }
            // The picture is gone, but what it showed stays as words.
            None => self.out.extend(image.inner),
        }
    }

    /// The address to write in the page, or `None` when the link or picture has to go.
    fn address(&mut self, raw: &str, range: Range<usize>, usage: Use) -> Option<String> {
        let noun = usage.noun();
        let own_page = |url: &str| self.target.routes.own_site().page(url);
        match address::classify(raw) {
            // The site's own page, written in full: checked and made relative as its file's
            // path would be.
            Address::External(url) if let Some((page, fragment)) = own_page(&url) => match page {
                OwnPage::File(path) => self.report_file(&path, fragment, range, usage, Some(&url)),
                OwnPage::Entry { slug, language } => {
                    self.entry_page(&slug, language, fragment, range, usage, &url)
                }
            },
            Address::External(url) if usage == Use::Image => {
                self.warn(
                    rules::PICTURE_FROM_OTHER_SITE,
                    range,
                    format!("Chorus took out a picture from another website ({url}): a report's pictures must be in its media folder, so the site makes no requests to other websites."),
                    "If you may use the picture, save it in content/media/ and write ![what it shows](media/its-name.jpg).",
                );
                None
            }
            Address::External(url) => Some(url),
            Address::UnsafeScheme(scheme) => {
                self.warn(
                    rules::LINK_UNSAFE_ADDRESS,
                    range,
                    format!("Chorus took out a {noun} to a \"{scheme}:\" address, because such addresses can run code or hide content."),
                    "Link only to web pages (https://…), email addresses (mailto:…), phone numbers (tel:…) or files of the report.",
                );
                None
            }
            Address::OnAComputer(place) => {
                let (what, example) = match usage {
                    Use::Image => (
                        "a picture from a file",
                        "![what it shows](media/its-name.jpg)",
                    ),
                    Use::Link => ("a link to a file", "[its words](media/its-name.pdf)"),
                };
                self.warn(
                    rules::LINK_TO_COMPUTER_FILE,
                    range,
                    format!("Chorus took out {what} on a computer or a shared drive ({place}): readers of the website can't open it."),
                    &format!("Copy the file into content/media/, with a name of small letters, digits and -, and write it from there: {example}."),
                );
                None
            }
            Address::NoScheme => {
                self.warn(
                    rules::LINK_NO_SCHEME,
                    range,
                    format!("Chorus took out a {noun} whose address starts with //, because it would not work when the site is opened from a folder."),
                    "Write the whole address, starting with https://.",
                );
                None
            }
            Address::Fragment(fragment) => Some(format!("#{fragment}")),
            Address::Content { path, fragment } => {
                self.report_file(&path, fragment, range, usage, None)
            }
        }
    }
}

impl Pass<'_, '_> {
    /// The address of a report file's page (or copy) from this page, or `None` when the link
    /// has to go: `path` from `content/`, written as it is or, `full_address`, as the full
    /// address of its page.
    fn report_file(
        &mut self,
        path: &str,
        fragment: Option<String>,
        range: Range<usize>,
        usage: Use,
        full_address: Option<&str>,
    ) -> Option<String> {
        let noun = usage.noun();
        let target = self.target;
        let what = match full_address {
            Some(address) => format!("{address}, the page of {path}"),
            None => path.to_owned(),
        };
        match target.routes.resolve(
            target.page_path,
            target.language,
            path,
            fragment.as_deref(),
        ) {
            Resolved::Href(href) => return Some(href),
            Resolved::Unreadable | Resolved::Skipped => {}
            Resolved::Unpublished { withdrawn: true } => {
                self.link_to_withdrawn_story(usage, range, &what);
            }
            Resolved::Unpublished { withdrawn: false } => self.warn(
                rules::LINK_TO_UNPUBLISHED,
                range,
                format!("This {noun} points to {what}, which is not published, so Chorus left the {noun} out."),
                "Once that story is published the link works. If it will not be, take the link out.",
            ),
            Resolved::Missing => self.link_to_missing_file(usage, range, path, full_address),
        }
        None
    }

    /// The address of an entry's page from this page, written as the full address `written`;
    /// `None` when there is no such entry.
    fn entry_page(
        &mut self,
        slug: &str,
        language: Option<String>,
        fragment: Option<String>,
        range: Range<usize>,
        usage: Use,
        written: &str,
    ) -> Option<String> {
        let (target, noun) = (self.target, usage.noun());
        let resolved = target.routes.resolve_entry(
            target.page_path,
            target.language,
            slug,
            language.as_deref(),
            fragment.as_deref(),
        );
        if let Resolved::Href(href) = resolved {
            return Some(href);
        }
        let help = match target.routes.nearest_entry(slug) {
            Some(id) => format!(
                "Did you mean the entry {id}? Its page's address ends in {}/{}.html.",
                crate::content::entries::FOLDER,
                id.to_lowercase()
            ),
            None => format!(
                "Check the entry's id: an entry's page is named by its id in small letters, such as {}/yswd-2025-004.html.",
                crate::content::entries::FOLDER
            ),
        };
        let location = self.markdown.location(range);
        self.report(
            Diagnostic::error(
                rules::LINK_TO_MISSING_FILE,
                self.markdown.file_name(),
                format!(
                    "This {noun} points to \"{written}\", which is not a page or file of this site."
                ),
            )
            .at(location)
            .help(help),
        );
        None
    }

    /// A link to a story whose consent was withdrawn, written as `what` (`stories/x.md`): an
    /// error, since its words may say whose story it was.
    fn link_to_withdrawn_story(&mut self, usage: Use, range: Range<usize>, what: &str) {
        let noun = usage.noun();
        let location = self.markdown.location(range);
        self.report(
            Diagnostic::error(rules::LINK_TO_WITHDRAWN_STORY,
                self.markdown.file_name(),
                format!("This {noun} points to {what}, a story whose storyteller has withdrawn their consent, so the site can't be published with this {noun} in it."),
            )
            .at(location)
            .help(nearest::withdrawn_story_help(noun)),
        );
    }

    /// A link to `path`, which is no file of the report (written as it is or, `full_address`,
    /// as the full address its page would have): told the file it most likely meant, in one
    /// step. When that is a story not published, it is said as a link to it is.
    fn link_to_missing_file(
        &mut self,
        usage: Use,
        range: Range<usize>,
        path: &str,
        full_address: Option<&str>,
    ) {
        let noun = usage.noun();
        let written = full_address.unwrap_or(path);
        match self.target.routes.meant(path) {
            Meant::LeftOutStory {
                path: story,
                withdrawn: true,
            } => {
                self.link_to_withdrawn_story(usage, range, &format!("\"{written}\", most likely meaning {story}"));
            }
            Meant::LeftOutStory {
                path: story,
                withdrawn: false,
            } => self.warn(
                rules::LINK_TO_UNPUBLISHED,
                range,
                format!("This {noun} points to \"{written}\", most likely meaning {story}, which is not published, so Chorus left the {noun} out."),
                &nearest::left_out_story_help(noun, story),
            ),
            meant => {
                let location = self.markdown.location(range);
                let not_there = match full_address {
                    Some(_) => "which is not a page or file of this site",
                    None => "which is not a file in the report",
                };
                self.report(
                    Diagnostic::error(rules::LINK_TO_MISSING_FILE,
                        self.markdown.file_name(),
                        format!("This {noun} points to \"{written}\", {not_there}."),
                    )
                    .at(location)
                    .help(nearest::missing_file_help(path, meant.file())),
                );
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Link,
    Image,
}

impl Use {
    fn noun(self) -> &'static str {
        match self {
            Use::Link => "link",
            Use::Image => "picture",
        }
    }
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// For tests: `text` as the body of `stories/t.md`, for its page `stories/t.html` (titled
/// `title`) in a report whose one published file is `media/a.jpg`.
#[cfg(test)]
fn as_a_story<R>(
    text: &str,
    title: Option<&str>,
    make: impl FnOnce(&Markdown<'_>, &Target<'_>) -> R,
) -> R {
    let file = SourceFile::new("content/stories/t.md", text);
    let content = crate::content::Content::default();
    let languages = crate::plan::languages::Languages::of(&content.site);
    let published = crate::plan::published::Published::default();
    let routes = Routes::new(&content, &languages, &published).with_media(["media/a.jpg"]);
    let markdown = Markdown {
        text: &file.text(),
        origin: Origin::File {
            file: &file,
            base: 0,
        },
    };
    let target = Target {
        page_path: "stories/t.html",
        language: 0,
        routes: &routes,
        title,
        plain_text: true,
    };
    make(&markdown, &target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> (String, Vec<String>) {
        let rendered = as_a_story(text, Some("The title"), to_html);
        let messages = rendered
            .problems
            .iter()
            .map(|p| {
                format!(
                    "{}:{} {}",
                    p.location.as_ref().unwrap().line,
                    p.location.as_ref().unwrap().column,
                    p.message
                )
            })
            .collect();
        (rendered.html, messages)
    }

    #[test]
    fn javascript_links_lose_their_address_but_keep_their_words() {
        let (html, messages) = render("Click [here](javascript:alert(1)) now");
        assert_eq!(html, "<p>Click here now</p>\n");
        assert_eq!(messages.len(), 1);
        assert!(messages[0].starts_with("1:7 Chorus took out a link to a \"javascript:\" address"));
    }

    #[test]
    fn content_paths_become_relative_links() {
        let (html, messages) = render("![A garden](media/a.jpg)");
        assert_eq!(
            html,
            "<p><img src=\"../media/a.jpg\" alt=\"A garden\" /></p>\n"
        );
        assert!(messages.is_empty());
    }

    #[test]
    fn a_picture_without_alt_text_is_an_error_unless_decorative() {
        let (_, messages) = render("![](media/a.jpg)\n\n![](media/a.jpg \"decorative\")");
        assert_eq!(
            messages,
            [
                "1:1 This picture has no alt text, so people who can't see it would miss what it shows."
            ]
        );
    }

    #[test]
    fn headings_start_below_the_page_title() {
        let (html, messages) = render("# Big\n\n## Small");
        assert_eq!(html, "<h2>Big</h2>\n<h3>Small</h3>\n");
        assert_eq!(messages.len(), 1);
    }

    #[test]
    fn a_text_that_starts_with_its_own_title_shows_it_once() {
        let (html, messages) = render("# The Title\n\nText.\n\n## More");
        assert_eq!(html, "<p>Text.</p>\n<h2>More</h2>\n");
        assert!(messages.is_empty(), "{messages:?}");
        let (html, _) = render("## Another heading\n\nText.");
        assert!(html.starts_with("<h2>Another heading</h2>"));
    }

    #[test]
    fn inline_script_and_its_words_are_removed() {
        let (html, messages) = render("Hello <script>alert(1)</script> <b onclick=x>there</b>");
        assert_eq!(html, "<p>Hello  <b>there</b></p>\n");
        assert_eq!(messages.len(), 2);
    }
}
