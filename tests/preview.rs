//! The preview behind `chorus serve`, through its library entry point, the one its watcher
//! calls: after every change of a sequence of edits, additions, renames and deletions, what it
//! holds is the same to the byte as a clean `chorus build` of the same files, and only the
//! pages whose inputs changed were made again. No watcher and no waiting: each step says which
//! paths it changed, as the watcher would.

mod common;

use chorus::preview::{Options, Preview, Update};
use common::*;
use std::fs;
use std::path::Path;

fn today() -> jiff::civil::Date {
    TODAY.parse().unwrap()
}

struct Session {
    root: tempfile::TempDir,
    preview: Preview,
}

impl Session {
    fn of_example(drafts: bool) -> (Session, Update) {
        let root = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
        let mut preview = Preview::new(
            root.path(),
            Options {
                today: Some(today()),
                drafts,
                ..Options::default()
            },
        );
        let first = preview.update(&[]);
        (Session { root, preview }, first)
    }

    fn path(&self, file: &str) -> std::path::PathBuf {
        self.root.path().join(file)
    }

    fn read(&self, file: &str) -> String {
        fs::read_to_string(self.path(file)).unwrap()
    }

    fn write(&mut self, file: &str, text: &str) -> Update {
        let path = self.path(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self.preview.update(&[file.to_owned()])
    }

    fn edit(&mut self, file: &str, from: &str, to: &str) -> Update {
        let text = self.read(file);
        assert!(text.contains(from), "{file} has no {from:?}");
        self.write(file, &text.replacen(from, to, 1))
    }

    fn rename(&mut self, from: &str, to: &str) -> Update {
        fs::rename(self.path(from), self.path(to)).unwrap();
        self.preview.update(&[from.to_owned(), to.to_owned()])
    }

    fn delete(&mut self, file: &str) -> Update {
        fs::remove_file(self.path(file)).unwrap();
        self.preview.update(&[file.to_owned()])
    }

    /// What the preview holds is what `chorus build` would write now.
    fn assert_same_as_build(&self, update: &Update, step: &str) {
        let errors: Vec<String> = update
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "{step}: {}", errors.join("\n"));
        let built = chorus::compile(self.root.path(), today());
        assert!(!built.diagnostics.has_errors(), "{step}");
        let snapshot = self.preview.snapshot();
        let held = snapshot.site.as_ref().expect("a site").output();
        assert_eq!(
            held.files.keys().collect::<Vec<_>>(),
            built.output.files.keys().collect::<Vec<_>>(),
            "{step}: the same files"
        );
        for (path, body) in &built.output.files {
            assert!(held.files[path] == *body, "{step}: {path} differs");
        }
        assert_eq!(held, built.output, "{step}");
        assert_eq!(update.diagnostics, built.diagnostics.sorted(), "{step}");
    }
}

