//! The check stage: the rules of the content model, applied to what was loaded and planned.
//! It reads the model and the plan's decisions and returns diagnostics; it never touches
//! the disk.

mod assessment;
mod entries;
mod framework_ids;
mod publishing;
mod shortcuts;

use crate::consent::{Channel, Decision, Reason};
use crate::content::fields::At;
use crate::content::story::{Role, Scope, Status, Story};
use crate::content::translation::{HoldsBack, Translation};
use crate::content::{Collection, page::Page};
use crate::diagnostics::Diagnostic;
use crate::framework::Frameworks;
use crate::plan::Plan;
use crate::plan::languages::{DEFAULT, english_name};
use crate::plan::nearest::{self, Meant};
use crate::plan::routes::RESERVED_NAMES;
use crate::plan::sources::Origin;
use crate::rules;
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::HashSet;

pub const TITLE_LIMIT: usize = 80;
const SUMMARY_LIMIT: usize = 300;
/// How far ahead a coming consent review is mentioned.
const REVIEW_NOTICE_DAYS: i32 = 30;

pub fn check(plan: &Plan<'_>, frameworks: &Frameworks, today: Date) -> Vec<Diagnostic> {
    let content = plan.content;
    let mut problems = Vec::new();
    let media: HashSet<&str> = content.media.iter().map(|m| m.path.as_str()).collect();
    // Each story and translation is checked on its own, so in parallel (in order still).
    let by_story: Vec<Vec<Diagnostic>> = content
        .stories
        .par_iter()
        .map(|story| {
            let mut found = Vec::new();
            check_story(story, plan, &media, frameworks, today, &mut found);
            found.extend(reserved_story_name(story));
            found
        })
        .collect();
    let by_translation: Vec<Vec<Diagnostic>> = content
        .translations
        .par_iter()
        .map(|translation| {
            let mut found: Vec<Diagnostic> =
                check_translation(translation, plan).into_iter().collect();
            let file = translation.document.file();
            found.extend(translation.title.as_ref().and_then(|t| title_html(file, t)));
            found.extend(repeated_settings(translation, plan));
            found
        })
        .collect();
    problems.extend(by_story.into_iter().chain(by_translation).flatten());
    for page in &content.pages {
        check_page(page, &mut problems);
    }
    problems.extend(entries::check(plan, frameworks, today));
    problems.extend(assessment::check(plan, frameworks));
    problems.extend(withdrawn_files_published(plan));
    problems.extend(unpublished_links(plan));
    problems.extend(links_as_words(plan));
    problems.extend(parity(plan));
    problems.extend(publishing::check(plan));
    problems.extend(shortcuts::check(plan));
    problems
}

fn check_story(
    story: &Story,
    plan: &Plan<'_>,
    media: &HashSet<&str>,
    frameworks: &Frameworks,
    today: Date,
    problems: &mut Vec<Diagnostic>,
) {
    let file = story.document.file();
    let decision = plan.published.story(&story.document.slug, Channel::Website);
    // A withdrawn story whose picture is still published is told so, at the picture, in the
    // place of the note that nothing of it is in the site.
    let shares_a_file = || {
        plan.withdrawn_files_published
            .iter()
            .any(|shared| shared.story == story.document.slug)
    };
    if let Some(problem) = publication(story, decision, today)
        && !(problem.rule == rules::CONSENT_WITHDRAWN && shares_a_file())
    {
        problems.push(problem);
    }
    if !story.anonymised.value && !story.consent.named && story.consent.naming_known {
        problems.push(
            Diagnostic::error(rules::CONSENT_NAMING_NOT_AGREED,
                file,
                "This story names its storyteller (anonymised = false), but the consent does not say they agreed to be named.",
            )
            .at(story.anonymised.location())
            .help("If they agreed to be named, add named = true under [consent]. If not, set anonymised = true and use a chosen name or Anonymous."),
        );
    }
    if story.anonymised.value
        && story.role != Role::Group
        && !decision.is_withdrawn()
        && looks_like_full_name(&story.storyteller.value)
    {
        // The stories' open data hold the storyteller too, where the story's consent says so.
        let shown = if story.consent.scope.contains(&Scope::OpenData) {
            "the storyteller is published with the story: on the website, and in the stories' open data (data/stories.csv and data/stories.json), as its consent includes open-data"
        } else {
            "the website shows the storyteller with the story"
        };
        problems.push(
            Diagnostic::warning(rules::ANONYMOUS_STORY_FULL_NAME,
                file,
                format!("This story is meant to be anonymous, but its storyteller looks like a full name, and {shown}."),
            )
            .at(story.storyteller.location())
            .help("If the story is to stay anonymous, write a first name the storyteller chose, or Anonymous: storyteller = \"Anonymous\". If they agreed to be named, set anonymised = false and add named = true under [consent]."),
        );
    }
    problems.extend(title_html(file, &story.title));
    let title_length = story.title.value.chars().count();
    if title_length > TITLE_LIMIT {
        problems.push(
            Diagnostic::error(rules::TITLE_TOO_LONG,
                file,
                format!("The title is {title_length} characters long; a title can be at most {TITLE_LIMIT}."),
            )
            .at(story.title.location())
            .help("Shorten the title. The summary is the place for more detail."),
        );
    }
    let summary_length = story.summary.chars().count();
    if summary_length > SUMMARY_LIMIT {
        problems.push(
            Diagnostic::warning(rules::SUMMARY_TOO_LONG,
                file,
                format!("The summary is {summary_length} characters long, more than one or two sentences."),
            )
            .help(format!("Keep the summary under {SUMMARY_LIMIT} characters: it is shown in lists and search results.")),
        );
    }
    problems.extend(
        story
            .themes
            .iter()
            .filter_map(|t| framework_ids::unknown_theme(file, t, frameworks)),
    );
    problems.extend(
        story
            .statements
            .iter()
            .filter_map(|s| framework_ids::unknown_statement(file, s, frameworks)),
    );
    if let Some(image) = &story.image {
        check_story_image(story, image, media, &plan.routes, problems);
    }
    // Only a story about to be published: a draft the preview shows is not, and its note
    // already lists the template's words among the steps left.
    if decision == Decision::Publish {
        problems.extend(placeholders(story));
    }
    let recorded = story.consent.recorded;
    if recorded > today && !story.consent.unreadable {
        problems.push(
            Diagnostic::warning(
                rules::CONSENT_GIVEN_IN_FUTURE,
                file,
                format!(
                    "Consent is recorded as given on {}, which is after today.",
                    long_date(recorded)
                ),
            )
            .help("Check the recorded date under [consent] against the consent register."),
        );
    }
}

