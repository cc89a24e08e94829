//! One entry's fields, wherever they were written: a TOML file, or a spreadsheet row.
//!
//! The rules of an entry (what is required, for which status) are written once, in
//! `entry::read`, against this trait. Each form says only how a value is found in it, and
//! how to tell a person to add one: a line in a TOML file, a cell in a row.

use crate::content::dates;
use crate::content::fields::{At, Fields};
use crate::diagnostics::{Diagnostic, Location};
use crate::rules;
use jiff::civil::Date;

/// A piece of evidence for a rating, as written, before its category is checked.
pub struct EvidenceRead {
    pub category: At<String>,
    pub title: At<String>,
    pub url: Option<At<String>>,
}

/// An update of an entry's history, as written, before its status is checked.
pub struct UpdateRead {
    pub date: At<Date>,
    pub status: At<String>,
    pub note: Option<At<String>>,
}

/// An entry's updates as written: those with a date and a status, and the date of each that
/// could not be read (`None` when its date could not be read either), which is reported.
#[derive(Default)]
pub struct UpdatesRead {
    pub read: Vec<UpdateRead>,
    pub unread: Vec<Option<Date>>,
}

/// Why an entry needs a field: every entry does, or entries of its status do.
pub enum Need<'a> {
    Always,
    /// The status, and what the field says for an entry of that status.
    ForStatus(&'a str, &'a str),
    /// Needed unless the other fields named here are given instead.
    Unless(&'a str),
}

impl Need<'_> {
    /// The message for a record that lacks `key`; `noun` is what a record is (`entry`).
    pub fn message(&self, key: &str, noun: &str) -> String {
        match self {
            Need::Always => format!("This {noun} is missing \"{key}\", which every {noun} needs."),
            Need::ForStatus(status, why) => {
                format!("This {noun}'s status is \"{status}\", so it needs \"{key}\": {why}.")
            }
            Need::Unless(instead) => {
                format!("This {noun} needs \"{key}\", or else {instead}.")
            }
        }
    }

    /// The message for a spreadsheet that has no column for `key`.
    pub fn column_message(&self, key: &str, noun: &str) -> String {
        format!(
            "The spreadsheet has no \"{key}\" column, {}.",
            self.which_need(noun)
        )
    }

    /// Which records need the field, after its name: `which every entry needs`.
    pub fn which_need(&self, noun: &str) -> String {
        match self {
            Need::Always => format!("which every {noun} needs"),
            Need::ForStatus(status, why) => format!(
                "which {} whose status is \"{status}\" need: {why}",
                plural(noun)
            ),
            Need::Unless(instead) => format!("which {} need, or else {instead}", plural(noun)),
        }
    }
}

/// `entry` → `entries`, `rating` → `ratings`.
fn plural(noun: &str) -> String {
    match noun.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{noun}s"),
    }
}

