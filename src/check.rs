//! The check stage: the rules of the content model, applied to what was loaded.
//! It reads the model and returns diagnostics; it never touches the disk.

use crate::consent::{self, Decision, Reason};
use crate::content::story::{Status, Story};
use crate::content::{Content, page::Page};
use crate::diagnostics::Diagnostic;
use crate::framework::Frameworks;
use crate::render::routes::RESERVED_NAMES;
use jiff::civil::Date;

const TITLE_LIMIT: usize = 80;
const SUMMARY_LIMIT: usize = 300;
/// How far ahead a coming consent review is mentioned.
const REVIEW_NOTICE_DAYS: i32 = 30;

pub fn check(content: &Content, frameworks: &Frameworks, today: Date) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let decisions = consent::Context {
        today,
        stories: &content.stories,
        languages: &content.site.languages,
    };
    for story in &content.stories {
        check_story(story, content, frameworks, &decisions, &mut problems);
        problems.extend(reserved_story_name(story));
    }
    for page in &content.pages {
        check_page(page, &mut problems);
    }
    problems
}

fn check_story(
    story: &Story,
    content: &Content,
    frameworks: &Frameworks,
    decisions: &consent::Context<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let file = story.document.file();
    let today = decisions.today;
    if let Some(problem) = publication(story, decisions) {
        problems.push(problem);
    }
    if story.document.translation.is_some() && consent::original(story, &content.stories).is_none()
    {
        problems.push(
            Diagnostic::error(
                file,
                format!(
                    "This translation has no story to translate: there is no stories/{}.md.",
                    story.document.slug
                ),
            )
            .help("Give the translation the same name as its story, with .cy before .md: stories/getting-my-evenings-back.cy.md translates stories/getting-my-evenings-back.md."),
        );
    }
    if !story.anonymised.value && !story.consent.named {
        problems.push(
            Diagnostic::error(
                file,
                "This story names its storyteller (anonymised = false), but the consent does not say they agreed to be named.",
            )
            .at(story.anonymised.location.clone())
            .help("If they agreed to be named, add named = true under [consent]. If not, set anonymised = true and use a chosen name or Anonymous."),
        );
    }
    let title_length = story.title.value.chars().count();
    if title_length > TITLE_LIMIT {
        problems.push(
            Diagnostic::error(
                file,
                format!("The title is {title_length} characters long; a title can be at most {TITLE_LIMIT}."),
            )
            .at(story.title.location.clone())
            .help("Shorten the title. The summary is the place for more detail."),
        );
    }
    let summary_length = story.summary.chars().count();
    if summary_length > SUMMARY_LIMIT {
        problems.push(
            Diagnostic::warning(
                file,
                format!("The summary is {summary_length} characters long, more than one or two sentences."),
            )
            .help(format!("Keep the summary under {SUMMARY_LIMIT} characters: it is shown in lists and search results.")),
        );
    }
    for theme in &story.themes {
        if frameworks.theme(&theme.value).is_none() {
            let known = frameworks.theme_ids();
            let help = match crate::content::fields::nearest(&theme.value, &known) {
                Some(near) => format!(
                    "Did you mean \"{near}\"? The themes are: {}.",
                    known.join(", ")
                ),
                None => format!("Use the id of a framework theme: {}.", known.join(", ")),
            };
            problems.push(
                Diagnostic::error(
                    file,
                    format!(
                        "\"{}\" is not a theme of the frameworks this report uses.",
                        theme.value
                    ),
                )
                .at(theme.location.clone())
                .help(help),
            );
        }
    }
    for statement in &story.statements {
        if !frameworks.is_statement(&statement.value) {
            problems.push(
                Diagnostic::error(
                    file,
                    format!("\"{}\" is not a statement of the frameworks this report uses.", statement.value),
                )
                .at(statement.location.clone())
                .help("Making it Real statements look like mir.asc.i1 or mir.asc.we3; CQC's quality statements are cqc-la.qs1 to cqc-la.qs9."),
            );
        }
    }
    if let Some(image) = &story.image {
        check_story_image(story, image, content, problems);
    }
    let recorded = story.consent.recorded;
    if recorded > today {
        problems.push(
            Diagnostic::warning(
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

/// Says why a story is left out, by file and never by storyteller.
fn publication(story: &Story, decisions: &consent::Context<'_>) -> Option<Diagnostic> {
    let file = story.document.file();
    let today = decisions.today;
    let reason = match consent::decide(story, decisions) {
        Decision::Publish => {
            let review_by = &story.consent.review_by;
            let days_left = (review_by.value - today).get_days();
            return (days_left <= REVIEW_NOTICE_DAYS).then(|| {
                Diagnostic::note(
                    file,
                    format!("Consent for this story is due for review on {}.", long_date(review_by.value)),
                )
                .at(review_by.location.clone())
                .help("Check with the storyteller before then. After that date the story is left out of the site until review_by is updated.")
            });
        }
        Decision::LeaveOut(reason) => reason,
    };
    let diagnostic = match reason {
        Reason::Withdrawn(date) => Diagnostic::note(
            file,
            format!("Left out: consent was withdrawn on {}. Nothing from this story is in the site.", long_date(date)),
        )
        .help("Nothing to do. Move the file to private/ or delete it when your consent register says so."),
        Reason::NotGiven => Diagnostic::note(file, "Left out: consent to publish has not been given.")
            .help("When the storyteller has agreed, set given = true under [consent]."),
        Reason::NotForWeb => Diagnostic::note(file, "Left out: the consent does not cover the website.")
            .help("Only if the storyteller has agreed to the website, add \"web\" to scope under [consent]."),
        Reason::ReviewOverdue(date) => Diagnostic::warning(
            file,
            format!("Left out: consent was due for review on {}, which has passed.", long_date(date)),
        )
        .at(story.consent.review_by.location.clone())
        .help("Check with the storyteller that they still agree, then set a new review_by date under [consent]."),
        // Reported as an error of its own by `check_story`.
        Reason::NamedWithoutAgreement => return None,
        Reason::LanguageNotInSite => Diagnostic::note(
            file,
            "Left out: this is a Welsh translation, and site.toml does not list Welsh among the site's languages.",
        )
        .help("To publish Welsh translations, add languages = [\"en-GB\", \"cy\"] to site.toml."),
        // A translation with no story at all is an error of its own, reported by `check_story`.
        Reason::OriginalLeftOut if consent::original(story, decisions.stories).is_none() => {
            return None;
        }
        Reason::OriginalLeftOut => Diagnostic::note(
            file,
            format!(
                "Left out: the story it translates, stories/{}.md, is not published.",
                story.document.slug
            ),
        )
        .help("A translation is published only with its story. Nothing to do unless that story should be published."),
        Reason::NotReady(status) => {
            let (status_name, next) = match status {
                Status::Draft => ("draft", "review"),
                _ => ("review", "published"),
            };
            Diagnostic::note(file, format!("Not published yet: the story's status is \"{status_name}\"."))
                .help(format!("When the group is ready, set status = \"{next}\"."))
        }
    };
    Some(diagnostic)
}

fn check_story_image(
    story: &Story,
    image: &crate::content::story::StoryImage,
    content: &Content,
    problems: &mut Vec<Diagnostic>,
) {
    let file = story.document.file();
    let has_alt = image
        .alt
        .as_deref()
        .is_some_and(|alt| !alt.trim().is_empty());
    if !image.decorative && !has_alt {
        problems.push(
            Diagnostic::error(file, "The story's image has no alt text, so people who can't see it would miss it.")
                .at(image.location.clone())
                .help("Add alt = \"…\" under [image], saying what the picture shows. If it is only decoration, add decorative = true instead."),
        );
    }
    let src = &image.src.value;
    if !content.media.iter().any(|m| &m.path == src) {
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
                file,
                format!("The story's image \"{src}\" is not in the report's media folder."),
            )
            .at(image.src.location.clone())
            .help(help),
        );
    }
}

fn check_page(page: &Page, problems: &mut Vec<Diagnostic>) {
    if RESERVED_NAMES.contains(&page.document.slug.as_str()) {
        problems.push(
            Diagnostic::error(
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

/// A story whose page would take the place of a page Chorus makes: `stories/index.md` would
/// replace the list of stories.
fn reserved_story_name(story: &Story) -> Option<Diagnostic> {
    let slug = &story.document.slug;
    let path = crate::render::routes::story(&story.document.id());
    (path == crate::render::routes::STORIES).then(|| {
        Diagnostic::error(
            story.document.file(),
            format!("A story can't be called \"{slug}\": Chorus makes a page of that name itself."),
        )
        .help(format!("Rename the file, for example to our-{slug}.md."))
    })
}

/// A date as people write it in messages: 14 March 2025.
pub fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}
