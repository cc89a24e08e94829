//! `chorus serve` end to end: the real binary, a real port, the real watcher, and HTTP. Each
//! test waits for the preview's own `build` event, not for a guessed length of time: the
//! preview tells the browsers only once the new build is in place, so a page fetched after the
//! event is the new one. The sequence of changes itself is tested in `tests/preview.rs`.

mod common;

use common::served::{PATIENCE, Served};
use common::*;
use std::fs;
use std::process::Command;
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// The next `build` event, which must be a new build.
fn next_build(builds: &Receiver<String>, after: &str) -> String {
    let build = builds.recv_timeout(PATIENCE).expect("a build event");
    assert_ne!(build, after, "a new build");
    build
}

fn example() -> tempfile::TempDir {
    copy_report(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
}

#[test]
fn a_saved_change_is_served_and_the_browsers_told_once_it_is_in_place() {
    let served = Served::start(example());
    let (status, page) = served.get("stories/the-saturday-club.html");
    assert_eq!(status, 200);
    assert!(page.contains("about twelve of us"));
    assert!(page.contains("<script src=\"/__chorus/live-reload.js\""));

    let builds = served.events();
    let first = builds.recv_timeout(PATIENCE).unwrap();
    served.edit(
        "content/stories/the-saturday-club.md",
        "about twelve of us",
        "about twenty of us",
    );
    next_build(&builds, &first);
    let (_, page) = served.get("stories/the-saturday-club.html");
    assert!(page.contains("about twenty of us"), "{page}");
    served.line_starting("Updated 1 page in ");
    // Saved again as it was: nothing a reader sees changed, and the terminal says so.
    let story = "content/stories/the-saturday-club.md";
    served.edit(story, "about twenty of us", "about twenty of us");
    served.line_starting("Nothing on the site changed.");

    // The folder's index, with and without its slash; the 404 page for what is not there.
    assert_eq!(served.get("").0, 200);
    let (status, list) = served.get("stories/");
    assert_eq!(status, 200);
    assert!(list.contains("The Saturday club"));
    // Without its slash, sent on to it (the index's relative links need it).
    assert_eq!(served.get("stories").1, list);
    assert_eq!(served.get("nothing-here.html").0, 404);
    // The search index, made when it is first asked for, as chorus build makes it.
    let (status, entry) = served.get("pagefind/pagefind-entry.json");
    assert_eq!(status, 200);
    assert!(entry.contains("\"languages\""), "{entry}");
    assert_eq!(served.get("pagefind/pagefind.js").0, 200);
    assert!(
        served
            .get("nothing-here.html")
            .1
            .contains("/__chorus/live-reload.js")
    );
}

#[test]
fn a_broken_file_shows_the_error_summary_and_fixing_it_clears_it() {
    let mut served = Served::start(example());
    let builds = served.events();
    let first = builds.recv_timeout(PATIENCE).unwrap();
    let story = "content/stories/the-saturday-club.md";
    served.edit(story, "date = 2026-07-11", "date = 2026-13-11");
    let broken = next_build(&builds, &first);
    served.line_starting("Found 1 problem that stops the build.");

    for page in ["index.html", "stories/the-saturday-club.html", "about.html"] {
        let (status, html) = served.get(page);
        assert_eq!(status, 200, "{page}");
        assert!(
            html.contains("<div class=\"chorus-problems\" role=\"alert\" tabindex=\"-1\""),
            "{page}"
        );
        assert!(html.contains("content/stories/the-saturday-club.md, line 4, column 8"));
        assert!(html.contains("<code>4 | date = 2026-13-11</code>"));
    }
    // Above the last good build of the page.
    assert!(
        served
            .get("stories/the-saturday-club.html")
            .1
            .contains("<h1>The Saturday club</h1>")
    );
    let (status, problems) = served.get("__chorus/problems.html");
    assert_eq!(status, 200);
    assert!(problems.contains("id=\"problem-0\""));
    assert!(served.is_running(), "bad content never stops the preview");

    served.edit(story, "date = 2026-13-11", "date = 2026-07-11");
    next_build(&builds, &broken);
    served.line_starting("No problems stop the build now.");
    let (_, html) = served.get("stories/the-saturday-club.html");
    assert!(!html.contains("chorus-problems"), "{html}");
}

#[test]
fn a_first_build_that_fails_still_serves_and_the_fix_builds_the_site() {
    let root = example();
    fs::write(
        root.path().join("content/site.toml"),
        "title = \"Our care\"\ntitel = 1\n",
    )
    .unwrap();
    let mut served = Served::start(root);
    let (status, page) = served.get("stories/the-saturday-club.html");
    assert_eq!(status, 503);
    assert!(
        page.contains("The preview cannot show the report yet"),
        "{page}"
    );
    assert!(page.contains("role=\"alert\""));
    assert!(page.contains("content/site.toml"));
    assert!(served.is_running());

    let builds = served.events();
    let first = builds.recv_timeout(PATIENCE).unwrap();
    let site = fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/site.toml"),
    )
    .unwrap();
    served.write("content/site.toml", &site);
    next_build(&builds, &first);
    let (status, page) = served.get("stories/the-saturday-club.html");
    assert_eq!(status, 200);
    assert!(!page.contains("chorus-problems"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_the_server_cleanly_within_a_second() {
    let mut served = Served::start(example());
    // A browser's open event stream must not hold the server up.
    let builds = served.events();
    builds.recv_timeout(PATIENCE).unwrap();
    let (took, status) = served.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    served.line_starting("Stopped the preview.");
}

#[test]
fn a_busy_port_is_said_plainly() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let root = example();
    let output = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args(["serve", "--port", &port])
        .arg(root.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "error[port-in-use]: Another program is already using port {port}, so the preview cannot use it."
        )),
        "{stderr}"
    );
}

/// A mistake in a template of the report's own theme reaches the error summary in plain words,
/// at the template's file and line, with the line itself; fixing it clears it.
#[test]
fn a_template_mistake_is_shown_at_its_file_and_line() {
    let served = Served::start(example());
    let builds = served.events();
    let first = builds.recv_timeout(PATIENCE).unwrap();
    let template = "themes/default/templates/page.html";
    let good = fs::read_to_string(served.root.path().join(template)).unwrap();
    let (line, _) = good
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("{% block content %}"))
        .unwrap();
    let broken_text = good.replacen("{% block content %}", "{% block content %}{{ summary }}", 1);
    served.write(template, &broken_text);
    let broken = next_build(&builds, &first);
    served.line_starting("Found 1 problem that stops the build.");

    let (status, html) = served.get("about.html");
    assert_eq!(status, 200);
    assert!(
        html.contains("This template uses a value \"summary\" that its pages do not have."),
        "{html}"
    );
    let number = line + 1;
    assert!(
        html.contains(&format!("{template}, line {number}, column ")),
        "{html}"
    );
    assert!(html.contains(&format!("<code>{number} | ")), "{html}");
    assert!(html.contains("{{ summary }}"), "{html}");

    served.write(template, &good);
    next_build(&builds, &broken);
    served.line_starting("No problems stop the build now.");
    assert!(!served.get("about.html").1.contains("chorus-problems"));
}