/// A title with HTML tags typed in it (`Our <b>new</b> service`): a title is plain text, so
/// the page would show the tags as they are typed. Said at the title, with the title without
/// them.
pub(crate) fn title_html(file: &str, title: &At<String>) -> Option<Diagnostic> {
    let (first, without) = html_tags(&title.value)?;
    Some(
        Diagnostic::warning(
            rules::TITLE_HAS_HTML,
            file,
            format!("This title has HTML in it ({first}), but a title is plain text, so the page would show the tags as they are typed."),
        )
        .at(title.location())
        .help(format!("Take the tags out, leaving \"{without}\". A title is shown as it is typed, in lists, in the browser's tab and in search results.")),
    )
}

/// The first HTML tag in some words (`<b>`, `</em>`, `<br/>`, `<a href="…">`), and the words
/// without any: `None` when there is none. Tags are read as raw HTML in a story is
/// (`raw_html::tag_at`), so a `<` that starts no tag ("under <18s", "a < b") is only a word.
fn html_tags(words: &str) -> Option<(String, String)> {
    let mut first = None;
    let mut without = String::with_capacity(words.len());
    let mut rest = words;
    while let Some(at) = rest.find('<') {
        without.push_str(&rest[..at]);
        match crate::untrusted::raw_html::tag_at(&rest[at..]) {
            Some((length, name)) => {
                first.get_or_insert_with(|| rest[at..at + length].to_owned());
                if name == "br" {
                    without.push(' ');
                }
                rest = &rest[at + length..];
            }
            None => {
                without.push('<');
                rest = &rest[at + 1..];
            }
        }
    }
    without.push_str(rest);
    let without = without.split_whitespace().collect::<Vec<_>>().join(" ");
    first.map(|first| (first, without))
}

/// Words of a storyteller that say who they are, not what they are called: a storyteller with
/// one of them ("Young Carer", "a parent from Barry", "someone who uses day services") is not
/// taken for a name. Compared in small letters, with a curly apostrophe read as a straight one.
const NOT_NAMES: &str = concat!(
    // Roles and relations.
    "anonymous aunt brother care carer carers child council dad daughter doctor ",
    "family father forum friend gran grandad grandfather grandmother grandparent ",
    "group husband local member members mother mum nan neighbour nurse older parent ",
    "parents partner people person resident service sister social son staff team ",
    "uncle user volunteer wife worker young ",
    // What else describes someone: a name in small letters has none of these.
    "autistic blind client day deaf dementia disabled elderly former health home ",
    "learning manager mental new officer patient retired services single student ",
    "support survivor teacher tenant unpaid users wheelchair working ",
    // The little words of a description.
    "a an and at by for from in of on or the to who with someone somebody uses lives ",
    // The same in Welsh.
    "ac ar gan o'r sy'n yn yr rhywun gofalwr gofalwraig rhiant aelod gwirfoddolwr teulu ",
    "grŵp pobl",
);

