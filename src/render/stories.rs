//! The stories list and one page per published story, in each language.

use super::Job;
use super::frame::{Frame, Heading, PageFrame};
use crate::content::Collection;
use crate::content::story::{Role, Story};
use crate::plan::routes::Target;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use tera::{Context, TeraResult};

/// A story as lists show it. Built only from published stories, and never from `consent`.
///
/// A card is the same on every page of one language: the way to its story is written from the
/// site's root (`path`), and a template puts the page's `root` in front of it. So each story's
/// card is made once per language and shared by every list (`Site::story_card`).
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub title: String,
    /// The story's page, from the site's root: `stories/x.html`, or `cy/stories/x.html`.
    pub path: String,
    pub summary: String,
    pub storyteller: String,
    /// Told by "Anonymous": the page says "Told anonymously by a carer".
    pub anonymous: bool,
    /// Told by a group (`role = "group"`), whose name `storyteller` is: the page says "Told by
    /// the group Harrowdale Voices", not "Told by Harrowdale Voices, a group".
    pub group: bool,
    pub role: String,
    /// The role as it reads after "Told anonymously by": in Welsh, after "gan", with its
    /// first letter softened ("gan ofalwr", not "gan gofalwr"). A theme gives it as
    /// `role_after_by_<role>`; without one, it is `role`.
    pub role_after_by: String,
    pub date: String,
    pub date_iso: String,
    /// The language of the title and summary, when it is not the page's (a story not yet
    /// translated into the page's language).
    pub lang: Option<String>,
    /// Shown only by the preview: a draft or a story in review. Never true in a build.
    pub not_published: bool,
}

#[derive(Debug, Serialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
}

/// `stories.html`: every published story, newest first.
#[derive(Serialize)]
struct StoryList<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    stories: Vec<tera::Value>,
    /// The stories' details as open data, when consent lets any of them be there.
    csv_href: Option<String>,
    json_href: Option<String>,
}

/// `story.html`: one story.
#[derive(Serialize)]
struct StoryPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    story: Card,
    /// The story's text as safe HTML.
    body: String,
    content_note: Option<String>,
    image: Option<Image>,
    /// Its framework themes: each name, linked to the theme's evidence map.
    themes: Vec<super::frame::Link>,
    /// The themes' language when it is not the page's (the frameworks' names are English).
    themes_lang: Option<&'static str>,
    /// Where the co-production happened, in words.
    level: Option<String>,
    /// The "you said, we did" entries it names in `related`.
    entries: Vec<RelatedEntry>,
}

/// An entry a story is related to: its title, link and status.
#[derive(Serialize)]
struct RelatedEntry {
    title: String,
    href: String,
    status: super::tracker::StatusView,
}

/// A story's card in the page's language, as a template value: made for the whole language
/// by the first list that needs it, then shared.
pub fn card(job: &Job<'_>, story: &Story) -> tera::Value {
    job.frame.site.story_card(&job.frame, story)
}

/// Every published story's card in the page's language, by the story's name.
pub fn cards(frame: &PageFrame<'_>) -> HashMap<String, tera::Value> {
    frame
        .site
        .plan
        .stories
        .par_iter()
        .map(|story| {
            let card = tera::Value::from_serializable(&card_of(frame, story));
            (story.document.slug.clone(), card)
        })
        .collect()
}

