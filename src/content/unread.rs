//! Nothing under `content/` disappears without a word: every file or folder Chorus does not
//! read gets a warning naming the nearest place where it would be read.

use crate::diagnostics::Diagnostic;
use crate::rules;

/// The folders directly under `content/` that Chorus reads. One list, so a new kind of content
/// is added in one place.
pub const READ_FOLDERS: &[&str] = &[
    "pages",
    "stories",
    "media",
    "you-said-we-did",
    "assessment",
    "frameworks",
    super::ROOT_FILES,
];

/// The files directly under `content/` that Chorus reads, besides translations of `index.md`
/// (`index.cy.md`).
pub const READ_FILES: &[&str] = &["site.toml", "index.md"];

/// Other names people give the places Chorus reads, each with the place it means.
const OTHER_NAMES: &[(&str, &str)] = &[
    ("story", "stories"),
    ("page", "pages"),
    ("images", "media"),
    ("image", "media"),
    ("img", "media"),
    ("pictures", "media"),
    ("photos", "media"),
    ("files", "media"),
    ("downloads", "media"),
    ("tracker", "you-said-we-did"),
    ("yswd", "you-said-we-did"),
    ("you-said", "you-said-we-did"),
    ("assessments", "assessment"),
    ("framework", "frameworks"),
    ("root", "static"),
    ("site-root", "static"),
    ("public", "static"),
    ("well-known", "static"),
    ("settings.toml", "site.toml"),
    ("config.toml", "site.toml"),
    ("home.md", "index.md"),
];

/// Where a folder directly under `content/` is meant to be, from its name: `Stories`, `story`
/// and `you_said_we_did` all say where they belong.
pub fn nearest_place(name: &str) -> Option<&'static str> {
    let plain = name.trim().to_lowercase().replace(['_', ' '], "-");
    let known: Vec<&str> = READ_FOLDERS.iter().chain(READ_FILES).copied().collect();
    known
        .iter()
        .find(|k| **k == plain)
        .copied()
        .or_else(|| {
            OTHER_NAMES
                .iter()
                .find(|(other, _)| *other == plain)
                .map(|(_, place)| *place)
        })
        .or_else(|| super::fields::nearest(&plain, &known))
}

