//! Frameworks are data: the built-in ones (Making it Real, CQC's assessment of local authorities)
//! are TOML files embedded in the binary, in the same form a report uses for its own. A report's
//! `content/frameworks/<id>.toml` adds a framework of its own, or gives the wording of the
//! statements it uses from a built-in one: that wording is the publisher's text, so the binary
//! carries ids, theme names and CQC's statement names only.

use crate::content::fields::{At, nearest};
use crate::content::frameworks::FrameworkFile;
use crate::diagnostics::Diagnostic;
use crate::rules;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Framework {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub source: String,
    statement_pattern: StatementPattern,
    #[serde(rename = "theme")]
    pub themes: Vec<Theme>,
    #[serde(rename = "statement", default)]
    pub statements: Vec<Statement>,
}

/// How statement ids are known: listed one by one, or numbered within each theme
/// (`<theme>.i<n>` and `<theme>.we<n>`), as Making it Real's are.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum StatementPattern {
    Listed,
    PerTheme,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Theme {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Statement {
    pub id: String,
    pub theme: String,
    /// A short name, where the publisher gives one (CQC's quality statements).
    #[serde(default)]
    pub name: Option<String>,
    /// The statement's wording, only ever from the report's own framework file.
    #[serde(skip)]
    pub text: Option<String>,
}

const BUILT_IN_IDS: &[&str] = &["making-it-real", "cqc-la"];

const BUILT_IN: &[&str] = &[
    include_str!("frameworks/making-it-real.toml"),
    include_str!("frameworks/cqc-la.toml"),
];

/// The frameworks a report uses, in the order `site.toml` names them.
#[derive(Debug, Clone, Default)]
pub struct Frameworks(Vec<Framework>);

impl Frameworks {
    /// The frameworks a report uses: the built-in ones `site.toml` names, extended by the
    /// report's framework files, and the report's own frameworks.
    pub fn for_report(
        ids: &[At<String>],
        files: &[FrameworkFile],
    ) -> (Frameworks, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let built_in_ids: Vec<&str> = BUILT_IN_IDS.to_vec();
        let own: Vec<&FrameworkFile> = files
            .iter()
            .filter(|f| !built_in_ids.contains(&f.id.value.as_str()))
            .collect();
        for id in ids {
            let known = built_in_ids.contains(&id.value.as_str())
                || own.iter().any(|f| f.id.value == id.value);
            if !known {
                let near = nearest(&id.value, &built_in_ids)
                    .map(|n| format!("Did you mean \"{n}\"? "))
                    .unwrap_or_default();
                problems.push(
                    Diagnostic::error(rules::FRAMEWORK_UNKNOWN, "content/site.toml", format!("\"{}\" is not a framework Chorus knows.", id.value))
                        .at(id.location())
                        .help(format!("{near}Use \"making-it-real\" (TLAP's Making it Real) or \"cqc-la\" (CQC's assessment of local authorities), or add the framework as content/frameworks/{}.toml.", id.value)),
                );
            }
        }
        let listed: Vec<String> = ids.iter().map(|i| i.value.clone()).collect();
        let mut frameworks = Frameworks::built_in(&listed);
        for file in files {
            match frameworks.0.iter_mut().find(|f| f.id == file.id.value) {
                Some(framework) => problems.extend(framework.extend_with(file)),
                None if built_in_ids.contains(&file.id.value.as_str()) => problems.push(
                    Diagnostic::warning(
                        rules::FRAMEWORK_NOT_USED,
                        &file.file,
                        format!(
                            "This report does not use {}, so this file's wording is not shown.",
                            file.id.value
                        ),
                    )
                    .at(file.id.location())
                    .help(format!(
                        "Add \"{}\" to frameworks in site.toml, or delete this file.",
                        file.id.value
                    )),
                ),
                None => match Framework::own(file) {
                    Ok(framework) => frameworks.0.push(framework),
                    Err(found) => problems.extend(found),
                },
            }
        }
        (frameworks, problems)
    }

    pub fn built_in(ids: &[String]) -> Frameworks {
        let all: Vec<Framework> = BUILT_IN
            .iter()
            // The built-in files ship with the binary and a unit test reads each one.
            .filter_map(|text| toml::from_str(text).ok())
            .collect();
        Frameworks(
            ids.iter()
                .filter_map(|id| all.iter().find(|f| &f.id == id).cloned())
                .collect(),
        )
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.0.iter().flat_map(|f| &f.themes).find(|t| t.id == id)
    }

    pub fn theme_ids(&self) -> Vec<&str> {
        self.0
            .iter()
            .flat_map(|f| &f.themes)
            .map(|t| t.id.as_str())
            .collect()
    }

    /// Every theme as a person types it and reads it: `mir.info (Information and advice)`.
    pub fn themes_with_names(&self) -> Vec<String> {
        self.0
            .iter()
            .flat_map(|f| &f.themes)
            .map(|t| format!("{} ({})", t.id, t.name))
            .collect()
    }

    pub fn is_statement(&self, id: &str) -> bool {
        self.0.iter().any(|f| {
            f.statements.iter().any(|s| s.id == id)
                || (matches!(f.statement_pattern, StatementPattern::PerTheme)
                    && f.theme_of_numbered(id).is_some())
        })
    }

    /// The ids of the statements the frameworks list one by one (CQC's quality statements).
    pub fn listed_statement_ids(&self) -> Vec<&str> {
        self.0
            .iter()
            .flat_map(|f| &f.statements)
            .map(|s| s.id.as_str())
            .collect()
    }

    /// A statement's short name, where its framework gives one (CQC's quality statements).
    pub fn statement_name(&self, id: &str) -> Option<&str> {
        self.statement(id).and_then(|s| s.name.as_deref())
    }

    /// A statement as the report knows it: listed by its framework or its framework file.
    pub fn statement(&self, id: &str) -> Option<&Statement> {
        self.0
            .iter()
            .flat_map(|f| &f.statements)
            .find(|s| s.id == id)
    }

    /// The framework a statement or theme id belongs to.
    pub fn framework_of(&self, id: &str) -> Option<&Framework> {
        self.0.iter().find(|f| {
            f.themes.iter().any(|t| t.id == id)
                || f.statements.iter().any(|s| s.id == id)
                || (matches!(f.statement_pattern, StatementPattern::PerTheme)
                    && f.theme_of_numbered(id).is_some())
        })
    }

    /// The theme a statement belongs to.
    pub fn theme_of(&self, statement: &str) -> Option<&Theme> {
        let framework = self.framework_of(statement)?;
        let theme = match framework.statements.iter().find(|s| s.id == statement) {
            Some(s) => s.theme.as_str(),
            None => framework.theme_of_numbered(statement)?,
        };
        framework.themes.iter().find(|t| t.id == theme)
    }

    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.0.iter().find(|f| f.id == id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Framework> {
        self.0.iter()
    }
}

impl Framework {
    /// For a framework whose statements are numbered within each theme: the theme of
    /// `<theme>.i<n>` or `<theme>.we<n>`.
    fn theme_of_numbered(&self, id: &str) -> Option<&str> {
        self.themes.iter().map(|t| t.id.as_str()).find(|theme| {
            id.strip_prefix(theme)
                .and_then(|rest| rest.strip_prefix('.'))
                .and_then(|rest| rest.strip_prefix("we").or_else(|| rest.strip_prefix('i')))
                .is_some_and(|n| {
                    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0')
                })
        })
    }

    /// Adds a report's wording (and names) to the statements of a built-in framework. Each
    /// statement must be one of the framework's.
    fn extend_with(&mut self, file: &FrameworkFile) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for given in &file.statements {
            let id = given.id.value.as_str();
            if let Some(listed) = self.statements.iter_mut().find(|s| s.id == id) {
                listed.text = given.text.clone().or(listed.text.take());
                if given.name.is_some() {
                    listed.name = given.name.clone();
                }
                continue;
            }
            match self.theme_of_numbered(id).map(str::to_owned) {
                Some(theme) => self.statements.push(Statement {
                    id: id.to_owned(),
                    theme,
                    name: given.name.clone(),
                    text: given.text.clone(),
                }),
                None => {
                    let known: Vec<&str> = self.statements.iter().map(|s| s.id.as_str()).collect();
                    let near = nearest(id, &known)
                        .map(|n| format!("Did you mean \"{n}\"? "))
                        .unwrap_or_default();
                    problems.push(
                        Diagnostic::error(
                            rules::STATEMENT_UNKNOWN,
                            &file.file,
                            format!("\"{id}\" is not a statement of {}.", self.title),
                        )
                        .at(given.id.location())
                        .help(format!("{near}{}", statement_forms(self))),
                    );
                }
            }
        }
        problems
    }

    /// A report's own framework, whole.
    fn own(file: &FrameworkFile) -> Result<Framework, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut need = |what: &str, given: bool| {
            if !given {
                problems.push(
                    Diagnostic::error(rules::FRAMEWORK_NEEDS_SETTING, &file.file, format!("A framework of the report's own needs \"{what}\"."))
                        .at(file.id.location())
                        .help(format!("Add a line such as: {what} = \"…\". (To give the wording of a built-in framework's statements, use its id: making-it-real or cqc-la.)")),
                );
            }
        };
        need("title", file.title.is_some());
        need("publisher", file.publisher.is_some());
        need("source", file.source.is_some());
        if file.themes.is_empty() {
            problems.push(
                Diagnostic::error(
                    rules::FRAMEWORK_NO_THEMES,
                    &file.file,
                    "A framework of the report's own needs at least one theme.",
                )
                .at(file.id.location())
                .help("Add a [[theme]] with an id and a name."),
            );
        }
        let theme_ids: Vec<&str> = file.themes.iter().map(|t| t.id.value.as_str()).collect();
        let mut statements = Vec::new();
        for given in &file.statements {
            let theme = given
                .theme
                .as_ref()
                .filter(|t| theme_ids.contains(&t.value.as_str()));
            match theme {
                Some(theme) => statements.push(Statement {
                    id: given.id.value.clone(),
                    theme: theme.value.clone(),
                    name: given.name.clone(),
                    text: given.text.clone(),
                }),
                None => problems.push(
                    Diagnostic::error(
                        rules::STATEMENT_NEEDS_THEME,
                        &file.file,
                        format!(
                            "The statement \"{}\" needs the id of one of this framework's themes.",
                            given.id.value
                        ),
                    )
                    .at(given
                        .theme
                        .as_ref()
                        .map_or(given.id.location(), |t| t.location()))
                    .help(format!(
                        "Write theme = \"…\" with one of: {}.",
                        theme_ids.join(", ")
                    )),
                ),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Framework {
            id: file.id.value.clone(),
            title: file.title.clone().unwrap_or_default(),
            publisher: file.publisher.clone().unwrap_or_default(),
            source: file.source.clone().unwrap_or_default(),
            statement_pattern: StatementPattern::Listed,
            themes: file
                .themes
                .iter()
                .map(|t| Theme {
                    id: t.id.value.clone(),
                    name: t.name.clone(),
                })
                .collect(),
            statements,
        })
    }
}

/// How a framework's statement ids are written, for a message.
pub fn statement_forms(framework: &Framework) -> String {
    match framework.statement_pattern {
        StatementPattern::PerTheme => format!(
            "Its statements are written <theme>.i<n> and <theme>.we<n>, such as {}.i1.",
            framework
                .themes
                .first()
                .map_or("mir.asc", |t| t.id.as_str())
        ),
        StatementPattern::Listed => format!(
            "Its statements are: {}.",
            framework
                .statements
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_framework_reads() {
        for text in BUILT_IN {
            let framework: Framework = toml::from_str(text).expect("built-in framework");
            assert!(!framework.themes.is_empty());
        }
        let ids = ["making-it-real".to_owned(), "cqc-la".to_owned()];
        assert_eq!(Frameworks::built_in(&ids).iter().count(), 2);
    }

    #[test]
    fn statement_ids_follow_each_framework() {
        let f = Frameworks::built_in(&["making-it-real".to_owned(), "cqc-la".to_owned()]);
        assert!(f.is_statement("mir.asc.i1"));
        assert!(f.is_statement("mir.asc.we3"));
        assert!(!f.is_statement("mir.asc.x1"));
        assert!(!f.is_statement("mir.nope.i1"));
        assert!(f.is_statement("cqc-la.qs9"));
        assert!(!f.is_statement("cqc-la.qs10"));
        assert_eq!(f.theme("mir.wf").unwrap().name, "Workforce");
        assert_eq!(f.theme_of("mir.asc.we3").unwrap().id, "mir.asc");
        assert_eq!(f.theme_of("cqc-la.qs7").unwrap().id, "cqc-la.t3");
    }
}
