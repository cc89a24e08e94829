//! The example report in `content/` is the demo, the docs and a fixture: it must build cleanly,
//! and the story whose consent was withdrawn must leave no trace.

mod common;

use common::*;
use std::path::Path;

fn build_example() -> Run {
    let root = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
    run_in(root, &["build"])
}

#[test]
fn the_example_report_builds_with_only_notes() {
    let run = build_example();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().last(),
        Some(
            "Built 188 pages into site, with 4 notes. 6 stories published; 2 left out: 1 consent withdrawn, 1 in review."
        )
    );
    // "You said, we did": entries from TOML files, a CSV file and a workbook, in every status.
    let tracker = run.page("you-said-we-did/index.html");
    assert_eq!(tracker.matches("<li class=\"entry-card\">").count(), 13);
    for status in [
        "considering",
        "planned",
        "in-progress",
        "partly-done",
        "done",
        "not-possible",
    ] {
        assert!(
            run.site()
                .join(format!("you-said-we-did/status/{status}.html"))
                .is_file(),
            "{status}"
        );
    }
    assert_eq!(broken_links(&run.site()), Vec::<String>::new());
    let stories = run.page("stories/index.html");
    assert_eq!(stories.matches("<li class=\"story-card\">").count(), 6);
    let with_image = run.page("stories/the-saturday-club.html");
    assert!(
        with_image
            .contains(r#"<img src="../media/saturday-club-garden.png" alt="Raised vegetable beds"#)
    );
    // A story with no Welsh translation still has a way to the Welsh site: its home page,
    // and the switch says so. Its head names no Welsh version.
    assert!(with_image.contains(
        r#"<li><a href="../cy/index.html" hreflang="cy" lang="cy">Cymraeg (hafan)</a></li>"#
    ));
    assert!(!with_image.contains(r#"<link rel="alternate" hreflang"#));
    // The story, its Welsh translation, and the way between them.
    let translated = run.page("stories/direct-payments-made-simple.html");
    assert!(translated.contains(
        r#"<li><a href="../cy/stories/direct-payments-made-simple.html" hreflang="cy" lang="cy">Cymraeg</a></li>"#
    ));
    assert!(translated.contains(
        r#"<link rel="alternate" hreflang="cy" href="https://ourcareoursay.harrowdale.example/cy/stories/direct-payments-made-simple.html">"#
    ));
    let welsh = run.page("cy/stories/direct-payments-made-simple.html");
    assert!(welsh.contains("<h1>Taliadau uniongyrchol wedi&#39;u gwneud yn syml</h1>"));
    // A free page with a Welsh version is in the Welsh menu in Welsh; one without keeps its
    // English page and title, marked as English.
    assert!(welsh.contains(r#"<li><a href="../../cy/about.html">Am yr adroddiad hwn</a></li>"#));
    assert!(welsh.contains(
        r#"<li><a href="../../how-we-work-together.html" lang="en-GB">How we work together</a></li>"#
    ));
    // Every list, the site map, the statement and the 404 page exist in Welsh too.
    for page in [
        "index",
        "stories/index",
        "site-map",
        "accessibility",
        "404",
        "about",
    ] {
        let html = run.page(&format!("cy/{page}.html"));
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"cy\">"),
            "cy/{page}.html"
        );
    }
    let with_note = run.page("stories/not-on-my-own-anymore.html");
    assert!(with_note.contains("<strong>Content note:</strong> This story mentions a fall"));
}

#[test]
fn the_withdrawn_example_story_leaves_no_trace() {
    let run = build_example();
    let site = run.site();
    for trace in [
        "moving-into-my-own-flat",
        "Moving into my own flat",
        "Priya",
        "Marigold-kettle-4471",
        "HV-2026-014",
        "keys-to-the-flat",
    ] {
        assert_eq!(
            files_containing(&site, trace),
            Vec::<String>::new(),
            "{trace} was found"
        );
    }
    // The story still in review is not published either, and no consent reference ever is.
    assert_eq!(
        files_containing(&site, "waiting-for-an-assessment"),
        Vec::<String>::new()
    );
    assert_eq!(files_containing(&site, "HV-2026"), Vec::<String>::new());
}

#[test]
fn the_accessibility_statement_has_the_sections_the_regulations_require() {
    let run = build_example();
    let statement = run.page("accessibility.html");
    for heading in [
        "<h1>Accessibility statement</h1>",
        "<h2>How accessible this website is</h2>",
        "<h2>Feedback and contact information</h2>",
        "<h2>Reporting accessibility problems with this website</h2>",
        "<h2>Enforcement procedure</h2>",
        "<h2>Technical information about this website’s accessibility</h2>",
        "<h3>Compliance status</h3>",
        "<h2>Non-accessible content</h2>",
        "<h3>Disproportionate burden</h3>",
        "<h2>What we’re doing to improve accessibility</h2>",
        "<h2>Preparation of this accessibility statement</h2>",
    ] {
        assert!(statement.contains(heading), "missing {heading}");
    }
    assert!(statement.contains("This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard"));
    assert!(statement.contains("This fails WCAG 2.2 success criterion 1.3.1 Info and Relationships. We plan to fix this by 31 March 2027."));
    assert!(statement.contains(
        "This statement was prepared on 1 September 2026. It was last reviewed on 2 November 2026."
    ));
}
