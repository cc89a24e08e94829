//! One `Diagnostic` type for every problem Chorus finds, and its plain-text rendering.
//!
//! Editors who are not technical read these, so a message is a small piece of writing:
//! what is wrong in plain words, then where (file:line:column and the line itself),
//! then what to do.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build: nothing is written.
    Error,
    /// Worth fixing; the build goes on.
    Warning,
    /// Information the editing group should know, such as a story left out.
    Note,
}

/// Where in a file a problem is: 1-based line and column (in characters), and the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub line_text: String,
    /// How many characters of the line to underline (at least 1).
    pub width: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as the editor knows it: relative to the report folder, with `/`.
    pub file: String,
    pub location: Option<Box<Location>>,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, message)
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, message)
    }

    pub fn note(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, file, message)
    }

    fn new(severity: Severity, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.into(),
            location: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, usize, usize, Severity) {
        let (line, column) = self
            .location
            .as_ref()
            .map_or((0, 0), |l| (l.line, l.column));
        (&self.file, line, column, self.severity)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        writeln!(f, "{label}: {}", self.message)?;
        match &self.location {
            Some(l) => {
                writeln!(f, "  --> {}:{}:{}", self.file, l.line, l.column)?;
                let number = l.line.to_string();
                let gutter = " ".repeat(number.len());
                writeln!(f, "  {gutter} |")?;
                writeln!(f, "  {number} | {}", l.line_text)?;
                let pad = " ".repeat(l.column.saturating_sub(1));
                writeln!(f, "  {gutter} | {pad}{}", "^".repeat(l.width.max(1)))?;
            }
            None => writeln!(f, "  --> {}", self.file)?,
        }
        if let Some(help) = &self.help {
            writeln!(f, "  what to do: {help}")?;
        }
        Ok(())
    }
}

/// Every diagnostic of one run, in file order so an editor can work down the list.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self.0
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// "1 error", "2 warnings": counts in words for the closing line.
pub fn count_words(n: usize, singular: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {singular}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_plain_words_then_place_then_what_to_do() {
        let d = Diagnostic::error(
            "content/site.toml",
            "\"titel\" is not a setting Chorus knows.",
        )
        .at(Location {
            line: 3,
            column: 1,
            line_text: "titel = \"Our report\"".into(),
            width: 5,
        })
        .help("Did you mean \"title\"?");
        assert_eq!(
            d.to_string(),
            "error: \"titel\" is not a setting Chorus knows.\n  --> content/site.toml:3:1\n    |\n  3 | titel = \"Our report\"\n    | ^^^^^\n  what to do: Did you mean \"title\"?\n"
        );
    }
}
