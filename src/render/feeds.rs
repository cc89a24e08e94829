//! What a site publishes for readers' programs rather than for people: the Atom feeds of new
//! stories and of "you said, we did" updates in each language, `sitemap.xml` and `robots.txt`.
//! Each needs full addresses, so each is made only when the report has its `base_url`.
//!
//! The feeds and the sitemap are theme templates (`feed.xml`, `sitemap.xml`), escaped by tera
//! as the pages are. A story is in a feed only when the plan publishes it on the feed channel
//! (`Plan::feed_stories`); the sitemap lists every page the plan publishes but the 404 page.

use super::Site;
use super::frame::word;
use crate::content::Collection;
use crate::content::entries::entry::Entry;
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Markdown, Origin};
use crate::plan::Plan;
use crate::plan::routes::{Feed, Target};
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

/// The most entries a feed holds, newest first: a feed reader asks again for what is new.
const FEED_LENGTH: usize = 50;

/// `feed.xml`: an Atom feed (RFC 4287).
#[derive(Serialize)]
struct FeedDocument<'a> {
    /// The feed's language (BCP 47).
    lang: &'a str,
    title: String,
    subtitle: String,
    /// The feed's own address, which is also its id.
    id: String,
    /// The page that lists what the feed follows.
    alternate: String,
    /// RFC 3339: the newest entry's date, or the build's when there is none.
    updated: String,
    /// Who publishes it: the organisation.
    author: &'a str,
    entries: Vec<FeedEntry>,
}

#[derive(Serialize)]
struct FeedEntry {
    title: String,
    /// Stays the same whatever changes: the address of the item's page in the report's own
    /// language (with `#update-N` for an update).
    id: String,
    /// Its page in the feed's language, or in the report's where it has no translation.
    href: String,
    updated: String,
    summary: String,
    /// The entry's language, when it is not the feed's.
    lang: Option<String>,
}

/// `sitemap.xml` (sitemaps.org 0.9, with `hreflang` alternates).
#[derive(Serialize)]
struct SiteMapDocument {
    pages: Vec<SiteMapPage>,
}

#[derive(Serialize)]
struct SiteMapPage {
    address: String,
    /// Every language's version, this one included, when the page has more than one.
    alternates: Vec<SiteMapAlternate>,
}

#[derive(Serialize)]
struct SiteMapAlternate {
    lang: String,
    address: String,
}

