//! `chorus new`: a report that builds at once, and a story added to it, as a new editor would
//! make them, from the command line.

mod common;

use common::*;
use std::fs;

#[test]
fn a_new_report_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (code, made) = chorus_at(dir.path(), &["new", "our-report"]);
    assert_eq!(code, 0, "{made}");
    assert_eq!(
        made,
        "Made our-report/content/site.toml
Made our-report/content/index.md
Made our-report/content/pages/about.md
Made our-report/content/pages/how-we-work-together.md
Made our-report/content/pages/privacy.md
Made our-report/content/stories/our-first-story.md
Made our-report/private/consent-register.csv
Made our-report/.gitignore
Made our-report/.github/workflows/publish.yml
Made our-report/.gitlab-ci.yml
Next: write your report's title, organisation and contact email in our-report/content/site.toml, then run: chorus build our-report
Then open our-report/site/index.html in a web browser. Add a story with: chorus new story \"Its title\" our-report
"
    );
    let report = dir.path().join("our-report");
    assert!(report.join("content/media").is_dir());
    assert!(report.join("content/you-said-we-did").is_dir());
    let story = fs::read_to_string(report.join("content/stories/our-first-story.md")).unwrap();
    // The review date is a year ahead, and every theme id is listed with its name.
    assert!(story.contains("review_by = 2027-11-23\n"), "{story}");
    assert!(
        story.contains("#   mir.info (Information and advice)\n"),
        "{story}"
    );
    assert!(story.contains("#   cqc-la.t4 (Leadership)\n"), "{story}");

    let (code, built) = chorus_at(dir.path(), &["build", "our-report"]);
    assert_eq!(code, 0, "{built}");
    assert_eq!(
        built,
        "warning[base-url-missing]: The report has no base_url, so the site has no feeds, no sitemap.xml and no robots.txt, and its 404 page needs JavaScript to lead readers to the home page.
  --> our-report/content/site.toml
  what to do: Add the full address where the site will be published, ending in /, such as base_url = \"https://www.example.gov.uk/our-report/\". If the site is only ever opened from a shared drive, this does not matter. If the host's build gives the address with --base-url (the GitHub and GitLab files that chorus new makes do), this shows only on your own computer.

warning[example-organisation]: The organisation is still the example \"chorus new\" wrote, so every page would say it is published by \"Our organisation\".
  --> our-report/content/site.toml:8:16
    |
  8 | organisation = \"Our organisation\"
    |                ^^^^^^^^^^^^^^^^^^
  what to do: Write your organisation's name, such as organisation = \"Harrowdale Council\".

warning[example-contact-email]: The contact email is still the example \"chorus new\" wrote, so readers who write to ask for the report in another format would write to an address no one reads.
  --> our-report/content/site.toml:10:17
     |
  10 | contact_email = \"coproduction@example.org\"
     |                 ^^^^^^^^^^^^^^^^^^^^^^^^^^
  what to do: Write the address your group reads, such as contact_email = \"ourcareoursay@harrowdale.gov.uk\".

note[accessibility-untested]: The accessibility statement says the website has not been tested for accessibility yet.
  --> our-report/content/site.toml:49:1
     |
  49 | [accessibility]
     | ^^^^^^^^^^^^^^^
  what to do: Once people who use assistive technology have tested it, say when, by whom and how under [accessibility]: last_tested = 2026-11-23, tested_by = \"…\", test_method = \"…\".

note[consent-not-given]: Left out: consent to publish has not been given.
  --> our-report/content/stories/our-first-story.md
  what to do: When the storyteller has agreed, set given = true under [consent]. Before it can be published, also: set status = \"published\" when the group is ready; write the story's own words in place of what the template wrote in \"summary\", \"reference\" and the story's text.

Built 10 pages into our-report/site, with 3 warnings and 2 notes. 0 stories published; 1 left out: 1 consent not given yet.
"
    );
    assert!(report.join("site/privacy.html").is_file());
    assert_eq!(broken_links(&report.join("site")), Vec::<String>::new());
    assert!(
        !report.join("site/stories/our-first-story.html").exists(),
        "a draft without consent is not published"
    );

    // Once the organisation and email are the group's own, neither warning is given.
    let site = report.join("content/site.toml");
    let text = fs::read_to_string(&site).unwrap();
    let own = text
        .replace("\"Our organisation\"", "\"Harrowdale Council\"")
        .replace(
            "\"coproduction@example.org\"",
            "\"voices@harrowdale.example\"",
        );
    fs::write(&site, own).unwrap();
    let (code, built) = chorus_at(dir.path(), &["build", "our-report"]);
    assert_eq!(code, 0, "{built}");
    assert!(!built.contains("still the example"), "{built}");
    assert!(built.contains("with 1 warning and 2 notes"), "{built}");
}

