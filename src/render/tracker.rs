//! "You said, we did": the tracker, one page per status and per framework theme (filters that
//! need no JavaScript), and one page per entry with its history.

use super::Job;
use super::frame::{Around, Frame, Heading, Link, PageFrame};
use super::stories::card;
use crate::content::entries::entry::{Entry, Status};
use crate::plan::routes::Target;
use serde::Serialize;
use tera::{Context, TeraResult};

/// A status in words, with its id for the shape the theme draws beside them.
#[derive(Debug, Serialize)]
pub struct StatusView {
    pub id: &'static str,
    pub label: String,
}

/// An entry as lists show it.
#[derive(Debug, Serialize)]
pub struct EntryCard {
    pub id: String,
    pub title: String,
    pub href: String,
    pub status: StatusView,
    /// What people said, as safe HTML.
    pub you_said: String,
    pub said_by: String,
    pub said_date: String,
    pub said_date_iso: String,
    /// Only where set: an unset progress is never drawn.
    pub progress: Option<u8>,
}

#[derive(Serialize)]
struct StatusCount {
    status: StatusView,
    count: usize,
    /// The status's own page, when it has entries.
    href: Option<String>,
}

/// `tracker.html`: every entry, or those of one status or theme.
#[derive(Serialize)]
struct TrackerPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    /// The number of entries of each status; on the whole tracker only.
    counts: Vec<StatusCount>,
    total: usize,
    /// The filters: a link to each status and theme page, the current one marked.
    status_links: Vec<Link>,
    theme_links: Vec<Link>,
    /// The theme names' language when it is not the page's (the frameworks' names are English).
    /// On a theme's page, the theme's name, which the heading marks in the frameworks'
    /// language (`themes_lang`) after the tracker's own words.
    theme_name: Option<String>,
    /// On a theme's page, the lead sentence's words before and after the theme's name, so
    /// that the template can mark the name as it does in the heading.
    theme_lead: Option<Around>,
    themes_lang: Option<&'static str>,
    entries: Vec<EntryCard>,
    /// The entries' language, when it is not the page's (entries are not translated).
    entries_lang: Option<&'a str>,
    /// The link back to the whole tracker, on a filtered page.
    all_href: Option<String>,
    /// The open data files.
    csv_href: String,
    json_href: String,
}

#[derive(Serialize)]
struct TimelineItem {
    date: String,
    date_iso: String,
    status: Option<StatusView>,
    /// The theme's words for the first event (people told us), when it has no note.
    event: Option<String>,
    /// Those words before and after the forum's name, so that the template can mark the name
    /// in the entries' language.
    said_at: Option<Around>,
    note: Option<String>,
}

#[derive(Serialize)]
struct StatementView {
    id: String,
    /// Its short name, or where its framework gives none, its theme's name.
    name: Option<String>,
    /// Its page in the evidence map.
    href: String,
}

/// `entry.html`: one entry, with its history and what it is linked to.
#[derive(Serialize)]
struct EntryPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    entry: EntryCard,
    entries_lang: Option<&'a str>,
    forum: String,
    owner: String,
    we_did: Option<String>,
    reason: Option<String>,
    alternative: Option<String>,
    target_date: Option<String>,
    target_date_iso: Option<String>,
    completed_date: Option<String>,
    completed_date_iso: Option<String>,
    timeline: Vec<TimelineItem>,
    stories: Vec<tera::Value>,
    theme_links: Vec<Link>,
    themes_lang: Option<&'static str>,
    statements: Vec<StatementView>,
    level: Option<String>,
    tracker_href: String,
}

/// Which entries a tracker page lists.
pub enum Filter<'a> {
    All,
    Status(Status),
    Theme(&'a str),
}

pub fn status_view(frame: &PageFrame<'_>, status: Status) -> StatusView {
    StatusView {
        id: status.id(),
        label: frame.word(&format!("status_{}", status.id())),
    }
}

