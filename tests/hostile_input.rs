//! The worst inputs fuzzing found (issue 12), each made small here and built with the real
//! binary: the exact messages, what reaches readers, and that the work done — how many
//! messages, how long they are — does not grow with the input. Never timed: see
//! benches/hostile.rs for the full-size inputs and their times.

mod common;

use common::*;
use std::fs;

const SITE: &str = "title = \"Fixture report\"\norganisation = \"Fixture Council\"\ncontact_email = \"fixture@example.org\"\nbase_url = \"https://reports.example.org/fixture/\"\n";
const ACCESSIBILITY: &str =
    "\n[accessibility]\ncompliance = \"full\"\nlast_tested = 2026-01-01\nprepared = 2026-01-01\n";

/// The story's settings take lines 1 to 16; its text starts on line 17.
const FRONT_MATTER: &str = "+++\ntitle = \"Worst case\"\nsummary = \"A story made to be hard to read.\"\ndate = 2026-01-10\nstoryteller = \"Mallory\"\nrole = \"carer\"\nanonymised = true\nthemes = [\"mir.asc\"]\n\n[consent]\ngiven = true\nreference = \"REF-worst\"\nrecorded = 2026-01-10\nscope = [\"web\"]\nreview_by = 2027-01-10\n+++\n";

const RAW_HTML_HELP: &str = "  what to do: Use markdown for links and pictures. The HTML tags a story may use are for meaning only, such as <abbr>, <em> and <span lang=\"cy\">. Delete the HTML to make this message go away.\n";

/// Builds a report of one story with `body` as its text, and `extra_settings` in site.toml.
fn build(extra_settings: &str, body: &str) -> Run {
    let root = tempfile::tempdir().unwrap();
    let content = root.path().join("content");
    fs::create_dir_all(content.join("stories")).unwrap();
    fs::write(
        content.join("site.toml"),
        format!("{SITE}{extra_settings}{ACCESSIBILITY}"),
    )
    .unwrap();
    fs::write(
        content.join("stories/worst.md"),
        format!("{FRONT_MATTER}{body}"),
    )
    .unwrap();
    run_in(root, &["build"])
}

fn messages(run: &Run) -> Vec<&str> {
    run.stderr.split("\n\n").collect()
}

#[test]
fn quotes_nested_too_deep_are_an_error_and_not_rendered() {
    let run = build("", &format!("{} deep\n", ">".repeat(100_000)));
    assert_eq!(run.code, 1);
    // The 33rd > is the problem: the 32 before it, it, and 100 after it are shown.
    let window = ">".repeat(101);
    assert_eq!(
        run.stderr,
        format!(
            "error[text-nested-too-deep]: This text puts quotes, lists or other parts inside each other more than 32 levels deep, so Chorus can't show it.\n  --> content/stories/worst.md:17:33\n     |\n  17 | {}{window}…\n     | {}^\n  what to do: A story needs only a few levels. Check the > and - signs at the start of the lines: each > makes a quote inside the quote before it, and each - a list inside the list before it.\n\nFound 1 problem that stops the build. Nothing was written: there is no site yet.\n",
            ">".repeat(32),
            " ".repeat(32)
        )
    );
}

#[test]
fn lists_nested_too_deep_are_an_error_but_32_levels_are_not() {
    let run = build("", &format!("{}deep\n", "- ".repeat(40_000)));
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("error[text-nested-too-deep]: This text puts quotes, lists or other parts inside each other more than 32 levels deep"), "{}", run.stderr);
    assert_eq!(messages(&run).len(), 2, "{}", run.stderr);
    // Sixteen lists, each holding an item: 32 levels, which a story may have.
    let run = build("", &format!("{}deep\n", "- ".repeat(16)));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn many_lines_of_raw_html_give_twenty_messages_and_a_count() {
    let run = build("", &"<img src=x>\n".repeat(5_000));
    assert_eq!(run.code, 0);
    let all = messages(&run);
    assert_eq!(all.len(), 21, "{}", run.stderr);
    assert_eq!(
        all[19],
        format!(
            "warning[html-removed]: Chorus took an <img> tag out of the text, because it is not allowed in a report.\n  --> content/stories/worst.md:36:1\n     |\n  36 | <img src=x>\n     | ^^^^^^^^^^^\n{RAW_HTML_HELP}  …and 4,980 more like this in this file."
        )
    );
    assert_eq!(
        all[20],
        "Built 9 pages into site, with 5,000 warnings. 1 story published, none left out.\n"
    );
}

