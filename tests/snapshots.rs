//! Every page of every fixture report and of the example report, pinned: each built page is
//! compared with its committed snapshot in `tests/snapshots/<report>/`, and the list of files
//! the build wrote is pinned too, so a page that appears or disappears fails the test.
//!
//! After an intended change: `INSTA_UPDATE=always cargo test --test snapshots`, read the diff
//! with `git diff tests/snapshots`, and commit it. A snapshot whose page is gone fails until
//! it is deleted.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Files whose text is pinned: what Chorus writes itself. Theme assets and media are copies;
/// the search index is Pagefind's, and `tests/publishing.rs` reads it.
fn is_pinned(path: &str) -> bool {
    !path.starts_with("assets/")
        && !path.starts_with("media/")
        && !path.starts_with("pagefind/")
        && [".html", ".xml", ".json", ".csv", ".txt"]
            .iter()
            .any(|ext| path.ends_with(ext))
}

/// `stories/first-story.html` → `stories__first-story.html`.
fn snapshot_name(path: &str) -> String {
    path.replace('/', "__")
}

fn snapshot_dir(report: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(report)
}

/// The 404 page carries the whole stylesheet inline; it is checked to be the theme's
/// stylesheet and then shown as one line, so a change of style does not touch every report.
fn readable(run: &Run, html: String) -> String {
    let html = script_shown_by_name(html);
    let Some(start) = html.find("<style>") else {
        return html;
    };
    let end = html[start..].find("</style>").unwrap() + start;
    let inline = &html[start + "<style>".len()..end];
    let extra = fs::read_to_string(run.site().join("assets/extra.css")).unwrap_or_default();
    assert_eq!(
        inline,
        fs::read_to_string(run.site().join("assets/style.css")).unwrap() + &extra,
        "the inline styles are the theme's stylesheet and the report's extra styles"
    );
    format!(
        "{}<style>[assets/style.css]{}",
        &html[..start],
        &html[end..]
    )
}

/// The 404 page of a report without base_url carries the script that finds the site's root;
/// it is checked to be that script and shown by its file's name.
fn script_shown_by_name(html: String) -> String {
    let Some(start) = html.find("<script>") else {
        return html;
    };
    let end = html[start..].find("</script>").unwrap() + start;
    let script = &html[start + "<script>".len()..end];
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render/find-root.js");
    assert_eq!(script, fs::read_to_string(file).unwrap());
    format!(
        "{}<script>[src/render/find-root.js]{}",
        &html[..start],
        &html[end..]
    )
}

fn assert_site_matches(report: &str, run: &Run) {
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = snapshot_dir(report);
    let files = run.files();
    let pinned: Vec<&String> = files.iter().filter(|f| is_pinned(f)).collect();
    // The index's files are named by what they hold: listed as one folder.
    let mut listed: Vec<&str> = files
        .iter()
        .map(|f| {
            if f.starts_with("pagefind/") {
                "pagefind/…"
            } else {
                f.as_str()
            }
        })
        .collect();
    listed.dedup();
    insta::with_settings!({
        snapshot_path => &dir,
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("files", listed.join("\n"));
        for page in &pinned {
            insta::assert_snapshot!(snapshot_name(page), readable(run, run.page(page)));
        }
    });
    let expected: BTreeSet<String> = pinned
        .iter()
        .map(|p| format!("{}.snap", snapshot_name(p)))
        .chain(["files.snap".to_owned()])
        .collect();
    let orphans: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap") && !expected.contains(name))
        .collect();
    assert!(
        orphans.is_empty(),
        "these snapshots in {} have no page any more; delete them if that is intended: {orphans:?}",
        dir.display()
    );
}

#[test]
fn the_example_report() {
    let run = run_in(
        copy_report(Path::new(env!("CARGO_MANIFEST_DIR"))),
        &["build"],
    );
    assert_site_matches("example", &run);
}

macro_rules! fixture_snapshots {
    ($($test:ident => $fixture:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                assert_site_matches($fixture, &chorus($fixture, &["build"]));
            }
        )*
    };
}

fixture_snapshots! {
    minimal => "minimal",
    consent => "consent",
    hostile => "hostile",
    theme_override => "theme-override",
    welsh => "welsh",
    translation_not_listed => "translation-not-listed",
    bilingual => "bilingual",
    tracker => "tracker",
}
