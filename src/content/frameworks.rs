//! `content/frameworks/<id>.toml`: a report's own framework, or the wording of the statements
//! it uses from a built-in one (whose wording is the publisher's, so never in the binary).

use super::fields::{At, Fields};
use super::{read_source, read_toml_file, walk_folder};
use crate::diagnostics::Diagnostic;
use crate::report_files::ReportFiles;
use crate::rules;
use jiff::civil::Date;
use std::sync::Arc;

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
                Diagnostic::warning(rules::UNREAD_FILE_TYPE, &found.name, "Chorus reads only .toml files in content/frameworks/, so it does not read this one.")
                    .help("Write a framework, or the wording of a built-in framework's statements, as <id>.toml."),
            );
            continue;
        }
        let source = match read_source(files, &name) {
            Ok(source) => Arc::new(source),
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let (framework, found) =
            read_toml_file(&source, today, "This framework", problems, |fields| {
                read(&source.name, fields)
            });
        problems.extend(found);
        frameworks.extend(framework);
    }
    frameworks
}

/// Reads one framework file's settings.
fn read(file: &str, mut fields: Fields<'_>) -> (Option<FrameworkFile>, Vec<Diagnostic>) {
    let id = fields.string("id");
    let title = fields.opt_string("title").map(|t| t.value);
    let publisher = fields.opt_string("publisher").map(|t| t.value);
    let source = fields.opt_string("source").map(|t| t.value);
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
        let name = table.opt_string("name").map(|n| n.value);
        let text = table.opt_string("text").map(|t| t.value);
        // `kind` (i, we, quality) is read for the reader of the file; pages do not show it.
        let _ = table.opt_string("kind");
        fields.absorb(table);
        if let Some(id) = statement_id {
            statements.push(StatementFile {
                id,
                theme,
                name,
                text,
            });
        }
    }
    let problems = fields.finish();
    let framework = id.map(|id| FrameworkFile {
        file: file.to_owned(),
        id,
        title,
        publisher,
        source,
        themes,
        statements,
    });
    (framework, problems)
}
