//! One assessment cycle: its settings from `<cycle>.toml`, and its ratings from the same file's
//! `[[rating]]` tables and from a `<cycle>.csv`, `.xlsx` or `.ods` beside it.

use super::scale::{Scale, Value};
use crate::content::entries::record::{Need, Record};
use crate::content::entries::sheet::RowsOf;
use crate::content::fields::{At, Fields, nearest};
use crate::diagnostics::Diagnostic;
use crate::rules;
use crate::untrusted::address::{Address, classify};
use jiff::civil::Date;

#[derive(Debug, Clone)]
pub struct Cycle {
    pub file: String,
    /// Its file's name without `.toml`: its pages' folder.
    pub slug: String,
    pub title: String,
    pub framework: At<String>,
    pub scale: Scale,
    pub source: Source,
    pub period_start: Date,
    pub period_end: Date,
    /// Markdown: how the ratings were agreed, and with whom.
    pub method: Option<At<String>>,
    pub ratings: Vec<Rating>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    SelfAssessed,
    CoProduced,
    Peer,
}

pub const SOURCES: &[(&str, Source)] = &[
    ("self", Source::SelfAssessed),
    ("co-produced", Source::CoProduced),
    ("peer", Source::Peer),
];

impl Source {
    pub fn id(self) -> &'static str {
        SOURCES
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("", |(id, _)| id)
    }
}

#[derive(Debug, Clone)]
pub struct Rating {
    /// The file and place it was read from, for messages.
    pub file: String,
    pub statement: At<String>,
    /// The agreed rating; `None` when the two voices are given instead.
    pub rating: Option<At<Value>>,
    pub people_rating: Option<At<Value>>,
    pub organisation_rating: Option<At<Value>>,
    pub summary: At<String>,
    /// Markdown: the organisation's commitment for this statement.
    pub commitment: Option<At<String>>,
    pub what_is_working: Option<At<String>>,
    pub what_needs_to_change: Option<At<String>>,
    pub evidence: Vec<Evidence>,
    /// Ids of "you said, we did" entries.
    pub actions: Vec<At<String>>,
}

impl Rating {
    /// The rating to show and count: the agreed one, or where only the two voices are given,
    /// the organisation's (shown beside the people's).
    pub fn headline(&self) -> Option<Value> {
        self.rating
            .as_ref()
            .or(self.organisation_rating.as_ref())
            .map(|v| v.value)
    }

    pub fn has_two_voices(&self) -> bool {
        self.people_rating.is_some() && self.organisation_rating.is_some()
    }
}

#[derive(Debug, Clone)]
pub struct Evidence {
    pub category: Category,
    pub title: String,
    /// Its address, only when it is a web or email address the shared reader finds safe
    /// (`untrusted::address`): decided once, when it is read, for its page and the open data
    /// alike, so that a path on a shared drive or a script never leaves the report. Any
    /// other address is warned about then and left out.
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    PeoplesExperience,
    StaffAndLeaders,
    Partners,
    Processes,
    Outcomes,
}

pub const CATEGORIES: &[(&str, Category)] = &[
    ("people's experience", Category::PeoplesExperience),
    ("staff and leaders", Category::StaffAndLeaders),
    ("partners", Category::Partners),
    ("processes", Category::Processes),
    ("outcomes", Category::Outcomes),
];

impl Category {
    /// For the theme's words: `evidence_outcomes`.
    pub fn key(self) -> &'static str {
        match self {
            Category::PeoplesExperience => "peoples-experience",
            Category::StaffAndLeaders => "staff-and-leaders",
            Category::Partners => "partners",
            Category::Processes => "processes",
            Category::Outcomes => "outcomes",
        }
    }

    pub fn written(self) -> &'static str {
        CATEGORIES
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("", |(w, _)| w)
    }
}

/// The columns of a ratings spreadsheet, in order: the open data writes exactly these.
pub const RATING_FIELDS: &[&str] = &[
    "statement",
    "rating",
    "people_rating",
    "organisation_rating",
    "summary",
    "commitment",
    "what_is_working",
    "what_needs_to_change",
    "evidence",
    "actions",
];

