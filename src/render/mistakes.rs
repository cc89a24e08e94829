//! A mistake in a template, as the editing group reads it: plain words, the template's own
//! file (the report's `themes/<name>/templates/x.html`, or the built-in theme's) with the line,
//! and what to do, in place of Tera's own report.

use crate::diagnostics::Diagnostic;
use crate::rules::{self, Rule};
use crate::source::SourceFile;
use crate::theme::Theme;
use tera::ErrorKind;

/// The problems of a set of templates Tera could not load: a tag written wrongly, or a filter,
/// function, test, included template or block that does not exist. Each is its own message.
pub fn loading(theme: &Theme, error: &tera::Error) -> Vec<Diagnostic> {
    match error.kind() {
        ErrorKind::SyntaxError(report) => {
            let at = Place::of(report.filename(), report.span().range.clone());
            vec![syntax(theme, &at, report.message())]
        }
        // Tera gives the problems it finds between templates (an unknown filter, say) only as
        // its own printed reports, joined; each starts `error: …` and then `--> name:line:col`.
        ErrorKind::Msg(text) if text.starts_with("error: ") => {
            let placed: Vec<Diagnostic> = text
                .split("\n\nerror: ")
                .filter_map(|report| {
                    let report = report.strip_prefix("error: ").unwrap_or(report);
                    let (message, rest) = report.split_once('\n')?;
                    let place = rest.lines().next()?.trim().strip_prefix("--> ")?;
                    let (name, column) = place.rsplit_once(':')?;
                    let (name, line) = name.rsplit_once(':')?;
                    // The underline's length is the width of what is named.
                    let width = rest
                        .lines()
                        .find_map(|l| l.split_once(" | ").filter(|(_, u)| u.contains('^')))
                        .map_or(1, |(_, underline)| underline.matches('^').count());
                    let (line, column) = (line.parse().ok()?, column.parse().ok()?);
                    let at = Place::at_line(theme, name, line, column, width)?;
                    Some(reference(theme, &at, message))
                })
                .collect();
            if placed.is_empty() {
                vec![unplaced(error)]
            } else {
                placed
            }
        }
        _ => vec![unplaced(error)],
    }
}

/// The problem of a template that could not make a page: most often a value the page does not
/// have (`{{ titel }}`).
pub fn rendering(theme: &Theme, template: &str, error: &tera::Error) -> Diagnostic {
    match error.kind() {
        ErrorKind::RenderingError(report) => {
            let at = Place::of(report.filename(), report.span().range.clone());
            value(theme, &at, report.message())
        }
        _ => {
            let mut problem = unplaced(error);
            problem.file = theme.shown_path(&format!("templates/{template}"));
            problem
        }
    }
}

/// Where in which template: its name (`page.html`) and a byte range of its text.
struct Place {
    name: String,
    span: std::ops::Range<usize>,
}

impl Place {
    fn of(name: &str, span: std::ops::Range<usize>) -> Place {
        Place {
            name: name.to_owned(),
            span,
        }
    }

    /// From a 1-based line and column, as Tera prints them.
    fn at_line(
        theme: &Theme,
        name: &str,
        line: usize,
        column: usize,
        width: usize,
    ) -> Option<Place> {
        let text = template_text(theme, name)?;
        let line_start: usize = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let mut characters = text[line_start..]
            .char_indices()
            .map(|(i, _)| line_start + i);
        let start = characters
            .nth(column.saturating_sub(1))
            .unwrap_or(text.len());
        let end = characters.nth(width.max(1) - 1).unwrap_or(text.len());
        Some(Place::of(name, start..end))
    }

    fn diagnostic(&self, rule: &'static Rule, theme: &Theme, message: String) -> Diagnostic {
        let path = format!("templates/{}", self.name);
        let problem = Diagnostic::error(rule, theme.shown_path(&path), message);
        match template_text(theme, &self.name) {
            Some(text) => problem.at(SourceFile::new(&path, text).location(self.span.clone())),
            None => problem,
        }
    }
}

fn template_text<'t>(theme: &'t Theme, name: &str) -> Option<&'t str> {
    let bytes = theme.file(&format!("templates/{name}"))?;
    std::str::from_utf8(bytes).ok()
}

/// The end of the advice: whose mistake it is, and so who can fix it.
fn whose(theme: &Theme, name: &str) -> &'static str {
    if theme.is_own(&format!("templates/{name}")) {
        "Then save the template again; the preview and the next build use it at once."
    } else {
        "This template is Chorus's own, so the mistake is in Chorus: please tell the people who look after it."
    }
}

fn syntax(theme: &Theme, at: &Place, tera_says: &str) -> Diagnostic {
    at.diagnostic(
        rules::TEMPLATE_SYNTAX,
        theme,
        format!(
            "A tag in this template is not written as the template language needs. It says: \"{}\".",
            quiet(tera_says)
        ),
    )
    .help(format!(
        "Check the tag at this place: {{{{ … }}}} prints a value and {{% … %}} is an instruction; each must close with the same pair of marks, and each {{% block %}}, {{% if %}} and {{% for %}} needs its {{% endblock %}}, {{% endif %}} or {{% endfor %}}. {}",
        whose(theme, &at.name)
    ))
}

