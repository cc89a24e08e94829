//! A "you said, we did" entry and its rules, read from any `Record` (a TOML file or a row).

use super::record::{Need, Record, UpdatesRead};
use super::sheet::RowsOf;
use crate::content::fields::{At, nearest};
use crate::content::{LEVELS, Level};
use crate::diagnostics::Diagnostic;
use crate::rules;
use jiff::civil::Date;

/// What people told the organisation, what it did, and, honestly, what it could not do.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file it came from, as messages name it.
    pub file: String,
    /// As written: `YSWD-2025-004`.
    pub id: At<String>,
    /// The id lower-cased: its page's name, and how links find it.
    pub slug: String,
    pub title: At<String>,
    /// Markdown, from outside the organisation.
    pub you_said: At<String>,
    pub said_by: String,
    pub forum: String,
    pub said_date: Date,
    pub status: At<Status>,
    pub we_did: Option<At<String>>,
    pub reason: Option<At<String>>,
    pub alternative: Option<At<String>>,
    pub target_date: Option<At<Date>>,
    pub completed_date: Option<Date>,
    pub owner: String,
    pub themes: Vec<At<String>>,
    pub statements: Vec<At<String>>,
    /// 0 to 100, only where set: an unset progress is never shown as 0.
    pub progress: Option<u8>,
    /// Its history, oldest first.
    pub updates: Vec<Update>,
    pub level: Option<Level>,
    /// False when a field it needs is missing or wrong: then an error has been reported, and
    /// the entry is kept only so the rules across files can look at it.
    pub complete: bool,
}

#[derive(Debug, Clone)]
pub struct Update {
    pub date: At<Date>,
    pub status: Status,
    /// Markdown, from outside the organisation.
    pub note: Option<At<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Considering,
    Planned,
    InProgress,
    PartlyDone,
    Done,
    NotPossible,
}

/// In the order an entry moves through them, which is the order pages show them in.
pub const STATUSES: &[(&str, Status)] = &[
    ("considering", Status::Considering),
    ("planned", Status::Planned),
    ("in-progress", Status::InProgress),
    ("partly-done", Status::PartlyDone),
    ("done", Status::Done),
    ("not-possible", Status::NotPossible),
];

impl Status {
    pub fn id(self) -> &'static str {
        STATUSES
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("", |(id, _)| id)
    }

    /// Still being worked on: a past target date is worth a warning.
    pub fn is_unfinished(self) -> bool {
        matches!(
            self,
            Status::Considering | Status::Planned | Status::InProgress | Status::PartlyDone
        )
    }
}

/// The import columns, in order: the CSV export writes exactly these.
pub const FIELDS: &[&str] = &[
    "id",
    "title",
    "you_said",
    "said_by",
    "forum",
    "said_date",
    "status",
    "we_did",
    "reason",
    "alternative",
    "target_date",
    "completed_date",
    "owner",
    "themes",
    "statements",
    "progress",
    "update",
    "level",
];

/// A spreadsheet's rows of entries: named by their id, and with columns of words that a row of
/// its own may carry on.
pub const ROWS: RowsOf = RowsOf {
    noun: "entry",
    name: "id",
    words: &["you_said", "we_did", "reason", "alternative", "update"],
};

