//! The home page, free pages, the accessibility statement, the site map and the 404 page,
//! in each language.

use super::Job;
use super::evidence::StatementLink;
use super::frame::{Around, Frame, Heading, Link, long_date};
use super::stories::card;
use crate::content::Collection;
use crate::content::site::Compliance;
use crate::plan::routes::Target;
use serde::Serialize;
use tera::{Context, TeraResult};

/// How many stories the home page shows.
const LATEST_STORIES: usize = 3;

/// `home.html`.
#[derive(Serialize)]
struct HomePage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    /// The title's language, when it is not the page's: a title no translation gives.
    title_lang: Option<String>,
    /// `index.md` (or its translation) as safe HTML.
    intro: Option<String>,
    /// The introduction's language, when it is not the page's (not yet translated).
    intro_lang: Option<String>,
    /// From `[co_production]` in site.toml, in the report's language.
    group: Option<&'a str>,
    group_description: Option<String>,
    /// Where the group is on the ladder of co-production, as one sentence.
    ladder_sentence: Option<String>,
    latest_stories: Vec<tera::Value>,
    story_count: usize,
    /// "You said, we did", when the report has entries.
    tracker: Option<TrackerFigures>,
    /// How many stories and entries are at each level of co-production, the lowest first.
    layers: Vec<LayerFigure>,
    co_production_href: String,
}

#[derive(Serialize)]
struct LayerFigure {
    name: String,
    count: usize,
}

/// The tracker's headline figures for the home page.
#[derive(Serialize)]
struct TrackerFigures {
    href: String,
    total: usize,
    /// Entries whose status is done.
    done: usize,
    /// Entries being worked on: planned, in progress or partly done.
    under_way: usize,
}

pub fn home(job: &mut Job<'_>) -> TeraResult<Context> {
    let plan = job.frame.site.plan;
    let content = plan.content;
    let translation = plan.translation(Collection::Home, "index", job.frame.language());
    let home = content.home.as_ref();
    let title = translation
        .and_then(|t| t.title.as_ref().map(|t| t.value.clone()))
        .or_else(|| home.map(|h| h.title.value.clone()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| content.site.title.clone());
    let description = translation
        .and_then(|t| t.summary.clone())
        .or_else(|| home.and_then(|h| h.summary.clone()))
        .unwrap_or_else(|| format!("{} – {}", content.site.title, content.site.organisation));
    // The title is in the report's language unless a translation gives it.
    let title_lang = translation
        .and_then(|t| t.title.as_ref())
        .is_none()
        .then(|| job.frame.report_lang().map(str::to_owned))
        .flatten();
    let intro_lang = (translation.is_none() && home.is_some())
        .then(|| job.frame.report_lang().map(str::to_owned))
        .flatten();
    job.add_text(&title);
    let intro = match (translation, home) {
        (Some(t), _) => Some(job.document(&t.document, &title)),
        (None, Some(h)) => Some(job.document(&h.document, &title)),
        (None, None) => None,
    };
    let co = content.site.co_production.as_ref();
    let group_description = co
        .and_then(|c| c.description.as_ref())
        .map(|d| job.setting("content/site.toml", d));
    let latest_stories = plan
        .stories
        .iter()
        .take(LATEST_STORIES)
        .map(|s| card(job, s))
        .collect();
    let frame = &job.frame;
    let page = HomePage {
        frame: frame.frame(Heading {
            title,
            description,
            trail: Vec::new(),
        }),
        title_lang,
        intro,
        intro_lang,
        group: co.and_then(|c| c.group.as_deref()),
        group_description,
        ladder_sentence: co
            .and_then(|c| c.ladder_step)
            .map(|s| frame.word(&format!("ladder_sentence_{}", s.id()))),
        latest_stories,
        // What will be published: the preview's drafts are not counted.
        story_count: plan
            .stories
            .iter()
            .filter(|s| {
                plan.published
                    .story(&s.document.slug, crate::consent::Channel::Website)
                    == crate::consent::Decision::Publish
            })
            .count(),
        layers: super::evidence::level_counts(frame)
            .into_iter()
            .map(|(level, count)| LayerFigure {
                name: frame.word(&format!("layer_{}", level.id())),
                count,
            })
            .collect(),
        co_production_href: frame.href(Target::CoProduction),
        tracker: (!plan.tracker.is_empty()).then(|| {
            use crate::content::entries::entry::Status;
            let tracker = &plan.tracker;
            TrackerFigures {
                href: frame.href(Target::Tracker),
                total: tracker.entries.len(),
                done: tracker.count(Status::Done),
                under_way: [Status::Planned, Status::InProgress, Status::PartlyDone]
                    .iter()
                    .map(|s| tracker.count(*s))
                    .sum(),
            }
        }),
    };
    job.context(&page)
}

/// `page.html`: a free page.
#[derive(Serialize)]
struct FreePage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    /// The page's text as safe HTML.
    body: String,
}

