//! `content/site.toml`: the report's settings.

use super::fields::{At, Fields, TomlText};
use super::toml_file;
use crate::diagnostics::Diagnostic;
use crate::rules;
use crate::source::{Place, SourceFile};
use jiff::civil::Date;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Site {
    pub title: String,
    pub organisation: String,
    /// BCP 47, such as `en-GB` or `cy`.
    pub language: String,
    /// For a bilingual site, every language; the first is the default.
    pub languages: Vec<String>,
    /// Each language as `language` and `languages` wrote it, with its place, for messages.
    pub languages_written: Vec<At<String>>,
    /// Where the site will be hosted, ending in `/`: feeds, `sitemap.xml`, `robots.txt`, the
    /// pages' canonical and sharing links, and the 404 page's links use it.
    pub base_url: Option<String>,
    /// Every address the site is known by: its `base_url`, and `site.toml`'s own when
    /// `--base-url` takes its place for one run. A link written as a full address under one of
    /// them is a link to a page of the site (`plan::own_site`).
    pub addresses: Vec<String>,
    /// Whether the site has its search page and index (`search = false` leaves them out).
    pub search: bool,
    /// Read from a `site.toml`: not the stand-in for a report whose settings could not be read.
    pub from_file: bool,
    pub frameworks: Vec<At<String>>,
    pub contact_email: String,
    pub co_production: Option<CoProduction>,
    pub accessibility: Accessibility,
    /// Which theme folder under `themes/` may override the built-in theme.
    pub theme: String,
    /// `[sheets]`: the sheet to read in a workbook, by the workbook's path from `content/`;
    /// a workbook not named here is read from its first sheet.
    pub sheets: Vec<(String, At<String>)>,
    /// The report's brand colours that passed the contrast check: each CSS custom property
    /// the theme reads, and its colour (`#1d4f91`).
    pub brand: Vec<(&'static str, String)>,
}

impl Default for Site {
    /// What a report without a readable site.toml is built with, so the other stages can
    /// still report their own problems; such a build is never written.
    fn default() -> Self {
        Site {
            title: String::new(),
            organisation: String::new(),
            language: "en-GB".to_owned(),
            languages: vec!["en-GB".to_owned()],
            languages_written: Vec::new(),
            base_url: None,
            addresses: Vec::new(),
            search: true,
            from_file: false,
            // The frameworks a site.toml that does not name any uses: without them every
            // theme and statement a story names would be reported unknown as well.
            frameworks: built_in_frameworks(&Arc::new(SourceFile::new("content/site.toml", ""))),
            contact_email: String::new(),
            co_production: None,
            accessibility: Accessibility::default(),
            theme: "default".to_owned(),
            sheets: Vec::new(),
            brand: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct CoProduction {
    pub group: Option<String>,
    /// Markdown, written by the organisation.
    pub description: Option<At<String>>,
    pub ladder_step: Option<LadderStep>,
}

/// The steps of TLAP's ladder of co-production, from least to most shared power.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LadderStep {
    Coercion,
    Educating,
    Informing,
    Consultation,
    Engagement,
    CoDesign,
    CoProduction,
}

pub const LADDER_STEPS: &[(&str, LadderStep)] = &[
    ("coercion", LadderStep::Coercion),
    ("educating", LadderStep::Educating),
    ("informing", LadderStep::Informing),
    ("consultation", LadderStep::Consultation),
    ("engagement", LadderStep::Engagement),
    ("co-design", LadderStep::CoDesign),
    ("co-production", LadderStep::CoProduction),
];

impl LadderStep {
    pub fn id(self) -> &'static str {
        LADDER_STEPS
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("", |(id, _)| id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compliance {
    Full,
    #[default]
    Partial,
    Not,
}

pub const COMPLIANCE: &[(&str, Compliance)] = &[
    ("full", Compliance::Full),
    ("partial", Compliance::Partial),
    ("not", Compliance::Not),
];

#[derive(Debug, Clone, Default)]
pub struct Accessibility {
    pub compliance: Compliance,
    pub known_issues: Vec<KnownIssue>,
    pub prepared: Option<Date>,
    pub last_reviewed: Option<Date>,
    /// When the website was last tested for accessibility; until it is set, the statement says
    /// it has not been tested.
    pub last_tested: Option<Date>,
    pub tested_by: Option<String>,
    /// How it was tested, in the group's words.
    pub test_method: Option<String>,
}

#[derive(Debug, Clone)]
pub struct KnownIssue {
    pub issue: String,
    /// The WCAG success criterion, such as "1.4.3 Contrast (Minimum)".
    pub criterion: Option<String>,
    pub fix_by: Option<Date>,
}

pub const BUILT_IN_FRAMEWORKS: &[&str] = &["making-it-real", "cqc-la"];

/// The frameworks of a report whose site.toml names none, placed at the file's start.
fn built_in_frameworks(file: &Arc<SourceFile>) -> Vec<At<String>> {
    BUILT_IN_FRAMEWORKS
        .iter()
        .map(|id| At {
            value: (*id).to_owned(),
            place: Place::InFile(file.clone(), 0..0),
        })
        .collect()
}

pub fn load(file: &Arc<SourceFile>, today: Date) -> (Site, Vec<Diagnostic>) {
    let whole = file.text();
    if whole.trim().is_empty() {
        let problem = Diagnostic::error(
            rules::SITE_SETTINGS_EMPTY,
            &file.name,
            "site.toml is empty.",
        )
        .help(format!(
            "Write the report's settings in it. These are the ones it needs:\n{}",
            needed_settings(today)
        ));
        return (Site::default(), vec![problem]);
    }
    let parsed = toml_file::parse(file, 0, &whole);
    let text = TomlText {
        file,
        base: 0,
        today,
        broken: &parsed.broken,
        unquoted: &parsed.unquoted,
    };
    let mut fields = Fields::new(
        text,
        parsed.table.get_ref(),
        Place::InFile(file.clone(), 0..0),
        "site.toml",
    );
    let title = fields.string("title");
    let organisation = fields.string("organisation");
    let contact_email = fields.string("contact_email");
    let language = fields.opt_string("language");
    let languages = fields.opt_strings("languages").unwrap_or_default();
    let base_url = fields.opt_string("base_url");
    let search = fields.opt_bool("search");
    let frameworks = fields.opt_strings("frameworks");
    let theme = fields.opt_string("theme");
    let co_production = fields.opt_table("co_production").map(|mut table| {
        let co = CoProduction {
            group: table.opt_string("group").map(|g| g.value),
            description: table.opt_string("description"),
            ladder_step: table.opt_choice("ladder_step", LADDER_STEPS),
        };
        fields.absorb(table);
        co
    });
    let sheets = fields
        .opt_table("sheets")
        .map(|mut table| {
            let sheets = table.free_strings();
            fields.absorb(table);
            sheets
        })
        .unwrap_or_default();
    let brand = fields.opt_table("brand").map(|table| {
        let (brand, problems) = read_brand(table);
        fields.add_problems(problems);
        brand
    });
    let accessibility = fields
        .table("accessibility", || accessibility_block(today))
        .map(|table| {
            let (accessibility, problems) = read_accessibility(table, today);
            fields.add_problems(problems);
            accessibility
        });
    let mut problems = parsed.problems;
    problems.extend(fields.finish());

    let languages_written: Vec<At<String>> = language.iter().chain(&languages).cloned().collect();
    let language = language.map_or_else(|| "en-GB".to_owned(), |l| l.value);
    let languages: Vec<String> = languages.into_iter().map(|l| l.value).collect();
    let base_url = base_url.map(|url| check_base_url(file, url, &mut problems));
    let theme = theme.filter(|theme| {
        let plain = crate::theme::is_theme_name(&theme.value);
        if !plain {
            problems.push(crate::theme::not_a_theme_name(&file.name).at(theme.location()));
        }
        plain
    });
    let frameworks = frameworks.unwrap_or_else(|| built_in_frameworks(file));
    // Whether each id names a framework is known once the report's own frameworks are read.
    if let Some(email) = &contact_email
        && (!email.value.contains('@') || email.value.contains(char::is_whitespace))
    {
        problems.push(
            Diagnostic::error(
                rules::CONTACT_EMAIL_INVALID,
                &file.name,
                "The contact email address does not look like an email address.",
            )
            .at(email.location())
            .help(
                "Write the whole address, such as contact_email = \"coproduction@example.gov.uk\".",
            ),
        );
    }

    problems.extend(placeholders(&file.name, &organisation, &contact_email));

    let site = Site {
        title: title.map(|t| t.value).unwrap_or_default(),
        organisation: organisation.map(|o| o.value).unwrap_or_default(),
        languages: if languages.is_empty() {
            vec![language.clone()]
        } else {
            languages
        },
        language,
        languages_written,
        addresses: base_url.iter().cloned().collect(),
        base_url,
        search: search.unwrap_or(true),
        from_file: true,
        frameworks,
        contact_email: contact_email.map(|e| e.value).unwrap_or_default(),
        co_production,
        accessibility: accessibility.unwrap_or_default(),
        theme: theme.map_or_else(|| "default".to_owned(), |t| t.value),
        sheets: sheets
            .into_iter()
            .map(|(path, sheet)| (path.value, sheet))
            .collect(),
        brand: brand.unwrap_or_default(),
    };
    (site, problems)
}

/// `[brand]`: each colour read, and checked against the text drawn on it. A colour that fails
/// WCAG AA is an error that gives the nearest colour that passes.
fn read_brand(mut table: Fields<'_>) -> (Vec<(&'static str, String)>, Vec<Diagnostic>) {
    use crate::brand::{COLOURS, MINIMUM, Rgb, nearest_passing, ratio_in_words, worst_contrast};
    let mut brand = Vec::new();
    let mut problems = Vec::new();
    for colour in COLOURS {
        let Some(text) = table.opt_string(colour.setting) else {
            continue;
        };
        let Some(rgb) = Rgb::parse(&text.value) else {
            problems.push(
                Diagnostic::error(
                    rules::BRAND_COLOUR_UNREADABLE,
                    table.file_name(),
                    format!("\"{}\" is not a colour Chorus can read.", text.value),
                )
                .at(text.location())
                .help(format!(
                    "Write a colour as # and six hexadecimal digits: {} = \"#1d4f91\".",
                    colour.setting
                )),
            );
            continue;
        };
        let ratio = worst_contrast(rgb, colour.against);
        if ratio < MINIMUM {
            let fixed = nearest_passing(rgb, colour.against);
            problems.push(
                Diagnostic::error(rules::BRAND_COLOUR_LOW_CONTRAST,
                    table.file_name(),
                    format!(
                        "The brand colour {} is too light for {}: its contrast is {}, and WCAG AA needs at least {}.",
                        rgb.hex(),
                        colour.drawn,
                        ratio_in_words(ratio),
                        ratio_in_words(MINIMUM)
                    ),
                )
                .at(text.location())
                .help(format!(
                    "Use {} = \"{}\", the nearest colour of the same hue that passes ({}).",
                    colour.setting,
                    fixed.hex(),
                    ratio_in_words(worst_contrast(fixed, colour.against))
                )),
            );
            continue;
        }
        brand.push((colour.property, rgb.hex()));
    }
    problems.extend(table.finish());
    (brand, problems)
}

/// The `[accessibility]` table as a message shows it to paste.
fn accessibility_block(today: Date) -> String {
    format!("[accessibility]\ncompliance = \"partial\"\nprepared = {today}")
}

/// What to do when a report has no site.toml.
pub fn missing_help(today: Date) -> String {
    format!(
        "Create content/site.toml with the settings below, writing your report's title, your organisation's name and an address the group reads in the place of the examples. Every setting is explained in Chorus's docs/content-model.md (chorus new makes a report whose site.toml explains each one in comments).\n{}",
        needed_settings(today)
    )
}

/// The settings site.toml needs, as a message shows them to paste.
fn needed_settings(today: Date) -> String {
    format!(
        "title = \"Our report\"\norganisation = \"Our organisation\"\ncontact_email = \"coproduction@example.org\"\n\n{}",
        accessibility_block(today)
    )
}

fn read_accessibility(mut table: Fields<'_>, today: Date) -> (Accessibility, Vec<Diagnostic>) {
    let table_file = table.file_name().to_owned();
    let anchor = table.anchor_location();
    let compliance = table.choice("compliance", COMPLIANCE);
    let prepared = table.date("prepared");
    let last_reviewed = table.opt_date("last_reviewed");
    let last_tested = table.opt_date("last_tested");
    let tested_by = table.opt_string("tested_by");
    let test_method = table.opt_string("test_method");
    let known_issues = table
        .opt_tables("known_issues")
        .into_iter()
        .filter_map(|mut issue| {
            let known = KnownIssue {
                issue: issue.string("issue").map(|i| i.value).unwrap_or_default(),
                criterion: issue.opt_string("criterion").map(|c| c.value),
                fix_by: issue.opt_date("fix_by").map(|d| d.value),
            };
            table.absorb(issue);
            (!known.issue.is_empty()).then_some(known)
        })
        .collect();
    let accessibility = Accessibility {
        compliance: compliance.unwrap_or_default(),
        known_issues,
        prepared: prepared.map(|d| d.value),
        last_reviewed: last_reviewed.map(|d| d.value),
        last_tested: last_tested.as_ref().map(|d| d.value),
        tested_by: tested_by.map(|t| t.value),
        test_method: test_method.map(|t| t.value),
    };
    let mut problems = table.finish();
    let tested = accessibility.last_tested.is_some();
    let fix_by = crate::starter::review_date(today);
    match compliance {
        Some(Compliance::Full) if !tested => problems.push(
            Diagnostic::warning(rules::ACCESSIBILITY_UNDATED,
                &table_file,
                "The accessibility statement says the website is fully compliant, but not when it was tested.",
            )
            .at(anchor)
            .help(format!("Say when it was tested, under [accessibility]: last_tested = {today}. Until it has been tested, set compliance = \"partial\": the statement then says it has not been tested yet.")),
        ),
        Some(Compliance::Partial | Compliance::Not) if tested && accessibility.known_issues.is_empty() => problems.push(
            Diagnostic::error(rules::ACCESSIBILITY_NO_ISSUES,
                &table_file,
                "The accessibility statement says the website was tested and is not fully compliant, but lists no known issues.",
            )
            .at(anchor)
            .help(format!("Add each problem the test found at the end of site.toml:\n[[accessibility.known_issues]]\nissue = \"…\"\ncriterion = \"…\"\nfix_by = {fix_by}\nOr, if the test found none, set compliance = \"full\".")),
        ),
        Some(_) if !tested => problems.push(
            Diagnostic::note(rules::ACCESSIBILITY_UNTESTED,
                &table_file,
                "The accessibility statement says the website has not been tested for accessibility yet.",
            )
            .at(anchor)
            .help(format!("Once people who use assistive technology have tested it, say when, by whom and how under [accessibility]: last_tested = {today}, tested_by = \"…\", test_method = \"…\".")),
        ),
        _ => {}
    }
    (accessibility, problems)
}

fn check_base_url(file: &SourceFile, url: At<String>, problems: &mut Vec<Diagnostic>) -> String {
    let text = url.value.trim();
    if !is_full_address(text) {
        problems.push(
            Diagnostic::error(rules::BASE_URL_NOT_FULL, &file.name, "The base_url is not a full web address.")
                .at(url.location())
                .help("Write the whole address, starting with https://, such as base_url = \"https://www.example.gov.uk/our-report/\"."),
        );
    } else if let Some(folder) = folder_of_page(text) {
        problems.push(
            Diagnostic::error(rules::BASE_URL_NOT_A_FOLDER,
                &file.name,
                "The base_url is the address of one page, not of the folder that holds the site.",
            )
            .at(url.location())
            .help(format!("Write the folder's address, without the page's name or anything after ? or #: base_url = \"{folder}\".")),
        );
    }
    with_final_slash(text)
}

/// `--base-url` from the command line, checked as `base_url` in site.toml is.
pub fn base_url_from_command_line(text: &str) -> Result<String, Diagnostic> {
    let text = text.trim();
    if !is_full_address(text) {
        Err(Diagnostic::error(rules::BASE_URL_NOT_FULL,
            "",
            format!("--base-url {text} is not a full web address."),
        )
        .help("Write the whole address where this copy of the site will be, starting with https:// or http://, such as --base-url https://staging.example.gov.uk/our-report/"))
    } else if let Some(folder) = folder_of_page(text) {
        Err(Diagnostic::error(rules::BASE_URL_NOT_A_FOLDER,
            "",
            format!("--base-url {text} is the address of one page, not of the folder that holds the site."),
        )
        .help(format!("Write the folder's address, without the page's name or anything after ? or #: --base-url {folder}")))
    } else {
        Ok(with_final_slash(text))
    }
}

/// Where an address copied from a browser names a page (`…/our-report/index.html`) or carries
/// a query or fragment, the address of the folder that holds it; every full address Chorus
/// writes (feeds, sitemap, canonical links) would break on such a base.
fn folder_of_page(text: &str) -> Option<String> {
    let mut address = url::Url::parse(text).ok()?;
    let last = address
        .path_segments()?
        .next_back()
        .unwrap_or("")
        .to_owned();
    let names_a_page = last.rsplit_once('.').is_some_and(|(_, extension)| {
        ["html", "htm", "shtml", "php", "asp", "aspx", "jsp"]
            .contains(&extension.to_ascii_lowercase().as_str())
    });
    if !names_a_page && address.query().is_none() && address.fragment().is_none() {
        return None;
    }
    address.set_query(None);
    address.set_fragment(None);
    if names_a_page {
        let folder = address.path().strip_suffix(&last).unwrap_or("/").to_owned();
        address.set_path(&folder);
    }
    Some(with_final_slash(address.as_str()))
}

/// An address a reader's browser can open from anywhere: `https://` or `http://`, a host, and
/// nothing that would break out of an attribute or an XML text (spaces, quotes, `<`).
fn is_full_address(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('/')
            && !text.chars().any(|c| {
                c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`')
            })
    })
}

fn with_final_slash(text: &str) -> String {
    if text.ends_with('/') {
        text.to_owned()
    } else {
        format!("{text}/")
    }
}

/// The part of a BCP 47 tag that names the language, lower-cased: `cy` for `cy-GB`.
pub fn primary_subtag(tag: &str) -> String {
    tag.split('-').next().unwrap_or(tag).to_ascii_lowercase()
}

/// The organisation and contact email `chorus new` writes, still there: the site would say it
/// is published by "Our organisation", and send readers' emails to an address no one reads.
fn placeholders(
    file: &str,
    organisation: &Option<At<String>>,
    contact_email: &Option<At<String>>,
) -> Vec<Diagnostic> {
    use crate::starter::{PLACEHOLDER_EMAIL, PLACEHOLDER_ORGANISATION};
    let mut problems = Vec::new();
    if let Some(name) = organisation
        .as_ref()
        .filter(|o| o.value.trim() == PLACEHOLDER_ORGANISATION)
    {
        problems.push(
            Diagnostic::warning(rules::EXAMPLE_ORGANISATION, file, "The organisation is still the example \"chorus new\" wrote, so every page would say it is published by \"Our organisation\".")
                .at(name.location())
                .help("Write your organisation's name, such as organisation = \"Harrowdale Council\"."),
        );
    }
    if let Some(email) = contact_email
        .as_ref()
        .filter(|e| e.value.trim() == PLACEHOLDER_EMAIL)
    {
        problems.push(
            Diagnostic::warning(rules::EXAMPLE_CONTACT_EMAIL, file, "The contact email is still the example \"chorus new\" wrote, so readers who write to ask for the report in another format would write to an address no one reads.")
                .at(email.location())
                .help("Write the address your group reads, such as contact_email = \"ourcareoursay@harrowdale.gov.uk\"."),
        );
    }
    problems
}
