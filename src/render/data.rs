//! Open data, in `data/`: the "you said, we did" entries, each assessment cycle's ratings and
//! the stories' details, as CSV and JSON.
//!
//! The CSV has exactly the columns an entries spreadsheet is read with, in the same forms
//! (dates as year-month-day, lists separated by `|`, one update per line), so an export read
//! back in gives the same entries. A cell a spreadsheet would run as a formula (`=…`, `+…`,
//! `-…`, `@…`) is written with `'` in front, and read back without it (`untrusted::formula`).
//! A markdown cell its page had to change is written as the words the page shows
//! (`markdown::published_words`), so that nothing a page leaves out is in the open data.
//!
//! A story is in the open data only when the plan publishes it there (`Plan::open_data_stories`:
//! published on the website, and its consent's `scope` has `open-data`), and only by the
//! details its card shows, with its themes and links: never its words, its picture or anything
//! of its `[consent]`.

use crate::content::Collection;
use crate::content::assessment::cycle::{Cycle, RATING_FIELDS, Rating};
use crate::content::assessment::scale::{Scale, Value};
use crate::content::entries::entry::{Entry, FIELDS};
use crate::content::fields::At;
use crate::content::story::Story;
use crate::markdown::published_words;
use crate::plan::Plan;
use crate::plan::languages::DEFAULT;
use crate::plan::routes::Routes;
use crate::plan::routes::Target;
use crate::untrusted::formula::guarded;
use serde::Serialize;
use serde_json::{Value as Value_, json};

pub const ENTRIES_CSV: &str = "data/you-said-we-did.csv";
pub const ENTRIES_JSON: &str = "data/you-said-we-did.json";
pub const STORIES_CSV: &str = "data/stories.csv";
pub const STORIES_JSON: &str = "data/stories.json";

/// The columns of `data/stories.csv`. Lists are separated by `|`, as in an entries spreadsheet;
/// `page` is the story's page from the site's root, and `translations` the languages it has a
/// page in besides its own.
const STORY_FIELDS: [&str; 12] = [
    "name",
    "title",
    "summary",
    "date",
    "storyteller",
    "role",
    "themes",
    "statements",
    "related",
    "level",
    "page",
    "translations",
];

/// The path of a cycle's open data file: `data/assessment-<cycle>.csv`.
pub fn cycle_path(slug: &str, extension: &str) -> String {
    format!("data/assessment-{slug}.{extension}")
}

/// The open data files and their bytes.
pub fn files(plan: &Plan<'_>) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let entries = &plan.tracker.entries;
    if !entries.is_empty() {
        let routes = &plan.routes;
        files.push((ENTRIES_CSV.to_owned(), entries_csv(entries, routes)));
        files.push((ENTRIES_JSON.to_owned(), entries_json(entries, routes)));
    }
    let stories: Vec<&Story> = plan.open_data_stories().collect();
    if !stories.is_empty() {
        files.push((STORIES_CSV.to_owned(), stories_csv(plan, &stories)));
        files.push((STORIES_JSON.to_owned(), stories_json(plan, &stories)));
    }
    for cycle in &plan.assessment.cycles {
        let ratings: Vec<&Rating> = cycle.ratings().collect();
        let scale = &cycle.cycle.scale;
        files.push((
            cycle_path(&cycle.cycle.slug, "csv"),
            ratings_csv(&ratings, scale, &plan.routes),
        ));
        files.push((
            cycle_path(&cycle.cycle.slug, "json"),
            ratings_json(cycle.cycle, &ratings, &plan.routes),
        ));
    }
    files
}

