//! The load stage: reads a report folder into a typed model, and nothing else.
//!
//! Every problem becomes a diagnostic and loading goes on, so one run reports them all.

pub mod assessment;
pub mod cache;
pub mod dates;
pub mod entries;
pub mod fields;
pub mod frameworks;
pub mod front_matter;
pub mod page;
pub mod site;
pub mod story;
mod toml_file;
pub mod translation;
pub mod unread;

use crate::diagnostics::{Diagnostic, Severity, thousands};
use crate::report_files::{READ_LIMIT, Refusal, ReportFiles, Skipped};
use crate::rules;
use crate::source::{Place, SourceFile};
use cache::Cache;
use fields::{Fields, TomlText};
use jiff::civil::Date;
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
    /// Files under `content/static/`, published at the site's root as they are.
    pub root_files: Vec<RootFile>,
    /// "You said, we did" entries from `content/you-said-we-did/`, in file and row order.
    pub entries: Vec<entries::entry::Entry>,
    /// Assessment cycles from `content/assessment/`, in file order.
    pub cycles: Vec<assessment::cycle::Cycle>,
    /// The report's framework files, from `content/frameworks/`.
    pub frameworks: Vec<frameworks::FrameworkFile>,
    /// Markdown files found but not read whole, from `content/` (`stories/x.md`): they exist,
    /// so a link to one is not a link to a missing file, but nothing of them is published.
    pub unread: Vec<String>,
    /// What the walks of the folders a page's link can lead into (the top folder, pages/,
    /// stories/ and media/) passed over: shortcuts Chorus does not follow, and what is not a
    /// file. Each is told of once, by check, with the pages that use it (`check::skipped`).
    pub skipped: Vec<Skipped>,
}

impl Content {
    /// Lets go of the text of every story, page and translation (`SourceFile::release`): each
    /// is read again, and checked to be unchanged, when its page is made. At 10,000 stories
    /// the text is 58 MB that the build would otherwise hold from load to the last page.
    /// In parallel: each file's line index is made as it is let go of.
    pub fn let_go_of_texts(&self) {
        let documents: Vec<&Document> = (self.home.iter().chain(&self.pages).map(|p| &p.document))
            .chain(self.stories.iter().map(|s| &s.document))
            .chain(self.translations.iter().map(|t| &t.document))
            .collect();
        documents
            .par_iter()
            .for_each(|document| document.source.release());
    }
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
    /// The markdown after the settings, shared with the file (read again if it was let go of).
    pub fn body_text(&self) -> crate::source::Text<'static> {
        crate::source::Text::Shared(self.source.text(), self.body.clone())
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

/// A file of `content/static/`, copied to the site's root as it is: what a host asks for by
/// name (`CNAME`, `.htaccess`, `_redirects`, `favicon.ico`, `.well-known/security.txt`).
#[derive(Debug, Clone)]
pub struct RootFile {
    /// Its path in the site, with `/`: `CNAME`, `.well-known/security.txt`.
    pub path: String,
    /// Where the file really is, checked as for media: the write stage copies from here.
    pub disk_path: PathBuf,
}

/// The folder under `content/` whose files go to the site's root.
pub const ROOT_FILES: &str = "static";

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

/// Reads the report in `root`. `today` is the day the examples in messages start from.
pub fn load(root: &Path, today: Date) -> (Content, Vec<Diagnostic>) {
    load_with(root, today, &mut Cache::default())
}

/// `load`, parsing again only the files whose bytes are not those `cache` holds, and keeping
/// what it parsed there for the next load (`chorus serve`).
pub fn load_with(root: &Path, today: Date, cache: &mut Cache) -> (Content, Vec<Diagnostic>) {
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
            let (site, site_problems) = site::load(&Arc::new(file), today);
            problems.extend(site_problems);
            site
        }
        Err(problem) if problem.rule == rules::FILE_REQUIRED => {
            problems.push(problem.help(site::missing_help(today)));
            Site::default()
        }
        Err(problem) => {
            problems.push(required(problem));
            Site::default()
        }
    };

    let loader = Loader {
        files: &files,
        languages: translation_languages(&site),
        today,
    };
    cache.markdown_read_with(today, &loader.languages);
    let mut found = Found::default();
    let mut homes = loader.load_files(
        Collection::Home,
        &mut found,
        &mut cache.home,
        cache.keeps,
        &|doc, fields| page::read(doc, fields, page::Kind::Home),
    );
    let pages = loader.load_files(
        Collection::Pages,
        &mut found,
        &mut cache.pages,
        cache.keeps,
        &|doc, fields| page::read(doc, fields, page::Kind::Free),
    );
    let stories = loader.load_files(
        Collection::Stories,
        &mut found,
        &mut cache.stories,
        cache.keeps,
        &story::read,
    );
    problems.extend(found.problems);
    let media = list_media(&files, &mut problems, &mut found.skipped);
    let root_files = list_root_files(&files, &mut problems);
    cache.data_read_with(today, &site.sheets);
    let entries = entries::load(&files, &site.sheets, today, cache, &mut problems);
    let cycles = assessment::load(&files, &site.sheets, today, cache, &mut problems);
    let frameworks = frameworks::load(&files, today, &mut problems);

    let content = Content {
        site,
        home: homes.pop(),
        pages,
        stories,
        translations: found.translations,
        media,
        root_files,
        entries,
        cycles,
        frameworks,
        unread: found.unread,
        skipped: found.skipped,
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
        _ => Err(Diagnostic::error(rules::CONTENT_FOLDER_MISSING,
            "content/",
            "There is no content folder here, so there is no report to build.",
        )
        .help("Run chorus in the folder that holds your content/ folder, or name that folder: chorus build our-report. To start a report: chorus new our-report.")),
    }
}

