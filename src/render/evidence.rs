//! The evidence map: one page per framework theme and per statement, gathering its published
//! stories, its ratings in every cycle and its "you said, we did" entries; and the page of
//! where co-production happens, level by level.

use super::Job;
use super::assessment::{RatingView, rating_view};
use super::frame::{Around, Frame, Heading, PageFrame};
use super::stories::card;
use super::tracker::{EntryCard, entry_card};
use crate::content::assessment::scale::Value;
use crate::content::fields::At;
use crate::content::{LEVELS, Level};
use crate::plan::assessment::Evidence;
use crate::plan::routes::Target;
use serde::Serialize;
use tera::{Context, TeraResult};

#[derive(Serialize)]
struct RatingLine {
    cycle: String,
    statement: String,
    href: String,
    /// The agreed rating; or, where two voices are given instead, each voice.
    rating: Option<RatingView>,
    people: Option<RatingView>,
    organisation: Option<RatingView>,
}

/// A framework statement linked by its id, with its short name where its framework gives one.
#[derive(Serialize)]
pub(super) struct StatementLink {
    pub id: String,
    pub name: Option<String>,
    pub href: String,
}

#[derive(Serialize)]
struct EvidencePage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    framework: String,
    framework_source: String,
    /// The statement's wording, where the report gives it.
    wording: Option<String>,
    /// On a theme's page: its statements that have a page.
    statements: Vec<StatementLink>,
    theme_href: Option<String>,
    theme_name: Option<String>,
    /// On a theme's page, the lead sentence's words before and after the theme's name (its
    /// title), so that the template can mark the name as it does in the heading.
    theme_lead: Option<Around>,
    ratings: Vec<RatingLine>,
    stories: Vec<tera::Value>,
    entries: Vec<EntryCard>,
    entries_lang: Option<&'a str>,
    themes_lang: Option<&'static str>,
}

fn gathered<'a>(
    job: &mut Job<'a>,
    evidence: &Evidence<'_>,
) -> (Vec<RatingLine>, Vec<tera::Value>, Vec<EntryCard>) {
    let stories = evidence.stories.iter().map(|s| card(job, s)).collect();
    let entries = evidence
        .entries
        .iter()
        .map(|e| entry_card(job, e))
        .collect();
    let frame = &job.frame;
    let cycles = &frame.site.plan.assessment.cycles;
    let ratings = evidence
        .ratings
        .iter()
        .map(|(index, rating)| {
            let cycle = cycles[*index].cycle;
            let view = |v: &Option<At<Value>>| {
                v.as_ref()
                    .map(|v| rating_view(frame, &cycle.scale, v.value))
            };
            RatingLine {
                cycle: cycle.title.clone(),
                statement: rating.statement.value.clone(),
                href: frame.href(Target::Rating(&cycle.slug, &rating.statement.value)),
                rating: view(&rating.rating),
                people: view(&rating.people_rating),
                organisation: view(&rating.organisation_rating),
            }
        })
        .collect();
    (ratings, stories, entries)
}

pub fn theme(job: &mut Job<'_>, id: &str) -> TeraResult<Context> {
    let plan = job.frame.site.plan;
    let Some(evidence) = plan.assessment.theme(id) else {
        return Err(tera::Error::message(format!("no theme {id}")));
    };
    let (ratings, stories, entries) = gathered(job, evidence);
    let frame = &job.frame;
    let frameworks = frame.site.frameworks;
    let name = frame.theme_name(id);
    let framework = frameworks.framework_of(id);
    let statements = plan
        .assessment
        .statements
        .iter()
        .filter(|(s, _)| frameworks.theme_of(s).is_some_and(|t| t.id == id))
        .map(|(s, _)| StatementLink {
            id: s.clone(),
            name: frameworks.statement_name(s).map(str::to_owned),
            href: frame.href(Target::Statement(s)),
        })
        .collect();
    let page = EvidencePage {
        frame: frame.frame(Heading {
            title: name.clone(),
            description: frame
                .word("evidence_theme_description")
                .replace("{theme}", &name),
            trail: vec![Target::Home],
        }),
        framework: framework.map_or_else(String::new, |f| f.title.clone()),
        framework_source: framework.map_or_else(String::new, |f| f.source.clone()),
        wording: None,
        statements,
        theme_href: None,
        theme_name: None,
        theme_lead: frame.around("evidence_theme_description", "{theme}"),
        ratings,
        stories,
        entries,
        entries_lang: frame.report_lang(),
        themes_lang: frame.frameworks_lang(),
    };
    job.add_text(&page.frame.title);
    job.context(&page)
}

