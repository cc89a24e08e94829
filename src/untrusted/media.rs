//! Which kinds of file `content/media/` publishes. A media file comes from outside the
//! organisation like a story does, and it is copied as it is, never read, so it is judged by
//! its kind, which its name's ending gives: an allow-list of files a browser shows, plays or
//! hands to another program, and never runs itself. A web page (`.html`), an SVG picture, an
//! XML file or a script can carry a program; opened from the site, it would run as the site,
//! trusted as the council's own pages are. Chorus makes its own pages and charts, so the
//! report needs none of these from outside.
//!
//! Written by hand, since it is a list of names. SVG pictures are refused rather than cleaned:
//! no well-kept Rust crate cleans an SVG file to an allow-list as ammonia does HTML, and a
//! picture saved as PNG is what the group's tools make anyway.

use crate::diagnostics::Diagnostic;
use crate::rules;

/// Pictures a browser shows.
const PICTURES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif"];
/// Sound and video a browser plays, and captions for them.
const RECORDINGS: &[&str] = &[
    "mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac", "mp4", "m4v", "webm", "ogv", "mov",
    "vtt", "srt",
];
/// Documents a browser shows in its own viewer or hands to another program to open.
const DOCUMENTS: &[&str] = &[
    "pdf", "txt", "csv", "rtf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp",
    "epub", "zip",
];

/// Kinds a group is likely to try, each with its own way out.
const PICTURES_TO_SAVE_AGAIN: &[&str] = &["svg", "svgz", "bmp", "tif", "tiff", "heic", "ico"];
const WEB_PAGES: &[&str] = &["html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml"];

/// Whether a file of `content/media/` is of a kind Chorus publishes, by the end of its name
/// (`media/plan.PDF` is a PDF).
pub fn is_published(path: &str) -> bool {
    extension(path).is_some_and(|extension| {
        [PICTURES, RECORDINGS, DOCUMENTS]
            .iter()
            .any(|kinds| kinds.contains(&extension.as_str()))
    })
}

/// The error for a media file of a kind Chorus does not publish, named as the editor knows it
/// (`content/media/chart.svg`); `None` for a file it publishes.
pub fn refusal(path: &str, file: &str) -> Option<Diagnostic> {
    if is_published(path) {
        return None;
    }
    let extension = extension(path);
    let message = match &extension {
        Some(extension) => format!(
            "Chorus does not publish .{extension} files from media/: a file of this kind can carry a program that would run on the website."
        ),
        None => "This file's name does not end in a kind of file, such as .png or .pdf, so Chorus does not publish it: a browser could open it as a web page, with any program in it.".to_owned(),
    };
    let help = match extension.as_deref() {
        Some(e) if PICTURES_TO_SAVE_AGAIN.contains(&e) => format!(
            "Save the picture as .png or .jpg (most drawing and photo programs can), and write that name where a story or page shows it. {KINDS}"
        ),
        Some(e) if WEB_PAGES.contains(&e) => format!(
            "Write the page's words in markdown in content/pages/, or save it as .pdf, and link to that. {KINDS}"
        ),
        _ => format!(
            "Save it as a kind Chorus publishes, or move it to private/ if it is not for the website. {KINDS}"
        ),
    };
    Some(Diagnostic::error(rules::MEDIA_KIND_NOT_PUBLISHED, file, message).help(help))
}

/// The kinds Chorus publishes, as a message lists them.
const KINDS: &str = "Chorus publishes pictures (.png, .jpg, .gif, .webp, .avif), sound and video (.mp3, .m4a, .ogg, .wav, .mp4, .webm, with .vtt captions) and documents (.pdf, .docx, .odt, .xlsx, .ods, .pptx, .odp, .csv, .txt, .epub, .zip).";

/// The end of a file's name after its last `.`, in small letters; `None` when there is none.
fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && !extension.is_empty() => {
            Some(extension.to_ascii_lowercase())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_recordings_and_documents_are_published_whatever_their_letters() {
        for path in [
            "media/garden.png",
            "media/Jane at home.JPG",
            "media/2025/plan.pdf",
            "media/meeting.mp4",
            "media/meeting.en.vtt",
            "media/minutes.docx",
        ] {
            assert!(is_published(path), "{path}");
            assert!(refusal(path, path).is_none(), "{path}");
        }
    }

    #[test]
    fn what_could_run_as_the_site_is_refused_with_a_way_out() {
        for path in [
            "media/chart.svg",
            "media/page.html",
            "media/page.HTM",
            "media/feed.xml",
            "media/run.js",
            "media/readme",
            "media/.png",
            "media/archive.",
        ] {
            assert!(!is_published(path), "{path}");
        }
        let svg = refusal("media/chart.svg", "content/media/chart.svg").unwrap();
        assert_eq!(svg.rule.id, "media-kind-not-published");
        assert_eq!(
            svg.message,
            "Chorus does not publish .svg files from media/: a file of this kind can carry a program that would run on the website."
        );
        assert!(
            svg.help
                .unwrap()
                .starts_with("Save the picture as .png or .jpg")
        );
        let page = refusal("media/page.HTM", "content/media/page.HTM").unwrap();
        assert!(page.message.contains(".htm files"));
        assert!(
            page.help
                .unwrap()
                .starts_with("Write the page's words in markdown")
        );
        let unnamed = refusal("media/readme", "content/media/readme").unwrap();
        assert!(
            unnamed
                .message
                .starts_with("This file's name does not end in a kind of file")
        );
    }
}