/// What reading one markdown file gave: an original of the folder's kind, or a translation.
#[derive(Clone)]
enum Loaded<T> {
    Original(Option<T>, Vec<Diagnostic>),
    Translation(Option<Box<Translation>>, Vec<Diagnostic>),
}

/// A markdown file read (`Err`: it could not be), with what parsing it gave.
type ReadFile<T> = Result<(Arc<SourceFile>, Result<Loaded<T>, Vec<Diagnostic>>), Vec<Diagnostic>>;

/// How an original of one collection is read from its document and settings.
type ReadOriginal<'r, T> =
    &'r (dyn Fn(Document, Fields<'_>) -> (Option<T>, Vec<Diagnostic>) + Sync);

/// What reading the markdown files found besides each collection's own items.
#[derive(Default)]
struct Found {
    problems: Vec<Diagnostic>,
    translations: Vec<Translation>,
    /// Files that could not be read whole.
    unread: Vec<String>,
    /// What the walks passed over (`Content::skipped`).
    skipped: Vec<Skipped>,
}

/// What every markdown file is read with.
struct Loader<'a> {
    files: &'a ReportFiles,
    /// The language endings a file name may have (`cy` in `about.cy.md`).
    languages: Vec<String>,
    today: Date,
}

impl Loader<'_> {
    /// Reads the `.md` files of one collection's folder (in name order, in parallel): originals
    /// with `read`, translations (`<name>.<language>.md`) into `translations`. The report's top
    /// folder is read for `index.md` and its translations. Every other file and folder found
    /// gets a warning that says where it would be read.
    ///
    /// A file whose text is the one `parsed` holds for it is not parsed again: what it gave
    /// then is given again.
    fn load_files<T: Clone + Send + Sync>(
        &self,
        collection: Collection,
        found: &mut Found,
        parsed: &mut cache::Files<T>,
        keeps: bool,
        read: ReadOriginal<'_, T>,
    ) -> Vec<T> {
        let names = self.markdown_names(collection, &mut found.problems, &mut found.skipped);
        let mut before = std::mem::take(parsed);
        let outcomes: Vec<Option<ReadFile<T>>> = names
            .par_iter()
            .map(|(name, disk_path)| {
                let bytes = match read_walked(name, disk_path) {
                    Ok(bytes) => bytes,
                    Err(problem) => return Some(Err(vec![problem])),
                };
                if before
                    .get(name)
                    .is_some_and(|kept| kept.from.text().as_bytes() == bytes)
                {
                    return None;
                }
                let file_len = bytes.len() as u64;
                let source = match source_of(name, bytes) {
                    Ok(source) => Arc::new(source.read_from(disk_path.clone(), file_len)),
                    Err(problem) => return Some(Err(vec![problem])),
                };
                Some(Ok((
                    source.clone(),
                    self.read_markdown(&source, name, collection, read),
                )))
            })
            .collect();
        // Sized once: a story is 800 bytes, and growing by doubling held half as much again.
        let mut items = Vec::with_capacity(outcomes.len());
        for ((name, _), outcome) in names.into_iter().zip(outcomes) {
            let kept = match outcome {
                // Its bytes are those parsed before.
                None => before.remove(&name),
                Some(Ok((source, result))) => Some(cache::Parsed {
                    from: source,
                    value: result,
                }),
                Some(Err(problems)) => {
                    found.problems.extend(problems);
                    found.unread.push(name);
                    continue;
                }
            };
            let Some(kept) = kept else { continue };
            let result = if keeps {
                let result = kept.value.clone();
                parsed.insert(name.clone(), kept);
                result
            } else {
                kept.value
            };
            let read_whole = match result {
                Ok(Loaded::Original(item, problems)) => {
                    found.problems.extend(problems);
                    item.map(|item| items.push(item)).is_some()
                }
                Ok(Loaded::Translation(item, problems)) => {
                    found.problems.extend(problems);
                    item.map(|item| found.translations.push(*item)).is_some()
                }
                Err(problems) => {
                    found.problems.extend(problems);
                    false
                }
            };
            if !read_whole {
                found.unread.push(name);
            }
        }
        items
    }

    /// The markdown files of a collection's folder, by name from `content/` and where each
    /// really is (found and checked by the walk); a warning for each other file or folder
    /// there. What the walk passed over joins `skipped`.
    fn markdown_names(
        &self,
        collection: Collection,
        problems: &mut Vec<Diagnostic>,
        skipped: &mut Vec<Skipped>,
    ) -> Vec<(String, PathBuf)> {
        let folder = collection.folder();
        let Some(walk) = walk_linked_folder(self.files, folder, false, problems, skipped) else {
            return Vec::new();
        };
        let top = folder.is_empty();
        let mut names = Vec::new();
        for found in walk.files {
            let name = found.name.rsplit('/').next().unwrap_or_default().to_owned();
            if top {
                let is_home = name == "index.md"
                    || split_name(&name, &self.languages)
                        .is_some_and(|(slug, l)| slug == "index" && l.is_some());
                if is_home {
                    names.push((name, found.disk_path));
                } else if !unread::READ_FILES.contains(&name.as_str()) {
                    problems.push(unread::top_file(&name));
                }
            } else if name.ends_with(".md") {
                names.push((format!("{folder}/{name}"), found.disk_path));
            } else {
                problems.push(unread::not_markdown(folder, &name));
            }
        }
        for found in walk.folders {
            let name = found.rsplit('/').next().unwrap_or_default();
            if !top {
                problems.push(unread::inner_folder(folder, name));
            } else if !unread::READ_FOLDERS.contains(&name) && !self.is_read_folder(name) {
                problems.push(unread::top_folder(name));
            }
        }
        names
    }

    /// On a system that does not tell capital letters from small ones, `content/Stories/` is
    /// the folder `content/stories/`, and is read.
    fn is_read_folder(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        unread::READ_FOLDERS.contains(&lower.as_str())
            && matches!(
                (
                    self.files.resolve(&format!("content/{name}")),
                    self.files.resolve(&format!("content/{lower}"))
                ),
                (Ok(a), Ok(b)) if a == b
            )
    }
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
/// A two-letter ending is read as a language, as is any of the site's languages, and a
/// language with its region (`about.cy-GB.md` → (`about`, `cy-GB`)), which `with_region`
/// tells apart.
pub fn split_name<'n>(
    file_name: &'n str,
    languages: &[String],
) -> Option<(&'n str, Option<&'n str>)> {
    let base = file_name.strip_suffix(".md")?;
    let translated = base.rsplit_once('.').filter(|(slug, language)| {
        !slug.is_empty()
            && ((language.len() == 2 && language.bytes().all(|b| b.is_ascii_lowercase()))
                || languages.iter().any(|l| l == language)
                || with_region(language, languages).is_some())
    });
    Some(match translated {
        Some((slug, language)) => (slug, Some(language)),
        None => (base, None),
    })
}