/// A spreadsheet's rows of ratings: named by their statement, and with columns of words that a
/// row of its own may carry on.
pub const ROWS: RowsOf = RowsOf {
    noun: "rating",
    name: "statement",
    words: &[
        "summary",
        "commitment",
        "what_is_working",
        "what_needs_to_change",
    ],
};

/// A cycle's settings, before its ratings are read.
pub struct Settings {
    pub title: String,
    pub framework: At<String>,
    pub scale: Scale,
    pub source: Source,
    pub period_start: Date,
    pub period_end: Date,
    pub method: Option<At<String>>,
}

/// Reads a cycle's settings (not its ratings). `None` when something it needs is missing.
pub fn read_settings(fields: &mut Fields<'_>, slug: &str) -> Option<Settings> {
    let title = fields.string("title");
    let framework = fields.string("framework");
    let scale = read_scale(fields);
    let source = fields.choice("source", SOURCES);
    let period_start = fields.date("period_start");
    let period_end = fields.date("period_end");
    let method = fields.opt_string("method");
    if let (Some(start), Some(end)) = (&period_start, &period_end)
        && end.value < start.value
    {
        fields.add_problems(vec![
            Diagnostic::error(
                rules::CYCLE_ENDS_BEFORE_START,
                fields.file_name(),
                format!("The cycle {slug} ends before it starts."),
            )
            .at(end.location())
            .help("Check period_start and period_end: the end comes after the start."),
        ]);
    }
    Some(Settings {
        title: title?.value,
        framework: framework?,
        // An unknown scale has been reported; its ratings' values are then not read.
        scale: scale.unwrap_or(Scale::Custom(Vec::new())),
        source: source?,
        period_start: period_start?.value,
        period_end: period_end?.value,
        method,
    })
}

/// `scale = "cqc4"`, or the cycle's own levels, lowest first: `scale = ["low", "high"]`.
fn read_scale(fields: &mut Fields<'_>) -> Option<Scale> {
    if fields.is_list("scale") {
        let levels = fields.strings("scale")?;
        return Some(Scale::Custom(levels.into_iter().map(|l| l.value).collect()));
    }
    let name = fields.string("scale")?;
    match Scale::named(&name.value) {
        Some(scale) => Some(scale),
        None => {
            let names = ["rag", "cqc4", "four-level"];
            let near = nearest(&name.value, &names)
                .map(|n| format!("Did you mean \"{n}\"? "))
                .unwrap_or_default();
            fields.add_problems(vec![
                Diagnostic::error(rules::SCALE_UNKNOWN, fields.file_name(), format!("\"{}\" is not a scale Chorus knows.", name.value))
                    .at(name.location())
                    .help(format!("{near}Use \"rag\", \"cqc4\" or \"four-level\", or list your own levels, the lowest first: scale = [\"not yet\", \"partly\", \"fully\"].")),
            ]);
            None
        }
    }
}

