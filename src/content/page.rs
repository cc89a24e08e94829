//! `content/pages/*.md` (free pages) and `content/index.md` (the home page's introduction).

use super::Document;
use super::fields::{At, Fields};
use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone)]
pub struct Page {
    pub document: Document,
    /// Where it was typed, so a message can point at it; the home introduction's may be empty.
    pub title: At<String>,
    /// One or two sentences for the site map and the page description.
    pub summary: Option<String>,
    /// Where the page comes in the site map and the navigation; lower first, then by title.
    pub order: i64,
    /// Whether the page has a link in the main navigation.
    pub navigation: bool,
}

/// Which page kind is being read: the home introduction may leave out its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Free,
    Home,
}

pub fn read(
    document: Document,
    mut fields: Fields<'_>,
    kind: Kind,
) -> (Option<Page>, Vec<Diagnostic>) {
    let title = match kind {
        Kind::Free => fields.string("title"),
        Kind::Home => fields.opt_string("title"),
    };
    let summary = fields.opt_string("summary").map(|s| s.value);
    let order = fields.opt_integer("order").unwrap_or(0);
    let navigation = fields.opt_bool("navigation").unwrap_or(false);
    let anchor = fields.anchor_place();
    let problems = fields.finish();
    let page = match (kind, title) {
        (_, Some(title)) => Some(title),
        (Kind::Home, None) => Some(At {
            value: String::new(),
            place: anchor,
        }),
        (Kind::Free, None) => None,
    }
    .map(|title| Page {
        document,
        title,
        summary,
        order,
        navigation,
    });
    (page, problems)
}
