//! The load stage: reads a report folder into a typed model, and nothing else.
//!
//! Every problem becomes a diagnostic and loading goes on, so one run reports them all.

pub mod dates;
pub mod entries;
pub mod fields;
pub mod front_matter;
pub mod page;
pub mod site;
pub mod story;
mod toml_file;
pub mod translation;

use crate::diagnostics::{Diagnostic, Severity};
use crate::report_files::{READ_LIMIT, Refusal, ReportFiles, Skipped};
use crate::source::SourceFile;
use fields::Fields;
use page::Page;
use rayon::prelude::*;
use site::Site;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use story::Story;
use translation::Translation;

/// Everything read from a report folder.
#[derive(Debug, Default)]
pub struct Content {
    pub site: Site,
    /// The home page's introduction, from `content/index.md`.
    pub home: Option<Page>,
    pub pages: Vec<Page>,
    pub stories: Vec<Story>,
    /// Every `<name>.<language>.md` of the folders above, in file order.
    pub translations: Vec<Translation>,
    /// Files under `content/media/`.
    pub media: Vec<MediaFile>,
    /// "You said, we did" entries from `content/you-said-we-did/`, in file and row order.
    pub entries: Vec<entries::entry::Entry>,
}

/// The kinds of markdown file a report holds; a translation belongs to one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Collection {
    /// `content/index.md`, the home page's introduction.
    Home,
    /// `content/pages/*.md`.
    Pages,
    /// `content/stories/*.md`.
    Stories,
}

impl Collection {
    /// Every collection. (Adding one breaks the `match` in `of_file` until it is listed here.)
    pub const ALL: [Collection; 3] = [Collection::Home, Collection::Pages, Collection::Stories];

    /// The collection a file of `content/` belongs to, by its folder (`stories/x.cy.md`:
    /// stories); `None` for a file of no collection.
    pub fn of_file(path: &str) -> Option<Collection> {
        Collection::ALL
            .into_iter()
            .find(|collection| match collection {
                Collection::Home => path.starts_with("index.") && !path.contains('/'),
                Collection::Pages | Collection::Stories => path
                    .strip_prefix(collection.folder())
                    .is_some_and(|rest| rest.starts_with('/')),
            })
    }

    /// Its folder under `content/` (`""` for the home page, which sits at the top).
    pub fn folder(self) -> &'static str {
        match self {
            Collection::Home => "",
            Collection::Pages => "pages",
            Collection::Stories => "stories",
        }
    }

    /// The file a name of this collection is read from: `stories/<slug>.md`.
    pub fn file(self, slug: &str) -> String {
        match self {
            Collection::Home => "index.md".to_owned(),
            Collection::Pages => format!("pages/{slug}.md"),
            Collection::Stories => format!("stories/{slug}.md"),
        }
    }
}

/// A markdown file: where it came from, its name, and where its text starts.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: Arc<SourceFile>,
    /// The file's name without `.md` (and without `.cy` for a translation): the page's
    /// address and the id other files link to.
    pub slug: String,
    /// For a translation, `<slug>.<language>.md`, its language as the file name gives it
    /// (`cy`); `None` for an original.
    pub language: Option<String>,
    /// The markdown after the settings, as a byte range of the file.
    pub body: Range<usize>,
}

impl Document {
    pub fn body_text(&self) -> &str {
        &self.source.text[self.body.clone()]
    }

    pub fn file(&self) -> &str {
        &self.source.name
    }
}

#[derive(Debug, Clone)]
pub struct MediaFile {
    /// Relative to `content/`, with `/`: `media/garden.jpg`.
    pub path: String,
    /// Where the file really is, every link resolved and checked to be inside the report
    /// and outside `private/`: the write stage copies from here.
    pub disk_path: PathBuf,
}

/// Where co-production happened: the layers of the "co-production sandwich".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Individual,
    DayToDay,
    Strategic,
}

pub const LEVELS: &[(&str, Level)] = &[
    ("individual", Level::Individual),
    ("day-to-day", Level::DayToDay),
    ("strategic", Level::Strategic),
];

impl Level {
    pub fn id(self) -> &'static str {
        LEVELS
            .iter()
            .find(|(_, l)| *l == self)
            .map_or("", |(id, _)| id)
    }
}

