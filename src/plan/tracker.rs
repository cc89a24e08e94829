//! The "you said, we did" tracker as the site will show it: entries in their order, the
//! statuses and framework themes that get a page of their own, and the links both ways
//! between entries and the published stories that name them.

use crate::content::entries::entry::{Entry, Status};
use crate::content::story::Story;
use crate::framework::Frameworks;
use std::collections::HashMap;

#[derive(Default)]
pub struct Tracker<'c> {
    /// Newest first, by when it was said, then by id.
    pub entries: Vec<&'c Entry>,
    /// The statuses that have entries, in the order an entry moves through them.
    pub statuses: Vec<Status>,
    /// The framework themes that have entries, in the frameworks' order.
    pub themes: Vec<String>,
    by_slug: HashMap<String, &'c Entry>,
    /// For each entry, the published stories whose `related` names it, newest first.
    stories: HashMap<String, Vec<&'c Story>>,
}

impl<'c> Tracker<'c> {
    /// `stories` are the published stories, newest first.
    pub fn new(entries: &'c [Entry], stories: &[&'c Story], frameworks: &Frameworks) -> Self {
        let mut by_slug = HashMap::new();
        // Where two entries share an id (an error), the first is the one linked to.
        for entry in entries {
            by_slug.entry(entry.slug.clone()).or_insert(entry);
        }
        let mut list: Vec<&Entry> = by_slug.values().copied().collect();
        list.sort_by(|a, b| {
            b.said_date
                .cmp(&a.said_date)
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let mut statuses: Vec<Status> = list.iter().map(|e| e.status.value).collect();
        statuses.sort_unstable();
        statuses.dedup();
        let used: std::collections::HashSet<&str> = list
            .iter()
            .flat_map(|e| e.themes.iter().map(|t| t.value.as_str()))
            .collect();
        let themes = frameworks
            .theme_ids()
            .into_iter()
            .filter(|id| used.contains(id))
            .map(str::to_owned)
            .collect();
        let mut linked: HashMap<String, Vec<&Story>> = HashMap::new();
        for story in stories {
            for related in &story.related {
                let slug = related.value.to_lowercase();
                if by_slug.contains_key(&slug) {
                    let of_entry = linked.entry(slug).or_default();
                    if !of_entry.iter().any(|s| std::ptr::eq(*s, *story)) {
                        of_entry.push(story);
                    }
                }
            }
        }
        Tracker {
            entries: list,
            statuses,
            themes,
            by_slug,
            stories: linked,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// An entry by its id, in any case.
    pub fn entry(&self, id: &str) -> Option<&'c Entry> {
        self.by_slug.get(&id.to_lowercase()).copied()
    }

    /// The published stories that name an entry in their `related`.
    pub fn stories_of(&self, slug: &str) -> &[&'c Story] {
        self.stories.get(slug).map_or(&[], Vec::as_slice)
    }

    pub fn count(&self, status: Status) -> usize {
        self.entries
            .iter()
            .filter(|e| e.status.value == status)
            .count()
    }
}
