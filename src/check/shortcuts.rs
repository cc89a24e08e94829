//! What the walks of the report's folders passed over (a shortcut that leads outside the
//! report, or into private/, or to nothing, or to a folder; what is not a file), told of once
//! each, at its own name. A page that uses one (a picture, a link, a story's image) is not
//! told that it points to a file that is not there: the shortcut's message says where it is
//! used instead, and stops the build when a published page uses it, as that page would go
//! without it.

use crate::diagnostics::{Diagnostic, Severity};
use crate::plan::Plan;
use crate::plan::sources::{Origin, Source};
use crate::untrusted::address::{self, Address};
use std::collections::BTreeMap;

pub fn check(plan: &Plan<'_>) -> Vec<Diagnostic> {
    plan.content
        .skipped
        .iter()
        .map(|skipped| {
            let mut problem = skipped.diagnostic();
            let Some(path) = skipped.name.strip_prefix("content/") else {
                return problem;
            };
            let users = users(plan, path);
            if users.is_empty() {
                return problem;
            }
            problem.severity = if users.iter().any(|user| user.published) {
                Severity::Error
            } else {
                Severity::Warning
            };
            problem.message = format!(
                "{} It is used {}, and left out there.",
                problem.message,
                places(&users)
            );
            problem
        })
        .collect()
}

/// Where a shortcut is used: in a file, at a line of it (none for a use in a spreadsheet's
/// cell, whose markdown is not a file's text).
struct User<'c> {
    file: &'c str,
    line: Option<usize>,
    /// Whether a page of the website shows the file.
    published: bool,
}

/// The uses of what a link names `path` (from `content/`), in the sources that say anything of
/// what they use: not a story left out for good, which says nothing.
fn users<'c>(plan: &Plan<'c>, path: &str) -> Vec<User<'c>> {
    if !plan.routes.is_skipped(path) {
        // A link by that name leads to something else (`index.md`, the home page).
        return Vec::new();
    }
    let path = path.to_lowercase();
    let mut users = Vec::new();
    for source in plan.sources.iter().filter(|source| !source.silent) {
        let user = |line| User {
            file: source.file,
            line,
            published: source.published,
        };
        for reference in &source.references {
            if reference.path.to_lowercase() == path {
                users.push(user(line_of(source, reference.range.start)));
            }
        }
        for named in &source.named_files {
            if matches!(address::classify(&named.value), Address::Content { path: p, .. } if p.to_lowercase() == path)
            {
                users.push(user(Some(named.location().line)));
            }
        }
    }
    users
}

/// The line of a source's file that byte `at` of its text is on, when it is a file's text.
fn line_of(source: &Source<'_>, at: usize) -> Option<usize> {
    match source.origin {
        Origin::File { file, base, .. } => Some(file.location(base + at..base + at).line),
        Origin::Setting(_) => None,
    }
}

/// The uses in words, file by file: `at line 22 of content/stories/a.md`, `at lines 3 and 9
/// of …`, `in content/you-said-we-did/tracker.csv`.
fn places(users: &[User<'_>]) -> String {
    let mut by_file: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for user in users {
        let lines = by_file.entry(user.file).or_default();
        lines.extend(user.line.filter(|line| !lines.contains(line)));
    }
    let places: Vec<String> = by_file
        .into_iter()
        .map(|(file, mut lines)| {
            lines.sort_unstable();
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            match lines.as_slice() {
                [] => format!("in {file}"),
                [one] => format!("at line {one} of {file}"),
                _ => format!(
                    "at lines {} of {file}",
                    crate::content::fields::in_a_list(&lines)
                ),
            }
        })
        .collect();
    crate::content::fields::in_a_list(&places)
}
