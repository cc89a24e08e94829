//! What only the preview adds to a page, as it is sent: the live-reload script, the "not
//! published" banner of a draft, and while the report has errors, the error summary above the
//! last good build of the page. The site the preview holds never carries any of it, so
//! `chorus build` output cannot either.
//!
//! The summary follows the GOV.UK Design System's error summary: a box with `role="alert"`
//! that can take focus (the script moves focus to it when a change brings new problems), a
//! heading, and a list of the problems, each a link to its full entry on the problems page.
//! It and the banner go at the top of `<main>`, so the skip link leads straight to them.

use crate::diagnostics::Diagnostic;
use std::hash::{DefaultHasher, Hash, Hasher};

/// The preview's own addresses, under one folder no report can have (a file or folder whose
/// name starts with `_` is not a page Chorus makes).
pub const PREFIX: &str = "/__chorus/";
pub const SCRIPT: &str = "/__chorus/live-reload.js";
pub const STYLES: &str = "/__chorus/preview.css";
pub const EVENTS: &str = "/__chorus/events";
pub const PROBLEMS: &str = "/__chorus/problems.html";

pub const SCRIPT_TEXT: &str = include_str!("live-reload.js");
pub const STYLES_TEXT: &str = include_str!("preview.css");

/// How many problems the summary on each page lists; the problems page lists them all.
const LISTED: usize = 10;

/// A page as the preview sends it. `build` names the build the page is from, for the script.
pub fn page(html: &str, build: &str, errors: &[Diagnostic], preview_only: bool) -> String {
    let mut top = String::new();
    if !errors.is_empty() {
        top.push_str(&summary(errors, false));
    }
    if preview_only {
        top.push_str(BANNER);
    }
    let html = insert_at_top_of_main(html, &top);
    insert_in_head(&html, &head(build))
}

/// The page of every problem, also shown at every address until a first build succeeds.
pub fn problems_page(build: &str, errors: &[Diagnostic], has_site: bool) -> String {
    let (title, intro) = match (errors.is_empty(), has_site) {
        (true, _) => (
            "No problems stop the build".to_owned(),
            "The preview shows the report as it is now.".to_owned(),
        ),
        (false, true) => (
            heading(errors.len()),
            "The preview shows the last version of each page that built without problems. Fix each problem below and save the file: the pages change by themselves.".to_owned(),
        ),
        (false, false) => (
            "The preview cannot show the report yet".to_owned(),
            "Chorus could not build the report because of the problems below. Fix each one and save the file: the page appears by itself.".to_owned(),
        ),
    };
    let mut entries = String::new();
    for (n, problem) in errors.iter().enumerate() {
        entries.push_str(&format!(
            "<section class=\"chorus-problem\" aria-labelledby=\"problem-{n}\">\n<h2 id=\"problem-{n}\" tabindex=\"-1\">{}</h2>\n{}</section>\n",
            text(&problem.message),
            details(problem)
        ));
    }
    let summary = if errors.is_empty() {
        String::new()
    } else {
        summary(errors, true)
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title} – Chorus preview</title>\n{head}</head>\n<body class=\"chorus-problems-page\">\n<a class=\"skip-link\" href=\"#main\">Skip to the problems</a>\n<nav class=\"chorus-preview-nav\" aria-label=\"Preview\">\n<ul>\n<li><a href=\"/\">The report's home page</a></li>\n<li><a href=\"{PROBLEMS}\" aria-current=\"page\">Problems</a></li>\n</ul>\n</nav>\n<main id=\"main\" tabindex=\"-1\">\n<h1>{title}</h1>\n<p>{intro}</p>\n{summary}{entries}</main>\n</body>\n</html>\n",
        head = head(build)
    )
}

/// A short fingerprint of a list of problems: the script moves focus to the summary only when
/// the problems are not the ones the page showed before it reloaded.
fn fingerprint(errors: &[Diagnostic]) -> String {
    let mut hasher = DefaultHasher::new();
    for problem in errors {
        problem.to_string().hash(&mut hasher);
    }
    format!("{:x}", hasher.finish())
}