/// Reads one entry. Returns `None` only when it has no usable id; every problem is in the
/// returned list either way.
/// `today` dates the examples in messages: a target date a year ahead, other dates today.
pub fn read<R: Record>(mut record: R, today: Date) -> (Option<Entry>, Vec<Diagnostic>) {
    let (today_text, year_ahead) = (
        today.to_string(),
        crate::starter::review_date(today).to_string(),
    );
    let id = record.text("id");
    let title = record.text("title");
    let you_said = record.text("you_said");
    let said_by = record.text("said_by");
    let forum = record.text("forum");
    let said_date = record.date("said_date");
    let status_text = record.text("status");
    let we_did = record.text("we_did");
    let reason = record.text("reason");
    let alternative = record.text("alternative");
    let target_date = record.date("target_date");
    let completed_date = record.date("completed_date");
    let owner = record.text("owner");
    let themes = crate::content::fields::each_once(record.list("themes"));
    let statements = crate::content::fields::each_once(record.list("statements"));
    let progress = record.whole_number("progress");
    let updates = record.updates();
    let level_text = record.text("level");

    // A value written but wrong is reported as such, and not as missing as well.
    let (id_written, status_written) = (id.is_some(), status_text.is_some());
    let status = status_text.and_then(|s| choice(&mut record, "status", s, STATUSES));
    let level = level_text.and_then(|l| choice(&mut record, "level", l.clone(), LEVELS));
    let id = id.filter(|id| valid_id(&mut record, id));

    for (key, value, example, is_text) in [
        ("id", id_written, "YSWD-2025-001", true),
        (
            "title",
            title.is_some(),
            "Clearer letters about charges",
            true,
        ),
        (
            "you_said",
            you_said.is_some(),
            "Letters about charges were hard to understand.",
            true,
        ),
        ("said_by", said_by.is_some(), "people drawing on care", true),
        ("forum", forum.is_some(), "Carers' forum", true),
        ("said_date", said_date.is_some(), &today_text, false),
        ("status", status_written, "planned", true),
        (
            "owner",
            owner.is_some(),
            "Adult social care finance team",
            true,
        ),
    ] {
        if !value {
            record.missing(key, &Need::Always, example, is_text);
        }
    }
    if let Some(status) = &status {
        let given = Given {
            we_did: we_did.is_some(),
            reason: reason.is_some(),
            target_date: target_date.is_some(),
            completed_date: completed_date.is_some(),
        };
        needs_by_status(
            &mut record,
            status.value,
            &given,
            (&today_text, &year_ahead),
        );
    }
    let progress = progress.and_then(|p| {
        let in_range = (0..=100).contains(&p.value);
        if !in_range {
            record.push(
                Diagnostic::error(rules::PROGRESS_OUT_OF_RANGE,
                    record.file(),
                    format!("\"progress\" is {}, but it is a percentage from 0 to 100.", p.value),
                )
                .at(p.location())
                .help("Write how far along it is as a whole number from 0 to 100, or leave it out: an entry without progress shows none."),
            );
        }
        in_range.then_some(p.value as u8)
    });
    let (updates, latest_known) = read_updates(&mut record, updates);
    if let (Some(status), Some(latest)) = (&status, updates.last())
        && latest_known
        && latest.status != status.value
    {
        record.push(
            Diagnostic::error(
                rules::ENTRY_STATUS_MISMATCH,
                record.file(),
                format!(
                    "The latest update, of {}, says \"{}\", but the entry's status is \"{}\".",
                    crate::check::long_date(latest.date.value),
                    latest.status.id(),
                    status.value.id()
                ),
            )
            .at(latest.date.location())
            .help(format!(
                "Add an update that says \"{}\" and what changed, or correct the status.",
                status.value.id()
            )),
        );
    }

    let place = record.place();
    let text = |t: Option<At<String>>| {
        t.unwrap_or_else(|| At {
            value: String::new(),
            place: place.clone().into(),
        })
    };
    let complete = [
        title.is_some(),
        you_said.is_some(),
        said_by.is_some(),
        forum.is_some(),
        said_date.is_some(),
        status.is_some(),
        owner.is_some(),
    ]
    .iter()
    .all(|given| *given);
    let file = record.file().to_owned();
    let problems = record.finish();
    // An entry with an id is kept even when something else is wrong, so the rules that reach
    // across files (its id, themes, statements, the stories that name it) still report it in
    // the same run. Such an entry always comes with an error, so no site is written.
    let entry = id.map(|id| Entry {
        file,
        slug: id.value.to_lowercase(),
        id,
        title: text(title),
        you_said: text(you_said),
        said_by: text(said_by).value,
        forum: text(forum).value,
        said_date: said_date.map(|d| d.value).unwrap_or_default(),
        status: status.unwrap_or(At {
            value: Status::Considering,
            place: place.clone().into(),
        }),
        we_did,
        reason,
        alternative,
        target_date,
        completed_date: completed_date.map(|d| d.value),
        owner: text(owner).value,
        themes,
        statements,
        progress,
        updates,
        level: level.map(|l| l.value),
        complete,
    });
    (entry, problems)
}

