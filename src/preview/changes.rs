//! What changed between two runs of the preview, in the terms of the plan's dependencies, so
//! that only the pages made from what changed are made again.
//!
//! Nothing here trusts the watcher's account of what changed: each run records a hash of every
//! input the pages are made from, as that run read it, and the next run compares. The changed
//! paths the watcher reports are used for one thing only: a file that no page is known to read
//! (a kind of content this module has not heard of) makes every page again, so a new
//! collection is always correct in the preview before it is fast.

use crate::content::{Collection, Content};
use crate::plan::Plan;
use crate::plan::pages::{Dependency, PagePlan};
use crate::plan::sources::Origin;
use crate::theme::Theme;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// A hash of each input the pages of one run were made from.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// `site.toml` as read, the theme's templates and words, and whom the plan is for.
    settings: u64,
    /// Each file of `content/` the plan read (`stories/x.md`), with its collection.
    files: BTreeMap<String, FileInputs>,
    /// Each collection's files' settings and publication.
    collections: HashMap<Collection, u64>,
    /// The theme's other files (`static/style.css`).
    theme_files: HashMap<String, u64>,
    /// The published media, by path: which links resolve.
    media: Vec<String>,
    /// Every "you said, we did" entry, as read.
    entries: u64,
    /// Every assessment cycle, as read.
    assessment: u64,
    /// Where every link goes.
    routes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct FileInputs {
    whole: u64,
    /// Everything but the text: its front matter.
    settings: u64,
    published: bool,
}

/// Which dependencies changed since the previous run.
#[derive(Debug, Default)]
pub struct Changed {
    /// Every page is made again: the settings, the theme's templates or words, or the
    /// published media changed, or a file no page is known to read.
    pub everything: bool,
    files: HashSet<String>,
    /// The files whose settings or publication changed (or that came or went).
    cards: HashSet<String>,
    collections: HashSet<Collection>,
    theme_files: HashSet<String>,
    entries: bool,
    assessment: bool,
    routes: bool,
}

impl Inputs {
    pub fn of(content: &Content, plan: &Plan<'_>, theme: &Theme) -> Inputs {
        let mut settings = DefaultHasher::new();
        // Every setting as read, with where it was read: `Site` has no other complete form.
        format!("{:?}", content.site).hash(&mut settings);
        // A framework file names themes and statements that every page may show.
        format!("{:?}", content.frameworks).hash(&mut settings);
        format!("{:?}", plan.languages).hash(&mut settings);
        // The day: pages say when they were updated. And which sections the menu has.
        plan.today.hash(&mut settings);
        plan.tracker.is_empty().hash(&mut settings);
        plan.assessment.cycles.is_empty().hash(&mut settings);
        for (path, bytes) in theme.page_files() {
            (path, bytes).hash(&mut settings);
        }
        // Every page's head links the theme's extra stylesheet and the report's icon when
        // they are there.
        crate::render::frame::linked_from_every_head(theme, content).hash(&mut settings);
        let mut files = BTreeMap::new();
        for source in &plan.sources {
            let Origin::File { file, base, end } = source.origin else {
                continue;
            };
            let Some(name) = file.name.strip_prefix("content/") else {
                continue;
            };
            let text = file.text();
            let text = &*text;
            let body_end = end.min(text.len());
            files.insert(
                name.to_owned(),
                FileInputs {
                    whole: hash(text),
                    settings: hash((&text[..base.min(body_end)], &text[body_end..])),
                    published: source.published,
                },
            );
        }
        let mut by_collection: HashMap<Collection, DefaultHasher> = HashMap::new();
        for (name, file) in &files {
            if let Some(collection) = Collection::of_file(name) {
                let hasher = by_collection.entry(collection).or_default();
                (name, file.settings, file.published).hash(hasher);
            }
        }
        let mut media: Vec<String> = plan.media.iter().map(|m| m.path.clone()).collect();
        media.sort();
        Inputs {
            settings: settings.finish(),
            files,
            collections: by_collection
                .into_iter()
                .map(|(collection, hasher)| (collection, hasher.finish()))
                .collect(),
            theme_files: theme
                .static_files()
                .map(|(name, bytes)| (format!("static/{name}"), hash(bytes)))
                .collect(),
            media,
            // Every field of every entry, with where it was read.
            entries: hash(format!("{:?}", content.entries)),
            assessment: hash(format!("{:?}", content.cycles)),
            routes: plan.routes.fingerprint(),
        }
    }