/// For a file name's ending that is a language with its region, as a language tag is
/// written (`cy-GB`, `pt-BR`, `es-419`), the language's first part, lower-cased (`cy`): the
/// ending a translation takes. A region in small letters (`cy-gb`) is read so only for a
/// language of the site, so that a story called `notes.on-tv.md` stays a story.
pub fn with_region(ending: &str, languages: &[String]) -> Option<String> {
    let (language, region) = ending.split_once('-')?;
    let language_shaped =
        (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_alphabetic());
    let region_shaped = (region.len() == 2 && region.bytes().all(|b| b.is_ascii_alphabetic()))
        || (region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit()));
    let key = language.to_ascii_lowercase();
    let written_as_a_tag = region
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    (language_shaped && region_shaped && (written_as_a_tag || languages.contains(&key)))
        .then_some(key)
}

/// A translation named with its language's region (`story.cy-GB.md`): it is read as the
/// translation into the language (`cy`), and one error asks for the name that ending gives
/// (`story.cy.md`), or, when there is a file of that name already, for one of the two.
fn translation_with_region(
    source: &SourceFile,
    file_name: &str,
    written: &str,
    key: &str,
    taken: bool,
) -> Diagnostic {
    let help = if taken {
        format!(
            "There is already a file named {file_name} beside it. Keep the translation that is right, named {file_name}, and delete the other."
        )
    } else {
        format!("Rename the file to {file_name}.")
    };
    Diagnostic::error(
        rules::TRANSLATION_NAME_HAS_REGION,
        &source.name,
        format!(
            "This translation's name ends in .{written}, but a translation is named by the first part of its language only: .{key} for {}.",
            crate::plan::languages::english_name(key)
        ),
    )
    .help(help)
}

