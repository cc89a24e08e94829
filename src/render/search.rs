//! Search with no server: the search page, and the Pagefind index of the published pages,
//! made in-process with the pagefind crate (no Node, no separate program).
//!
//! The index is made from each page's plain text (`RenderedPage::text`), never from its HTML,
//! and only from the pages the plan publishes: a story consent leaves out has no page, so it
//! has no text here. Only Pagefind's search library and its index are published; the page's
//! own small script (`themes/default/static/search.js`) shows the results, because Pagefind's
//! ready-made interfaces search as the reader types without saying how many results there
//! are, mark no results with headings, and have no words in Welsh.

use super::Job;
use super::frame::{Frame, Link};
use crate::diagnostics::Diagnostic;
use crate::output::{Body, PageText};
use crate::plan::Plan;
use crate::plan::pages::PagePlan;
use crate::plan::routes::Target;
use crate::rules;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::{Context, TeraResult};

/// Where the index is published, from the site's root.
pub const INDEX_FOLDER: &str = "pagefind";

/// `search.html`.
/// The theme's script for the search page, in its `static/` folder.
pub const SCRIPT: &str = "search.js";

#[derive(Serialize)]
struct SearchPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    /// The page itself, where the form sends the words (`?q=`).
    search_href: String,
    /// Pagefind's search library, from this page.
    index_href: String,
    site_map_link: Link,
    /// A page for each theme, for a reader without JavaScript.
    theme_links: Vec<Link>,
    themes_lang: Option<&'static str>,
}

pub fn page(job: &mut Job<'_>) -> TeraResult<Context> {
    let frame = &job.frame;
    let plan = frame.site.plan;
    // A theme's own page gathers its stories, entries and ratings; a tracker theme the
    // frameworks do not map has only its tracker page.
    let mapped = &plan.assessment.themes;
    let unmapped = plan
        .tracker
        .themes
        .iter()
        .filter(|theme| !mapped.iter().any(|(id, _)| id == *theme));
    let theme_links = mapped
        .iter()
        .map(|(theme, _)| (theme, Target::Theme(theme)))
        .chain(unmapped.map(|theme| (theme, Target::EntryTheme(theme))))
        .map(|(theme, target)| Link {
            label: frame.theme_name(theme),
            href: frame.href(target),
            current: false,
            lang: None,
        })
        .collect();
    let page = SearchPage {
        search_href: frame.href(Target::Search),
        index_href: frame.href_to(&format!("{INDEX_FOLDER}/pagefind.js")),
        site_map_link: Link {
            label: frame.word("site_map_title"),
            href: frame.href(Target::SiteMap),
            current: false,
            lang: None,
        },
        theme_links,
        themes_lang: frame.frameworks_lang(),
        frame: frame.own_page("search"),
    };
    job.context(&page)
}

/// What the index reads of one page: its address from the site's root, title and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searchable {
    pub path: String,
    pub title: String,
    pub text: String,
    /// The page's language's primary subtag (`en`, `cy`): each language has its own index.
    pub language: String,
}

/// The pages of a plan that search reads: published (never a preview's draft), and of a kind
/// with words to find, each with its words as rendered (`text` gives them by path).
pub fn searchable<'t>(
    plan: &Plan<'_>,
    text: impl Fn(&str) -> Option<&'t PageText>,
) -> Vec<Searchable> {
    plan.pages
        .iter()
        .filter_map(|page| searchable_page(plan, page, text(&page.path)?))
        .collect()
}

/// Whether a page's words are kept as plain text: in a report with search, on the kinds of
/// page search reads. A preview's draft keeps them too, though search leaves it out: what
/// the preview holds is then what a build that published the draft would make, the marks
/// that say "not published" aside (which `tests/preview.rs` checks, words included).
pub fn keeps_words(plan: &Plan<'_>, page: &PagePlan) -> bool {
    plan.content.site.search && page.kind.is_searched()
}

/// Whether search reads the page: it keeps its words, and it is not a preview's draft.
pub fn is_searched(plan: &Plan<'_>, page: &PagePlan) -> bool {
    keeps_words(plan, page) && !page.preview_only
}