/// Whether a storyteller looks like a person's full name, "Mary Jones", "Siân Lloyd-Ellis",
/// "MARY JONES" or "mary jones": two or more words of two letters or more ("A" or an initial is
/// not such a word), none of them a word for a role, a relation or a description (`NOT_NAMES`).
/// Where the storyteller mixes capitals and small letters, each word starts with a capital;
/// a word in capitals with no vowel is an abbreviation ("NHS", "GP"), not a name's. Cheap, and
/// made to miss rather than to warn about "a carer" or "Young Carer".
fn looks_like_full_name(storyteller: &str) -> bool {
    let words: Vec<&str> = storyteller.split_whitespace().collect();
    let one_case = !storyteller.chars().any(char::is_uppercase)
        || !storyteller.chars().any(char::is_lowercase);
    let name_shaped = |word: &&str| {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let capitalised = one_case || word.chars().next().is_some_and(char::is_uppercase);
        let not_abbreviation = word.chars().any(char::is_lowercase) || !is_abbreviation(word);
        let written = word.to_lowercase().replace('’', "'");
        letters >= 2
            && capitalised
            && not_abbreviation
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
            && !NOT_NAMES.split(' ').any(|not_a_name| not_a_name == written)
    };
    words.len() >= 2 && words.iter().all(name_shaped)
}

/// A word with no vowel ("NHS", "GP", "CQC"), which in capitals is an abbreviation, not a
/// name. Welsh's `w` and `y` are vowels ("GWYN", "LLWYD").
fn is_abbreviation(word: &str) -> bool {
    !deunicode::deunicode(word)
        .to_lowercase()
        .contains(['a', 'e', 'i', 'o', 'u', 'w', 'y'])
}

/// What `chorus new story` writes for words still to be filled in.
const PLACEHOLDER: &str = "…";

/// The text `chorus new story` writes, found with memchr's vectorised search: every story's
/// whole text is searched, and `str::contains` took 40 ms of CPU at 10,000 stories.
static TEMPLATE_TEXT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| {
        memchr::memmem::Finder::new(crate::starter::STORY_TEXT_PLACEHOLDER)
    });

/// What of a story is still as the template left it: settings that say "…", and the text.
fn placeholder_keys(story: &Story) -> Vec<String> {
    let settings = [
        ("title", story.title.value.as_str()),
        ("summary", story.summary.as_str()),
        ("storyteller", story.storyteller.value.as_str()),
        ("reference", story.consent.reference.as_str()),
    ]
    .into_iter()
    .filter(|(_, value)| value.trim() == PLACEHOLDER || value.trim() == "...")
    .map(|(key, _)| format!("\"{key}\""));
    let text = TEMPLATE_TEXT
        .find(story.document.body_text().as_bytes())
        .map(|_| "the story's text".to_owned());
    settings.chain(text).collect()
}

/// What else a story left out needs before it can be published, besides what its note says,
/// so that one build tells the group every step: " Before it can be published, also: …".
fn other_steps(story: &Story, reason: Reason) -> String {
    let mut steps = Vec::new();
    if !story.consent.given && reason != Reason::NotGiven {
        steps.push("set given = true under [consent] when the storyteller has agreed".to_owned());
    }
    if story.status != Status::Published && !matches!(reason, Reason::NotReady(_)) {
        steps.push("set status = \"published\" when the group is ready".to_owned());
    }
    let still = placeholder_keys(story);
    if !still.is_empty() {
        steps.push(format!(
            "write the story's own words in place of what the template wrote in {}",
            crate::content::fields::in_a_list(&still)
        ));
    }
    if steps.is_empty() {
        String::new()
    } else {
        format!(" Before it can be published, also: {}.", steps.join("; "))
    }
}

/// A story about to be published with a setting or its text still as the template left it.
fn placeholders(story: &Story) -> Vec<Diagnostic> {
    let file = story.document.file();
    let still = placeholder_keys(story);
    if still.is_empty() {
        return Vec::new();
    }
    vec![
        Diagnostic::error(rules::PLACEHOLDER_LEFT,
            file,
            format!(
                "This story is ready to publish, but {} still {} what the template wrote.",
                crate::content::fields::in_a_list(&still),
                if still.len() == 1 { "says" } else { "say" }
            ),
        )
        .help("Write the story's own words in place of the template's, or set status = \"draft\" until they are ready."),
    ]
}

