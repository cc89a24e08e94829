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
        let (mut content, problems) = content::load(root, today);
        if let Some(base_url) = &self.base_url {
            content.site.base_url = Some(base_url.clone());
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
    let (content, problems) = overrides.load(root, today);
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(problems);
    let planned = plan_and_check(root, &content, today, plan::Mode::Publish);
    diagnostics.extend(planned.diagnostics);
    let (output, problems) = render::render(&planned.plan, &planned.theme, &planned.frameworks);
    diagnostics.extend(problems);
    Compiled {
        output,
        diagnostics,
        stories: planned.plan.published.tally(),
    }
}

/// What `build` did.
pub struct Built {
    pub diagnostics: Vec<Diagnostic>,
    /// How many pages were written; `None` when nothing was written.
    pub pages: Option<usize>,
    /// When no new site was put in place: where the previous site is.
    pub previous_site: Option<output::Previous>,
    pub stories: plan::published::Tally,
}

/// Runs every stage, then writes. With any error no new site is put in place, and `previous_site` says
/// where the previous one is: as it was, unless a write failed part-way.
pub fn build(root: &Path, site_dir: &Path, today: Date, overrides: &Overrides) -> Built {
    let compiled = compile_with(root, today, overrides);
    let stories = compiled.stories;
    let mut diagnostics = compiled.diagnostics;
    if diagnostics.has_errors() {
        return Built {
            diagnostics: diagnostics.sorted(),
            pages: None,
            previous_site: Some(output::Previous::AsItWas),
            stories,
        };
    }
    let (pages, previous_site) = match output::write(&compiled.output, root, site_dir) {
        Ok(written) => {
            diagnostics.extend(output::notices(written));
            (Some(compiled.output.pages()), None)
        }
        Err(error) => {
            let previous = error.previous();
            diagnostics.push(output::problem(error));
            (None, Some(previous))
        }
    };
    Built {
        diagnostics: diagnostics.sorted(),
        pages,
        previous_site,
        stories,
    }
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
