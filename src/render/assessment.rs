//! Assessment: the overview of cycles, each cycle by theme (a chart, an equal table and a text
//! summary, the two voices compared, the change since the cycle before), and one page per rated
//! statement, laid out as CQC's reports are.

use super::Job;
use super::chart::{self, Bar, Group, Row};
use super::frame::{Around, Frame, Heading, PageFrame};
use super::stories::card;
use super::tracker::{EntryCard, entry_card};
use crate::content::assessment::cycle::{CATEGORIES, Cycle, Rating};
use crate::content::assessment::scale::{Scale, Value, cqc_indicative};
use crate::content::fields::At;
use crate::plan::assessment::CyclePlan;
use crate::plan::routes::Target;
use serde::Serialize;
use tera::{Context, TeraResult};

/// A rating in words (`3: good standard`), with its level for styling.
#[derive(Debug, Clone, Serialize)]
pub struct RatingView {
    pub words: String,
    /// `level-0` (the lowest) up, or `not-assessed`.
    pub class: String,
}

pub fn rating_view(frame: &PageFrame<'_>, scale: &Scale, value: Value) -> RatingView {
    let words = match (scale, value) {
        (_, Value::NotAssessed) => frame.word("scale_not-assessed"),
        (Scale::Custom(levels), Value::Level(i)) => levels.get(i).cloned().unwrap_or_default(),
        (scale, Value::Level(i)) => frame.word(&format!(
            "scale_{}_{}",
            scale.id(),
            scale.written(Value::Level(i))
        )),
    };
    RatingView {
        words,
        class: match value {
            Value::Level(i) => format!("level-{i}"),
            Value::NotAssessed => "not-assessed".to_owned(),
        },
    }
}

#[derive(Serialize)]
struct CycleCard {
    title: String,
    href: String,
    framework: String,
    period: String,
    source: String,
    rated: usize,
    indicative: Option<Indicative>,
}

#[derive(Serialize, Clone)]
struct Indicative {
    /// Rounded for display; the band was decided on the exact value.
    percent: String,
    band: String,
}

#[derive(Serialize)]
struct OverviewPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    cycles: Vec<CycleCard>,
}

#[derive(Serialize)]
struct TableRow {
    statement: String,
    name: Option<String>,
    href: String,
    rating: Option<RatingView>,
    people: Option<RatingView>,
    organisation: Option<RatingView>,
}

#[derive(Serialize)]
struct ThemeTable {
    name: String,
    href: String,
    rows: Vec<TableRow>,
}

#[derive(Serialize)]
struct Gap {
    statement: String,
    href: String,
    people: RatingView,
    organisation: RatingView,
    /// In words: "people rate it 2 levels lower".
    gap: String,
}

#[derive(Serialize)]
struct ChangeRow {
    statement: String,
    href: String,
    before: RatingView,
    after: RatingView,
    direction: String,
}

#[derive(Serialize)]
struct Change {
    title: String,
    href: String,
    rows: Vec<ChangeRow>,
}

#[derive(Serialize)]
struct CyclePage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    framework: String,
    framework_source: String,
    period: String,
    source: String,
    scale: String,
    method: Option<String>,
    summary: String,
    chart: String,
    /// The table's caption's words before and after the cycle's title, so that the template
    /// can mark the title in the report's language.
    table_caption: Option<Around>,
    two_voices: bool,
    themes: Vec<ThemeTable>,
    gaps: Vec<Gap>,
    change: Option<Change>,
    indicative: Option<Indicative>,
    csv_href: String,
    json_href: String,
    /// The frameworks' names are English: marked so on a page in another language.
    themes_lang: Option<&'static str>,
    report_text_lang: Option<&'a str>,
}

#[derive(Serialize)]
struct EvidenceGroup {
    category: String,
    items: Vec<EvidenceItem>,
}

#[derive(Serialize)]
struct EvidenceItem {
    title: String,
    href: Option<String>,
}

#[derive(Serialize)]
struct RatingPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    statement: String,
    statement_name: Option<String>,
    theme: String,
    theme_href: String,
    cycle_title: String,
    cycle_href: String,
    rating: Option<RatingView>,
    /// Not `organisation`: every page has that already, the organisation's name.
    people_rating: Option<RatingView>,
    organisation_rating: Option<RatingView>,
    expectation: Option<String>,
    publisher: String,
    publisher_source: String,
    summary: String,
    commitment: Option<String>,
    what_is_working: Option<String>,
    what_needs_to_change: Option<String>,
    evidence: Vec<EvidenceGroup>,
    actions: Vec<EntryCard>,
    stories: Vec<tera::Value>,
    themes_lang: Option<&'static str>,
    report_text_lang: Option<&'a str>,
}