/// Says why a story is left out, by file and never by storyteller.
fn publication(story: &Story, decision: Decision, today: Date) -> Option<Diagnostic> {
    let file = story.document.file();
    let reason = match decision {
        Decision::Publish => {
            let review_by = &story.consent.review_by;
            let days_left = (review_by.value - today).get_days();
            return (days_left <= REVIEW_NOTICE_DAYS).then(|| {
                Diagnostic::note(rules::CONSENT_REVIEW_DUE,
                    file,
                    format!("Consent for this story is due for review on {}.", long_date(review_by.value)),
                )
                .at(review_by.location())
                .help("Check with the storyteller before then. After that date the story is left out of the site until review_by is updated.")
            });
        }
        // The preview shows it, and it is still not published: the same note as a build gives.
        Decision::Preview(status) => Reason::NotReady(status),
        Decision::LeaveOut(reason) => reason,
    };
    let diagnostic = match reason {
        // Left out all the same: a withdrawal is never waited for.
        Reason::Withdrawn(date) if date > today => {
            let mut warning = Diagnostic::warning(rules::CONSENT_WITHDRAWN_IN_FUTURE,
                file,
                format!("Consent is recorded as withdrawn on {}, a date that has not come yet. Chorus leaves the story out all the same: nothing from it is in the site.", long_date(date)),
            )
            .help("Check the withdrawn date under [consent] against the consent register: it is the day the storyteller withdrew their consent, which can't be after today. Then move the file to private/ or delete it when your consent register says so.");
            if let Some(withdrawn) = &story.consent.withdrawn {
                warning = warning.at(withdrawn.location());
            }
            warning
        }
        Reason::Withdrawn(date) => Diagnostic::note(rules::CONSENT_WITHDRAWN,
            file,
            format!("Left out: consent was withdrawn on {}. Nothing from this story is in the site.", long_date(date)),
        )
        .help("Nothing to do. Move the file to private/ or delete it when your consent register says so."),
        // A consent that could not be read is reported as an error of its own.
        Reason::NotGiven | Reason::NotInScope if story.consent.unreadable => return None,
        Reason::NotGiven => Diagnostic::note(rules::CONSENT_NOT_GIVEN, file, "Left out: consent to publish has not been given.")
            .help(format!(
                "When the storyteller has agreed, set given = true under [consent].{}{}",
                other_steps(story, reason),
                // A story still as the template wrote it has never been agreed to.
                if placeholder_keys(story).is_empty() {
                    format!(" If they agreed once and have since taken it back, add the day they did under [consent], such as withdrawn = {today}: the report then records the withdrawal.")
                } else {
                    String::new()
                }
            )),
        Reason::NotInScope => Diagnostic::note(rules::CONSENT_NOT_FOR_WEB, file, "Left out: the consent does not cover the website.")
            .help("Only if the storyteller has agreed to the website, add \"web\" to scope under [consent]."),
        Reason::ReviewOverdue(date) => Diagnostic::warning(rules::CONSENT_REVIEW_OVERDUE,
            file,
            format!("Left out: consent was due for review on {}, which has passed.", long_date(date)),
        )
        .at(story.consent.review_by.location())
        .help("Check with the storyteller that they still agree, then set a new review_by date under [consent]."),
        // Reported as an error of its own by `check_story`.
        Reason::NamedWithoutAgreement => return None,
        // Only translations are left out for these; see `check_translation`.
        Reason::LanguageNotInSite | Reason::OriginalLeftOut => return None,
        Reason::NotReady(status) => {
            let (status_name, next) = match status {
                Status::Draft => ("draft", "When the group is ready to read it together, set status = \"review\"; when it is ready to publish, status = \"published\"."),
                _ => ("review", "When the group is ready, set status = \"published\"."),
            };
            Diagnostic::note(rules::STORY_NOT_READY, file, format!("Not published yet: the story's status is \"{status_name}\"."))
                .help(format!("{next}{}", other_steps(story, reason)))
        }
    };
    Some(diagnostic)
}

/// A translation needs its original, and is published only with it, in a listed language.
fn check_translation(translation: &Translation, plan: &Plan<'_>) -> Option<Diagnostic> {
    let file = translation.document.file();
    let slug = &translation.document.slug;
    let original = translation.collection.file(slug);
    let exists = plan.published.exists(translation.collection, slug);
    let key = translation.language();
    let language = english_name(key);
    if !exists {
        let noun = match translation.collection {
            Collection::Stories => "story",
            _ => "page",
        };
        return Some(
            Diagnostic::error(rules::TRANSLATION_WITHOUT_ORIGINAL,
                file,
                format!("This translation has no {noun} to translate: there is no {original}."),
            )
            .help(match (plan.routes.nearest_file(&original))
                .filter(|near| !near.ends_with(&format!(".{key}.md")))
            {
                Some(near) => format!(
                    "Did you mean {near}? Give the translation the same name as the file it translates, with .{key} before .md: {} translates {near}.",
                    with_language(near, key)
                ),
                None => format!(
                    "Give the translation the same name as the file it translates, with .{key} before .md: {} translates {original}. If that {noun} is not in the report yet, add it first.",
                    with_language(&original, key)
                ),
            }),
        );
    }
    match plan.published.translation(translation) {
        Decision::Publish | Decision::Preview(_) => None,
        Decision::LeaveOut(Reason::LanguageNotInSite) => {
            let default = &plan.languages.get(DEFAULT).tag;
            Some(
                Diagnostic::note(rules::TRANSLATION_LANGUAGE_NOT_LISTED,
                    file,
                    format!("Left out: this is a {language} translation, and site.toml does not list {language} among the site's languages."),
                )
                .help(if plan.languages.len() < 2 {
                    format!("To publish {language} translations, add languages = [\"{default}\", \"{key}\"] to site.toml.")
                } else {
                    let all: Vec<String> = (plan.languages.iter().map(|l| format!("\"{}\"", l.tag)))
                        .chain([format!("\"{key}\"")])
                        .collect();
                    format!("To publish {language} translations, add \"{key}\" to the languages line in site.toml: languages = [{}].", all.join(", "))
                }),
            )
        }
        // Put away with its story: a translation of a withdrawn story is its words too.
        Decision::LeaveOut(_) => Some(match plan.published.story(slug, Channel::Website) {
            Decision::LeaveOut(Reason::Withdrawn(date)) => Diagnostic::note(rules::TRANSLATION_ORIGINAL_UNPUBLISHED,
                file,
                format!("Left out: consent for the story it translates, {original}, was withdrawn on {}.", long_date(date)),
            )
            .help(format!("Nothing to do for the website. Move this translation to private/ or delete it, along with {original}, when your consent register says so.")),
            _ => Diagnostic::note(rules::TRANSLATION_ORIGINAL_UNPUBLISHED,
                file,
                format!("Left out: the story it translates, {original}, is not published."),
            )
            .help("A translation is published only with its story. Nothing to do unless that story should be published."),
        }),
    }
}