#[test]
fn many_unknown_settings_give_twenty_messages_and_a_count() {
    let keys: String = (0..5_000).map(|n| format!("unknown_{n} = 1\n")).collect();
    let run = build(&keys, "Hello.\n");
    assert_eq!(run.code, 1);
    let all = messages(&run);
    assert_eq!(all.len(), 21, "{}", run.stderr);
    assert!(
        all[19].starts_with("error[setting-unknown]: \"unknown_19\" is not a setting Chorus knows in site.toml.\n  --> content/site.toml:24:1\n"),
        "{}",
        all[19]
    );
    assert!(
        all[19].ends_with("\n  …and 4,980 more like this in this file."),
        "{}",
        all[19]
    );
    assert_eq!(
        all[20],
        "Found 5,000 problems that stop the build. Nothing was written: there is no site yet.\n"
    );
}

#[test]
fn a_long_line_of_bad_tags_gives_short_messages() {
    for tags in [1_000, 10_000] {
        let run = build("", &format!("{}\n", "<img> ".repeat(tags)));
        let all = messages(&run);
        assert_eq!(all.len(), 21, "{}", run.stderr);
        // Each message shows at most about 200 characters of the line, however long it is.
        assert!(all.iter().all(|m| m.len() < 900), "{}", all[10]);
        assert!(all[19].ends_with(&format!(
            "  …and {} more like this in this file.",
            if tags == 1_000 { "980" } else { "9,980" }
        )));
    }
    let run = build("", &format!("{}\n", "<img> ".repeat(1_000)));
    assert_eq!(
        messages(&run)[19],
        format!(
            "warning[html-removed]: Chorus took an <img> tag out of the text, because it is not allowed in a report.\n  --> content/stories/worst.md:17:115\n     |\n  17 | …{}…\n     |  {}^^^^^\n{RAW_HTML_HELP}  …and 980 more like this in this file.",
            // The <img> at column 115 with 100 characters either side.
            &"<img> ".repeat(1_000)[114 - 100..114 + 5 + 100],
            " ".repeat(100)
        )
    );
}

#[test]
fn a_void_or_unclosed_element_removes_only_itself() {
    let run = build(
        "",
        "Before <embed src=x> after the embed.\n\n<iframe src=x>\n\nAfter the iframe <svg> and <math> too.\n",
    );
    assert_eq!(run.code, 0);
    let page = run.page("stories/worst.html");
    for words in ["after the embed.", "After the iframe", "and", "too."] {
        assert!(page.contains(words), "{words} is missing from\n{page}");
    }
    let removed: Vec<&str> = messages(&run)
        .iter()
        .filter_map(|m| m.lines().next())
        .collect();
    assert_eq!(
        removed,
        [
            "warning[html-removed]: Chorus took an <embed> tag out of the text, because it is not allowed in a report.",
            "warning[html-removed]: Chorus took an <iframe> tag out of the text, because it is not allowed in a report.",
            "warning[html-removed]: Chorus took a <svg> tag out of the text, because it is not allowed in a report.",
            "warning[html-removed]: Chorus took a <math> tag out of the text, because it is not allowed in a report.",
            "Built 9 pages into site, with 4 warnings. 1 story published, none left out.",
        ]
    );
}

#[test]
fn an_element_dropped_with_its_content_says_how_many_words_went() {
    let words = "word ".repeat(214);
    let run = build("", &format!("<script>{words}</script>\n\nThe rest.\n"));
    assert_eq!(
        messages(&run)[0],
        format!(
            "warning[html-removed]: Chorus took a <script> element and the 214 words in it out of the text, because it is not allowed in a report.\n  --> content/stories/worst.md:17:1\n     |\n  17 | <script>{}…\n     | ^^^^^^^^\n{RAW_HTML_HELP}",
            &words[..100]
        )
        .trim_end()
    );
    let page = run.page("stories/worst.html");
    assert!(page.contains("The rest.") && !page.contains("word word"));
}

#[test]
fn an_abbreviation_title_reaches_readers_as_written() {
    let run = build(
        "",
        "<abbr title=\"Caf&eacute; &amp; bar\">CB</abbr> opened.\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.page("stories/worst.html")
            .contains("<abbr title=\"Café &amp; bar\">CB</abbr> opened.")
    );
}
