//! Accessibility proven in a real browser: the example report is built and every page goes
//! through `tests/browser/harness.mjs` in Debian's Chromium (axe-core, the Nu HTML Checker,
//! keyboard, reflow, text size, no JavaScript). `tests/browser/setup.sh` installs what it needs.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Runs the set-up once for both tests; they run on threads of one process.
fn setup() {
    static SETUP: OnceLock<Result<(), String>> = OnceLock::new();
    let result = SETUP.get_or_init(|| {
        let output = Command::new("bash")
            .arg(browser_dir().join("setup.sh"))
            .output()
            .map_err(|e| format!("could not run tests/browser/setup.sh: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "tests/browser/setup.sh could not install what the browser tests need:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    });
    if let Err(message) = result {
        panic!("{message}");
    }
}

fn harness(site: &Path, screenshots: &Path) -> (bool, String) {
    harness_with(site, screenshots, &[])
}

fn harness_with(site: &Path, screenshots: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new("node")
        .arg(browser_dir().join("harness.mjs"))
        .arg(site)
        .arg(screenshots)
        .args(args)
        .output()
        .expect("node runs the harness");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

#[test]
fn every_page_of_the_example_report_passes_in_a_real_browser() {
    setup();
    let run = run_in(
        copy_report(Path::new(env!("CARGO_MANIFEST_DIR"))),
        &["build"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let screenshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
    let (passed, report) = harness(&run.site(), &screenshots);
    println!("{report}");
    assert!(passed, "the browser harness found problems:\n{report}");
    assert!(report.contains("checked 188 pages"), "{report}");
    for shot in [
        "home",
        "story",
        "free-page",
        "accessibility-statement",
        "home-in-welsh",
        "story-in-welsh",
        "stories-in-welsh",
        "tracker",
        "tracker-status",
        "entry",
        "entry-not-possible",
        "entry-in-welsh",
        "assessment",
        "cycle-two-voices",
        "cycle-cqc",
        "rated-statement",
        "theme-evidence",
        "co-production",
        "search",
        "search-in-welsh",
    ] {
        for width in ["desktop", "320px"] {
            assert!(
                screenshots.join(format!("{shot}-{width}.png")).is_file(),
                "{shot}-{width}.png"
            );
        }
    }
}

/// What only `chorus serve` adds passes too: the live-reload script, the error summary above
/// a page, the "not published" banner of a story in review, and the problems page, each in
/// the browser as the preview serves it.
#[test]
fn the_preview_s_additions_pass_in_a_real_browser() {
    setup();
    let served = common::served::Served::start(copy_report(Path::new(env!("CARGO_MANIFEST_DIR"))));
    let builds = served.events();
    let first = builds.recv_timeout(common::served::PATIENCE).unwrap();
    served.edit(
        "content/stories/the-saturday-club.md",
        "date = 2026-07-11",
        "date = 2026-13-11",
    );
    let broken = builds.recv_timeout(common::served::PATIENCE).unwrap();
    assert_ne!(broken, first);

    // The HTML as served, for the checks that read the source.
    let pages = tempfile::tempdir().unwrap();
    for page in [
        "index.html",
        "stories/waiting-for-an-assessment.html",
        "__chorus/problems.html",
    ] {
        let (status, html) = served.get(page);
        assert_eq!(status, 200, "{page}");
        assert!(html.contains("class=\"chorus-problems\""), "{page}");
        let file = pages.path().join(page);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, html).unwrap();
    }
    assert!(
        served
            .get("stories/waiting-for-an-assessment.html")
            .1
            .contains("class=\"chorus-banner\"")
    );
    let screenshots =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots-serve");
    let (passed, report) = harness_with(pages.path(), &screenshots, &["--served", &served.url]);
    println!("{report}");
    assert!(passed, "the browser harness found problems:\n{report}");
    assert!(report.contains("checked 3 pages"), "{report}");
}

/// The harness is itself tested: on a page that breaks each rule, each check must fail.
#[test]
fn the_harness_fails_a_page_that_breaks_each_rule() {
    setup();
    let screenshots = tempfile::tempdir().unwrap();
    let (passed, report) = harness(&browser_dir().join("broken-site"), screenshots.path());
    assert!(!passed, "{report}");
    for failure in [
        "FAIL index.html: axe-core WCAG 2.2 A/AA",
        "FAIL index.html: the skip link is the first Tab stop and is shown when focused",
        "FAIL index.html: the skip link moves focus to main",
        "FAIL index.html: Tab reaches all",
        "FAIL index.html: every focused link and control shows a visible focus indicator",
        "FAIL index.html: no sideways scrolling at 320 px",
        "FAIL index.html: nothing is lost at 200% text size",
        "FAIL index.html: works with JavaScript off (one h1, a main with content, navigation)",
        "FAIL index.html: has no scripts but the site's own search and 404 scripts",
        "FAIL no page asks any other host for anything",
        "FAIL index.html: Nu HTML Checker finds no errors",
    ] {
        assert!(
            report.contains(failure),
            "the harness did not report \"{failure}\":\n{report}"
        );
    }
    // axe names the rule it caught.
    assert!(report.contains("image-alt (critical)"), "{report}");
}

/// A report as `chorus new` makes it, with its first story written and published, passes
/// every check too: what an editing group starts from is accessible from the first build.
#[test]
fn a_report_made_by_chorus_new_passes_in_a_real_browser() {
    setup();
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(chorus_at(dir.path(), &["new", "our-report"]).0, 0);
    let report = dir.path().join("our-report");
    let story = report.join("content/stories/our-first-story.md");
    let text = std::fs::read_to_string(&story).unwrap();
    let written = text
        .replace("status = \"draft\"", "status = \"published\"")
        .replace("given = false", "given = true")
        .replacen("summary = \"…\"", "summary = \"How the group began.\"", 1)
        .replacen("reference = \"…\"", "reference = \"C-2026-001\"", 1)
        .replacen(
            "Write the story here, in the storyteller's own words.",
            "We started meeting in the library on Tuesdays.",
            1,
        );
    std::fs::write(&story, written).unwrap();
    let (code, built) = chorus_at(&report, &["build"]);
    assert_eq!(code, 0, "{built}");
    let screenshots = tempfile::tempdir().unwrap();
    let (passed, report_text) = harness(&report.join("site"), screenshots.path());
    println!("{report_text}");
    assert!(passed, "the browser harness found problems:\n{report_text}");
    assert!(report_text.contains("checked 12 pages"), "{report_text}");
}

/// Live reload in a real browser: a page scrolled down reloads at the same place when its story
/// is saved, and an open page reloads by itself after the preview is stopped and started again
/// on the same port (`tests/browser/live-reload.mjs`).
#[test]
fn live_reload_keeps_the_place_and_comes_back_after_a_restart() {
    setup();
    let report = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
    let output = Command::new("node")
        .arg(browser_dir().join("live-reload.mjs"))
        .arg(env!("CARGO_BIN_EXE_chorus"))
        .arg(report.path())
        .arg(TODAY)
        .output()
        .expect("node runs the live-reload checks");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    println!("{text}");
    assert!(output.status.success(), "live reload failed:\n{text}");
    assert!(text.contains("6 passed, 0 failed"), "{text}");
}