/// A translation takes every setting but its words from the file it translates: each one it
/// repeats anyway is not used, and is shown beside the original's own line.
fn repeated_settings(translation: &Translation, plan: &Plan<'_>) -> Vec<Diagnostic> {
    let content = plan.content;
    let slug = &translation.document.slug;
    let original = match translation.collection {
        Collection::Stories => content
            .stories
            .iter()
            .find(|s| &s.document.slug == slug)
            .map(|s| &s.document),
        Collection::Pages => content
            .pages
            .iter()
            .find(|p| &p.document.slug == slug)
            .map(|p| &p.document),
        Collection::Home => content.home.as_ref().map(|h| &h.document),
    };
    let Some(original) = original else {
        return Vec::new();
    };
    // A translation that would leave its published story out is an error at that setting,
    // in the place of the warning that the setting is not used: one mistake, one message.
    let holds_back: &[HoldsBack] = if translation.collection == Collection::Stories
        && plan.published.story(slug, Channel::Website).is_publish()
    {
        &translation.holds_back
    } else {
        &[]
    };
    let held_back = holds_back.iter().map(|held| {
        let mut problem = Diagnostic::error(rules::TRANSLATION_HOLDS_BACK,
            translation.document.file(),
            format!("This translation says {}, but a translation takes its consent and status from the story it translates, {}, so the story would still be published in every language.", held.says, original.file()),
        )
        .at(held.location.clone())
        .help(format!(
            "If that is so, write it in {} and delete it here: the story is then left out in every language. If not, delete it here. The build stops until then, so nothing new is published meanwhile.",
            original.file()
        ));
        if let Some(range) = setting_line(original, held.key, None) {
            problem = problem.and_at(
                "the setting that is used is here",
                original.file(),
                original.source.location(range),
            );
        }
        problem
    });
    let not_used = translation
        .repeated
        .iter()
        .filter(|repeated| {
            let reported = |held: &HoldsBack| held.key == repeated.key;
            repeated.section.is_some() || !holds_back.iter().any(reported)
        })
        .map(|repeated| {
            let key = &repeated.key;
            let mut problem = Diagnostic::warning(rules::TRANSLATION_REPEATS_SETTING,
                translation.document.file(),
                format!("A translation takes \"{key}\" from the file it translates, so this \"{key}\" is not used."),
            )
            .at(repeated.location.clone())
            .help(format!(
                "Delete this setting from the translation. To change it, change it in {}.",
                original.file()
            ));
            if let Some(range) = setting_line(original, key, repeated.section.as_deref()) {
                problem = problem.and_at(
                    "the setting that is used is here",
                    original.file(),
                    original.source.location(range),
                );
            }
            problem
        });
    held_back.chain(not_used).collect()
}

/// Where a markdown file's settings write `key` (in the table `section`, or at the top): the
/// key's bytes in the file.
fn setting_line(
    document: &crate::content::Document,
    key: &str,
    section: Option<&str>,
) -> Option<std::ops::Range<usize>> {
    let text = document.source.text();
    let settings = &text[..document.body.start.min(text.len())];
    let mut current: Option<&str> = None;
    let mut offset = 0;
    for line in settings.split_inclusive('\n') {
        let trimmed = line.trim();
        let start = offset + (line.len() - line.trim_start().len());
        offset += line.len();
        if let Some(header) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            let header = header.trim_matches(['[', ']']);
            if section.is_none() && header == key {
                return Some(start..start + trimmed.len());
            }
            current = Some(header);
            continue;
        }
        let written = trimmed
            .split_once('=')
            .map(|(name, _)| name.trim())
            .unwrap_or_default();
        if written == key && current == section {
            return Some(start..start + key.len());
        }
    }
    None
}