#[test]
fn a_story_is_added_with_the_right_name_and_published_once_its_consent_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("our-report");
    assert_eq!(chorus_at(dir.path(), &["new", "our-report"]).0, 0);
    let (code, made) = chorus_at(&report, &["new", "story", "My new day centre"]);
    assert_eq!(code, 0, "{made}");
    assert_eq!(
        made,
        "Made content/stories/my-new-day-centre.md
Next: write the story and its settings in content/stories/my-new-day-centre.md. It is a draft until you set status = \"published\", and it is published only once its [consent] says given = true. Then run: chorus build
"
    );
    let file = report.join("content/stories/my-new-day-centre.md");
    let story = fs::read_to_string(&file).unwrap();
    assert!(story.contains("title = \"My new day centre\"\n"));

    // The same title again makes nothing and leaves the file as it was.
    let (code, again) = chorus_at(&report, &["new", "story", "My new day centre"]);
    assert_eq!(code, 1);
    assert_eq!(
        again,
        "error[new-file-exists]: There is a file of this name already, so Chorus made nothing new and left it as it is.
  --> content/stories/my-new-day-centre.md
  what to do: Give the new one another title, or open this file and carry on with it.

Nothing was made.
"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), story);

    // Published as it is, the template's "…" would be on the site: that is an error.
    let ready = story
        .replace("status = \"draft\"", "status = \"published\"")
        .replace("given = false", "given = true");
    fs::write(&file, &ready).unwrap();
    let (code, built) = chorus_at(&report, &["build"]);
    assert_eq!(code, 1);
    assert!(
        built.contains("error[placeholder-left]: This story is ready to publish, but \"summary\", \"reference\" and the story's text still say what the template wrote.\n  --> content/stories/my-new-day-centre.md\n"),
        "{built}"
    );

    let written = ready
        .replacen(
            "summary = \"…\"",
            "summary = \"The day centre moved, and it is better.\"",
            1,
        )
        .replacen("reference = \"…\"", "reference = \"C-2026-001\"", 1)
        .replacen(
            "Write the story here, in the storyteller's own words.",
            "The new centre is nearer, and the bus stops outside.",
            1,
        );
    fs::write(&file, written).unwrap();
    let (code, built) = chorus_at(&report, &["build"]);
    assert_eq!(code, 0, "{built}");
    assert!(
        built.ends_with("1 story published; 1 left out: 1 consent not given yet.\n"),
        "{built}"
    );
    assert!(report.join("site/stories/my-new-day-centre.html").is_file());
}

#[test]
fn new_refuses_what_would_overwrite_or_has_no_report() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(chorus_at(dir.path(), &["new"]).0, 0);
    let (code, again) = chorus_at(dir.path(), &["new"]);
    assert_eq!(code, 1);
    assert_eq!(
        again,
        "error[report-exists]: There is a report here already, so Chorus made nothing: this folder has a content/ folder.
  --> content
  what to do: To start another report, name a new folder: chorus new our-report. To add a story to this one: chorus new story \"Its title\".

Nothing was made.
"
    );
    let empty = tempfile::tempdir().unwrap();
    let (code, no_report) = chorus_at(empty.path(), &["new", "story", "A story"]);
    assert_eq!(code, 1);
    assert!(
        no_report
            .starts_with("error[report-not-found]: There is no report here: this folder has no content/ folder.\n"),
        "{no_report}"
    );
}

#[test]
fn the_report_folder_can_be_named_and_today_must_be_readable_and_not_past() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(chorus_at(dir.path(), &["new", "r"]).0, 0);
    let (code, unreadable) = chorus_at(dir.path(), &["check", "r", "--today", "23/11/2027"]);
    assert_eq!(code, 1);
    assert_eq!(
        unreadable,
        "error[today-unreadable]: Chorus can't read --today 23/11/2027 as a date.
  what to do: Write it as 2027-11-23: year, month, day, with hyphens. Chorus took the day first, as in the UK, so this is 23 November 2027; check that it is the date you meant. For example: --today 2027-11-23

Nothing was checked.
"
    );
    let (code, past) = chorus_at(dir.path(), &["build", "r", "--today", "2026-11-22"]);
    assert_eq!(code, 1);
    assert_eq!(
        past,
        "error[today-in-past]: A build can't use --today with a date before today (23 November 2026): it could publish a story whose consent has lapsed.
  what to do: To see what the report looked like on an earlier day, use chorus check --today, which writes nothing. A build may use a later date, to see what a review date will leave out.

Nothing was written.
"
    );
    assert!(!dir.path().join("r/site").exists());
    let (code, past) = chorus_at(dir.path(), &["serve", "r", "--today", "2026-11-22"]);
    assert_eq!(code, 1);
    assert_eq!(
        past,
        "error[today-in-past]: The preview can't use --today with a date before today (23 November 2026): it would show a story whose consent has lapsed as if it could be published.
  what to do: To see what the report looked like on an earlier day, use chorus check --today, which writes nothing. The preview may use a later date, to see what a review date will leave out.

The preview did not start.
"
    );
    // Looking ahead is allowed, in check and in build.
    assert_eq!(
        chorus_at(dir.path(), &["check", "r", "--today", "2020-01-01"]).0,
        0
    );
    assert_eq!(
        chorus_at(dir.path(), &["build", "r", "--today", "2027-01-01"]).0,
        0
    );
}

