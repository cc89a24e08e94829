//! Which media files go into the site. Media is copied as it is, except a file that only
//! unpublished stories use: a withdrawn story's picture must leave no trace either.

use crate::content::story::Story;
use crate::content::{Content, MediaFile};
use crate::diagnostics::Diagnostic;
use crate::markdown;
use std::collections::HashSet;

pub fn published_media<'c>(
    content: &'c Content,
    published: &[&Story],
) -> (Vec<&'c MediaFile>, Vec<Diagnostic>) {
    let published_files: HashSet<&str> = published.iter().map(|s| s.document.file()).collect();
    let mut used_by_published: HashSet<String> = HashSet::new();
    let mut used_by_unpublished: HashSet<String> = HashSet::new();
    for story in &content.stories {
        let mut paths = markdown::content_paths(story.document.body_text());
        paths.extend(story.image.iter().map(|i| i.src.value.clone()));
        if published_files.contains(story.document.file()) {
            used_by_published.extend(paths);
        } else {
            used_by_unpublished.extend(paths);
        }
    }
    for page in content.pages.iter().chain(&content.home) {
        used_by_published.extend(markdown::content_paths(page.document.body_text()));
    }
    let mut problems = Vec::new();
    let media = content
        .media
        .iter()
        .filter(|file| {
            let hidden =
                used_by_unpublished.contains(&file.path) && !used_by_published.contains(&file.path);
            if hidden {
                problems.push(
                    Diagnostic::note(
                        format!("content/{}", file.path),
                        "Left out: only stories that are not published use this file.",
                    )
                    .help("Nothing to do. It is published when a story that uses it is."),
                );
            }
            !hidden
        })
        .collect();
    (media, problems)
}