fn period(frame: &PageFrame<'_>, cycle: &Cycle) -> String {
    format!(
        "{} – {}",
        frame.date(cycle.period_start),
        frame.date(cycle.period_end)
    )
}

/// For a `cqc4` cycle over CQC's quality statements: the indicative score and band.
fn indicative(frame: &PageFrame<'_>, plan: &CyclePlan<'_>) -> Option<Indicative> {
    let cycle = plan.cycle;
    if cycle.scale != Scale::Cqc4 || cycle.framework.value != "cqc-la" {
        return None;
    }
    let scores: Vec<usize> = plan
        .ratings()
        .filter_map(|r| match r.headline() {
            Some(Value::Level(i)) => Some(i + 1),
            _ => None,
        })
        .collect();
    let (p, band) = cqc_indicative(&scores)?;
    Some(Indicative {
        percent: format!("{}", p.round() as u32),
        band: frame.word(&format!("band_{}", band.id())),
    })
}

fn framework_names(frame: &PageFrame<'_>, id: &str) -> (String, String) {
    frame.site.frameworks.framework(id).map_or_else(
        || (id.to_owned(), String::new()),
        |f| (f.title.clone(), f.source.clone()),
    )
}

pub fn overview(job: &mut Job<'_>) -> TeraResult<Context> {
    let frame = &job.frame;
    let assessment = &frame.site.plan.assessment;
    // The newest first.
    let cycles = assessment
        .cycles
        .iter()
        .rev()
        .map(|plan| CycleCard {
            title: plan.cycle.title.clone(),
            href: frame.href(Target::Cycle(&plan.cycle.slug)),
            framework: framework_names(frame, &plan.cycle.framework.value).0,
            period: period(frame, plan.cycle),
            source: frame.word(&format!("cycle_source_{}", plan.cycle.source.id())),
            rated: plan
                .ratings()
                .filter(|r| matches!(r.headline(), Some(Value::Level(_))))
                .count(),
            indicative: indicative(frame, plan),
        })
        .collect();
    let page = OverviewPage {
        frame: frame.own_page("assessment"),
        cycles,
    };
    job.add_text(&page.frame.title);
    job.context(&page)
}