/// A cycle's ratings in exactly the columns a ratings spreadsheet is read with.
fn ratings_csv(ratings: &[&Rating], scale: &Scale, routes: &Routes) -> Vec<u8> {
    let mut writer = csv_writer();
    let _ = writer.write_record(RATING_FIELDS);
    for rating in ratings {
        let value = |v: &Option<At<Value>>| {
            v.as_ref()
                .map(|v| scale.written(v.value))
                .unwrap_or_default()
        };
        let text = |t: &Option<At<String>>| {
            t.as_ref()
                .map(|t| published_words(t, routes))
                .unwrap_or_default()
        };
        let evidence = rating
            .evidence
            .iter()
            .map(|e| {
                let url = e.url.as_deref().unwrap_or_default();
                format!("{} | {} | {url}", e.category.written(), e.title)
                    .trim_end_matches([' ', '|'])
                    .to_owned()
            })
            .collect::<Vec<_>>()
            .join("\n");
        let actions = rating
            .actions
            .iter()
            .map(|a| a.value.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        let row = [
            rating.statement.value.clone(),
            value(&rating.rating),
            value(&rating.people_rating),
            value(&rating.organisation_rating),
            rating.summary.value.clone(),
            text(&rating.commitment),
            text(&rating.what_is_working),
            text(&rating.what_needs_to_change),
            evidence,
            actions,
        ];
        let _ = writer.write_record(row.iter().map(|cell| guarded(cell).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

fn ratings_json(cycle: &Cycle, ratings: &[&Rating], routes: &Routes) -> Vec<u8> {
    let scale = &cycle.scale;
    let value = |v: &Option<At<Value>>| v.as_ref().map(|v| scale.written(v.value));
    let text = |t: &Option<At<String>>| t.as_ref().map(|t| published_words(t, routes));
    let items: Vec<Value_> = ratings
        .iter()
        .map(|r| {
            json!({
                "statement": r.statement.value,
                "rating": value(&r.rating),
                "people_rating": value(&r.people_rating),
                "organisation_rating": value(&r.organisation_rating),
                "summary": r.summary.value,
                "commitment": text(&r.commitment),
                "what_is_working": text(&r.what_is_working),
                "what_needs_to_change": text(&r.what_needs_to_change),
                "evidence": r.evidence.iter().map(|e| json!({
                    "category": e.category.written(),
                    "title": e.title,
                    "url": e.url,
                })).collect::<Vec<_>>(),
                "actions": r.actions.iter().map(|a| a.value.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let document = json!({
        "cycle": cycle.slug,
        "title": cycle.title,
        "framework": cycle.framework.value,
        "scale": scale.id(),
        "levels": scale.levels(),
        "source": cycle.source.id(),
        "period_start": cycle.period_start.to_string(),
        "period_end": cycle.period_end.to_string(),
        "ratings": items,
    });
    let mut bytes = serde_json::to_vec_pretty(&document).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// UTF-8 with a byte order mark: Excel on Windows opens a CSV file as UTF-8 only with one.
fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec())
}

fn entries_csv(entries: &[&Entry], routes: &Routes) -> Vec<u8> {
    let mut writer = csv_writer();
    // Writing to memory can't fail; a failure would only lose the file, never half-write it.
    let _ = writer.write_record(FIELDS);
    for entry in entries {
        let row: Vec<String> = FIELDS
            .iter()
            .map(|field| cell(entry, field, routes))
            .collect();
        let _ = writer.write_record(row.iter().map(|cell| guarded(cell).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

/// One entry's value of one import column, as a spreadsheet cell holds it.
fn cell(entry: &Entry, field: &str, routes: &Routes) -> String {
    let text = |t: &Option<At<String>>| {
        t.as_ref()
            .map(|t| published_words(t, routes))
            .unwrap_or_default()
    };
    let list = |items: &[crate::content::fields::At<String>]| {
        items
            .iter()
            .map(|i| i.value.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    match field {
        "id" => entry.id.value.clone(),
        "title" => entry.title.value.clone(),
        "you_said" => published_words(&entry.you_said, routes),
        "said_by" => entry.said_by.clone(),
        "forum" => entry.forum.clone(),
        "said_date" => entry.said_date.to_string(),
        "status" => entry.status.value.id().to_owned(),
        "we_did" => text(&entry.we_did),
        "reason" => text(&entry.reason),
        "alternative" => text(&entry.alternative),
        "target_date" => entry
            .target_date
            .as_ref()
            .map(|d| d.value.to_string())
            .unwrap_or_default(),
        "completed_date" => entry
            .completed_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
        "owner" => entry.owner.clone(),
        "themes" => list(&entry.themes),
        "statements" => list(&entry.statements),
        "progress" => entry.progress.map(|p| p.to_string()).unwrap_or_default(),
        "update" => entry
            .updates
            .iter()
            .map(|u| {
                let note = u
                    .note
                    .as_ref()
                    .map(|n| published_words(n, routes))
                    .unwrap_or_default();
                format!("{} | {} | {note}", u.date.value, u.status.id())
                    .trim_end_matches([' ', '|'])
                    .to_owned()
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "level" => entry.level.map(|l| l.id().to_owned()).unwrap_or_default(),
        _ => String::new(),
    }
}

fn entries_json(entries: &[&Entry], routes: &Routes) -> Vec<u8> {
    let items: Vec<Value_> = entries
        .iter()
        .map(|e| {
            let text = |t: &Option<At<String>>| t.as_ref().map(|t| published_words(t, routes));
            let list = |items: &[crate::content::fields::At<String>]| {
                items.iter().map(|i| i.value.clone()).collect::<Vec<_>>()
            };
            json!({
                "id": e.id.value,
                "title": e.title.value,
                "you_said": published_words(&e.you_said, routes),
                "said_by": e.said_by,
                "forum": e.forum,
                "said_date": e.said_date.to_string(),
                "status": e.status.value.id(),
                "we_did": text(&e.we_did),
                "reason": text(&e.reason),
                "alternative": text(&e.alternative),
                "target_date": e.target_date.as_ref().map(|d| d.value.to_string()),
                "completed_date": e.completed_date.map(|d| d.to_string()),
                "owner": e.owner,
                "themes": list(&e.themes),
                "statements": list(&e.statements),
                "progress": e.progress,
                "update": e.updates.iter().map(|u| json!({
                    "date": u.date.value.to_string(),
                    "status": u.status.id(),
                    "note": u.note.as_ref().map(|n| published_words(n, routes)),
                })).collect::<Vec<_>>(),
                "level": e.level.map(|l| l.id()),
            })
        })
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&Value_::Array(items)).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// A story's details in the open data, in the order of `STORY_FIELDS`, borrowed from the
/// story: both files are written straight from these, with no copy of every story's words.
#[derive(Serialize)]
struct StoryDetails<'s> {
    name: &'s str,
    title: &'s str,
    summary: &'s str,
    date: String,
    storyteller: &'s str,
    role: &'static str,
    themes: Vec<&'s str>,
    statements: Vec<&'s str>,
    related: Vec<&'s str>,
    level: Option<&'static str>,
    page: String,
    translations: Vec<TranslationDetails<'s>>,
}

#[derive(Serialize)]
struct TranslationDetails<'s> {
    language: &'s str,
    title: &'s str,
    summary: &'s str,
    page: String,
}

/// A published story's details: its page in the report's own language, and in each other
/// language it has a page in, its translation's title and summary (the original's where the
/// translation gives none) and that page.
fn details<'s>(plan: &'s Plan<'_>, story: &'s Story) -> StoryDetails<'s> {
    let slug = story.document.slug.as_str();
    let values = |items: &'s [At<String>]| items.iter().map(|i| i.value.as_str()).collect();
    let translations = plan
        .routes
        .languages_of(Collection::Stories, slug)
        .iter()
        .filter(|language| **language != DEFAULT)
        .map(|&language| {
            let translation = plan.translation(Collection::Stories, slug, language);
            TranslationDetails {
                language: &plan.languages.get(language).key,
                title: translation
                    .and_then(|t| t.title.as_ref())
                    .map_or(&story.title.value, |t| &t.value),
                summary: translation
                    .and_then(|t| t.summary.as_ref())
                    .unwrap_or(&story.summary),
                page: plan.routes.path(Target::Story(slug), language),
            }
        })
        .collect();
    StoryDetails {
        name: slug,
        title: &story.title.value,
        summary: &story.summary,
        date: story.date.to_string(),
        storyteller: &story.storyteller.value,
        role: story.role.id(),
        themes: values(&story.themes),
        statements: values(&story.statements),
        related: values(&story.related),
        level: story.level.map(|l| l.id()),
        page: plan.routes.path(Target::Story(slug), DEFAULT),
        translations,
    }
}

/// The details as a CSV row: lists separated by `|`, and of each translation its language.
fn story_row(details: &StoryDetails<'_>) -> [String; STORY_FIELDS.len()] {
    let listed = |items: &[&str]| items.join(" | ");
    let languages: Vec<&str> = details.translations.iter().map(|t| t.language).collect();
    [
        details.name.to_owned(),
        details.title.to_owned(),
        details.summary.to_owned(),
        details.date.clone(),
        details.storyteller.to_owned(),
        details.role.to_owned(),
        listed(&details.themes),
        listed(&details.statements),
        listed(&details.related),
        details.level.unwrap_or_default().to_owned(),
        details.page.clone(),
        listed(&languages),
    ]
}

fn stories_csv(plan: &Plan<'_>, stories: &[&Story]) -> Vec<u8> {
    let mut writer = csv_writer();
    let _ = writer.write_record(STORY_FIELDS);
    for story in stories {
        let row = story_row(&details(plan, story));
        let _ = writer.write_record(row.iter().map(|cell| guarded(cell).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

/// The same details as the CSV, with lists as lists, and each translation's own title and
/// summary with its page.
fn stories_json(plan: &Plan<'_>, stories: &[&Story]) -> Vec<u8> {
    let items: Vec<StoryDetails<'_>> = stories.iter().map(|story| details(plan, story)).collect();
    let mut bytes = serde_json::to_vec_pretty(&items).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