pub fn entry_card(job: &mut Job<'_>, entry: &Entry) -> EntryCard {
    let you_said = job.setting(&entry.file, &entry.you_said);
    let frame = &job.frame;
    EntryCard {
        id: entry.id.value.clone(),
        title: entry.title.value.clone(),
        href: frame.href(Target::Entry(&entry.slug)),
        status: status_view(frame, entry.status.value),
        you_said,
        said_by: entry.said_by.clone(),
        said_date: frame.date(entry.said_date),
        said_date_iso: entry.said_date.to_string(),
        progress: entry.progress,
    }
}

pub fn tracker(job: &mut Job<'_>, filter: &Filter<'_>) -> TeraResult<Context> {
    let plan = job.frame.site.plan;
    let tracker = &plan.tracker;
    let entries: Vec<&Entry> = tracker
        .entries
        .iter()
        .copied()
        .filter(|e| match filter {
            Filter::All => true,
            Filter::Status(status) => e.status.value == *status,
            Filter::Theme(theme) => e.themes.iter().any(|t| t.value == *theme),
        })
        .collect();
    let cards: Vec<EntryCard> = entries.iter().map(|e| entry_card(job, e)).collect();
    let frame = &job.frame;
    let link = |label: String, target: Target<'_>| Link {
        current: frame.path(target) == frame.page.path,
        href: frame.href(target),
        label,
        lang: None,
    };
    let counts = match filter {
        Filter::All => crate::content::entries::entry::STATUSES
            .iter()
            .map(|(_, status)| {
                let count = tracker.count(*status);
                StatusCount {
                    status: status_view(frame, *status),
                    count,
                    href: (count > 0).then(|| frame.href(Target::EntryStatus(*status))),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let status_links = tracker
        .statuses
        .iter()
        .map(|s| link(status_view(frame, *s).label, Target::EntryStatus(*s)))
        .collect();
    let theme_links = tracker
        .themes
        .iter()
        .map(|t| link(frame.theme_name(t), Target::EntryTheme(t)))
        .collect();
    let title_word = frame.word("tracker_title");
    let (title, description) = match filter {
        Filter::All => (title_word, frame.word("tracker_description")),
        Filter::Status(status) => {
            let label = status_view(frame, *status).label;
            (
                format!("{title_word}: {}", label.to_lowercase()),
                frame
                    .word("tracker_status_description")
                    .replace("{status}", &label.to_lowercase()),
            )
        }
        Filter::Theme(theme) => {
            let name = frame.theme_name(theme);
            (
                format!("{title_word}: {name}"),
                frame
                    .word("tracker_theme_description")
                    .replace("{theme}", &name),
            )
        }
    };
    let trail = match filter {
        Filter::All => vec![Target::Home],
        _ => vec![Target::Home, Target::Tracker],
    };
    let page = TrackerPage {
        frame: frame.frame(Heading {
            title,
            description,
            trail,
        }),
        counts,
        total: entries.len(),
        status_links,
        theme_links,
        themes_lang: frame.frameworks_lang(),
        theme_name: match filter {
            Filter::Theme(theme) => Some(frame.theme_name(theme)),
            _ => None,
        },
        theme_lead: match filter {
            Filter::Theme(_) => frame.around("tracker_theme_description", "{theme}"),
            _ => None,
        },
        entries: cards,
        entries_lang: frame.report_lang(),
        all_href: (!matches!(filter, Filter::All)).then(|| frame.href(Target::Tracker)),
        csv_href: frame.href_to(crate::render::data::ENTRIES_CSV),
        json_href: frame.href_to(crate::render::data::ENTRIES_JSON),
    };
    job.add_text(&page.frame.title);
    job.context(&page)
}

pub fn entry(job: &mut Job<'_>, slug: &str) -> TeraResult<Context> {
    let plan = job.frame.site.plan;
    let Some(entry) = plan.tracker.entry(slug) else {
        return Err(tera::Error::message(format!("no entry {slug}")));
    };
    let summary = entry_card(job, entry);
    job.add_text(&summary.title);
    let markdown = |job: &mut Job<'_>, text: &Option<crate::content::fields::At<String>>| {
        text.as_ref().map(|t| job.setting(&entry.file, t))
    };
    let we_did = markdown(job, &entry.we_did);
    let reason = markdown(job, &entry.reason);
    let alternative = markdown(job, &entry.alternative);
    let notes: Vec<Option<String>> = entry
        .updates
        .iter()
        .map(|u| markdown(job, &u.note))
        .collect();
    let stories = plan
        .tracker
        .stories_of(&entry.slug)
        .iter()
        .map(|s| card(job, s))
        .collect();
    let frame = &job.frame;
    let mut timeline = vec![TimelineItem {
        date: frame.date(entry.said_date),
        date_iso: entry.said_date.to_string(),
        status: None,
        event: Some(
            frame
                .word("entry_said_event")
                .replace("{forum}", &entry.forum),
        ),
        said_at: frame.around("entry_said_event", "{forum}"),
        note: None,
    }];
    timeline.extend(
        entry
            .updates
            .iter()
            .zip(notes)
            .map(|(update, note)| TimelineItem {
                date: frame.date(update.date.value),
                date_iso: update.date.value.to_string(),
                status: Some(status_view(frame, update.status)),
                event: None,
                said_at: None,
                note,
            }),
    );
    let theme_links = entry
        .themes
        .iter()
        .map(|t| Link {
            label: frame.theme_name(&t.value),
            href: frame.href(Target::Theme(&t.value)),
            current: false,
            lang: None,
        })
        .collect();
    let statements = entry
        .statements
        .iter()
        .map(|s| {
            let frameworks = frame.site.frameworks;
            StatementView {
                id: s.value.clone(),
                name: frameworks
                    .statement_name(&s.value)
                    .or_else(|| frameworks.theme_of(&s.value).map(|t| t.name.as_str()))
                    .map(str::to_owned),
                href: frame.href(Target::Statement(&s.value)),
            }
        })
        .collect();
    let date = |d: jiff::civil::Date| (frame.date(d), d.to_string());
    let target = entry.target_date.as_ref().map(|d| date(d.value));
    let completed = entry.completed_date.map(date);
    let page = EntryPage {
        frame: frame.frame(Heading {
            title: summary.title.clone(),
            description: plain_summary(&entry.you_said.value),
            trail: vec![Target::Home, Target::Tracker],
        }),
        entry: summary,
        entries_lang: frame.report_lang(),
        forum: entry.forum.clone(),
        owner: entry.owner.clone(),
        we_did,
        reason,
        alternative,
        target_date_iso: target.as_ref().map(|t| t.1.clone()),
        target_date: target.map(|t| t.0),
        completed_date_iso: completed.as_ref().map(|t| t.1.clone()),
        completed_date: completed.map(|t| t.0),
        timeline,
        stories,
        theme_links,
        themes_lang: frame.frameworks_lang(),
        statements,
        level: entry
            .level
            .map(|l| frame.word(&format!("level_{}", l.id()))),
        tracker_href: frame.href(Target::Tracker),
    };
    job.context(&page)
}

/// The first words of what people said, as plain text, for the page's description.
fn plain_summary(markdown: &str) -> String {
    let text: String = pulldown_cmark::Parser::new(markdown)
        .filter_map(|event| match event {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => Some(t.to_string()),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak => Some(" ".into()),
            _ => None,
        })
        .collect();
    let mut words: Vec<&str> = Vec::new();
    let mut length = 0;
    for word in text.split_whitespace() {
        length += word.len() + 1;
        if length > 160 {
            return format!("{}…", words.join(" "));
        }
        words.push(word);
    }
    words.join(" ")
}
