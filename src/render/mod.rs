//! The render stage: the plan becomes an `Output` (every page and file, in memory).
//!
//! Each page is a pure job: a function of the plan, the theme and its own entry in the plan,
//! returning its bytes, its plain text and its own findings. All pages render in parallel.

mod assessment;
mod chart;
pub mod data;
mod evidence;
pub mod feeds;
pub mod frame;
mod mistakes;
mod names;
mod pages;
pub mod search;
mod stories;
mod tracker;

use crate::content::story::Story;
use crate::diagnostics::Diagnostic;
use crate::framework::Frameworks;
use crate::markdown::{self, Markdown, Origin, Target};
use crate::output::{Body, Output, PageText};
use crate::plan::Plan;
use crate::plan::pages::{PageKind, PagePlan};
use crate::plan::routes;
use crate::rules;
use crate::theme::{Strings, Theme};
use frame::PageFrame;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError, mpsc};
use tera::{Context, Tera};

/// What every page's job reads: the plan, the theme, and what is made once per build.
pub struct Site<'a> {
    pub plan: &'a Plan<'a>,
    pub theme: &'a Theme,
    pub frameworks: &'a Frameworks,
    /// The theme's words in each of the plan's languages, by language index.
    pub words: Vec<Words>,
    /// What every page of a language shows alike (its menus, its feeds' links), by language
    /// index.
    every_page: Vec<frame::EveryPage>,
    /// Every published story's card, by language index: made when a list first needs them.
    story_cards: Vec<OnceLock<HashMap<String, tera::Value>>>,
    tera: Tera,
}

/// The theme's words in one language, read once, and the same as a template value (shared by
/// every page's context without a copy).
pub struct Words {
    pub strings: Strings,
    value: tera::Value,
}

/// One page, made.
pub struct RenderedPage {
    pub path: String,
    pub html: String,
    /// The words a reader finds on the page (its title and text), for search: the text is
    /// empty where search does not read the page (`search::keeps_words`).
    pub text: PageText,
    pub findings: Vec<Diagnostic>,
}

impl<'a> Site<'a> {
    /// What every page's job reads, made once: the theme's words in each language, and its
    /// templates. `Err` when the theme cannot make any page; the words' warnings otherwise.
    pub fn new(
        plan: &'a Plan<'a>,
        theme: &'a Theme,
        frameworks: &'a Frameworks,
    ) -> Result<(Site<'a>, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut words = Vec::new();
        for language in plan.languages.iter() {
            let (strings, found) = theme.strings(&language.tag).map_err(|problem| {
                // Shown at the setting that named the language, where site.toml names it.
                let written = (plan.content.site.languages_written.iter())
                    .find(|at| at.value.eq_ignore_ascii_case(&language.tag));
                vec![match written {
                    Some(at) => problem.at(at.location()),
                    None => problem,
                }]
            })?;
            problems.extend(found);
            let value = tera::Value::from_serializable(&strings);
            words.push(Words { strings, value });
        }
        let tera = templates(theme)?;
        let every_page = (plan.languages.indices())
            .map(|language| frame::EveryPage::of(plan, &words[language].strings, language))
            .collect();
        let site = Site {
            plan,
            theme,
            frameworks,
            every_page,
            story_cards: plan.languages.iter().map(|_| OnceLock::new()).collect(),
            words,
            tera,
        };
        Ok((site, problems))
    }

    /// A published story's card in the language of `frame`'s page. The first call in a
    /// language makes every story's card in it (on rayon's threads); a list of 10,000 stories
    /// then takes its cards without making them again.
    pub fn story_card(&self, frame: &PageFrame<'_>, story: &Story) -> tera::Value {
        let cards = self.story_cards[frame.language()].get_or_init(|| stories::cards(frame));
        // Every list shows stories of `plan.stories`, so the card is there; a story from
        // anywhere else would get its card made on the spot rather than be shown without one.
        cards
            .get(story.document.slug.as_str())
            .cloned()
            .unwrap_or_else(|| tera::Value::from_serializable(&stories::card_of(frame, story)))
    }
}

