//! The command line: parse, call the library, print what it found, set the exit code.

use chorus::diagnostics::{Diagnostic, Severity, count_words, thousands};
use chorus::output::Previous;
use chorus::rules;
use chorus::starter;
use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod progress_line;
mod serve_command;

#[derive(Parser)]
#[command(
    name = "chorus",
    version,
    about = "Turns a co-produced report into an accessible website."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start a new report (chorus new our-report), or add to one (chorus new story "Title").
    New(New),
    /// Build the website from the report's content folder.
    Build {
        #[command(flatten)]
        report: Report,
        /// Where to write the website (default: site/ in the report folder).
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// The full address this copy of the site will have, in the place of site.toml's
        /// base_url: for a staging copy.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Find every problem in the report, without writing anything.
    Check {
        #[command(flatten)]
        report: Report,
    },
    /// Preview the website while you edit it: each page changes by itself when you save.
    Serve {
        #[command(flatten)]
        report: Report,
        /// The port of the preview's address.
        #[arg(long, value_name = "N", default_value_t = 4000)]
        port: u16,
        /// Open the preview in your web browser.
        #[arg(long)]
        open: bool,
        /// Share the preview with everyone on your local network, drafts included.
        #[arg(long)]
        lan: bool,
        /// Look for changes every half second: for a report on a network drive.
        #[arg(long)]
        poll: bool,
        /// Leave out drafts and stories in review: show only what will be published.
        #[arg(long)]
        no_drafts: bool,
        /// The full address to write in the pages' links that need one, in the place of
        /// site.toml's base_url.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
struct New {
    #[command(subcommand)]
    kind: Option<NewKind>,
    /// The folder to make the report in; it is made if it is not there (default: here).
    #[arg(value_name = "FOLDER")]
    folder: Option<PathBuf>,
}

/// What `chorus new` can add to a report that exists. Each kind writes one ready file.
#[derive(Subcommand)]
enum NewKind {
    /// Add a story: content/stories/<name>.md, with its consent to fill in.
    Story {
        /// The story's title, in quotation marks.
        title: String,
        #[command(flatten)]
        report: ReportFolder,
    },
    /// Add a "you said, we did" entry: content/you-said-we-did/<name>.toml, to fill in.
    Entry {
        /// The entry's title, in quotation marks.
        title: String,
        #[command(flatten)]
        report: ReportFolder,
    },
}

#[derive(Args)]
struct ReportFolder {
    /// The report folder: the one that holds content/ (default: here).
    #[arg(value_name = "REPORT")]
    folder: Option<PathBuf>,
    /// The same as REPORT.
    #[arg(long, value_name = "DIR", hide = true, conflicts_with = "folder")]
    root: Option<PathBuf>,
}

impl ReportFolder {
    fn path(&self) -> PathBuf {
        self.folder
            .clone()
            .or_else(|| self.root.clone())
            .unwrap_or_else(|| PathBuf::from("."))
    }
}

#[derive(Args)]
struct Report {
    #[command(flatten)]
    folder: ReportFolder,
    /// Apply the consent dates as if today were this date (YYYY-MM-DD). A build may look
    /// ahead, never back.
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let args: Vec<String> = std::env::args().skip(1).collect();
            if let Some(message) = misspelt_new_kind(&args) {
                eprintln!("{message}");
                return ExitCode::FAILURE;
            }
            error.exit()
        }
    };
    match cli.command {
        Command::New(new) => make_new(new),
        Command::Build {
            report,
            output,
            base_url,
        } => {
            let root = report.folder.path();
            let real_today = chorus::today();
            let today = match when(report.today.as_deref(), real_today, Use::Build) {
                Ok(today) => today,
                Err(problem) => return refuse(&problem, "Nothing was written."),
            };
            let overrides = match overrides(base_url.as_deref()) {
                Ok(overrides) => overrides,
                Err(problem) => return refuse(&problem, "Nothing was written."),
            };
            let site_dir = output.unwrap_or_else(|| root.join("site"));
            let mut progress = progress_line::ProgressLine::new();
            let built =
                chorus::build_with_progress(&root, &site_dir, today, &overrides, &mut |step| {
                    progress.show(step)
                });
            progress.clear();
            print_all(&root, &built.diagnostics);
            let counts = counts(&built.diagnostics);
            match built.pages {
                Some(pages) => {
                    eprintln!(
                        "Built {} into {}{counts}.{}",
                        count_words(pages, "page"),
                        shown(&site_dir),
                        built.stories.sentence()
                    );
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "Found {}{}. {}",
                        problem_count(&built.diagnostics),
                        counts_besides_errors(&built.diagnostics),
                        where_the_previous_site_is(&site_dir, built.previous_site.as_ref())
                    );
                    if let Some(still) = withdrawn_still_shown(&site_dir, &built) {
                        eprintln!("{still}");
                    }
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve {
            report,
            port,
            open,
            lan,
            poll,
            no_drafts,
            base_url,
        } => {
            // Without --today the preview takes the real date afresh on every change.
            let today = match report.today.as_deref() {
                None => None,
                given => match when(given, chorus::today(), Use::Serve) {
                    Ok(today) => Some(today),
                    Err(problem) => return refuse(&problem, "The preview did not start."),
                },
            };
            let overrides = match overrides(base_url.as_deref()) {
                Ok(overrides) => overrides,
                Err(problem) => return refuse(&problem, "The preview did not start."),
            };
            serve_command::run(
                chorus::serve::Options {
                    root: report.folder.path(),
                    port,
                    lan,
                    poll,
                    preview: chorus::preview::Options {
                        today,
                        drafts: !no_drafts,
                        overrides,
                    },
                },
                open,
            )
        }
        Command::Check { report } => {
            let root = report.folder.path();
            let today = match when(report.today.as_deref(), chorus::today(), Use::Check) {
                Ok(today) => today,
                Err(problem) => return refuse(&problem, "Nothing was checked."),
            };
            let checked = chorus::check(&root, today);
            let has_errors = checked.diagnostics.has_errors();
            let stories = checked.stories.sentence();
            let diagnostics = checked.diagnostics.sorted();
            print_all(&root, &diagnostics);
            if has_errors {
                eprintln!(
                    "Found {}{}.",
                    problem_count(&diagnostics),
                    counts_besides_errors(&diagnostics)
                );
                ExitCode::FAILURE
            } else {
                eprintln!(
                    "No problems stop the build{}.{stories}",
                    counts(&diagnostics)
                );
                ExitCode::SUCCESS
            }
        }
    }
}

/// `chorus new storey "Its title"`: clap reads the misspelt kind as the folder for a new
/// report, then refuses the title as a command it does not know, in its own words. Said
/// plainly instead, with the command meant.
fn misspelt_new_kind(args: &[String]) -> Option<String> {
    let [new, kind, rest @ ..] = args else {
        return None;
    };
    let kinds = ["story", "entry"];
    if new != "new" || rest.is_empty() || kinds.contains(&kind.as_str()) || kind.starts_with('-') {
        return None;
    }
    let meant = chorus::content::fields::nearest(&kind.to_lowercase(), &kinds)?;
    let rest: Vec<String> = rest.iter().map(|a| quoted_if_needed(a)).collect();
    Some(format!(
        "error: \"{kind}\" is not something chorus new makes: it makes a new report, a story or an entry.\n  what to do: Did you mean \"{meant}\"? Write: chorus new {meant} {}",
        rest.join(" ")
    ))
}

/// A word of a command as it would be typed: in quotation marks when it has a space.
fn quoted_if_needed(word: &str) -> String {
    if word.contains(char::is_whitespace) {
        format!("\"{word}\"")
    } else {
        word.to_owned()
    }
}

fn make_new(new: New) -> ExitCode {
    let today = chorus::today();
    let made = match new.kind {
        None => {
            let folder = new.folder.unwrap_or_else(|| PathBuf::from("."));
            starter::new_report(&folder, today).map(|files| (folder, files))
        }
        Some(NewKind::Story { title, report }) => {
            let folder = report.path();
            starter::new_story(&folder, &title, today).map(|file| (folder, vec![file]))
        }
        Some(NewKind::Entry { title, report }) => {
            let folder = report.path();
            starter::new_entry(&folder, &title, today).map(|file| (folder, vec![file]))
        }
    };
    match made {
        Ok((folder, files)) => {
            for file in &files {
                eprintln!("Made {}", shown(&folder.join(file)));
            }
            eprintln!("{}", starter::next_steps(&files, &shown(&folder)));
            ExitCode::SUCCESS
        }
        Err(problem) => refuse(&problem, "Nothing was made."),
    }
}

/// The settings given on the command line, checked before any report is read.
fn overrides(base_url: Option<&str>) -> Result<chorus::Overrides, Diagnostic> {
    Ok(chorus::Overrides {
        base_url: base_url
            .map(chorus::content::site::base_url_from_command_line)
            .transpose()?,
    })
}

/// A problem found before any report was read: printed alone, then what was not done.
fn refuse(problem: &Diagnostic, closing: &str) -> ExitCode {
    eprintln!("{problem}");
    eprintln!("{closing}");
    ExitCode::FAILURE
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    Build,
    Serve,
    Check,
}

/// The day the consent rules are applied on: `--today` if given and readable, or the real
/// date. A build or the preview may not go back in time: that would publish (or show as
/// published) stories whose consent has lapsed.
fn when(given: Option<&str>, real_today: Date, usage: Use) -> Result<Date, Diagnostic> {
    let Some(text) = given else {
        return Ok(real_today);
    };
    let today = text.trim().parse::<Date>().map_err(|_| {
        let help = match chorus::content::dates::read_typed(text) {
            Some(typed) => format!("{} For example: --today {}", typed.hint(), typed.date),
            None => format!(
                "Write the date as year-month-day, such as --today {}.",
                real_today
            ),
        };
        Diagnostic::error(
            rules::TODAY_UNREADABLE,
            "",
            format!("Chorus can't read --today {text} as a date."),
        )
        .help(help)
    })?;
    let (what, why) = match usage {
        Use::Build => (
            "A build",
            "it could publish a story whose consent has lapsed",
        ),
        Use::Serve => (
            "The preview",
            "it would show a story whose consent has lapsed as if it could be published",
        ),
        Use::Check => return Ok(today),
    };
    if today < real_today {
        return Err(Diagnostic::error(rules::TODAY_IN_PAST,
            "",
            format!(
                "{what} can't use --today with a date before today ({}): {why}.",
                chorus::check::long_date(real_today)
            ),
        )
        .help(format!("To see what the report looked like on an earlier day, use chorus check --today, which writes nothing. {what} may use a later date, to see what a review date will leave out.")));
    }
    Ok(today)
}

/// A folder as an editor would write it: `site`, not `./site`.
pub(crate) fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
}

/// The end of the closing line of a build that put no new site in place.
fn where_the_previous_site_is(site_dir: &Path, previous: Option<&Previous>) -> String {
    match previous {
        Some(Previous::PutBack(from)) => format!(
            "No new site was written: {} holds the previous site again, put back from {}.",
            shown(site_dir),
            shown(from)
        ),
        Some(Previous::SetAside(aside)) => format!(
            "No new site was written, and {} is missing: the previous site is whole in {}, and the next build will put it back.",
            shown(site_dir),
            shown(aside)
        ),
        Some(Previous::AsItWas) | None if !site_dir.exists() => {
            format!("Nothing was written: there is no {} yet.", shown(site_dir))
        }
        Some(Previous::AsItWas) | None => {
            format!("Nothing was written: {} is as it was.", shown(site_dir))
        }
    }
}

/// After a build that put no new site in place: the pages of stories whose consent is now
/// withdrawn that the site in place still shows, since the messages say they are left out.
fn withdrawn_still_shown(site_dir: &Path, built: &chorus::Built) -> Option<String> {
    let pages = &built.withdrawn_still_shown;
    if pages.is_empty() {
        return None;
    }
    // A story's pages in each language have the same name.
    let names: std::collections::HashSet<&str> = pages
        .iter()
        .filter_map(|page| page.rsplit('/').next())
        .collect();
    let stories = if names.len() == 1 {
        "a story whose consent was withdrawn"
    } else {
        "stories whose consent was withdrawn"
    };
    let shown_pages: Vec<String> = pages
        .iter()
        .map(|page| shown(&site_dir.join(page)))
        .collect();
    Some(format!(
        "Take care: {} still shows {stories} ({}), and will until a build puts a new site in place. Fix the problems that stop the build first.",
        shown(site_dir),
        shown_pages.join(", ")
    ))
}

/// Prints every message with its paths as they can be pasted from where chorus was run:
/// `chorus build our-report` names `our-report/content/site.toml`.
pub(crate) fn print_all(root: &Path, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{}", diagnostic.from_folder(&shown(root)));
    }
}

