//! What is published where: one decision per item and channel, made once by the consent rule.
//! Check reads it to tell the editing group; render and every other output read it, never the
//! consent fields.

use super::Mode;
use super::languages::Languages;
use crate::consent::{self, CHANNELS, Channel, Decision, Reason};
use crate::content::translation::Translation;
use crate::content::{Collection, Content};
use crate::diagnostics::thousands;
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};

/// A story's decision on each channel, in the order of `CHANNELS`.
type Decisions = [Decision; CHANNELS.len()];

#[derive(Debug, Default)]
pub struct Published {
    stories: HashMap<String, Decisions>,
    /// The free pages' names: a free page is always published on the website.
    pages: HashSet<String>,
    /// By collection, original's name and the translation's language ending (`cy`).
    translations: HashMap<(Collection, String, String), Decision>,
}

impl Published {
    /// In `Mode::Preview`, a story that consent allows on the website but whose status holds it
    /// back is shown there as `Decision::Preview`; nothing else changes.
    pub fn decide(content: &Content, languages: &Languages, today: Date, mode: Mode) -> Published {
        let stories: HashMap<String, Decisions> = content
            .stories
            .iter()
            .map(|story| {
                let decisions = CHANNELS.map(|channel| {
                    match (consent::decide(story, today, channel), channel, mode) {
                        (
                            Decision::LeaveOut(Reason::NotReady(status)),
                            Channel::Website,
                            Mode::Preview,
                        ) => Decision::Preview(status),
                        (decision, _, _) => decision,
                    }
                });
                (story.document.slug.clone(), decisions)
            })
            .collect();
        let mut published = Published {
            stories,
            pages: content
                .pages
                .iter()
                .map(|p| p.document.slug.clone())
                .collect(),
            translations: HashMap::new(),
        };
        for translation in &content.translations {
            let decision = published.decide_translation(languages, translation);
            published.translations.insert(key(translation), decision);
        }
        published
    }

    fn decide_translation(&self, languages: &Languages, translation: &Translation) -> Decision {
        let listed = languages
            .find(translation.language())
            .is_some_and(|l| l != super::languages::DEFAULT);
        if !listed {
            return Decision::LeaveOut(Reason::LanguageNotInSite);
        }
        let slug = &translation.document.slug;
        let original_published = match translation.collection {
            Collection::Stories => self.story(slug, Channel::Website).is_publish(),
            collection => self.exists(collection, slug),
        };
        if original_published {
            Decision::Publish
        } else {
            Decision::LeaveOut(Reason::OriginalLeftOut)
        }
    }

    /// Whether the report has this original (one Chorus could read). The home page always
    /// exists: Chorus makes it with or without an `index.md`.
    pub fn exists(&self, collection: Collection, slug: &str) -> bool {
        match collection {
            Collection::Home => true,
            Collection::Pages => self.pages.contains(slug),
            Collection::Stories => self.stories.contains_key(slug),
        }
    }

    /// A story's decision on a channel; a story Chorus could not read is left out.
    pub fn story(&self, slug: &str, channel: Channel) -> Decision {
        let index = CHANNELS.iter().position(|c| *c == channel).unwrap_or(0);
        self.stories
            .get(slug)
            .map_or(Decision::LeaveOut(Reason::NotGiven), |d| d[index])
    }

    /// How many stories are published on the website, and how many are left out for each
    /// reason, for the closing line of a build.
    pub fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        for decisions in self.stories.values() {
            let reason = match decisions[0] {
                Decision::Publish => {
                    tally.published += 1;
                    continue;
                }
                // Shown only by the preview; the published site leaves it out as not ready.
                Decision::Preview(status) => Reason::NotReady(status),
                Decision::LeaveOut(reason) => reason,
            };
            let why = reason_in_words(reason);
            match tally.left_out.iter_mut().find(|(w, _)| *w == why) {
                Some((_, n)) => *n += 1,
                None => tally.left_out.push((why, 1)),
            }
        }
        tally
            .left_out
            .sort_by_key(|(why, n)| (std::cmp::Reverse(*n), *why));
        tally
    }

    pub fn translation(&self, translation: &Translation) -> Decision {
        self.translations
            .get(&key(translation))
            .copied()
            .unwrap_or(Decision::LeaveOut(Reason::OriginalLeftOut))
    }
}

fn key(translation: &Translation) -> (Collection, String, String) {
    (
        translation.collection,
        translation.document.slug.clone(),
        translation.language().to_owned(),
    )
}

/// The stories of a build, by count: never by name, so the closing line can be read aloud.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    pub published: usize,
    /// Each reason in words, with how many stories it leaves out; most first.
    pub left_out: Vec<(&'static str, usize)>,
}

impl Tally {
    /// " 6 stories published; 3 left out: 2 drafts, 1 consent withdrawn." (with its leading
    /// space), or nothing when the report has no stories.
    pub fn sentence(&self) -> String {
        let left: usize = self.left_out.iter().map(|(_, n)| n).sum();
        if self.published == 0 && left == 0 {
            return String::new();
        }
        let published = format!("{} published", stories(self.published));
        if left == 0 {
            return format!(" {published}, none left out.");
        }
        let why: Vec<String> = self
            .left_out
            .iter()
            .map(|(reason, n)| format!("{} {reason}", thousands(*n)))
            .collect();
        let left = thousands(left);
        format!(" {published}; {left} left out: {}.", why.join(", "))
    }
}

fn stories(n: usize) -> String {
    if n == 1 {
        "1 story".to_owned()
    } else {
        format!("{} stories", thousands(n))
    }
}

fn reason_in_words(reason: Reason) -> &'static str {
    match reason {
        Reason::Withdrawn(_) => "consent withdrawn",
        Reason::NotGiven => "consent not given yet",
        Reason::NotInScope => "consent not for the website",
        Reason::ReviewOverdue(_) => "consent review overdue",
        Reason::NotReady(crate::content::story::Status::Draft) => "draft",
        Reason::NotReady(_) => "in review",
        Reason::NamedWithoutAgreement => "named without agreement",
        Reason::LanguageNotInSite | Reason::OriginalLeftOut => "translation left out",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tally_is_written_with_thousands_separated() {
        let tally = Tally {
            published: 10_006,
            left_out: vec![("drafts", 1_200), ("consent withdrawn", 1)],
        };
        assert_eq!(
            tally.sentence(),
            " 10,006 stories published; 1,201 left out: 1,200 drafts, 1 consent withdrawn."
        );
    }
}