pub fn cycle(job: &mut Job<'_>, slug: &str) -> TeraResult<Context> {
    let plan = job.frame.site.plan;
    let Some((_, cycle_plan)) = plan.assessment.cycle(slug) else {
        return Err(tera::Error::message(format!("no cycle {slug}")));
    };
    let cycle = cycle_plan.cycle;
    let method = cycle.method.as_ref().map(|t| job.setting(&cycle.file, t));
    let frame = &job.frame;
    let scale = &cycle.scale;
    let view = |v: &Option<At<Value>>| v.as_ref().map(|v| rating_view(frame, scale, v.value));
    let two_voices = cycle_plan.ratings().any(Rating::has_two_voices);
    let mut themes = Vec::new();
    let mut groups = Vec::new();
    for (theme, ratings) in &cycle_plan.themes {
        let rows = ratings
            .iter()
            .map(|r| TableRow {
                statement: r.statement.value.clone(),
                name: frame
                    .site
                    .frameworks
                    .statement_name(&r.statement.value)
                    .map(str::to_owned),
                href: frame.href(Target::Rating(slug, &r.statement.value)),
                rating: view(&r.rating),
                people: view(&r.people_rating),
                organisation: view(&r.organisation_rating),
            })
            .collect();
        let chart_rows = ratings
            .iter()
            .map(|r| {
                let bar = |v: Option<Value>| Bar {
                    level: match v {
                        Some(Value::Level(i)) => Some(i),
                        _ => None,
                    },
                    words: v.map_or_else(
                        || frame.word("scale_not-assessed"),
                        |v| rating_view(frame, scale, v).words,
                    ),
                };
                let bars = if r.has_two_voices() && r.rating.is_none() {
                    vec![
                        bar(r.people_rating.as_ref().map(|v| v.value)),
                        bar(r.organisation_rating.as_ref().map(|v| v.value)),
                    ]
                } else {
                    vec![bar(r.headline())]
                };
                Row {
                    label: r.statement.value.clone(),
                    bars,
                }
            })
            .collect();
        groups.push(Group {
            heading: frame.theme_name(theme),
            heading_lang: frame.frameworks_lang(),
            rows: chart_rows,
        });
        themes.push(ThemeTable {
            name: frame.theme_name(theme),
            href: frame.href(Target::Theme(theme)),
            rows,
        });
    }
    let summary = summary(frame, cycle_plan);
    // The key says which bar is whose by its fill, solid or hatched; the shade is the rating's.
    let voices = two_voices.then(|| {
        (
            frame.word("cycle_key_solid"),
            frame.word("cycle_key_hatched"),
        )
    });
    let chart = chart::draw(
        "cycle-chart",
        &frame
            .word("cycle_chart_title")
            .replace("{cycle}", &cycle.title),
        &summary,
        scale.size(),
        &groups,
        voices.as_ref().map(|(p, o)| (p.as_str(), o.as_str())),
    );
    let mut gaps: Vec<(usize, Gap)> = cycle_plan
        .ratings()
        .filter_map(|r| {
            let (Some(people), Some(organisation)) = (&r.people_rating, &r.organisation_rating)
            else {
                return None;
            };
            let (Value::Level(p), Value::Level(o)) = (people.value, organisation.value) else {
                return None;
            };
            (p != o).then(|| {
                let size = p.abs_diff(o);
                // The theme's words have a form for one level (`…_one`) and one for more.
                let key = match (p < o, size == 1) {
                    (true, true) => "gap_people_lower_one",
                    (true, false) => "gap_people_lower",
                    (false, true) => "gap_people_higher_one",
                    (false, false) => "gap_people_higher",
                };
                (
                    size,
                    Gap {
                        statement: r.statement.value.clone(),
                        href: frame.href(Target::Rating(slug, &r.statement.value)),
                        people: rating_view(frame, scale, people.value),
                        organisation: rating_view(frame, scale, organisation.value),
                        gap: frame.word(key).replace("{n}", &size.to_string()),
                    },
                )
            })
        })
        .collect();
    // Largest gaps first; equal gaps in the cycle's order.
    gaps.sort_by_key(|gap| std::cmp::Reverse(gap.0));
    let change = cycle_plan.previous.map(|previous| {
        let before = &plan.assessment.cycles[previous];
        let rows = cycle_plan
            .ratings()
            .filter_map(|r| {
                let was = before.rating(&r.statement.value)?;
                let (old, new) = (was.headline()?, r.headline()?);
                let direction = match (old, new) {
                    (Value::Level(a), Value::Level(b)) if b > a => "change_better",
                    (Value::Level(a), Value::Level(b)) if b < a => "change_worse",
                    (Value::Level(_), Value::Level(_)) => "change_same",
                    _ => "change_unknown",
                };
                Some(ChangeRow {
                    statement: r.statement.value.clone(),
                    href: frame.href(Target::Rating(slug, &r.statement.value)),
                    before: rating_view(frame, &before.cycle.scale, old),
                    after: rating_view(frame, scale, new),
                    direction: frame.word(direction),
                })
            })
            .collect();
        Change {
            title: before.cycle.title.clone(),
            href: frame.href(Target::Cycle(&before.cycle.slug)),
            rows,
        }
    });
    let (framework, framework_source) = framework_names(frame, &cycle.framework.value);
    let page = CyclePage {
        frame: frame.frame(Heading {
            title: cycle.title.clone(),
            description: summary.clone(),
            trail: vec![Target::Home, Target::Assessment],
        }),
        framework,
        framework_source,
        period: period(frame, cycle),
        source: frame.word(&format!("cycle_source_{}", cycle.source.id())),
        scale: frame.word(&format!("scale_name_{}", scale.id())),
        method,
        summary,
        chart,
        table_caption: frame.around("cycle_table_caption", "{cycle}"),
        two_voices,
        themes,
        gaps: gaps.into_iter().map(|(_, g)| g).collect(),
        change,
        indicative: indicative(frame, cycle_plan),
        csv_href: frame.href_to(&crate::render::data::cycle_path(slug, "csv")),
        json_href: frame.href_to(&crate::render::data::cycle_path(slug, "json")),
        themes_lang: frame.frameworks_lang(),
        report_text_lang: frame.report_lang(),
    };
    job.add_text(&page.frame.title);
    job.add_text(&page.summary);
    job.context(&page)
}

