//! `content/assessment/`: assessment cycles. `<cycle>.toml` holds a cycle's settings and,
//! optionally, its ratings as `[[rating]]` tables; a `<cycle>.csv`, `.xlsx` or `.ods` beside it
//! holds more ratings, one per row, read as the tracker reads spreadsheets.

pub mod cycle;
pub mod scale;

use super::entries::record::TomlRecord;
use super::entries::sheet;
use super::fields::{At, Fields, TomlText};
use super::{read_source, toml_file, walk_folder};
use crate::diagnostics::Diagnostic;
use crate::report_files::{READ_LIMIT, ReportFiles};
use cycle::{Cycle, RATING_FIELDS, read_rating, read_settings};
use jiff::civil::Date;

pub const FOLDER: &str = "assessment";

pub fn load(
    files: &ReportFiles,
    sheets: &[(String, At<String>)],
    today: Date,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Cycle> {
    let Some(walk) = walk_folder(files, FOLDER, false, problems) else {
        return Vec::new();
    };
    let names: Vec<String> = walk
        .files
        .iter()
        .map(|f| f.name.trim_start_matches("content/").to_owned())
        .filter(|name| !super::entries::sheet::is_spreadsheet_scratch(name))
        .collect();
    let stems: Vec<&str> = names
        .iter()
        .filter_map(|n| n.strip_suffix(".toml"))
        .collect();
    let mut cycles = Vec::new();
    for name in &names {
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
        match extension {
            "toml" => cycles.extend(read_cycle(files, name, &names, sheets, today, problems)),
            "csv" | "xlsx" | "ods" if stems.contains(&stem) => {}
            _ => problems.push(
                Diagnostic::warning(format!("content/{name}"), "Chorus does not read this file: ratings are read only beside their cycle's settings file.")
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
        Ok(source) => source,
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };
    let slug = name
        .trim_start_matches("assessment/")
        .trim_end_matches(".toml")
        .to_owned();
    let parsed = toml_file::parse(&source, 0, &source.text);
    problems.extend(parsed.problems.iter().cloned());
    let text = TomlText {
        file: &source,
        base: 0,
        today,
        broken: &parsed.broken,
    };
    let mut fields = Fields::new(
        text,
        parsed.table.get_ref(),
        source.location(0..0),
        "This cycle",
    );
    let settings = read_settings(&mut fields, &slug);
    let tables = fields.opt_tables("rating");
    let scale = settings.as_ref().map(|s| s.scale.clone());
    let mut ratings = Vec::new();
    for table in tables {
        match &scale {
            Some(scale) => {
                let (rating, found) = read_rating(TomlRecord::new(table, "rating"), scale);
                ratings.extend(rating);
                problems.extend(found);
            }
            None => fields.absorb(table),
        }
    }
    problems.extend(fields.finish());
    let settings = settings?;
    let scale = settings.scale.clone();
    let stem = name.trim_end_matches(".toml");
    for extension in ["csv", "xlsx", "ods"] {
        let sheet_name = format!("{stem}.{extension}");
        if !names.contains(&sheet_name) {
            continue;
        }
        let display = format!("content/{sheet_name}");
        let sheet = if extension == "csv" {
            read_source(files, &sheet_name)
                .map(|file| sheet::from_csv(&file.name, &file.text, RATING_FIELDS))
        } else {
            let wanted = sheets
                .iter()
                .find(|(p, _)| *p == sheet_name)
                .map(|(_, s)| s);
            files
                .read(&display, READ_LIMIT)
                .map_err(|refusal| refusal.diagnostic(&display))
                .and_then(|bytes| sheet::from_workbook(&display, bytes, wanted, RATING_FIELDS))
        };
        match sheet {
            Ok(sheet) => {
                for row in sheet.records("rating") {
                    let (rating, found) = read_rating(row, &scale);
                    ratings.extend(rating);
                    problems.extend(found);
                }
                problems.extend(sheet.problems);
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
