//! The consent rule: whether a story may be published, on each channel, today.
//!
//! Only the plan stage asks it (`plan::published`), once per story and channel; every other
//! stage reads the plan's decision, so no two outputs can disagree about a story.

use crate::content::story::{Scope, Status, Story};
use jiff::civil::Date;

/// Where a story can be published. Each maps to a consent scope the storyteller agreed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Website,
    Feed,
    OpenData,
    Print,
}

pub const CHANNELS: [Channel; 4] = [
    Channel::Website,
    Channel::Feed,
    Channel::OpenData,
    Channel::Print,
];

impl Channel {
    fn scope(self) -> Scope {
        match self {
            Channel::Website => Scope::Web,
            Channel::Feed => Scope::Feed,
            Channel::OpenData => Scope::OpenData,
            Channel::Print => Scope::Print,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Publish,
    /// Only in the preview (`chorus serve`), and only on the website: consent allows the story,
    /// and only its status (draft or review) holds it back. It is shown with a "not published"
    /// banner. The plan makes this from `LeaveOut(Reason::NotReady)`; `chorus build` never does.
    Preview(Status),
    LeaveOut(Reason),
}

impl Decision {
    /// Whether the channel shows it: published, or shown by the preview as not yet published.
    pub fn is_publish(self) -> bool {
        matches!(self, Decision::Publish | Decision::Preview(_))
    }

    /// Whether it is left out because the storyteller withdrew their consent: then nothing of
    /// it may appear anywhere, not even a link's words.
    pub fn is_withdrawn(self) -> bool {
        matches!(self, Decision::LeaveOut(Reason::Withdrawn(_)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Withdrawn(Date),
    NotGiven,
    /// The consent's scope does not include this channel.
    NotInScope,
    ReviewOverdue(Date),
    /// The storyteller is named but did not agree to be: an error the check stage reports.
    NamedWithoutAgreement,
    /// Consent allows it; only its status holds it back. Asked last, so that a preview can show
    /// exactly the stories with this reason.
    NotReady(Status),
    /// A translation whose language the site does not list.
    LanguageNotInSite,
    /// A translation whose original is not published (or does not exist).
    OriginalLeftOut,
}

/// The story's own settings decide; a translation is decided by the plan from its original.
pub fn decide(story: &Story, today: Date, channel: Channel) -> Decision {
    let consent = &story.consent;
    let reason = if let Some(date) = &consent.withdrawn {
        Reason::Withdrawn(date.value)
    } else if !consent.given {
        Reason::NotGiven
    } else if !consent.scope.contains(&channel.scope()) {
        Reason::NotInScope
    } else if consent.review_by.value < today {
        Reason::ReviewOverdue(consent.review_by.value)
    } else if !story.anonymised.value && !consent.named {
        Reason::NamedWithoutAgreement
    } else if story.status != Status::Published {
        Reason::NotReady(story.status)
    } else {
        return Decision::Publish;
    };
    Decision::LeaveOut(reason)
}