impl Loader<'_> {
    /// Reads one markdown file: its settings with `read`, its body kept for the render stage.
    /// `Err` means the file could not be read at all; otherwise the item comes back when all
    /// its fields could be read, with whatever problems were found.
    fn read_markdown<T>(
        &self,
        source: &Arc<SourceFile>,
        name: &str,
        collection: Collection,
        read: ReadOriginal<'_, T>,
    ) -> Result<Loaded<T>, Vec<Diagnostic>> {
        let split = front_matter::split(source).map_err(|p| vec![p])?;
        let file_name = name.rsplit('/').next().unwrap_or(name);
        let (slug, language) = split_name(file_name, &self.languages).unwrap_or((file_name, None));
        let mut problems = Vec::new();
        // A translation named with its language's region is read as the translation it is
        // named for, so that nothing else is said of it but its name.
        let region = language.and_then(|l| Some((l, with_region(l, &self.languages)?)));
        let language = match region {
            Some((written, key)) => {
                let renamed = format!("{slug}.{key}.md");
                let folder = name.strip_suffix(file_name).unwrap_or_default();
                let taken = self
                    .files
                    .resolve(&format!("content/{folder}{renamed}"))
                    .is_ok();
                problems.push(translation_with_region(
                    source, &renamed, written, &key, taken,
                ));
                Some(key)
            }
            None => language.map(str::to_owned),
        };
        let slug = slug.to_owned();
        if let Some(problem) = check_slug(source, &slug, language.as_deref()) {
            problems.push(problem);
        }
        if split.front_matter.is_none() && collection != Collection::Home {
            problems.push(no_settings(source, name, language.is_some(), self.today));
            return Err(problems);
        }
        let document = Document {
            source: source.clone(),
            slug,
            language,
            body: split.body,
        };
        let front_matter = split.front_matter.clone().unwrap_or(0..0);
        let whole = source.text();
        let toml_text = &whole[front_matter.clone()];
        let parsed = toml_file::parse(source, front_matter.start, toml_text);
        problems.extend(parsed.problems);
        let anchor = Place::InFile(
            source.clone(),
            if split.front_matter.is_some() {
                0..3
            } else {
                0..0
            },
        );
        let fields = Fields::new(
            TomlText {
                file: source,
                base: front_matter.start,
                today: self.today,
                broken: &parsed.broken,
                unquoted: &parsed.unquoted,
            },
            parsed.table.get_ref(),
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
}

/// A story or page with no settings at the top (or nothing at all): one message, with the
/// settings it needs to paste.
fn no_settings(source: &SourceFile, name: &str, translation: bool, today: Date) -> Diagnostic {
    let empty = source.text().trim().is_empty();
    let story = name.starts_with("stories/");
    let what = if story { "story" } else { "page" };
    let message = if empty {
        format!("This {what} file is empty.")
    } else {
        format!("This {what} has no settings at the top, so Chorus can't publish it.")
    };
    let settings = if translation {
        "+++\ntitle = \"…\"\nsummary = \"…\"\n+++".to_owned()
    } else if story {
        crate::starter::story_settings(today)
    } else {
        "+++\ntitle = \"…\"\n+++".to_owned()
    };
    let mut help = format!(
        "Start the file with its settings between two +++ lines, then the text:\n{settings}"
    );
    if story && !translation {
        help.push_str("\nOr make a ready file with: chorus new story \"Its title\"");
    }
    let problem = Diagnostic::error(rules::SETTINGS_NONE, &source.name, message).help(help);
    if empty {
        problem
    } else {
        problem.at(source.location(0..0))
    }
}

fn subject(name: &str) -> &'static str {
    if name.starts_with("stories/") {
        "This story"
    } else {
        "This page"
    }
}