/// Counts the problems only counted in a message ("…and 12 more like this") too.
fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| 1 + d.more_like_this as usize)
        .sum()
}

pub(crate) fn problem_count(diagnostics: &[Diagnostic]) -> String {
    let errors = count(diagnostics, Severity::Error);
    if errors == 1 {
        "1 problem that stops the build".to_owned()
    } else {
        format!("{} problems that stop the build", thousands(errors))
    }
}

/// ", with 2 warnings and 1 note", or nothing.
pub(crate) fn counts(diagnostics: &[Diagnostic]) -> String {
    let parts = warning_and_note_counts(diagnostics);
    if parts.is_empty() {
        String::new()
    } else {
        format!(", with {}", parts.join(" and "))
    }
}

fn counts_besides_errors(diagnostics: &[Diagnostic]) -> String {
    let parts = warning_and_note_counts(diagnostics);
    if parts.is_empty() {
        String::new()
    } else {
        format!(" (and {})", parts.join(" and "))
    }
}

fn warning_and_note_counts(diagnostics: &[Diagnostic]) -> Vec<String> {
    [(Severity::Warning, "warning"), (Severity::Note, "note")]
        .into_iter()
        .map(|(severity, word)| (count(diagnostics, severity), word))
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| count_words(n, word))
        .collect()
}
