//! One list of every markdown source of the report, published or not, settings included, with
//! the report files each refers to, read once. Media and link checks read this list, so no
//! source can be forgotten by one of them.

use super::own_site::OwnSite;
use super::published::Published;
use super::references::{LinkAsWords, Reference, scan};
use crate::consent::Channel;
use crate::content::fields::At;
use crate::content::{Collection, Content};
use crate::source::{SourceFile, Text};
use rayon::prelude::*;

pub struct Source<'c> {
    /// The file, as messages name it: `content/stories/x.md`.
    pub file: &'c str,
    /// Where the markdown is: a file's text, read when needed, or a setting's value.
    pub origin: Origin<'c>,
    /// Whether any page of the website shows it.
    pub published: bool,
    /// A story with errors of its own in its settings: the build stops, so what it refers to
    /// is not held back or reported as left out because of it.
    pub broken: bool,
    /// Left out for good, or reported on its own: consent withdrawn, or a translation with
    /// nothing to translate. Nothing more is said about what it refers to.
    pub silent: bool,
    /// A story whose consent was withdrawn, or its translation.
    pub withdrawn: bool,
    /// The name of the story it is, or translates.
    pub story: Option<&'c str>,
    /// Files its settings name rather than its text: a story's `[image] src`, with where.
    pub named_files: Vec<&'c At<String>>,
    /// The report files its text refers to, as a browser would fetch them.
    pub references: Vec<Reference>,
    /// Links markdown could not read, left in the text as their raw words.
    pub links_as_words: Vec<LinkAsWords>,
}

pub enum Origin<'c> {
    /// A file's text after its settings: `base..end` of it.
    File {
        file: &'c SourceFile,
        base: usize,
        end: usize,
    },
    Setting(&'c str),
}

impl<'c> Source<'c> {
    /// The markdown. A file's is not held here, so that the build can let go of it once every
    /// check is made.
    pub fn text(&self) -> Text<'c> {
        match self.origin {
            Origin::File { file, base, end } => Text::Shared(file.text(), base..end),
            Origin::Setting(text) => Text::Borrowed(text),
        }
    }
}

pub fn every_source<'c>(
    content: &'c Content,
    published: &Published,
    own_site: &OwnSite,
) -> Vec<Source<'c>> {
    let mut sources = Vec::new();
    let document = |doc: &'c crate::content::Document, published: bool, silent: bool| Source {
        file: doc.file(),
        origin: Origin::File {
            file: &doc.source,
            base: doc.body.start,
            end: doc.body.end,
        },
        published,
        silent,
        withdrawn: false,
        story: None,
        broken: false,
        named_files: Vec::new(),
        references: Vec::new(),
        links_as_words: Vec::new(),
    };
    // Markdown written in a setting: an entry's, a rating's, the co-production description.
    // Each is published with the page that shows it.
    let setting = |file: &'c str, text: &'c str| Source {
        file,
        origin: Origin::Setting(text),
        published: true,
        silent: false,
        withdrawn: false,
        story: None,
        broken: false,
        named_files: Vec::new(),
        references: Vec::new(),
        links_as_words: Vec::new(),
    };
    for page in content.home.iter().chain(&content.pages) {
        sources.push(document(&page.document, true, false));
    }
    for story in &content.stories {
        let decision = published.story(&story.document.slug, Channel::Website);
        let withdrawn = decision.is_withdrawn();
        let mut source = document(&story.document, decision.is_publish(), withdrawn);
        source.named_files = story.image.iter().map(|i| &i.src).collect();
        source.broken = story.consent.unreadable;
        source.withdrawn = withdrawn;
        source.story = Some(&story.document.slug);
        sources.push(source);
    }
    for translation in &content.translations {
        let decision = published.translation(translation);
        let (collection, slug) = (translation.collection, &translation.document.slug);
        let original_withdrawn = collection == Collection::Stories
            && published.story(slug, Channel::Website).is_withdrawn();
        let silent = !published.exists(collection, slug) || original_withdrawn;
        let mut source = document(&translation.document, decision.is_publish(), silent);
        source.withdrawn = original_withdrawn;
        if collection == Collection::Stories {
            source.story = Some(slug);
        }
        sources.push(source);
    }
    // An entry's words are markdown too, and every entry is published.
    for entry in &content.entries {
        let notes = entry.updates.iter().filter_map(|u| u.note.as_ref());
        let texts = [&entry.we_did, &entry.reason, &entry.alternative]
            .into_iter()
            .flatten()
            .chain(notes)
            .chain([&entry.you_said]);
        for text in texts {
            sources.push(Source {
                broken: !entry.complete,
                ..setting(&entry.file, &text.value)
            });
        }
    }
    // A cycle's method and each rating's texts are markdown too, and every cycle is published.
    for cycle in &content.cycles {
        let ratings = cycle.ratings.iter().flat_map(|rating| {
            [
                &rating.commitment,
                &rating.what_is_working,
                &rating.what_needs_to_change,
            ]
        });
        for text in std::iter::once(&cycle.method).chain(ratings).flatten() {
            sources.push(setting(&cycle.file, &text.value));
        }
    }
    if let Some(description) = content
        .site
        .co_production
        .as_ref()
        .and_then(|c| c.description.as_ref())
    {
        sources.push(setting("content/site.toml", &description.value));
    }
    // Each text is read once, and the texts side by side.
    sources.par_iter_mut().for_each(|source| {
        let scanned = scan(&source.text(), own_site);
        source.references = scanned.references;
        // Links left as words are reported in files of markdown, not in settings.
        if matches!(source.origin, Origin::File { .. }) {
            source.links_as_words = scanned.links_as_words;
        }
    });
    sources
}