/// File names become web addresses and ids, so they keep to lower-case letters, digits, `-` and `.`.
/// The file's name, without its language ending (`cy` in `about.cy.md`), is checked; the
/// name suggested keeps the ending.
fn check_slug(source: &SourceFile, slug: &str, language: Option<&str>) -> Option<Diagnostic> {
    let ending = language.map_or(".md".to_owned(), |language| format!(".{language}.md"));
    let length = slug.chars().count();
    if length > LONGEST_NAME {
        let shorter: String = suggested_name(slug)
            .chars()
            .take(LONGEST_NAME / 2)
            .collect();
        let shorter = match shorter.rsplit_once('-') {
            Some((words, _)) if !words.is_empty() => words.to_owned(),
            _ => shorter,
        };
        return Some(
            Diagnostic::error(
                rules::FILE_NAME_TOO_LONG,
                &source.name,
                format!(
                    "This file's name is {} characters long, too long for a web address: a name can have at most {LONGEST_NAME}.",
                    thousands(length)
                ),
            )
            .help(format!(
                "Rename the file to something shorter, such as {shorter}{ending}, and change any links to it."
            )),
        );
    }
    if is_web_name(slug) {
        return None;
    }
    Some(
        Diagnostic::error(rules::FILE_NAME_NOT_AN_ADDRESS,
            &source.name,
            "This file's name can't be used as a web address: names may only have lower-case letters, digits, - and .",
        )
        .help(format!("Rename the file to {}{ending}.", suggested_name(slug))),
    )
}

/// The longest name of a story or page, without `.md`: its page's file name is 5 more
/// (`.html`), and some file systems take no more than 255 in all, or 260 for the whole path.
const LONGEST_NAME: usize = 100;

/// A name that can be part of a web address as it is: lower-case letters, digits, `-` and `.`,
/// starting with a letter or digit.
pub fn is_web_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// A name (without its extension) made fit for a web address: `My Story` → `my-story`.
pub fn suggested_name(name: &str) -> String {
    name.split('.')
        .map(crate::starter::slug)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(".")
}

/// A media file's name made fit for a web address, its extension kept in small letters:
/// `Jane at home.JPG` → `jane-at-home.jpg`.
pub fn suggested_media_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => {
            format!("{}.{}", suggested_name(stem), extension.to_lowercase())
        }
        _ => suggested_name(name),
    }
}