pub fn statement(job: &mut Job<'_>, id: &str) -> TeraResult<Context> {
    let plan = job.frame.site.plan;
    let Some(evidence) = plan.assessment.statement(id) else {
        return Err(tera::Error::message(format!("no statement {id}")));
    };
    let (ratings, stories, entries) = gathered(job, evidence);
    let frame = &job.frame;
    let frameworks = frame.site.frameworks;
    let theme = frameworks.theme_of(id);
    let framework = frameworks.framework_of(id);
    let title = match frameworks.statement_name(id) {
        Some(name) => format!("{id}: {name}"),
        None => id.to_owned(),
    };
    let page = EvidencePage {
        frame: frame.frame(Heading {
            description: frame
                .word("evidence_statement_description")
                .replace("{statement}", id),
            title,
            trail: vec![Target::Home],
        }),
        framework: framework.map_or_else(String::new, |f| f.title.clone()),
        framework_source: framework.map_or_else(String::new, |f| f.source.clone()),
        wording: frameworks.statement(id).and_then(|s| s.text.clone()),
        statements: Vec::new(),
        theme_href: theme.map(|t| frame.href(Target::Theme(&t.id))),
        theme_name: theme.map(|t| t.name.clone()),
        theme_lead: None,
        ratings,
        stories,
        entries,
        entries_lang: frame.report_lang(),
        themes_lang: frame.frameworks_lang(),
    };
    job.add_text(&page.frame.title);
    job.context(&page)
}

#[derive(Serialize)]
struct Layer {
    id: &'static str,
    name: String,
    count: usize,
    stories: Vec<tera::Value>,
    entries: Vec<EntryCard>,
}

#[derive(Serialize)]
struct CoProductionPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    /// From the top (strategic) to the bottom (individual), as the sandwich is drawn.
    layers: Vec<Layer>,
    /// How many stories and entries give no level.
    unplaced: usize,
    entries_lang: Option<&'a str>,
}

/// How many published stories and entries are at each level, lowest layer first.
pub fn level_counts(frame: &PageFrame<'_>) -> Vec<(Level, usize)> {
    let plan = frame.site.plan;
    LEVELS
        .iter()
        .map(|(_, level)| {
            let stories = plan
                .stories
                .iter()
                .filter(|s| s.level == Some(*level))
                .count();
            let entries = plan
                .tracker
                .entries
                .iter()
                .filter(|e| e.level == Some(*level))
                .count();
            (*level, stories + entries)
        })
        .collect()
}

pub fn co_production(job: &mut Job<'_>) -> TeraResult<Context> {
    let plan = job.frame.site.plan;
    let mut layers = Vec::new();
    for (id, level) in LEVELS.iter().rev() {
        let stories: Vec<tera::Value> = plan
            .stories
            .iter()
            .filter(|s| s.level == Some(*level))
            .map(|s| card(job, s))
            .collect();
        let entries: Vec<EntryCard> = plan
            .tracker
            .entries
            .iter()
            .filter(|e| e.level == Some(*level))
            .map(|e| entry_card(job, e))
            .collect();
        layers.push(Layer {
            id,
            name: job.frame.word(&format!("layer_{id}")),
            count: stories.len() + entries.len(),
            stories,
            entries,
        });
    }
    let unplaced = plan.stories.iter().filter(|s| s.level.is_none()).count()
        + plan
            .tracker
            .entries
            .iter()
            .filter(|e| e.level.is_none())
            .count();
    let frame = &job.frame;
    let page = CoProductionPage {
        frame: frame.own_page("co_production"),
        layers,
        unplaced,
        entries_lang: frame.report_lang(),
    };
    job.add_text(&page.frame.title);
    job.context(&page)
}