/// A picture or file of a story whose consent was withdrawn, published all the same because a
/// published page uses it too: said at the story, naming that page.
fn withdrawn_files_published(plan: &Plan<'_>) -> Vec<Diagnostic> {
    plan.withdrawn_files_published
        .iter()
        .map(|shared| {
            let slug = shared.story;
            let original = format!("content/{}", Collection::Stories.file(slug));
            let when = match plan.published.story(slug, Channel::Website) {
                Decision::LeaveOut(Reason::Withdrawn(date)) => format!(" on {}", long_date(date)),
                _ => String::new(),
            };
            let whose = if shared.file == original {
                "this story".to_owned()
            } else {
                format!("the story this translates, {original},")
            };
            let noun = if shared.picture { "picture" } else { "file" };
            let (users, verb, those) = match shared.used_by.as_slice() {
                [one] => (one.to_string(), "uses", one.to_string()),
                [first, second] => (format!("{first} and {second}"), "use", "both".to_owned()),
                [first, rest @ ..] => (
                    format!("{first} and {} other files", rest.len()),
                    "use",
                    "each of them".to_owned(),
                ),
                [] => (String::new(), "uses", String::new()),
            };
            Diagnostic::warning(rules::WITHDRAWN_STORY_FILE_PUBLISHED,
                shared.file,
                format!("Consent for {whose} was withdrawn{when}, so it is left out, but its {noun} {} is still published: {users} {verb} it too.", shared.path),
            )
            .at(shared.location.clone())
            .help(format!("If the {noun} could show who told the story, take it out of {those}, or use another {noun} there: it is then left out with the story. If it may stay, there is nothing to do for the website; move {original} to private/ or delete it when your consent register says so, and this message goes away."))
        })
        .collect()
}

/// Links and pictures in a story that is not published yet are checked too, as warnings:
/// the story may be published later, and a mistake should not wait until then.
fn unpublished_links(plan: &Plan<'_>) -> Vec<Diagnostic> {
    let content = plan.content;
    // Every file of the report a link may name, lower-cased: looked up once per reference.
    let files: HashSet<String> = content
        .media
        .iter()
        .map(|m| m.path.to_lowercase())
        .chain(
            content
                .stories
                .iter()
                .map(|s| &s.document)
                .chain(content.pages.iter().map(|p| &p.document))
                .chain(content.home.iter().map(|h| &h.document))
                .chain(content.translations.iter().map(|t| &t.document))
                .map(|d| d.file().trim_start_matches("content/").to_lowercase()),
        )
        .chain(["index.md".to_owned()])
        .collect();
    // A shortcut Chorus does not follow says itself where it is used (`shortcuts`).
    let exists = |path: &str| files.contains(&path.to_lowercase()) || plan.routes.is_skipped(path);
    let mut problems = Vec::new();
    for source in &plan.sources {
        let Origin::File { file, base, .. } = source.origin else {
            continue;
        };
        if source.published || source.silent {
            continue;
        }
        for reference in &source.references {
            if exists(&reference.path) {
                continue;
            }
            let noun = if reference.picture { "picture" } else { "link" };
            let path = &reference.path;
            let written = reference.full_address.as_ref().unwrap_or(path);
            // Told in one step: a story not published that it most likely meant is said so.
            let (rule, message, help) = match plan.routes.meant(path) {
                Meant::LeftOutStory {
                    path: story,
                    withdrawn: true,
                } => (
                    rules::LINK_TO_WITHDRAWN_STORY,
                    format!(
                        "This {noun} points to \"{written}\", most likely meaning {story}, a story whose storyteller has withdrawn their consent."
                    ),
                    nearest::withdrawn_story_help(noun),
                ),
                Meant::LeftOutStory {
                    path: story,
                    withdrawn: false,
                } => (
                    rules::LINK_TO_UNPUBLISHED,
                    format!(
                        "This {noun} points to \"{written}\", most likely meaning {story}, which is not published either."
                    ),
                    nearest::left_out_story_help(noun, story),
                ),
                meant => (
                    rules::LINK_TO_MISSING_FILE,
                    match reference.full_address {
                        Some(_) => format!(
                            "This {noun} points to \"{written}\", which is not a page or file of this site."
                        ),
                        None => format!(
                            "This {noun} points to \"{path}\", which is not a file in the report."
                        ),
                    },
                    nearest::missing_file_help(path, meant.file()),
                ),
            };
            problems.push(
                Diagnostic::warning(rule, source.file, message)
                .at(file.location(base + reference.range.start..base + reference.range.end))
                .help(format!("The story is not published yet, so this does not stop the build. Before it is, {}", lower_first(&help))),
            );
        }
    }
    problems
}

