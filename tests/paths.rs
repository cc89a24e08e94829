//! Every path stays inside the report: the theme setting, links, `private/`, reserved names and
//! file sizes. Links are made while the test runs, in the copied report, because links kept in
//! git are fragile.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// Words only `private/register.csv` holds.
const REGISTER_WORDS: [&str; 3] = ["REGISTER-7781", "Quillon", "01632 960 741"];

/// The messages before the closing line, which `build` and `check` word differently.
fn problems(stderr: &str) -> &str {
    let closing = stderr.trim_end().rfind('\n').map_or(0, |i| i + 1);
    &stderr[..closing]
}

fn assert_no_register_words(run: &Run) {
    for words in REGISTER_WORDS {
        assert!(!run.stderr.contains(words), "{words} in:\n{}", run.stderr);
        if run.site().exists() {
            assert_eq!(files_containing(&run.site(), words), Vec::<String>::new());
        }
    }
}

/// The `paths-refused` report, with a story of 2 GB (sparse: made at once, and never read).
fn refused_report() -> tempfile::TempDir {
    let root = copy_report(&fixture("paths-refused"));
    fs::File::create(root.path().join("content/stories/huge.md"))
        .unwrap()
        .set_len(2_147_483_648)
        .unwrap();
    root
}

#[test]
fn a_theme_outside_themes_a_story_called_index_and_a_huge_story_are_refused() {
    let run = run_in(refused_report(), &["build"]);
    assert_eq!(run.code, 1);
    assert_messages(&run.stderr, "paths-refused");
    assert!(!run.site().exists());
    assert_no_register_words(&run);

    let check = run_in(refused_report(), &["check"]);
    assert_eq!(check.code, 1);
    assert_eq!(problems(&check.stderr), problems(&run.stderr));
    assert_eq!(
        check.stderr.lines().last(),
        Some("Found 3 problems that stop the build (and 1 warning).")
    );
}

#[test]
fn a_theme_may_not_be_an_absolute_path() {
    let root = copy_report(&fixture("paths-refused"));
    let settings = root.path().join("content/site.toml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(&settings, text.replace("\"../private\"", "\"/usr\"")).unwrap();
    fs::remove_file(root.path().join("content/stories/index.md")).unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        r#"warning[base-url-missing]: The report has no base_url, so the site has no feeds, no sitemap.xml and no robots.txt, and its 404 page needs JavaScript to lead readers to the home page.
  --> content/site.toml
  what to do: Add the full address where the site will be published, ending in /, such as base_url = "https://www.example.gov.uk/our-report/". If the site is only ever opened from a shared drive, this does not matter. If the host's build gives the address with --base-url (the GitHub and GitLab files that chorus new makes do), this shows only on your own computer.

error[theme-name-invalid]: The theme setting can only be the name of one folder inside themes/.
  --> content/site.toml:4:9
    |
  4 | theme = "/usr"
    |         ^^^^^^
  what to do: Write just the folder's name, with letters, digits, - and _: for themes/our-council/ write theme = "our-council". Or remove the setting to use the built-in theme.

Found 1 problem that stops the build (and 1 warning).
"#
    );
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// The `paths-links` report with its links, and a folder outside it that some of them lead to.
#[cfg(unix)]
fn linked_report() -> (tempfile::TempDir, tempfile::TempDir) {
    let root = copy_report(&fixture("paths-links"));
    let outside = tempfile::tempdir().unwrap();
    let content = root.path().join("content");
    let story = fs::read_to_string(content.join("originals/linked-story.md")).unwrap();
    fs::write(
        outside.path().join("outside-story.md"),
        story.replace("Linked story", "Outside story Xylophone"),
    )
    .unwrap();
    fs::write(outside.path().join("leak.png"), "Xylophone picture").unwrap();
    fs::create_dir(outside.path().join("folder")).unwrap();

    symlink("../private/register.csv", content.join("index.md"));
    symlink(
        "../originals/linked-story.md",
        content.join("stories/linked-story.md"),
    );
    symlink(
        outside.path().join("outside-story.md"),
        content.join("stories/outside-story.md"),
    );
    symlink("missing.md", content.join("stories/gone.md"));
    symlink(
        outside.path().join("leak.png"),
        content.join("media/leak.png"),
    );
    symlink(
        "../../private/register.csv",
        content.join("media/register.csv"),
    );
    symlink(outside.path().join("folder"), content.join("media/folder"));
    symlink("../originals", content.join("media/originals"));
    (root, outside)
}