/// A folder name with a space is quoted in the commands `chorus new` prints, so that each
/// can be pasted into the terminal as it is.
#[test]
fn a_report_folder_with_spaces_is_quoted_in_the_commands_to_paste() {
    let dir = tempfile::tempdir().unwrap();
    let (code, made) = chorus_at(dir.path(), &["new", "our report"]);
    assert_eq!(code, 0, "{made}");
    assert!(
        made.contains(
            "then run: chorus build \"our report\"\nThen open our report/site/index.html in a web browser. Add a story with: chorus new story \"Its title\" \"our report\"\n"
        ),
        "{made}"
    );
    let (code, story) = chorus_at(dir.path(), &["new", "story", "A day out", "our report"]);
    assert_eq!(code, 0, "{story}");
    assert!(
        story.ends_with("Then run: chorus build \"our report\"\n"),
        "{story}"
    );
    let (code, built) = chorus_at(dir.path(), &["build", "our report"]);
    assert_eq!(code, 0, "{built}");
}

/// `chorus new entry` writes a "you said, we did" entry with the right name, whose empty
/// settings the build names one by one; once they are written, the entry is published.
#[test]
fn an_entry_is_added_with_the_right_name_and_published_once_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(chorus_at(dir.path(), &["new", "our-report"]).0, 0);
    let (code, made) = chorus_at(
        dir.path(),
        &["new", "entry", "Letters people can read", "our-report"],
    );
    assert_eq!(code, 0, "{made}");
    assert_eq!(
        made,
        "Made our-report/content/you-said-we-did/letters-people-can-read.toml
Next: write what people said, who said it, where, and who is responsible in our-report/content/you-said-we-did/letters-people-can-read.toml. The build names each setting still empty. Then run: chorus build our-report
"
    );
    let file = dir
        .path()
        .join("our-report/content/you-said-we-did/letters-people-can-read.toml");
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("id = \"letters-people-can-read\"\n"),
        "{text}"
    );
    assert!(
        text.contains("title = \"Letters people can read\"\n"),
        "{text}"
    );
    assert!(text.contains("said_date = 2026-11-23\n"), "{text}");
    assert!(
        text.contains("#   mir.info (Information and advice)\n"),
        "{text}"
    );

    let (code, built) = chorus_at(dir.path(), &["build", "our-report"]);
    assert_eq!(code, 1, "{built}");
    for key in ["you_said", "said_by", "forum", "owner"] {
        assert!(
            built.contains(&format!("error[setting-empty]: \"{key}\" is empty.")),
            "{built}"
        );
    }
    assert!(
        built.contains("Found 4 problems that stop the build"),
        "{built}"
    );

    let filled = text
        .replace(
            "you_said = \"\"",
            "you_said = \"The letters are hard to read.\"",
        )
        .replace("said_by = \"\"", "said_by = \"carers\"")
        .replace("forum = \"\"", "forum = \"Carers' forum\"")
        .replace("owner = \"\"", "owner = \"Letters team\"");
    fs::write(&file, filled).unwrap();
    let (code, built) = chorus_at(dir.path(), &["build", "our-report"]);
    assert_eq!(code, 0, "{built}");
    let page = dir
        .path()
        .join("our-report/site/you-said-we-did/letters-people-can-read.html");
    let html = fs::read_to_string(page).unwrap();
    assert!(html.contains("The letters are hard to read."), "{html}");

    // A second entry of the same title would overwrite the first: refused.
    let (code, again) = chorus_at(
        dir.path(),
        &["new", "entry", "Letters people can read", "our-report"],
    );
    assert_eq!(code, 1, "{again}");
}

/// A misspelt kind (`storey`) is one message in plain words with the command meant, not the
/// command-line reader's "the subcommand 'A day out' cannot be used with '[FOLDER]'".
#[test]
fn a_misspelt_kind_of_new_file_is_told_the_command_meant() {
    let dir = tempfile::tempdir().unwrap();
    let (code, said) = chorus_at(dir.path(), &["new", "storey", "A day out", "our-report"]);
    assert_eq!(code, 1, "{said}");
    assert_eq!(
        said,
        "error: \"storey\" is not something chorus new makes: it makes a new report, a story or an entry.\n  what to do: Did you mean \"story\"? Write: chorus new story \"A day out\" our-report\n"
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing made");
}