/// A story as a card, in the page's language where it has been translated.
pub fn card_of(frame: &PageFrame<'_>, story: &Story) -> Card {
    let slug = &story.document.slug;
    let (path, lang) = frame
        .item(Collection::Stories, slug)
        .unwrap_or_else(|| (frame.path(Target::Story(slug)), None));
    let translation = frame
        .site
        .plan
        .translation(Collection::Stories, slug, frame.language());
    let title = title(frame, story);
    let summary = translation
        .and_then(|t| t.summary.clone())
        .unwrap_or_else(|| story.summary.clone());
    Card {
        title,
        path,
        summary,
        storyteller: story.storyteller.value.clone(),
        anonymous: story.storyteller.value.trim().is_empty()
            || story
                .storyteller
                .value
                .trim()
                .eq_ignore_ascii_case("anonymous"),
        group: story.role == Role::Group,
        role: frame.word(&format!("role_{}", story.role.id())),
        role_after_by: frame
            .word_if(&format!("role_after_by_{}", story.role.id()))
            .unwrap_or_else(|| frame.word(&format!("role_{}", story.role.id()))),
        date: frame.date(story.date),
        date_iso: story.date.to_string(),
        lang,
        not_published: matches!(
            frame
                .site
                .plan
                .published
                .story(slug, crate::consent::Channel::Website),
            crate::consent::Decision::Preview(_)
        ),
    }
}

/// A story's title in the page's language where it has been translated.
pub fn title(frame: &PageFrame<'_>, story: &Story) -> String {
    frame
        .site
        .plan
        .translation(Collection::Stories, &story.document.slug, frame.language())
        .and_then(|t| t.title.as_ref())
        .map_or_else(|| story.title.value.clone(), |t| t.value.clone())
}

pub fn list(job: &mut Job<'_>) -> TeraResult<Context> {
    let stories = job
        .frame
        .site
        .plan
        .stories
        .iter()
        .map(|s| card(job, s))
        .collect();
    let open_data = job.frame.site.plan.open_data_stories().next().is_some();
    let href = |path| open_data.then(|| job.frame.href_to(path));
    let csv_href = href(crate::render::data::STORIES_CSV);
    let json_href = href(crate::render::data::STORIES_JSON);
    let frame = job.frame.own_page("stories");
    job.add_text(&frame.title);
    job.context(&StoryList {
        frame,
        stories,
        csv_href,
        json_href,
    })
}

pub fn story(job: &mut Job<'_>, slug: &str) -> TeraResult<Context> {
    let plan = job.frame.site.plan;
    let Some(story) = plan.story(slug) else {
        return Err(tera::Error::message(format!("no published story {slug}")));
    };
    let translation = plan.translation(Collection::Stories, slug, job.frame.language());
    let card = card_of(&job.frame, story);
    let document = translation.map_or(&story.document, |t| &t.document);
    job.add_text(&card.title);
    let body = job.document(document, &card.title);
    let frame = &job.frame;
    let image = story.image.as_ref().map(|image| Image {
        src: frame.href_to(&image.src.value),
        alt: if image.decorative {
            String::new()
        } else {
            translation
                .and_then(|t| t.image_alt.clone())
                .or_else(|| image.alt.clone())
                .unwrap_or_default()
        },
        caption: translation
            .and_then(|t| t.image_caption.clone())
            .or_else(|| image.caption.clone()),
    });
    let themes = story
        .themes
        .iter()
        .filter_map(|t| frame.site.frameworks.theme(&t.value))
        .map(|t| super::frame::Link {
            label: t.name.clone(),
            href: frame.href(Target::Theme(&t.id)),
            current: false,
            lang: None,
        })
        .collect();
    let page = StoryPage {
        frame: frame.frame(Heading {
            title: card.title.clone(),
            description: card.summary.clone(),
            trail: vec![Target::Home, Target::StoryList],
        }),
        body,
        content_note: translation
            .and_then(|t| t.content_note.clone())
            .or_else(|| story.content_note.clone()),
        image,
        themes,
        themes_lang: frame.frameworks_lang(),
        level: story
            .level
            .map(|l| frame.word(&format!("level_{}", l.id()))),
        entries: story
            .related
            .iter()
            .filter_map(|id| plan.tracker.entry(&id.value))
            .map(|entry| RelatedEntry {
                title: entry.title.value.clone(),
                href: frame.href(Target::Entry(&entry.slug)),
                status: super::tracker::status_view(frame, entry.status.value),
            })
            .collect(),
        story: card,
    };
    job.context(&page)
}
