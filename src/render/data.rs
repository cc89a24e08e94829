//! Open data: the "you said, we did" entries as CSV and JSON, in `data/`.
//!
//! The CSV has exactly the columns an entries spreadsheet is read with, in the same forms
//! (dates as year-month-day, lists separated by `|`, one update per line), so an export read
//! back in gives the same entries.

use crate::content::entries::entry::{Entry, FIELDS};
use crate::plan::Plan;
use serde_json::{Value, json};

pub const ENTRIES_CSV: &str = "data/you-said-we-did.csv";
pub const ENTRIES_JSON: &str = "data/you-said-we-did.json";

/// The open data files and their bytes; none when the report has no entries.
pub fn files(plan: &Plan<'_>) -> Vec<(&'static str, Vec<u8>)> {
    let entries = &plan.tracker.entries;
    if entries.is_empty() {
        return Vec::new();
    }
    vec![
        (ENTRIES_CSV, entries_csv(entries)),
        (ENTRIES_JSON, entries_json(entries)),
    ]
}

fn entries_csv(entries: &[&Entry]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory can't fail; a failure would only lose the file, never half-write it.
    let _ = writer.write_record(FIELDS);
    for entry in entries {
        let row: Vec<String> = FIELDS.iter().map(|field| cell(entry, field)).collect();
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}

/// One entry's value of one import column, as a spreadsheet cell holds it.
fn cell(entry: &Entry, field: &str) -> String {
    let text = |t: &Option<crate::content::fields::At<String>>| {
        t.as_ref().map(|t| t.value.clone()).unwrap_or_default()
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
        "you_said" => entry.you_said.value.clone(),
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
                let note = u.note.as_ref().map_or("", |n| n.value.as_str());
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

fn entries_json(entries: &[&Entry]) -> Vec<u8> {
    let items: Vec<Value> = entries
        .iter()
        .map(|e| {
            let text = |t: &Option<crate::content::fields::At<String>>| {
                t.as_ref().map(|t| t.value.clone())
            };
            let list = |items: &[crate::content::fields::At<String>]| {
                items.iter().map(|i| i.value.clone()).collect::<Vec<_>>()
            };
            json!({
                "id": e.id.value,
                "title": e.title.value,
                "you_said": e.you_said.value,
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
                    "note": u.note.as_ref().map(|n| n.value.clone()),
                })).collect::<Vec<_>>(),
                "level": e.level.map(|l| l.id()),
            })
        })
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&Value::Array(items)).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
