//! Every output path, and every link between pages, made in one place. All links are relative,
//! so the site works from any folder of any host and when opened from disk.

use std::collections::HashSet;

/// Names Chorus uses for its own pages and folders; a free page can't take them.
pub const RESERVED_NAMES: &[&str] = &[
    "index",
    "stories",
    "accessibility",
    "site-map",
    "404",
    "assets",
    "media",
    "data",
    "you-said-we-did",
    "assessment",
    "themes",
    "feed",
    "sitemap",
];

pub const HOME: &str = "index.html";
pub const STORIES: &str = "stories/index.html";
pub const ACCESSIBILITY: &str = "accessibility.html";
pub const SITE_MAP: &str = "site-map.html";
pub const NOT_FOUND: &str = "404.html";

pub fn story(slug: &str) -> String {
    format!("stories/{slug}.html")
}

pub fn page(slug: &str) -> String {
    format!("{slug}.html")
}

pub fn asset(name: &str) -> String {
    format!("assets/{name}")
}

/// The link from the page at `from` to the file at `to`, both paths from the site's root.
pub fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect::<Vec<_>>();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let shared = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len() - 1);
    let mut link = "../".repeat(from_dirs.len() - shared);
    link.push_str(&to_parts[shared..].join("/"));
    link
}

/// The way from a page back to the site's root: "" or "../".
pub fn root_of(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// What a link to a report file (`stories/x.md`, `media/plan.pdf`) turns into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Href(String),
    /// The story exists but is not published; the link must not be made.
    Unpublished,
    Missing,
}

/// The files a link may point at, known once the stage has decided what is published.
#[derive(Debug, Default)]
pub struct Links {
    pub published_stories: HashSet<String>,
    pub all_stories: HashSet<String>,
    pub pages: HashSet<String>,
    pub media: HashSet<String>,
}

impl Links {
    pub fn resolve(&self, from: &str, path: &str, fragment: Option<&str>) -> Resolved {
        let target = if path == "index.md" || path.is_empty() {
            Some(HOME.to_owned())
        } else if let Some(slug) = path
            .strip_prefix("stories/")
            .and_then(|p| p.strip_suffix(".md"))
        {
            if self.published_stories.contains(slug) {
                Some(story(slug))
            } else if self.all_stories.contains(slug) {
                return Resolved::Unpublished;
            } else {
                None
            }
        } else if let Some(slug) = path
            .strip_prefix("pages/")
            .and_then(|p| p.strip_suffix(".md"))
        {
            self.pages.contains(slug).then(|| page(slug))
        } else if self.media.contains(path) {
            Some(path.to_owned())
        } else {
            None
        };
        match target {
            Some(target) => {
                let mut href = if path.is_empty() {
                    String::new()
                } else {
                    relative(from, &target)
                };
                if let Some(fragment) = fragment {
                    href.push('#');
                    href.push_str(fragment);
                }
                Resolved::Href(href)
            }
            None => Resolved::Missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(relative("stories/a.html", "index.html"), "../index.html");
        assert_eq!(relative("stories/a.html", "stories/b.html"), "b.html");
        assert_eq!(relative("index.html", "stories/b.html"), "stories/b.html");
        assert_eq!(
            relative("stories/a.html", "media/x/y.jpg"),
            "../media/x/y.jpg"
        );
        assert_eq!(relative("index.html", "index.html"), "index.html");
        assert_eq!(root_of("stories/a.html"), "../");
        assert_eq!(root_of("index.html"), "");
    }

    #[test]
    fn a_link_to_an_unpublished_story_is_not_made() {
        let links = Links {
            published_stories: ["a".into()].into(),
            all_stories: ["a".into(), "b".into()].into(),
            ..Links::default()
        };
        assert_eq!(
            links.resolve("about.html", "stories/a.md", None),
            Resolved::Href("stories/a.html".into())
        );
        assert_eq!(
            links.resolve("about.html", "stories/b.md", None),
            Resolved::Unpublished
        );
        assert_eq!(
            links.resolve("about.html", "stories/c.md", None),
            Resolved::Missing
        );
    }
}
