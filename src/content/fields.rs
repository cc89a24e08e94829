//! Reading typed fields out of a TOML table while collecting every problem.
//!
//! serde stops at the first problem in a file; an editing group needs all of them at once, each
//! with its line. So each loader asks a `Fields` reader for the keys it knows, one by one; the
//! reader records a diagnostic for each missing or mistyped value, and when it is finished it
//! reports every key nobody asked for, with the nearest known key as a suggestion.

use super::dates;
use crate::diagnostics::{Diagnostic, Location};
use crate::rules::{self, Rule};
use crate::source::{Place, SourceFile};
use jiff::civil::Date;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;
use toml::de::{DeTable, DeValue};

/// The TOML text a `Fields` reads from: its file, where it starts in the file, the day the
/// examples in messages are made for, and where the TOML reader already reported a mistake.
#[derive(Clone, Copy)]
pub struct TomlText<'a> {
    pub file: &'a Arc<SourceFile>,
    /// Where the TOML text starts in the file (front matter sits after a `+++` line).
    pub base: usize,
    /// Examples of dates in messages start from it, so that none is in the past where the past
    /// would leave a story out (a `review_by` example is a year ahead).
    pub today: Date,
    /// Byte ranges of the TOML text whose syntax mistake was reported: nothing more is said there.
    pub broken: &'a [Range<usize>],
    /// Byte ranges of values written as bare words (`given = yes`), which the TOML reader read
    /// as words: the reader of each says what the setting takes, once it knows.
    pub unquoted: &'a [Range<usize>],
}

/// A list of names (a story's or an entry's `themes` and `statements`) with each name kept
/// once, at its first place: a name written twice adds nothing, so the evidence map lists the
/// story or entry once and its page links the theme once. Linear, however long the list.
pub fn each_once(mut names: Vec<At<String>>) -> Vec<At<String>> {
    let mut seen = HashSet::with_capacity(names.len());
    names.retain(|name| seen.insert(name.value.clone()));
    names
}

/// A value with the place it came from, so later checks can point at it.
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub place: Place,
}

impl<T> At<T> {
    /// A value whose place is already made (a spreadsheet's cell).
    pub fn made(value: T, location: Location) -> Self {
        At {
            value,
            place: location.into(),
        }
    }

    /// Where the value was written, for a message.
    pub fn location(&self) -> Location {
        self.place.location()
    }
}

pub struct Fields<'a> {
    file: &'a Arc<SourceFile>,
    /// Where the TOML text starts in the file (front matter sits after a `+++` line).
    base: usize,
    today: Date,
    broken: &'a [Range<usize>],
    unquoted: &'a [Range<usize>],
    /// Where a problem was reported, so that a bare word is not reported again.
    said: Vec<Range<usize>>,
    /// The keys read as true or false.
    booleans: Vec<&'static str>,
    table: &'a DeTable<'a>,
    /// Where a missing key is reported: the table's header, or the top of the settings.
    anchor: Place,
    /// How messages name this table: "site.toml", "The story", "The [consent] table".
    subject: String,
    /// The section header a missing key belongs under, for the example in the help text.
    section: Option<String>,
    known: Vec<&'static str>,
    /// Every key is known: a table whose keys the report chooses.
    known_all: bool,
    /// Tables of this file whose settings and this table's own are easily put on the wrong
    /// side of the line in square brackets (`withdrawn` above `[consent]`).
    apart: Vec<Apart>,
    /// In a table of `apart`: which one, so that its own settings written below its line
    /// (`Apart::own`) are told to move up.
    around: Option<Apart>,
    /// In a table of `apart`: its settings written above its line, which the table around it
    /// reports, so they are not also reported missing here.
    written_above: Vec<&'static str>,
    problems: Vec<Diagnostic>,
    /// Keys that are needed and not there; reported together by `finish`, unless an unknown key
    /// is their misspelling.
    missing: Vec<Missing>,
}

/// A key as written, and where.
type Written = (String, Range<usize>);

