//! The report file a link most likely meant, whatever the case, extension, spaces or `../` it
//! was written with: `My new day centre`, `../Stories/My-New-Day-Centre.html` and
//! `stories/my-new-day-centre` all lead to `stories/my-new-day-centre.md`.

use crate::content::fields::nearest;

/// The file of `files` (paths from `content/`) that `wanted` most likely names, if any is close.
pub fn nearest_file<'f>(wanted: &str, files: &'f [String]) -> Option<&'f str> {
    let (wanted_folder, wanted_stem) = parts(wanted);
    if wanted_stem.is_empty() {
        return None;
    }
    let candidates: Vec<(&str, String, String)> = files
        .iter()
        .map(|f| {
            let (folder, stem) = parts(f);
            (f.as_str(), folder, stem)
        })
        .collect();
    let same_folder = |folder: &str| wanted_folder.is_empty() || folder == wanted_folder;
    // The same name, in the folder written (or anywhere when none was).
    if let Some((file, _, _)) = candidates
        .iter()
        .find(|(_, folder, stem)| *stem == wanted_stem && same_folder(folder))
        .or_else(|| candidates.iter().find(|(_, _, stem)| *stem == wanted_stem))
    {
        return Some(file);
    }
    // A name one or two slips away.
    let stems: Vec<&str> = candidates
        .iter()
        .filter(|(_, folder, _)| same_folder(folder))
        .map(|(_, _, stem)| stem.as_str())
        .collect();
    let near = nearest(&wanted_stem, &stems)?;
    candidates
        .iter()
        .find(|(_, folder, stem)| stem == near && same_folder(folder))
        .map(|(file, _, _)| *file)
}

/// The file of the report a link to a missing file most likely meant, as the link's message
/// must speak of it: a story that is not published is told as such, since a link written as its
/// path would still be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meant<'f> {
    /// No file is close.
    Nothing,
    /// A file the link would lead to, written as its path.
    File(&'f str),
    /// A story, or a story's translation, that is not published (`withdrawn`: its storyteller
    /// withdrew their consent).
    LeftOutStory { path: &'f str, withdrawn: bool },
}

impl<'f> Meant<'f> {
    /// The file a link would lead to, written as its path, if that is what it meant.
    pub fn file(self) -> Option<&'f str> {
        match self {
            Meant::File(file) => Some(file),
            _ => None,
        }
    }
}

/// What to do about a link to a story whose consent was withdrawn: take it out whole.
pub fn withdrawn_story_help(noun: &str) -> String {
    format!(
        "Take out the whole {noun}, its words as well as its address, and any words near it about the story or the person who told it: a withdrawn story must leave no trace on the site."
    )
}

/// What to do about a link to a missing file that most likely meant `path`, a story not
/// published yet: write it as the story's path, which works once the story is published.
pub fn left_out_story_help(noun: &str, path: &str) -> String {
    format!(
        "Write its address as {path}: the {noun} then works once that story is published. If it will not be, take the {noun} out."
    )
}

/// What to do about a link or picture to `wanted`, which is not a file of the report: add
/// `https://` to a web address, or use the file it most likely meant.
pub fn missing_file_help(wanted: &str, nearest: Option<&str>) -> String {
    if looks_like_a_web_address(wanted) {
        return format!(
            "If it is a website, add https:// before it: https://{}",
            wanted.trim_start_matches('/')
        );
    }
    match nearest {
        Some(file) => format!(
            "Did you mean {file}? Write the file's path from the content folder, as the file is named there."
        ),
        None => no_such_file_help(wanted),
    }
}

