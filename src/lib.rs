//! Chorus turns a co-produced report (`content/`) into an accessible static website (`site/`).
//!
//! One pipeline, four stages, each in its own module and none reaching into another's work:
//! load (`content`) → check (`check`) → render (`render`) → write (`output`).

pub mod check;
pub mod consent;
pub mod content;
pub mod diagnostics;
pub mod framework;
pub mod markdown;
pub mod output;
pub mod render;
pub mod report_files;
pub mod source;
pub mod theme;

use diagnostics::{Diagnostic, Diagnostics};
use jiff::civil::Date;
use output::Output;
use std::path::Path;

/// The site made in memory, and every problem found on the way.
pub struct Compiled {
    pub output: Output,
    pub diagnostics: Diagnostics,
}

/// Runs load, check and render. Render runs even when there are errors, so that one run
/// reports the problems in the stories' text too; the output is then not to be written.
pub fn compile(root: &Path, today: Date) -> Compiled {
    let mut diagnostics = Diagnostics::default();
    let (content, problems) = content::load(root);
    diagnostics.extend(problems);
    let frameworks = framework::Frameworks::built_in(
        &content
            .site
            .frameworks
            .iter()
            .map(|f| f.value.clone())
            .collect::<Vec<_>>(),
    );
    diagnostics.extend(check::check(&content, &frameworks, today));
    let (theme, problems) = theme::Theme::load(root, &content.site.theme);
    diagnostics.extend(problems);
    let inputs = render::Inputs {
        content: &content,
        theme: &theme,
        frameworks: &frameworks,
        today,
    };
    let (output, problems) = render::render(&inputs);
    diagnostics.extend(problems);
    Compiled {
        output,
        diagnostics,
    }
}

/// What `build` did.
pub struct Built {
    pub diagnostics: Vec<Diagnostic>,
    /// How many pages were written; `None` when nothing was written.
    pub pages: Option<usize>,
}

/// Runs the four stages. With any error nothing is written and the previous site stays as it was.
pub fn build(root: &Path, site_dir: &Path, today: Date) -> Built {
    let compiled = compile(root, today);
    let mut diagnostics = compiled.diagnostics;
    if diagnostics.has_errors() {
        return Built {
            diagnostics: diagnostics.sorted(),
            pages: None,
        };
    }
    let pages = match output::write(&compiled.output, site_dir) {
        Ok(()) => Some(compiled.output.pages()),
        Err(error) => {
            diagnostics.push(write_problem(error));
            None
        }
    };
    Built {
        diagnostics: diagnostics.sorted(),
        pages,
    }
}

fn write_problem(error: output::WriteError) -> Diagnostic {
    match error {
        output::WriteError::NotOurs(dir) => Diagnostic::error(
            dir.display().to_string(),
            "This output folder already holds files that Chorus did not make, so Chorus will not replace it.",
        )
        .help("Choose an empty or new folder with --output, or move those files somewhere else."),
        output::WriteError::Io(path, error) => Diagnostic::error(
            path.display().to_string(),
            format!("Chorus could not write the site here: {error}."),
        )
        .help("Check that there is space on the disk and that you may write to this folder. The previous site is as it was."),
    }
}

/// Today's date where Chorus runs, for the consent rules.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}