/// A link markdown could not read shows as its raw words, brackets and all: each one is found,
/// with the address it most likely meant.
fn links_as_words(plan: &Plan<'_>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for source in &plan.sources {
        let Origin::File { file, base, .. } = source.origin else {
            continue;
        };
        if source.silent {
            continue;
        }
        for link in &source.links_as_words {
            let why = if link.in_angle_brackets {
                "markdown makes a link between < and > only of a web address (https://…)"
            } else if link.address.contains(char::is_whitespace) {
                "its address has spaces"
            } else {
                "markdown can't read its address"
            };
            let (noun, mark, example) = if link.picture {
                ("picture", "!", "media/jane-at-home.jpg")
            } else {
                ("link", "", "stories/getting-my-evenings-back.md")
            };
            let location = file.location(base + link.range.start..base + link.range.end);
            let meant = plan.routes.meant(&link.address);
            // The page shows the words, which name a story whose consent was withdrawn: said as
            // a link to it is, in one step.
            if let Meant::LeftOutStory {
                path: story,
                withdrawn: true,
            } = meant
            {
                let message = format!(
                    "This looks like a {noun} to {story}, a story whose storyteller has withdrawn their consent, but {why}, so the page would show it as it is written, brackets and all."
                );
                let help = nearest::withdrawn_story_help(noun);
                problems.push(if source.published {
                    Diagnostic::error(rules::LINK_TO_WITHDRAWN_STORY, source.file, message)
                        .at(location)
                        .help(help)
                } else {
                    Diagnostic::warning(rules::LINK_TO_WITHDRAWN_STORY, source.file, message)
                        .at(location)
                        .help(format!("The story is not published yet, so this does not stop the build. Before it is, {}", lower_first(&help)))
                });
                continue;
            }
            let not_yet = match meant {
                Meant::LeftOutStory { .. } => format!(
                    "That story is not published yet, so Chorus leaves the {noun} out until it is. "
                ),
                _ => String::new(),
            };
            let found = match meant {
                Meant::File(path) | Meant::LeftOutStory { path, .. } => Some(path.to_owned()),
                Meant::Nothing => None,
            };
            if link.in_angle_brackets {
                // A file the report does not have is said so too: one message for the line.
                let missing = match meant {
                    Meant::Nothing => nearest::missing_file_help(&link.address, None),
                    _ => String::new(),
                };
                let path = found.unwrap_or_else(|| link.address.clone());
                problems.push(
                    Diagnostic::warning(rules::LINK_AS_WORDS,
                        source.file,
                        format!("This looks like a link, but {why}, so the page shows it as it is written, brackets and all."),
                    )
                    .at(location)
                    .help(format!("Write it as a link, with the words to show between square brackets and the file's path from the content folder between round ones: [the words to show]({path}). {not_yet}{missing}").trim_end().to_owned()),
                );
                continue;
            }
            // A picture's file is named as it must be (no spaces, small letters), since the
            // same run asks for the file to be renamed so.
            let near = if link.picture {
                let path = found.unwrap_or_else(|| link.address.clone());
                let fixed = match path.rsplit_once('/') {
                    Some((folder, name)) => {
                        format!("{folder}/{}", crate::content::suggested_media_name(name))
                    }
                    None => crate::content::suggested_media_name(&path),
                };
                Some(fixed)
            } else {
                found
            };
            let fix = match near {
                Some(near) => format!("Did you mean {mark}[{}]({near})? {not_yet}", link.words),
                None => String::new(),
            };
            problems.push(
                Diagnostic::warning(rules::LINK_AS_WORDS,
                    source.file,
                    format!("This looks like a {noun}, but {why}, so the page shows it as it is written, brackets and all."),
                )
                .at(location)
                .help(format!("{fix}A {noun}'s address has no spaces: write the file's path from the content folder ({example}), or a web address starting with https://.")),
            );
        }
    }
    problems
}

/// How many files a note about translations names before it only counts the rest.
const FILES_NAMED: usize = 10;

/// For each language besides the default, one note listing the published files that have no
/// translation into it yet (in name order, the first `FILES_NAMED` of them).
fn parity(plan: &Plan<'_>) -> Vec<Diagnostic> {
    let content = plan.content;
    let mut notes = Vec::new();
    for language in plan.languages.indices().skip(1) {
        let key = &plan.languages.get(language).key;
        let originals = content
            .home
            .iter()
            .map(|h| (Collection::Home, &h.document))
            .chain(
                plan.free_pages
                    .iter()
                    .map(|p| (Collection::Pages, &p.document)),
            )
            // The preview shows drafts too; they are not published yet.
            .chain(
                plan.stories
                    .iter()
                    .filter(|s| {
                        let slug = &s.document.slug;
                        let decision = plan.published.story(slug, Channel::Website);
                        matches!(decision, Decision::Publish)
                    })
                    .map(|s| (Collection::Stories, &s.document)),
            );
        let mut missing: Vec<String> = originals
            .filter(|(collection, document)| {
                plan.translation(*collection, &document.slug, language)
                    .is_none()
            })
            .map(|(_, document)| document.file().trim_start_matches("content/").to_owned())
            .collect();
        if missing.is_empty() {
            continue;
        }
        missing.sort();
        // A large report's list would bury every other message: the first few are named.
        let named = match missing.len() {
            n if n <= FILES_NAMED => missing.join(", "),
            n => format!(
                "{}, and {} more",
                missing[..FILES_NAMED].join(", "),
                crate::diagnostics::thousands(n - FILES_NAMED)
            ),
        };
        let name = english_name(key);
        let default = english_name(&plan.languages.get(DEFAULT).key);
        let count = crate::diagnostics::count_words(missing.len(), "published file");
        notes.push(
            Diagnostic::note(rules::TRANSLATIONS_MISSING,
                "content/site.toml",
                format!("{count} {} no {name} translation yet, so the {name} site shows {} in {default}: {}.",
                    if missing.len() == 1 { "has" } else { "have" },
                    if missing.len() == 1 { "it" } else { "them" },
                    named),
            )
            .help(format!("To translate one, add a file with .{key} before .md beside it, such as content/{}. It needs only the words: the title, the summary and the text.",
                missing[0].replace(".md", &format!(".{key}.md")))),
        );
    }
    notes
}