const BANNER: &str = "<div class=\"chorus-banner\" lang=\"en\">\n<p><strong>Not published.</strong> Only this preview shows this page: its status is not yet \"published\", so <code>chorus build</code> leaves it out.</p>\n</div>\n";

fn head(build: &str) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"{STYLES}\">\n<script src=\"{SCRIPT}\" data-build=\"{}\" defer></script>\n",
        attribute(build)
    )
}

fn heading(count: usize) -> String {
    if count == 1 {
        "There is a problem that stops the build".to_owned()
    } else {
        format!(
            "There are {} problems that stop the build",
            crate::diagnostics::thousands(count)
        )
    }
}

/// The error summary. On a page of the site, each problem links to its entry on the problems
/// page; on the problems page, to its entry below.
fn summary(errors: &[Diagnostic], on_problems_page: bool) -> String {
    let listed = if on_problems_page {
        errors.len()
    } else {
        LISTED.min(errors.len())
    };
    let mut items = String::new();
    for (n, problem) in errors.iter().take(listed).enumerate() {
        let href = if on_problems_page {
            format!("#problem-{n}")
        } else {
            format!("{PROBLEMS}#problem-{n}")
        };
        items.push_str(&format!(
            "<li><a href=\"{href}\">{}</a>{}</li>\n",
            text(&problem.message),
            if on_problems_page {
                format!(
                    "<p class=\"chorus-where\">{}</p>\n{}",
                    text(&place(problem)),
                    rule(problem)
                )
            } else {
                details(problem)
            }
        ));
    }
    let more = if listed < errors.len() {
        format!(
            "<p><a href=\"{PROBLEMS}\">See all {} problems</a></p>\n",
            crate::diagnostics::thousands(errors.len())
        )
    } else {
        String::new()
    };
    let note = match (on_problems_page, errors.len()) {
        (true, _) => "",
        (false, 1) => {
            "<p>This is the last version of this page that built without problems. Fix the problem below and save the file: this page changes by itself.</p>\n"
        }
        (false, _) => {
            "<p>This is the last version of this page that built without problems. Fix the problems below and save each file: this page changes by itself.</p>\n"
        }
    };
    format!(
        "<div class=\"chorus-problems\" role=\"alert\" tabindex=\"-1\" aria-labelledby=\"chorus-problems-title\" lang=\"en\" data-problems=\"{}\">\n<h2 id=\"chorus-problems-title\">{}</h2>\n{note}<ol>\n{items}</ol>\n{more}</div>\n",
        fingerprint(errors),
        heading(errors.len())
    )
}

/// Where a problem is, in words: `content/stories/x.md, line 4, column 3`.
fn place(problem: &Diagnostic) -> String {
    match &problem.location {
        Some(at) => format!("{}, {}", problem.file, at.in_words()),
        None => problem.file.clone(),
    }
}

/// A problem's place, the line itself, and what to do.
fn details(problem: &Diagnostic) -> String {
    let mut html = format!("<p class=\"chorus-where\">{}</p>\n", text(&place(problem)));
    if let Some(at) = &problem.location {
        html.push_str(&format!(
            "<pre class=\"chorus-line\"><code>{} | {}</code></pre>\n",
            at.line,
            text(&at.line_text)
        ));
    }
    if let Some(help) = &problem.help {
        html.push_str(&format!("<p>What to do: {}</p>\n", text(help)));
    }
    if problem.more_like_this > 0 {
        html.push_str(&format!(
            "<p>…and {} more like this in this file.</p>\n",
            crate::diagnostics::thousands(problem.more_like_this as usize)
        ));
    }
    html.push_str(&rule(problem));
    html
}

/// The message's id, in small text, to look it up in docs/messages.md.
fn rule(problem: &Diagnostic) -> String {
    format!(
        "<p class=\"chorus-rule\">Message <code>{}</code> in docs/messages.md</p>\n",
        text(problem.rule.id)
    )
}

fn text(words: &str) -> String {
    html_escape::encode_text(words).into_owned()
}

