//! `chorus build` on fixture reports: the pages they must produce, and the exact messages.

mod common;

use chorus::render::Progress;
use common::*;
use std::fs;
use std::path::Path;

#[test]
fn a_small_report_builds_every_page_with_relative_links() {
    let run = chorus("minimal", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning[base-url-missing]: The report has no base_url, so the site has no feeds, no sitemap.xml and no robots.txt, and its 404 page needs JavaScript to lead readers to the home page.\n  --> content/site.toml\n  what to do: Add the full address where the site will be published, ending in /, such as base_url = \"https://www.example.gov.uk/our-report/\". If the site is only ever opened from a shared drive, this does not matter. If the host's build gives the address with --base-url (the GitHub and GitLab files that chorus new makes do), this shows only on your own computer.\n\nBuilt 10 pages into site, with 1 warning. 1 story published, none left out.\n"
    );
    // The search index's files are named by what they hold (tests/publishing.rs reads them).
    let files: Vec<String> = run
        .files()
        .into_iter()
        .filter(|f| !f.starts_with("pagefind/"))
        .collect();
    assert_eq!(
        files,
        [
            "404.html",
            "about.html",
            "accessibility.html",
            "assets/search.js",
            "assets/style.css",
            "co-production.html",
            "index.html",
            "search.html",
            "site-map.html",
            "stories/first-story.html",
            "stories/index.html",
            "themes/mir.asc.html",
        ]
    );
    assert!(run.site().join("pagefind/pagefind.js").is_file());
    assert_eq!(broken_links(&run.site()), Vec::<String>::new());

    let story = run.page("stories/first-story.html");
    assert!(
        story.contains(r#"<a href="../about.html#who">the about page</a>"#),
        "{story}"
    );
    assert!(story.contains(r#"<link rel="stylesheet" href="../assets/style.css">"#));
    let about = run.page("about.html");
    assert!(about.contains(r#"<a href="stories/first-story.html">the first story</a>"#));
    // A page marked for navigation is in every page's menu.
    assert!(story.contains(r#"<li><a href="../about.html">About us</a></li>"#));
}

#[test]
fn every_page_has_the_floor_of_the_theme() {
    let run = chorus("minimal", &["build"]);
    for file in run.files().iter().filter(|f| f.ends_with(".html")) {
        let html = run.page(file);
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"),
            "{file}"
        );
        let body = &html[html.find("<body>").unwrap()..];
        assert!(
            body.starts_with(
                "<body>\n<a class=\"skip-link\" href=\"#main\">Skip to main content</a>"
            ),
            "{file}: the skip link is the first thing on the page"
        );
        for landmark in ["<header", "<nav", "<main id=\"main\"", "<footer"] {
            assert!(html.contains(landmark), "{file} lacks {landmark}");
        }
        assert_eq!(html.matches("<h1").count(), 1, "{file} has one h1");
        // Only the search page has a script (from the site itself), and the 404 page of a
        // report with no base_url (written into it, to find the site's root).
        let scripts = html.matches("<script").count();
        match file.as_str() {
            "search.html" => assert_eq!(scripts, 1, "{file}"),
            "404.html" => assert_eq!(scripts, 1, "{file}"),
            _ => assert_eq!(scripts, 0, "{file} needs no JavaScript"),
        }
        assert!(
            !html.contains("//fonts.") && !html.contains("cdn"),
            "{file} asks no other host"
        );
    }
}

#[test]
fn hostile_markdown_is_made_safe_and_every_removal_is_reported() {
    let run = chorus("hostile", &["build"]);
    assert_eq!(run.code, 0, "removals are warnings: {}", run.stderr);
    assert_messages(&run.stderr, "hostile");
    let story = run.page("stories/hostile-story.html");
    for forbidden in [
        "<script",
        "javascript:",
        "data:text",
        "onerror",
        "onmouseover",
        "<iframe",
        "<img src=\"x\"",
        "tracker.example",
        "alert(",
    ] {
        assert!(
            !story.to_lowercase().contains(&forbidden.to_lowercase()),
            "{forbidden} survived:\n{story}"
        );
    }
    // What was allowed stays: the Welsh phrase keeps its language, the safe link its address.
    assert!(
        story.contains(r#"<span lang="cy">Croeso</span>"#),
        "{story}"
    );
    assert!(story.contains(r#"<a href="https://example.org">safe link</a>"#));
    // A removed link keeps its words.
    assert!(story.contains("Click me and this and that."));
}

#[test]
fn a_withdrawn_story_leaves_no_trace_anywhere_in_the_output() {
    let run = chorus("consent", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_messages(&run.stderr, "consent");
    let site = run.site();
    // Everything that identifies the withdrawn story: its file name, title, storyteller,
    // summary, words, consent reference and the picture only it used.
    for trace in [
        "withdrawn-story",
        "Quetzal",
        "Umbrella Withdrawn",
        "Ozymandias",
        "zebra-withdrawn-story",
        "Unique-withdrawn-phrase-9931",
        "CONSENT-REF-withdrawn-story",
        "withdrawn-only",
    ] {
        assert_eq!(
            files_containing(&site, trace),
            Vec::<String>::new(),
            "{trace} was found"
        );
    }
    // Stories left out for other reasons leave nothing either.
    for trace in [
        "not-given-story",
        "Cedric",
        "print-only",
        "Delia",
        "overdue-story",
        "Ephraim",
        "review-story",
        "Fenella",
    ] {
        assert_eq!(
            files_containing(&site, trace),
            Vec::<String>::new(),
            "{trace} was found"
        );
    }
    // No consent detail of any story is ever written.
    assert_eq!(files_containing(&site, "CONSENT-REF"), Vec::<String>::new());
    // The count on the home page counts only what is published.
    let home = run.page("index.html");
    assert!(
        home.contains("<span class=\"figure\">1</span> story told by"),
        "{home}"
    );
    assert!(
        run.page("stories/published-story.html")
            .contains("Published story")
    );
    assert!(
        site.join("media/shared.png").is_file(),
        "a picture a published story uses is copied"
    );
    // A picture the group's description in site.toml shows is published, even though a story
    // still in review uses it too.
    assert!(site.join("media/group-photo.png").is_file());
    assert!(home.contains(r#"<img src="media/group-photo.png" alt="The group around a table" />"#));
    // The Welsh site has the translated story, and nothing of the withdrawn one either.
    assert!(
        run.page("cy/stories/published-story.html")
            .contains("<h1>Stori wedi’i chyhoeddi</h1>")
    );
    assert_eq!(broken_links(&site), Vec::<String>::new());
}

#[test]
fn a_translation_waits_until_the_site_lists_its_language() {
    let run = chorus("translation-not-listed", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_messages(&run.stderr, "translation-not-listed");
    assert_eq!(
        files_containing(&run.site(), "Stori gyntaf"),
        Vec::<String>::new()
    );
    assert!(!run.page("stories/first-story.html").contains("hreflang"));
}

#[test]
fn every_problem_is_reported_in_one_run_and_the_old_site_is_kept() {
    let root = copy_report(&fixture("errors"));
    let old_site = root.path().join("site");
    fs::create_dir_all(&old_site).unwrap();
    fs::write(old_site.join(".chorus-site"), "made by chorus").unwrap();
    fs::write(old_site.join("index.html"), "the previous site").unwrap();

    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1);
    assert_messages(&run.stderr, "errors");
    assert_eq!(run.page("index.html"), "the previous site");
    assert_eq!(run.files(), [".chorus-site", "index.html"]);
}

#[test]
fn check_reports_the_same_problems_and_writes_nothing() {
    let run = chorus("errors", &["check"]);
    assert_eq!(run.code, 1);
    let build_messages = chorus("errors", &["build"]).stderr;
    let (problems, _) = build_messages.rsplit_once("Found ").unwrap();
    assert!(run.stderr.starts_with(problems), "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().last(),
        Some("Found 21 problems that stop the build (and 3 warnings).")
    );
    assert!(!run.site().exists());

    let clean = chorus("minimal", &["check"]);
    assert_eq!(
        (clean.code, clean.stderr.as_str()),
        (
            0,
            "warning[base-url-missing]: The report has no base_url, so the site has no feeds, no sitemap.xml and no robots.txt, and its 404 page needs JavaScript to lead readers to the home page.\n  --> content/site.toml\n  what to do: Add the full address where the site will be published, ending in /, such as base_url = \"https://www.example.gov.uk/our-report/\". If the site is only ever opened from a shared drive, this does not matter. If the host's build gives the address with --base-url (the GitHub and GitLab files that chorus new makes do), this shows only on your own computer.\n\nNo problems stop the build, with 1 warning. 1 story published, none left out.\n"
        )
    );
}

#[test]
fn a_report_can_override_templates_styles_and_words() {
    let run = chorus("theme-override", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = run.page("index.html");
    assert!(home.contains(r#"<p class="override">Our own home page.</p>"#));
    assert!(
        home.contains(">Jump to the report</a>"),
        "the report's words replace the theme's"
    );
    assert!(
        run.page("assets/style.css")
            .starts_with("/* the report's own styles */")
    );
    // What the report does not override comes from the built-in theme.
    assert!(
        run.page("accessibility.html")
            .contains("<h2>Enforcement procedure</h2>")
    );
}

/// A template's mistake is named in plain words, at its file and line in the report's own
/// theme folder, with what to do: a tag written wrongly, a filter that does not exist, and a
/// value the page does not have.
#[test]
fn a_mistake_in_a_theme_template_is_said_plainly_at_its_line() {
    for case in ["broken-theme", "template-filter", "template-value"] {
        let run = chorus(case, &["build"]);
        assert_eq!(run.code, 1, "{case}");
        assert!(!run.site().exists(), "{case}");
        assert!(
            run.stderr
                .contains("  --> themes/default/templates/page.html:"),
            "{}",
            run.stderr
        );
        assert_messages(&run.stderr, case);
    }
}

/// A theme made from an older default theme writes its menu links with `href` and `current`:
/// it is told what a menu link gives now, and how to write the link and mark the page.
#[test]
fn a_theme_with_the_older_menu_is_told_how_links_are_written_now() {
    let run = chorus("template-old-menu", &["build"]);
    assert_eq!(run.code, 1);
    assert!(!run.site().exists());
    assert_messages(&run.stderr, "template-old-menu");
}

#[test]
fn a_welsh_report_gets_the_theme_in_welsh() {
    let run = chorus("welsh", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = run.page("index.html");
    assert!(home.contains("<html lang=\"cy\">"));
    assert!(home.contains(">Neidio i’r prif gynnwys</a>"), "{home}");
    assert!(
        run.page("accessibility.html")
            .contains("<h1>Datganiad hygyrchedd</h1>")
    );
}

#[test]
fn a_folder_chorus_did_not_make_is_never_replaced() {
    let root = copy_report(&fixture("minimal"));
    let elsewhere = root.path().join("my-documents");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("budget.xlsx"), "precious").unwrap();
    let output = elsewhere.to_str().unwrap().to_owned();
    let run = run_in(root, &["build", "--output", &output]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error[output-not-ours]: This output folder already holds files that Chorus did not make, so Chorus will not replace it.\n  --> <root>/my-documents\n  what to do: Choose an empty or new folder with --output, or move those files somewhere else.\n\nwarning[base-url-missing]: The report has no base_url, so the site has no feeds, no sitemap.xml and no robots.txt, and its 404 page needs JavaScript to lead readers to the home page.\n  --> content/site.toml\n  what to do: Add the full address where the site will be published, ending in /, such as base_url = \"https://www.example.gov.uk/our-report/\". If the site is only ever opened from a shared drive, this does not matter. If the host's build gives the address with --base-url (the GitHub and GitLab files that chorus new makes do), this shows only on your own computer.\n\nFound 1 problem that stops the build (and 1 warning). Nothing was written: <root>/my-documents is as it was.\n"
    );
    assert!(run.root.path().join("my-documents/budget.xlsx").is_file());
}

#[test]
fn a_folder_without_a_report_says_so() {
    let empty = tempfile::tempdir().unwrap();
    let run = run_in(empty, &["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error[content-folder-missing]: There is no content folder here, so there is no report to build.\n  --> content/\n  what to do: Run chorus in the folder that holds your content/ folder, or name that folder: chorus build our-report. To start a report: chorus new our-report.\n\nFound 1 problem that stops the build. Nothing was written: there is no site yet.\n"
    );
}

#[test]
fn an_output_folder_inside_content_is_refused_before_anything_is_written() {
    let root = copy_report(&fixture("minimal"));
    let inside = root.path().join("content/media");
    let output = inside.to_str().unwrap().to_owned();
    let run = run_in(root, &["build", "--output", &output]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error[output-in-report]: The output folder is inside the report's content/ folder, so every build would publish the last site again inside the new one.\n  --> <root>/content/media\n  what to do: Leave out --output to build into site/ in the report folder, or name with --output a new folder that is not inside content/, themes/ or private/.\n\nwarning[base-url-missing]: The report has no base_url, so the site has no feeds, no sitemap.xml and no robots.txt, and its 404 page needs JavaScript to lead readers to the home page.\n  --> content/site.toml\n  what to do: Add the full address where the site will be published, ending in /, such as base_url = \"https://www.example.gov.uk/our-report/\". If the site is only ever opened from a shared drive, this does not matter. If the host's build gives the address with --base-url (the GitHub and GitLab files that chorus new makes do), this shows only on your own computer.\n\nFound 1 problem that stops the build (and 1 warning). Nothing was written: there is no <root>/content/media yet.\n"
    );
    assert!(!run.root.path().join("content/media").exists());
    assert!(!run.root.path().join("content/.media.chorus-new").exists());
}

#[test]
fn the_report_folder_itself_is_refused_as_the_output_folder() {
    let root = copy_report(&fixture("minimal"));
    let output = root.path().to_str().unwrap().to_owned();
    let run = run_in(root, &["build", "--output", &output]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error[output-in-report]: The output folder is the report folder itself, so building there would replace the report.\n  --> <root>\n  what to do: Leave out --output to build into site/ in the report folder, or name with --output a new folder that is not inside content/, themes/ or private/.\n\nwarning[base-url-missing]: The report has no base_url, so the site has no feeds, no sitemap.xml and no robots.txt, and its 404 page needs JavaScript to lead readers to the home page.\n  --> content/site.toml\n  what to do: Add the full address where the site will be published, ending in /, such as base_url = \"https://www.example.gov.uk/our-report/\". If the site is only ever opened from a shared drive, this does not matter. If the host's build gives the address with --base-url (the GitHub and GitLab files that chorus new makes do), this shows only on your own computer.\n\nFound 1 problem that stops the build (and 1 warning). Nothing was written: <root> is as it was.\n"
    );
    let mut names: Vec<_> = fs::read_dir(run.root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["content"]);
}

#[test]
fn a_site_left_aside_by_a_stopped_build_is_put_back_then_replaced() {
    // A build stopped between its two renames leaves the previous site, whole, aside.
    let root = copy_report(&fixture("minimal"));
    let aside = root.path().join(".site.chorus-old");
    fs::create_dir_all(&aside).unwrap();
    fs::write(aside.join(".chorus-site"), "made by chorus").unwrap();
    fs::write(aside.join("index.html"), "the previous site").unwrap();

    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "note[output-restored]: A build that was stopped part-way had left the previous site in this folder. Chorus put it back, then put the new site in its place.\n  --> .site.chorus-old\n  what to do: Nothing to do.\n\nwarning[base-url-missing]: The report has no base_url, so the site has no feeds, no sitemap.xml and no robots.txt, and its 404 page needs JavaScript to lead readers to the home page.\n  --> content/site.toml\n  what to do: Add the full address where the site will be published, ending in /, such as base_url = \"https://www.example.gov.uk/our-report/\". If the site is only ever opened from a shared drive, this does not matter. If the host's build gives the address with --base-url (the GitHub and GitLab files that chorus new makes do), this shows only on your own computer.\n\nBuilt 10 pages into site, with 1 warning and 1 note. 1 story published, none left out.\n"
    );
    assert!(run.page("index.html").starts_with("<!DOCTYPE html>"));
    let mut names: Vec<_> = fs::read_dir(run.root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, [".site.chorus-site", "content", "site"]);
}

#[test]
fn a_folder_with_the_name_chorus_swaps_through_is_left_alone() {
    let root = copy_report(&fixture("minimal"));
    let stranger = root.path().join(".site.chorus-new");
    fs::create_dir_all(&stranger).unwrap();
    fs::write(stranger.join("notes.txt"), "mine").unwrap();

    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error[output-leftover-not-ours]: Chorus uses this name beside the output folder while it puts the new site in place, but what is there was not made by Chorus, so Chorus has left it alone.\n  --> .site.chorus-new\n  what to do: Move it somewhere else, or delete it if you do not need it, then build again.\n\nwarning[base-url-missing]: The report has no base_url, so the site has no feeds, no sitemap.xml and no robots.txt, and its 404 page needs JavaScript to lead readers to the home page.\n  --> content/site.toml\n  what to do: Add the full address where the site will be published, ending in /, such as base_url = \"https://www.example.gov.uk/our-report/\". If the site is only ever opened from a shared drive, this does not matter. If the host's build gives the address with --base-url (the GitHub and GitLab files that chorus new makes do), this shows only on your own computer.\n\nFound 1 problem that stops the build (and 1 warning). Nothing was written: there is no site yet.\n"
    );
    assert!(run.root.path().join(".site.chorus-new/notes.txt").is_file());
    assert!(!run.site().exists());
}

#[test]
fn every_page_exists_in_each_language_and_a_translation_gives_only_its_words() {
    let run = chorus("bilingual", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_messages(&run.stderr, "bilingual");
    for language in ["cy", "pl"] {
        for page in ["index", "stories/index", "site-map", "accessibility", "404"] {
            let html = run.page(&format!("{language}/{page}.html"));
            assert!(
                html.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{language}\">")),
                "{language}/{page}.html"
            );
        }
    }
    // The translated story and page have their own Welsh pages, linked both ways.
    let welsh = run.page("cy/stories/first-story.html");
    assert!(welsh.contains("<h1>Stori gyntaf</h1>"));
    assert!(welsh.contains(
        r#"<link rel="alternate" hreflang="en-GB" href="../../stories/first-story.html">"#
    ));
    assert!(run.page("stories/first-story.html").contains(
        r#"<li><a href="../cy/stories/first-story.html" hreflang="cy" lang="cy">Cymraeg</a></li>"#
    ));
    // The translation's repeated date is not used: the original's is.
    assert!(welsh.contains(r#"<time datetime="2026-01-10">"#));
    // A story with no translation is listed on the Welsh site in English, marked so.
    let welsh_list = run.page("cy/stories/index.html");
    assert!(welsh_list.contains(
        r#"<a href="../../stories/second-story.html" hreflang="en-GB" lang="en-GB">Second story</a>"#
    ));
    assert!(welsh_list.contains(r#"<p lang="en-GB">A short summary of Second story.</p>"#));
    // Links in a translation lead to the pages in its language.
    let welsh_home = run.page("cy/index.html");
    assert!(welsh_home.contains(r#"<a href="stories/first-story.html">y stori gyntaf</a>"#));
    assert!(welsh_home.contains(r#"<a href="about.html">amdanom ni</a>"#));
    // No page for a story or page that has no Polish translation.
    assert!(!run.site().join("pl/stories/first-story.html").exists());
    assert!(!run.site().join("pl/about.html").exists());
    assert_eq!(broken_links(&run.site()), Vec::<String>::new());
}

/// Words of the report that it gives in English only (its name, the organisation's, a forum's,
/// a cycle's title, the frameworks' names) are marked as English wherever a Welsh page shows
/// them, a Welsh sentence around them included (WCAG 3.1.2, Language of Parts); words a
/// translation gives in Welsh are not.
#[test]
fn words_the_report_gives_only_in_english_are_marked_so_on_every_welsh_page() {
    use common::languages::{languages_of, text_in_languages};
    let run = chorus("language-of-parts", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site_title = "Our care, our say";
    let organisation = "Fixture Borough Council";
    let cycle = "Making it Real, 2026";
    let theme = "Information and advice";
    let statement = "We explain money clearly";
    let entry = "Letters people can read";
    let english = [
        site_title,
        organisation,
        "Fixture Voices",
        "Carers' forum",
        "Finance team",
        entry,
        "Evenings out again",
        cycle,
        theme,
        "Working with people",
        statement,
        "Information I can use",
        "Assessing needs",
        "1.3.1 Info and Relationships",
        "Members who use screen readers",
    ];
    let welsh = ["Llythyrau y gallwn eu darllen", "Am yr adroddiad hwn"];
    // Each kind of Welsh page, and words of the report it must show.
    let shown = [
        ("cy/index.html", vec![site_title, "Fixture Voices"]),
        ("cy/about.html", vec![organisation, "Am yr adroddiad hwn"]),
        (
            "cy/accessibility.html",
            vec![
                site_title,
                organisation,
                "1.3.1 Info and Relationships",
                "Members who use screen readers",
            ],
        ),
        (
            "cy/site-map.html",
            vec![
                cycle,
                statement,
                "Assessing needs",
                theme,
                "Working with people",
                entry,
                "Evenings out again",
                "Llythyrau y gallwn eu darllen",
                "Am yr adroddiad hwn",
            ],
        ),
        (
            "cy/stories/index.html",
            vec!["Evenings out again", "Llythyrau y gallwn eu darllen"],
        ),
        ("cy/stories/letters.html", vec![theme, entry]),
        ("cy/themes/mir.info.html", vec![theme, statement, cycle]),
        ("cy/statements/mir.info.we1.html", vec![statement, cycle]),
        ("cy/assessment/index.html", vec![cycle]),
        (
            "cy/assessment/making-it-real-2026/index.html",
            vec![cycle, theme, statement],
        ),
        (
            "cy/assessment/making-it-real-2026/mir.info.we1.html",
            vec![cycle, theme, entry],
        ),
        ("cy/you-said-we-did/index.html", vec![entry, theme]),
        ("cy/you-said-we-did/theme/mir.info.html", vec![theme, entry]),
        (
            "cy/you-said-we-did/lp-1.html",
            vec!["Carers' forum", "Finance team", theme, "Assessing needs"],
        ),
        ("cy/co-production.html", vec![entry]),
        ("cy/search.html", vec![theme]),
        ("cy/404.html", vec![site_title, organisation]),
    ];
    for (page, words) in &shown {
        let pieces = text_in_languages(&run.page(page));
        for words in words {
            assert!(
                !languages_of(&pieces, words).is_empty(),
                "{page} does not show {words}"
            );
        }
    }
    let welsh_pages: Vec<String> = (run.files().into_iter())
        .filter(|f| f.starts_with("cy/") && f.ends_with(".html"))
        .collect();
    let mut wrong = Vec::new();
    for page in &welsh_pages {
        let pieces = text_in_languages(&run.page(page));
        for (words, right) in
            (english.iter().map(|w| (w, "en"))).chain(welsh.iter().map(|w| (w, "cy")))
        {
            for languages in languages_of(&pieces, words) {
                if !languages.iter().all(|l| l.split('-').next() == Some(right)) {
                    wrong.push(format!("{page}: {words} in {languages:?}"));
                }
            }
        }
    }
    assert_eq!(wrong, Vec::<String>::new());
}

#[test]
fn each_mistake_an_editor_makes_gets_one_message_that_leads_to_the_fix() {
    let run = chorus("mistakes", &["check"]);
    assert_eq!(run.code, 1);
    assert_messages(&run.stderr, "mistakes");
}

#[test]
fn an_output_that_is_a_file_or_a_link_is_named_as_such_and_nothing_is_written() {
    let root = copy_report(&fixture("minimal"));
    fs::write(root.path().join("notes.txt"), "mine").unwrap();
    let run = run_in(root, &["build", "--output", "notes.txt"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "warning[base-url-missing]: The report has no base_url, so the site has no feeds, no sitemap.xml and no robots.txt, and its 404 page needs JavaScript to lead readers to the home page.\n  --> content/site.toml\n  what to do: Add the full address where the site will be published, ending in /, such as base_url = \"https://www.example.gov.uk/our-report/\". If the site is only ever opened from a shared drive, this does not matter. If the host's build gives the address with --base-url (the GitHub and GitLab files that chorus new makes do), this shows only on your own computer.\n\nerror[output-is-a-file]: This is a file, not a folder, so Chorus can't build the site into it.\n  --> notes.txt\n  what to do: Name a folder with --output: a new one, or one that Chorus made before. Chorus makes it if it is not there.\n\nFound 1 problem that stops the build (and 1 warning). Nothing was written: notes.txt is as it was.\n"
    );
    assert_eq!(
        fs::read_to_string(run.root.path().join("notes.txt")).unwrap(),
        "mine"
    );

    #[cfg(unix)]
    {
        // A link (a shortcut) to a folder is written through, and stays a link.
        let root = copy_report(&fixture("minimal"));
        fs::create_dir(root.path().join("published")).unwrap();
        std::os::unix::fs::symlink("published", root.path().join("site")).unwrap();
        let run = run_in(root, &["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            fs::symlink_metadata(run.site())
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(run.root.path().join("published/index.html").is_file());
        let names: Vec<_> = fs::read_dir(run.root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert_eq!(
            names,
            [".published.chorus-site"],
            "no half-written folder is left"
        );
    }
}

#[test]
fn brand_colours_that_pass_and_extra_styles_follow_the_built_in_stylesheet() {
    let run = chorus("brand", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let css = run.page("assets/style.css");
    assert!(
        css.ends_with("/* The report's brand colours, from [brand] in site.toml. */\n:root {\n  --chorus-header-background: #5c2d91;\n  --chorus-link: #005ea5;\n}\n"),
        "{css}"
    );
    let home = run.page("index.html");
    assert!(home.contains(
        "<link rel=\"stylesheet\" href=\"assets/style.css\">\n<link rel=\"stylesheet\" href=\"assets/extra.css\">"
    ));
    assert!(
        run.page("assets/extra.css")
            .starts_with("/* the report's own rules")
    );
    assert!(
        run.page("404.html")
            .contains(".site-name { letter-spacing: 0.02em; }")
    );

    let replaced = chorus("theme-override", &["build"]);
    assert!(
        replaced.stderr.contains(
            "warning[stylesheet-replaced]: This file replaces the built-in theme's whole stylesheet"
        ),
        "{}",
        replaced.stderr
    );
}

#[test]
fn a_mistake_found_while_pages_are_written_leaves_the_previous_site_as_it_was() {
    // Pages are written to the new site as they are made, and a broken link is found only
    // while its page is made: the new site, part-written by then, must go without a trace.
    let root = copy_report(&fixture("minimal"));
    let (code, stderr) = chorus_at(root.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let site = root.path().join("site");
    let before = fs::read_to_string(site.join("index.html")).unwrap();
    let story = root.path().join("content/stories/first-story.md");
    let text = fs::read_to_string(&story).unwrap();
    fs::write(
        &story,
        format!("{text}\nSee [the other story](stories/nope.md).\n"),
    )
    .unwrap();

    let (code, stderr) = chorus_at(root.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "This link points to \"stories/nope.md\", which is not a file in the report."
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("Nothing was written: site is as it was.\n"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(site.join("index.html")).unwrap(), before);
    let mut names: Vec<_> = fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, [".site.chorus-site", "content", "site"]);
}

/// A build says how far it has got: the pages made, then the pages the search index has read
/// (it reads more slowly than the pages are made), then the index being finished. Without
/// search, only the pages.
#[test]
fn a_build_tells_how_far_the_pages_and_the_search_index_have_got() {
    let root = copy_report(&fixture("minimal"));
    let today = jiff::civil::date(2026, 11, 23);
    let overrides = chorus::Overrides::default();
    let told = |root: &Path| {
        let mut told = Vec::new();
        let site = root.join("site");
        chorus::build_with_progress(root, &site, today, &overrides, &mut |progress| {
            told.push(progress)
        });
        told
    };
    let with_search = told(root.path());
    let pages = match with_search.first() {
        Some(Progress::Pages { made: 0, of }) => *of,
        other => panic!("{other:?}"),
    };
    let made: Vec<usize> = with_search
        .iter()
        .filter_map(|progress| match progress {
            Progress::Pages { made, .. } => Some(*made),
            _ => None,
        })
        .collect();
    assert!(made.is_sorted() && made.last() == Some(&pages), "{made:?}");
    let searched: Vec<&Progress> = with_search
        .iter()
        .skip_while(|progress| matches!(progress, Progress::Pages { .. }))
        .collect();
    // How many pages search has read, the last count all of them, and only then the index
    // finished.
    let Some((Progress::Index, read)) = searched.split_last() else {
        panic!("{searched:?}");
    };
    let counts: Vec<(usize, usize)> = read
        .iter()
        .map(|progress| match progress {
            Progress::Searched { read, of } => (*read, *of),
            other => panic!("{other:?}"),
        })
        .collect();
    let &(all, of) = counts.last().unwrap();
    assert!(all == of && of > 1 && of < pages, "{counts:?}");
    assert!(counts.is_sorted(), "{counts:?}");

    let settings = root.path().join("content/site.toml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(&settings, format!("search = false\n{text}")).unwrap();
    let without = told(root.path());
    assert!(
        without
            .iter()
            .all(|progress| matches!(progress, Progress::Pages { .. })),
        "{without:?}"
    );
}

/// A build lets go of each story's text once every check is made, and reads it again for its
/// page (docs/architecture.md, "Large reports"). A story saved again in between is not
/// published unchecked: the build stops, and the site as it was stays.
#[test]
fn a_story_saved_again_while_the_pages_are_made_stops_the_build() {
    let root = copy_report(&fixture("minimal"));
    let stories = root.path().join("content/stories");
    let first = fs::read_to_string(stories.join("first-story.md")).unwrap();
    let story = |n: usize, text: &str| {
        let path = stories.join(format!("story-{n:02}.md"));
        let told = first
            .replace("First story", &format!("Story {n}"))
            .replace("A story that", text);
        fs::write(path, told).unwrap();
    };
    for n in 0..40 {
        story(n, "A story that");
    }
    let today = jiff::civil::date(2026, 11, 23);
    let site = root.path().join("site");
    let overrides = chorus::Overrides::default();
    let built = chorus::build(root.path(), &site, today, &overrides);
    assert_eq!(built.pages, Some(50));
    let as_it_was = fs::read_to_string(site.join("stories/story-39.html")).unwrap();

    // The render's first news comes before any page is made, after the texts are let go of:
    // every story is saved again then. Two workers make the pages, as on a small machine.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let mut saved = false;
    let built = pool.install(|| {
        chorus::build_with_progress(root.path(), &site, today, &overrides, &mut |_| {
            if !saved {
                (0..40).for_each(|n| story(n, "Saved again, a story that"));
                saved = true;
            }
        })
    });
    let changed: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.rule.id == "file-changed-during-build")
        .collect();
    assert_eq!(changed.len(), 40, "{changed:?}");
    for problem in changed {
        assert_eq!(
            problem.to_string(),
            format!(
                "error[file-changed-during-build]: This file changed while the site was being made, after Chorus had checked it, so the site was not written.\n  --> {}\n  what to do: Build again once the file is saved: the site as it was is still there.\n",
                problem.file
            )
        );
    }
    assert_eq!(built.pages, None);
    let story_39 = fs::read_to_string(site.join("stories/story-39.html")).unwrap();
    assert_eq!(story_39, as_it_was);
}

/// The pages are written by the threads that make them. When one of them cannot write its
/// page, nothing more is written, the one failure is told once, and the new site is removed
/// whole: the site as it was stays. Here the site's folder is so deep that a page's path of
/// 28 characters or more from the site's root is longer than Linux allows (4,095 bytes),
/// while those of the site before it (`stories/first-story.html`, 24) are not.
#[cfg(target_os = "linux")]
#[test]
fn a_page_that_cannot_be_written_leaves_the_site_as_it_was() {
    let root = copy_report(&fixture("minimal"));
    let content = root.path().join("content");
    let settings = fs::read_to_string(content.join("site.toml")).unwrap();
    fs::write(
        content.join("site.toml"),
        format!("search = false\n{settings}"),
    )
    .unwrap();
    let stories = content.join("stories");
    let first = fs::read_to_string(stories.join("first-story.md")).unwrap();
    for n in 0..40 {
        let told = first.replace("First story", &format!("Story {n}"));
        fs::write(stories.join(format!("s{n:02}.md")), told).unwrap();
    }
    // 4,050 bytes, then `/.site.chorus-new/` (18) and the page's path from the site's root.
    let mut parent = root.path().canonicalize().unwrap();
    while parent.as_os_str().len() < 4050 {
        let left = 4050 - parent.as_os_str().len() - 1;
        let part = if left <= 200 { left } else { 200.min(left - 2) };
        parent.push("d".repeat(part));
    }
    fs::create_dir_all(&parent).unwrap();
    let site = parent.join("site");
    let today = jiff::civil::date(2026, 11, 23);
    let overrides = chorus::Overrides::default();
    let built = chorus::build(root.path(), &site, today, &overrides);
    assert_eq!(built.pages, Some(49), "{:?}", built.diagnostics);
    let as_it_was = fs::read_to_string(site.join("stories/s39.html")).unwrap();

    let failing = first.replace("First story", "A story that fails to be written");
    fs::write(stories.join("a-story-that-fails-to-be-written.md"), failing).unwrap();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let built = pool.install(|| chorus::build(root.path(), &site, today, &overrides));
    let errors: Vec<_> = built.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].rule.id, "output-not-writable");
    assert_eq!(built.pages, None);
    assert_eq!(
        fs::read_to_string(site.join("stories/s39.html")).unwrap(),
        as_it_was
    );
    let mut beside: Vec<_> = fs::read_dir(&parent)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    beside.sort();
    assert_eq!(beside, [".site.chorus-site", "site"]);
}

/// A picture only a left-out story uses is held back, and its note says what to do: nothing,
/// for a story not ready yet; for a withdrawn one, put it away with the story.
#[test]
fn a_picture_only_left_out_stories_use_is_held_back_with_the_right_advice() {
    let root = copy_report(&fixture("minimal"));
    let content = root.path().join("content");
    fs::create_dir_all(content.join("media")).unwrap();
    let first = fs::read_to_string(content.join("stories/first-story.md")).unwrap();
    for (name, consent) in [
        ("draft", "given = true\n"),
        ("withdrawn", "given = true\nwithdrawn = 2026-10-01\n"),
    ] {
        fs::write(content.join(format!("media/{name}.png")), "a picture").unwrap();
        let status = if name == "draft" {
            "draft"
        } else {
            "published"
        };
        let story = first
            .replace(
                "title = \"First story\"",
                &format!("title = \"A {name} story\"\nstatus = \"{status}\""),
            )
            .replace("given = true\n", consent)
            .replace(
                "A story that links",
                &format!("![A picture](media/{name}.png) A story that links"),
            );
        fs::write(content.join(format!("stories/{name}-story.md")), story).unwrap();
    }
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("note[file-only-for-unpublished]: Left out: only stories that are not published use this file.\n  --> content/media/draft.png\n  what to do: Nothing to do. It is published when a story that uses it is.\n"), "{}", run.stderr);
    assert!(run.stderr.contains("note[file-only-for-unpublished]: Left out: only stories that are not published use this file.\n  --> content/media/withdrawn.png\n  what to do: Nothing to do for the website. A story whose consent was withdrawn uses it: move it to private/ or delete it with the story, when your consent register says so.\n"), "{}", run.stderr);
    assert!(!run.site().join("media").exists());
}

/// A file's name becomes its page's web address and file name: one too long to save on some
/// systems is found by `check` too, named as the editor knows it, with a shorter name to use.
#[test]
fn a_story_name_too_long_for_an_address_is_an_error_with_a_shorter_name() {
    let root = copy_report(&fixture("minimal"));
    let stories = root.path().join("content/stories");
    let first = fs::read_to_string(stories.join("first-story.md")).unwrap();
    let long = format!(
        "the-day-i-finally-got-the-support-i-needed{}",
        "-after-months-of-waiting".repeat(4)
    );
    fs::write(stories.join(format!("{long}.md")), first).unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.message_of("file-name-too-long"),
        format!(
            "error[file-name-too-long]: This file's name is 138 characters long, too long for a web address: a name can have at most 100.\n  --> content/stories/{long}.md\n  what to do: Rename the file to something shorter, such as the-day-i-finally-got-the-support-i-needed-after.md, and change any links to it."
        )
    );
}

/// A link to a story whose storyteller withdrew their consent stops the build: leaving the link
/// out is not enough, since its words may still say whose story it was. A link to a story that
/// just isn't published yet is a warning: the story may come.
#[test]
fn a_link_to_a_withdrawn_story_stops_the_build_and_one_to_a_draft_does_not() {
    let root = copy_report(&fixture("minimal"));
    let content = root.path().join("content");
    let first = fs::read_to_string(content.join("stories/first-story.md")).unwrap();
    let taken_back = first
        .replace("First story", "Told and taken back")
        .replace("given = true\n", "given = true\nwithdrawn = 2026-11-01\n");
    fs::write(content.join("stories/taken-back.md"), &taken_back).unwrap();
    let about = fs::read_to_string(content.join("pages/about.md")).unwrap();
    let about = format!("{about}\nRead [Ada's story about her evenings](stories/taken-back.md).\n");
    fs::write(content.join("pages/about.md"), about).unwrap();
    let report = copy_report(root.path());

    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.message_of("link-to-withdrawn-story"),
        "error[link-to-withdrawn-story]: This link points to stories/taken-back.md, a story whose storyteller has withdrawn their consent, so the site can't be published with this link in it.\n  --> content/pages/about.md:7:6\n    |\n  7 | Read [Ada's story about her evenings](stories/taken-back.md).\n    |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Take out the whole link, its words as well as its address, and any words near it about the story or the person who told it: a withdrawn story must leave no trace on the site."
    );

    let draft = first
        .replace("First story", "Told and taken back")
        .replace("themes = [", "status = \"draft\"\nthemes = [");
    fs::write(report.path().join("content/stories/taken-back.md"), draft).unwrap();
    let run = run_in(report, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.message_of("link-to-unpublished"),
        "warning[link-to-unpublished]: This link points to stories/taken-back.md, which is not published, so Chorus left the link out.\n  --> content/pages/about.md:7:6\n    |\n  7 | Read [Ada's story about her evenings](stories/taken-back.md).\n    |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Once that story is published the link works. If it will not be, take the link out."
    );
}

/// A translation's badly named file is told a name that keeps its language ending.
#[test]
fn a_translation_with_a_name_unfit_for_an_address_is_told_a_name_with_its_language() {
    let root = copy_report(&fixture("minimal"));
    let content = root.path().join("content");
    let settings = fs::read_to_string(content.join("site.toml")).unwrap();
    fs::write(
        content.join("site.toml"),
        format!("languages = [\"en-GB\", \"cy\"]\n{settings}"),
    )
    .unwrap();
    let stories = content.join("stories");
    fs::rename(
        stories.join("first-story.md"),
        stories.join("Stori Rhian.md"),
    )
    .unwrap();
    fs::write(
        stories.join("Stori Rhian.cy.md"),
        "+++\ntitle = \"Stori Rhian\"\nsummary = \"Crynodeb.\"\n+++\nStori.\n",
    )
    .unwrap();
    let run = run_in(root, &["check"]);
    let helps: Vec<&str> = run
        .messages_of("file-name-not-an-address")
        .into_iter()
        .filter_map(|m| m.lines().last())
        .collect();
    assert_eq!(
        helps,
        [
            "  what to do: Rename the file to stori-rhian.cy.md.",
            "  what to do: Rename the file to stori-rhian.md."
        ],
        "{}",
        run.stderr
    );
}

/// A file in media/ that could run a program on the website (a web page, an SVG picture with
/// a script, a file whose name says nothing of its kind) is an error, one message for each,
/// however a story uses it: the site is not built, so nothing of it is published.
#[test]
fn a_media_file_that_could_run_a_program_is_refused_with_a_way_out() {
    let root = copy_report(&fixture("minimal"));
    let content = root.path().join("content");
    fs::create_dir_all(content.join("media")).unwrap();
    fs::write(
        content.join("media/chart.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.domain)</script></svg>",
    )
    .unwrap();
    fs::write(
        content.join("media/page.html"),
        "<html><script>alert(1)</script></html>",
    )
    .unwrap();
    fs::write(content.join("media/notes"), "<script>alert(1)</script>").unwrap();
    fs::write(content.join("media/plan.pdf"), "%PDF-1.4").unwrap();
    let story = content.join("stories/first-story.md");
    let text = fs::read_to_string(&story).unwrap();
    fs::write(
        &story,
        format!("{text}\n![A chart](media/chart.svg) [the page](media/page.html) [the plan](media/plan.pdf)\n"),
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.messages_of("media-kind-not-published"),
        [
            "error[media-kind-not-published]: Chorus does not publish .svg files from media/: a file of this kind can carry a program that would run on the website.\n  --> content/media/chart.svg\n  what to do: Save the picture as .png or .jpg (most drawing and photo programs can), and write that name where a story or page shows it. Chorus publishes pictures (.png, .jpg, .gif, .webp, .avif), sound and video (.mp3, .m4a, .ogg, .wav, .mp4, .webm, with .vtt captions) and documents (.pdf, .docx, .odt, .xlsx, .ods, .pptx, .odp, .csv, .txt, .epub, .zip).",
            "error[media-kind-not-published]: This file's name does not end in a kind of file, such as .png or .pdf, so Chorus does not publish it: a browser could open it as a web page, with any program in it.\n  --> content/media/notes\n  what to do: Save it as a kind Chorus publishes, or move it to private/ if it is not for the website. Chorus publishes pictures (.png, .jpg, .gif, .webp, .avif), sound and video (.mp3, .m4a, .ogg, .wav, .mp4, .webm, with .vtt captions) and documents (.pdf, .docx, .odt, .xlsx, .ods, .pptx, .odp, .csv, .txt, .epub, .zip).",
            "error[media-kind-not-published]: Chorus does not publish .html files from media/: a file of this kind can carry a program that would run on the website.\n  --> content/media/page.html\n  what to do: Write the page's words in markdown in content/pages/, or save it as .pdf, and link to that. Chorus publishes pictures (.png, .jpg, .gif, .webp, .avif), sound and video (.mp3, .m4a, .ogg, .wav, .mp4, .webm, with .vtt captions) and documents (.pdf, .docx, .odt, .xlsx, .ods, .pptx, .odp, .csv, .txt, .epub, .zip).",
        ],
        "{}",
        run.stderr
    );
    // One message for each mistake: the story's links to them are not also reported.
    assert!(
        !run.stderr.contains("link-to-missing-file"),
        "{}",
        run.stderr
    );
    assert!(!run.site().exists());
}

/// A language the theme has no words for is named at the setting that asks for it.
#[test]
fn a_language_the_theme_has_no_words_for_is_shown_at_its_setting() {
    let root = copy_report(&fixture("minimal"));
    let site = root.path().join("content/site.toml");
    let settings = fs::read_to_string(&site).unwrap();
    fs::write(
        &site,
        format!("languages = [\"en-GB\", \"fr\"]\n{settings}"),
    )
    .unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.message_of("theme-language-missing"),
        "error[theme-language-missing]: The theme has no words for the language \"fr\".\n  --> content/site.toml:1:23\n    |\n  1 | languages = [\"en-GB\", \"fr\"]\n    |                       ^^^^\n  what to do: Add themes/default/i18n/fr.toml with every word of the built-in i18n/en.toml translated, or name a language the theme has words for: \"cy\" or \"en\"."
    );
}

/// A withdrawal, consent not given, or a draft written in a translation is never obeyed (the
/// original decides), so each stops the build at its own line, instead of a warning that the
/// setting is not used while the story stays on the website.
#[test]
fn a_translation_that_says_its_story_must_not_be_published_stops_the_build() {
    let root = copy_report(&fixture("bilingual"));
    let translation = root.path().join("content/stories/first-story.cy.md");
    fs::write(
        &translation,
        "+++\ntitle = \"Stori gyntaf\"\nsummary = \"Crynodeb byr o'r stori gyntaf.\"\nstatus = \"draft\"\n\n[consent]\ngiven = false\nwithdrawn = 2026-11-01\n+++\nGeiriau'r stori gyntaf.\n",
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.site().exists());
    let help = "what to do: If that is so, write it in content/stories/first-story.md and delete it here: the story is then left out in every language. If not, delete it here. The build stops until then, so nothing new is published meanwhile.";
    let said = "but a translation takes its consent and status from the story it translates, content/stories/first-story.md, so the story would still be published in every language.";
    let used = "  and the setting that is used is here:\n  --> content/stories/first-story.md:10:1\n     |\n  10 | [consent]\n     | ^^^^^^^^^\n";
    assert_eq!(
        run.messages_of("translation-holds-back"),
        vec![
            format!(
                "error[translation-holds-back]: This translation says the story's status is \"draft\", {said}\n  --> content/stories/first-story.cy.md:4:10\n    |\n  4 | status = \"draft\"\n    |          ^^^^^^^\n  {help}"
            ),
            format!(
                "error[translation-holds-back]: This translation says consent was withdrawn, {said}\n  --> content/stories/first-story.cy.md:8:13\n    |\n  8 | withdrawn = 2026-11-01\n    |             ^^^^^^^^^^\n{used}  {help}"
            ),
        ]
    );
    // Consent not given, written alone, says so.
    let root = copy_report(&fixture("bilingual"));
    fs::write(
        root.path().join("content/stories/first-story.cy.md"),
        "+++\ntitle = \"Stori gyntaf\"\nsummary = \"Crynodeb byr o'r stori gyntaf.\"\n\n[consent]\ngiven = false\n+++\nGeiriau'r stori gyntaf.\n",
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(
        run.messages_of("translation-holds-back"),
        vec![format!(
            "error[translation-holds-back]: This translation says consent was not given, {said}\n  --> content/stories/first-story.cy.md:6:9\n    |\n  6 | given = false\n    |         ^^^^^\n{used}  {help}"
        )]
    );
    // In the place of the warnings that these settings are not used: one mistake, one message.
    let not_used = run.messages_of("translation-repeats-setting");
    assert!(
        not_used.iter().all(|m| !m.contains("first-story.cy.md")),
        "{not_used:?}"
    );
}

/// A withdrawal that comes with a problem that stops the build: the site in place still shows
/// the story, and the closing lines say so, where the story's note says nothing of it is in
/// the site.
#[test]
fn a_failed_build_says_the_site_in_place_still_shows_a_story_now_withdrawn() {
    let root = copy_report(&fixture("consent"));
    let story = root.path().join("content/stories/withdrawn-story.md");
    let withdrawn = fs::read_to_string(&story).unwrap();
    fs::write(&story, withdrawn.replace("withdrawn = 2026-06-01\n", "")).unwrap();
    let (code, stderr) = chorus_at(root.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        root.path()
            .join("site/cy/stories/withdrawn-story.html")
            .is_file()
    );
    // Withdrawn now, in the same save as a mistake elsewhere.
    fs::write(&story, &withdrawn).unwrap();
    let about = root.path().join("content/pages/sharing.md");
    let text = fs::read_to_string(&about).unwrap();
    fs::write(
        &about,
        format!("{text}\n[Our plan](pages/no-such-page.md)\n"),
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.ends_with(" Nothing was written: site is as it was.\nTake care: site still shows a story whose consent was withdrawn (site/stories/withdrawn-story.html, site/cy/stories/withdrawn-story.html), and will until a build puts a new site in place. Fix the problems that stop the build first.\n"), "{}", run.stderr);
    // Once the build succeeds, it is gone, and nothing more is said.
    fs::write(&about, &text).unwrap();
    let (code, stderr) = chorus_at(run.root.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("Take care"), "{stderr}");
    assert!(
        !run.root
            .path()
            .join("site/stories/withdrawn-story.html")
            .exists()
    );
}

/// A story that names its storyteller without their agreement is told so in the same run as
/// its other mistakes, whichever setting they are in: every problem in one run.
#[test]
fn naming_a_storyteller_without_agreement_is_reported_beside_other_mistakes() {
    let named = |from: &str, to: &str| {
        let root = copy_report(&fixture("consent"));
        let story = root.path().join("content/stories/published-story.md");
        let text = fs::read_to_string(&story)
            .unwrap()
            .replace("anonymised = true", "anonymised = false");
        assert!(text.contains(from), "{from}");
        fs::write(&story, text.replace(from, to)).unwrap();
        run_in(root, &["build"])
    };
    for (from, to, other) in [
        (
            "role = \"person-drawing-on-care\"",
            "role = \"Carer\"",
            "setting-not-a-choice",
        ),
        (
            "scope = [\"web\", \"print\"]",
            "scope = [\"website\"]",
            "consent-scope-unknown",
        ),
        (
            "reference = \"CONSENT-REF-published-story\"\n",
            "",
            "setting-missing",
        ),
        (
            "summary = \"Summary of Published story, zebra-published-story.\"\n",
            "",
            "setting-missing",
        ),
    ] {
        let run = named(from, to);
        assert_eq!(
            run.messages_of("consent-naming-not-agreed").len(),
            1,
            "{to}: {}",
            run.stderr
        );
        assert!(!run.messages_of(other).is_empty(), "{to}: {}", run.stderr);
    }
    // Without [consent], only that it is missing is said: whether they agreed is not known.
    let run = named(
        "\n[consent]\ngiven = true\nreference = \"CONSENT-REF-published-story\"\nrecorded = 2026-01-10\nscope = [\"web\", \"print\"]\nreview_by = 2027-06-01\n",
        "",
    );
    assert!(
        !run.messages_of("consent-missing").is_empty(),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.messages_of("consent-naming-not-agreed"),
        Vec::<&str>::new()
    );
    // `named` in the wrong form says so, and only so.
    let run = named(
        "review_by = 2027-06-01\n",
        "review_by = 2027-06-01\nnamed = \"yes\"\n",
    );
    assert_eq!(
        run.messages_of("consent-naming-not-agreed"),
        Vec::<&str>::new(),
        "{}",
        run.stderr
    );
}

/// An empty or missing site.toml is one mistake: the stories' themes and statements are read
/// against the built-in frameworks, as when site.toml names none, and not all reported unknown.
#[test]
fn an_empty_or_missing_site_toml_is_one_message_that_gives_the_settings() {
    for text in [Some(""), None] {
        let root = copy_report(&fixture("consent"));
        let settings = root.path().join("content/site.toml");
        match text {
            Some(text) => fs::write(&settings, text).unwrap(),
            None => fs::remove_file(&settings).unwrap(),
        }
        let run = run_in(root, &["check"]);
        let errors: Vec<&str> = run
            .stderr
            .lines()
            .filter(|line| line.starts_with("error["))
            .collect();
        let rule = if text.is_some() {
            "error[site-settings-empty]"
        } else {
            "error[file-required]"
        };
        assert_eq!(errors.len(), 1, "{}", run.stderr);
        assert!(errors[0].starts_with(rule), "{}", run.stderr);
        assert!(!run.stderr.contains("theme-unknown"), "{}", run.stderr);
        assert!(!run.stderr.contains("statement-unknown"), "{}", run.stderr);
    }
    let root = copy_report(&fixture("consent"));
    fs::remove_file(root.path().join("content/site.toml")).unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(
        run.message_of("file-required"),
        format!(
            "error[file-required]: The report has no site.toml, which it needs.\n  --> content/site.toml\n  what to do: Create content/site.toml with the settings below, writing your report's title, your organisation's name and an address the group reads in the place of the examples. Every setting is explained in Chorus's docs/content-model.md (chorus new makes a report whose site.toml explains each one in comments).\n    title = \"Our report\"\n    organisation = \"Our organisation\"\n    contact_email = \"coproduction@example.org\"\n    \n    [accessibility]\n    compliance = \"partial\"\n    prepared = {}",
            TODAY
        )
    );
}

/// A story meant to be anonymous whose storyteller is written as a full name is published
/// with that name: a warning points at it, and says where the name would be published (the
/// stories' open data too, when the story's consent covers them). A name in capitals, in small
/// letters or of five words is a name; roles, relations, descriptions and a first name are not.
#[test]
fn an_anonymous_story_with_a_full_name_is_warned_about() {
    let with_storyteller = |storyteller: &str, scope: &str, command: &str| {
        let root = copy_report(&fixture("minimal"));
        let story = root.path().join("content/stories/first-story.md");
        let text = fs::read_to_string(&story)
            .unwrap()
            .replace(
                "storyteller = \"Ada\"",
                &format!("storyteller = \"{storyteller}\""),
            )
            .replace("scope = [\"web\"]", &format!("scope = {scope}"));
        fs::write(&story, text).unwrap();
        run_in(root, &[command])
    };
    let run = with_storyteller("Mary Jones", "[\"web\"]", "build");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.messages_of("anonymous-story-full-name"),
        [
            "warning[anonymous-story-full-name]: This story is meant to be anonymous, but its storyteller looks like a full name, and the website shows the storyteller with the story.\n  --> content/stories/first-story.md:5:15\n    |\n  5 | storyteller = \"Mary Jones\"\n    |               ^^^^^^^^^^^^\n  what to do: If the story is to stay anonymous, write a first name the storyteller chose, or Anonymous: storyteller = \"Anonymous\". If they agreed to be named, set anonymised = false and add named = true under [consent]."
        ]
    );
    let run = with_storyteller("MARY JONES", "[\"web\", \"open-data\"]", "build");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.messages_of("anonymous-story-full-name"),
        [
            "warning[anonymous-story-full-name]: This story is meant to be anonymous, but its storyteller looks like a full name, and the storyteller is published with the story: on the website, and in the stories' open data (data/stories.csv and data/stories.json), as its consent includes open-data.\n  --> content/stories/first-story.md:5:15\n    |\n  5 | storyteller = \"MARY JONES\"\n    |               ^^^^^^^^^^^^\n  what to do: If the story is to stay anonymous, write a first name the storyteller chose, or Anonymous: storyteller = \"Anonymous\". If they agreed to be named, set anonymised = false and add named = true under [consent]."
        ]
    );
    // As the message says: the open data hold the name.
    for data in ["data/stories.csv", "data/stories.json"] {
        assert!(run.page(data).contains("MARY JONES"), "{data}");
    }
    for name in ["mary jones", "Mary Anne Louise Jones Smith"] {
        let run = with_storyteller(name, "[\"web\"]", "check");
        assert_eq!(
            run.messages_of("anonymous-story-full-name").len(),
            1,
            "{name}"
        );
    }
    for not_a_name in [
        "Ada",
        "Jo",
        "a carer",
        "A carer",
        "Young Carer",
        "Parent Carer",
        "Anonymous",
        "Mary J.",
        "NHS Staff",
        "NHS STAFF",
        "Carer from Harrowdale Voices",
        "someone who uses day services",
        "a parent from Barry",
    ] {
        let run = with_storyteller(not_a_name, "[\"web\"]", "check");
        assert_eq!(
            run.messages_of("anonymous-story-full-name"),
            Vec::<&str>::new(),
            "{not_a_name}"
        );
    }
}

/// A story a group told names the group as the group: "Told by the group Jo", never "Told by
/// Jo, a group", in each language; told anonymously, it is "a group" as before.
#[test]
fn a_story_told_by_a_group_names_the_group() {
    let told_by = |storyteller: &str| {
        let root = copy_report(&fixture("bilingual"));
        let story = root.path().join("content/stories/first-story.md");
        let text = fs::read_to_string(&story)
            .unwrap()
            .replace(
                "storyteller = \"Ann\"",
                &format!("storyteller = \"{storyteller}\""),
            )
            .replace("role = \"carer\"", "role = \"group\"");
        fs::write(&story, text).unwrap();
        let run = run_in(root, &["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run
    };
    let run = told_by("Jo");
    for (page, words) in [
        ("stories/first-story.html", "Told by the group Jo."),
        ("stories/index.html", "Told by the group Jo."),
        ("cy/stories/first-story.html", "Adroddwyd gan y grŵp Jo."),
        ("cy/stories/index.html", "Adroddwyd gan y grŵp Jo."),
    ] {
        let html = run.page(page);
        assert!(
            html.contains(&format!("<p class=\"meta\">{words} <time")),
            "{page}: {html}"
        );
        assert!(
            !html.contains("Jo, a group") && !html.contains("Jo, grŵp"),
            "{page}"
        );
    }
    let run = told_by("Anonymous");
    assert!(
        run.page("stories/first-story.html")
            .contains("Told anonymously by a group.")
    );
    assert!(
        run.page("cy/stories/first-story.html")
            .contains("Adroddwyd yn ddienw gan rŵp.")
    );
}

/// A withdrawn story's picture that a published page uses too is published: the group is told
/// so at the story, with the page that uses it, in the place of the note that nothing of the
/// story is in the site.
#[test]
fn a_withdrawn_storys_picture_that_another_page_uses_is_said_to_be_published() {
    let root = copy_report(&fixture("consent"));
    let story = root.path().join("content/stories/withdrawn-story.md");
    let text = fs::read_to_string(&story).unwrap().replace(
        "\n\n[consent]",
        "\n[image]\nsrc = \"media/group-photo.png\"\nalt = \"The group\"\n\n[consent]",
    );
    fs::write(&story, text).unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.site().join("media/group-photo.png").is_file());
    assert_eq!(
        run.messages_of("withdrawn-story-file-published"),
        [
            "warning[withdrawn-story-file-published]: Consent for this story was withdrawn on 1 June 2026, so it is left out, but its picture media/group-photo.png is still published: content/site.toml uses it too.\n  --> content/stories/withdrawn-story.md:11:7\n     |\n  11 | src = \"media/group-photo.png\"\n     |       ^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: If the picture could show who told the story, take it out of content/site.toml, or use another picture there: it is then left out with the story. If it may stay, there is nothing to do for the website; move content/stories/withdrawn-story.md to private/ or delete it when your consent register says so, and this message goes away.",
            "warning[withdrawn-story-file-published]: Consent for this story was withdrawn on 1 June 2026, so it is left out, but its picture media/shared.png is still published: content/stories/published-story.md and content/stories/published-story.cy.md use it too.\n  --> content/stories/withdrawn-story.md:22:83\n     |\n  22 | Unique-withdrawn-phrase-9931 with a picture ![Keys](media/withdrawn-only.png) and ![A shared picture](media/shared.png).\n     |                                                                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: If the picture could show who told the story, take it out of both, or use another picture there: it is then left out with the story. If it may stay, there is nothing to do for the website; move content/stories/withdrawn-story.md to private/ or delete it when your consent register says so, and this message goes away.",
        ]
    );
    // Its Welsh translation uses the same picture: it is told once, at the story. The note
    // that nothing of the story is in the site would not be true, so it is not given.
    assert_eq!(run.messages_of("consent-withdrawn"), Vec::<&str>::new());

    // Used by the translation only, it is told at the translation.
    let root = copy_report(&fixture("consent"));
    let story = root.path().join("content/stories/withdrawn-story.md");
    let text = fs::read_to_string(&story)
        .unwrap()
        .replace(" and ![A shared picture](media/shared.png)", "");
    fs::write(&story, text).unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(
        run.messages_of("withdrawn-story-file-published"),
        [
            "warning[withdrawn-story-file-published]: Consent for the story this translates, content/stories/withdrawn-story.md, was withdrawn on 1 June 2026, so it is left out, but its picture media/shared.png is still published: content/stories/published-story.md and content/stories/published-story.cy.md use it too.\n  --> content/stories/withdrawn-story.cy.md:5:89\n    |\n  5 | Unique-withdrawn-welsh-phrase-4417 with a picture ![Keys](media/withdrawn-only.png) and ![A shared picture](media/shared.png).\n    |                                                                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: If the picture could show who told the story, take it out of both, or use another picture there: it is then left out with the story. If it may stay, there is nothing to do for the website; move content/stories/withdrawn-story.md to private/ or delete it when your consent register says so, and this message goes away."
        ]
    );
}

/// HTML typed in a title is shown as it is typed: a title is plain text. A warning says so at
/// the title, with the title to write, for a story's title and a free page's.
#[test]
fn html_in_a_title_is_warned_about() {
    let root = copy_report(&fixture("minimal"));
    let story = root.path().join("content/stories/first-story.md");
    let text = fs::read_to_string(&story).unwrap().replace(
        "title = \"First story\"",
        "title = \"Our <b>new</b> service\"",
    );
    fs::write(&story, text).unwrap();
    let page = root.path().join("content/pages/about.md");
    let text = fs::read_to_string(&page)
        .unwrap()
        .replace("title = \"About us\"", "title = \"About <i>us</i>\"");
    fs::write(&page, text).unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.messages_of("title-has-html"),
        [
            "warning[title-has-html]: This title has HTML in it (<i>), but a title is plain text, so the page would show the tags as they are typed.\n  --> content/pages/about.md:2:9\n    |\n  2 | title = \"About <i>us</i>\"\n    |         ^^^^^^^^^^^^^^^^^\n  what to do: Take the tags out, leaving \"About us\". A title is shown as it is typed, in lists, in the browser's tab and in search results.",
            "warning[title-has-html]: This title has HTML in it (<b>), but a title is plain text, so the page would show the tags as they are typed.\n  --> content/stories/first-story.md:2:9\n    |\n  2 | title = \"Our <b>new</b> service\"\n    |         ^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Take the tags out, leaving \"Our new service\". A title is shown as it is typed, in lists, in the browser's tab and in search results."
        ]
    );
}

/// A translation named with its language's region (`.cy-GB.md`) is one error, which asks for
/// the name a translation takes (`.cy.md`); following it gives a report that builds. Before,
/// the advice was `.cy-gb.md`, which was then read as a story without its consent.
#[test]
fn a_translation_named_with_a_region_is_one_message_whose_advice_works() {
    let root = copy_report(&fixture("bilingual"));
    let stories = root.path().join("content/stories");
    fs::rename(
        stories.join("first-story.cy.md"),
        stories.join("first-story.cy-GB.md"),
    )
    .unwrap();
    let run = run_in(root, &["check"]);
    let errors: Vec<&str> = run
        .stderr
        .split("\n\n")
        .filter(|m| m.starts_with("error["))
        .collect();
    assert_eq!(
        errors,
        [
            "error[translation-name-has-region]: This translation's name ends in .cy-GB, but a translation is named by the first part of its language only: .cy for Welsh.\n  --> content/stories/first-story.cy-GB.md\n  what to do: Rename the file to first-story.cy.md."
        ]
    );
    // It is read as the Welsh translation it is: not said to be missing.
    assert!(
        !run.message_of("translations-missing")
            .contains("first-story"),
        "{}",
        run.stderr
    );

    // Written in small letters, as a file manager might, it is the same message.
    let root = run.root;
    let stories = root.path().join("content/stories");
    fs::rename(
        stories.join("first-story.cy-GB.md"),
        stories.join("first-story.cy-gb.md"),
    )
    .unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(run.messages_of("translation-name-has-region").len(), 1);
    assert_eq!(run.messages_of("consent-missing"), Vec::<&str>::new());

    // Renamed as the message says, the report builds.
    let root = run.root;
    let stories = root.path().join("content/stories");
    fs::rename(
        stories.join("first-story.cy-gb.md"),
        stories.join("first-story.cy.md"),
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Beside a translation of the right name, the message says to keep one of the two.
    let root = run.root;
    let stories = root.path().join("content/stories");
    fs::copy(
        stories.join("first-story.cy.md"),
        stories.join("first-story.cy-GB.md"),
    )
    .unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(
        run.message_of("translation-name-has-region"),
        "error[translation-name-has-region]: This translation's name ends in .cy-GB, but a translation is named by the first part of its language only: .cy for Welsh.\n  --> content/stories/first-story.cy-GB.md\n  what to do: There is already a file named first-story.cy.md beside it. Keep the translation that is right, named first-story.cy.md, and delete the other."
    );
}

/// A path written with Windows's backslashes in a setting (a story's picture, a workbook in
/// site.toml's [sheets]) is one message at its line, with the line to write instead: not a
/// message for each backslash the TOML reader could not read, nor one about the picture or
/// the workbook it then could not find.
#[test]
fn a_path_with_backslashes_in_a_setting_is_one_message() {
    let root = copy_report(&fixture("minimal"));
    let story = fs::read_to_string(root.path().join("content/stories/first-story.md")).unwrap();
    let with_image = |src: &str| {
        story.replace(
            "\n+++\nA story",
            &format!("\n[image]\nsrc = \"{src}\"\nalt = \"A garden.\"\n+++\nA story"),
        )
    };
    fs::write(
        root.path().join("content/stories/first-story.md"),
        with_image(r"C:\Users\me\photo.jpg").replace(
            "title = \"First story\"\n",
            "title = \"First story\"\npicture = \"C:\\Users\\me\\photo.jpg\"\n",
        ),
    )
    .unwrap();
    // `\n` and `\\` are escapes TOML reads: the path is still not the one meant.
    fs::write(
        root.path().join("content/stories/second-story.md"),
        with_image(r"media\new-garden.png").replace("First", "Second"),
    )
    .unwrap();
    // Between single quotation marks the TOML reader keeps the backslash: the path is still
    // not one a report's file has.
    fs::write(
        root.path().join("content/stories/third-story.md"),
        with_image("media/garden.png")
            .replace("\"media/garden.png\"", r"'media\new-garden.png'")
            .replace("First", "Third"),
    )
    .unwrap();
    // Curly quotation marks are said once too: what the TOML reader made of the line is not
    // looked for in media/ as well.
    fs::write(
        root.path().join("content/stories/fourth-story.md"),
        with_image("media/garden.png")
            .replace("\"media/garden.png\"", "“media/garden.png”")
            .replace("First", "Fourth"),
    )
    .unwrap();
    let site = root.path().join("content/site.toml");
    let settings = fs::read_to_string(&site).unwrap();
    fs::write(
        &site,
        format!("{settings}\n[sheets]\n\"you-said-we-did\\\\tracker.xlsx\" = \"Actions\"\n"),
    )
    .unwrap();
    let sheets_line = settings.lines().count() + 3;
    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let said = "a setting can't hold: a path in a report is written with forward slashes (/).";
    let on_computer = "what to do: A file on your computer is not part of the report: copy it into content/media/, and write its path from the content folder with forward slashes (/):";
    assert_eq!(
        run.messages_of("settings-backslash"),
        vec![
            format!(
                "error[settings-backslash]: This line has backslashes (\\), which {said}\n  --> content/site.toml:{sheets_line}:1\n     |\n  {sheets_line} | \"you-said-we-did\\\\tracker.xlsx\" = \"Actions\"\n     | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Write the path with forward slashes (/), from the content folder: \"you-said-we-did/tracker.xlsx\" = \"Actions\""
            ),
            format!(
                "error[settings-backslash]: This line has backslashes (\\), which {said}\n  --> content/stories/first-story.md:3:11\n    |\n  3 | picture = \"C:\\Users\\me\\photo.jpg\"\n    |           ^^^^^^^^^^^^^^^^^^^^^^^\n  {on_computer} picture = \"media/photo.jpg\""
            ),
            format!(
                "error[settings-backslash]: This line has backslashes (\\), which {said}\n  --> content/stories/first-story.md:19:7\n     |\n  19 | src = \"C:\\Users\\me\\photo.jpg\"\n     |       ^^^^^^^^^^^^^^^^^^^^^^^\n  {on_computer} src = \"media/photo.jpg\""
            ),
            format!(
                "error[settings-backslash]: This line has a backslash (\\), which {said}\n  --> content/stories/second-story.md:18:7\n     |\n  18 | src = \"media\\new-garden.png\"\n     |       ^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Write the path with forward slashes (/), from the content folder: src = \"media/new-garden.png\""
            ),
            format!(
                "error[settings-backslash]: This line has a backslash (\\), which {said}\n  --> content/stories/third-story.md:18:7\n     |\n  18 | src = 'media\\new-garden.png'\n     |       ^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Write the path with forward slashes (/), from the content folder: src = 'media/new-garden.png'"
            ),
        ]
    );
    assert_eq!(
        run.messages_of("settings-curly-quotes").len(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[").count(), 6, "{}", run.stderr);
}

/// A consent setting written above `[consent]` is told to move below it, never to be deleted
/// as unknown: deleting a misplaced `withdrawn` would publish a story whose consent was
/// withdrawn. A story's setting written below `[consent]` is told to move above it, and is not
/// also reported missing. Consent settings written with no `[consent]` line are one message.
#[test]
fn a_setting_on_the_wrong_side_of_the_consent_line_is_told_to_move() {
    let root = copy_report(&fixture("minimal"));
    let story = root.path().join("content/stories/first-story.md");
    let text = fs::read_to_string(&story).unwrap();
    let moved = text
        .replace("title = \"First story\"\n", "")
        .replace(
            "themes = [\"mir.asc\"]\n",
            "themes = [\"mir.asc\"]\nwithdrawn = 2026-10-01\n",
        )
        .replace(
            "review_by = 2027-01-10\n",
            "review_by = 2027-01-10\ntitle = \"First story\"\n",
        );
    fs::write(&story, moved).unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.messages_of("setting-unknown").is_empty(),
        "{}",
        run.stderr
    );
    assert!(
        run.messages_of("setting-missing").is_empty(),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.messages_of("setting-in-wrong-table"),
        [
            "error[setting-in-wrong-table]: \"withdrawn\" is a setting of the [consent] table, but it is written above the [consent] line, where Chorus does not read it.\n  --> content/stories/first-story.md:8:1\n    |\n  8 | withdrawn = 2026-10-01\n    | ^^^^^^^^^\n  what to do: Move it below the [consent] line. Do not delete it: it is needed there.",
            "error[setting-in-wrong-table]: \"title\" is a setting of the story, but it is written below the [consent] line, so Chorus reads it as part of the [consent] table, which has no such setting.\n  --> content/stories/first-story.md:16:1\n     |\n  16 | title = \"First story\"\n     | ^^^^^\n  what to do: Move this line above the [consent] line: every line below [consent], up to the next line in square brackets, belongs to it."
        ]
    );

    let root = copy_report(&fixture("minimal"));
    let story = root.path().join("content/stories/first-story.md");
    fs::write(&story, text.replace("[consent]\n", "")).unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.messages_of("setting-missing").is_empty(),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.messages_of("setting-in-wrong-table"),
        [
            "error[setting-in-wrong-table]: \"given\", \"reference\", \"recorded\", \"scope\" and \"review_by\" are settings of the [consent] table, but the file has no [consent] line, so Chorus does not read them.\n  --> content/stories/first-story.md:10:1\n     |\n  10 | given = true\n     | ^^^^^\n  what to do: Write a line [consent] on its own just above them, after every other setting."
        ]
    );
}

/// A translation in a language the site does not list is told to add it to the languages the
/// site has, not to replace them; a translation whose name is misspelt is told the file it most
/// likely translates, from this report.
#[test]
fn translation_advice_keeps_the_site_s_languages_and_names_the_nearest_file() {
    let root = copy_report(&fixture("bilingual"));
    let stories = root.path().join("content/stories");
    fs::copy(
        stories.join("first-story.cy.md"),
        stories.join("first-story.fr.md"),
    )
    .unwrap();
    fs::rename(
        stories.join("first-story.cy.md"),
        stories.join("frist-story.cy.md"),
    )
    .unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(
        run.messages_of("translation-language-not-listed"),
        [
            "note[translation-language-not-listed]: Left out: this is a French translation, and site.toml does not list French among the site's languages.\n  --> content/stories/first-story.fr.md\n  what to do: To publish French translations, add \"fr\" to the languages line in site.toml: languages = [\"en-GB\", \"cy\", \"pl\", \"fr\"]."
        ]
    );
    assert_eq!(
        run.messages_of("translation-without-original"),
        [
            "error[translation-without-original]: This translation has no story to translate: there is no stories/frist-story.md.\n  --> content/stories/frist-story.cy.md\n  what to do: Did you mean stories/first-story.md? Give the translation the same name as the file it translates, with .cy before .md: stories/first-story.cy.md translates stories/first-story.md."
        ]
    );
}

/// A date written with a time is told the same day without it, in every date setting; a
/// withdrawal dated after today is one warning, and the story is left out all the same.
#[test]
fn a_date_with_a_time_is_told_its_day_and_a_withdrawal_not_yet_come_still_leaves_the_story_out() {
    let root = copy_report(&fixture("minimal"));
    let story = root.path().join("content/stories/first-story.md");
    let text = fs::read_to_string(&story).unwrap();
    let timed = text
        .replace(
            "recorded = 2026-01-10\n",
            "recorded = 2026-01-10 09:30:00\n",
        )
        .replace(
            "given = true\n",
            "given = true\nwithdrawn = 2026-10-01T10:00:00\n",
        );
    fs::write(&story, timed).unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(
        run.messages_of("setting-wrong-kind"),
        [
            "error[setting-wrong-kind]: \"withdrawn\" should be a date.\n  --> content/stories/first-story.md:12:13\n     |\n  12 | withdrawn = 2026-10-01T10:00:00\n     |             ^^^^^^^^^^^^^^^^^^^\n  what to do: A date here is the day alone, year-month-day, without a time: withdrawn = 2026-10-01",
            "error[setting-wrong-kind]: \"recorded\" should be a date.\n  --> content/stories/first-story.md:14:12\n     |\n  14 | recorded = 2026-01-10 09:30:00\n     |            ^^^^^^^^^^^^^^^^^^^\n  what to do: A date here is the day alone, year-month-day, without a time: recorded = 2026-01-10"
        ],
        "{}",
        run.stderr
    );

    let root = copy_report(&fixture("minimal"));
    let story = root.path().join("content/stories/first-story.md");
    let about = root.path().join("content/pages/about.md");
    let about_text = fs::read_to_string(&about).unwrap();
    let no_link = about_text.replace("[the first story](stories/first-story.md)", "our stories");
    fs::write(&about, no_link).unwrap();
    fs::write(
        &story,
        text.replace("given = true\n", "given = true\nwithdrawn = 2030-01-01\n"),
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.messages_of("consent-withdrawn-in-future"),
        [
            "warning[consent-withdrawn-in-future]: Consent is recorded as withdrawn on 1 January 2030, a date that has not come yet. Chorus leaves the story out all the same: nothing from it is in the site.\n  --> content/stories/first-story.md:12:13\n     |\n  12 | withdrawn = 2030-01-01\n     |             ^^^^^^^^^^\n  what to do: Check the withdrawn date under [consent] against the consent register: it is the day the storyteller withdrew their consent, which can't be after today. Then move the file to private/ or delete it when your consent register says so."
        ],
        "{}",
        run.stderr
    );
    assert!(run.messages_of("consent-withdrawn").is_empty());
    assert!(
        run.stderr.ends_with("1 consent withdrawn.\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        files_containing(&run.site(), "first-story"),
        Vec::<String>::new()
    );
}

/// A link to a missing file that most likely means a story not published is told so in one
/// step, as a link to that story is: following "Did you mean" to a withdrawn story would only
/// lead to a second error.
#[test]
fn a_mistyped_link_to_a_story_not_published_is_told_what_a_link_to_it_is() {
    let root = copy_report(&fixture("minimal"));
    let content = root.path().join("content");
    let first = fs::read_to_string(content.join("stories/first-story.md")).unwrap();
    let taken_back = first.replace("given = true\n", "given = true\nwithdrawn = 2026-11-01\n");
    fs::write(content.join("stories/taken-back.md"), &taken_back).unwrap();
    let draft = first
        .replace("themes = [", "status = \"draft\"\nthemes = [")
        .replace(
            "A story that links to",
            "It was like [hers](stories/taken-back.html). A story that links to",
        );
    fs::write(content.join("stories/still-a-draft.md"), draft).unwrap();
    let about = fs::read_to_string(content.join("pages/about.md")).unwrap();
    let about = format!(
        "{about}\nAs [Ada said](stories/taken-back.html), [and again](stories/Taken-Back.md), [once more](stories/taken back.md).\n\nSee [the draft](stories/still-a-draft.html).\n\nOr [the draft](stories/still a draft.md).\n"
    );
    fs::write(content.join("pages/about.md"), about).unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1);
    let help = "Take out the whole link, its words as well as its address, and any words near it about the story or the person who told it: a withdrawn story must leave no trace on the site.";
    let line = "As [Ada said](stories/taken-back.html), [and again](stories/Taken-Back.md), [once more](stories/taken back.md).";
    assert_eq!(
        run.messages_of("link-to-withdrawn-story"),
        [
            format!(
                "error[link-to-withdrawn-story]: This link points to \"stories/taken-back.html\", most likely meaning stories/taken-back.md, a story whose storyteller has withdrawn their consent, so the site can't be published with this link in it.\n  --> content/pages/about.md:7:4\n    |\n  7 | {line}\n    |    {}\n  what to do: {help}",
                "^".repeat(35)
            ),
            format!(
                "error[link-to-withdrawn-story]: This link points to \"stories/Taken-Back.md\", most likely meaning stories/taken-back.md, a story whose storyteller has withdrawn their consent, so the site can't be published with this link in it.\n  --> content/pages/about.md:7:41\n    |\n  7 | {line}\n    |                                         {}\n  what to do: {help}",
                "^".repeat(34)
            ),
            format!(
                "error[link-to-withdrawn-story]: This looks like a link to stories/taken-back.md, a story whose storyteller has withdrawn their consent, but its address has spaces, so the page would show it as it is written, brackets and all.\n  --> content/pages/about.md:7:77\n    |\n  7 | {line}\n    |                                                                             {}\n  what to do: {help}",
                "^".repeat(34)
            ),
            format!(
                "warning[link-to-withdrawn-story]: This link points to \"stories/taken-back.html\", most likely meaning stories/taken-back.md, a story whose storyteller has withdrawn their consent.\n  --> content/stories/still-a-draft.md:19:13\n     |\n  19 | It was like [hers](stories/taken-back.html). A story that links to [the about page](pages/about.md#who).\n     |             {}\n  what to do: The story is not published yet, so this does not stop the build. Before it is, take out the whole link, its words as well as its address, and any words near it about the story or the person who told it: a withdrawn story must leave no trace on the site.",
                "^".repeat(31)
            ),
        ],
        "{}",
        run.stderr
    );
    assert_eq!(
        run.messages_of("link-to-unpublished"),
        [
            "warning[link-to-unpublished]: This link points to \"stories/still-a-draft.html\", most likely meaning stories/still-a-draft.md, which is not published, so Chorus left the link out.\n  --> content/pages/about.md:9:5\n    |\n  9 | See [the draft](stories/still-a-draft.html).\n    |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Write its address as stories/still-a-draft.md: the link then works once that story is published. If it will not be, take the link out."
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.messages_of("link-to-missing-file").is_empty(),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.messages_of("link-as-words"),
        [
            "warning[link-as-words]: This looks like a link, but its address has spaces, so the page shows it as it is written, brackets and all.\n  --> content/pages/about.md:11:4\n     |\n  11 | Or [the draft](stories/still a draft.md).\n     |    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Did you mean [the draft](stories/still-a-draft.md)? That story is not published yet, so Chorus leaves the link out until it is. A link's address has no spaces: write the file's path from the content folder (stories/getting-my-evenings-back.md), or a web address starting with https://."
        ],
        "{}",
        run.stderr
    );
}

/// A report file's path between `<` and `>` shows as it is written, since markdown makes a
/// link there only of a web address: it is told to be written as a link, and when it names a
/// story whose consent was withdrawn, that it must come out, so that the story's name is not
/// published as words.
#[test]
fn a_path_between_angle_brackets_is_told_to_be_a_link_and_a_withdrawn_story_s_to_come_out() {
    let root = copy_report(&fixture("minimal"));
    let content = root.path().join("content");
    let first = fs::read_to_string(content.join("stories/first-story.md")).unwrap();
    let taken_back = first.replace("given = true\n", "given = true\nwithdrawn = 2026-11-01\n");
    fs::write(content.join("stories/taken-back.md"), &taken_back).unwrap();
    let about = fs::read_to_string(content.join("pages/about.md")).unwrap();
    let line = "See <stories/taken-back.md>, <stories/first-story.md> or <stories/nothing.md>, for under <18s.";
    fs::write(content.join("pages/about.md"), format!("{about}\n{line}\n")).unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.site().exists());
    assert_eq!(
        run.messages_of("link-to-withdrawn-story"),
        [format!(
            "error[link-to-withdrawn-story]: This looks like a link to stories/taken-back.md, a story whose storyteller has withdrawn their consent, but markdown makes a link between < and > only of a web address (https://…), so the page would show it as it is written, brackets and all.\n  --> content/pages/about.md:7:5\n    |\n  7 | {line}\n    |     ^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Take out the whole link, its words as well as its address, and any words near it about the story or the person who told it: a withdrawn story must leave no trace on the site."
        )],
        "{}",
        run.stderr
    );
    let said = "warning[link-as-words]: This looks like a link, but markdown makes a link between < and > only of a web address (https://…), so the page shows it as it is written, brackets and all.";
    let write = "  what to do: Write it as a link, with the words to show between square brackets and the file's path from the content folder between round ones:";
    assert_eq!(
        run.messages_of("link-as-words"),
        [
            format!(
                "{said}\n  --> content/pages/about.md:7:30\n    |\n  7 | {line}\n    |                              {}\n{write} [the words to show](stories/first-story.md).",
                "^".repeat(24)
            ),
            format!(
                "{said}\n  --> content/pages/about.md:7:58\n    |\n  7 | {line}\n    |                                                          {}\n{write} [the words to show](stories/nothing.md). Check the spelling. If nothing.md is not in the report yet, add it to content/stories, or take the link out.",
                "^".repeat(20)
            ),
        ],
        "{}",
        run.stderr
    );
}
