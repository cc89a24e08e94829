//! The preview behind `chorus serve`: a build kept in memory and brought up to date after each
//! change to the report, making again only the pages whose inputs changed (`changes`).
//!
//! What it holds is always a complete build, the same to the byte as `chorus build` would write
//! for the same files (drafts aside); `tests/serve.rs` compares the two after each of a sequence
//! of edits, additions, renames and deletions. While the report has errors it keeps the last
//! build that had none, and the errors beside it, for `overlay` to show above each page.
//!
//! A run is `load → plan and check → render`, the same stages and code as `chorus build`
//! (`crate::plan_and_check`, `render::Site`, `render::render_page`, `render::files`): only
//! the choice of which pages to make is the preview's own.

pub mod changes;
pub mod overlay;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{Body, Output, PageText};
use crate::plan::Mode;
use crate::plan::pages::PagePlan;
use crate::render::search::Searchable;
use crate::render::{self, RenderedPage};
use changes::{Changed, Inputs};
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// What the preview shows.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Apply the consent dates as if today were this date; `None` for the real date each run.
    pub today: Option<Date>,
    /// Show the stories whose consent allows them but whose status is draft or review, marked
    /// as not published (`plan::Mode::Preview`). Without, the preview is the published site.
    pub drafts: bool,
    /// Settings from the command line (`--base-url`), as `chorus build` takes them.
    pub overrides: crate::Overrides,
}

/// A file of the site as the preview serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum File {
    Page {
        html: Arc<str>,
        /// Its words for search, as `Output::text` has them.
        text: Arc<PageText>,
        /// Shown only by the preview: it carries the "not published" banner.
        preview_only: bool,
    },
    Bytes(Arc<[u8]>),
    /// A media file, sent from the report folder as it is (checked by the load stage to be
    /// inside the report and outside `private/`), with its size and time of change when the
    /// run made the site: the site does not hold its bytes, so that is how a run knows it
    /// changed, through a link or a folder the watcher names differently too.
    CopyOf(PathBuf, Option<Stamp>),
}

/// A copied file's size and time of last change.
pub type Stamp = (u64, std::time::SystemTime);

fn stamp(path: &std::path::Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()?))
}

/// One complete build, without errors.
#[derive(Debug, Default)]
pub struct Site {
    pub files: BTreeMap<String, File>,
    search: SearchIndex,
}

/// The search index, made from the pages' words the first time a browser asks for one of its
/// files: on a large report that takes a good part of a second, and a preview is read far more
/// often than it is searched. Made by `render::search`, as `chorus build` makes it.
#[derive(Debug, Default)]
struct SearchIndex {
    pages: Vec<Searchable>,
    made: OnceLock<Result<IndexFiles, Diagnostic>>,
}

/// The search index's files, by their paths in the site.
type IndexFiles = BTreeMap<String, Arc<[u8]>>;

impl PartialEq for Site {
    fn eq(&self, other: &Site) -> bool {
        self.files == other.files && self.search.pages == other.search.pages
    }
}

impl Eq for Site {}

impl Site {
    /// A file of the site by its path, the search index's made if need be (which starts a
    /// runtime of its own: call it off any async runtime's threads, as the server does).
    pub fn file(&self, path: &str) -> Option<File> {
        if let Some(file) = self.files.get(path) {
            return Some(file.clone());
        }
        if !Site::is_search_index(path) {
            return None;
        }
        let bytes = self.search_index().ok()?.get(path)?;
        Some(File::Bytes(bytes.clone()))
    }

    /// Whether `path` is one of the search index's files, which `file` may take a while to make.
    pub fn is_search_index(path: &str) -> bool {
        path.starts_with(&format!("{}/", render::search::INDEX_FOLDER))
    }

    fn search_index(&self) -> Result<&IndexFiles, &Diagnostic> {
        self.search
            .made
            .get_or_init(|| {
                let files = render::search::index(&self.search.pages)?;
                Ok(files
                    .into_iter()
                    .filter_map(|(path, body)| match body {
                        Body::Bytes(bytes) => Some((path, bytes.into())),
                        Body::CopyOf(_) => None,
                    })
                    .collect())
            })
            .as_ref()
    }

    /// The same site as the write stage takes it: what `chorus build` would write.
    pub fn output(&self) -> Output {
        let mut output = Output::default();
        for (path, file) in &self.files {
            match file {
                File::Page { html, text, .. } => {
                    output.add_page(path.clone(), html.as_bytes(), PageText::clone(text));
                }
                File::Bytes(bytes) => output.insert(path.clone(), bytes.to_vec()),
                File::CopyOf(from, _) => output.copy(path.clone(), from.clone()),
            }
        }
        if let Ok(index) = self.search_index() {
            for (path, bytes) in index {
                output.insert(path.clone(), bytes.to_vec());
            }
        }
        output
    }
}

