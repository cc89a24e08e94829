//! The plan stage, between load and render: it reads `Content` once and decides, without
//! rendering anything, what the site will be:
//!
//! - `published`: what is published on each channel (website, feed, open data, print);
//! - `routes`: where every file of the report goes, or that it is not published;
//! - `media`: which media files are copied, from one list of every markdown source;
//! - `pages`: one entry per page, in every language.
//!
//! Check reads the plan for its notes; render and every later output read it, never the
//! consent fields.

pub mod assessment;
pub mod languages;
pub mod nearest;
pub mod own_site;
pub mod pages;
pub mod published;
pub mod references;
pub mod routes;
pub mod sources;
pub mod tracker;

use crate::consent::Channel;
use crate::content::page::Page;
use crate::content::story::Story;
use crate::content::translation::Translation;
use crate::content::{Collection, Content, MediaFile};
use crate::diagnostics::Diagnostic;
use crate::framework::Frameworks;
use crate::rules;
use jiff::civil::Date;
use languages::Languages;
use pages::PagePlan;
use published::Published;
use routes::Routes;
use std::collections::{HashMap, HashSet};

pub struct Plan<'c> {
    pub content: &'c Content,
    pub languages: Languages,
    pub published: Published,
    pub routes: Routes,
    /// Media files to copy into the site.
    pub media: Vec<&'c MediaFile>,
    pub pages: Vec<PagePlan>,
    /// Stories published on the website, newest first.
    pub stories: Vec<&'c Story>,
    /// Free pages in their order.
    pub free_pages: Vec<&'c Page>,
    /// "You said, we did": the entries and their pages.
    pub tracker: tracker::Tracker<'c>,
    /// Assessment cycles, and the evidence map of every theme and statement.
    pub assessment: assessment::Assessment<'c>,
    /// Every markdown source, published or not, with what it refers to.
    pub sources: Vec<sources::Source<'c>>,
    /// Published stories by name.
    stories_by_name: HashMap<&'c str, &'c Story>,
    /// Published translations, by collection, original's name and language.
    translations: HashMap<(Collection, String, usize), &'c Translation>,
    /// What planning has to say: media held back.
    pub findings: Vec<Diagnostic>,
    /// Media files a story whose consent was withdrawn uses, published all the same because a
    /// published page uses them too: check says so at the story.
    pub withdrawn_files_published: Vec<StillPublished<'c>>,
    /// The day the site is made for: pages that are not stories say they were last updated
    /// on it.
    pub today: Date,
}

/// Whom the plan is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The published site, as `chorus build` writes it.
    Publish,
    /// The preview `chorus serve` shows: the published site, and the stories that consent
    /// allows but whose status is draft or review, each marked as not published. Nothing else
    /// that consent leaves out is shown.
    Preview,
}

/// The plan of the published site.
pub fn plan<'c>(content: &'c Content, frameworks: &Frameworks, today: Date) -> Plan<'c> {
    plan_for(content, frameworks, today, Mode::Publish)
}

pub fn plan_for<'c>(
    content: &'c Content,
    frameworks: &Frameworks,
    today: Date,
    mode: Mode,
) -> Plan<'c> {
    let languages = Languages::of(&content.site);
    let published = Published::decide(content, &languages, today, mode);
    let routes = Routes::new(content, &languages, &published);
    let sources = sources::every_source(content, &published, routes.own_site());
    let (media, findings, withdrawn_files_published) = media(content, &sources);
    let routes = routes.with_media(media.iter().map(|m| m.path.as_str()));

    let mut stories: Vec<&Story> = content
        .stories
        .iter()
        .filter(|s| {
            published
                .story(&s.document.slug, Channel::Website)
                .is_publish()
        })
        .collect();
    stories.sort_by(|a, b| b.date.cmp(&a.date).then(a.title.value.cmp(&b.title.value)));
    let stories_by_name = stories
        .iter()
        .map(|s| (s.document.slug.as_str(), *s))
        .collect();
    let tracker = tracker::Tracker::new(&content.entries, &stories, frameworks);
    let assessment = assessment::Assessment::new(&content.cycles, &stories, &tracker, frameworks);
    let mut links: HashMap<&str, Vec<&str>> = HashMap::new();
    for source in &sources {
        if let Some(file) = source.file.strip_prefix("content/")
            && !source.references.is_empty()
        {
            let paths = source.references.iter().map(|r| r.path.as_str());
            links.entry(file).or_default().extend(paths);
        }
    }
    let shown = pages::Shown {
        stories: &stories,
        links,
    };
    let pages = pages::plan_pages(
        content,
        &languages,
        &routes,
        &published,
        &shown,
        &tracker,
        &assessment,
    );
    let mut free_pages: Vec<&Page> = content.pages.iter().collect();
    free_pages.sort_by(|a, b| {
        a.order
            .cmp(&b.order)
            .then(a.title.value.cmp(&b.title.value))
    });
    let translations = content
        .translations
        .iter()
        .filter(|t| published.translation(t).is_publish())
        .filter_map(|t| {
            let language = languages.find(t.language())?;
            Some(((t.collection, t.document.slug.clone(), language), t))
        })
        .collect();
    Plan {
        content,
        languages,
        published,
        routes,
        media,
        pages,
        stories,
        free_pages,
        tracker,
        assessment,
        sources,
        stories_by_name,
        translations,
        findings,
        withdrawn_files_published,
        today,
    }
}

