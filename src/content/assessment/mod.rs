//! `content/assessment/`: assessment cycles. `<cycle>.toml` holds a cycle's settings and,
//! optionally, its ratings as `[[rating]]` tables; a `<cycle>.csv`, `.xlsx` or `.ods` beside it
//! holds more ratings, one per row, read as the tracker reads spreadsheets.

pub mod cycle;
pub mod scale;

use super::cache::{self, Cache};
use super::entries::record::TomlRecord;
use super::entries::sheet;
use super::fields::At;
use super::{data_folder_names, read_source, read_toml_file};
use crate::diagnostics::Diagnostic;
use crate::report_files::ReportFiles;
use crate::rules;
use cycle::{Cycle, RATING_FIELDS, read_rating, read_settings};
use jiff::civil::Date;
use std::sync::Arc;

pub const FOLDER: &str = "assessment";

/// Reads every cycle of the folder, in file name order. A cycle reads the spreadsheet beside
/// it, so the folder is parsed again only when the bytes of one of its files are not those
/// `cache` holds.
pub fn load(
    files: &ReportFiles,
    sheets: &[(String, At<String>)],
    today: Date,
    cache: &mut Cache,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Cycle> {
    let Some(names) = data_folder_names(files, FOLDER, problems) else {
        return Vec::new();
    };
    if !cache.keeps {
        return read_cycles(files, &names, sheets, today, problems);
    }
    let folder = cache::folder_bytes(files, &names);
    if let (Some(folder), Some(kept)) = (&folder, &cache.cycles)
        && kept.from == *folder
    {
        problems.extend(kept.value.1.iter().cloned());
        return kept.value.0.clone();
    }
    let mut found = Vec::new();
    let cycles = read_cycles(files, &names, sheets, today, &mut found);
    problems.extend(found.iter().cloned());
    cache.cycles = folder.map(|from| cache::Parsed {
        from,
        value: (cycles.clone(), found),
    });
    cycles
}

fn read_cycles(
    files: &ReportFiles,
    names: &[String],
    sheets: &[(String, At<String>)],
    today: Date,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Cycle> {
    let stems: Vec<&str> = names
        .iter()
        .filter_map(|n| n.strip_suffix(".toml"))
        .collect();
    let mut cycles = Vec::new();
    for name in names {
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
        match extension {
            "toml" => cycles.extend(read_cycle(files, name, names, sheets, today, problems)),
            "csv" | "xlsx" | "ods" if stems.contains(&stem) => {}
            _ => problems.push(
                Diagnostic::warning(rules::UNREAD_FILE, format!("content/{name}"), "Chorus does not read this file: ratings are read only beside their cycle's settings file.")
                    .help(format!("Each cycle is <cycle>.toml, with its ratings in it or in <cycle>.csv, .xlsx or .ods of the same name. Add {stem}.toml, or move this file out of content/assessment/.")),
            ),
        }
    }
    cycles
}

fn read_cycle(
    files: &ReportFiles,
    name: &str,
    names: &[String],
    sheets: &[(String, At<String>)],
    today: Date,
    problems: &mut Vec<Diagnostic>,
) -> Option<Cycle> {
    let source = match read_source(files, name) {
        Ok(source) => Arc::new(source),
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };
    let slug = name
        .trim_start_matches("assessment/")
        .trim_end_matches(".toml")
        .to_owned();
    let (settings, mut ratings, found) =
        read_toml_file(&source, today, "This cycle", problems, |mut fields| {
            let settings = read_settings(&mut fields, &slug);
            let mut ratings = Vec::new();
            let mut found = Vec::new();
            for table in fields.opt_tables("rating") {
                match &settings {
                    Some(settings) => {
                        let (rating, problems) =
                            read_rating(TomlRecord::new(table, "rating"), &settings.scale);
                        ratings.extend(rating);
                        found.extend(problems);
                    }
                    None => fields.absorb(table),
                }
            }
            found.extend(fields.finish());
            (settings, ratings, found)
        });
    problems.extend(found);
    let settings = settings?;
    let scale = settings.scale.clone();
    let stem = name.trim_end_matches(".toml");
    for extension in ["csv", "xlsx", "ods"] {
        let sheet_name = format!("{stem}.{extension}");
        if !names.contains(&sheet_name) {
            continue;
        }
        match sheet::read(files, &sheet_name, sheets, RATING_FIELDS) {
            Ok(sheet) => {
                for row in sheet.records(&cycle::ROWS) {
                    let (rating, found) = read_rating(row, &scale);
                    ratings.extend(rating);
                    problems.extend(found);
                }
                problems.extend(sheet.finish());
            }
            Err(problem) => problems.push(problem),
        }
    }
    Some(Cycle {
        file: source.name.clone(),
        slug,
        title: settings.title,
        framework: settings.framework,
        scale,
        source: settings.source,
        period_start: settings.period_start,
        period_end: settings.period_end,
        method: settings.method,
        ratings,
    })
}