/// What is served at one moment. Made whole, then swapped in, so a browser never sees half
/// a change.
#[derive(Debug)]
pub struct Snapshot {
    /// Counts the runs that showed something new: a browser showing an older one reloads.
    pub generation: u64,
    /// The last build without errors; `None` until there is one.
    pub site: Option<Arc<Site>>,
    /// The errors of the latest run, in file order; empty when it had none.
    pub errors: Arc<Vec<Diagnostic>>,
}

/// What one run did, and how long each stage took.
#[derive(Debug, Clone)]
pub struct Update {
    /// The snapshot's generation after the run: the one before when the run showed nothing
    /// new (the same site, copied files' sizes and times included, and the same errors; no
    /// changed path a copied file or a file of unknown effect).
    pub generation: u64,
    /// Every problem of the run, in file order: what `chorus check` would say, with the
    /// preview's drafts shown.
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    /// How many pages were made again; the rest were kept from the run before.
    pub pages_made: usize,
    /// The paths of the pages made again, in the plan's order.
    pub made: Vec<String>,
    /// How many pages a reader finds changed since the site the preview showed before: new,
    /// gone, or written differently. After a run with errors, whose pages were not shown,
    /// this counts what changed since the last site shown, not what the last run made.
    pub pages_changed: usize,
    /// The same for the site's other files: pictures, styles, feeds, data.
    pub files_changed: usize,
    pub load: Duration,
    pub plan_and_check: Duration,
    pub render: Duration,
    pub total: Duration,
}