/// The files directly in a folder of entries or cycles, by their path from `content/`, the
/// scratch files of a spreadsheet program passed over; `None` when there is no such folder.
fn data_folder_names(
    files: &ReportFiles,
    folder: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<String>> {
    let walk = walk_folder(files, folder, false, problems)?;
    for inner in &walk.folders {
        let name = inner.rsplit('/').next().unwrap_or_default();
        problems.push(unread::inner_folder(folder, name));
    }
    Some(
        walk.files
            .iter()
            .map(|f| f.name.trim_start_matches("content/").to_owned())
            .filter(|name| !entries::sheet::is_spreadsheet_scratch(name))
            .collect(),
    )
}

/// Reads a whole TOML file (an entry, a cycle, a framework) with `read`, given the reader of
/// its top table; its syntax mistakes join `problems`.
fn read_toml_file<R>(
    source: &Arc<SourceFile>,
    today: Date,
    subject: &str,
    problems: &mut Vec<Diagnostic>,
    read: impl for<'f> FnOnce(Fields<'f>) -> R,
) -> R {
    let whole = source.text();
    let parsed = toml_file::parse(source, 0, &whole);
    problems.extend(parsed.problems.iter().cloned());
    let text = fields::TomlText {
        file: source,
        base: 0,
        today,
        broken: &parsed.broken,
        unquoted: &parsed.unquoted,
    };
    read(Fields::new(
        text,
        parsed.table.get_ref(),
        Place::InFile(source.clone(), 0..0),
        subject.to_owned(),
    ))
}

/// Reads a file under `content/` as text, or says plainly why it can't be read.
fn read_source(files: &ReportFiles, name: &str) -> Result<SourceFile, Diagnostic> {
    source_of(name, read_bytes(files, name)?)
}

/// A file under `content/`, as it is, or why it can't be read.
fn read_bytes(files: &ReportFiles, name: &str) -> Result<Vec<u8>, Diagnostic> {
    read_found(files, name).map(|(_, bytes)| bytes)
}

/// `read_bytes`, and where the file really is.
fn read_found(files: &ReportFiles, name: &str) -> Result<(PathBuf, Vec<u8>), Diagnostic> {
    let display = format!("content/{name}");
    files
        .read_found(&display, READ_LIMIT)
        .map_err(|refusal| match refusal {
            Refusal::Missing => Diagnostic::error(
                rules::FILE_REQUIRED,
                display,
                format!("The report has no {name}, which it needs."),
            )
            .help(format!("Create content/{name}.")),
            refusal => refusal.diagnostic(&display),
        })
}

/// A file a walk of `content/` found at `disk_path`, already resolved and checked: read
/// there, rather than resolved again by its name, which took a system call for each folder
/// on its way (0.08 s of a 10,000-story build's CPU).
fn read_walked(name: &str, disk_path: &Path) -> Result<Vec<u8>, Diagnostic> {
    crate::report_files::read_resolved(disk_path, READ_LIMIT)
        .map_err(|refusal| refusal.diagnostic(&format!("content/{name}")))
}

/// The text of a file read from `content/<name>`, or why it is not text Chorus can read.
fn source_of(name: &str, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    let display = format!("content/{name}");
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(display, text)),
        Err(error) => Err(not_utf8(
            display,
            error.utf8_error().valid_up_to(),
            error.as_bytes(),
        )),
    }
}

