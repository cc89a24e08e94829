//! The rules of assessment cycles that reach beyond one rating: each statement belongs to the
//! cycle's framework and is rated once, each action is a "you said, we did" entry, and evidence
//! links go only to web and mail addresses.

use crate::content::assessment::cycle::Cycle;
use crate::content::fields::nearest;
use crate::diagnostics::Diagnostic;
use crate::framework::{Frameworks, statement_forms};
use crate::plan::Plan;
use crate::rules;
use crate::source::Place;

pub fn check(plan: &Plan<'_>, frameworks: &Frameworks) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for cycle in &plan.content.cycles {
        check_cycle(cycle, plan, frameworks, &mut problems);
    }
    problems
}

fn check_cycle(
    cycle: &Cycle,
    plan: &Plan<'_>,
    frameworks: &Frameworks,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(framework) = frameworks.framework(&cycle.framework.value) else {
        let ids: Vec<&str> = frameworks.iter().map(|f| f.id.as_str()).collect();
        let near = nearest(&cycle.framework.value, &ids)
            .map(|n| format!("Did you mean \"{n}\"? "))
            .unwrap_or_default();
        problems.push(
            Diagnostic::error(rules::FRAMEWORK_NOT_IN_REPORT, &cycle.file, format!("\"{}\" is not a framework this report uses.", cycle.framework.value))
                .at(cycle.framework.location())
                .help(format!("{near}The report uses: {}. A framework must be listed in frameworks in site.toml, or be the report's own in content/frameworks/.", ids.join(", "))),
        );
        return;
    };
    let mut rated: Vec<(&str, &str, &Place)> = Vec::new();
    for rating in &cycle.ratings {
        let id = rating.statement.value.as_str();
        let place = &rating.statement.place;
        match frameworks.framework_of(id) {
            Some(other) if other.id != framework.id => problems.push(
                Diagnostic::error(
                    rules::STATEMENT_OF_OTHER_FRAMEWORK,
                    &rating.file,
                    format!(
                        "\"{id}\" is a statement of {}, but this cycle assesses {}.",
                        other.title, framework.title
                    ),
                )
                .at(place.location())
                .help(format!(
                    "Rate it in a cycle of {}, or use a statement of {}. {}",
                    other.title,
                    framework.title,
                    statement_forms(framework)
                )),
            ),
            Some(_) if frameworks.is_statement(id) => {}
            _ => {
                let listed: Vec<&str> =
                    framework.statements.iter().map(|s| s.id.as_str()).collect();
                let near = nearest(id, &listed)
                    .map(|n| format!("Did you mean \"{n}\"? "))
                    .unwrap_or_default();
                problems.push(
                    Diagnostic::error(
                        rules::STATEMENT_UNKNOWN,
                        &rating.file,
                        format!("\"{id}\" is not a statement of {}.", framework.title),
                    )
                    .at(place.location())
                    .help(format!("{near}{}", statement_forms(framework))),
                );
            }
        }
        match rated.iter().find(|(s, _, _)| *s == id) {
            Some((_, file, first)) => problems.push(
                Diagnostic::error(rules::STATEMENT_RATED_TWICE, &rating.file, format!("\"{id}\" is rated twice in this cycle: here, and where it is shown after this."))
                    .at(place.location())
                    .and_at("the other rating of it", *file, first.location())
                    .help("Keep one rating for each statement in a cycle: agree on one, or give the two voices in one rating with people_rating and organisation_rating."),
            ),
            None => rated.push((id, &rating.file, place)),
        }
        for action in &rating.actions {
            if plan.tracker.entry(&action.value).is_some() {
                continue;
            }
            let ids: Vec<&str> = plan
                .tracker
                .entries
                .iter()
                .map(|e| e.slug.as_str())
                .collect();
            let near = nearest(&action.value, &ids)
                .and_then(|n| plan.tracker.entry(n))
                .map(|e| format!("Did you mean \"{}\"? ", e.id.value))
                .unwrap_or_default();
            problems.push(
                Diagnostic::error(
                    rules::ACTION_NOT_AN_ENTRY,
                    &rating.file,
                    format!(
                        "The action \"{}\" is not the id of a \"you said, we did\" entry.",
                        action.value
                    ),
                )
                .at(action.location())
                .help(format!(
                    "{near}Actions are the ids of entries in content/you-said-we-did/."
                )),
            );
        }
    }
}
