//! `chorus new`: a report folder that builds at once, and ready files for what a report adds
//! later (`chorus new story "Title"`). Each file explains its own settings in comments, so an
//! editing group can start from it without any other page.
//!
//! Nothing is ever overwritten: a file is made only where there is none.

use crate::diagnostics::Diagnostic;
use crate::framework::Frameworks;
use crate::rules;
use jiff::ToSpan;
use jiff::civil::Date;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const SITE: &str = include_str!("site.toml");
const STORY: &str = include_str!("story.md");
/// The first line of a new story's text, until the group writes the story: the check stage
/// refuses to publish a story that still has it.
pub const STORY_TEXT_PLACEHOLDER: &str = "Write the story here, in the storyteller's own words.";
const HOME: &str = include_str!("index.md");
const ABOUT: &str = include_str!("about.md");
const HOW_WE_WORK: &str = include_str!("how-we-work-together.md");
const PRIVACY: &str = include_str!("privacy.md");
const CONSENT_REGISTER: &str = include_str!("consent-register.csv");
const GITIGNORE: &str = include_str!("gitignore");
const ENTRY: &str = include_str!("entry.toml");
/// The hosting recipes' CI files (docs/hosting.md), ready to publish on GitHub or GitLab Pages.
const GITHUB_WORKFLOW: &str = include_str!("../../docs/hosting/github-publish.yml");
const GITLAB_CI: &str = include_str!("../../docs/hosting/gitlab-ci.yml");

/// The first story of a new report.
const FIRST_STORY: &str = "Our first story";

/// The longest title a story may have (the check stage's limit too).
pub const TITLE_LIMIT: usize = 80;

/// Makes a new report in `folder` (made if it is not there). Returns the files made, relative
/// to `folder`. Refused when `folder` already has a `content/` folder.
pub fn new_report(folder: &Path, today: Date) -> Result<Vec<PathBuf>, Diagnostic> {
    let content = folder.join("content");
    if fs::symlink_metadata(&content).is_ok() {
        return Err(Diagnostic::error(rules::REPORT_EXISTS,
            shown(&content),
            "There is a report here already, so Chorus made nothing: this folder has a content/ folder.",
        )
        .help("To start another report, name a new folder: chorus new our-report. To add a story to this one: chorus new story \"Its title\"."));
    }
    let story = format!("content/stories/{}.md", slug(FIRST_STORY));
    let files: Vec<(String, String)> = vec![
        ("content/site.toml".into(), fill(SITE, today)),
        ("content/index.md".into(), HOME.into()),
        ("content/pages/about.md".into(), ABOUT.into()),
        (
            "content/pages/how-we-work-together.md".into(),
            HOW_WE_WORK.into(),
        ),
        ("content/pages/privacy.md".into(), PRIVACY.into()),
        (story, story_file(FIRST_STORY, today)),
        (
            "private/consent-register.csv".into(),
            CONSENT_REGISTER.into(),
        ),
        (".gitignore".into(), GITIGNORE.into()),
        (
            ".github/workflows/publish.yml".into(),
            fill(GITHUB_WORKFLOW, today),
        ),
        (".gitlab-ci.yml".into(), fill(GITLAB_CI, today)),
    ];
    let mut made = Vec::new();
    for (name, text) in files {
        // A folder that is already a repository may have CI files of its own: they are kept.
        let ci = name.starts_with(".github/") || name == ".gitlab-ci.yml";
        if ci && fs::symlink_metadata(folder.join(&name)).is_ok() {
            continue;
        }
        write_new(folder, &name, &text)?;
        made.push(PathBuf::from(name));
    }
    // The folders for pictures and for "you said, we did" entries, empty until they are used.
    for empty in ["content/media", "content/you-said-we-did"] {
        let path = folder.join(empty);
        fs::create_dir_all(&path).map_err(|error| could_not_write(&path, &error))?;
    }
    Ok(made)
}

/// Adds `content/stories/<name>.md` to the report in `folder`, its name made from the title.
pub fn new_story(folder: &Path, title: &str, today: Date) -> Result<PathBuf, Diagnostic> {
    let name = checked_title(folder, title, "story", "Getting my evenings back")?;
    let file = format!("content/stories/{name}.md");
    write_new(folder, &file, &story_file(title.trim(), today))?;
    Ok(PathBuf::from(file))
}

/// Adds `content/you-said-we-did/<name>.toml` to the report in `folder`: one "you said, we
/// did" entry, its id and name made from the title, the rest to fill in.
pub fn new_entry(folder: &Path, title: &str, today: Date) -> Result<PathBuf, Diagnostic> {
    let name = checked_title(folder, title, "entry", "Letters people can read")?;
    let file = format!("content/{}/{name}.toml", crate::content::entries::FOLDER);
    write_new(folder, &file, &entry_file(title.trim(), &name, today))?;
    Ok(PathBuf::from(file))
}