impl Plan<'_> {
    /// The full address of a file of the site, when the report has its `base_url`: the home
    /// page is the address itself.
    pub fn address(&self, path: &str) -> Option<String> {
        let base = self.content.site.base_url.as_ref()?;
        Some(if path == "index.html" {
            base.clone()
        } else {
            format!("{base}{path}")
        })
    }

    /// The feeds the site has: none without a `base_url` (a feed reader needs full
    /// addresses); the stories' always, and the tracker's when there are entries.
    pub fn feeds(&self) -> Vec<routes::Feed> {
        if self.content.site.base_url.is_none() {
            return Vec::new();
        }
        let mut feeds = vec![routes::Feed::Stories];
        if !self.tracker.is_empty() {
            feeds.push(routes::Feed::TrackerUpdates);
        }
        feeds
    }

    /// The published stories whose consent also covers feeds, newest first.
    pub fn feed_stories(&self) -> impl Iterator<Item = &Story> {
        self.stories.iter().copied().filter(|story| {
            self.published
                .story(&story.document.slug, Channel::Feed)
                .is_publish()
        })
    }

    /// The published stories whose consent also covers open data, newest first.
    pub fn open_data_stories(&self) -> impl Iterator<Item = &Story> {
        self.stories.iter().copied().filter(|story| {
            self.published
                .story(&story.document.slug, Channel::OpenData)
                .is_publish()
        })
    }

    /// A story published on the website, by its name.
    pub fn story(&self, slug: &str) -> Option<&Story> {
        self.stories_by_name.get(slug).copied()
    }

    /// The stories this plan leaves out of the website, each with why, and the paths its page
    /// would have in each of the site's languages: a site made before, which may have had
    /// them, goes on showing what it has until it is replaced.
    pub fn left_out_story_pages(&self) -> Vec<(crate::consent::Decision, String)> {
        self.content
            .stories
            .iter()
            .map(|story| {
                let slug = story.document.slug.as_str();
                (self.published.story(slug, Channel::Website), slug)
            })
            .filter(|(decision, _)| !decision.is_publish())
            .flat_map(|(decision, slug)| {
                (0..self.languages.len()).map(move |language| {
                    (
                        decision,
                        self.routes.path(routes::Target::Story(slug), language),
                    )
                })
            })
            .collect()
    }

    /// The published translation of a file into a language, if there is one.
    pub fn translation(
        &self,
        collection: Collection,
        slug: &str,
        language: usize,
    ) -> Option<&Translation> {
        self.translations
            .get(&(collection, slug.to_owned(), language))
            .copied()
    }
}

/// A media file that a story whose consent was withdrawn (or its translation) uses, and that
/// is published all the same, because a published page uses it too: one for each story and
/// file.
#[derive(Debug, Clone)]
pub struct StillPublished<'c> {
    /// The withdrawn story's file, or its translation's when only the translation uses it.
    pub file: &'c str,
    /// The withdrawn story's name.
    pub story: &'c str,
    /// The media file, from `content/`: `media/keys.png`.
    pub path: &'c str,
    /// Whether the story shows it as a picture (its `[image]`, or a picture in its text).
    pub picture: bool,
    /// Where the story uses it: its `[image] src`, or the picture or link in its text.
    pub location: crate::diagnostics::Location,
    /// The published files that use it, in the order of the sources.
    pub used_by: Vec<&'c str>,
}