/// Why a file is not UTF-8 text, said without printing any of its bytes that are not text:
/// they would reach the terminal as garbage. A file that is not text at all (a workbook, a
/// document or a picture with a text file's name), or text in UTF-16, is named only. Text in
/// another encoding shows its first line that is not UTF-8, so that the editor can find it.
fn not_utf8(display: String, first: usize, bytes: &[u8]) -> Diagnostic {
    use content_inspector::ContentType;
    let save_again = "Open it in your editor and save it again with the encoding UTF-8 (often under \"Save as\").";
    let encoding = match content_inspector::inspect(bytes) {
        ContentType::BINARY => {
            return Diagnostic::error(rules::FILE_NOT_UTF8,
                display,
                "This file is not text, so Chorus can't read it: it may be a document, a workbook or a picture saved with a text file's name.",
            )
            .help("Check that it is the file you meant to put here. A story, page or settings file is written in a text editor, and saved as plain text with the encoding UTF-8.");
        }
        ContentType::UTF_16LE | ContentType::UTF_16BE => "UTF-16",
        ContentType::UTF_32LE | ContentType::UTF_32BE => "UTF-32",
        ContentType::UTF_8 | ContentType::UTF_8_BOM => {
            // The first character that is not UTF-8, shown as a browser would show it (�):
            // often one pasted from another program. Control characters, which a terminal
            // would act on, are shown so too.
            let shown = |text: &str| -> String {
                text.chars()
                    .map(|c| match c {
                        '\n' | '\r' | '\t' => c,
                        c if c.is_control() => char::REPLACEMENT_CHARACTER,
                        c => c,
                    })
                    .collect()
            };
            let lossy = String::from_utf8_lossy(bytes);
            // The bytes before `first` are UTF-8, so they are the same in `lossy`.
            let before = shown(&lossy[..first]);
            // A byte order mark is not part of the text the place is found in.
            let at = before.len() - before.starts_with('\u{feff}') as usize * 3;
            let text = before + &shown(&lossy[first..]);
            let location = SourceFile::new(display.clone(), text).location(at..at + 1);
            return Diagnostic::error(rules::FILE_NOT_UTF8,
                display,
                "This file is not saved as plain text in the UTF-8 encoding, so Chorus can't read it.",
            )
            .at(location)
            .help(save_again);
        }
    };
    Diagnostic::error(
        rules::FILE_NOT_UTF8,
        display,
        format!("This file is saved in the {encoding} encoding (which some programs call \"Unicode\"), not in UTF-8, so Chorus can't read it."),
    )
    .help(save_again)
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
    let mut skipped = Vec::new();
    let walk = walk_linked_folder(files, folder, deep, problems, &mut skipped);
    problems.extend(skipped.iter().map(Skipped::diagnostic));
    walk
}

/// `walk_folder`, for a folder a page's link can lead into: each skipped entry joins
/// `skipped`, to be told of with the pages that use it (`Content::skipped`).
fn walk_linked_folder(
    files: &ReportFiles,
    folder: &str,
    deep: bool,
    problems: &mut Vec<Diagnostic>,
    skipped: &mut Vec<Skipped>,
) -> Option<crate::report_files::Walk> {
    let display = if folder.is_empty() {
        "content".to_owned()
    } else {
        format!("content/{folder}")
    };
    match files.walk(&display, deep) {
        Ok(mut walk) => {
            skipped.append(&mut walk.skipped);
            Some(walk)
        }
        Err(Refusal::Missing | Refusal::NotAFile) => None,
        Err(refusal) => {
            problems.push(refusal.diagnostic(&display));
            None
        }
    }
}

/// The files under `content/media/`. Each name becomes part of a web address, so it keeps to
/// the rule of stories' names; a file that breaks it is an error that gives the fixed name. A
/// file of a kind that could run a program on the website is an error too
/// (`untrusted::media`). Either stays on the list, so that links to it are not also reported
/// as links to nothing.
fn list_media(
    files: &ReportFiles,
    problems: &mut Vec<Diagnostic>,
    skipped: &mut Vec<Skipped>,
) -> Vec<MediaFile> {
    let Some(walk) = walk_linked_folder(files, "media", true, problems, skipped) else {
        return Vec::new();
    };
    walk.files
        .into_iter()
        .filter_map(|found| {
            let path = found.name.strip_prefix("content/")?.to_owned();
            let inside = path.strip_prefix("media/").unwrap_or(&path);
            let parts: Vec<&str> = inside.split('/').collect();
            if !parts.iter().all(|part| is_web_name(part)) {
                let fixed: Vec<String> = parts.iter().map(|p| suggested_media_name(p)).collect();
                problems.push(
                    Diagnostic::error(rules::FILE_NAME_NOT_AN_ADDRESS,
                        &found.name,
                        "This file's name can't be used as a web address: names in media/ may only have lower-case letters, digits, - and .",
                    )
                    .help(format!(
                        "Rename it to content/media/{}, and write that name where a story or page shows it.",
                        fixed.join("/")
                    )),
                );
            }
            problems.extend(crate::untrusted::media::refusal(&path, &found.name));
            Some(MediaFile {
                path,
                disk_path: found.disk_path,
            })
        })
        .collect()
}