/// Where a render puts what it makes: an `Output` in memory, or a new site on disk. Each
/// page is given to it by the thread that made it, as soon as it is made: pages come from
/// several threads at once, in no set order.
pub trait Sink: Sync {
    /// A page, with its words as a reader finds them.
    fn page(&self, path: String, html: String, text: PageText);
    /// Any other file of the site.
    fn file(&self, path: String, body: Body);
}

impl Sink for Mutex<Output> {
    fn page(&self, path: String, html: String, text: PageText) {
        let mut output = self.lock().unwrap_or_else(PoisonError::into_inner);
        output.add_page(path, html, text);
    }

    fn file(&self, path: String, body: Body) {
        let mut output = self.lock().unwrap_or_else(PoisonError::into_inner);
        output.files.insert(path, body);
    }
}

/// The whole site, in memory.
pub fn render(
    plan: &Plan<'_>,
    theme: &Theme,
    frameworks: &Frameworks,
) -> (Output, Vec<Diagnostic>) {
    let output = Mutex::new(Output::default());
    let problems = render_into(plan, theme, frameworks, &output, &mut |_| {});
    (
        output.into_inner().unwrap_or_else(PoisonError::into_inner),
        problems,
    )
}

/// Renders every page into `sink`, while the search index reads the pages on a thread of its
/// own; then the other files and the index. Pages are taken a few at a time (`PAGES_TAKEN`)
/// by as many worker threads as rayon's pool has (so a caller's pool sets how many): first
/// the pages that gather many items, which take longest, then the rest in the plan's order,
/// so that no thread is left making one long page at the end. Each worker gives the sink the
/// pages it makes, and only the pages in flight are held in memory. What the rest of the
/// build reads of them (their findings, their words for the search index) comes back here
/// and goes on in the plan's order. Plain threads rather than rayon tasks, because this
/// thread waits on them: on a pool of one it would wait on itself.
/// `progress` is told how many pages are made, of how many (first none, before any is made);
/// then, in a report with search, how many of them the index has read, and that it is being
/// finished.
pub fn render_into(
    plan: &Plan<'_>,
    theme: &Theme,
    frameworks: &Frameworks,
    sink: &dyn Sink,
    progress: &mut dyn FnMut(Progress),
) -> Vec<Diagnostic> {
    let (mut site, mut problems) = match Site::new(plan, theme, frameworks) {
        Ok(made) => made,
        Err(problems) => return problems,
    };
    let pages = &plan.pages;
    let (gathering, single): (Vec<usize>, Vec<usize>) =
        (0..pages.len()).partition(|&at| pages[at].kind.gathers());
    let taking_order = &[gathering, single].concat();
    let workers = rayon::current_num_threads();
    let next = AtomicUsize::new(0);
    progress(Progress::Pages {
        made: 0,
        of: pages.len(),
    });
    let index = std::thread::scope(|scope| {
        // Bounded, so that workers wait rather than fill memory when this thread falls behind.
        let (made, made_pages) = mpsc::sync_channel(workers * 4);
        let (to_index, for_index) = mpsc::channel::<search::Searchable>();
        // How many pages the index has read: it reads more slowly than the pages are made,
        // so the line goes on saying how far it has got once they are. Told every so many
        // pages, and at the end: told every page, waking this thread cost the index 3%.
        let (read_tx, read) = mpsc::channel::<usize>();
        let indexer = scope.spawn(move || {
            let mut indexer = search::Indexer::default();
            let mut count = 0;
            for page in for_index {
                indexer.add(&page);
                count += 1;
                if count % READ_TOLD_EVERY == 0 {
                    let _ = read_tx.send(count);
                }
            }
            if count % READ_TOLD_EVERY != 0 {
                let _ = read_tx.send(count);
            }
            drop(read_tx);
            indexer.finish()
        });
        scope.spawn(|| {
            for (path, body) in open_data(plan) {
                sink.file(path, body);
            }
        });
        let (site, next) = (&site, &next);
        for _ in 0..workers {
            let made = made.clone();
            scope.spawn(move || {
                loop {
                    let first = next.fetch_add(PAGES_TAKEN, Ordering::Relaxed);
                    let end = (first + PAGES_TAKEN).min(taking_order.len());
                    let Some(taken) = taking_order.get(first..end) else {
                        break;
                    };
                    let done = taken.iter().map(|&at| {
                        let page = &pages[at];
                        let done = render_page(site, page).map(|page_made| {
                            let searchable = search::searchable_page(plan, page, &page_made.text);
                            sink.page(page_made.path, page_made.html, page_made.text);
                            (page_made.findings, searchable)
                        });
                        (at, done)
                    });
                    if made.send(done.collect::<Vec<_>>()).is_err() {
                        break;
                    }
                }
            });
        }
        drop(made);
        // Pages arrive out of the plan's order; what they give goes on in it.
        let mut waiting = BTreeMap::new();
        let (mut due, mut made_so_far, mut searched) = (0, 0, 0);
        for done in made_pages {
            made_so_far += done.len();
            waiting.extend(done);
            while let Some(done) = waiting.remove(&due) {
                match done {
                    Ok((findings, searchable)) => {
                        problems.extend(findings);
                        if let Some(searchable) = searchable {
                            let _ = to_index.send(searchable);
                            searched += 1;
                        }
                    }
                    Err(problem) => problems.push(problem),
                }
                due += 1;
            }
            progress(Progress::Pages {
                made: made_so_far,
                of: pages.len(),
            });
        }
        drop(to_index);
        // Ends when the index has read every page.
        for read in read {
            progress(Progress::Searched { read, of: searched });
        }
        if searched > 0 {
            progress(Progress::Index);
        }
        indexer.join().expect("the search index's thread")
    });
    // The cards are done with: dropped before the feeds and the sitemap (10 MB of template
    // values at 10,000 stories) are made, so that the two are never held at once.
    for cards in &mut site.story_cards {
        cards.take();
    }
    let (site_files, found) = files_but_open_data(&site);
    problems.extend(found);
    for (path, body) in site_files {
        sink.file(path, body);
    }
    match index {
        Ok(index) => {
            for (path, body) in index {
                sink.file(path, body);
            }
        }
        Err(problem) => problems.push(problem),
    }
    problems
}