impl Update {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A page as the last run made it, kept to be reused.
struct Made {
    plan: PagePlan,
    html: Arc<str>,
    text: Arc<PageText>,
    findings: Vec<Diagnostic>,
}

pub struct Preview {
    root: PathBuf,
    options: Options,
    /// The inputs of the last run, and the pages it made; `None` before the first run.
    last: Option<(Inputs, HashMap<String, Made>)>,
    /// The files of `content/` as the last runs parsed them, by their bytes.
    parsed: crate::content::cache::Cache,
    snapshot: Arc<Snapshot>,
}

impl Preview {
    /// A preview of the report in `root`, with nothing built yet: `update` builds.
    pub fn new(root: &Path, options: Options) -> Preview {
        Preview {
            root: root.to_owned(),
            options,
            last: None,
            parsed: crate::content::cache::Cache::kept(),
            snapshot: Arc::new(Snapshot {
                generation: 0,
                site: None,
                errors: Arc::new(Vec::new()),
            }),
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.clone()
    }

    /// Brings the preview up to date after `paths` changed (files from the report folder, with `/`:
    /// `content/stories/x.md`); the first call builds everything. The watcher calls this, and
    /// so do the tests, with the paths they changed.
    pub fn update(&mut self, paths: &[String]) -> Update {
        let started = Instant::now();
        let today = self.options.today.unwrap_or_else(crate::today);
        let mode = if self.options.drafts {
            Mode::Preview
        } else {
            Mode::Publish
        };
        let (content, problems) =
            self.options
                .overrides
                .load_with(&self.root, today, &mut self.parsed);
        let load = started.elapsed();

        let planned_at = Instant::now();
        let mut planned = crate::plan_and_check(&self.root, &content, today, mode);
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(problems);
        diagnostics.extend(std::mem::take(&mut planned.diagnostics));
        let inputs = Inputs::of(&content, &planned.plan, &planned.theme);
        let plan_and_check = planned_at.elapsed();

        let render_at = Instant::now();
        let first_run = self.last.is_none();
        let (before, mut kept) = self.last.take().unwrap_or_default();
        let changed = if kept.is_empty() {
            Changed::everything()
        } else {
            inputs.changed_since(&before, paths)
        };
        let mut pages = HashMap::new();
        let mut made_paths = Vec::new();
        let mut site_files = Vec::new();
        let mut made_whole = false;
        match render::Site::new(&planned.plan, &planned.theme, &planned.frameworks) {
            Ok((site, problems)) => {
                made_whole = true;
                diagnostics.extend(problems);
                let (reuse, make): (Vec<&PagePlan>, Vec<&PagePlan>) =
                    planned.plan.pages.iter().partition(|page| {
                        !changed.touches(page)
                            && kept.get(&page.path).is_some_and(|made| made.plan == **page)
                    });
                made_paths = make.iter().map(|page| page.path.clone()).collect();
                let made: Vec<(&PagePlan, Result<RenderedPage, Diagnostic>)> = make
                    .par_iter()
                    .map(|page| (*page, render::render_page(&site, page)))
                    .collect();
                for (page, result) in made {
                    match result {
                        Ok(rendered) => {
                            pages.insert(
                                rendered.path,
                                Made {
                                    plan: page.clone(),
                                    html: rendered.html.into(),
                                    text: rendered.text.into(),
                                    findings: rendered.findings,
                                },
                            );
                        }
                        Err(problem) => diagnostics.push(problem),
                    }
                }
                for page in reuse {
                    if let Some(made) = kept.remove(&page.path) {
                        pages.insert(page.path.clone(), made);
                    }
                }
                let (files, problems) = render::files(&site);
                diagnostics.extend(problems);
                site_files = files;
            }
            Err(problems) => diagnostics.extend(problems),
        }
        for made in pages.values() {
            diagnostics.extend(made.findings.iter().cloned());
        }
        let has_errors = diagnostics.has_errors();
        let shown = self.snapshot.site.clone();
        // With errors, the last site without any is shown, under the problems; unless it
        // shows a story that is now left out (consent withdrawn, say), which is never shown,
        // not even here: then what was made now is shown.
        let shows_a_story_left_out = || {
            shown.as_deref().is_some_and(|shown| {
                (planned.plan.left_out_story_pages().iter())
                    .any(|(_, path)| shown.files.contains_key(path))
            })
        };
        let site = if has_errors && !(made_whole && shows_a_story_left_out()) {
            shown.clone()
        } else {
            Some(Arc::new(site_of(&pages, &planned.plan, site_files)))
        };
        let (pages_changed, files_changed) = match (shown.as_deref(), site.as_deref()) {
            (_, None) => (0, 0),
            (shown, Some(site)) => {
                let nothing = Site::default();
                let shown = shown.unwrap_or(&nothing);
                (
                    count_changed(shown, site, is_page),
                    count_changed(shown, site, |file| !is_page(file)),
                )
            }
        };
        let diagnostics = diagnostics.sorted();
        let render = render_at.elapsed();
        let errors: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        // One save often comes as two batches of events (an editor empties a file, then writes
        // it), so a run may find everything as the last one left it. Then the browsers are not
        // told to reload: nothing they show changed. A copied file (a picture) is not held in
        // the site, so a change to one always counts.
        let shows_the_same = !first_run
            && shown == site
            && *self.snapshot.errors == errors
            && paths.iter().all(|path| inputs.holds_whole(path));
        if !shows_the_same {
            self.snapshot = Arc::new(Snapshot {
                generation: self.snapshot.generation + 1,
                site,
                errors: Arc::new(errors),
            });
        }
        let generation = self.snapshot.generation;
        let page_count = pages.len();
        self.last = Some((inputs, pages));
        Update {
            generation,
            diagnostics,
            pages: page_count,
            pages_made: made_paths.len(),
            made: made_paths,
            pages_changed,
            files_changed,
            load,
            plan_and_check,
            render,
            total: started.elapsed(),
        }
    }
}

/// How many of the files `which` picks are new in `after`, gone from it, or different from
/// `before` (a copied file by its size and time of change).
fn count_changed(before: &Site, after: &Site, which: impl Fn(&File) -> bool) -> usize {
    let new_or_different = after
        .files
        .iter()
        .filter(|(path, file)| which(file) && before.files.get(*path) != Some(*file))
        .count();
    let gone = before
        .files
        .iter()
        .filter(|(path, file)| which(file) && !after.files.contains_key(*path))
        .count();
    new_or_different + gone
}

fn is_page(file: &File) -> bool {
    matches!(file, File::Page { .. })
}

/// The site from the pages made, the files `render::files` made, and the pages search reads:
/// what `render::render` puts in its `Output`.
fn site_of(
    pages: &HashMap<String, Made>,
    plan: &crate::plan::Plan<'_>,
    site_files: Vec<(String, Body)>,
) -> Site {
    let mut files = BTreeMap::new();
    for (path, made) in pages {
        files.insert(
            path.clone(),
            File::Page {
                html: made.html.clone(),
                text: made.text.clone(),
                preview_only: made.plan.preview_only,
            },
        );
    }
    for (path, body) in site_files {
        let file = match body {
            Body::Bytes(bytes) => File::Bytes(bytes.into()),
            Body::CopyOf(from) => {
                let stamp = stamp(&from);
                File::CopyOf(from, stamp)
            }
        };
        files.insert(path, file);
    }
    let searched =
        render::search::searchable(plan, |path| pages.get(path).map(|made| made.text.as_ref()));
    Site {
        files,
        search: SearchIndex {
            pages: searched,
            made: OnceLock::new(),
        },
    }
}