/// The files under `content/static/`, names starting with `.` included. A host asks for these
/// by their exact names (`CNAME`, `_redirects`), so capitals and `_` are kept; a name with any
/// other character (a space, an accent, `#`) is an error, since an address would have to
/// escape it and hosts differ in how they read that.
fn list_root_files(files: &ReportFiles, problems: &mut Vec<Diagnostic>) -> Vec<RootFile> {
    let display = format!("content/{ROOT_FILES}");
    let walk = match files.walk_everything(&display) {
        Ok(walk) => walk,
        Err(Refusal::Missing | Refusal::NotAFile) => return Vec::new(),
        Err(refusal) => {
            problems.push(refusal.diagnostic(&display));
            return Vec::new();
        }
    };
    problems.extend(walk.skipped.iter().map(Skipped::diagnostic));
    walk.files
        .into_iter()
        .filter_map(|found| {
            let path = found
                .name
                .strip_prefix(&format!("{display}/"))?
                .to_owned();
            let parts: Vec<&str> = path.split('/').collect();
            if !parts.iter().all(|part| is_root_file_name(part)) {
                let fixed: Vec<String> = parts.iter().map(|p| suggested_root_file_name(p)).collect();
                problems.push(
                    Diagnostic::error(rules::FILE_NAME_NOT_AN_ADDRESS,
                        &found.name,
                        format!("This file's name can't be used as a web address: names in {ROOT_FILES}/ may only have letters, digits, -, _ and ."),
                    )
                    .help(format!(
                        "Rename it to content/{ROOT_FILES}/{}. A host that asks for a file by name (such as CNAME or _redirects) needs it spelled exactly as the host says.",
                        fixed.join("/")
                    )),
                );
                return None;
            }
            Some(RootFile {
                path,
                disk_path: found.disk_path,
            })
        })
        .collect()
}

/// A name a file at the site's root may have as it is: ASCII letters, digits, `-`, `_` and
/// `.`, but not `.` or `..` alone.
pub fn is_root_file_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A root file's name with each character it may not have made `-`: `my file.txt` →
/// `my-file.txt`. Capitals are kept: a host may need them.
fn suggested_root_file_name(name: &str) -> String {
    let mut fixed = String::new();
    // Letters of any script in plain Latin letters: café → cafe.
    for c in deunicode::deunicode(name).chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') {
            c
        } else {
            '-'
        };
        if !(c == '-' && fixed.ends_with('-')) {
            fixed.push(c);
        }
    }
    let fixed = fixed.trim_matches('-').to_owned();
    if fixed.is_empty() || fixed == "." || fixed == ".." {
        "file".to_owned()
    } else {
        fixed
    }
}

#[cfg(test)]
mod tests {
    use super::{split_name, with_region};

    #[test]
    fn a_language_with_its_region_is_read_as_a_translation_of_the_language() {
        let site = ["en".to_owned(), "cy".to_owned()];
        assert_eq!(
            split_name("story.cy-GB.md", &site),
            Some(("story", Some("cy-GB")))
        );
        assert_eq!(with_region("cy-GB", &site).as_deref(), Some("cy"));
        assert_eq!(with_region("cy-gb", &site).as_deref(), Some("cy"));
        assert_eq!(with_region("es-419", &site).as_deref(), Some("es"));
        assert_eq!(with_region("pt-BR", &site).as_deref(), Some("pt"));
        // Small letters outside the site's languages, and other endings, are not languages.
        for ending in ["on-tv", "part-2", "cy", "cy-GBR", "c-GB", "cy-"] {
            assert_eq!(with_region(ending, &site), None, "{ending}");
        }
        assert_eq!(
            split_name("notes.on-tv.md", &site),
            Some(("notes.on-tv", None))
        );
    }
}