/// Reads one rating from a record (a `[[rating]]` table or a spreadsheet row).
pub fn read_rating<R: Record>(mut record: R, scale: &Scale) -> (Option<Rating>, Vec<Diagnostic>) {
    let statement = record.text("statement");
    let rating = record.text("rating");
    let people = record.text("people_rating");
    let organisation = record.text("organisation_rating");
    let summary = record.text("summary");
    let commitment = record.text("commitment");
    let what_is_working = record.text("what_is_working");
    let what_needs_to_change = record.text("what_needs_to_change");
    let evidence_read = record.evidence();
    let actions = record.list("actions");

    if statement.is_none() {
        record.missing("statement", &Need::Always, "cqc-la.qs1", true);
    }
    if summary.is_none() {
        record.missing(
            "summary",
            &Need::Always,
            "People told us assessments take too long.",
            true,
        );
    }
    let both_voices = people.is_some() && organisation.is_some();
    if rating.is_none() && !both_voices {
        record.missing(
            "rating",
            &Need::Unless("both people_rating and organisation_rating, the two voices"),
            &scale.levels().last().cloned().unwrap_or_default(),
            true,
        );
    }
    let value = |written: Option<At<String>>, key: &str, record: &mut R| {
        let written = written?;
        if scale.size() == 0 {
            return None;
        }
        match scale.parse(&written.value) {
            Some(value) => Some(At {
                value,
                place: written.place.clone(),
            }),
            None => {
                record.push(
                    Diagnostic::error(rules::RATING_NOT_ON_SCALE, record.file(), format!("\"{}\" is not a value of this cycle's scale ({}), so \"{key}\" can't be read.", written.value, scale.id()))
                        .at(written.location())
                        .help(match scale.meant(&written.value) {
                            Some(level) => format!("Did you mean \"{level}\"? Use one of: {}.", scale.choices()),
                            None => format!("Use one of: {}.", scale.choices()),
                        }),
                );
                None
            }
        }
    };
    let rating = value(rating, "rating", &mut record);
    let people_rating = value(people, "people_rating", &mut record);
    let organisation_rating = value(organisation, "organisation_rating", &mut record);
    let mut evidence = Vec::new();
    for piece in evidence_read {
        let url = piece.url.and_then(|url| {
            let kept = web_address(&url.value);
            if kept.is_none() {
                record.push(
                    Diagnostic::warning(rules::EVIDENCE_LINK_INVALID, record.file(), format!("The evidence \"{}\" is shown without its link, on its page and in the open data: \"{}\" is not a web or email address.", piece.title.value, url.value))
                        .at(url.location())
                        .help("Write the whole address, starting with https://, or leave the address out."),
                );
            }
            kept
        });
        let written = piece.category.value.trim().to_lowercase().replace('’', "'");
        match CATEGORIES.iter().find(|(name, _)| *name == written) {
            Some((_, category)) => evidence.push(Evidence {
                category: *category,
                title: piece.title.value,
                url,
            }),
            None => {
                let names: Vec<&str> = CATEGORIES.iter().map(|(n, _)| *n).collect();
                // "staff" is the start of one category's name: the nearest by spelling is not.
                let starting = names
                    .iter()
                    .filter(|name| !written.is_empty() && name.starts_with(written.as_str()));
                let near = match starting.collect::<Vec<_>>().as_slice() {
                    [one] => Some(**one),
                    _ => nearest(&written, &names),
                }
                .map(|n| format!("Did you mean \"{n}\"? "))
                .unwrap_or_default();
                record.push(
                    Diagnostic::error(
                        rules::EVIDENCE_CATEGORY_UNKNOWN,
                        record.file(),
                        format!(
                            "\"{}\" is not a category of evidence Chorus knows.",
                            piece.category.value
                        ),
                    )
                    .at(piece.category.location())
                    .help(format!("{near}Use one of: {}.", names.join(", "))),
                );
            }
        }
    }
    let file = record.file().to_owned();
    let problems = record.finish();
    // A rating with a statement is kept even when its summary is missing (a misspelt column
    // name, an empty cell), so that the rules across ratings (its statement, its actions)
    // still report it in the same run. A missing summary always comes with an error, so no
    // site is written with it.
    let read = statement.map(|statement| Rating {
        file,
        summary: summary.unwrap_or_else(|| At {
            value: String::new(),
            place: statement.place.clone(),
        }),
        statement,
        rating,
        people_rating,
        organisation_rating,
        commitment,
        what_is_working,
        what_needs_to_change,
        evidence,
        actions,
    });
    (read, problems)
}

/// A piece of evidence's address, when the site may link it: a web or email address
/// (`https:`, `http:`, `mailto:`, `tel:`) that the shared reader finds safe.
fn web_address(written: &str) -> Option<String> {
    match classify(written) {
        Address::External(address) => Some(address),
        _ => None,
    }
}