/// The file name a title gives, once the folder is a report and the title can make one.
fn checked_title(
    folder: &Path,
    title: &str,
    kind: &str,
    example: &str,
) -> Result<String, Diagnostic> {
    let title = title.trim();
    if !folder.join("content").is_dir() {
        return Err(Diagnostic::error(rules::REPORT_NOT_FOUND,
            shown(folder),
            "There is no report here: this folder has no content/ folder.",
        )
        .help(format!("Run the command in your report's folder, or name that folder after the title: chorus new {kind} \"Its title\" our-report. To start a report: chorus new our-report.")));
    }
    let length = title.chars().count();
    if length > TITLE_LIMIT {
        return Err(Diagnostic::error(
            rules::TITLE_TOO_LONG,
            "",
            format!("The title is {length} characters long; a title can be at most {TITLE_LIMIT}."),
        )
        .help("Shorten the title. The summary is the place for more detail."));
    }
    let name = slug(title);
    if name.is_empty() {
        return Err(Diagnostic::error(
            rules::NEW_TITLE_NO_LETTERS,
            "",
            "The title has no letters or digits, so Chorus can't make a file name from it.",
        )
        .help(format!(
            "Give the {kind} a title in words: chorus new {kind} \"{example}\"."
        )));
    }
    Ok(name)
}

/// An entry file with every setting explained, its words to fill in.
pub fn entry_file(title: &str, id: &str, today: Date) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    fill(ENTRY, today)
        .replace("{id}", id)
        .replace("{title}", &title)
        .replace("{themes}", &theme_comments())
}

/// The organisation and contact email the new report's `site.toml` starts with, which a build
/// warns about until they are changed.
pub const PLACEHOLDER_ORGANISATION: &str = "Our organisation";
pub const PLACEHOLDER_EMAIL: &str = "coproduction@example.org";

/// What to do next, after `chorus new` made `files` in the folder shown as `folder`.
pub fn next_steps(files: &[PathBuf], folder: &str) -> String {
    let (report, prefix) = if folder == "." || folder.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(" {}", for_shell(folder)),
            format!("{}/", folder.trim_end_matches('/')),
        )
    };
    match files {
        [story] if story.starts_with("content/stories") => format!(
            "Next: write the story and its settings in {prefix}{}. It is a draft until you set status = \"published\", and it is published only once its [consent] says given = true. Then run: chorus build{report}",
            story.display()
        ),
        [entry] if entry.starts_with("content/you-said-we-did") => format!(
            "Next: write what people said, who said it, where, and who is responsible in {prefix}{}. The build names each setting still empty. Then run: chorus build{report}",
            entry.display()
        ),
        _ => format!(
            "Next: write your report's title, organisation and contact email in {prefix}content/site.toml, then run: chorus build{report}\nThen open {prefix}site/index.html in a web browser. Add a story with: chorus new story \"Its title\"{report}"
        ),
    }
}

/// A path as it can be pasted into a command: as it is when it has only letters, digits and
/// `/ . _ - ~ :`, else in double quotation marks (which a terminal on Linux, macOS and Windows
/// all read), or in single ones when it holds a character a double-quoted word would change.
pub fn for_shell(path: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "/._-~:".contains(c);
    if !path.is_empty() && path.chars().all(plain) {
        path.to_owned()
    } else if !path.contains(['"', '$', '`', '!']) {
        format!("\"{path}\"")
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}

/// A story file with every setting explained, ready to fill in: a draft, consent not yet given.
pub fn story_file(title: &str, today: Date) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    fill(STORY, today)
        .replace("{title}", &title)
        .replace("{themes}", &theme_comments())
}

/// Only the settings of a story, between its `+++` lines and without the notes, for a
/// message to show.
pub fn story_settings(today: Date) -> String {
    let file = story_file("…", today);
    let mut lines = Vec::new();
    for (i, line) in file.lines().enumerate() {
        let after_blank_or_start = lines
            .last()
            .is_none_or(|l: &&str| l.is_empty() || *l == "+++");
        if line.starts_with('#') || (line.is_empty() && after_blank_or_start) {
            continue;
        }
        lines.push(line);
        if i > 0 && line == "+++" {
            break;
        }
    }
    lines.join("\n")
}