/// How many pages a worker takes at a time. One at a time, this thread was woken for each
/// page, 2% of a large build's time; a few more pages held in flight cost nothing.
const PAGES_TAKEN: usize = 16;

/// How many pages the search index reads between two counts of how far it has got.
const READ_TOLD_EVERY: usize = 64;

/// How far a render has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Pages {
        made: usize,
        of: usize,
    },
    /// Every page is made, and the search index has read `read` of the `of` pages it reads.
    Searched {
        read: usize,
        of: usize,
    },
    /// Every page is made, and the search index has read them all: it is being finished.
    /// Only in a report with search.
    Index,
}

/// The files of the site that are not pages: the theme's static files, the published media,
/// the feeds and sitemap, the report's own files for the site's root (after Chorus's, so that
/// its `robots.txt` replaces Chorus's), and the open data, each by its path in the site.
pub fn files(site: &Site<'_>) -> (Vec<(String, Body)>, Vec<Diagnostic>) {
    let (mut files, problems) = files_but_open_data(site);
    files.extend(open_data(site.plan));
    (files, problems)
}

/// The open data (`data/`), which needs only the plan: `render_into` makes it beside the
/// pages rather than after them, where it was 60 ms of a 10,000-story build on one core.
fn open_data(plan: &Plan<'_>) -> impl Iterator<Item = (String, Body)> {
    data::files(plan)
        .into_iter()
        .map(|(path, bytes)| (path, Body::Bytes(bytes)))
}