/// The cycle in one or two sentences: how many statements, and how many at each rating;
/// where people gave their own ratings, theirs as well.
fn summary(frame: &PageFrame<'_>, plan: &CyclePlan<'_>) -> String {
    let scale = &plan.cycle.scale;
    let ratings: Vec<&Rating> = plan.ratings().collect();
    let counts = |values: Vec<Value>| {
        let mut counts: Vec<(Value, usize)> = Vec::new();
        for value in values {
            match counts.iter_mut().find(|(v, _)| *v == value) {
                Some((_, n)) => *n += 1,
                None => counts.push((value, 1)),
            }
        }
        counts.sort_by_key(|(v, _)| match v {
            Value::Level(i) => std::cmp::Reverse(*i as isize),
            Value::NotAssessed => std::cmp::Reverse(-1),
        });
        counts
            .iter()
            .map(|(v, n)| format!("{} ({n})", rating_view(frame, scale, *v).words))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut summary = frame
        .word("cycle_summary")
        .replace("{n}", &ratings.len().to_string())
        .replace(
            "{counts}",
            &counts(ratings.iter().filter_map(|r| r.headline()).collect()),
        );
    let people: Vec<Value> = ratings
        .iter()
        .filter_map(|r| r.people_rating.as_ref().map(|v| v.value))
        .collect();
    if !people.is_empty() {
        summary.push(' ');
        summary.push_str(
            &frame
                .word("cycle_summary_people")
                .replace("{counts}", &counts(people)),
        );
    }
    summary
}

pub fn rating(job: &mut Job<'_>, slug: &str, statement: &str) -> TeraResult<Context> {
    let plan = job.frame.site.plan;
    let Some((_, cycle_plan)) = plan.assessment.cycle(slug) else {
        return Err(tera::Error::message(format!("no cycle {slug}")));
    };
    let Some(rating) = cycle_plan.rating(statement) else {
        return Err(tera::Error::message(format!("no rating {statement}")));
    };
    let file = rating.file.clone();
    let commitment = rating.commitment.as_ref().map(|t| job.setting(&file, t));
    let what_is_working = rating
        .what_is_working
        .as_ref()
        .map(|t| job.setting(&file, t));
    let what_needs_to_change = rating
        .what_needs_to_change
        .as_ref()
        .map(|t| job.setting(&file, t));
    let actions = rating
        .actions
        .iter()
        .filter_map(|id| plan.tracker.entry(&id.value))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|entry| entry_card(job, entry))
        .collect();
    // The statement's stories, from the evidence map: each story once, in the plan's order.
    let stories = plan
        .assessment
        .statement(statement)
        .map_or(&[][..], |evidence| &evidence.stories)
        .iter()
        .map(|s| card(job, s))
        .collect();
    let frame = &job.frame;
    let cycle = cycle_plan.cycle;
    let scale = &cycle.scale;
    let view = |v: &Option<At<Value>>| v.as_ref().map(|v| rating_view(frame, scale, v.value));
    let frameworks = frame.site.frameworks;
    let theme = frameworks.theme_of(statement);
    let (publisher, publisher_source) = frameworks
        .framework_of(statement)
        .map(|f| (f.publisher.clone(), f.source.clone()))
        .unwrap_or_default();
    let evidence = CATEGORIES
        .iter()
        .filter_map(|(_, category)| {
            let items: Vec<EvidenceItem> = rating
                .evidence
                .iter()
                .filter(|e| e.category == *category)
                .map(|e| EvidenceItem {
                    title: e.title.clone(),
                    href: e.url.clone(),
                })
                .collect();
            (!items.is_empty()).then(|| EvidenceGroup {
                category: frame.word(&format!("evidence_{}", category.key())),
                items,
            })
        })
        .collect();
    let name = frameworks.statement_name(statement).map(str::to_owned);
    let title = match &name {
        Some(name) => format!("{statement}: {name}"),
        None => statement.to_owned(),
    };
    let page = RatingPage {
        frame: frame.frame(Heading {
            title,
            description: rating.summary.value.clone(),
            trail: vec![Target::Home, Target::Assessment, Target::Cycle(slug)],
        }),
        statement: statement.to_owned(),
        statement_name: name,
        theme: theme.map_or_else(String::new, |t| t.name.clone()),
        theme_href: theme.map_or_else(String::new, |t| frame.href(Target::Theme(&t.id))),
        cycle_title: cycle.title.clone(),
        cycle_href: frame.href(Target::Cycle(slug)),
        rating: view(&rating.rating),
        people_rating: view(&rating.people_rating),
        organisation_rating: view(&rating.organisation_rating),
        expectation: frameworks.statement(statement).and_then(|s| s.text.clone()),
        publisher,
        publisher_source,
        summary: rating.summary.value.clone(),
        commitment,
        what_is_working,
        what_needs_to_change,
        evidence,
        actions,
        stories,
        themes_lang: frame.frameworks_lang(),
        report_text_lang: frame.report_lang(),
    };
    job.add_text(&page.frame.title);
    job.add_text(&page.summary);
    job.context(&page)
}