/// A table whose settings a file's own are kept apart from: see `Fields::keep_apart`.
#[derive(Debug, Clone, Copy)]
struct Apart {
    table: &'static str,
    /// The settings of `[table]`.
    keys: &'static [&'static str],
    /// The settings of the table around it, and how a message names their owner.
    own: &'static [&'static str],
    owner: &'static str,
}

/// A setting a translation repeats from the file it translates.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeated {
    pub key: String,
    /// The table it is in (`image`), or `None` at the top.
    pub section: Option<String>,
    pub location: Location,
}

/// A needed setting that is not there, and the line (or, for a table, the block) to add.
struct Missing {
    key: &'static str,
    lines: String,
    table: bool,
}

impl<'a> Fields<'a> {
    pub fn new(
        text: TomlText<'a>,
        table: &'a DeTable<'a>,
        anchor: Place,
        subject: impl Into<String>,
    ) -> Self {
        Fields {
            file: text.file,
            base: text.base,
            today: text.today,
            broken: text.broken,
            unquoted: text.unquoted,
            said: Vec::new(),
            booleans: Vec::new(),
            table,
            anchor,
            subject: subject.into(),
            section: None,
            known: Vec::new(),
            known_all: false,
            apart: Vec::new(),
            around: None,
            written_above: Vec::new(),
            problems: Vec::new(),
            missing: Vec::new(),
        }
    }