/// Which of the fields that depend on the status an entry gives.
struct Given {
    we_did: bool,
    reason: bool,
    target_date: bool,
    completed_date: bool,
}

/// What each status needs: what was done, why not, or when. `dates` are the examples for a
/// date done (today) and a date ahead (a year from today).
fn needs_by_status<R: Record>(record: &mut R, status: Status, given: &Given, dates: (&str, &str)) {
    let id = status.id();
    let mut need = |key: &'static str, there: bool, why: &str, example: &str, is_text: bool| {
        if !there {
            record.missing(key, &Need::ForStatus(id, why), example, is_text);
        }
    };
    if !matches!(status, Status::Considering | Status::NotPossible) {
        need(
            "we_did",
            given.we_did,
            "what was done, or is being done",
            "We rewrote the letters with the carers' forum.",
            true,
        );
    }
    if status == Status::NotPossible {
        need(
            "reason",
            given.reason,
            "why it could not be done, said honestly",
            "The law sets how charges are worked out.",
            true,
        );
    }
    if matches!(status, Status::Planned | Status::InProgress) {
        need(
            "target_date",
            given.target_date,
            "when it should be done",
            dates.1,
            false,
        );
    }
    if status == Status::Done {
        need(
            "completed_date",
            given.completed_date,
            "when it was done",
            dates.0,
            false,
        );
    }
}

/// The updates that can be read, oldest first, and whether the last of them is the entry's
/// latest update. It is not when an update that can't be read (its status misspelt, say) may
/// be as late: then what the latest update says is not known, and is not compared with the
/// entry's status, which would report the one mistake twice.
fn read_updates<R: Record>(record: &mut R, updates: UpdatesRead) -> (Vec<Update>, bool) {
    let mut unread = updates.unread;
    let mut read: Vec<Update> = Vec::new();
    for update in updates.read {
        match choice(record, "status", update.status, STATUSES) {
            Some(status) => read.push(Update {
                date: update.date,
                status: status.value,
                note: update.note,
            }),
            None => unread.push(Some(update.date.value)),
        }
    }
    // Oldest first, whatever order they were written in; the latest is the last.
    read.sort_by_key(|u| u.date.value);
    let latest_known = read.last().is_none_or(|latest| {
        unread
            .iter()
            .all(|date| date.is_some_and(|date| date < latest.date.value))
    });
    (read, latest_known)
}

/// One of a fixed set of words, with the nearest one suggested.
fn choice<R: Record, T: Copy>(
    record: &mut R,
    key: &str,
    text: At<String>,
    options: &[(&str, T)],
) -> Option<At<T>> {
    let written = text.value.trim();
    if let Some((_, value)) = options.iter().find(|(name, _)| *name == written) {
        return Some(At {
            value: *value,
            place: text.place.clone(),
        });
    }
    let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
    let mut help = format!("Use one of: {}.", names.join(", "));
    let spaced = written.to_lowercase().replace([' ', '_'], "-");
    if let Some(near) = names
        .iter()
        .find(|n| **n == spaced)
        .copied()
        .or_else(|| nearest(written, &names))
    {
        help = format!("Did you mean \"{near}\"? {help}");
    }
    record.push(
        Diagnostic::error(
            rules::SETTING_NOT_A_CHOICE,
            record.file(),
            format!("\"{written}\" is not one of the values \"{key}\" can have."),
        )
        .at(text.location())
        .help(help),
    );
    None
}

/// Ids name pages and are typed into other files: letters, digits, `-` and `.`.
fn valid_id<R: Record>(record: &mut R, id: &At<String>) -> bool {
    let ok = id
        .value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && id.value.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id.value.to_lowercase() != "index";
    if !ok {
        record.push(
            Diagnostic::error(rules::ENTRY_ID_INVALID,
                record.file(),
                format!("\"{}\" can't be used as an entry's id.", id.value),
            )
            .at(id.location())
            .help("An id may have only letters, digits, - and ., such as YSWD-2025-004, and can't be \"index\"."),
        );
    }
    ok
}