pub fn free(job: &mut Job<'_>, slug: &str) -> TeraResult<Context> {
    let plan = job.frame.site.plan;
    let Some(page) = plan.free_pages.iter().find(|p| p.document.slug == slug) else {
        return Err(tera::Error::message(format!("no page {slug}")));
    };
    let translation = plan.translation(Collection::Pages, slug, job.frame.language());
    let title = job.frame.title_of_page(slug, &page.title.value);
    let description = translation
        .and_then(|t| t.summary.clone())
        .or_else(|| page.summary.clone())
        .unwrap_or_default();
    job.add_text(&title);
    let body = job.document(translation.map_or(&page.document, |t| &t.document), &title);
    let frame = job.frame.frame(Heading {
        title,
        description,
        trail: vec![Target::Home],
    });
    job.context(&FreePage { frame, body })
}

#[derive(Serialize)]
struct KnownIssue {
    issue: String,
    criterion: Option<String>,
    fix_by: Option<String>,
}

/// The statement's first sentence in the words before the site's name, between it and the
/// organisation's, and after that, so that the template can mark both names in the report's
/// language.
#[derive(Serialize)]
struct AppliesTo {
    before: String,
    between: String,
    after: String,
}

/// `accessibility.html`: the statement the regulations ask for, from `[accessibility]`.
#[derive(Serialize)]
struct AccessibilityPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    /// `None` when a theme's words do not name the site before the organisation.
    applies_to: Option<AppliesTo>,
    /// The words before and after the organisation's name in the sentence that says it is
    /// committed to an accessible website.
    committed: Option<Around>,
    /// `full`, `partial` or `not`.
    compliance: &'static str,
    known_issues: Vec<KnownIssue>,
    prepared: Option<String>,
    last_reviewed: Option<String>,
    /// When the website was last tested; `None` until it has been, and the statement says so.
    last_tested: Option<String>,
    tested_by: Option<&'a str>,
    test_method: Option<&'a str>,
}

pub fn accessibility(job: &mut Job<'_>) -> TeraResult<Context> {
    let statement = &job.frame.site.plan.content.site.accessibility;
    let strings = job.frame.strings();
    let frame = job.frame.own_page("a11y");
    job.add_text(&frame.title);
    let applies_to = job
        .frame
        .around("a11y_applies_to", "{site}")
        .and_then(|site| {
            let (between, after) = site.after.split_once("{organisation}")?;
            Some(AppliesTo {
                before: site.before,
                between: between.to_owned(),
                after: after.to_owned(),
            })
        });
    let page = AccessibilityPage {
        frame,
        applies_to,
        committed: job.frame.around("a11y_committed", "{organisation}"),
        compliance: match statement.compliance {
            Compliance::Full => "full",
            Compliance::Partial => "partial",
            Compliance::Not => "not",
        },
        known_issues: statement
            .known_issues
            .iter()
            .map(|i| KnownIssue {
                issue: i.issue.clone(),
                criterion: i.criterion.clone(),
                fix_by: i.fix_by.map(|d| long_date(strings, d)),
            })
            .collect(),
        prepared: statement.prepared.map(|d| long_date(strings, d)),
        last_reviewed: statement.last_reviewed.map(|d| long_date(strings, d)),
        last_tested: statement.last_tested.map(|d| long_date(strings, d)),
        tested_by: statement.tested_by.as_deref(),
        test_method: statement.test_method.as_deref(),
    };
    job.context(&page)
}

#[derive(Serialize)]
struct CycleLinks {
    link: Link,
    ratings: Vec<StatementLink>,
}

/// `site-map.html`: every page of the site in the page's language.
#[derive(Serialize)]
struct SiteMapPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    home_link: Link,
    stories_link: Link,
    story_links: Vec<Link>,
    page_links: Vec<Link>,
    /// "You said, we did", with its status, theme and entry pages, when there are entries.
    tracker_link: Option<Link>,
    status_links: Vec<Link>,
    /// Each theme's page of the tracker, labelled with the theme's name alone: the template
    /// puts the tracker's name before it, and marks the name with its language.
    tracker_theme_links: Vec<Link>,
    entry_links: Vec<Link>,
    /// Assessment, with each cycle and its rated statements, when there are cycles.
    assessment_link: Option<Link>,
    cycles: Vec<CycleLinks>,
    /// The evidence map: every framework theme, and every statement with a page.
    theme_links: Vec<Link>,
    statement_links: Vec<StatementLink>,
    /// The frameworks' language when it is not the page's: statements' names are marked with it.
    themes_lang: Option<&'static str>,
    co_production_link: Link,
    accessibility_link: Link,
}