    /// A reader for a table inside this one, sharing its text.
    fn nested(&self, table: &'a DeTable<'a>, anchor: Place, subject: String) -> Fields<'a> {
        Fields::new(
            TomlText {
                file: self.file,
                base: self.base,
                today: self.today,
                broken: self.broken,
                unquoted: self.unquoted,
            },
            table,
            anchor,
            subject,
        )
    }

    /// The day the report is read on.
    pub fn today(&self) -> Date {
        self.today
    }

    /// An example date for a setting: a year ahead for a review or a plan, today otherwise.
    pub fn example_date(&self, key: &str) -> Date {
        if matches!(key, "review_by" | "fix_by" | "target_date") {
            crate::starter::review_date(self.today)
        } else {
            self.today
        }
    }

    /// Whether the TOML reader already reported a mistake where this span is.
    fn is_broken(&self, span: &Range<usize>) -> bool {
        self.broken
            .iter()
            .any(|b| b.start <= span.end && span.start <= b.end)
    }

    pub fn file_name(&self) -> &str {
        &self.file.name
    }

    /// Where this table starts: its header, or the top of the settings.
    pub fn anchor_location(&self) -> Location {
        self.anchor.location()
    }

    /// Where this table starts, as a place kept for later.
    pub fn anchor_place(&self) -> Place {
        self.anchor.clone()
    }

    pub fn location(&self, span: Range<usize>) -> Location {
        self.file.location(self.in_file(span))
    }

    /// A place in the TOML text, made a line and column only if a message needs it.
    pub fn place(&self, span: Range<usize>) -> Place {
        Place::InFile(self.file.clone(), self.in_file(span))
    }

    /// A span of the TOML text as a span of its file.
    fn in_file(&self, span: Range<usize>) -> Range<usize> {
        self.base + span.start..self.base + span.end
    }

    fn problem(&mut self, rule: &'static Rule, span: Range<usize>, message: String, help: String) {
        if self.is_broken(&span) {
            return;
        }
        self.said.push(span.clone());
        let location = self.location(span);
        self.problems.push(
            Diagnostic::error(rule, &self.file.name, message)
                .at(location)
                .help(help),
        );
    }

    /// Looks a key up and remembers that it is a known one.
    fn get(&mut self, key: &'static str) -> Option<(&'a DeValue<'a>, Range<usize>)> {
        self.known.push(key);
        let value = self.table.get(key)?;
        // A value on a line the TOML reader could not read is what it made of the line, not
        // what was written (a path's backslashes taken as escapes, curly quotation marks kept
        // as words). The line has its message, so the value is not used: nothing more is said
        // of it. A table is more than one line, and only its broken lines are passed over.
        if value.get_ref().as_table().is_none() && self.is_broken(&value.span()) {
            return None;
        }
        Some((value.get_ref(), value.span()))
    }

    /// A setting as written, or one in the table `table` (`[consent]`'s `withdrawn`), without
    /// reading it: the setting stays unread, and is reported as the reader decides.
    pub fn peek(&self, table: Option<&str>, key: &str) -> Option<(&'a DeValue<'a>, Location)> {
        let value = match table {
            None => self.table.get(key)?,
            Some(table) => self.table.get(table)?.get_ref().as_table()?.get(key)?,
        };
        Some((value.get_ref(), self.location(value.span())))
    }

    /// Records that `key`, which is needed, is not there: reported with the others that are
    /// missing, in one message, when the reader is finished.
    pub fn missing(&mut self, key: &'static str, example: &str) {
        // Written on a line the TOML reader could not read: that line has its message.
        if self
            .table
            .get(key)
            .is_some_and(|value| self.is_broken(&value.span()))
        {
            return;
        }
        self.missing.push(Missing {
            key,
            lines: format!("{key} = {example}"),
            table: false,
        });
    }

    fn wrong_kind(&mut self, key: &str, span: Range<usize>, wanted: &str, help: String) {
        let message = format!("\"{key}\" should be {wanted}.");
        self.problem(rules::SETTING_WRONG_KIND, span, message, help);
    }

    pub fn opt_string(&mut self, key: &'static str) -> Option<At<String>> {
        let (value, span) = self.get(key)?;
        match value.as_str() {
            Some(text) => Some(At {
                value: text.to_owned(),
                place: self.place(span),
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
                Diagnostic::error(rules::SETTING_EMPTY, &self.file.name, message)
                    .at(text.location())
                    .help(format!(
                        "Write something between the quotation marks of {key}."
                    )),
            );
            return None;
        }
        Some(text)
    }

    pub fn opt_bool(&mut self, key: &'static str) -> Option<bool> {
        self.booleans.push(key);
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
            place: self.place(span),
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

    /// Whether the key is written as a list.
    pub fn is_list(&self, key: &str) -> bool {
        self.table
            .get(key)
            .is_some_and(|v| v.get_ref().as_array().is_some())
    }

    /// Whether the key is written as a whole number.
    pub fn is_integer(&self, key: &str) -> bool {
        self.table
            .get(key)
            .is_some_and(|v| v.get_ref().as_integer().is_some())
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
                place: self.place(span),
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
        // A date, and whether a time (or a time zone) was written after it.
        let (date, with_time) = match value {
            DeValue::Datetime(dt) => (
                dt.date
                    .and_then(|d| Date::new(d.year as i16, d.month as i8, d.day as i8).ok()),
                dt.time.is_some() || dt.offset.is_some(),
            ),
            _ => (None, false),
        };
        if let Some(date) = date
            && !with_time
        {
            return Some(At {
                value: date,
                place: self.place(span),
            });
        }
        let text = value.as_str().unwrap_or_default();
        let help = if let Some(date) = date {
            format!("A date here is the day alone, year-month-day, without a time: {key} = {date}")
        } else if let Ok(date) = text.trim().parse::<Date>() {
            format!("Take away the quotation marks: {key} = {date}")
        } else if let Some(why) = dates::no_such_day(text) {
            why
        } else if let Some(typed) = dates::read_typed(text) {
            format!(
                "{} With no quotation marks: {key} = {}",
                typed.hint(),
                typed.iso()
            )
        } else {
            format!(
                "Write the date as year-month-day, with no quotation marks: {key} = {}",
                self.example_date(key)
            )
        };
        self.wrong_kind(key, span, "a date", help);
        None
    }

    pub fn date(&mut self, key: &'static str) -> Option<At<Date>> {
        if !self.table.contains_key(key) {
            self.known.push(key);
            let example = self.example_date(key).to_string();
            self.missing(key, &example);
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
                        place: self.place(item.span()),
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
                rules::SETTING_EMPTY,
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
                let span = self.table.get(key).map_or(0..0, |v| v.span());
                self.problem(rules::SETTING_NOT_A_CHOICE, span, message, help);
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
                let anchor = self.place(span);
                let mut fields = self.nested(table, anchor, format!("The [{key}] table"));
                fields.section = Some(format!("[{key}]"));
                if let Some(apart) = self.apart.iter().find(|apart| apart.table == key) {
                    fields.around = Some(*apart);
                    fields.written_above = (apart.keys.iter())
                        .filter(|k| self.table.contains_key(**k))
                        .copied()
                        .collect();
                }
                Some(fields)
            }
            None => {
                let help = format!("Write it as a table: a line [{key}] followed by its settings.");
                self.wrong_kind(key, span, "a table of settings", help);
                None
            }
        }
    }

    /// A table the file needs; `block` makes its settings as a message shows them to paste,
    /// the `[key]` line first (only when the table is missing: making it can cost more than
    /// reading the file).
    pub fn table(
        &mut self,
        key: &'static str,
        block: impl FnOnce() -> String,
    ) -> Option<Fields<'a>> {
        if !self.table.contains_key(key) {
            self.known.push(key);
            self.missing.push(Missing {
                key,
                lines: block(),
                table: true,
            });
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
                    let mut fields =
                        self.nested(table, self.place(item_span), format!("An entry of {key}"));
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
            // A line the TOML reader could not read has its message: nothing more is said.
            if self.is_broken(&key.span()) || self.is_broken(&value.span()) {
                continue;
            }
            let name = At {
                value: key.get_ref().to_string(),
                place: self.place(key.span()),
            };
            match value.get_ref().as_str() {
                Some(text) => found.push((
                    name,
                    At {
                        value: text.to_owned(),
                        place: self.place(value.span()),
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

    /// Keys a translation takes from its original: each one written here anyway is returned,
    /// with its place, for the check stage to report beside the original's; it is not read.
    pub fn inherited(&mut self, keys: &[&'static str]) -> Vec<Repeated> {
        self.known.extend(keys);
        let repeated: Vec<(String, Range<usize>)> = self
            .table
            .iter()
            .filter(|(key, _)| keys.contains(&key.get_ref().as_ref()))
            .map(|(key, _)| (key.get_ref().to_string(), key.span()))
            .collect();
        repeated
            .into_iter()
            .map(|(key, span)| Repeated {
                key,
                section: self
                    .section
                    .as_ref()
                    .map(|s| s.trim_matches(['[', ']']).to_owned()),
                location: self.location(span),
            })
            .collect()
    }

    /// Reports every key that was not asked for, then the needed ones that are missing, and
    /// returns all problems. A missing key that an unknown one is the misspelling of is not
    /// reported: the misspelling's message says all there is to say.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        let unknown: Vec<(String, Range<usize>)> = self
            .table
            .iter()
            .filter(|(key, _)| !self.known_all && !self.known.contains(&key.get_ref().as_ref()))
            .map(|(key, _)| (key.get_ref().to_string(), key.span()))
            .collect();
        let (unknown, moved) = self.on_the_wrong_side(unknown);
        let mut misspelt: HashSet<&str> = HashSet::new();
        misspelt.extend(moved);
        misspelt.extend(std::mem::take(&mut self.written_above));
        for (key, span) in unknown {
            let known = self.known.clone();
            let near = nearest(&key, &known);
            misspelt.extend(near);
            let help = match near {
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
            self.problem(rules::SETTING_UNKNOWN, span, message, help);
        }
        self.bare_words();
        let missing: Vec<Missing> = std::mem::take(&mut self.missing)
            .into_iter()
            .filter(|m| !misspelt.contains(m.key))
            .collect();
        if let Some(problem) = self.missing_problem(&missing) {
            self.problems.push(problem);
        }
        self.problems
    }

    /// Keeps the settings of the table `[table]` (its `keys`) and this table's own (`own`,
    /// named as `owner`'s: "the story") apart: one written on the wrong side of the `[table]`
    /// line is told to move, not to be deleted as unknown, and is not also reported missing
    /// where it belongs. Keys that no file writes under `[table]` without the line before them
    /// are one message: the line is missing. Call before reading `[table]`.
    pub fn keep_apart(
        &mut self,
        table: &'static str,
        keys: &'static [&'static str],
        own: &'static [&'static str],
        owner: &'static str,
    ) {
        self.apart.push(Apart {
            table,
            keys,
            own,
            owner,
        });
    }

    /// Of the unknown keys, those that belong on the other side of a line in square brackets
    /// get their message here; the others are returned, with the keys said to be moved (so
    /// that they are not reported missing here).
    fn on_the_wrong_side(&mut self, unknown: Vec<Written>) -> (Vec<Written>, Vec<&'static str>) {
        let mut left = Vec::new();
        // By table: the keys of a nested table written above its line (or with no line).
        let mut above: Vec<(&'static str, Vec<Written>)> = Vec::new();
        for (key, span) in unknown {
            let below = self
                .apart
                .iter()
                .find(|apart| apart.keys.contains(&key.as_str()));
            if let Some(apart) = below {
                match above.iter_mut().find(|(table, _)| *table == apart.table) {
                    Some((_, keys)) => keys.push((key, span)),
                    None => above.push((apart.table, vec![(key, span)])),
                }
            } else if let Some(around) = self.around.filter(|a| a.own.contains(&key.as_str())) {
                let table = around.table;
                self.problem(
                    rules::SETTING_IN_WRONG_TABLE,
                    span,
                    format!("\"{key}\" is a setting of {}, but it is written below the [{table}] line, so Chorus reads it as part of the [{table}] table, which has no such setting.", around.owner),
                    format!("Move this line above the [{table}] line: every line below [{table}], up to the next line in square brackets, belongs to it."),
                );
            } else {
                left.push((key, span));
            }
        }
        let mut moved = Vec::new();
        for (table, keys) in above {
            let names: Vec<String> = keys.iter().map(|(k, _)| format!("\"{k}\"")).collect();
            let (setting, they_are, it) = if names.len() == 1 {
                ("is a setting", "it is", "it")
            } else {
                ("are settings", "they are", "them")
            };
            let names = in_a_list(&names);
            let (message, help) = if self.table.contains_key(table) {
                (
                    format!(
                        "{names} {setting} of the [{table}] table, but {they_are} written above the [{table}] line, where Chorus does not read {it}."
                    ),
                    format!(
                        "Move {it} below the [{table}] line. Do not delete {it}: {they_are} needed there."
                    ),
                )
            } else {
                moved.push(table);
                (
                    format!(
                        "{names} {setting} of the [{table}] table, but the file has no [{table}] line, so Chorus does not read {it}."
                    ),
                    format!(
                        "Write a line [{table}] on its own just above {it}, after every other setting."
                    ),
                )
            };
            self.problem(
                rules::SETTING_IN_WRONG_TABLE,
                keys[0].1.clone(),
                message,
                help,
            );
        }
        // A setting of this table written below a nested table's line is reported there.
        for apart in &self.apart {
            let Some(nested) = self
                .table
                .get(apart.table)
                .and_then(|v| v.get_ref().as_table())
            else {
                continue;
            };
            moved.extend(apart.own.iter().filter(|key| nested.contains_key(**key)));
        }
        (left, moved)
    }

    /// A setting this table knows, written as a bare word where it takes words in quotation
    /// marks (`title = Our report`), or a true or false written otherwise (`given = True`). A
    /// bare word the reader could not use (`given = yes`) was already told what it takes.
    fn bare_words(&mut self) {
        let bare: Vec<(String, Range<usize>)> = self
            .table
            .iter()
            .filter(|(key, _)| self.known_all || self.known.contains(&key.get_ref().as_ref()))
            .filter(|(_, value)| self.unquoted.contains(&value.span()))
            .filter(|(_, value)| {
                let span = value.span();
                !self
                    .said
                    .iter()
                    .any(|s| s.start <= span.end && span.start <= s.end)
            })
            .map(|(key, value)| (key.get_ref().to_string(), value.span()))
            .collect();
        for (key, span) in bare {
            if self.booleans.contains(&key.as_str()) {
                // `given = True`, read as true all the same.
                let help = format!(
                    "Write {key} = true or {key} = false, in small letters, with no quotation marks."
                );
                self.wrong_kind(&key, span, "true or false", help);
                continue;
            }
            let words = value_text(self.file, self.base, &span);
            let message = format!("The words of \"{key}\" need quotation marks around them.");
            let help =
                format!("Put straight quotation marks around the words: {key} = \"{words}\"");
            self.problem(rules::SETTING_NEEDS_QUOTES, span, message, help);
        }
    }

    /// One message for every needed setting that is missing here, with the lines to add.
    fn missing_problem(&self, missing: &[Missing]) -> Option<Diagnostic> {
        let (tables, keys): (Vec<&Missing>, Vec<&Missing>) = missing.iter().partition(|m| m.table);
        // A story's consent is the one missing table worth its own id: it decides publishing.
        let rule = if missing.iter().any(|m| m.table && m.key == "consent") {
            rules::CONSENT_MISSING
        } else {
            rules::SETTING_MISSING
        };
        let message = match missing {
            [] => return None,
            [one] if one.table => format!(
                "{} is missing its [{}] table, which it needs.",
                self.subject, one.key
            ),
            [one] => format!(
                "{} is missing \"{}\", which it needs.",
                self.subject, one.key
            ),
            _ => {
                let names: Vec<String> = missing
                    .iter()
                    .map(|m| {
                        if m.table {
                            format!("[{}]", m.key)
                        } else {
                            m.key.to_owned()
                        }
                    })
                    .collect();
                format!(
                    "{} is missing {} settings it needs: {}.",
                    self.subject,
                    missing.len(),
                    in_a_list(&names)
                )
            }
        };
        let has_tables = self.table.values().any(|v| v.get_ref().is_table());
        let lines = |group: &[&Missing]| {
            group
                .iter()
                .map(|m| m.lines.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let mut help = Vec::new();
        if !keys.is_empty() {
            let line_or_lines = if keys.len() == 1 {
                "this line"
            } else {
                "these lines"
            };
            let place = match &self.section {
                Some(section) => format!("Under the line {section}, add {line_or_lines}:"),
                None if has_tables => format!(
                    "Add {line_or_lines} near the top of the settings, before the first line in [square brackets]:"
                ),
                None => format!("Add {line_or_lines}:"),
            };
            help.push(format!("{place}\n{}", lines(&keys)));
        }
        if !tables.is_empty() {
            let also = if keys.is_empty() { "Add" } else { "Then add" };
            help.push(format!(
                "{also} these lines at the end of the settings, filled in:\n{}",
                lines(&tables)
            ));
        }
        Some(
            Diagnostic::error(rule, &self.file.name, message)
                .at(self.anchor.location())
                .help(help.join("\n")),
        )
    }

    fn where_(&self) -> String {
        match &self.section {
            Some(section) => section.clone(),
            None => self.subject.to_lowercase(),
        }
    }
}

/// The text of a value as written in the TOML text.
fn value_text(file: &SourceFile, base: usize, span: &Range<usize>) -> String {
    file.text()
        .get(base + span.start..base + span.end)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// The known word closest to a misspelt one, if any is close enough to be a likely slip: a
/// few letters wrong, or the same words in another order (`date_said`, or a column `Date
/// said`, for `said_date`).
pub fn nearest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let word = word.to_lowercase();
    let length = word.chars().count();
    let words = |text: &str| {
        let mut words: Vec<String> = text
            .split(['_', '-', ' '])
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        words.sort_unstable();
        words
    };
    // Only a name of the same length can hold the same words; the others are not split,
    // and the word itself is split once, when there is such a name.
    let wanted = std::cell::OnceCell::new();
    let reordered = known
        .iter()
        .filter(|k| k.chars().count() == length)
        .find(|k| {
            let theirs = words(k);
            theirs.len() > 1 && &theirs == wanted.get_or_init(|| words(&word))
        });
    if let Some(k) = reordered {
        return Some(k);
    }
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

/// "a, b and c".
pub fn in_a_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
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

    #[test]
    fn nearest_suggests_the_same_words_in_another_order() {
        let known = ["said_date", "said_by", "in-progress"];
        assert_eq!(nearest("date_said", &known), Some("said_date"));
        assert_eq!(nearest("Date said", &known), Some("said_date"));
        assert_eq!(nearest("progress-in", &known), Some("in-progress"));
        assert_eq!(nearest("date_of_birth", &known), None);
    }
}
