//! Framework ids written in stories and entries: each theme and statement must belong to a
//! framework the report uses. A message lists the themes with their names, so the person
//! typing one sees which is which.

use crate::content::fields::{At, nearest};
use crate::diagnostics::Diagnostic;
use crate::framework::Frameworks;
use crate::rules;

pub fn unknown_theme(
    file: &str,
    theme: &At<String>,
    frameworks: &Frameworks,
) -> Option<Diagnostic> {
    if frameworks.theme(&theme.value).is_some() {
        return None;
    }
    let ids = frameworks.theme_ids();
    let named = frameworks.themes_with_names().join(", ");
    let help = match nearest(&theme.value, &ids) {
        Some(near) => format!(
            "Did you mean \"{near}\" ({})? The themes are: {named}.",
            frameworks.theme(near).map_or("", |t| t.name.as_str())
        ),
        None => format!("Use the id of a framework theme: {named}."),
    };
    Some(
        Diagnostic::error(
            rules::FRAMEWORK_THEME_UNKNOWN,
            file,
            format!(
                "\"{}\" is not a theme of the frameworks this report uses.",
                theme.value
            ),
        )
        .at(theme.location())
        .help(help),
    )
}

pub fn unknown_statement(
    file: &str,
    statement: &At<String>,
    frameworks: &Frameworks,
) -> Option<Diagnostic> {
    if frameworks.is_statement(&statement.value) {
        return None;
    }
    let listed = frameworks.listed_statement_ids();
    let near = nearest(&statement.value, &listed)
        .map(|near| format!("Did you mean \"{near}\"? "))
        .unwrap_or_default();
    Some(
        Diagnostic::error(rules::STATEMENT_UNKNOWN,
            file,
            format!(
                "\"{}\" is not a statement of the frameworks this report uses.",
                statement.value
            ),
        )
        .at(statement.location())
        .help(format!("{near}Making it Real statements look like mir.asc.i1 or mir.asc.we3; CQC's quality statements are cqc-la.qs1 to cqc-la.qs9.")),
    )
}