pub fn load(root: &Path) -> (Content, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let files = match open_report(root) {
        Ok(files) => files,
        Err(problem) => {
            problems.push(problem);
            return (Content::default(), problems);
        }
    };

    let site = match read_source(&files, "site.toml") {
        Ok(file) => {
            let (site, site_problems) = site::load(&file);
            problems.extend(site_problems);
            site
        }
        Err(problem) => {
            problems.push(required(problem));
            Site::default()
        }
    };

    let languages = translation_languages(&site);
    let mut translations = Vec::new();
    let mut homes = load_files(
        &files,
        Collection::Home,
        &languages,
        &mut problems,
        &mut translations,
        &|doc, fields| page::read(doc, fields, page::Kind::Home),
    );
    let pages = load_files(
        &files,
        Collection::Pages,
        &languages,
        &mut problems,
        &mut translations,
        &|doc, fields| page::read(doc, fields, page::Kind::Free),
    );
    let stories = load_files(
        &files,
        Collection::Stories,
        &languages,
        &mut problems,
        &mut translations,
        &story::read,
    );
    let media = list_media(&files, &mut problems);
    let entries = entries::load(&files, &site.sheets, &mut problems);

    let content = Content {
        site,
        home: homes.pop(),
        pages,
        stories,
        translations,
        media,
        entries,
    };
    (content, problems)
}

/// The report folder, once it is known to hold a `content/` folder Chorus may read.
fn open_report(root: &Path) -> Result<ReportFiles, Diagnostic> {
    let files = ReportFiles::new(root).ok();
    let content = files.as_ref().map(|files| files.resolve("content"));
    match (files, content) {
        (Some(files), Some(Ok(dir))) if dir.is_dir() => Ok(files),
        (_, Some(Err(refusal @ (Refusal::Outside | Refusal::Private)))) => {
            Err(required(refusal.diagnostic("content")))
        }
        _ => Err(Diagnostic::error(
            root.display().to_string(),
            "There is no content folder here, so there is no report to build.",
        )
        .help("Run chorus in the folder that holds your content/ folder, or name that folder with --root.")),
    }
}

/// What reading one markdown file gave: an original of the folder's kind, or a translation.
enum Loaded<T> {
    Original(Option<T>, Vec<Diagnostic>),
    Translation(Option<Box<Translation>>, Vec<Diagnostic>),
}

/// How an original of one collection is read from its document and settings.
type ReadOriginal<'r, T> =
    &'r (dyn Fn(Document, Fields<'_>) -> (Option<T>, Vec<Diagnostic>) + Sync);

/// Reads the `.md` files of one collection's folder (in name order, in parallel): originals
/// with `read`, translations (`<name>.<language>.md`) into `translations`. The report's top
/// folder is read for `index.md` and its translations only.
fn load_files<T: Send>(
    files: &ReportFiles,
    collection: Collection,
    languages: &[String],
    problems: &mut Vec<Diagnostic>,
    translations: &mut Vec<Translation>,
    read: ReadOriginal<'_, T>,
) -> Vec<T> {
    let folder = collection.folder();
    let Some(walk) = walk_folder(files, folder, false, problems) else {
        return Vec::new();
    };
    let top = folder.is_empty();
    let mut names: Vec<String> = Vec::new();
    for found in walk.files {
        let name = found.name.rsplit('/').next().unwrap_or_default().to_owned();
        if top {
            let is_home = name == "index.md"
                || split_name(&name, languages)
                    .is_some_and(|(slug, l)| slug == "index" && l.is_some());
            if is_home {
                names.push(name);
            }
        } else if name.ends_with(".md") {
            names.push(format!("{folder}/{name}"));
        } else {
            problems.push(
                Diagnostic::note(
                    format!("content/{folder}/{name}"),
                    "This file is not a markdown (.md) file, so Chorus does not read it.",
                )
                .help(format!(
                    "If it belongs to the report, save it as a .md file; files for readers to download go in content/media/. Otherwise move it out of content/{folder}/."
                )),
            );
        }
    }
    let results: Vec<_> = names
        .par_iter()
        .map(|name| read_markdown(files, name, languages, collection, read))
        .collect();
    let mut items = Vec::new();
    for result in results {
        match result {
            Ok(Loaded::Original(item, found)) => {
                items.extend(item);
                problems.extend(found);
            }
            Ok(Loaded::Translation(item, found)) => {
                translations.extend(item.map(|t| *t));
                problems.extend(found);
            }
            Err(found) => problems.extend(found),
        }
    }
    items
}

/// The languages a file name may end in (`about.cy.md`): the primary subtags of the site's
/// languages (`cy` for `cy-GB`), lower-cased.
fn translation_languages(site: &Site) -> Vec<String> {
    site.languages
        .iter()
        .chain([&site.language])
        .map(|l| site::primary_subtag(l))
        .collect()
}

/// A file name's slug and, for a translation, its language: `about.cy.md` → (`about`, `cy`).
/// A two-letter ending is read as a language, as is any of the site's languages.
pub fn split_name<'n>(
    file_name: &'n str,
    languages: &[String],
) -> Option<(&'n str, Option<&'n str>)> {
    let base = file_name.strip_suffix(".md")?;
    let translated = base.rsplit_once('.').filter(|(slug, language)| {
        !slug.is_empty()
            && ((language.len() == 2 && language.bytes().all(|b| b.is_ascii_lowercase()))
                || languages.iter().any(|l| l == language))
    });
    Some(match translated {
        Some((slug, language)) => (slug, Some(language)),
        None => (base, None),
    })
}

