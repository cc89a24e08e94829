//! What publishing needs: files for the site's root that do not take the place of Chorus's
//! own, and the site's full address, without which there are no feeds or sitemap.

use crate::content::ROOT_FILES;
use crate::diagnostics::Diagnostic;
use crate::plan::Plan;
use crate::plan::routes::{OWN_ROOT_NAMES, REPLACEABLE_ROOT_FILES};
use crate::rules;
use std::collections::HashSet;

pub fn check(plan: &Plan<'_>) -> Vec<Diagnostic> {
    let mut problems = root_file_clashes(plan);
    problems.extend(no_base_url(plan));
    problems
}

/// A file of `content/static/` may not go where Chorus puts a page, a file or a folder of its
/// own at the site's root; hosts may read names without regard to case, so neither may Chorus.
fn root_file_clashes(plan: &Plan<'_>) -> Vec<Diagnostic> {
    let mut own: HashSet<String> = plan
        .pages
        .iter()
        .filter_map(|page| page.path.split('/').next())
        .map(str::to_lowercase)
        .collect();
    own.extend(OWN_ROOT_NAMES.iter().map(|n| n.to_string()));
    let mut problems = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for file in &plan.content.root_files {
        let lower = file.path.to_lowercase();
        let name = format!("content/{ROOT_FILES}/{}", file.path);
        if REPLACEABLE_ROOT_FILES.contains(&lower.as_str()) {
            continue;
        }
        let first = lower.split('/').next().unwrap_or_default();
        if own.contains(first) {
            let (what, shown) = if lower.contains('/') {
                ("folder", format!("{first}/"))
            } else {
                ("file", first.to_owned())
            };
            problems.push(
                Diagnostic::error(rules::ROOT_FILE_CLASH,
                    &name,
                    format!("This would be published at the site's root as {}, but Chorus makes the {what} {shown} there itself.", file.path),
                )
                .help(format!(
                    "Give it another name, or put it in a folder of your own inside content/{ROOT_FILES}/. To change Chorus's own pages, change the report's content or its theme."
                )),
            );
        } else if !seen.insert(lower) {
            problems.push(
                Diagnostic::error(rules::ROOT_FILE_CASE_CLASH,
                    &name,
                    format!("Another file in content/{ROOT_FILES}/ has the same name but for capital letters: many hosts and computers treat the two as one file."),
                )
                .help("Rename or delete one of them."),
            );
        }
    }
    problems
}

/// Without the site's full address there can be no feeds, no `sitemap.xml` and no
/// `robots.txt`, and the 404 page finds the home page only with JavaScript. Said once.
fn no_base_url(plan: &Plan<'_>) -> Option<Diagnostic> {
    let site = &plan.content.site;
    (site.from_file && site.base_url.is_none()).then(|| {
        Diagnostic::warning(rules::BASE_URL_MISSING,
            "content/site.toml",
            "The report has no base_url, so the site has no feeds, no sitemap.xml and no robots.txt, and its 404 page needs JavaScript to lead readers to the home page.",
        )
        .help("Add the full address where the site will be published, ending in /, such as base_url = \"https://www.example.gov.uk/our-report/\". If the site is only ever opened from a shared drive, this does not matter. If the host's build gives the address with --base-url (the GitHub and GitLab files that chorus new makes do), this shows only on your own computer.")
    })
}
