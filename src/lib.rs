//! Chorus turns a co-produced report (`content/`) into an accessible static website (`site/`).
//!
//! One pipeline, each stage in its own module and none reaching into another's work:
//! load (`content`) → plan (`plan`) → check (`check`) → render (`render`) → write (`output`).

pub mod brand;
pub mod check;
pub mod consent;
pub mod content;
pub mod diagnostics;
pub mod framework;
pub mod markdown;
pub mod memory;
pub mod output;
pub mod plan;
pub mod preview;
pub mod render;
pub mod report_files;
pub mod rules;
pub mod serve;
pub mod source;
pub mod starter;
pub mod theme;
pub mod untrusted;

use diagnostics::{Diagnostic, Diagnostics};
use jiff::civil::Date;
use output::Output;
use std::path::Path;
use std::sync::OnceLock;

/// The site made in memory, and every problem found on the way.
pub struct Compiled {
    pub output: Output,
    pub diagnostics: Diagnostics,
    /// How many stories are published and left out, by reason.
    pub stories: plan::published::Tally,
}

/// What the stages before render made from a report's content, and what they found.
pub struct Planned<'c> {
    pub plan: plan::Plan<'c>,
    pub theme: theme::Theme,
    pub frameworks: framework::Frameworks,
    pub diagnostics: Diagnostics,
}

/// Runs plan and check on loaded content, and loads the theme. `build` and `serve` both go
/// through here, so the preview is planned and checked exactly as the published site is.
pub fn plan_and_check<'c>(
    root: &Path,
    content: &'c content::Content,
    today: Date,
    mode: plan::Mode,
) -> Planned<'c> {
    let mut diagnostics = Diagnostics::default();
    let (frameworks, problems) =
        framework::Frameworks::for_report(&content.site.frameworks, &content.frameworks);
    diagnostics.extend(problems);
    let plan = plan::plan_for(content, &frameworks, today, mode);
    diagnostics.extend(plan.findings.iter().cloned());
    diagnostics.extend(check::check(&plan, &frameworks, today));
    let (theme, problems) = theme::Theme::load(root, &content.site.theme);
    diagnostics.extend(problems);
    Planned {
        plan,
        theme,
        frameworks,
        diagnostics,
    }
}

/// Settings given on the command line, which take the place of the same settings in
/// `site.toml` for one run: a staging copy built with another address.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--base-url`, already checked and ending in `/`.
    pub base_url: Option<String>,
}

impl Overrides {
    /// Reads the report as `content::load` does, then puts these settings in place.
    pub fn load(&self, root: &Path, today: Date) -> (content::Content, Vec<Diagnostic>) {
        self.load_with(root, today, &mut content::cache::Cache::default())
    }

    /// `load`, parsing only the files whose bytes `cache` does not hold (`chorus serve`).
    pub fn load_with(
        &self,
        root: &Path,
        today: Date,
        cache: &mut content::cache::Cache,
    ) -> (content::Content, Vec<Diagnostic>) {
        let (mut content, problems) = content::load_with(root, today, cache);
        if let Some(base_url) = &self.base_url {
            content.site.base_url = Some(base_url.clone());
            content.site.addresses.push(base_url.clone());
        }
        (content, problems)
    }
}

/// Runs load, plan, check and render. Render runs even when there are errors, so that one run
/// reports the problems in the stories' text too; the output is then not to be written.
pub fn compile(root: &Path, today: Date) -> Compiled {
    compile_with(root, today, &Overrides::default())
}

/// `compile`, with settings from the command line in the place of `site.toml`'s.
pub fn compile_with(root: &Path, today: Date, overrides: &Overrides) -> Compiled {
    loaded_and_planned(root, today, overrides, |_, planned, mut diagnostics| {
        let (output, problems) = render::render(&planned.plan, &planned.theme, &planned.frameworks);
        diagnostics.extend(problems);
        Compiled {
            output,
            diagnostics,
            stories: planned.plan.published.tally(),
        }
    })
}