/// The stories' own pages an update made again, not their lists.
fn story_pages(update: &Update) -> Vec<&str> {
    let mut pages: Vec<&str> = update
        .made
        .iter()
        .map(String::as_str)
        .filter(|path| {
            let path = path.strip_prefix("cy/").unwrap_or(path);
            path.starts_with("stories/") && path != "stories/index.html"
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn after_each_change_the_preview_is_the_same_as_a_clean_build() {
    let (mut session, first) = Session::of_example(false);
    session.assert_same_as_build(&first, "the first build");
    let every_page = first.pages;
    assert_eq!(first.pages_made, every_page);

    // A story's text: its page, in each language it has, and nothing else.
    let story = "content/stories/the-saturday-club.md";
    let update = session.edit(story, "about twelve of us", "about fifteen of us");
    session.assert_same_as_build(&update, "a story's text");
    assert_eq!(update.pages_made, 1, "only the story's page");

    // A translated story's text: both languages' pages show it (the Welsh one falls back).
    let update = session.edit(
        "content/stories/direct-payments-made-simple.md",
        "Gethin did the interviews himself.",
        "Gethin did the interviews himself, with me.",
    );
    session.assert_same_as_build(&update, "a translated story's text");
    assert_eq!(update.pages_made, 2, "the story in English and in Welsh");

    // Its title: its own page, and the pages that show it (the lists, the home page, the site
    // map, its themes' and statements' evidence, its entry's page), not the other stories'.
    let update = session.edit(story, "The Saturday club", "The Saturday garden club");
    session.assert_same_as_build(&update, "a story's title");
    assert_eq!(story_pages(&update), ["stories/the-saturday-club.html"]);
    assert!(
        update.pages_made > 2 && update.pages_made < every_page / 3,
        "{} of {every_page}",
        update.pages_made
    );
    let update = session.edit(
        story,
        "into a garden that now feeds",
        "into a garden that feeds",
    );
    session.assert_same_as_build(&update, "a story's summary");
    let update = session.edit(story, "date = 2026-07-11", "date = 2026-01-11");
    session.assert_same_as_build(&update, "a story's date, which orders the lists");

    // A translation's title: the Welsh pages that show it.
    let update = session.edit(
        "content/stories/direct-payments-made-simple.cy.md",
        "wedi'u gwneud yn syml",
        "yn syml",
    );
    session.assert_same_as_build(&update, "a translation's title");
    // (The English page names its translations' files too, whole: made again, to be safe.)
    assert_eq!(
        story_pages(&update),
        [
            "cy/stories/direct-payments-made-simple.html",
            "stories/direct-payments-made-simple.html"
        ]
    );

    // A theme no other item names gains a page, and the pages that list the themes change.
    let update = session.edit(
        story,
        r#"themes = ["mir.asc", "mir.wellbeing"]"#,
        r#"themes = ["mir.asc", "mir.wellbeing", "cqc-la.t3"]"#,
    );
    session.assert_same_as_build(&update, "a theme only this story names");
    // An entry the story names: the entry's page lists it.
    let update = session.edit(
        story,
        r#"related = ["YSWD-2025-007"]"#,
        r#"related = ["YSWD-2025-007", "YSWD-2025-005"]"#,
    );
    session.assert_same_as_build(&update, "an entry the story names");

    // A story that links to another: when that one is no longer published, the link goes
    // from this story's page (and from the free page and the home page that link to it).
    let update = session.edit(
        story,
        "Every Saturday morning",
        "Like [Maureen](stories/getting-my-evenings-back.md), every Saturday morning",
    );
    session.assert_same_as_build(&update, "a link to another story");
    let linked = "content/stories/getting-my-evenings-back.md";
    let update = session.edit(
        linked,
        "level = \"day-to-day\"",
        "level = \"day-to-day\"\nstatus = \"draft\"",
    );
    session.assert_same_as_build(&update, "the linked story back to draft");
    assert_eq!(
        story_pages(&update),
        ["stories/the-saturday-club.html"],
        "of the stories, only the one that links to it"
    );
    let snapshot = session.preview.snapshot();
    let site = snapshot.site.as_ref().unwrap();
    let saturday = match &site.files["stories/the-saturday-club.html"] {
        chorus::preview::File::Page { html, .. } => html.to_string(),
        other => panic!("{other:?}"),
    };
    assert!(
        saturday.contains("Like Maureen, every") && !saturday.contains("getting-my-evenings-back")
    );
    let update = session.edit(linked, "\nstatus = \"draft\"", "");
    session.assert_same_as_build(&update, "the linked story published again");
    // A link to a story not written yet is a mistake until the story is saved.
    let update = session.edit(
        story,
        "Like [Maureen](stories/getting-my-evenings-back.md), every Saturday morning",
        "Like [Ann](stories/coming-soon.md), every Saturday morning",
    );
    assert!(update.has_errors());
    // Its message names the nearest file there is, which a new file may change.
    let nearly = session
        .read(linked)
        .replace("Getting my evenings back", "Coming soon");
    let update = session.write("content/stories/coming-son.md", &nearly);
    let built = chorus::compile(session.root.path(), today());
    assert_eq!(
        update.diagnostics,
        built.diagnostics.sorted(),
        "a near name"
    );
    assert!(update.diagnostics.iter().any(|d| {
        d.help
            .as_deref()
            .unwrap_or_default()
            .contains("coming-son.md")
    }));
    let update = session.write("content/stories/coming-soon.md", &nearly);
    session.assert_same_as_build(&update, "the story a link was waiting for");
    session.delete("content/stories/coming-son.md");
    let update = session.delete("content/stories/coming-soon.md");
    assert!(update.has_errors());
    let update = session.edit(
        story,
        "Like [Ann](stories/coming-soon.md), every Saturday morning",
        "Every Saturday morning",
    );
    session.assert_same_as_build(&update, "the link taken out");

    // A new story, then renamed, then deleted.
    let text = session.read(story);
    let update = session.write(
        "content/stories/a-new-story.md",
        &text.replace("The Saturday garden club", "A new story"),
    );
    session.assert_same_as_build(&update, "a story added");
    assert_eq!(update.pages, every_page + 1);
    let update = session.rename(
        "content/stories/a-new-story.md",
        "content/stories/a-renamed-story.md",
    );
    session.assert_same_as_build(&update, "a story renamed");
    assert!(
        session
            .preview
            .snapshot()
            .site
            .as_ref()
            .unwrap()
            .files
            .contains_key("stories/a-renamed-story.html")
    );
    let update = session.delete("content/stories/a-renamed-story.md");
    session.assert_same_as_build(&update, "a story deleted");
    assert_eq!(update.pages, every_page);

    // A Welsh translation added: the story gains a Welsh page, and links to it change.
    let update = session.write(
        "content/stories/getting-my-evenings-back.cy.md",
        "+++\ntitle = \"Cael fy nosweithiau yn ôl\"\nsummary = \"Stori am nosweithiau.\"\n+++\nTestun y stori.\n",
    );
    session.assert_same_as_build(&update, "a translation added");

    // A free page's text, then its place in the menu.
    let page = "content/pages/about.md";
    let update = session.edit(page, "Every year", "Each year");
    session.assert_same_as_build(&update, "a free page's text");
    assert_eq!(update.pages_made, 2, "the page and its Welsh version");
    let update = session.edit(page, "order = 1", "order = 9");
    session.assert_same_as_build(&update, "a free page's order in the menu");
    assert_eq!(
        update.pages_made,
        every_page + 1,
        "the menu is on every page"
    );

    // A published story goes back to draft: it leaves the published site.
    let update = session.edit(
        story,
        "level = \"day-to-day\"",
        "level = \"day-to-day\"\nstatus = \"draft\"",
    );
    session.assert_same_as_build(&update, "a story back to draft");
    assert!(
        !session
            .preview
            .snapshot()
            .site
            .as_ref()
            .unwrap()
            .files
            .contains_key("stories/the-saturday-club.html")
    );
    let update = session.edit(story, "\nstatus = \"draft\"", "");
    session.assert_same_as_build(&update, "the story published again");

    // The settings: every page.
    let update = session.edit(
        "content/site.toml",
        "Our care, our say",
        "Our care, our voice",
    );
    session.assert_same_as_build(&update, "site.toml");
    assert_eq!(update.pages_made, update.pages);

    // The report's own theme: a template makes every page again; a stylesheet is copied,
    // and only the 404 pages, which carry it inline, are made again.
    let template = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/story.html"),
    )
    .unwrap();
    let update = session.write(
        "themes/default/templates/story.html",
        &template.replacen("{% block content %}", "{% block content %}<!-- ours -->", 1),
    );
    session.assert_same_as_build(&update, "a template of the report's theme");
    assert_eq!(update.pages_made, update.pages);
    let update = session.write(
        "themes/default/static/style.css",
        "body { color: #0b0c0c; }\n",
    );
    session.assert_same_as_build(&update, "the report's stylesheet");
    assert_eq!(update.pages_made, 2, "the 404 page in each language");
    let update = session.delete("themes/default/static/style.css");
    session.assert_same_as_build(&update, "the report's stylesheet removed");
    // Every page's head links an extra stylesheet and the report's icon when there are any.
    let update = session.write("themes/default/static/extra.css", "h1 { color: navy; }\n");
    session.assert_same_as_build(&update, "an extra stylesheet added");
    let update = session.write("themes/default/static/extra.css", "h1 { color: teal; }\n");
    session.assert_same_as_build(&update, "the extra stylesheet changed");
    let update = session.delete("themes/default/static/extra.css");
    session.assert_same_as_build(&update, "the extra stylesheet removed");
    fs::create_dir_all(session.path("content/static")).unwrap();
    let update = session.write("content/static/favicon.ico", "an icon");
    session.assert_same_as_build(&update, "the report's icon added");
    let update = session.delete("content/static/favicon.ico");
    session.assert_same_as_build(&update, "the report's icon removed");

    // The theme's words: every page.
    let update = session.write("themes/default/i18n/en.toml", "nav_home = \"Start\"\n");
    session.assert_same_as_build(&update, "the theme's words");
    assert_eq!(update.pages_made, update.pages);

    // A picture: replaced, it is copied alone; added and used, the story that uses it changes.
    let picture = "content/media/saturday-club-garden.png";
    let update = session.write(picture, "not really a picture");
    session.assert_same_as_build(&update, "a picture replaced");
    assert_eq!(update.pages_made, 0);
    let bytes = fs::read(session.path(picture)).unwrap();
    fs::write(session.path("content/media/bench.png"), bytes).unwrap();
    let update = session
        .preview
        .update(&["content/media/bench.png".to_owned()]);
    session.assert_same_as_build(&update, "a picture added");
    let update = session.edit(
        story,
        "Both were\nthere within a month.",
        "Both were\nthere within a month.\n\n![A bench](../media/bench.png)",
    );
    session.assert_same_as_build(&update, "a picture used");

    // "You said, we did": an entry's words, in a TOML file and in a row of the CSV file; a
    // new entry; one taken away. The tracker's pages and the pages that list entries change,
    // and the open data with them; the stories' own pages do not.
    let entries = "content/you-said-we-did/letters-about-charges.toml";
    let update = session.edit(entries, "three\ntimes", "four\ntimes");
    session.assert_same_as_build(&update, "an entry's words");
    assert!(update.pages_made > 0 && update.pages_made < every_page);
    let sheet = "content/you-said-we-did/forum-actions-2025.csv";
    let update = session.edit(
        sheet,
        "Someone to call after 5pm",
        "Someone to ring after 5pm",
    );
    session.assert_same_as_build(&update, "an entry's title in a spreadsheet row");
    let added = session
        .read(entries)
        .replace("YSWD-2025-001", "YSWD-2025-099");
    let update = session.write("content/you-said-we-did/another.toml", &added);
    session.assert_same_as_build(&update, "a new entry");
    let update = session.delete("content/you-said-we-did/another.toml");
    session.assert_same_as_build(&update, "an entry taken away");

    // An assessment: a rating's words in a cycle file, and in a cycle's spreadsheet; the
    // wording of a statement in a framework file, which any page may show.
    let cycle = "content/assessment/cqc-self-assessment-2026.toml";
    let update = session.edit(cycle, "cut the longest wait", "cut the longest ever wait");
    session.assert_same_as_build(&update, "a rating's words");
    assert!(update.pages_made > 0 && update.pages_made < every_page);
    let update = session.edit(
        cycle,
        "title = \"CQC self-assessment, 2026\"",
        "title = \"CQC self-assessment 2026\"",
    );
    session.assert_same_as_build(&update, "a cycle's title, which the site map shows");
    let ratings = "content/assessment/making-it-real-2026.csv";
    let update = session.edit(
        ratings,
        "Weekday evenings are covered now",
        "Weekday evenings are now covered",
    );
    session.assert_same_as_build(&update, "a rating in a cycle's spreadsheet");
    let wording = "content/frameworks/making-it-real.toml";
    let update = session.edit(wording, "Information I can use", "Information we can use");
    session.assert_same_as_build(&update, "a statement's name in a framework file");

    // A file Chorus has no page for: every page is made again, to be safe.
    let update = session.write("content/notes.txt", "Our notes.\n");
    session.assert_same_as_build(&update, "a file of no collection");
    assert_eq!(update.pages_made, update.pages);
}

#[test]
fn while_there_are_errors_the_last_good_build_is_kept_and_fixing_the_file_clears_them() {
    let (mut session, first) = Session::of_example(false);
    session.assert_same_as_build(&first, "the first build");
    let good = session.preview.snapshot().site.clone().unwrap();

    let story = "content/stories/the-saturday-club.md";
    let update = session.edit(story, "date = 2026-07-11", "date = 2026-13-11");
    assert!(update.has_errors());
    let snapshot = session.preview.snapshot();
    assert!(
        std::sync::Arc::ptr_eq(snapshot.site.as_ref().unwrap(), &good),
        "the last good build"
    );
    assert_eq!(snapshot.errors.len(), 1, "{:?}", snapshot.errors);
    assert_eq!(snapshot.errors[0].file, story);

    // Another change while broken is still not shown; fixing the file shows both.
    let update = session.edit("content/pages/about.md", "Every year", "Each year");
    assert!(update.has_errors());
    assert!(std::sync::Arc::ptr_eq(
        session.preview.snapshot().site.as_ref().unwrap(),
        &good
    ));
    let update = session.edit(story, "date = 2026-13-11", "date = 2026-07-12");
    session.assert_same_as_build(&update, "fixed");
    assert!(session.preview.snapshot().errors.is_empty());
    let snapshot = session.preview.snapshot();
    let about = &snapshot.site.as_ref().unwrap().files["about.html"];
    assert!(
        matches!(about, chorus::preview::File::Page { html, .. } if html.contains("Each year"))
    );

    // A broken template: no page can be made; fixing it makes every page.
    let update = session.write("themes/default/templates/story.html", "{% block content %}");
    assert!(update.has_errors());
    let update = session.delete("themes/default/templates/story.html");
    session.assert_same_as_build(&update, "the template fixed");
}

/// A file is parsed again only when its bytes change: one with mistakes keeps its messages,
/// the same as a clean run's, on every run after, and its fix clears them.
#[test]
fn a_file_with_mistakes_says_so_on_every_run_until_it_is_fixed() {
    let (mut session, first) = Session::of_example(false);
    session.assert_same_as_build(&first, "the first build");
    let mistakes = [
        (
            "content/stories/the-saturday-club.md",
            "date = 2026-07-11",
            "date = 2026-13-11",
        ),
        (
            "content/stories/direct-payments-made-simple.cy.md",
            "title = \"",
            "title = \"\"\nnot_a_setting = 1\nx = \"",
        ),
        (
            "content/you-said-we-did/letters-about-charges.toml",
            "said_date = 2025-02-11",
            "said_date = 2025-02-31",
        ),
        (
            "content/you-said-we-did/forum-actions-2025.csv",
            "2025-01-21,done,",
            "2025-01-21,finished,",
        ),
        (
            "content/assessment/cqc-self-assessment-2026.toml",
            "title = \"CQC self-assessment, 2026\"",
            "title = 2026",
        ),
    ];
    for (file, from, to) in mistakes {
        session.edit(file, from, to);
    }
    for step in ["a change elsewhere", "another change elsewhere"] {
        let update = session.edit("content/pages/about.md", "Every year", "Every  year");
        let built = chorus::compile(session.root.path(), today());
        assert_eq!(update.diagnostics, built.diagnostics.sorted(), "{step}");
        for (file, _, _) in mistakes {
            assert!(
                update.diagnostics.iter().any(|d| d.file == file),
                "{step}: {file} keeps its message"
            );
        }
        session.write(
            "content/pages/about.md",
            &session
                .read("content/pages/about.md")
                .replace("Every  year", "Every year"),
        );
    }
    let mut update = first;
    for (file, from, to) in mistakes {
        update = session.edit(file, to, from);
    }
    session.assert_same_as_build(&update, "every mistake fixed");
}

#[test]
fn a_first_build_that_fails_has_no_site_and_the_fix_builds_it() {
    let root = copy_report(&fixture("minimal"));
    fs::write(root.path().join("content/site.toml"), "title = \n").unwrap();
    let mut preview = Preview::new(
        root.path(),
        Options {
            today: Some(today()),
            drafts: true,
            ..Options::default()
        },
    );
    let update = preview.update(&[]);
    assert!(update.has_errors());
    assert!(preview.snapshot().site.is_none());
    assert!(!preview.snapshot().errors.is_empty());
    fs::copy(
        fixture("minimal").join("content/site.toml"),
        root.path().join("content/site.toml"),
    )
    .unwrap();
    let update = preview.update(&["content/site.toml".to_owned()]);
    assert!(!update.has_errors(), "{:?}", update.diagnostics);
    assert!(preview.snapshot().site.is_some());
}

/// The preview shows a story in review, marked as not published, and is otherwise the
/// published site of the same files with that story published; a withdrawn story leaves no
/// trace in it.
#[test]
fn drafts_are_shown_marked_and_a_withdrawn_story_never_is() {
    let (session, first) = Session::of_example(true);
    assert!(!first.has_errors());
    let snapshot = session.preview.snapshot();
    let site = snapshot.site.as_ref().unwrap();
    let in_review = "stories/waiting-for-an-assessment.html";
    assert!(matches!(
        site.files[in_review],
        chorus::preview::File::Page {
            preview_only: true,
            ..
        }
    ));
    let marked: Vec<&String> = site
        .files
        .iter()
        .filter(|(_, f)| {
            matches!(
                f,
                chorus::preview::File::Page {
                    preview_only: true,
                    ..
                }
            )
        })
        .map(|(path, _)| path)
        .collect();
    assert_eq!(marked, [in_review]);
    // In the lists too it is marked, and the home page counts only what will be published.
    let html = |path: &str| match &site.files[path] {
        chorus::preview::File::Page { html, .. } => html.to_string(),
        _ => panic!("{path} is not a page"),
    };
    assert!(html("stories/index.html").contains(
        r#"Waiting for an assessment</a> <strong class="not-published">(not published: shown only in this preview)</strong>"#
    ));
    assert!(html("index.html").contains(r#"<span class="figure">6</span> stories told"#));

    // Withdrawn: no page, and its title and words nowhere.
    let withdrawn = session.read("content/stories/moving-into-my-own-flat.md");
    let title = "Moving into my own flat";
    assert!(withdrawn.contains(title));
    for (path, file) in &site.files {
        assert!(!path.contains("moving-into-my-own-flat"), "{path}");
        if let chorus::preview::File::Page { html, text, .. } = file {
            assert!(
                !html.contains(title) && !text.title.contains(title) && !text.text.contains(title),
                "{path}"
            );
        }
    }

    // The same files with the story in review published build the same site, but for the
    // preview's marks: "not published" on its cards, and a home page that counts it out.
    let published = copy_report(session.root.path());
    let file = published
        .path()
        .join("content/stories/waiting-for-an-assessment.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("status = \"review\"", "status = \"published\""),
    )
    .unwrap();
    let built = chorus::compile(published.path(), today());
    assert!(!built.diagnostics.has_errors());
    let mut held = site.output();
    let mut expected = built.output;
    // Media are copied from each report's own folder.
    held.files.retain(|path, _| !path.starts_with("media/"));
    expected.files.retain(|path, _| !path.starts_with("media/"));
    for (path, body) in held.files.iter_mut() {
        if !path.ends_with(".html") {
            continue;
        }
        if let chorus::output::Body::Bytes(bytes) = body {
            let html = String::from_utf8(bytes.clone()).unwrap();
            let unmarked = html
                .replace(r#" <strong class="not-published">(not published: shown only in this preview)</strong>"#, "")
                .replace(r#" <strong class="not-published">(heb ei gyhoeddi: i’w weld yn y rhagolwg hwn yn unig)</strong>"#, "")
                .replace(r#"<span class="figure">6</span> stor"#, r#"<span class="figure">7</span> stor"#);
            if unmarked != html {
                assert!(path.ends_with(".html"), "{path}");
            }
            *bytes = unmarked.into_bytes();
        }
    }
    let differing: Vec<&String> = held
        .files
        .keys()
        .chain(expected.files.keys())
        // The sitemap and the search index leave the draft out: checked below.
        .filter(|path| *path != "sitemap.xml" && !path.starts_with("pagefind/"))
        .filter(|path| held.files.get(*path) != expected.files.get(*path))
        .collect();
    assert_eq!(differing, Vec::<&String>::new());
    // A draft the preview shows is not published: it is in neither the sitemap nor search.
    let sitemap = |output: &chorus::output::Output| match &output.files["sitemap.xml"] {
        chorus::output::Body::Bytes(bytes) => String::from_utf8(bytes.clone()).unwrap(),
        other => panic!("{other:?}"),
    };
    assert!(!sitemap(&held).contains(in_review));
    assert!(sitemap(&expected).contains(in_review));
    assert!(
        held.files
            .keys()
            .any(|p| p.starts_with("pagefind/") && p.ends_with(".pf_fragment"))
    );
    for output in [&mut held, &mut expected] {
        output
            .files
            .retain(|path, _| path != "sitemap.xml" && !path.starts_with("pagefind/"));
    }
    assert_eq!(held, expected);
}

/// A story just started with `chorus new story`, its consent given but the template's words
/// still in it, is shown by the preview while it is a draft or in review: its note says what
/// it still needs, and nothing stops the preview. Published, the same words stop the build.
#[test]
fn a_draft_still_in_the_template_s_words_is_previewed_not_refused() {
    let (mut session, _) = Session::of_example(true);
    let file = "content/stories/our-new-day-centre.md";
    let started = chorus::starter::story_file("Our new day centre", today())
        .replace("given = false", "given = true");
    assert!(started.contains("status = \"draft\""));
    for status in ["draft", "review", "published"] {
        let update = session.write(
            file,
            &started.replace("status = \"draft\"", &format!("status = \"{status}\"")),
        );
        let said: Vec<(&str, &str)> = update
            .diagnostics
            .iter()
            .filter(|d| d.file == file)
            .map(|d| (d.rule.id, d.message.as_str()))
            .collect();
        if status == "published" {
            assert_eq!(
                said,
                [(
                    "placeholder-left",
                    "This story is ready to publish, but \"summary\", \"reference\" and the story's text still say what the template wrote."
                )]
            );
            continue;
        }
        let note = format!("Not published yet: the story's status is \"{status}\".");
        assert_eq!(said, [("story-not-ready", note.as_str())], "{status}");
        assert!(!update.has_errors(), "{status}");
        let snapshot = session.preview.snapshot();
        let site = snapshot.site.as_ref().unwrap();
        assert!(
            matches!(
                site.files["stories/our-new-day-centre.html"],
                chorus::preview::File::Page {
                    preview_only: true,
                    ..
                }
            ),
            "{status}"
        );
    }
}

/// With drafts shown, after each change the preview holds what a new preview of the same files
/// would: a story in review changing its title, going to published and back, and a published
/// story going to review, which changes the "not published" marks of the lists.
#[test]
fn with_drafts_each_change_leaves_what_a_new_preview_would_show() {
    let (mut session, _) = Session::of_example(true);
    let assert_same_as_new = |session: &Session, update: &Update, step: &str| {
        assert!(!update.has_errors(), "{step}: {:?}", update.diagnostics);
        let mut new = Preview::new(
            session.root.path(),
            Options {
                today: Some(today()),
                drafts: true,
                ..Options::default()
            },
        );
        let fresh = new.update(&[]);
        assert_eq!(update.diagnostics, fresh.diagnostics, "{step}");
        let held = session.preview.snapshot().site.clone().unwrap();
        let expected = new.snapshot().site.clone().unwrap();
        for (path, file) in &expected.files {
            assert!(held.files.get(path) == Some(file), "{step}: {path} differs");
        }
        assert!(*held == *expected, "{step}");
    };
    let in_review = "content/stories/waiting-for-an-assessment.md";
    let title = session
        .read(in_review)
        .lines()
        .find(|l| l.starts_with("title = "))
        .unwrap()
        .to_owned();
    let update = session.edit(in_review, &title, "title = \"Still waiting\"");
    assert_same_as_new(&session, &update, "a title in review");
    let update = session.edit(in_review, "status = \"review\"", "status = \"published\"");
    assert_same_as_new(&session, &update, "published");
    let update = session.edit(in_review, "status = \"published\"", "status = \"review\"");
    assert_same_as_new(&session, &update, "back to review");
    let published = "content/stories/the-saturday-club.md";
    let update = session.edit(
        published,
        "level = \"day-to-day\"",
        "level = \"day-to-day\"\nstatus = \"review\"",
    );
    assert_same_as_new(&session, &update, "a published story to review");
    let update = session.edit(published, "The Saturday club", "The Saturday garden club");
    assert_same_as_new(&session, &update, "its title, in review");
}

/// `chorus serve --base-url` previews the site with that address, as `chorus build --base-url`
/// builds it.
#[test]
fn a_base_url_from_the_command_line_is_previewed_as_it_is_built() {
    let root = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
    let overrides = chorus::Overrides {
        base_url: Some("https://staging.example.org/report/".to_owned()),
    };
    let mut preview = Preview::new(
        root.path(),
        Options {
            today: Some(today()),
            drafts: false,
            overrides: overrides.clone(),
        },
    );
    assert!(!preview.update(&[]).has_errors());
    let held = preview.snapshot().site.as_ref().expect("a site").output();
    let built = chorus::compile_with(root.path(), today(), &overrides);
    assert_eq!(held, built.output);
    match &held.files["sitemap.xml"] {
        chorus::output::Body::Bytes(bytes) => assert!(
            String::from_utf8_lossy(bytes)
                .contains("<loc>https://staging.example.org/report/</loc>")
        ),
        other => panic!("{other:?}"),
    }
}

/// One save often reaches the preview as two batches of changes (an editor empties the file,
/// then writes it), and the second run finds everything as the first left it. A run that shows
/// nothing new keeps its generation, so no browser reloads; a picture replaced under the same
/// name, which the site names but does not hold, is still new.
#[test]
fn a_run_that_shows_nothing_new_tells_no_browser_to_reload() {
    let (mut session, first) = Session::of_example(false);
    let story = "content/stories/the-saturday-club.md";
    let saved = session.edit(story, "about twelve of us", "about fifteen of us");
    assert_eq!(saved.generation, first.generation + 1);
    let shown = session.preview.snapshot();
    let again = session.preview.update(&[story.to_owned()]);
    assert_eq!(
        (again.generation, again.pages_changed),
        (saved.generation, 0)
    );
    assert!(std::sync::Arc::ptr_eq(&shown, &session.preview.snapshot()));

    // The same problem twice: the browsers show it already.
    let title = "title = \"Our care, our say\"";
    let broken = session.edit("content/site.toml", title, "title = ");
    assert_eq!(broken.generation, again.generation + 1);
    let again = session.preview.update(&["content/site.toml".to_owned()]);
    assert_eq!(again.generation, broken.generation);
    let mended = session.edit("content/site.toml", "title = ", title);
    assert_eq!(mended.generation, broken.generation + 1);

    let picture = session.write("content/media/saturday-club-garden.png", "not a picture");
    assert_eq!(
        (
            picture.pages_changed,
            picture.files_changed,
            picture.generation
        ),
        (0, 1, mended.generation + 1)
    );
    // Another picture of the same size and the same time of change, as `cp -p` or rsync
    // copies one in: only the watcher's word tells that the picture changed.
    let media = session.path("content/media/saturday-club-garden.png");
    let was = fs::metadata(&media).unwrap().modified().unwrap();
    fs::write(&media, "not a pictur2").unwrap();
    let file = fs::File::options().write(true).open(&media).unwrap();
    file.set_modified(was).unwrap();
    drop(file);
    let copied_in = session
        .preview
        .update(&["content/media/saturday-club-garden.png".to_owned()]);
    assert_eq!(copied_in.generation, picture.generation + 1);
    let picture = copied_in;
    // An editor's backup copy and unsaved work, which Chorus never reads.
    let backup = session.write("content/stories/the-saturday-club.md~", "an old copy");
    assert_eq!(backup.generation, picture.generation);
    let unsaved = session.write("content/stories/#the-saturday-club.md#", "unsaved");
    assert_eq!(unsaved.generation, picture.generation);

    // A picture that is a link to a file kept in a hidden folder: the watcher names the file
    // changed by its own path, which no page reads, but the picture served is new.
    #[cfg(unix)]
    {
        let kept = "content/.originals/garden.png";
        fs::create_dir_all(session.path("content/.originals")).unwrap();
        fs::write(session.path(kept), "the first picture").unwrap();
        let media = session.path("content/media/saturday-club-garden.png");
        fs::remove_file(&media).unwrap();
        std::os::unix::fs::symlink("../.originals/garden.png", &media).unwrap();
        let linked = session
            .preview
            .update(&["content/media/saturday-club-garden.png".to_owned()]);
        assert_eq!(linked.generation, unsaved.generation + 1);
        let replaced = session.write(kept, "another picture, longer");
        assert_eq!(
            (replaced.files_changed, replaced.generation),
            (1, linked.generation + 1)
        );
    }
}

/// "Updated N pages" counts what a reader finds changed since the site the preview showed,
/// not the pages the run made again: after runs with errors, whose pages were not shown, the
/// two differ.
#[test]
fn the_pages_counted_as_updated_are_those_a_reader_finds_changed() {
    let (mut session, first) = Session::of_example(false);
    assert_eq!(first.pages_changed, first.pages);
    let story = "content/stories/the-saturday-club.md";
    let update = session.edit(story, "about twelve of us", "about fifteen of us");
    assert_eq!((update.pages_made, update.pages_changed), (1, 1));

    // site.toml broken: nothing shown changes, whatever is saved meanwhile.
    let title = "title = \"Our care, our say\"";
    let update = session.edit("content/site.toml", title, "title = ");
    assert!(update.has_errors());
    assert_eq!(update.pages_changed, 0);
    let update = session.edit(story, "about fifteen of us", "about sixteen of us");
    assert!(update.has_errors());
    assert_eq!(update.pages_changed, 0);

    // Mended: every page is made again (site.toml changed), and one is changed for a reader,
    // the story saved while the site did not build.
    let update = session.edit("content/site.toml", "title = ", title);
    assert!(!update.has_errors());
    session.assert_same_as_build(&update, "site.toml mended");
    assert_eq!(update.pages_made, update.pages);
    assert_eq!(update.pages_changed, 1);
}

/// The preview shows stories in draft and review too, marked as not published; a note about
/// published files does not count them.
#[test]
fn the_preview_s_drafts_are_not_counted_among_the_published_files() {
    let (_session, first) = Session::of_example(true);
    let note = first
        .diagnostics
        .iter()
        .find(|d| d.rule.id == "translations-missing")
        .unwrap();
    assert!(
        note.message
            .starts_with("8 published files have no Welsh translation yet"),
        "{}",
        note.message
    );
    assert!(!note.message.contains("waiting-for-an-assessment"));
}

/// While there are errors the last good build is shown, but never with a story that has since
/// been left out: a withdrawal saved while another file is broken takes the story down at once.
#[test]
fn a_story_withdrawn_while_there_are_errors_is_taken_down_at_once() {
    let (mut session, _) = Session::of_example(false);
    let story = "content/stories/moving-into-my-own-flat.md";
    let page = "stories/moving-into-my-own-flat.html";
    let update = session.edit(story, "withdrawn = 2026-10-01\n", "");
    assert!(!update.has_errors());
    assert!(
        session
            .preview
            .snapshot()
            .site
            .as_ref()
            .unwrap()
            .files
            .contains_key(page)
    );
    // Another story breaks: the last good build is kept, the story with it.
    let broken = "content/stories/the-saturday-club.md";
    let update = session.edit(broken, "date = 2026-07-11", "date = 2026-13-11");
    assert!(update.has_errors());
    let good = session.preview.snapshot().site.clone().unwrap();
    assert!(good.files.contains_key(page));
    // The storyteller withdraws: still broken, but the story is gone from every page.
    let update = session.edit(story, "[consent]\n", "[consent]\nwithdrawn = 2026-11-20\n");
    assert!(update.has_errors());
    let snapshot = session.preview.snapshot();
    let site = snapshot.site.as_ref().unwrap();
    assert!(!site.files.contains_key(page));
    for (path, file) in &site.files {
        if let chorus::preview::File::Page { html, .. } = file {
            assert!(!html.contains("moving-into-my-own-flat"), "{path}");
        }
    }
    assert_eq!(snapshot.errors.len(), 1, "{:?}", snapshot.errors);
}