/// The `[consent]` block of a story as the starter writes it, for a message to show.
pub fn consent_block(today: Date) -> String {
    let settings = story_settings(today);
    let start = settings.find("[consent]").unwrap_or(0);
    settings[start..]
        .lines()
        .take_while(|l| *l != "+++")
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// One comment line per theme of the built-in frameworks: `#   mir.info (Information and advice)`.
fn theme_comments() -> String {
    let ids: Vec<String> = crate::content::site::BUILT_IN_FRAMEWORKS
        .iter()
        .map(|id| (*id).to_owned())
        .collect();
    Frameworks::built_in(&ids)
        .iter()
        .map(|framework| {
            let themes: Vec<String> = framework
                .themes
                .iter()
                .map(|t| format!("#   {} ({})", t.id, t.name))
                .collect();
            format!("# {}:\n{}\n", framework.title, themes.join("\n"))
        })
        .collect()
}

/// The templates' dates: today, a year from now for a review, and the end of next year.
fn fill(template: &str, today: Date) -> String {
    let review_by = review_date(today);
    template
        .replace("{version}", env!("CARGO_PKG_VERSION"))
        .replace("{today}", &today.to_string())
        .replace("{review_by}", &review_by.to_string())
        .replace(
            "{next_year}",
            &Date::new(today.year() + 1, 12, 31)
                .unwrap_or(review_by)
                .to_string(),
        )
}

/// A review date for an example: a year from `today`, so that an example copied as it is
/// never leaves a story out at once.
pub fn review_date(today: Date) -> Date {
    today.checked_add(1.year()).unwrap_or(today)
}

/// A file name from a title: lower-case letters and digits, words joined by `-`, letters with
/// accents or other marks written without them (`Café` → `cafe`, `Ŵyr` → `wyr`).
pub fn slug(title: &str) -> String {
    let mut name = String::new();
    let without_apostrophes: String = title
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘'))
        .collect();
    // Letters of any script in plain Latin letters: é → e, ŵ → w.
    for c in deunicode::deunicode(&without_apostrophes).chars() {
        match c.to_ascii_lowercase() {
            p if p.is_ascii_alphanumeric() => name.push(p),
            _ => {
                if !name.ends_with('-') && !name.is_empty() {
                    name.push('-');
                }
            }
        }
    }
    name.trim_end_matches('-')
        .chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

fn write_new(folder: &Path, name: &str, text: &str) -> Result<(), Diagnostic> {
    let path = folder.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|error| could_not_write(parent, &error))?;
    }
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            return Err(Diagnostic::error(rules::NEW_FILE_EXISTS,
                shown(&path),
                "There is a file of this name already, so Chorus made nothing new and left it as it is.",
            )
            .help("Give the new one another title, or open this file and carry on with it."));
        }
        Err(error) => return Err(could_not_write(&path, &error)),
    };
    file.write_all(text.as_bytes())
        .map_err(|error| could_not_write(&path, &error))
}

fn could_not_write(path: &Path, error: &io::Error) -> Diagnostic {
    Diagnostic::error(
        rules::CANNOT_WRITE,
        shown(path),
        format!("Chorus could not make this: {error}."),
    )
    .help("Check that you may write in this folder and that the disk has space.")
}

fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_story_s_text_starts_with_the_line_a_build_refuses_to_publish() {
        assert!(STORY.contains(&format!("+++\n{STORY_TEXT_PLACEHOLDER}\n")));
    }

    #[test]
    fn the_new_site_toml_starts_with_the_placeholders_a_build_warns_about() {
        let site = include_str!("site.toml");
        assert!(site.contains(&format!("organisation = \"{PLACEHOLDER_ORGANISATION}\"\n")));
        assert!(site.contains(&format!("contact_email = \"{PLACEHOLDER_EMAIL}\"\n")));
    }

    #[test]
    fn a_path_is_quoted_only_when_a_terminal_needs_it() {
        assert_eq!(for_shell("our-report"), "our-report");
        assert_eq!(for_shell("../reports/2026"), "../reports/2026");
        assert_eq!(for_shell("our report"), "\"our report\"");
        assert_eq!(for_shell("Sam's report"), "\"Sam's report\"");
        assert_eq!(for_shell("pay $5 now"), "'pay $5 now'");
        assert_eq!(for_shell("it's $5"), "'it'\\''s $5'");
    }

    #[test]
    fn a_title_becomes_a_file_name() {
        assert_eq!(slug("My new day centre"), "my-new-day-centre");
        assert_eq!(
            slug("Taliadau uniongyrchol wedi'u gwneud"),
            "taliadau-uniongyrchol-wediu-gwneud"
        );
        assert_eq!(slug("  Café, Ŵyr & 2 friends!  "), "cafe-wyr-2-friends");
        assert_eq!(slug("“…”"), "");
    }

    #[test]
    fn the_consent_block_is_whole_and_its_review_date_a_year_ahead() {
        let today = Date::new(2026, 11, 23).unwrap();
        assert_eq!(
            consent_block(today),
            "[consent]\ngiven = false\nreference = \"…\"\nrecorded = 2026-11-23\nscope = [\"web\"]\nreview_by = 2027-11-23"
        );
    }
}