fn attribute(value: &str) -> String {
    html_escape::encode_double_quoted_attribute(value).into_owned()
}

/// Inserts `addition` just inside the page's `<main>`, or else just inside `<body>`, or else
/// at the start.
fn insert_at_top_of_main(html: &str, addition: &str) -> String {
    if addition.is_empty() {
        return html.to_owned();
    }
    let at = end_of_open_tag(html, "<main").or_else(|| end_of_open_tag(html, "<body"));
    let at = at.unwrap_or(0);
    [&html[..at], "\n", addition, &html[at..]].concat()
}

/// Inserts `addition` just before `</head>`, or else at the start.
fn insert_in_head(html: &str, addition: &str) -> String {
    let at = find_ignoring_case(html, "</head>").unwrap_or(0);
    [&html[..at], addition, &html[at..]].concat()
}

/// Where the first `<name …>` tag ends, just after its `>`.
fn end_of_open_tag(html: &str, open: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = find_ignoring_case(&html[from..], open) {
        let start = from + found;
        let after = &html[start + open.len()..];
        if after.starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            return after.find('>').map(|end| start + open.len() + end + 1);
        }
        from = start + open.len();
    }
    None
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;
    use crate::rules;

    fn problem() -> Diagnostic {
        Diagnostic::error(
            rules::SETTING_MISSING,
            "content/stories/x.md",
            "This story has no title <yet>.",
        )
        .at(Location {
            line: 2,
            column: 1,
            line_text: "titel = \"A <b>\"".into(),
            caret_column: 1,
            width: 5,
            column_name: None,
        })
        .help("Add a title.")
    }

    #[test]
    fn the_summary_and_banner_go_at_the_top_of_main_and_the_script_in_the_head() {
        let html = "<html><head><title>x</title></head><body><a href=\"#main\">Skip</a><MAIN id=\"main\" tabindex=\"-1\"><h1>Story</h1></MAIN></body></html>";
        let served = page(html, "7-3", &[problem()], true);
        let main = served.find("<MAIN id=\"main\" tabindex=\"-1\">").unwrap();
        let summary = served
            .find("<div class=\"chorus-problems\" role=\"alert\"")
            .unwrap();
        let banner = served.find("<div class=\"chorus-banner\"").unwrap();
        let title = served.find("<h1>Story</h1>").unwrap();
        assert!(
            main < summary && summary < banner && banner < title,
            "{served}"
        );
        assert!(served.contains(
            "<script src=\"/__chorus/live-reload.js\" data-build=\"7-3\" defer></script>\n</head>"
        ));
        assert!(served.contains("This story has no title &lt;yet&gt;."));
        assert!(
            served.contains(
                "<pre class=\"chorus-line\"><code>2 | titel = \"A &lt;b&gt;\"</code></pre>"
            )
        );
        assert!(served.contains("content/stories/x.md, line 2, column 1"));
        assert!(served.contains("<a href=\"/__chorus/problems.html#problem-0\">"));
        assert!(
            served
                .contains("Fix the problem below and save the file: this page changes by itself.")
        );
    }

    #[test]
    fn a_page_without_problems_or_drafts_gets_only_the_script() {
        let html = "<html><head></head><body><main id=\"main\"><h1>A</h1></main></body></html>";
        let served = page(html, "1-1", &[], false);
        assert_eq!(
            served.replace(&head("1-1"), ""),
            html,
            "only the head gained something"
        );
    }

    #[test]
    fn a_long_list_shows_the_first_ten_and_links_to_all() {
        let errors = vec![problem(); 27];
        let served = page("<main>", "1-1", &errors, false);
        assert_eq!(served.matches("<li>").count(), LISTED);
        assert!(served.contains("There are 27 problems that stop the build"));
        assert!(
            served.contains(
                "Fix the problems below and save each file: this page changes by itself."
            )
        );
        assert!(served.contains("<a href=\"/__chorus/problems.html\">See all 27 problems</a>"));
        let all = problems_page("1-1", &errors, true);
        assert_eq!(
            all.matches("<li>").count(),
            27 + 2,
            "every problem, and the nav"
        );
    }
}
