//! `content/stories/*.md`: lived-experience stories, with their consent.

use super::fields::{At, Fields};
use super::{Document, LEVELS, Level};
use crate::diagnostics::Diagnostic;
use crate::rules;
use jiff::civil::Date;

#[derive(Debug, Clone)]
pub struct Story {
    pub document: Document,
    pub title: At<String>,
    pub summary: String,
    pub date: Date,
    pub storyteller: At<String>,
    pub role: Role,
    pub anonymised: At<bool>,
    pub themes: Vec<At<String>>,
    pub statements: Vec<At<String>>,
    pub status: Status,
    pub consent: Consent,
    pub content_note: Option<String>,
    pub image: Option<StoryImage>,
    /// Ids of "you said, we did" entries.
    pub related: Vec<At<String>>,
    pub level: Option<Level>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    PersonDrawingOnCare,
    Carer,
    Family,
    Staff,
    Volunteer,
    Group,
}

pub const ROLES: &[(&str, Role)] = &[
    ("person-drawing-on-care", Role::PersonDrawingOnCare),
    ("carer", Role::Carer),
    ("family", Role::Family),
    ("staff", Role::Staff),
    ("volunteer", Role::Volunteer),
    ("group", Role::Group),
];

impl Role {
    pub fn id(self) -> &'static str {
        ROLES
            .iter()
            .find(|(_, r)| *r == self)
            .map_or("", |(id, _)| id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Review,
    Published,
}

pub const STATUSES: &[(&str, Status)] = &[
    ("draft", Status::Draft),
    ("review", Status::Review),
    ("published", Status::Published),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Web,
    OpenData,
    Feed,
    Print,
}

pub const SCOPES: &[(&str, Scope)] = &[
    ("web", Scope::Web),
    ("open-data", Scope::OpenData),
    ("feed", Scope::Feed),
    ("print", Scope::Print),
];

/// What the storyteller agreed to. Never written to the output: only the decision it leads to.
#[derive(Debug, Clone)]
pub struct Consent {
    pub given: bool,
    /// An opaque id into the private consent register.
    pub reference: String,
    pub recorded: Date,
    pub scope: Vec<Scope>,
    pub review_by: At<Date>,
    pub named: bool,
    /// Whether `named` is known: `[consent]` is there, and its `named` is true, false or not
    /// written (false). Known even when the rest could not be read, so that naming a
    /// storyteller who did not agree to it is reported in the same run as the other mistakes.
    pub naming_known: bool,
    pub withdrawn: Option<At<Date>>,
    /// The consent could not be read whole (it is missing, or a setting of it is wrong or
    /// unknown): that is reported as an error of its own, the story is published nowhere,
    /// and it is still checked for its other problems in the same run.
    pub unreadable: bool,
}

impl Consent {
    /// The consent of a story whose `[consent]` could not be read: given to nothing.
    fn unreadable(date: At<Date>) -> Consent {
        Consent {
            given: false,
            reference: String::new(),
            recorded: date.value,
            scope: Vec::new(),
            review_by: date,
            named: false,
            naming_known: false,
            withdrawn: None,
            unreadable: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct StoryImage {
    /// A path relative to `content/`, such as `media/garden.jpg`.
    pub src: At<String>,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub decorative: bool,
    /// Where the `image` table is, for problems that concern the whole image.
    pub location: crate::diagnostics::Location,
}

/// A story's own settings, above its first line in square brackets.
const STORY_SETTINGS: &[&str] = &[
    "title",
    "summary",
    "date",
    "storyteller",
    "role",
    "anonymised",
    "themes",
    "statements",
    "status",
    "content_note",
    "related",
    "level",
];
/// The settings of a story's `[consent]` table.
const CONSENT_SETTINGS: &[&str] = &[
    "given",
    "reference",
    "recorded",
    "scope",
    "review_by",
    "named",
    "withdrawn",
];
/// The settings of a story's `[image]` table.
const IMAGE_SETTINGS: &[&str] = &["src", "alt", "caption", "decorative"];

/// Reads a story's settings, and every problem with them.
pub fn read(document: Document, mut fields: Fields<'_>) -> (Option<Story>, Vec<Diagnostic>) {
    // `withdrawn` above `[consent]`, or `role` below it: told to move, never to be deleted.
    fields.keep_apart("consent", CONSENT_SETTINGS, STORY_SETTINGS, "the story");
    fields.keep_apart("image", IMAGE_SETTINGS, STORY_SETTINGS, "the story");
    let title = fields.string("title");
    let summary = fields.string("summary");
    let date = fields.date("date");
    if let Some(date) = date.as_ref().filter(|date| date.value > fields.today()) {
        let problem = Diagnostic::warning(
            rules::STORY_DATE_FUTURE,
            fields.file_name(),
            format!(
                "The story's date, {}, is after today. The website lists the newest story first, so this one would come first, with a date that has not come yet.",
                crate::check::long_date(date.value)
            ),
        )
        .at(date.location())
        .help(format!(
            "Write the day the story was told or written down, such as date = {}. A story's date does not decide when it is published: its consent and status do.",
            fields.today()
        ));
        fields.add_problems(vec![problem]);
    }
    let storyteller = fields.string("storyteller");
    let role = fields.choice("role", ROLES);
    let anonymised = fields.bool("anonymised");
    let themes = fields.strings("themes").map(super::fields::each_once);
    let statements = super::fields::each_once(fields.opt_strings("statements").unwrap_or_default());
    let status = fields.opt_choice("status", STATUSES);
    let example_date = fields.example_date("date");
    let consent_block = || crate::starter::consent_block(example_date);
    let mut naming = None;
    let consent = fields.table("consent", consent_block).and_then(|table| {
        let (consent, named, problems) = read_consent(table);
        naming = named;
        fields.add_problems(problems);
        consent
    });
    let content_note = fields.opt_string("content_note").map(|n| n.value);
    let image = fields.opt_table("image").and_then(|table| {
        let (image, problems) = read_image(table);
        fields.add_problems(problems);
        image
    });
    let related = fields.opt_strings("related").unwrap_or_default();
    let level = fields.opt_choice("level", LEVELS);
    let anchor = fields.anchor_place();
    let problems = fields.finish();
    // A story is returned even when a setting it needs is missing or wrong (each reported as
    // an error), so the check stage reports its other problems in the same run. Such a story
    // is published nowhere: its consent counts as unreadable, and nothing more is said of it.
    let complete = title.is_some()
        && summary.is_some()
        && date.is_some()
        && storyteller.is_some()
        && role.is_some()
        && anonymised.is_some()
        && themes.is_some();
    let somewhere = At {
        value: Date::constant(2000, 1, 1),
        place: anchor.clone(),
    };
    let date = date.unwrap_or_else(|| somewhere.clone());
    let consent = match consent {
        Some(consent) if complete => consent,
        Some(consent) => Consent {
            unreadable: true,
            ..consent
        },
        None => Consent {
            named: naming.unwrap_or(false),
            naming_known: naming.is_some(),
            ..Consent::unreadable(date.clone())
        },
    };
    let story = Story {
        document,
        title: title.unwrap_or(At {
            value: String::new(),
            place: anchor.clone(),
        }),
        summary: summary.map(|s| s.value).unwrap_or_default(),
        date: date.value,
        storyteller: storyteller.unwrap_or(At {
            value: String::new(),
            place: anchor.clone(),
        }),
        role: role.unwrap_or(Role::Group),
        anonymised: anonymised.unwrap_or(At {
            value: true,
            place: anchor,
        }),
        themes: themes.unwrap_or_default(),
        statements,
        status: status.unwrap_or(Status::Published),
        consent,
        content_note,
        image,
        related,
        level,
    };
    (Some(story), problems)
}

/// The consent, when it could be read whole; whether the storyteller agreed to be named,
/// when that could be read (`named` not written is false); and the problems.
fn read_consent(mut table: Fields<'_>) -> (Option<Consent>, Option<bool>, Vec<Diagnostic>) {
    let given = table.bool("given");
    let reference = table.string("reference");
    let recorded = table.date("recorded");
    let scope = table.strings("scope");
    let review_by = table.date("review_by");
    let naming = match table.opt_bool("named") {
        None if table.has("named") => None,
        named => Some(named.unwrap_or(false)),
    };
    let named = naming.unwrap_or(false);
    let withdrawn = table.opt_date("withdrawn");
    let scope = scope.map(|items| read_scope(&mut table, items));
    let unreadable = scope.as_ref().is_some_and(|s| s.is_none());
    let scope = scope.map(Option::unwrap_or_default);
    let consent = (|| {
        Some(Consent {
            given: given?.value,
            reference: reference?.value,
            recorded: recorded?.value,
            scope: scope?,
            review_by: review_by?,
            named,
            naming_known: naming.is_some(),
            withdrawn,
            unreadable,
        })
    })();
    (consent, naming, table.finish())
}

/// The scopes, or `None` when any is not one Chorus knows: the story is then published
/// nowhere, and the unknown scope is its only message about it.
fn read_scope(table: &mut Fields<'_>, items: Vec<At<String>>) -> Option<Vec<Scope>> {
    let mut scope = Vec::new();
    let mut all_known = true;
    for item in items {
        match SCOPES.iter().find(|(name, _)| *name == item.value) {
            Some((_, s)) => scope.push(*s),
            None => {
                all_known = false;
                let names: Vec<&str> = SCOPES.iter().map(|(name, _)| *name).collect();
                let mut help = "Use any of: web, open-data, feed, print.".to_owned();
                if let Some(near) = super::fields::nearest(&item.value, &names)
                    .or_else(|| names.iter().copied().find(|n| item.value.starts_with(n)))
                {
                    help = format!("Did you mean \"{near}\"? {help}");
                }
                table.add_problems(vec![
                    Diagnostic::error(
                        rules::CONSENT_SCOPE_UNKNOWN,
                        table.file_name(),
                        format!("\"{}\" is not a consent scope Chorus knows.", item.value),
                    )
                    .at(item.location())
                    .help(help),
                ]);
            }
        }
    }
    all_known.then_some(scope)
}

fn read_image(mut table: Fields<'_>) -> (Option<StoryImage>, Vec<Diagnostic>) {
    let src = table.string("src");
    let alt = table.opt_string("alt").map(|a| a.value);
    let caption = table.opt_string("caption").map(|c| c.value);
    let decorative = table.opt_bool("decorative").unwrap_or(false);
    let location = table.anchor_location();
    let image = src.map(|src| StoryImage {
        src,
        alt,
        caption,
        decorative,
        location,
    });
    (image, table.finish())
}
