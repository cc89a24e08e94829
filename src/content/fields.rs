//! Reading typed fields out of a TOML table while collecting every problem.
//!
//! serde stops at the first problem in a file; an editing group needs all of them at once, each
//! with its line. So each loader asks a `Fields` reader for the keys it knows, one by one; the
//! reader records a diagnostic for each missing or mistyped value, and when it is finished it
//! reports every key nobody asked for, with the nearest known key as a suggestion.

use crate::diagnostics::{Diagnostic, Location};
use crate::source::SourceFile;
use jiff::civil::Date;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// A value with the place it came from, so later checks can point at it.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub location: Location,
}

pub struct Fields<'a> {
    file: &'a SourceFile,
    /// Where the TOML text starts in the file (front matter sits after a `+++` line).
    base: usize,
    table: &'a DeTable<'a>,
    /// Where a missing key is reported: the table's header, or the top of the settings.
    anchor: Location,
    /// How messages name this table: "site.toml", "The story", "The [consent] table".
    subject: String,
    /// The section header a missing key belongs under, for the example in the help text.
    section: Option<String>,
    known: Vec<&'static str>,
    /// Every key is known: a table whose keys the report chooses.
    known_all: bool,
    problems: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    pub fn new(
        file: &'a SourceFile,
        base: usize,
        table: &'a DeTable<'a>,
        anchor: Location,
        subject: impl Into<String>,
    ) -> Self {
        Fields {
            file,
            base,
            table,
            anchor,
            subject: subject.into(),
            section: None,
            known: Vec::new(),
            known_all: false,
            problems: Vec::new(),
        }
    }

    pub fn file_name(&self) -> &str {
        &self.file.name
    }

    /// Where this table starts: its header, or the top of the settings.
    pub fn anchor_location(&self) -> Location {
        self.anchor.clone()
    }

    pub fn location(&self, span: Range<usize>) -> Location {
        self.file
            .location(self.base + span.start..self.base + span.end)
    }

    fn problem(&mut self, span: Range<usize>, message: String, help: String) {
        let location = self.location(span);
        self.problems.push(
            Diagnostic::error(&self.file.name, message)
                .at(location)
                .help(help),
        );
    }

    /// Looks a key up and remembers that it is a known one.
    fn get(&mut self, key: &'static str) -> Option<(&'a DeValue<'a>, Range<usize>)> {
        self.known.push(key);
        self.table
            .get(key)
            .map(|value| (value.get_ref(), value.span()))
    }

    fn missing(&mut self, key: &'static str, example: &str) {
        let example = match &self.section {
            Some(section) => {
                format!("under the line {section}, add a line such as: {key} = {example}")
            }
            None => format!("add a line such as: {key} = {example}"),
        };
        let message = format!("{} is missing \"{key}\", which it needs.", self.subject);
        self.problems.push(
            Diagnostic::error(&self.file.name, message)
                .at(self.anchor.clone())
                .help(capitalise(&example)),
        );
    }

    fn wrong_kind(&mut self, key: &str, span: Range<usize>, wanted: &str, help: String) {
        let message = format!("\"{key}\" should be {wanted}.");
        self.problem(span, message, help);
    }

    pub fn opt_string(&mut self, key: &'static str) -> Option<At<String>> {
        let (value, span) = self.get(key)?;
        match value.as_str() {
            Some(text) => Some(At {
                value: text.to_owned(),
                location: self.location(span),
            }),
            None => {
                let help = format!("Put the words in quotation marks: {key} = \"…\"");
                self.wrong_kind(key, span, "some words in quotation marks", help);
                None
            }
        }
    }

    pub fn string(&mut self, key: &'static str) -> Option<At<String>> {
        if !self.table.contains_key(key) {
            self.known.push(key);
            self.missing(key, "\"…\"");
            return None;
        }
        let text = self.opt_string(key)?;
        if text.value.trim().is_empty() {
            let message = format!("\"{key}\" is empty.");
            self.problems.push(
                Diagnostic::error(&self.file.name, message)
                    .at(text.location.clone())
                    .help(format!(
                        "Write something between the quotation marks of {key}."
                    )),
            );
            return None;
        }
        Some(text)
    }

    pub fn opt_bool(&mut self, key: &'static str) -> Option<bool> {
        let (value, span) = self.get(key)?;
        match value.as_bool() {
            Some(b) => Some(b),
            None => {
                let help = format!("Write {key} = true or {key} = false, with no quotation marks.");
                self.wrong_kind(key, span, "true or false", help);
                None
            }
        }
    }

    pub fn bool(&mut self, key: &'static str) -> Option<At<bool>> {
        if !self.table.contains_key(key) {
            self.known.push(key);
            self.missing(key, "true");
            return None;
        }
        let span = self.table.get(key).map_or(0..0, |v| v.span());
        let value = self.opt_bool(key)?;
        Some(At {
            value,
            location: self.location(span),
        })
    }

    /// Whether a key nobody asked for is a likely slip for `key` (`ownr` for `owner`), so
    /// that `key` is not reported missing as well: one mistake, one message.
    pub fn has_misspelling_of(&self, key: &'static str) -> bool {
        self.table.iter().any(|(written, _)| {
            let written = written.get_ref().as_ref();
            !self.known.contains(&written) && nearest(written, &[key]).is_some()
        })
    }

    /// Whether the key is written at all, whatever its value.
    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    pub fn opt_integer(&mut self, key: &'static str) -> Option<i64> {
        self.opt_integer_at(key).map(|n| n.value)
    }

    pub fn opt_integer_at(&mut self, key: &'static str) -> Option<At<i64>> {
        let (value, span) = self.get(key)?;
        match value
            .as_integer()
            .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok())
        {
            Some(n) => Some(At {
                value: n,
                location: self.location(span),
            }),
            None => {
                let help = format!("Write a whole number with no quotation marks: {key} = 1");
                self.wrong_kind(key, span, "a whole number", help);
                None
            }
        }
    }

    pub fn opt_date(&mut self, key: &'static str) -> Option<At<Date>> {
        let (value, span) = self.get(key)?;
        let date = match value {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
                .date
                .and_then(|d| Date::new(d.year as i16, d.month as i8, d.day as i8).ok()),
            _ => None,
        };
        match date {
            Some(date) => Some(At {
                value: date,
                location: self.location(span),
            }),
            None => {
                let quoted = value
                    .as_str()
                    .is_some_and(|s| s.trim().parse::<Date>().is_ok());
                let typed = value
                    .as_str()
                    .and_then(|s| super::dates::hint(s, Some(key)));
                let help = if quoted {
                    format!(
                        "Take away the quotation marks: {key} = {}",
                        value.as_str().unwrap_or("").trim()
                    )
                } else if let Some(typed) = typed {
                    typed
                } else {
                    format!(
                        "Write the date as year-month-day, with no quotation marks: {key} = 2025-03-14"
                    )
                };
                self.wrong_kind(key, span, "a date", help);
                None
            }
        }
    }

    pub fn date(&mut self, key: &'static str) -> Option<At<Date>> {
        if !self.table.contains_key(key) {
            self.known.push(key);
            self.missing(key, "2025-03-14");
            return None;
        }
        self.opt_date(key)
    }

    /// A list of words. Each item keeps its own place, so a check can point at the one that is wrong.
    pub fn opt_strings(&mut self, key: &'static str) -> Option<Vec<At<String>>> {
        let (value, span) = self.get(key)?;
        let items = value.as_array().and_then(|items| {
            items
                .iter()
                .map(|item| {
                    item.get_ref().as_str().map(|s| At {
                        value: s.to_owned(),
                        location: self.location(item.span()),
                    })
                })
                .collect::<Option<Vec<_>>>()
        });
        if items.is_none() {
            let help =
                format!("Write it as a list in square brackets: {key} = [\"first\", \"second\"]");
            self.wrong_kind(key, span, "a list of words in square brackets", help);
        }
        items
    }

    pub fn strings(&mut self, key: &'static str) -> Option<Vec<At<String>>> {
        if !self.table.contains_key(key) {
            self.known.push(key);
            self.missing(key, "[\"…\"]");
            return None;
        }
        let items = self.opt_strings(key)?;
        if items.is_empty() {
            let span = self.table.get(key).map_or(0..0, |v| v.span());
            let message = format!("\"{key}\" is an empty list; it needs at least one.");
            self.problem(
                span,
                message,
                format!("Add at least one to the list: {key} = [\"…\"]"),
            );
            return None;
        }
        Some(items)
    }

    /// One of a fixed set of words, such as a story's `role`.
    pub fn opt_choice<T: Copy>(&mut self, key: &'static str, options: &[(&str, T)]) -> Option<T> {
        let text = self.opt_string(key)?;
        match options.iter().find(|(name, _)| *name == text.value) {
            Some((_, choice)) => Some(*choice),
            None => {
                let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
                let mut help = format!("Use one of: {}.", names.join(", "));
                if let Some(near) = nearest(&text.value, &names) {
                    help = format!("Did you mean \"{near}\"? {help}");
                }
                let message = format!(
                    "\"{}\" is not one of the values \"{key}\" can have.",
                    text.value
                );
                self.problems.push(
                    Diagnostic::error(&self.file.name, message)
                        .at(text.location)
                        .help(help),
                );
                None
            }
        }
    }

    pub fn choice<T: Copy>(&mut self, key: &'static str, options: &[(&str, T)]) -> Option<T> {
        if !self.table.contains_key(key) {
            self.known.push(key);
            let example = format!("\"{}\"", options.first().map_or("…", |o| o.0));
            self.missing(key, &example);
            return None;
        }
        self.opt_choice(key, options)
    }

    /// A table such as `[consent]` or an inline `{ src = "…" }`, read by its own `Fields`.
    pub fn opt_table(&mut self, key: &'static str) -> Option<Fields<'a>> {
        let (value, span) = self.get(key)?;
        match value.as_table() {
            Some(table) => {
                let anchor = self.location(span);
                let mut fields = Fields::new(
                    self.file,
                    self.base,
                    table,
                    anchor,
                    format!("The [{key}] table"),
                );
                fields.section = Some(format!("[{key}]"));
                Some(fields)
            }
            None => {
                let help = format!("Write it as a table: a line [{key}] followed by its settings.");
                self.wrong_kind(key, span, "a table of settings", help);
                None
            }
        }
    }

    pub fn table(&mut self, key: &'static str) -> Option<Fields<'a>> {
        if !self.table.contains_key(key) {
            self.known.push(key);
            let message = format!(
                "{} is missing its [{key}] table, which it needs.",
                self.subject
            );
            let help = format!("Add a line [{key}] and its settings below it.");
            self.problems.push(
                Diagnostic::error(&self.file.name, message)
                    .at(self.anchor.clone())
                    .help(help),
            );
            return None;
        }
        self.opt_table(key)
    }

    /// A list of tables, such as `known_issues = [{ issue = "…" }, …]` or `[[known_issues]]`.
    pub fn opt_tables(&mut self, key: &'static str) -> Vec<Fields<'a>> {
        let Some((value, span)) = self.get(key) else {
            return Vec::new();
        };
        let tables: Option<Vec<_>> = value.as_array().and_then(|items| {
            items
                .iter()
                .map(|item| item.get_ref().as_table().map(|t| (t, item.span())))
                .collect()
        });
        match tables {
            Some(tables) => tables
                .into_iter()
                .map(|(table, item_span)| {
                    let mut fields = Fields::new(
                        self.file,
                        self.base,
                        table,
                        self.location(item_span),
                        format!("An entry of {key}"),
                    );
                    fields.section = Some(format!("[[{key}]]"));
                    fields
                })
                .collect(),
            None => {
                let help =
                    format!("Write each one as a table: [[{key}]] followed by its settings.");
                self.wrong_kind(key, span, "a list of tables", help);
                Vec::new()
            }
        }
    }

    /// Every key of a table whose keys are names the report chooses (`[sheets]`), each with
    /// its value as words.
    pub fn free_strings(&mut self) -> Vec<(At<String>, At<String>)> {
        let mut found = Vec::new();
        let table = self.table;
        for (key, value) in table.iter() {
            let name = At {
                value: key.get_ref().to_string(),
                location: self.location(key.span()),
            };
            match value.get_ref().as_str() {
                Some(text) => found.push((
                    name,
                    At {
                        value: text.to_owned(),
                        location: self.location(value.span()),
                    },
                )),
                None => {
                    let help = format!(
                        "Put the words in quotation marks: \"{}\" = \"…\"",
                        name.value
                    );
                    self.wrong_kind(
                        &name.value,
                        value.span(),
                        "some words in quotation marks",
                        help,
                    );
                }
            }
        }
        self.known_all = true;
        found
    }

    /// Takes a nested reader's problems once it has been read.
    pub fn absorb(&mut self, nested: Fields<'_>) {
        self.problems.extend(nested.finish());
    }

    /// Takes problems found by a helper that read a nested table on its own.
    pub fn add_problems(&mut self, problems: Vec<Diagnostic>) {
        self.problems.extend(problems);
    }

    /// Keys a translation takes from its original (`original`, such as
    /// `content/stories/x.md`): each one written here anyway gets a warning, and is not read.
    pub fn inherited(&mut self, keys: &[&'static str], original: &str) {
        self.known.extend(keys);
        let repeated: Vec<(String, Range<usize>)> = self
            .table
            .iter()
            .filter(|(key, _)| keys.contains(&key.get_ref().as_ref()))
            .map(|(key, _)| (key.get_ref().to_string(), key.span()))
            .collect();
        for (key, span) in repeated {
            let location = self.location(span);
            self.problems.push(
                Diagnostic::warning(
                    &self.file.name,
                    format!("A translation takes \"{key}\" from the file it translates, so this \"{key}\" is not used."),
                )
                .at(location)
                .help(format!("Delete this setting from the translation. To change it, change it in {original}.")),
            );
        }
    }

    /// Reports every key that was not asked for, and returns all problems.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        let unknown: Vec<(String, Range<usize>)> = self
            .table
            .iter()
            .filter(|(key, _)| !self.known_all && !self.known.contains(&key.get_ref().as_ref()))
            .map(|(key, _)| (key.get_ref().to_string(), key.span()))
            .collect();
        for (key, span) in unknown {
            let known = self.known.clone();
            let help = match nearest(&key, &known) {
                Some(near) => {
                    format!("Did you mean \"{near}\"? Correct the spelling, or remove the line.")
                }
                None => format!(
                    "Remove the line, or use one of the settings Chorus knows here: {}.",
                    known.join(", ")
                ),
            };
            let message = format!(
                "\"{key}\" is not a setting Chorus knows in {}.",
                self.where_()
            );
            self.problem(span, message, help);
        }
        self.problems
    }

    fn where_(&self) -> String {
        match &self.section {
            Some(section) => section.clone(),
            None => self.subject.to_lowercase(),
        }
    }
}

/// The known word closest to a misspelt one, if any is close enough to be a likely slip.
pub fn nearest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let word = word.to_lowercase();
    let length = word.chars().count();
    let close_enough = |k: &str| (k.chars().count() / 3).max(1);
    known
        .iter()
        // Words whose lengths differ by more than that are never close enough; leaving them out
        // first spares comparing a hostile key of a million letters with every known one.
        .filter(|k| length.abs_diff(k.chars().count()) <= close_enough(k))
        .map(|k| (strsim::damerau_levenshtein(&word, k), *k))
        .filter(|(distance, k)| *distance <= close_enough(k))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_suggests_likely_slips_only() {
        let known = ["title", "summary", "storyteller"];
        assert_eq!(nearest("titel", &known), Some("title"));
        assert_eq!(nearest("Sumary", &known), Some("summary"));
        assert_eq!(nearest("colour", &known), None);
    }
}