/// A folder directly under `content/` that Chorus does not read.
pub fn top_folder(name: &str) -> Diagnostic {
    let problem = Diagnostic::warning(
        rules::UNREAD_FOLDER,
        format!("content/{name}/"),
        format!("Chorus does not read a folder called {name}/, so nothing in it is in the site."),
    );
    match nearest_place(name).filter(|p| READ_FOLDERS.contains(p)) {
        Some(place) => problem.help(format!(
            "Did you mean content/{place}/? Move what is in it there, then delete this folder."
        )),
        None => problem.help(format!(
            "Move what belongs to the report into one of the folders Chorus reads: {}. Move anything else out of content/.",
            READ_FOLDERS
                .iter()
                .map(|f| format!("{f}/"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// A file directly under `content/` that Chorus does not read.
pub fn top_file(name: &str) -> Diagnostic {
    let (stem, extension) = split_extension(name);
    let problem = Diagnostic::warning(
        rules::UNREAD_FILE,
        format!("content/{name}"),
        "Chorus does not read this file here, so it is not in the site.",
    );
    let lower = name.to_lowercase();
    // `site.toml.bak`, `index.md~`: a copy kept for safety, which media/ would publish.
    if let Some(place) = READ_FILES.iter().find(|file| {
        lower.len() > file.len()
            && lower.starts_with(*file)
            && matches!(
                lower.as_bytes()[file.len()],
                b'.' | b'~' | b' ' | b'-' | b'_'
            )
    }) {
        return problem.help(format!(
            "It looks like a spare copy of {place}, which Chorus reads only by that name. Move the copy out of content/, to private/ for example, or delete it."
        ));
    }
    if let Some(place) = nearest_place(&lower).filter(|p| READ_FILES.contains(p)) {
        return problem.help(format!(
            "Did you mean {place}? Rename it to content/{place}."
        ));
    }
    if is_host_file(name) {
        return problem.help(format!(
            "Files a web host asks for at the site's root go in content/{}/: move it to content/{}/{name}.",
            super::ROOT_FILES,
            super::ROOT_FILES
        ));
    }
    if is_text(extension) {
        let fixed = super::suggested_name(stem);
        return problem.help(format!(
            "A page of the report goes in content/pages/: move it to content/pages/{fixed}.md. A story goes in content/stories/."
        ));
    }
    if !crate::untrusted::media::is_published(name) {
        return problem.help(
            "Chorus publishes no file of this kind, so it is not part of the site anywhere in content/. Move it out of content/, to private/ for example.",
        );
    }
    problem.help(format!(
        "Pictures and files for readers to download go in content/media/: move it to content/media/{}. If it is not part of the report, move it out of content/.",
        super::suggested_media_name(name)
    ))
}

/// A folder inside `content/stories/`, `content/pages/`, `content/you-said-we-did/` or
/// `content/assessment/`, which are read one level deep.
pub fn inner_folder(folder: &str, name: &str) -> Diagnostic {
    Diagnostic::warning(rules::UNREAD_SUBFOLDER,
        format!("content/{folder}/{name}/"),
        format!(
            "Chorus reads only the files directly in content/{folder}/, not those in a folder inside it, so nothing in {name}/ is in the site."
        ),
    )
    .help(format!(
        "Move its files up into content/{folder}/, then delete the folder {name}/."
    ))
}

/// A file in `content/stories/` or `content/pages/` whose name does not end in `.md`.
pub fn not_markdown(folder: &str, name: &str) -> Diagnostic {
    let (stem, extension) = split_extension(name);
    let fixed = super::suggested_name(stem);
    let problem = |message: String| {
        Diagnostic::warning(
            rules::UNREAD_FILE_TYPE,
            format!("content/{folder}/{name}"),
            message,
        )
    };
    let lower = extension.to_lowercase();
    if is_text(extension) {
        return problem(format!(
            "Chorus reads only files whose names end in .md, in small letters, so it did not read this one (it ends in .{extension})."
        ))
        .help(format!("Rename it to {fixed}.md."));
    }
    if matches!(
        lower.as_str(),
        "docx" | "doc" | "odt" | "rtf" | "pages" | "wps"
    ) {
        return problem(
            "This is a word-processor file, which Chorus can't read, so it is not in the site."
                .to_owned(),
        )
        .help(format!(
            "Copy its words into a markdown file: chorus new story \"Its title\" makes a ready one, or save it as plain text named {fixed}.md."
        ));
    }
    problem(format!(
        "Chorus reads only markdown files (.md) in content/{folder}/, so it did not read this one."
    ))
    .help(format!(
        "Pictures and files for readers to download go in content/media/: move it to content/media/{}. If it is not part of the report, move it out of content/.",
        super::suggested_media_name(name)
    ))
}

/// Files that hosts ask for at a site's root, by these names.
fn is_host_file(name: &str) -> bool {
    matches!(
        name.to_lowercase().as_str(),
        "cname"
            | ".htaccess"
            | "_redirects"
            | "_headers"
            | "web.config"
            | "favicon.ico"
            | "robots.txt"
            | ".nojekyll"
            | "security.txt"
            | "humans.txt"
    )
}

/// Names that hold words: read if they were `.md`.
fn is_text(extension: &str) -> bool {
    matches!(
        extension.to_lowercase().as_str(),
        "md" | "markdown" | "mdown" | "txt" | "text"
    )
}

/// `My Story.MD` → (`My Story`, `MD`); a name without a `.` has no extension.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => (stem, extension),
        _ => (name, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_places_people_mean() {
        for (name, place) in [
            ("story", "stories"),
            ("Stories", "stories"),
            ("you_said_we_did", "you-said-we-did"),
            ("You said we did", "you-said-we-did"),
            ("tracker", "you-said-we-did"),
            ("Images", "media"),
            ("storeis", "stories"),
            ("site.TOML", "site.toml"),
        ] {
            assert_eq!(nearest_place(name), Some(place), "{name}");
        }
        assert_eq!(nearest_place("minutes"), None);
    }

    #[test]
    fn every_unread_file_gets_the_place_it_would_be_read() {
        assert_eq!(
            top_file("About.md").help.unwrap(),
            "A page of the report goes in content/pages/: move it to content/pages/about.md. A story goes in content/stories/."
        );
        assert_eq!(
            top_file("CNAME").help.unwrap(),
            "Files a web host asks for at the site's root go in content/static/: move it to content/static/CNAME."
        );
        assert_eq!(nearest_place("Public"), Some("static"));
        assert_eq!(
            top_file("site.toml.bak").help.unwrap(),
            "It looks like a spare copy of site.toml, which Chorus reads only by that name. Move the copy out of content/, to private/ for example, or delete it."
        );
        assert_eq!(
            top_file("notes.bak").help.unwrap(),
            "Chorus publishes no file of this kind, so it is not part of the site anywhere in content/. Move it out of content/, to private/ for example."
        );
        assert!(
            top_file("Plan 2025.PDF")
                .help
                .unwrap()
                .contains("content/media/plan-2025.pdf")
        );
        assert_eq!(
            not_markdown("stories", "My day.MD").help.unwrap(),
            "Rename it to my-day.md."
        );
        assert_eq!(
            not_markdown("stories", "notes.txt").help.unwrap(),
            "Rename it to notes.md."
        );
        assert!(
            not_markdown("stories", "Plan 2025.pdf")
                .help
                .unwrap()
                .contains("content/media/plan-2025.pdf")
        );
    }
}