/// `files` without the open data.
fn files_but_open_data(site: &Site<'_>) -> (Vec<(String, Body)>, Vec<Diagnostic>) {
    let (plan, theme) = (site.plan, site.theme);
    // The search page's script goes only with the search page.
    let needed = |name: &&str| plan.content.site.search || *name != search::SCRIPT;
    let assets = theme
        .static_files()
        .filter(|(name, _)| needed(name))
        .map(|(name, bytes)| {
            let bytes = if name == "style.css" {
                stylesheet(theme, &plan.content.site.brand).into_bytes()
            } else {
                bytes.to_vec()
            };
            (routes::asset(name), Body::Bytes(bytes))
        });
    let media = plan
        .media
        .iter()
        .map(|file| (file.path.clone(), Body::CopyOf(file.disk_path.clone())));
    let root_files = plan
        .content
        .root_files
        .iter()
        .map(|file| (file.path.clone(), Body::CopyOf(file.disk_path.clone())));
    let (published, problems) = feeds::files(site);
    let files = assets
        .chain(media)
        .chain(
            published
                .into_iter()
                .map(|(path, text)| (path, Body::Bytes(text.into_bytes()))),
        )
        .chain(root_files)
        .collect();
    (files, problems)
}

/// Makes one page: its values for the template, then the template.
pub fn render_page(site: &Site<'_>, page: &PagePlan) -> Result<RenderedPage, Diagnostic> {
    let link_base = match page.kind {
        PageKind::NotFound => site.plan.content.site.base_url.as_deref(),
        _ => None,
    };
    let mut job = Job {
        frame: PageFrame {
            site,
            page,
            link_base,
        },
        findings: Vec::new(),
        text: String::new(),
        markdown_bytes: 0,
        keeps_words: search::keeps_words(site.plan, page),
    };
    let (template, context) = match &page.kind {
        PageKind::Home => ("home.html", pages::home(&mut job)),
        PageKind::StoryList => ("stories.html", stories::list(&mut job)),
        PageKind::Story(slug) => ("story.html", stories::story(&mut job, slug)),
        PageKind::Free(slug) => ("page.html", pages::free(&mut job, slug)),
        PageKind::Accessibility => ("accessibility.html", pages::accessibility(&mut job)),
        PageKind::SiteMap => ("site-map.html", pages::site_map(&mut job)),
        PageKind::NotFound => ("404.html", pages::not_found(&mut job)),
        PageKind::Tracker => (
            "tracker.html",
            tracker::tracker(&mut job, &tracker::Filter::All),
        ),
        PageKind::EntryStatus(status) => (
            "tracker.html",
            tracker::tracker(&mut job, &tracker::Filter::Status(*status)),
        ),
        PageKind::EntryTheme(theme) => (
            "tracker.html",
            tracker::tracker(&mut job, &tracker::Filter::Theme(theme)),
        ),
        PageKind::Entry(slug) => ("entry.html", tracker::entry(&mut job, slug)),
        PageKind::Assessment => ("assessment.html", assessment::overview(&mut job)),
        PageKind::Cycle(cycle) => ("cycle.html", assessment::cycle(&mut job, cycle)),
        PageKind::Rating(cycle, statement) => (
            "rating.html",
            assessment::rating(&mut job, cycle, statement),
        ),
        PageKind::Theme(theme) => ("evidence.html", evidence::theme(&mut job, theme)),
        PageKind::Statement(statement) => {
            ("evidence.html", evidence::statement(&mut job, statement))
        }
        PageKind::CoProduction => ("co-production.html", evidence::co_production(&mut job)),
        PageKind::Search => ("search.html", search::page(&mut job)),
    };
    let problem = |error: tera::Error| mistakes::rendering(site.theme, template, &error);
    let context = context.map_err(problem)?;
    // Room for the page's markdown and the frame around it, so that the page is not copied
    // again and again as it grows (it was, from a few kilobytes up).
    let mut html = Vec::with_capacity(job.markdown_bytes + FRAME_BYTES);
    site.tera
        .render_to(template, &context, &mut html)
        .map_err(problem)?;
    let html = String::from_utf8(html)
        .map_err(|e| problem(tera::Error::message(format!("the page is not text: {e}"))))?;
    // Every page's values carry its title, through `Frame`.
    let title = context
        .get("title")
        .and_then(|t| t.as_str())
        .unwrap_or_default()
        .to_owned();
    Ok(RenderedPage {
        path: page.path.clone(),
        html,
        text: PageText {
            title,
            text: job.text,
        },
        findings: job.findings,
    })
}

/// About as many bytes as the default theme writes around a page's own words.
const FRAME_BYTES: usize = 8 * 1024;

