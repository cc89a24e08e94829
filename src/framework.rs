//! Frameworks are data: the built-in ones (Making it Real, CQC's assessment of local authorities)
//! are TOML files embedded in the binary, in the same form a report will use for its own.

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
    pub name: String,
}

const BUILT_IN: &[&str] = &[
    include_str!("frameworks/making-it-real.toml"),
    include_str!("frameworks/cqc-la.toml"),
];

/// The frameworks a report uses, in the order `site.toml` names them.
#[derive(Debug, Clone, Default)]
pub struct Frameworks(Vec<Framework>);

impl Frameworks {
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
        self.0.iter().any(|f| match f.statement_pattern {
            StatementPattern::Listed => f.statements.iter().any(|s| s.id == id),
            StatementPattern::PerTheme => f.themes.iter().any(|t| {
                id.strip_prefix(&t.id)
                    .and_then(|rest| rest.strip_prefix('.'))
                    .and_then(|rest| rest.strip_prefix("we").or_else(|| rest.strip_prefix('i')))
                    .is_some_and(|n| {
                        !n.is_empty()
                            && n.bytes().all(|b| b.is_ascii_digit())
                            && !n.starts_with('0')
                    })
            }),
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
        self.0
            .iter()
            .flat_map(|f| &f.statements)
            .find(|s| s.id == id)
            .map(|s| s.name.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Framework> {
        self.0.iter()
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
    }
}
