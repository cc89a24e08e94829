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
}

pub fn decide(story: &Story, today: Date) -> Decision {
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
        return Decision::Publish;
    };
    Decision::LeaveOut(reason)
}

pub fn is_published(story: &Story, today: Date) -> bool {
    decide(story, today) == Decision::Publish
}