/// A media file is held back when a source that is left out refers to it and no published
/// source does, compared as a browser on a case-insensitive host would ask for it.
fn media<'c>(
    content: &'c Content,
    sources: &[sources::Source<'c>],
) -> (Vec<&'c MediaFile>, Vec<Diagnostic>, Vec<StillPublished<'c>>) {
    let mut used_by_published: HashMap<String, Vec<&'c str>> = HashMap::new();
    let mut used_by_left_out: HashSet<String> = HashSet::new();
    // Left out for good: a story whose consent was withdrawn.
    let mut used_by_withdrawn: HashSet<String> = HashSet::new();
    for source in sources {
        let named =
            source.named_files.iter().filter_map(
                |named| match crate::untrusted::address::classify(&named.value) {
                    crate::untrusted::address::Address::Content { path, .. } => Some(path),
                    _ => None,
                },
            );
        let used = (source.references.iter().map(|r| r.path.to_lowercase()))
            .chain(named.map(|path| path.to_lowercase()));
        if source.published || source.broken {
            for key in used {
                let users = used_by_published.entry(key).or_default();
                // A source's uses come together, and so do the sources of one file.
                if source.published && users.last() != Some(&source.file) {
                    users.push(source.file);
                }
            }
        } else {
            let used: Vec<String> = used.collect();
            if source.withdrawn {
                used_by_withdrawn.extend(used.iter().cloned());
            }
            used_by_left_out.extend(used);
        }
    }
    let still_published = still_published(content, sources, &used_by_published);
    let mut findings = Vec::new();
    let media = content
        .media
        .iter()
        .filter(|file| {
            let key = file.path.to_lowercase();
            let hidden = used_by_left_out.contains(&key) && !used_by_published.contains_key(&key);
            if hidden {
                findings.push(
                    Diagnostic::note(
                        rules::FILE_ONLY_FOR_UNPUBLISHED,
                        format!("content/{}", file.path),
                        "Left out: only stories that are not published use this file.",
                    )
                    .help(if used_by_withdrawn.contains(&key) {
                        "Nothing to do for the website. A story whose consent was withdrawn uses it: move it to private/ or delete it with the story, when your consent register says so."
                    } else {
                        "Nothing to do. It is published when a story that uses it is."
                    }),
                );
            }
            !hidden
        })
        .collect();
    (media, findings, still_published)
}

/// Each media file that a withdrawn story (or its translation) uses, and a published page uses
/// as well, with where the story uses it. Stories are looked up only for such a file, which is
/// rare, so a large report pays nothing for it.
fn still_published<'c>(
    content: &'c Content,
    sources: &[sources::Source<'c>],
    used_by_published: &HashMap<String, Vec<&'c str>>,
) -> Vec<StillPublished<'c>> {
    let withdrawn: Vec<&sources::Source<'c>> = sources
        .iter()
        .filter(|s| s.withdrawn && !s.published)
        .collect();
    if withdrawn.is_empty() {
        return Vec::new();
    }
    let media: HashMap<String, &'c str> = content
        .media
        .iter()
        .map(|m| (m.path.to_lowercase(), m.path.as_str()))
        .collect();
    let shared = |path: &str| {
        let key = path.to_lowercase();
        let users = used_by_published.get(&key).filter(|u| !u.is_empty())?;
        Some((*media.get(&key)?, users.clone()))
    };
    let mut found: Vec<StillPublished<'c>> = Vec::new();
    let add = |found: &mut Vec<StillPublished<'c>>, item: StillPublished<'c>| {
        let known = found
            .iter()
            .any(|f| f.story == item.story && f.path == item.path);
        if !known {
            found.push(item);
        }
    };
    // Stories come before translations: a picture both use is told once, at the story.
    for source in withdrawn {
        let Some(story) = source.story else { continue };
        for named in &source.named_files {
            let crate::untrusted::address::Address::Content { path, .. } =
                crate::untrusted::address::classify(&named.value)
            else {
                continue;
            };
            let Some((path, used_by)) = shared(&path) else {
                continue;
            };
            let image = content
                .stories
                .iter()
                .find(|s| s.document.slug == story)
                .and_then(|s| s.image.as_ref());
            let Some(image) = image else { continue };
            let item = StillPublished {
                file: source.file,
                story,
                path,
                picture: true,
                location: image.src.location(),
                used_by,
            };
            add(&mut found, item);
        }
        let sources::Origin::File { file, base, .. } = source.origin else {
            continue;
        };
        for reference in &source.references {
            let Some((path, used_by)) = shared(&reference.path) else {
                continue;
            };
            let range = base + reference.range.start..base + reference.range.end;
            let item = StillPublished {
                file: source.file,
                story,
                path,
                picture: reference.picture,
                location: file.location(range),
                used_by,
            };
            add(&mut found, item);
        }
    }
    found
}