pub trait Record {
    fn file(&self) -> &str;
    /// Where the whole entry is: the top of its TOML file, or its row.
    fn place(&self) -> Location;
    /// Some words; `None` when absent or blank.
    fn text(&mut self, key: &'static str) -> Option<At<String>>;
    fn date(&mut self, key: &'static str) -> Option<At<Date>>;
    /// A list: a TOML list, or a cell's items separated by `|`.
    fn list(&mut self, key: &'static str) -> Vec<At<String>>;
    fn whole_number(&mut self, key: &'static str) -> Option<At<i64>>;
    /// The `update` history, each one with its date, status and note.
    fn updates(&mut self) -> UpdatesRead;
    /// A rating's `evidence`, each with its category, title and address.
    fn evidence(&mut self) -> Vec<EvidenceRead>;
    /// Reports that `key`, which this entry needs, is not there; `example` is a value to
    /// show (`is_text` when it is words). Nothing is said when the key was written but wrong,
    /// or misspelt: that has its own message.
    fn missing(&mut self, key: &'static str, need: &Need<'_>, example: &str, is_text: bool);
    fn push(&mut self, problem: Diagnostic);
    /// Every problem found, once every field has been asked for.
    fn finish(self) -> Vec<Diagnostic>;
}

/// An entry written as its own TOML file.
pub struct TomlRecord<'a> {
    fields: Fields<'a>,
    /// What the record is, in messages: `entry`, `rating`.
    noun: &'static str,
    /// Keys already reported (a date written wrong), so they are not reported missing as well.
    reported: Vec<&'static str>,
    /// Words left blank (`you_said = ""`), each reported once it is known whether the record
    /// needs it: then the message does not offer to remove the line.
    blank: Vec<(&'static str, Location)>,
}

impl<'a> TomlRecord<'a> {
    pub fn new(fields: Fields<'a>, noun: &'static str) -> Self {
        TomlRecord {
            fields,
            noun,
            reported: Vec::new(),
            blank: Vec::new(),
        }
    }

    fn report_blank(&mut self, key: &'static str, location: Location, needed: bool) {
        let help = if needed {
            format!(
                "Write something between the quotation marks of {key}: this {} needs it.",
                self.noun
            )
        } else {
            format!("Write something between the quotation marks of {key}, or remove the line.")
        };
        let problem = Diagnostic::error(
            rules::SETTING_EMPTY,
            self.file(),
            format!("\"{key}\" is empty."),
        )
        .at(location)
        .help(help);
        self.fields.add_problems(vec![problem]);
    }
}

impl Record for TomlRecord<'_> {
    fn file(&self) -> &str {
        self.fields.file_name()
    }

    fn place(&self) -> Location {
        self.fields.anchor_location()
    }

    fn text(&mut self, key: &'static str) -> Option<At<String>> {
        // A number is words too where words are asked for: a cqc4 rating is written 3.
        if self.fields.is_integer(key) {
            return self.fields.opt_integer_at(key).map(|n| At {
                value: n.value.to_string(),
                place: n.place.clone(),
            });
        }
        let mut text = self.fields.opt_string(key)?;
        // A `"""` string ends with its last line's break; a cell never does.
        text.value = text.value.trim_end().to_owned();
        if text.value.trim().is_empty() {
            self.blank.push((key, text.location()));
            return None;
        }
        Some(text)
    }

    fn date(&mut self, key: &'static str) -> Option<At<Date>> {
        let date = self.fields.opt_date(key);
        if date.is_none() && self.fields.has(key) {
            self.reported.push(key);
        }
        date
    }

    fn list(&mut self, key: &'static str) -> Vec<At<String>> {
        self.fields.opt_strings(key).unwrap_or_default()
    }

    fn whole_number(&mut self, key: &'static str) -> Option<At<i64>> {
        self.fields.opt_integer_at(key)
    }

    fn updates(&mut self) -> UpdatesRead {
        let tables = self.fields.opt_tables("update");
        let mut updates = UpdatesRead::default();
        for mut table in tables {
            let date = table.date("date");
            let status = table.string("status");
            let note = table
                .opt_string("note")
                .filter(|n| !n.value.trim().is_empty());
            self.fields.absorb(table);
            match (date, status) {
                (Some(date), Some(status)) => updates.read.push(UpdateRead { date, status, note }),
                (date, _) => updates.unread.push(date.map(|d| d.value)),
            }
        }
        updates
    }

    fn evidence(&mut self) -> Vec<EvidenceRead> {
        let tables = self.fields.opt_tables("evidence");
        let mut evidence = Vec::new();
        for mut table in tables {
            let category = table.string("category");
            let title = table.string("title");
            let url = table.opt_string("url");
            self.fields.absorb(table);
            if let (Some(category), Some(title)) = (category, title) {
                evidence.push(EvidenceRead {
                    category,
                    title,
                    url,
                });
            }
        }
        evidence
    }

    fn missing(&mut self, key: &'static str, need: &Need<'_>, example: &str, is_text: bool) {
        if let Some(at) = self.blank.iter().position(|(blank, _)| *blank == key) {
            let (_, location) = self.blank.remove(at);
            self.report_blank(key, location, true);
            return;
        }
        if self.reported.contains(&key) || self.fields.has_misspelling_of(key) {
            return;
        }
        let value = if is_text {
            format!("\"{example}\"")
        } else {
            example.to_owned()
        };
        match need {
            // Every missing setting in one message, with the lines to add.
            Need::Always => self.fields.missing(key, &value),
            Need::ForStatus(..) | Need::Unless(_) => {
                let problem = Diagnostic::error(
                    rules::SETTING_MISSING,
                    self.file(),
                    need.message(key, self.noun),
                )
                .at(self.place())
                .help(format!("Add a line such as: {key} = {value}"));
                self.fields.add_problems(vec![problem]);
            }
        }
    }

    fn push(&mut self, problem: Diagnostic) {
        self.fields.add_problems(vec![problem]);
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        for (key, location) in std::mem::take(&mut self.blank) {
            self.report_blank(key, location, false);
        }
        self.fields.finish()
    }
}

/// A spreadsheet cell read as a date: a date cell, `2025-03-12` typed as text, or, for any
/// other way of writing a date, the advice that says which date it would be.
pub fn cell_date(
    file: &str,
    key: &str,
    text: &str,
    location: &Location,
) -> Result<Date, Diagnostic> {
    if let Ok(date) = text.trim().parse::<Date>() {
        return Ok(date);
    }
    let help = dates::no_such_day(text)
        .or_else(|| dates::read_typed(text).map(|typed| typed.hint()))
        .unwrap_or_else(|| {
            "Write the date as year-month-day, such as 2025-03-14, or format the cell as a date."
                .to_owned()
        });
    Err(Diagnostic::error(
        rules::SETTING_WRONG_KIND,
        file,
        format!("\"{key}\" should be a date."),
    )
    .at(location.clone())
    .help(help))
}