fn check_story_image(
    story: &Story,
    image: &crate::content::story::StoryImage,
    media: &HashSet<&str>,
    routes: &crate::plan::routes::Routes,
    problems: &mut Vec<Diagnostic>,
) {
    let file = story.document.file();
    let has_alt = image
        .alt
        .as_deref()
        .is_some_and(|alt| !alt.trim().is_empty());
    if !image.decorative && !has_alt {
        problems.push(
            Diagnostic::error(rules::STORY_IMAGE_ALT_MISSING, file, "The story's image has no alt text, so people who can't see it would miss it.")
                .at(image.location.clone())
                .help("Add alt = \"…\" under [image], saying what the picture shows. If it is only decoration, add decorative = true instead."),
        );
    }
    let src = &image.src.value;
    // A shortcut Chorus does not follow says itself where it is used (`shortcuts`).
    if !media.contains(src.as_str()) && !routes.is_skipped(src) {
        let help = if src.starts_with("media/") {
            format!(
                "Check the spelling, and that the file is in content/{}.",
                src.rsplit_once('/').map_or("media", |p| p.0)
            )
        } else {
            "Put the picture in content/media/ and write its path from there: src = \"media/garden.jpg\".".to_owned()
        };
        problems.push(
            Diagnostic::error(
                rules::STORY_IMAGE_MISSING,
                file,
                format!("The story's image \"{src}\" is not in the report's media folder."),
            )
            .at(image.src.location())
            .help(help),
        );
    }
}

fn check_page(page: &Page, problems: &mut Vec<Diagnostic>) {
    problems.extend(title_html(page.document.file(), &page.title));
    if RESERVED_NAMES.contains(&page.document.slug.as_str()) {
        problems.push(
            Diagnostic::error(
                rules::NAME_TAKEN_BY_CHORUS,
                page.document.file(),
                format!(
                    "A page can't be called \"{}\": Chorus makes a page of that name itself.",
                    page.document.slug
                ),
            )
            .help(format!(
                "Rename the file, for example to our-{}.md.",
                page.document.slug
            )),
        );
    }
}

/// A file's path with a language's key before its extension: `stories/x.cy.md`.
fn with_language(path: &str, key: &str) -> String {
    match path.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}.{key}.{extension}"),
        None => format!("{path}.{key}"),
    }
}

/// A story whose page would take the place of a page Chorus makes: `stories/index.md` would
/// replace the list of stories.
fn reserved_story_name(story: &Story) -> Option<Diagnostic> {
    let slug = &story.document.slug;
    (slug == "index").then(|| {
        Diagnostic::error(
            rules::NAME_TAKEN_BY_CHORUS,
            story.document.file(),
            format!("A story can't be called \"{slug}\": Chorus makes a page of that name itself."),
        )
        .help(format!("Rename the file, for example to our-{slug}.md."))
    })
}

/// "Write it" → "write it", to go on after a comma.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A date as people write it in messages: 14 March 2025.
pub fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::looks_like_full_name;

    #[test]
    fn a_full_name_is_told_from_a_first_name_a_role_or_a_relation() {
        for name in [
            "Mary Jones",
            "Siân Lloyd-Ellis",
            "Seán O’Brien",
            "Mary Anne Jones",
            "Mary Anne Louise Jones Smith",
            "MARY JONES",
            "mary jones",
            "siân lloyd-ellis",
            "GWYN LLWYD",
            "Mary JONES",
            "Mary Ng",
        ] {
            assert!(looks_like_full_name(name), "{name}");
        }
        for not_a_name in [
            "Mary",
            "Jo",
            "jo",
            "JO",
            "Anonymous",
            "anonymous",
            "a carer",
            "A Carer",
            "A CARER",
            "Young Carer",
            "young carer",
            "YOUNG CARER",
            "Mum Of Two",
            "Mary J",
            "mary j",
            "NHS Staff",
            "NHS STAFF",
            "CQC GP",
            "someone who uses day services",
            "Someone Who Uses Day Services",
            "a parent from Barry",
            "a parent from barry",
            "Carer from Harrowdale Voices",
            "retired teacher",
            "wheelchair user",
            "gofalwr o’r Barri",
            "rhiant o'r barri",
            "",
        ] {
            assert!(!looks_like_full_name(not_a_name), "{not_a_name}");
        }
    }

    #[test]
    fn html_tags_in_a_title_are_found_and_taken_out() {
        use super::html_tags;
        let found = html_tags;
        assert_eq!(
            found("Our <b>new</b> service"),
            Some(("<b>".to_owned(), "Our new service".to_owned()))
        );
        assert_eq!(
            found("<a href=\"x.html\">Read</a> this"),
            Some(("<a href=\"x.html\">".to_owned(), "Read this".to_owned()))
        );
        assert_eq!(
            found("Two<br/>lines"),
            Some(("<br/>".to_owned(), "Two lines".to_owned()))
        );
        for plain in [
            "Support for under <18s",
            "a < b > c",
            "<3 our carers",
            "Tom & Jerry",
            "<",
        ] {
            assert_eq!(found(plain), None, "{plain}");
        }
    }
}