    /// What changed from `before` to `self`. `paths` are the files the watcher saw change,
    /// from the report folder (`content/stories/x.md`); see the module's comment.
    pub fn changed_since(&self, before: &Inputs, paths: &[String]) -> Changed {
        let differ = |a: Option<u64>, b: Option<u64>| a != b;
        let files = union(self.files.keys(), before.files.keys())
            .filter(|name| {
                differ(
                    self.files.get(*name).map(|f| f.whole),
                    before.files.get(*name).map(|f| f.whole),
                )
            })
            .cloned()
            .collect();
        let cards = union(self.files.keys(), before.files.keys())
            .filter(|name| {
                let card =
                    |inputs: &Inputs| inputs.files.get(*name).map(|f| (f.settings, f.published));
                card(self) != card(before)
            })
            .cloned()
            .collect();
        let collections = Collection::ALL
            .into_iter()
            .filter(|c| {
                differ(
                    self.collections.get(c).copied(),
                    before.collections.get(c).copied(),
                )
            })
            .collect();
        let theme_files = union(self.theme_files.keys(), before.theme_files.keys())
            .filter(|name| {
                differ(
                    self.theme_files.get(*name).copied(),
                    before.theme_files.get(*name).copied(),
                )
            })
            .cloned()
            .collect();
        let unknown = paths
            .iter()
            .any(|path| !self.knows(path) && !before.knows(path));
        Changed {
            everything: self.settings != before.settings || self.media != before.media || unknown,
            files,
            cards,
            collections,
            theme_files,
            entries: self.entries != before.entries,
            assessment: self.assessment != before.assessment,
            routes: self.routes != before.routes,
        }
    }

    /// Whether a run holds all of a changed file's effect in the site it makes, so that a site
    /// made the same means the change showed nothing new: not so for a copied file (a picture,
    /// a file for the site's root), which the site names but does not hold, nor for a file
    /// whose effect is not known.
    pub fn holds_whole(&self, path: &str) -> bool {
        let copied = ["media", crate::content::ROOT_FILES]
            .iter()
            .any(|folder| path.starts_with(&format!("content/{folder}/")));
        self.knows(path) && !copied
    }

    /// Whether a changed file's effect on the pages is known: a file the plan read, the
    /// settings, a media file (the published media are compared), a file for the site's root
    /// (copied, never read), an entries file (the
    /// entries are compared whole), a theme file (the theme is compared whole), or a file
    /// Chorus never reads (a hidden file, an editor's `~` or `#…#` copy, `Thumbs.db`).
    fn knows(&self, path: &str) -> bool {
        let hidden = path.split('/').any(|part| {
            part.starts_with('.') || crate::report_files::is_left_by_the_computer(part)
        });
        match path.strip_prefix("content/") {
            _ if hidden || path.starts_with("themes/") => true,
            Some(name) => {
                name == "site.toml"
                    || name.starts_with("frameworks/")
                    || name.starts_with("media/")
                    // Copied as they are; no page reads them.
                    || name.starts_with(&format!("{}/", crate::content::ROOT_FILES))
                    || name.starts_with("you-said-we-did/")
                    || name.starts_with("assessment/")
                    || self.files.contains_key(name)
            }
            None => false,
        }
    }
}

impl Changed {
    /// Whether a page must be made again.
    pub fn touches(&self, page: &PagePlan) -> bool {
        self.everything
            || page.depends_on.iter().any(|dependency| match dependency {
                Dependency::Settings => false,
                Dependency::File(name) => self.files.contains(name),
                Dependency::Card(name) => self.cards.contains(&**name),
                Dependency::Collection(collection) => self.collections.contains(collection),
                Dependency::ThemeFile(name) => self.theme_files.contains(name),
                Dependency::Entries => self.entries,
                Dependency::Assessment => self.assessment,
                Dependency::Routes => self.routes,
            })
    }

    /// Everything changed: the first run, or after a run that could make no page.
    pub fn everything() -> Changed {
        Changed {
            everything: true,
            ..Changed::default()
        }
    }
}

fn hash(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

fn union<'a>(
    a: impl Iterator<Item = &'a String>,
    b: impl Iterator<Item = &'a String>,
) -> impl Iterator<Item = &'a String> {
    a.chain(b).collect::<HashSet<_>>().into_iter()
}
