//! The stories list and one page per published story.

use super::frame::PageMeta;
use super::{Job, Site, routes};
use crate::content::story::Story;
use crate::diagnostics::Diagnostic;
use serde::Serialize;

/// A story as lists show it. Built only from published stories, and never from `consent`.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub title: String,
    pub href: String,
    pub summary: String,
    pub storyteller: String,
    pub role: String,
    pub date: String,
    pub date_iso: String,
}

#[derive(Debug, Serialize)]
struct Image {
    src: String,
    alt: String,
    caption: Option<String>,
}

pub fn card(site: &Site<'_>, story: &Story, from: &str) -> Card {
    Card {
        title: story.title.value.clone(),
        href: routes::relative(from, &routes::story(&story.document.slug)),
        summary: story.summary.clone(),
        storyteller: story.storyteller.clone(),
        role: site.frame.word(&format!("role_{}", story.role.id())),
        date: site.frame.date(story.date),
        date_iso: story.date.to_string(),
    }
}

pub fn list(site: &Site<'_>) -> Vec<Job> {
    let path = routes::STORIES;
    let mut context = site.frame.own_page(path, "stories");
    let cards: Vec<Card> = site.stories.iter().map(|s| card(site, s, path)).collect();
    context.insert("stories", &cards);
    vec![Job {
        path: path.to_owned(),
        template: "stories.html",
        context,
    }]
}

pub fn each(site: &Site<'_>, problems: &mut Vec<Diagnostic>) -> Vec<Job> {
    site.stories
        .iter()
        .map(|story| {
            let path = routes::story(&story.document.slug);
            let body = site.markdown(&story.document, &path, problems);
            let meta = PageMeta {
                path: &path,
                title: &story.title.value,
                description: &story.summary,
                trail: vec![
                    (site.frame.word("nav_home"), routes::HOME.to_owned()),
                    (site.frame.word("nav_stories"), routes::STORIES.to_owned()),
                ],
                link_base: None,
            };
            let mut context = site.frame.context(&meta);
            context.insert("story", &card(site, story, &path));
            context.insert("body", &body);
            context.insert("content_note", &story.content_note);
            let image = story.image.as_ref().map(|image| Image {
                src: routes::relative(&path, &image.src.value),
                alt: if image.decorative {
                    String::new()
                } else {
                    image.alt.clone().unwrap_or_default()
                },
                caption: image.caption.clone(),
            });
            context.insert("image", &image);
            let themes: Vec<String> = story
                .themes
                .iter()
                .filter_map(|t| site.frameworks.theme(&t.value))
                .map(|t| t.name.clone())
                .collect();
            context.insert("themes", &themes);
            let level = story
                .level
                .map(|l| site.frame.word(&format!("level_{}", l.id())));
            context.insert("level", &level);
            Job {
                path,
                template: "story.html",
                context,
            }
        })
        .collect()
}
