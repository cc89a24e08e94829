//! `<name>.<language>.md`: a translation of a home page, free page or story. It gives only the
//! words that change with the language; every other setting, consent above all, is the
//! original's, so the two can never drift apart.

use super::fields::{At, Fields, Repeated};
use super::{Collection, Document};
use crate::diagnostics::{Diagnostic, Location};

#[derive(Debug, Clone)]
pub struct Translation {
    /// Its `slug` is the original's; its `language` is the translation's (`cy`).
    pub document: Document,
    pub collection: Collection,
    pub title: Option<At<String>>,
    pub summary: Option<String>,
    pub content_note: Option<String>,
    pub image_alt: Option<String>,
    pub image_caption: Option<String>,
    /// Settings it repeats from its original, which are not used: the check stage says so,
    /// beside the original's own line.
    pub repeated: Vec<Repeated>,
    /// What a story's translation says that would leave the story out, were it the
    /// original: a withdrawal, consent not given, a status other than "published".
    pub holds_back: Vec<HoldsBack>,
}

/// A setting of a story's translation that says the story must not be published. The
/// translation takes its consent and status from the original, so this is never obeyed: the
/// check stage stops the build instead, so that a withdrawal written in the wrong file is
/// never a story left on the website.
#[derive(Debug, Clone)]
pub struct HoldsBack {
    /// The setting it is: `consent` or `status`.
    pub key: &'static str,
    /// What it says, after "This translation says": "consent was withdrawn".
    pub says: String,
    pub location: Location,
}

/// What a story's translation writes that would hold the story back (`HoldsBack`).
fn holding_back(fields: &Fields<'_>) -> Vec<HoldsBack> {
    let mut found = Vec::new();
    // One message for the consent table, the withdrawal first: one mistake, one message.
    if let Some((_, location)) = fields.peek(Some("consent"), "withdrawn") {
        found.push(HoldsBack {
            key: "consent",
            says: "consent was withdrawn".to_owned(),
            location,
        });
    } else if let Some((value, location)) = fields.peek(Some("consent"), "given")
        && value.as_bool() == Some(false)
    {
        found.push(HoldsBack {
            key: "consent",
            says: "consent was not given".to_owned(),
            location,
        });
    }
    if let Some((value, location)) = fields.peek(None, "status")
        && value.as_str() != Some("published")
    {
        let says = match value.as_str() {
            Some(status) => format!("the story's status is \"{status}\""),
            None => "the story's status is not \"published\"".to_owned(),
        };
        found.push(HoldsBack {
            key: "status",
            says,
            location,
        });
    }
    found
}

impl Translation {
    /// The translation's language as its file name gives it (`cy`).
    pub fn language(&self) -> &str {
        self.document.language.as_deref().unwrap_or_default()
    }
}

/// Settings only the original may give, for each collection.
fn inherited(collection: Collection) -> &'static [&'static str] {
    match collection {
        Collection::Home => &[],
        Collection::Pages => &["order", "navigation"],
        Collection::Stories => &[
            "date",
            "storyteller",
            "role",
            "anonymised",
            "themes",
            "statements",
            "status",
            "consent",
            "related",
            "level",
        ],
    }
}

pub fn read(
    document: Document,
    mut fields: Fields<'_>,
    collection: Collection,
) -> (Option<Translation>, Vec<Diagnostic>) {
    // A story's or page's translation gives its title (and a story's its summary), so every
    // heading and list of the translated site is in its language.
    let title = match collection {
        Collection::Home => fields.opt_string("title"),
        _ => fields.string("title"),
    };
    let summary = match collection {
        Collection::Stories => fields.string("summary"),
        _ => fields.opt_string("summary"),
    }
    .map(|s| s.value);
    let mut content_note = None;
    let mut image_alt = None;
    let mut image_caption = None;
    let mut repeated = Vec::new();
    let mut holds_back = Vec::new();
    if collection == Collection::Stories {
        holds_back = holding_back(&fields);
        content_note = fields.opt_string("content_note").map(|n| n.value);
        if let Some(mut image) = fields.opt_table("image") {
            image_alt = image.opt_string("alt").map(|a| a.value);
            image_caption = image.opt_string("caption").map(|c| c.value);
            repeated.extend(image.inherited(&["src", "decorative"]));
            fields.absorb(image);
        }
    }
    repeated.extend(fields.inherited(inherited(collection)));
    let problems = fields.finish();
    let translation = Translation {
        document,
        collection,
        title,
        summary,
        content_note,
        image_alt,
        image_caption,
        repeated,
        holds_back,
    };
    (Some(translation), problems)
}