fn reference(theme: &Theme, at: &Place, tera_says: &str) -> Diagnostic {
    let named = |kind: &str| {
        tera_says
            .strip_prefix(kind)
            .and_then(|rest| rest.trim().strip_prefix('`'))
            .and_then(|rest| rest.strip_suffix('`'))
            .map(str::to_owned)
    };
    let (rule, message, help) = if let Some(filter) = named("Unknown filter") {
        (
            rules::TEMPLATE_UNKNOWN_FILTER,
            format!(
                "This template uses a filter \"{filter}\" that the template language does not have."
            ),
            format!(
                "Correct the name after the | (filters such as upper, lower, default, safe and truncate), or remove the | and the name. {}",
                whose(theme, &at.name)
            ),
        )
    } else if let Some(function) = named("Unknown function") {
        (
            rules::TEMPLATE_UNKNOWN_FUNCTION,
            format!(
                "This template calls a function \"{function}\" that the template language does not have."
            ),
            format!(
                "Correct the name, or remove the call. {}",
                whose(theme, &at.name)
            ),
        )
    } else if let Some(included) = named("Unknown template") {
        (
            rules::TEMPLATE_UNKNOWN_INCLUDE,
            format!(
                "This template includes a template \"{included}\" that the theme does not have."
            ),
            format!(
                "Correct the name to one of the files in templates/, or add that file to your theme's templates/ folder. {}",
                whose(theme, &at.name)
            ),
        )
    } else {
        (
            rules::TEMPLATE_FAILED,
            format!("This template has a mistake: {}.", quiet(tera_says)),
            format!("Correct the tag at this place. {}", whose(theme, &at.name)),
        )
    };
    at.diagnostic(rule, theme, message).help(help)
}

fn value(theme: &Theme, at: &Place, tera_says: &str) -> Diagnostic {
    let (missing, available) = match tera_says.split_once(" is not defined.") {
        Some((what, available)) => (
            what.trim_start_matches("Variable ")
                .trim_start_matches("Field ")
                .trim_matches('`')
                .to_owned(),
            available
                .trim()
                .trim_start_matches("Available variables:")
                .trim_start_matches("Available fields:")
                .split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .collect::<Vec<_>>(),
        ),
        None => {
            return at
                .diagnostic(
                    rules::TEMPLATE_FAILED,
                    theme,
                    format!(
                        "This template could not make its page: {}.",
                        quiet(tera_says)
                    ),
                )
                .help(format!(
                    "Check the values this tag uses against the list for this template in docs/themes.md. {}",
                    whose(theme, &at.name)
                ));
        }
    };
    // Menu links and story cards are made once per language and shared, so they give their
    // page's place from the site's root, not a link from one page: a theme made from an
    // older default theme still asks for `href` and `current`.
    if matches!(missing.as_str(), "href" | "current") && available.contains(&"path") {
        return at
            .diagnostic(
                rules::TEMPLATE_UNKNOWN_VALUE,
                theme,
                format!("This template uses a value \"{missing}\" that menu links and story cards do not have: they give \"path\", the page's place from the site's root."),
            )
            .help(format!(
                "Write the link as href=\"{{{{ root }}}}{{{{ link.path }}}}\" (for a story card, {{{{ root }}}}{{{{ story.path }}}}). Mark the current page in the main menu with {{% if link.path == section %}} aria-current=\"page\"{{% endif %}}, and in the footer with {{% if link.path == page_path %}}. docs/themes.md shows the default theme's menu. {}",
                whose(theme, &at.name)
            ));
    }
    let nearest = crate::content::fields::nearest(&missing, &available);
    let spelling = match nearest {
        Some(near) => format!("Did you mean \"{near}\"? "),
        None => String::new(),
    };
    at.diagnostic(
        rules::TEMPLATE_UNKNOWN_VALUE,
        theme,
        format!("This template uses a value \"{missing}\" that its pages do not have."),
    )
    .help(format!(
        "{spelling}docs/themes.md lists the values each template has. For a value only some pages have, write {{{{ {missing} | default(value=\"\") }}}}. {}",
        whose(theme, &at.name)
    ))
}

/// A problem Tera gives without a place (a template that extends itself, say).
fn unplaced(error: &tera::Error) -> Diagnostic {
    Diagnostic::error(rules::TEMPLATE_FAILED,
        "the theme's templates",
        format!("The theme's templates have a mistake: {}.", quiet(&error.to_string())),
    )
    .help("If you changed a template in your themes/ folder, check the {% %} and {{ }} tags you changed.")
}

/// Tera's words, on one line and without the final full stop, to quote inside a sentence.
fn quiet(tera_says: &str) -> String {
    let first = tera_says.lines().next().unwrap_or_default().trim();
    first.trim_end_matches('.').to_owned()
}