pub fn site_map(job: &mut Job<'_>) -> TeraResult<Context> {
    let frame = &job.frame;
    let plan = frame.site.plan;
    let own = |label: String, target: Target<'_>| Link {
        label,
        href: frame.href(target),
        current: frame.path(target) == frame.page.path,
        lang: None,
    };
    let item = |collection: Collection, slug: &str, label: String| {
        let (path, lang) = frame.item(collection, slug)?;
        Some(Link {
            label,
            href: frame.href_to(&path),
            current: false,
            lang,
        })
    };
    let story_links = plan
        .stories
        .iter()
        .filter_map(|s| {
            let label = super::stories::title(frame, s);
            item(Collection::Stories, &s.document.slug, label)
        })
        .collect();
    let page_links = plan
        .free_pages
        .iter()
        .filter_map(|p| {
            let slug = &p.document.slug;
            item(
                Collection::Pages,
                slug,
                frame.title_of_page(slug, &p.title.value),
            )
        })
        .collect();
    let tracker = &plan.tracker;
    let status_links = (tracker.statuses.iter())
        .map(|s| {
            let label = super::tracker::status_view(frame, *s).label;
            own(
                format!("{}: {}", frame.word("tracker_title"), label.to_lowercase()),
                Target::EntryStatus(*s),
            )
        })
        .collect();
    let themes_lang = frame.frameworks_lang();
    let tracker_theme_links = (tracker.themes.iter())
        .map(|t| Link {
            lang: themes_lang.map(str::to_owned),
            ..own(frame.theme_name(t), Target::EntryTheme(t))
        })
        .collect();
    let entry_links = (tracker.entries.iter())
        .map(|e| Link {
            lang: frame.report_lang().map(str::to_owned),
            ..own(e.title.value.clone(), Target::Entry(&e.slug))
        })
        .collect();
    let assessment = &plan.assessment;
    let frameworks = frame.site.frameworks;
    let statement_link = |id: &str, target: Target<'_>| StatementLink {
        id: id.to_owned(),
        name: frameworks.statement_name(id).map(str::to_owned),
        href: frame.href(target),
    };
    let cycles = assessment
        .cycles
        .iter()
        .map(|c| CycleLinks {
            link: Link {
                lang: frame.report_lang().map(str::to_owned),
                ..own(c.cycle.title.clone(), Target::Cycle(&c.cycle.slug))
            },
            ratings: c
                .ratings()
                .map(|r| {
                    let id = r.statement.value.as_str();
                    statement_link(id, Target::Rating(&c.cycle.slug, id))
                })
                .collect(),
        })
        .collect();
    let theme_links = assessment
        .themes
        .iter()
        .map(|(id, _)| Link {
            lang: themes_lang.map(str::to_owned),
            ..own(frame.theme_name(id), Target::Theme(id))
        })
        .collect();
    let statement_links = assessment
        .statements
        .iter()
        .map(|(id, _)| statement_link(id, Target::Statement(id)))
        .collect();
    let page = SiteMapPage {
        assessment_link: (!assessment.cycles.is_empty())
            .then(|| own(frame.word("nav_assessment"), Target::Assessment)),
        cycles,
        theme_links,
        statement_links,
        co_production_link: own(frame.word("co_production_title"), Target::CoProduction),
        tracker_link: (!tracker.is_empty())
            .then(|| own(frame.word("nav_tracker"), Target::Tracker)),
        status_links,
        tracker_theme_links,
        entry_links,
        themes_lang,
        home_link: own(frame.word("nav_home"), Target::Home),
        stories_link: own(frame.word("nav_stories"), Target::StoryList),
        story_links,
        page_links,
        accessibility_link: own(frame.word("a11y_title"), Target::Accessibility),
        frame: frame.own_page("site_map"),
    };
    job.context(&page)
}

/// Finds the site's root on a 404 page shown at a deeper address (see the script's comment).
const FIND_ROOT: &str = include_str!("find-root.js");

/// Hosts show the 404 page at whatever address was asked for, so relative links and the
/// stylesheet could point anywhere. Its links go from the site's address when `base_url` is
/// set; otherwise they go from the root, and a small script finds the root. Its styles are
/// inlined so it always looks right.
pub fn not_found(job: &mut Job<'_>) -> TeraResult<Context> {
    let mut frame = job.frame.frame(Heading {
        title: job.frame.word("not_found_title"),
        description: job.frame.word("not_found_description"),
        trail: Vec::new(),
    });
    // Served at any missing address, the 404 page has no address of its own to give.
    frame.canonical = None;
    let theme = job.frame.site.theme;
    if job.frame.link_base.is_none() {
        frame.inline_script = FIND_ROOT.to_owned();
    }
    frame.inline_styles = super::stylesheet(theme, &job.frame.site.plan.content.site.brand);
    if let Some(extra) = theme.file(super::frame::EXTRA_STYLES) {
        frame
            .inline_styles
            .push_str(&String::from_utf8_lossy(extra));
    }
    job.context(&frame)
}