/// Reads one markdown file: its settings with `read`, its body kept for the render stage.
/// `Err` means the file could not be read at all; otherwise the item comes back when all its
/// fields could be read, with whatever problems were found.
fn read_markdown<T>(
    files: &ReportFiles,
    name: &str,
    languages: &[String],
    collection: Collection,
    read: ReadOriginal<'_, T>,
) -> Result<Loaded<T>, Vec<Diagnostic>> {
    let source = Arc::new(read_source(files, name).map_err(|p| vec![p])?);
    let split = front_matter::split(&source).map_err(|p| vec![p])?;
    let file_name = name.rsplit('/').next().unwrap_or(name);
    let (slug, language) = split_name(file_name, languages).unwrap_or((file_name, None));
    let (slug, language) = (slug.to_owned(), language.map(str::to_owned));
    let mut problems = Vec::new();
    if let Some(problem) = check_slug(&source, &slug) {
        problems.push(problem);
    }
    let document = Document {
        source: source.clone(),
        slug,
        language,
        body: split.body,
    };
    let front_matter = split.front_matter.clone().unwrap_or(0..0);
    let toml_text = &source.text[front_matter.clone()];
    let table = toml_file::parse(&source, front_matter.start, toml_text)?;
    let anchor = source.location(if split.front_matter.is_some() {
        0..3
    } else {
        0..0
    });
    let fields = Fields::new(
        &source,
        front_matter.start,
        table.get_ref(),
        anchor,
        subject(name),
    );
    Ok(match document.language {
        None => {
            let (item, found) = read(document, fields);
            Loaded::Original(item, [problems, found].concat())
        }
        Some(_) => {
            let (item, found) = translation::read(document, fields, collection);
            Loaded::Translation(item.map(Box::new), [problems, found].concat())
        }
    })
}

fn subject(name: &str) -> &'static str {
    if name.starts_with("stories/") {
        "This story"
    } else {
        "This page"
    }
}

/// File names become web addresses and ids, so they keep to lower-case letters, digits, `-` and `.`.
fn check_slug(source: &SourceFile, slug: &str) -> Option<Diagnostic> {
    let ok = !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && slug.starts_with(|c: char| c.is_ascii_alphanumeric());
    if ok {
        return None;
    }
    let suggestion: String = slug
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    Some(
        Diagnostic::error(
            &source.name,
            "This file's name can't be used as a web address: names may only have lower-case letters, digits, - and .",
        )
        .help(format!("Rename the file to {suggestion}.md.")),
    )
}

/// Reads a file under `content/` as text, or says plainly why it can't be read.
fn read_source(files: &ReportFiles, name: &str) -> Result<SourceFile, Diagnostic> {
    let display = format!("content/{name}");
    match files.read(&display, READ_LIMIT) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(display, text)),
            Err(_) => Err(Diagnostic::error(
                display,
                "This file is not saved as plain text in the UTF-8 encoding, so Chorus can't read it.",
            )
            .help("Open it in your editor and save it again with the encoding UTF-8 (often under \"Save as\").")),
        },
        Err(Refusal::Missing) => Err(Diagnostic::error(
            display,
            format!("The report has no {name}, which it needs."),
        )
        .help("Create it: the example report's content/site.toml shows every setting.")),
        Err(refusal) => Err(refusal.diagnostic(&display)),
    }
}

/// A file the report can't do without: any refusal to read it stops the build.
fn required(mut problem: Diagnostic) -> Diagnostic {
    problem.severity = Severity::Error;
    problem
}

/// The files of `content/<folder>`, each skipped entry reported; `None` when there is no
/// such folder to read.
fn walk_folder(
    files: &ReportFiles,
    folder: &str,
    deep: bool,
    problems: &mut Vec<Diagnostic>,
) -> Option<crate::report_files::Walk> {
    let display = if folder.is_empty() {
        "content".to_owned()
    } else {
        format!("content/{folder}")
    };
    match files.walk(&display, deep) {
        Ok(walk) => {
            problems.extend(walk.skipped.iter().map(Skipped::diagnostic));
            Some(walk)
        }
        Err(Refusal::Missing | Refusal::NotAFile) => None,
        Err(refusal) => {
            problems.push(refusal.diagnostic(&display));
            None
        }
    }
}

fn list_media(files: &ReportFiles, problems: &mut Vec<Diagnostic>) -> Vec<MediaFile> {
    let Some(walk) = walk_folder(files, "media", true, problems) else {
        return Vec::new();
    };
    walk.files
        .into_iter()
        .filter_map(|found| {
            Some(MediaFile {
                path: found.name.strip_prefix("content/")?.to_owned(),
                disk_path: found.disk_path,
            })
        })
        .collect()
}
