//! Assessment as the site will show it: the cycles in order, each cycle's ratings grouped by
//! framework theme, the cycle before it of the same framework, and the evidence map: for each
//! framework theme and statement, its published stories, ratings and entries.

use super::tracker::Tracker;
use crate::content::assessment::cycle::{Cycle, Rating};
use crate::content::entries::entry::Entry;
use crate::content::fields::At;
use crate::content::story::Story;
use crate::framework::Frameworks;
use std::collections::HashMap;

pub struct CyclePlan<'c> {
    pub cycle: &'c Cycle,
    /// The ratings by framework theme, in the framework's order; each statement once (the
    /// first rating of a statement rated twice, which is an error).
    pub themes: Vec<(String, Vec<&'c Rating>)>,
    /// The cycle before this one of the same framework, by index into `Assessment::cycles`.
    pub previous: Option<usize>,
}

impl<'c> CyclePlan<'c> {
    pub fn ratings(&self) -> impl Iterator<Item = &'c Rating> + '_ {
        self.themes
            .iter()
            .flat_map(|(_, ratings)| ratings.iter().copied())
    }

    pub fn rating(&self, statement: &str) -> Option<&'c Rating> {
        self.ratings().find(|r| r.statement.value == statement)
    }
}

/// What the evidence map gathers for one theme or statement.
#[derive(Default)]
pub struct Evidence<'c> {
    pub stories: Vec<&'c Story>,
    pub entries: Vec<&'c Entry>,
    /// (cycle index, rating)
    pub ratings: Vec<(usize, &'c Rating)>,
}

#[derive(Default)]
pub struct Assessment<'c> {
    /// By the end of their period, then name.
    pub cycles: Vec<CyclePlan<'c>>,
    /// Every framework theme that gathers something, in the frameworks' order.
    pub themes: Vec<(String, Evidence<'c>)>,
    /// Every statement something speaks to, in framework order, with what it gathers.
    pub statements: Vec<(String, Evidence<'c>)>,
}

impl<'c> Assessment<'c> {
    pub fn new(
        cycles: &'c [Cycle],
        stories: &[&'c Story],
        tracker: &Tracker<'c>,
        frameworks: &Frameworks,
    ) -> Self {
        let mut ordered: Vec<&Cycle> = cycles.iter().collect();
        ordered.sort_by(|a, b| (a.period_end, &a.slug).cmp(&(b.period_end, &b.slug)));
        let theme_order = frameworks.theme_ids();
        let mut plans: Vec<CyclePlan<'c>> = Vec::new();
        for cycle in ordered {
            let mut by_theme: HashMap<String, Vec<&Rating>> = HashMap::new();
            let mut seen = Vec::new();
            for rating in &cycle.ratings {
                let statement = rating.statement.value.as_str();
                if seen.contains(&statement) {
                    continue;
                }
                seen.push(statement);
                if let Some(theme) = frameworks.theme_of(statement) {
                    by_theme.entry(theme.id.clone()).or_default().push(rating);
                }
            }
            let themes = theme_order
                .iter()
                .filter_map(|t| by_theme.remove(*t).map(|r| ((*t).to_owned(), r)))
                .collect();
            let previous = plans
                .iter()
                .rposition(|p| p.cycle.framework.value == cycle.framework.value);
            plans.push(CyclePlan {
                cycle,
                themes,
                previous,
            });
        }
        let mut themes: Vec<(String, Evidence)> = theme_order
            .iter()
            .map(|t| ((*t).to_owned(), Evidence::default()))
            .collect();
        let mut statements: HashMap<String, Evidence> = HashMap::new();
        let mut gathered = Gathered {
            themes: &mut themes,
            statements: &mut statements,
            frameworks,
        };
        for story in stories {
            gathered.add(*story, &story.themes, &story.statements, |e| &mut e.stories);
        }
        for entry in &tracker.entries {
            gathered.add(*entry, &entry.themes, &entry.statements, |e| &mut e.entries);
        }
        for (index, plan) in plans.iter().enumerate() {
            for (theme, ratings) in &plan.themes {
                if let Some((_, e)) = themes.iter_mut().find(|(t, _)| t == theme) {
                    e.ratings.extend(ratings.iter().map(|r| (index, *r)));
                }
                for rating in ratings {
                    let evidence = statements
                        .entry(rating.statement.value.clone())
                        .or_default();
                    evidence.ratings.push((index, rating));
                    // A rating's actions are the statement's entries too.
                    for action in &rating.actions {
                        if let Some(entry) = tracker.entry(&action.value)
                            && !evidence.entries.iter().any(|e| std::ptr::eq(*e, entry))
                        {
                            evidence.entries.push(entry);
                        }
                    }
                }
            }
        }
        // A theme has a page when it gathers something, or one of its statements does: every
        // theme a story or entry names, and the theme of every statement page.
        let statement_themes: Vec<&str> = statements
            .keys()
            .filter_map(|s| frameworks.theme_of(s).map(|t| t.id.as_str()))
            .collect();
        themes.retain(|(id, e)| {
            !(e.stories.is_empty() && e.entries.is_empty() && e.ratings.is_empty())
                || statement_themes.contains(&id.as_str())
        });
        let mut statements: Vec<(String, Evidence)> = statements.into_iter().collect();
        statements.sort_by_key(|(id, _)| statement_order(frameworks, id));
        Assessment {
            cycles: plans,
            themes,
            statements,
        }
    }

    pub fn cycle(&self, slug: &str) -> Option<(usize, &CyclePlan<'c>)> {
        self.cycles
            .iter()
            .enumerate()
            .find(|(_, c)| c.cycle.slug == slug)
    }

    pub fn theme(&self, id: &str) -> Option<&Evidence<'c>> {
        self.themes.iter().find(|(t, _)| t == id).map(|(_, e)| e)
    }

    pub fn statement(&self, id: &str) -> Option<&Evidence<'c>> {
        self.statements
            .iter()
            .find(|(s, _)| s == id)
            .map(|(_, e)| e)
    }
}

/// The evidence map being gathered: each theme's and each statement's.
struct Gathered<'m, 'c, 'f> {
    themes: &'m mut Vec<(String, Evidence<'c>)>,
    statements: &'m mut HashMap<String, Evidence<'c>>,
    frameworks: &'f Frameworks,
}

impl<'c> Gathered<'_, 'c, '_> {
    /// Adds a story or an entry to the evidence of each theme and statement it names.
    fn add<T>(
        &mut self,
        item: &'c T,
        themes: &[At<String>],
        statements: &[At<String>],
        list: for<'e> fn(&'e mut Evidence<'c>) -> &'e mut Vec<&'c T>,
    ) {
        for theme in themes {
            if let Some((_, e)) = self.themes.iter_mut().find(|(t, _)| *t == theme.value) {
                list(e).push(item);
            }
        }
        for statement in statements
            .iter()
            .filter(|s| self.frameworks.is_statement(&s.value))
        {
            list(self.statements.entry(statement.value.clone()).or_default()).push(item);
        }
    }
}

/// Statements in their framework's theme order, then by number (`i2` before `i10`).
fn statement_order(frameworks: &Frameworks, id: &str) -> (usize, String, usize, String) {
    let themes = frameworks.theme_ids();
    let theme = frameworks.theme_of(id).map(|t| t.id.as_str()).unwrap_or("");
    let theme_index = themes
        .iter()
        .position(|t| *t == theme)
        .unwrap_or(usize::MAX);
    let tail = id.rsplit('.').next().unwrap_or(id);
    let letters: String = tail.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let number = tail[letters.len()..].parse().unwrap_or(0);
    (theme_index, letters, number, id.to_owned())
}
