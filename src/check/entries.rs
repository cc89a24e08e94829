//! The rules for "you said, we did" entries that reach across files: ids unique across every
//! file, themes and statements of the report's frameworks, dates still ahead, and stories'
//! `related` ids that name an entry.

use super::framework_ids::{unknown_statement, unknown_theme};
use super::{TITLE_LIMIT, long_date};
use crate::consent::Channel;
use crate::content::entries::entry::Entry;
use crate::content::fields::nearest;
use crate::diagnostics::Diagnostic;
use crate::framework::Frameworks;
use crate::plan::Plan;
use crate::rules;
use jiff::civil::Date;
use std::collections::HashMap;

pub fn check(plan: &Plan<'_>, frameworks: &Frameworks, today: Date) -> Vec<Diagnostic> {
    let entries = &plan.content.entries;
    let mut problems = duplicate_ids(entries);
    for entry in entries {
        check_entry(entry, frameworks, today, &mut problems);
    }
    problems.extend(related(plan));
    problems
}

fn check_entry(
    entry: &Entry,
    frameworks: &Frameworks,
    today: Date,
    problems: &mut Vec<Diagnostic>,
) {
    let file = &entry.file;
    problems.extend(super::title_html(file, &entry.title));
    let title_length = entry.title.value.chars().count();
    if title_length > TITLE_LIMIT {
        problems.push(
            Diagnostic::error(rules::TITLE_TOO_LONG, file, format!("The title is {title_length} characters long; a title can be at most {TITLE_LIMIT}."))
                .at(entry.title.location())
                .help("Shorten the title. \"you_said\" and \"we_did\" are the places for more detail."),
        );
    }
    problems.extend(
        entry
            .themes
            .iter()
            .filter_map(|t| unknown_theme(file, t, frameworks)),
    );
    problems.extend(
        entry
            .statements
            .iter()
            .filter_map(|s| unknown_statement(file, s, frameworks)),
    );
    if let Some(target) = &entry.target_date
        && entry.status.value.is_unfinished()
        && target.value < today
    {
        problems.push(
            Diagnostic::warning(rules::TARGET_DATE_PASSED,
                file,
                format!(
                    "The target date, {}, has passed, and this entry's status is still \"{}\".",
                    long_date(target.value),
                    entry.status.value.id()
                ),
            )
            .at(target.location())
            .help("If it is done, set its status and add an update saying so. If not, set a new target_date and add an update that says why it is late."),
        );
    }
}

/// Ids are unique across all files, compared as the pages they name: without regard to case.
fn duplicate_ids(entries: &[Entry]) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, &Entry> = HashMap::new();
    let mut problems = Vec::new();
    for entry in entries {
        match first.get(entry.slug.as_str()) {
            None => {
                first.insert(&entry.slug, entry);
            }
            Some(earlier) => problems.push(
                Diagnostic::error(rules::ENTRY_ID_TWICE,
                    &entry.file,
                    format!(
                        "Two entries have the id \"{}\": this one, and the one shown after it.",
                        entry.id.value,
                    ),
                )
                .at(entry.id.location())
                // Shown as a place of its own, so that it is named from the folder Chorus was
                // started in, as the first place is.
                .and_at("the other entry with that id", &earlier.file, earlier.id.location())
                .help("Give each entry an id of its own. Ids are compared without regard to capital letters, because each names a page."),
            ),
        }
    }
    problems
}

/// A story's `related` ids must each name an entry. A withdrawn story is not looked at.
fn related(plan: &Plan<'_>) -> Vec<Diagnostic> {
    let ids: Vec<&str> = plan
        .content
        .entries
        .iter()
        .map(|e| e.id.value.as_str())
        .collect();
    let mut problems = Vec::new();
    for story in &plan.content.stories {
        let decision = plan.published.story(&story.document.slug, Channel::Website);
        if decision.is_withdrawn() {
            continue;
        }
        for id in &story.related {
            if plan.tracker.entry(&id.value).is_some() {
                continue;
            }
            let help = if ids.is_empty() {
                "The report has no \"you said, we did\" entries yet. Add the entry in content/you-said-we-did/, or take the id out of related.".to_owned()
            } else {
                match nearest(&id.value, &ids).and_then(|near| plan.tracker.entry(near)) {
                    Some(near) => format!("Did you mean \"{}\"? Check the id against the entry's id.", near.id.value),
                    None => "Use the id of an entry in content/you-said-we-did/, or take this id out of related.".to_owned(),
                }
            };
            problems.push(
                Diagnostic::error(
                    rules::ENTRY_UNKNOWN,
                    story.document.file(),
                    format!(
                        "\"{}\" is not the id of a \"you said, we did\" entry.",
                        id.value
                    ),
                )
                .at(id.location())
                .help(help),
            );
        }
    }
    problems
}
