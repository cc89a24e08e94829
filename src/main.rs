//! The command line: parse, call the library, print what it found, set the exit code.

use chorus::diagnostics::{Diagnostic, Severity, count_words};
use chorus::output::Previous;
use clap::{Parser, Subcommand};
use jiff::civil::Date;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// Build the website from the report's content folder.
    Build {
        #[command(flatten)]
        report: Report,
        /// Where to write the website (default: site/ in the report folder).
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Find every problem in the report, without writing anything.
    Check {
        #[command(flatten)]
        report: Report,
    },
    /// Preview the website while you edit it: each page changes by itself when you save.
    Serve {
        /// The report folder: the one that holds content/ (the same as --root).
        #[arg(value_name = "REPORT", conflicts_with = "root")]
        folder: Option<PathBuf>,
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
    },
}

#[derive(clap::Args)]
struct Report {
    /// The report folder: the one that holds content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Apply the consent dates as if today were this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    today: Option<Date>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { report, output } => {
            let today = report.today.unwrap_or_else(chorus::today);
            let site_dir = output.unwrap_or_else(|| report.root.join("site"));
            let built = chorus::build(&report.root, &site_dir, today);
            print_all(&built.diagnostics);
            let counts = counts(&built.diagnostics);
            match built.pages {
                Some(pages) => {
                    eprintln!(
                        "Built {} into {}{counts}.",
                        count_words(pages, "page"),
                        shown(&site_dir)
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
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve {
            folder,
            report,
            port,
            open,
            lan,
            poll,
            no_drafts,
        } => serve_command::run(
            chorus::serve::Options {
                root: folder.unwrap_or(report.root),
                port,
                lan,
                poll,
                preview: chorus::preview::Options {
                    today: report.today,
                    drafts: !no_drafts,
                },
            },
            open,
        ),
        Command::Check { report } => {
            let today = report.today.unwrap_or_else(chorus::today);
            let compiled = chorus::compile(&report.root, today);
            let has_errors = compiled.diagnostics.has_errors();
            let diagnostics = compiled.diagnostics.sorted();
            print_all(&diagnostics);
            if has_errors {
                eprintln!(
                    "Found {}{}.",
                    problem_count(&diagnostics),
                    counts_besides_errors(&diagnostics)
                );
                ExitCode::FAILURE
            } else {
                eprintln!("No problems stop the build{}.", counts(&diagnostics));
                ExitCode::SUCCESS
            }
        }
    }
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
        Some(Previous::AsItWas) | None => {
            format!("Nothing was written: {} is as it was.", shown(site_dir))
        }
    }
}

pub(crate) fn print_all(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}");
    }
}

/// Counts the problems only counted in a message ("…and 12 more like this") too.
fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| 1 + d.more_like_this)
        .sum()
}

pub(crate) fn problem_count(diagnostics: &[Diagnostic]) -> String {
    let errors = count(diagnostics, Severity::Error);
    if errors == 1 {
        "1 problem that stops the build".to_owned()
    } else {
        format!("{errors} problems that stop the build")
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
