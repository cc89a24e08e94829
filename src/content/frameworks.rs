//! `content/frameworks/<id>.toml`: a report's own framework, or the wording of the statements
//! it uses from a built-in one (whose wording is the publisher's, so never in the binary).

use super::fields::{At, Fields, TomlText};
use super::{read_source, toml_file, walk_folder};
use crate::diagnostics::Diagnostic;
use crate::report_files::ReportFiles;
use jiff::civil::Date;

pub const FOLDER: &str = "frameworks";

/// A framework file as written. For a built-in framework only `statement`s are read.
#[derive(Debug, Clone)]
pub struct FrameworkFile {
    pub file: String,
    pub id: At<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub source: Option<String>,
    pub themes: Vec<ThemeFile>,
    pub statements: Vec<StatementFile>,
}

#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub id: At<String>,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct StatementFile {
    pub id: At<String>,
    pub theme: Option<At<String>>,
    pub name: Option<String>,
    /// The statement's wording, as the report gives it.
    pub text: Option<String>,
}

pub fn load(
    files: &ReportFiles,
    today: Date,
    problems: &mut Vec<Diagnostic>,
) -> Vec<FrameworkFile> {
    let Some(walk) = walk_folder(files, FOLDER, false, problems) else {
        return Vec::new();
    };
    let mut frameworks = Vec::new();
    for found in walk.files {
        let name = found.name.trim_start_matches("content/").to_owned();
        if !name.ends_with(".toml") {
            problems.push(
                Diagnostic::warning(&found.name, "Chorus reads only .toml files in content/frameworks/, so it does not read this one.")
                    .help("Write a framework, or the wording of a built-in framework's statements, as <id>.toml."),
            );
            continue;
        }
        let source = match read_source(files, &name) {
            Ok(source) => source,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
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
            "This framework",
        );
        let id = fields.string("id");
        let title = fields.opt_string("title").map(|t| t.value);
        let publisher = fields.opt_string("publisher").map(|t| t.value);
        let source_url = fields.opt_string("source").map(|t| t.value);
        let mut themes = Vec::new();
        for mut table in fields.opt_tables("theme") {
            let theme_id = table.string("id");
            let theme_name = table.string("name");
            fields.absorb(table);
            if let (Some(id), Some(name)) = (theme_id, theme_name) {
                themes.push(ThemeFile {
                    id,
                    name: name.value,
                });
            }
        }
        let mut statements = Vec::new();
        for mut table in fields.opt_tables("statement") {
            let statement_id = table.string("id");
            let theme = table.opt_string("theme");
            let statement_name = table.opt_string("name").map(|n| n.value);
            let wording = table.opt_string("text").map(|t| t.value);
            // `kind` (i, we, quality) is read for the reader of the file; pages do not show it.
            let _ = table.opt_string("kind");
            fields.absorb(table);
            if let Some(id) = statement_id {
                statements.push(StatementFile {
                    id,
                    theme,
                    name: statement_name,
                    text: wording,
                });
            }
        }
        problems.extend(fields.finish());
        if let Some(id) = id {
            frameworks.push(FrameworkFile {
                file: source.name.clone(),
                id,
                title,
                publisher,
                source: source_url,
                themes,
                statements,
            });
        }
    }
    frameworks
}