/// What search reads of one page, made with the words `text`; `None` for a page it does not
/// read.
pub fn searchable_page(plan: &Plan<'_>, page: &PagePlan, text: &PageText) -> Option<Searchable> {
    is_searched(plan, page).then(|| Searchable {
        path: page.path.clone(),
        title: text.title.clone(),
        text: text.text.clone(),
        language: crate::content::site::primary_subtag(&plan.languages.get(page.language).tag),
    })
}

/// The files of the index, by their paths in the site: Pagefind's search library and its
/// WebAssembly, and the index itself, split by language. Pagefind's own interfaces are left
/// out. Nothing when there is nothing to search.
pub fn index(pages: &[Searchable]) -> Result<Vec<(String, Body)>, Diagnostic> {
    let mut indexer = Indexer::default();
    for page in pages {
        indexer.add(page);
    }
    indexer.finish()
}

/// The index made a page at a time, as pages are rendered (`chorus build` feeds it from its
/// own thread while the other pages render). Pages must come in the plan's order: the index's
/// files are named by their contents, which depend on it.
#[derive(Default)]
pub struct Indexer {
    started: Option<Result<Started, Diagnostic>>,
}

struct Started {
    runtime: tokio::runtime::Runtime,
    index: pagefind::api::PagefindIndex,
}

impl Indexer {
    fn start() -> Result<Started, Diagnostic> {
        // Pagefind reads the working folder when it starts, and cannot start without one.
        if std::env::current_dir().is_err() {
            return Err(problem(
                "the folder Chorus was started in is no longer there",
            ));
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| problem(&e.to_string()))?;
        let options = pagefind::options::PagefindServiceConfig::builder()
            .keep_index_url(true)
            .build();
        let index = pagefind::api::PagefindIndex::new(Some(options))
            .map_err(|e| problem(&e.to_string()))?;
        Ok(Started { runtime, index })
    }

    /// Reads one page into the index. The first problem is kept for `finish`.
    pub fn add(&mut self, page: &Searchable) {
        let Ok(started) = self.started.get_or_insert_with(Indexer::start) else {
            return;
        };
        let meta = BTreeMap::from([("title".to_owned(), page.title.clone())]);
        // The address is kept from the site's root, without a leading `/`: the search page
        // puts its own way to the root in front, so the site works in any folder.
        let added = started.runtime.block_on(started.index.add_custom_record(
            page.path.clone(),
            page.text.clone(),
            page.language.clone(),
            Some(meta),
            None,
            None,
        ));
        if let Err(error) = added {
            self.started = Some(Err(problem(&error.to_string())));
        }
    }

    /// The index's files, or the first problem.
    pub fn finish(self) -> Result<Vec<(String, Body)>, Diagnostic> {
        let Some(started) = self.started else {
            return Ok(Vec::new());
        };
        let Started { runtime, mut index } = started?;
        let files = runtime
            .block_on(index.get_files())
            .map_err(|e| problem(&e.to_string()))?;
        Ok(files
            .into_iter()
            .filter_map(|file| {
                let name = crate::source::slash_path(&file.filename);
                is_published(&name)
                    .then(|| (format!("{INDEX_FOLDER}/{name}"), Body::Bytes(file.contents)))
            })
            .collect())
    }
}

/// Pagefind's own files Chorus publishes: the search library, its worker and WebAssembly, and
/// the index. Its ready-made interfaces (`pagefind-ui.js` and the like) and its playground
/// are not.
fn is_published(name: &str) -> bool {
    let interface = name.starts_with("pagefind-ui")
        || name.starts_with("pagefind-modular-ui")
        || name.starts_with("pagefind-component-ui")
        || name.starts_with("pagefind-highlight")
        || name.starts_with("playground");
    !interface
}

fn problem(why: &str) -> Diagnostic {
    Diagnostic::error(rules::SEARCH_INDEX_FAILED,
        "the search index",
        format!("Chorus could not make the site's search index: {why}."),
    )
    .help("Try the build again. If it fails again, set search = false in site.toml to build the site without search, and tell whoever looks after Chorus.")
}
