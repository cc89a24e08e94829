//! Frameworks and assessments: the example report's cycles and the pages they make, and every
//! rule of a cycle with its exact message.

mod common;

use common::*;
use std::path::Path;

fn example() -> Run {
    run_in(
        copy_report(Path::new(env!("CARGO_MANIFEST_DIR"))),
        &["build"],
    )
}

#[test]
fn each_cycle_has_a_chart_an_equal_table_and_a_summary() {
    let run = example();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cycle = run.page("assessment/making-it-real-2026/index.html");
    // The chart is an image described for screen readers, drawn with no script.
    assert!(cycle.contains(
        r#"<svg class="chart" role="img" aria-labelledby="cycle-chart-title cycle-chart-desc""#
    ));
    assert!(!cycle.contains("<script"));
    assert!(cycle.contains("<desc id=\"cycle-chart-desc\">7 statements, by the agreed rating or else the organisation’s: Fully (2), Mostly (3), Getting there (2). People who draw on care rated them: Mostly (1), Getting there (4), Not yet (1).</desc>"), "{cycle}");
    // The table gives the same ratings, with a caption and scoped headers.
    assert!(cycle.contains("<caption>Ratings in Making it Real, 2026</caption>"));
    assert!(cycle.contains(r#"<th scope="col">People who draw on care</th>"#));
    // The two voices compared: where they disagree, largest gaps first.
    let voices = &cycle[cycle.find("voices-heading").unwrap()..];
    let wf = voices.find("mir.wf.we2").unwrap();
    let info = voices.find("mir.info.i1").unwrap();
    assert!(wf < info, "the 2-level gap before the 1-level ones");
    assert!(voices.contains("People rated it 2 levels lower."));
    assert!(voices.contains("People rated it 1 level lower."));
    assert!(!voices.contains("1 levels"));
    // The change since the 2025 cycle of the same framework.
    assert!(cycle.contains(
        "Compared with <a href=\"../making-it-real-2025/index.html\">Making it Real, 2025</a>."
    ));
    assert!(cycle.contains("<td>Better</td>"));
}

#[test]
fn a_cqc4_cycle_gives_the_organisations_own_indicative_score_never_a_cqc_rating() {
    let run = example();
    let cycle = run.page("assessment/cqc-self-assessment-2026/index.html");
    // 8 statements assessed (one not): 2+3+2+3+3+3+3+3 = 22 of 32 → 68.75%, shown as 69%: Good.
    assert!(
        cycle.contains(r#"<p class="indicative-score"><span class="figure">69%</span> Good</p>"#),
        "{cycle}"
    );
    assert!(cycle.contains("It is not a CQC rating."));
}

#[test]
fn a_rated_statement_reads_as_a_cqc_report_does() {
    let run = example();
    let page = run.page("assessment/making-it-real-2026/mir.info.i1.html");
    let order = [
        "<h2>Rating</h2>",
        "<h2>What people expect</h2>",
        "<h2>Our commitment</h2>",
        "<h2>What is working</h2>",
        "<h2>What needs to change</h2>",
        "<h2>Evidence</h2>",
        "<h2>What we are doing about it</h2>",
    ];
    let places: Vec<usize> = order
        .iter()
        .map(|h| page.find(h).unwrap_or_else(|| panic!("{h}")))
        .collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{page}");
    // The wording is the group's own, from its framework file.
    assert!(page.contains("In Harrowdale, I can find out what help there is"));
    // A statement without wording links to the publisher instead of copying it.
    let cqc = run.page("assessment/cqc-self-assessment-2026/cqc-la.qs2.html");
    assert!(cqc.contains(r#"Read it on the publisher’s website: <a href="https://www.cqc.org.uk/guidance-regulation/local-authorities" lang="en">Care Quality Commission</a>"#), "{cqc}");
}

#[test]
fn the_evidence_map_and_where_co_production_happens() {
    let run = example();
    let theme = run.page("themes/mir.info.html");
    assert!(
        theme.contains("Making it Real, 2026</span>, mir.info.i1"),
        "{theme}"
    );
    assert!(theme.contains("Letters about charges that people can understand"));
    // A story's themes link to their pages.
    let story = run.page("stories/direct-payments-made-simple.html");
    assert!(
        story.contains(r#"<a href="../themes/mir.info.html">Information and advice</a>"#),
        "{story}"
    );
    let layers = run.page("co-production.html");
    for layer in [
        "In plans, policies and budgets: ",
        "In how services run day to day: ",
        "In people’s own care and support: ",
    ] {
        assert!(layers.contains(layer), "{layer}");
    }
    assert!(
        run.site()
            .join("data/assessment-making-it-real-2026.csv")
            .is_file()
    );
    assert!(
        run.site()
            .join("data/assessment-cqc-self-assessment-2026.json")
            .is_file()
    );
    assert_eq!(broken_links(&run.site()), Vec::<String>::new());
}

/// A theme or statement written twice in one story's list is one: the story is listed once on
/// the theme's page, the statement's, and each rating's of the statement, and its own page
/// links the theme once.
#[test]
fn a_theme_or_statement_named_twice_lists_the_story_once() {
    let root = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
    let story = root
        .path()
        .join("content/stories/direct-payments-made-simple.md");
    let text = std::fs::read_to_string(&story).unwrap();
    let twice = text
        .replacen(
            r#"themes = ["mir.flex", "mir.info"]"#,
            r#"themes = ["mir.flex", "mir.info", "mir.flex"]"#,
            1,
        )
        .replacen(
            r#"statements = ["mir.flex.i2"]"#,
            r#"statements = ["mir.flex.i2", "mir.flex.i2"]"#,
            1,
        );
    assert_ne!(twice, text);
    std::fs::write(&story, twice).unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let link = r#"<a href="../stories/direct-payments-made-simple.html""#;
    let deeper = r#"<a href="../../stories/direct-payments-made-simple.html""#;
    for (page, link) in [
        ("themes/mir.flex.html", link),
        ("statements/mir.flex.i2.html", link),
        ("assessment/making-it-real-2025/mir.flex.i2.html", deeper),
        ("assessment/making-it-real-2026/mir.flex.i2.html", deeper),
    ] {
        assert_eq!(run.page(page).matches(link).count(), 1, "{page}");
    }
    let own = run.page("stories/direct-payments-made-simple.html");
    assert_eq!(own.matches(r#"href="../themes/mir.flex.html""#).count(), 1);
}

#[test]
fn an_empty_layer_is_said_plainly() {
    let run = chorus("minimal", &["build"]);
    let layers = run.page("co-production.html");
    assert!(
        layers.contains("Nothing at this level yet. That is a finding, not a gap to hide."),
        "{layers}"
    );
}

#[test]
fn every_rule_of_a_cycle_is_one_message_with_its_place() {
    let run = chorus("assessment-rules", &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_messages(&run.stderr, "assessment-rules");
}

/// A rating's texts are read for the files they use, as every story's and entry's are: a
/// picture in one is published, even when the only story that also shows it was withdrawn
/// (which alone would hold the picture back), and the withdrawn story is told so.
#[test]
fn a_picture_in_a_rating_is_published_though_a_withdrawn_story_used_it_too() {
    let with_rating = |picture: &str| {
        let root = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
        let edit = |file: &str, from: &str, to: &str| {
            let path = root.path().join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(from), "{file}");
            std::fs::write(path, text.replacen(from, to, 1)).unwrap();
        };
        edit(
            "content/stories/the-saturday-club.md",
            "given = true\n",
            "given = true\nwithdrawn = 2026-10-01\n",
        );
        edit(
            "content/assessment/making-it-real-2026.toml",
            "before it is sent.\"",
            &format!("before it is sent. {picture}\""),
        );
        run_in(root, &["build"])
    };
    let run = with_rating("![Leaflets on a table](media/saturday-club-garden.png)");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.site().join("media/saturday-club-garden.png").is_file());
    assert_eq!(broken_links(&run.site()), Vec::<String>::new());
    // The group is told the withdrawn story's picture is still published, and why.
    assert!(
        run.message_of("withdrawn-story-file-published").starts_with(
            "warning[withdrawn-story-file-published]: Consent for this story was withdrawn on 1 October 2026, so it is left out, but its picture media/saturday-club-garden.png is still published: content/assessment/making-it-real-2026.toml uses it too.\n  --> content/stories/the-saturday-club.md:"
        ),
        "{}",
        run.stderr
    );

    // Without it, the withdrawn story's picture leaves no trace.
    let run = with_rating("");
    assert!(!run.site().join("media/saturday-club-garden.png").exists());
    assert!(run.stderr.contains(
        "note[file-only-for-unpublished]: Left out: only stories that are not published use this file.\n  --> content/media/saturday-club-garden.png\n"
    ), "{}", run.stderr);
}

/// What a rating's page leaves out, its open data leaves out too: an address on a shared
/// drive is in neither (one warning says so). Words a spreadsheet would run as a formula are
/// written to the open data's CSV with ' in front.
#[test]
fn the_open_data_leaves_out_what_the_page_does_and_never_holds_a_formula() {
    let root = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
    let ratings = root
        .path()
        .join("content/assessment/making-it-real-2026.csv");
    let text = std::fs::read_to_string(&ratings).unwrap();
    let text = text
        .replacen(
            "\"Weekday evenings are covered now, weekends are not.\"",
            "\"=HYPERLINK(\"\"https://evil.example\"\",\"\"Weekdays\"\")\"",
            1,
        )
        .replacen(
            "people's experience | Listening event at Ashfield,",
            "people's experience | Listening event at Ashfield | C:\\Users\\jo\\Documents\\notes.docx,",
            1,
        );
    std::fs::write(&ratings, text).unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.messages_of("evidence-link-invalid"),
        [
            "warning[evidence-link-invalid]: The evidence \"Listening event at Ashfield\" is shown without its link, on its page and in the open data: \"C:\\Users\\jo\\Documents\\notes.docx\" is not a web or email address.\n  --> content/assessment/making-it-real-2026.csv, row 3, column G (\"evidence\")\n    |\n  3 | people's experience | Listening event at Ashfield | C:\\Users\\jo\\Documents\\notes.docx\n    | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Write the whole address, starting with https://, or leave the address out."
        ]
    );
    for file in [
        "data/assessment-making-it-real-2026.csv",
        "data/assessment-making-it-real-2026.json",
        "assessment/making-it-real-2026/mir.asc.we1.html",
    ] {
        let written = std::fs::read_to_string(run.site().join(file)).unwrap();
        assert!(written.contains("Listening event at Ashfield"), "{file}");
        assert!(!written.contains("notes.docx"), "{file}");
    }
    let csv = std::fs::read_to_string(run.site().join("data/assessment-making-it-real-2026.csv"))
        .unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Weekdays\"\")\""),
        "{csv}"
    );
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");
}

/// A ratings workbook is read as the tracker's are: from its first sheet shown, and another
/// sheet with the ratings' columns (ratings added on a sheet of their own) is named in one
/// warning, not left out without a word.
#[test]
fn a_second_sheet_of_ratings_is_named_not_left_out() {
    let root = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
    let folder = root.path().join("content/assessment");
    let text = std::fs::read_to_string(folder.join("making-it-real-2026.csv")).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|line| !line.contains('"'))
        .map(|line| line.split(',').collect())
        .collect();
    let [header, first, second] = rows.as_slice() else {
        panic!("{text}")
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rating) in [("Ratings", first), ("Added in October", second)] {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (row, cells) in [header, rating].iter().enumerate() {
            for (column, cell) in cells.iter().enumerate() {
                sheet
                    .write_string(row as u32, column as u16, *cell)
                    .unwrap();
            }
        }
    }
    book.save(folder.join("making-it-real-2026.xlsx")).unwrap();
    std::fs::remove_file(folder.join("making-it-real-2026.csv")).unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.messages_of("sheet-passed-over"),
        [
            "warning[sheet-passed-over]: Chorus read only the sheet \"Ratings\" of this workbook, the first one shown, but the sheet \"Added in October\" has the columns Chorus reads too, so nothing on it is published.\n  --> content/assessment/making-it-real-2026.xlsx\n  what to do: To publish what is on it as well, copy its rows (not its column names) to the end of \"Ratings\", each cell under the column of the same name, and delete it. If it is not to be published, delete it; or name the sheet to read in site.toml, and Chorus reads only that one, without this warning: add the lines [sheets] and \"assessment/making-it-real-2026.xlsx\" = \"Ratings\"."
        ]
    );
}

/// A misspelt column name of a ratings spreadsheet is one message, and its rows are still
/// checked in the same run, as a tracker's are: a statement that is not the framework's is
/// reported too, not only once the column is mended.
#[test]
fn a_misspelt_column_of_ratings_does_not_hide_the_mistakes_in_its_rows() {
    let root = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
    let ratings = root
        .path()
        .join("content/assessment/making-it-real-2026.csv");
    let text = std::fs::read_to_string(&ratings).unwrap();
    let text =
        text.replacen(",summary,", ",Sumary,", 1)
            .replacen("\nmir.flex.i2,", "\nmir.info.i01,", 1);
    std::fs::write(&ratings, text).unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.site().exists());
    assert_eq!(
        run.messages_of("column-unknown"),
        [
            "error[column-unknown]: \"Sumary\" is not a column Chorus knows.\n  --> content/assessment/making-it-real-2026.csv, row 1, column D (\"Sumary\")\n    |\n  1 | Sumary\n    | ^^^^^^\n  what to do: Did you mean \"summary\"? Correct the column's name in row 1."
        ]
    );
    assert_eq!(
        run.messages_of("statement-unknown"),
        [
            "error[statement-unknown]: \"mir.info.i01\" is not a statement of Making it Real.\n  --> content/assessment/making-it-real-2026.csv, row 2, column A (\"statement\")\n    |\n  2 | mir.info.i01\n    | ^^^^^^^^^^^^\n  what to do: Did you mean \"mir.info.i1\"? Its statements are written <theme>.i<n> and <theme>.we<n>, such as mir.wellbeing.i1."
        ]
    );
    // Nothing else: the one misspelt name is not also each row's missing summary.
    assert_eq!(run.stderr.matches("error[").count(), 2, "{}", run.stderr);
}

/// A row of a ratings spreadsheet with no statement and words only in a column of words is the
/// rest of the rating above, typed on a row of its own: one message, as in the tracker.
#[test]
fn a_row_that_carries_on_the_rating_above_is_one_message() {
    let root = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
    let ratings = root
        .path()
        .join("content/assessment/making-it-real-2026.csv");
    let text = std::fs::read_to_string(&ratings).unwrap();
    let text = text.replacen(
        "\nmir.asc.we1,",
        "\n,,,And in Northgate soon.,,,,\nmir.asc.we1,",
        1,
    );
    std::fs::write(&ratings, text).unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.messages_of("row-carries-on"),
        [
            "error[row-carries-on]: This row has no statement, and words only in \"summary\", so it looks like it carries on the rating above it, mir.flex.i2 in row 2.\n  --> content/assessment/making-it-real-2026.csv, row 3, column D (\"summary\")\n    |\n  3 | And in Northgate soon.\n    | ^^^^^^^^^^^^^^^^^^^^^^\n  what to do: If it does, move its words to the end of the \"summary\" cell of mir.flex.i2, in row 2, and delete this row. If it is a new rating, give it its own statement and the cells it needs: rating."
        ]
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}