/// One page's work in progress: what it found, and its plain text so far.
pub struct Job<'a> {
    pub frame: PageFrame<'a>,
    findings: Vec<Diagnostic>,
    text: String,
    /// How many bytes of HTML its markdown made: the page is at least that long.
    markdown_bytes: usize,
    /// Whether the page's words are kept as plain text (`search::keeps_words`).
    keeps_words: bool,
}

impl Job<'_> {
    /// A document's markdown as safe HTML for this page, whose heading is `title`.
    pub fn document(&mut self, document: &crate::content::Document, title: &str) -> String {
        // Held, or read again when the build let go of it (see `SourceFile::release`).
        let Ok(file) = document.source.in_memory() else {
            self.findings.push(changed_during_build(document.file()));
            return String::new();
        };
        let text = file.text();
        self.markdown_titled(
            &Markdown {
                text: text.get(document.body.clone()).unwrap_or_default(),
                origin: Origin::File {
                    file: &file,
                    base: document.body.start,
                },
            },
            Some(title),
        )
    }

    /// Markdown written in a setting (a TOML value or a spreadsheet cell) as safe HTML for this
    /// page: every finding points at the setting.
    pub fn setting(&mut self, file: &str, text: &crate::content::fields::At<String>) -> String {
        self.markdown(&Markdown {
            text: &text.value,
            origin: Origin::Setting {
                file,
                place: &text.place,
            },
        })
    }

    /// Any markdown as safe HTML for this page; what had to change joins the page's findings.
    pub fn markdown(&mut self, markdown: &Markdown<'_>) -> String {
        self.markdown_titled(markdown, None)
    }

    fn markdown_titled(&mut self, markdown: &Markdown<'_>, title: Option<&str>) -> String {
        let rendered = markdown::to_html(
            markdown,
            &Target {
                page_path: &self.frame.page.path,
                language: self.frame.page.language,
                routes: &self.frame.site.plan.routes,
                title,
                plain_text: self.keeps_words,
            },
        );
        self.findings.extend(rendered.problems);
        self.add_text(&rendered.text);
        self.markdown_bytes += rendered.html.len();
        rendered.html
    }

    /// Adds words to the page's plain text, when it keeps its words.
    pub fn add_text(&mut self, text: &str) {
        if !self.keeps_words {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(text);
    }

    /// The template's values: the page's own, and the theme's words as `t`.
    pub fn context<T: Serialize>(&self, values: &T) -> tera::TeraResult<Context> {
        let mut context = Context::new();
        names::insert_fields(&mut context, values)?;
        let words = &self.frame.site.words[self.frame.page.language];
        context.insert_value("t", words.value.clone());
        Ok(context)
    }
}

/// The theme's stylesheet, with the report's brand colours after it when it has any.
pub fn stylesheet(theme: &Theme, brand: &[(&str, String)]) -> String {
    let mut css = theme
        .file("static/style.css")
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_default();
    if !brand.is_empty() {
        css.push_str("\n/* The report's brand colours, from [brand] in site.toml. */\n:root {\n");
        for (property, colour) in brand {
            css.push_str(&format!("  {property}: {colour};\n"));
        }
        css.push_str("}\n");
    }
    css
}

fn templates(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut sources = Vec::new();
    for (name, bytes) in theme.templates() {
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
            vec![
                Diagnostic::error(
                    rules::TEMPLATE_NOT_UTF8,
                    theme.shown_path(&format!("templates/{name}")),
                    "This template is not saved as UTF-8 text.",
                )
                .help("Save it again with the encoding UTF-8."),
            ]
        })?;
        sources.push((name.to_owned(), text));
    }
    tera.add_raw_templates(sources)
        .map_err(|error| mistakes::loading(theme, &error))?;
    Ok(tera)
}
/// A story or page saved again after the build checked it and let go of its text: the page
/// would not be what was checked, so nothing is written.
fn changed_during_build(file: &str) -> Diagnostic {
    Diagnostic::error(
        rules::FILE_CHANGED_DURING_BUILD,
        file,
        "This file changed while the site was being made, after Chorus had checked it, so the site was not written.",
    )
    .help("Build again once the file is saved: the site as it was is still there.")
}