/// Load, then plan and check: what `compile`, `check` and `build` each do first. `then` is
/// given the report's content, what the plan made of it, and every problem found so far,
/// load's first.
fn loaded_and_planned<R>(
    root: &Path,
    today: Date,
    overrides: &Overrides,
    then: impl FnOnce(&content::Content, Planned<'_>, Diagnostics) -> R,
) -> R {
    let (content, problems) = overrides.load(root, today);
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(problems);
    let mut planned = plan_and_check(root, &content, today, plan::Mode::Publish);
    diagnostics.extend(std::mem::take(&mut planned.diagnostics));
    then(&content, planned, diagnostics)
}

/// `chorus check`: every stage but writing. The pages are made for what they find, and each
/// is dropped as soon as it is made, so that nothing of the site is held: checking a
/// 10,000-story report held its whole site (183 MB) in memory.
pub fn check(root: &Path, today: Date) -> Checked {
    let overrides = Overrides::default();
    loaded_and_planned(root, today, &overrides, |_, planned, mut diagnostics| {
        let (plan, theme, frameworks) = (&planned.plan, &planned.theme, &planned.frameworks);
        diagnostics.extend(render::render_into(
            plan,
            theme,
            frameworks,
            &Discard,
            &mut |_| {},
        ));
        Checked {
            diagnostics,
            stories: plan.published.tally(),
        }
    })
}

/// What `check` found.
pub struct Checked {
    pub diagnostics: Diagnostics,
    /// How many stories are published and left out, by reason.
    pub stories: plan::published::Tally,
}

/// What `build` did.
pub struct Built {
    pub diagnostics: Vec<Diagnostic>,
    /// How many pages were written; `None` when nothing was written.
    pub pages: Option<usize>,
    /// When no new site was put in place: where the previous site is.
    pub previous_site: Option<output::Previous>,
    /// When no new site was put in place: the pages of that previous site that belong to
    /// stories whose consent is now withdrawn, which it goes on showing until a build is made.
    pub withdrawn_still_shown: Vec<String>,
    pub stories: plan::published::Tally,
}

/// Runs every stage, then writes. With any error no new site is put in place, and `previous_site` says
/// where the previous one is: as it was, unless a write failed part-way.
///
/// Pages go to the new site folder as they are made (`output::NewSite`), so the site is never
/// whole in memory; it is put in place only once every page is made without errors.
pub fn build(root: &Path, site_dir: &Path, today: Date, overrides: &Overrides) -> Built {
    build_with_progress(root, site_dir, today, overrides, &mut |_| {})
}

/// `build`, telling `progress` how far the pages have got.
pub fn build_with_progress(
    root: &Path,
    site_dir: &Path,
    today: Date,
    overrides: &Overrides,
    progress: &mut dyn FnMut(render::Progress),
) -> Built {
    loaded_and_planned(root, today, overrides, |content, planned, diagnostics| {
        render_and_write(root, site_dir, content, planned, diagnostics, progress)
    })
}

/// Renders the pages into a new site folder as they are made, and puts it in place when
/// every page is made without errors.
fn render_and_write(
    root: &Path,
    site_dir: &Path,
    content: &content::Content,
    planned: Planned<'_>,
    mut diagnostics: Diagnostics,
    progress: &mut dyn FnMut(render::Progress),
) -> Built {
    let stories = planned.plan.published.tally();
    let render_into = |sink: &dyn render::Sink, progress: &mut dyn FnMut(render::Progress)| {
        render::render_into(
            &planned.plan,
            &planned.theme,
            &planned.frameworks,
            sink,
            progress,
        )
    };
    let finished = |diagnostics: Diagnostics, pages: Option<usize>, previous_site| Built {
        diagnostics: diagnostics.sorted(),
        withdrawn_still_shown: match pages {
            Some(_) => Vec::new(),
            None => withdrawn_still_shown(&planned.plan, site_dir),
        },
        pages,
        previous_site,
        stories,
    };
    // With errors already, or an output folder that cannot be written, pages are made only
    // for what they find, and nothing is written.
    let new_site = if diagnostics.has_errors() {
        None
    } else {
        Some(output::NewSite::begin(root, site_dir))
    };
    let new_site = match new_site {
        Some(Ok(new_site)) => new_site,
        not_written => {
            diagnostics.extend(render_into(&Discard, progress));
            let previous = Some(output::Previous::AsItWas);
            return match not_written {
                Some(Err(error)) if !diagnostics.has_errors() => {
                    let previous = Some(error.previous());
                    diagnostics.push(output::problem(error));
                    finished(diagnostics, None, previous)
                }
                _ => finished(diagnostics, None, previous),
            };
        }
    };
    // Every check is made: the pages read each text again as they need it.
    content.let_go_of_texts();
    memory::give_back_freed();
    let writer = Writer {
        site: &new_site,
        failed: OnceLock::new(),
    };
    diagnostics.extend(render_into(&writer, progress));
    let failed = writer.failed.into_inner();
    if diagnostics.has_errors() {
        let previous = new_site.abandon();
        return finished(diagnostics, None, Some(previous));
    }
    if let Some(error) = failed {
        let previous = error.previous();
        diagnostics.push(output::problem(error));
        return finished(diagnostics, None, Some(previous));
    }
    let pages = new_site.pages();
    match new_site.finish() {
        Ok(written) => {
            diagnostics.extend(output::notices(written));
            finished(diagnostics, Some(pages), None)
        }
        Err(error) => {
            let previous = error.previous();
            diagnostics.push(output::problem(error));
            finished(diagnostics, None, Some(previous))
        }
    }
}

/// The pages of the site in `site_dir` (the one in place) that belong to stories whose consent
/// is now withdrawn, in every language the site has: a build that puts no new site in place
/// leaves them published, and must say so rather than let the editor believe they are gone.
fn withdrawn_still_shown(plan: &plan::Plan<'_>, site_dir: &Path) -> Vec<String> {
    plan.left_out_story_pages()
        .into_iter()
        .filter(|(decision, path)| decision.is_withdrawn() && site_dir.join(path).is_file())
        .map(|(_, path)| path)
        .collect()
}

/// A render's files written into a new site as they come, by the threads that make them;
/// after the first failure the rest are not written (the new site is then removed whole).
struct Writer<'s, 'd> {
    site: &'s output::NewSite<'d>,
    failed: OnceLock<output::WriteError>,
}

impl Writer<'_, '_> {
    fn add(&self, path: &str, body: &output::Body) {
        if self.failed.get().is_none()
            && let Err(error) = self.site.add(path, body)
        {
            // Only the first failure is told; another thread's may come after it.
            let _ = self.failed.set(error);
        }
    }
}

impl render::Sink for Writer<'_, '_> {
    fn page(&self, path: String, html: String, _: output::PageText) {
        self.add(&path, &output::Body::Bytes(html.into_bytes()));
    }

    fn file(&self, path: String, body: output::Body) {
        self.add(&path, &body);
    }
}

/// A render made only for what it finds.
struct Discard;

impl render::Sink for Discard {
    fn page(&self, _: String, _: String, _: output::PageText) {}
    fn file(&self, _: String, _: output::Body) {}
}

/// Today's date where Chorus runs, for the consent rules.
///
/// The tests pin it with the environment variable `CHORUS_REAL_TODAY_FOR_TESTS`, so that their
/// fixtures' consent dates give the same answer on any day: `build` refuses a `--today` before
/// this date, and without the pin the tests would fail from the day after they were written.
pub fn today() -> Date {
    std::env::var("CHORUS_REAL_TODAY_FOR_TESTS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or_else(|| jiff::Zoned::now().date())
}