/// What to do about a path that is like no file of the report: put a picture or a download
/// where its path says, or write the path from the content folder.
fn no_such_file_help(wanted: &str) -> String {
    let name = wanted.rsplit('/').next().unwrap_or(wanted);
    match wanted.split_once('/') {
        Some(("media", _)) => format!(
            "If the file is not in the report yet, put it in the content/media folder, named {name}. If it is there, check the spelling of its name."
        ),
        Some((folder @ ("stories" | "pages"), _)) => format!(
            "Check the spelling. If {name} is not in the report yet, add it to content/{folder}, or take the link out."
        ),
        _ if !name.ends_with(".md") && name.contains('.') => format!(
            "Pictures and files to download go in the content/media folder: put it there, and write its path from the content folder, media/{name}."
        ),
        _ => "Write the file's path from the content folder, such as stories/a-story.md or pages/about.md, and check the spelling.".to_owned(),
    }
}

/// `www.example.org`, `example.gov.uk/page`: an address without its `https://`.
fn looks_like_a_web_address(wanted: &str) -> bool {
    let host = wanted
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let top_level = host.rsplit('.').next().unwrap_or_default();
    host.starts_with("www.")
        || (host.contains('.')
            && !host.contains(' ')
            && matches!(
                top_level,
                "uk" | "org"
                    | "com"
                    | "net"
                    | "gov"
                    | "wales"
                    | "cymru"
                    | "scot"
                    | "info"
                    | "nhs"
                    | "ie"
                    | "eu"
            ))
}

/// A path's folder from `content/` (`stories`) and its name as a web address would have it,
/// without its extension: `../Stories/My New Day Centre.HTML` → (`stories`, `my-new-day-centre`).
fn parts(path: &str) -> (String, String) {
    let path = path.split(['#', '?']).next().unwrap_or_default();
    let segments: Vec<&str> = path
        .split(['/', '\\'])
        .filter(|s| !s.is_empty() && *s != "." && *s != ".." && *s != "content")
        .collect();
    let Some(last) = segments.last() else {
        return (String::new(), String::new());
    };
    let folder = if segments.len() > 1 {
        segments[0].to_lowercase()
    } else {
        String::new()
    };
    let stem = match last.rsplit_once('.') {
        Some((stem, extension))
            if matches!(
                extension.to_lowercase().as_str(),
                "md" | "html" | "htm" | "markdown" | "txt"
            ) =>
        {
            stem
        }
        _ => last,
    };
    let stem = crate::content::suggested_name(stem);
    (folder, stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_file_however_it_is_written() {
        let files: Vec<String> = [
            "stories/my-new-day-centre.md",
            "pages/about.md",
            "media/garden.jpg",
            "index.md",
        ]
        .map(String::from)
        .to_vec();
        for wanted in [
            "My new day centre",
            "../Stories/My-New-Day-Centre.html",
            "stories/my-new-day-centre",
            "stories/my-new-day-center.md",
            "STORIES/MY_NEW_DAY_CENTRE.MD",
        ] {
            assert_eq!(
                nearest_file(wanted, &files),
                Some("stories/my-new-day-centre.md"),
                "{wanted}"
            );
        }
        assert_eq!(
            nearest_file("media/Garden.JPG", &files),
            Some("media/garden.jpg")
        );
        assert_eq!(nearest_file("about", &files), Some("pages/about.md"));
        assert_eq!(nearest_file("stories/zebra.md", &files), None);
    }

    #[test]
    fn a_web_address_without_its_scheme_is_told_to_add_it() {
        assert_eq!(
            missing_file_help("www.example.org", None),
            "If it is a website, add https:// before it: https://www.example.org"
        );
        assert!(
            missing_file_help("council.gov.uk/care", None).contains("https://council.gov.uk/care")
        );
        assert_eq!(
            missing_file_help("media/garden.jpg", None),
            "If the file is not in the report yet, put it in the content/media folder, named garden.jpg. If it is there, check the spelling of its name."
        );
        assert_eq!(
            missing_file_help("stories/a.md", None),
            "Check the spelling. If a.md is not in the report yet, add it to content/stories, or take the link out."
        );
        assert_eq!(
            missing_file_help("garden.jpg", None),
            "Pictures and files to download go in the content/media folder: put it there, and write its path from the content folder, media/garden.jpg."
        );
        assert!(missing_file_help("a story", None).starts_with("Write the file's path"));
    }
}