#[cfg(unix)]
#[test]
fn links_are_followed_only_inside_the_report_and_never_into_private() {
    let (root, _outside) = linked_report();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_messages(&run.stderr, "paths-links");
    assert_no_register_words(&run);
    assert_eq!(
        files_containing(&run.site(), "Xylophone"),
        Vec::<String>::new()
    );
    let files: Vec<String> = run
        .files()
        .into_iter()
        .filter(|f| !f.starts_with("pagefind/"))
        .collect();
    assert_eq!(
        files,
        [
            "404.html",
            "accessibility.html",
            "assets/search.js",
            "assets/style.css",
            "co-production.html",
            "index.html",
            "media/garden.png",
            "search.html",
            "site-map.html",
            "stories/first-story.html",
            "stories/index.html",
            "stories/linked-story.html",
            "themes/mir.asc.html",
        ]
    );
    // The link inside the report is followed: its story is published under the link's name.
    assert!(
        run.page("stories/linked-story.html")
            .contains("This story is kept in content/originals/")
    );
    // The picture is copied, as bytes, from the file itself.
    assert_eq!(
        fs::read(run.site().join("media/garden.png")).unwrap(),
        fs::read(fixture("paths-links").join("content/media/garden.png")).unwrap()
    );
    assert_eq!(broken_links(&run.site()), Vec::<String>::new());

    let (root, _outside) = linked_report();
    let check = run_in(root, &["check"]);
    assert_eq!(check.code, 0);
    assert_eq!(problems(&check.stderr), problems(&run.stderr));
    assert_no_register_words(&check);
}

/// A shortcut Chorus does not follow, that a page uses (a picture that leads outside the
/// report, a link to a story that leads nowhere), is one message, at the shortcut: it says
/// where the page uses it, and stops the build, as the page would lack what it shows. The page
/// is not also told that it points to a file that is not there. One that no page uses is still
/// a note, and one that only a story not yet published uses is a warning.
#[cfg(unix)]
#[test]
fn a_shortcut_a_page_uses_is_one_message_that_says_where() {
    let (root, _outside) = linked_report();
    let stories = root.path().join("content/stories");
    let text = fs::read_to_string(stories.join("first-story.md")).unwrap();
    // A story not published yet that links to a story outside the report.
    fs::write(
        stories.join("draft-story.md"),
        format!("{text}\nSee [the other story](stories/outside-story.md).\n").replace(
            "title = \"First story\"",
            "title = \"Draft story\"\nstatus = \"draft\"",
        ),
    )
    .unwrap();
    // The first story shows the picture that leads outside the report twice, as its image and
    // in its words, and links to a story that leads nowhere.
    fs::write(
        stories.join("first-story.md"),
        format!("{text}\n![A leak](media/leak.png)\n\nSee [the gone story](stories/gone.md).\n")
            .replace(
                "\n+++\nAn ordinary",
                "\n[image]\nsrc = \"media/leak.png\"\nalt = \"A leak.\"\n+++\nAn ordinary",
            ),
    )
    .unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let messages: Vec<&str> = run
        .stderr
        .split("\n\n")
        .filter(|m| {
            ["leak.png", "gone.md", "outside-story.md"]
                .iter()
                .any(|n| m.contains(n))
        })
        .collect();
    assert_eq!(
        messages,
        [
            "error[shortcut-outside-report]: This is a link that leads outside the report folder, so Chorus did not read it: Chorus reads only the report's own files. It is used at lines 18 and 25 of content/stories/first-story.md, and left out there.\n  --> content/media/leak.png\n  what to do: If it belongs to the report, copy it into the report folder instead of linking to it.",
            "error[shortcut-broken]: This is a link to a file that is not there, so Chorus skipped it. It is used at line 27 of content/stories/first-story.md, and left out there.\n  --> content/stories/gone.md\n  what to do: Put the file itself here instead of the link, or delete the link.",
            "warning[shortcut-outside-report]: This is a link that leads outside the report folder, so Chorus did not read it: Chorus reads only the report's own files. It is used at line 23 of content/stories/draft-story.md, and left out there.\n  --> content/stories/outside-story.md\n  what to do: If it belongs to the report, copy it into the report folder instead of linking to it.",
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_content_folder_or_site_toml_that_leads_elsewhere_stops_the_build() {
    let root = copy_report(&fixture("paths-links"));
    let settings = root.path().join("content/site.toml");
    fs::rename(&settings, root.path().join("private/site.toml")).unwrap();
    symlink("../private/site.toml", &settings);
    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[shortcut-into-private]: This is a link into the private/ folder, so Chorus did not read it: nothing in private/ is ever read or published.\n  --> content/site.toml\n"),
        "{}",
        run.stderr
    );

    let root = copy_report(&fixture("paths-links"));
    let elsewhere = tempfile::tempdir().unwrap();
    fs::rename(
        root.path().join("content"),
        elsewhere.path().join("content"),
    )
    .unwrap();
    symlink(
        elsewhere.path().join("content"),
        root.path().join("content"),
    );
    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error[shortcut-outside-report]: This is a link that leads outside the report folder, so Chorus did not read it: Chorus reads only the report's own files.\n  --> content\n  what to do: If it belongs to the report, copy it into the report folder instead of linking to it.\n\nFound 1 problem that stops the build.\n"
    );
}
