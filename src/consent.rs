//! The consent rule: whether a story may be published on the website today.
//!
//! One function decides, and both the check stage (to tell the editing group) and the render
//! stage (to leave the story out) ask it, so the two can never disagree.

use crate::content::story::{Scope, Status, Story};
use jiff::civil::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Publish,
    LeaveOut(Reason),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Withdrawn(Date),
    NotGiven,
    NotForWeb,
    ReviewOverdue(Date),
    NotReady(Status),
    /// The storyteller is named but did not agree to be: an error the check stage reports.
    NamedWithoutAgreement,
    /// A translation whose site does not list its language.
    LanguageNotInSite,
    /// A translation whose original story is not published (or does not exist).
    OriginalLeftOut,
}

/// What the decision needs to know beyond the story itself.
pub struct Context<'a> {
    pub today: Date,
    /// Every story of the report, to find a translation's original.
    pub stories: &'a [Story],
    /// The site's languages, from `site.toml`.
    pub languages: &'a [String],
}

pub fn decide(story: &Story, context: &Context<'_>) -> Decision {
    if let Some(reason) = own_reason(story, context.today) {
        return Decision::LeaveOut(reason);
    }
    let Some(language) = story.document.translation else {
        return Decision::Publish;
    };
    if !context
        .languages
        .iter()
        .any(|l| l.split('-').next() == Some(language))
    {
        return Decision::LeaveOut(Reason::LanguageNotInSite);
    }
    match original(story, context.stories) {
        Some(original) if own_reason(original, context.today).is_none() => Decision::Publish,
        _ => Decision::LeaveOut(Reason::OriginalLeftOut),
    }
}

pub fn is_published(story: &Story, context: &Context<'_>) -> bool {
    decide(story, context) == Decision::Publish
}

/// The story a translation translates: the one with the same name and no language of its own.
pub fn original<'s>(translation: &Story, stories: &'s [Story]) -> Option<&'s Story> {
    stories
        .iter()
        .find(|s| s.document.translation.is_none() && s.document.slug == translation.document.slug)
}

/// Why the story's own settings keep it out, if they do.
fn own_reason(story: &Story, today: Date) -> Option<Reason> {
    let consent = &story.consent;
    let reason = if let Some(date) = consent.withdrawn {
        Reason::Withdrawn(date)
    } else if !consent.given {
        Reason::NotGiven
    } else if !consent.scope.contains(&Scope::Web) {
        Reason::NotForWeb
    } else if consent.review_by.value < today {
        Reason::ReviewOverdue(consent.review_by.value)
    } else if story.status != Status::Published {
        Reason::NotReady(story.status)
    } else if !story.anonymised.value && !consent.named {
        Reason::NamedWithoutAgreement
    } else {
        return None;
    };
    Some(reason)
}