/// The feeds, `sitemap.xml` and `robots.txt`, by path; nothing without a `base_url`.
pub fn files(site: &Site<'_>) -> (Vec<(String, String)>, Vec<Diagnostic>) {
    let plan = site.plan;
    let Some(base) = plan.content.site.base_url.as_deref() else {
        return (Vec::new(), Vec::new());
    };
    // Each feed in each language, and the site map, side by side: the site map alone is a
    // template value of every page (12,000 at 10,000 stories).
    let documents: Vec<(Feed, usize)> = plan
        .feeds()
        .into_iter()
        .flat_map(|feed| {
            plan.languages
                .indices()
                .map(move |language| (feed, language))
        })
        .collect();
    let (feeds, site_map) = rayon::join(
        || {
            documents
                .par_iter()
                .map(|&(feed, language)| {
                    let document = match feed {
                        Feed::Stories => stories(site, language),
                        Feed::TrackerUpdates => tracker_updates(site, language),
                    };
                    let text = render(site, "feed.xml", &document, language)?;
                    Ok((plan.routes.feed_path(feed, language), text))
                })
                .collect::<Vec<_>>()
        },
        || {
            render(site, "sitemap.xml", &site_map(plan), 0)
                .map(|text| ("sitemap.xml".to_owned(), text))
        },
    );
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for made in feeds.into_iter().chain([site_map]) {
        match made {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    files.push(("robots.txt".to_owned(), robots(base)));
    (files, problems)
}

fn render<T: Serialize>(
    site: &Site<'_>,
    template: &str,
    values: &T,
    language: usize,
) -> Result<String, Diagnostic> {
    let problem = |error: &tera::Error| super::mistakes::rendering(site.theme, template, error);
    let mut context = Context::from_serialize(values).map_err(|e| problem(&e))?;
    context.insert_value("t", site.words[language].value.clone());
    site.tera
        .render(template, &context)
        .map_err(|e| problem(&e))
}

impl<'a> FeedDocument<'a> {
    /// The feed `feed` in `language`: its title and subtitle from the theme's `words`, and
    /// the page that lists what it follows.
    fn new(
        site: &'a Site<'_>,
        language: usize,
        feed: Feed,
        (title, subtitle): (&str, &str),
        list: Target<'_>,
        entries: Vec<FeedEntry>,
    ) -> Self {
        let plan = site.plan;
        let strings = &site.words[language].strings;
        FeedDocument {
            lang: &plan.languages.get(language).tag,
            title: format!("{} – {}", word(strings, title), plan.content.site.title),
            subtitle: word(strings, subtitle),
            id: address(plan, &plan.routes.feed_path(feed, language)),
            alternate: address(plan, &plan.routes.path(list, language)),
            updated: newest(&entries, plan),
            author: &plan.content.site.organisation,
            entries,
        }
    }
}

/// A day as RFC 3339 wants it: midnight, in UTC.
fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

fn newest(entries: &[FeedEntry], plan: &Plan<'_>) -> String {
    entries
        .iter()
        .map(|e| e.updated.clone())
        .max()
        .unwrap_or_else(|| timestamp(plan.today))
}

fn stories<'s>(site: &'s Site<'_>, language: usize) -> FeedDocument<'s> {
    let plan = site.plan;
    let entries: Vec<FeedEntry> = plan
        .feed_stories()
        .take(FEED_LENGTH)
        .filter_map(|story| {
            let slug = &story.document.slug;
            let (path, shown_in) = plan.routes.page_of(Collection::Stories, slug, language)?;
            let translation = plan.translation(Collection::Stories, slug, shown_in);
            let title = translation
                .and_then(|t| t.title.as_ref())
                .map_or_else(|| story.title.value.clone(), |t| t.value.clone());
            let summary = translation
                .and_then(|t| t.summary.clone())
                .unwrap_or_else(|| story.summary.clone());
            Some(FeedEntry {
                title,
                id: address(plan, &plan.routes.path(Target::Story(slug), 0)),
                href: address(plan, &path),
                updated: timestamp(story.date),
                summary,
                lang: (shown_in != language).then(|| plan.languages.get(shown_in).tag.clone()),
            })
        })
        .collect();
    FeedDocument::new(
        site,
        language,
        Feed::Stories,
        ("feed_stories_title", "stories_description"),
        Target::StoryList,
        entries,
    )
}

/// Each update of each entry, newest first. Entries are written in the report's language.
fn tracker_updates<'s>(site: &'s Site<'_>, language: usize) -> FeedDocument<'s> {
    let plan = site.plan;
    let strings = &site.words[language].strings;
    let report_lang = (language != crate::plan::languages::DEFAULT).then(|| {
        plan.languages
            .get(crate::plan::languages::DEFAULT)
            .tag
            .clone()
    });
    let mut updates: Vec<(Date, &Entry, usize)> = plan
        .tracker
        .entries
        .iter()
        .flat_map(|entry| {
            entry
                .updates
                .iter()
                .enumerate()
                .map(move |(n, update)| (update.date.value, *entry, n))
        })
        .collect();
    updates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.slug.cmp(&b.1.slug)));
    let entries = updates
        .into_iter()
        .take(FEED_LENGTH)
        .map(|(date, entry, n)| {
            let update = &entry.updates[n];
            let path = plan.routes.path(Target::Entry(&entry.slug), language);
            let status = word(strings, &format!("status_{}", update.status.id()));
            let note = update
                .note
                .as_ref()
                .map(|note| plain_text(plan, entry, note, &path, language))
                .unwrap_or_default();
            FeedEntry {
                title: format!("{}: {} – {status}", entry.id.value, entry.title.value),
                id: format!(
                    "{}#update-{}",
                    address(plan, &plan.routes.path(Target::Entry(&entry.slug), 0)),
                    n + 1
                ),
                href: address(plan, &path),
                updated: timestamp(date),
                summary: if note.is_empty() { status } else { note },
                lang: report_lang.clone(),
            }
        })
        .collect::<Vec<_>>();
    FeedDocument::new(
        site,
        language,
        Feed::TrackerUpdates,
        ("feed_tracker_title", "tracker_description"),
        Target::Tracker,
        entries,
    )
}

/// An update's note (markdown) as the plain words its page shows. What the note's markdown
/// had to lose is said once, by the entry's page.
fn plain_text(
    plan: &Plan<'_>,
    entry: &Entry,
    note: &crate::content::fields::At<String>,
    page_path: &str,
    language: usize,
) -> String {
    markdown::to_html(
        &Markdown {
            text: &note.value,
            origin: Origin::Setting {
                file: &entry.file,
                place: &note.place,
            },
        },
        &markdown::Target {
            page_path,
            language,
            routes: &plan.routes,
            title: None,
            plain_text: true,
        },
    )
    .text
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ")
}

fn address(plan: &Plan<'_>, path: &str) -> String {
    plan.address(path).unwrap_or_default()
}

/// Every published page but the 404 page and the preview's drafts.
fn site_map(plan: &Plan<'_>) -> SiteMapDocument {
    let pages = plan
        .pages
        .iter()
        .filter(|page| page.kind.is_in_sitemap() && !page.preview_only)
        .map(|page| {
            let mut alternates: Vec<SiteMapAlternate> = Vec::new();
            if !page.alternates.is_empty() {
                let mut versions = vec![(page.language, page.path.clone())];
                versions.extend(page.alternates.iter().cloned());
                versions.sort();
                alternates = versions
                    .into_iter()
                    .map(|(language, path)| SiteMapAlternate {
                        lang: plan.languages.get(language).tag.clone(),
                        address: address(plan, &path),
                    })
                    .collect();
            }
            SiteMapPage {
                address: address(plan, &page.path),
                alternates,
            }
        })
        .collect();
    SiteMapDocument { pages }
}

/// Every page may be read; the sitemap lists them. (A host reads `robots.txt` only at its own
/// root: a site in a sub-folder gives its `Sitemap:` line to the host's own file.)
fn robots(base: &str) -> String {
    format!(
        "# Made by Chorus. Search engines may read every page; sitemap.xml lists them.\nUser-agent: *\nDisallow:\n\nSitemap: {base}sitemap.xml\n"
    )
}
