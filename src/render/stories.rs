//! The stories list and one page per published story.

use super::frame::PageMeta;
use super::{Job, Site, routes};
use crate::content::TRANSLATION_LANGUAGE;
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
        href: routes::relative(from, &routes::story(&story.document.id())),
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

/// A link to the same story in another language, written in that language.
#[derive(Debug, Clone, Serialize)]
struct OtherLanguage {
    lang: String,
    href: String,
    label: String,
}

/// Every story's page, and each Welsh translation's page with the theme's words in Welsh.
/// Each links to the other.
pub fn each_with_translations(
    site: &Site<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Result<Vec<Job>, Diagnostic> {
    let content = site.frame.content;
    let translations = site.translations;
    let mut jobs = Vec::new();
    if translations.is_empty() {
        jobs.extend(each(site, site.stories, &|_| None, problems));
        return Ok(jobs);
    }
    let welsh_strings = site.theme.strings(TRANSLATION_LANGUAGE)?;
    let read_in = |strings| super::frame::word(strings, "story_read_in_this_language");
    let (to_welsh, to_original) = (read_in(&welsh_strings), read_in(site.strings()));
    jobs.extend(each(
        site,
        site.stories,
        &|story| {
            let translation = translations
                .iter()
                .find(|t| t.document.slug == story.document.slug)?;
            Some((*translation, TRANSLATION_LANGUAGE, to_welsh.clone()))
        },
        problems,
    ));
    let welsh_frame = site.frame.in_language(TRANSLATION_LANGUAGE, &welsh_strings);
    let welsh_site = Site {
        frame: &welsh_frame,
        ..*site
    };
    jobs.extend(each(
        &welsh_site,
        translations,
        &|translation| {
            let original = crate::consent::original(translation, &content.stories)?;
            Some((
                original,
                content.site.language.as_str(),
                to_original.clone(),
            ))
        },
        problems,
    ));
    Ok(jobs)
}

/// The same story in another language: the story, its language and the link's words.
type Counterpart<'a> = dyn Fn(&Story) -> Option<(&'a Story, &'a str, String)> + 'a;

fn each(
    site: &Site<'_>,
    stories: &[&Story],
    counterpart: &Counterpart<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Job> {
    stories
        .iter()
        .map(|story| {
            let path = routes::story(&story.document.id());
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
            // The frameworks' names are English, whatever the page's language.
            let themes_lang = (!site.frame.language.starts_with("en")).then_some("en");
            context.insert("themes_lang", &themes_lang);
            let level = story
                .level
                .map(|l| site.frame.word(&format!("level_{}", l.id())));
            context.insert("level", &level);
            let other = counterpart(story).map(|(other, lang, label)| OtherLanguage {
                lang: lang.to_owned(),
                href: routes::relative(&path, &routes::story(&other.document.id())),
                label,
            });
            context.insert("other_language", &other);
            Job {
                path,
                template: "story.html",
                context,
            }
        })
        .collect()
}
