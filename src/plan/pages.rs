//! One entry per page the site will have: its path, language, kind, its versions in the
//! other languages, and what it is made from.

use super::assessment::Assessment;
use super::languages::Languages;
use super::published::Published;
use super::routes::{LinkTarget, Routes, Target};
use super::tracker::Tracker;
use crate::consent::{Channel, Decision};
use crate::content::entries::entry::Status;
use crate::content::story::Story;
use crate::content::{Collection, Content};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Home,
    StoryList,
    Story(String),
    /// A free page, `pages/<slug>.md`.
    Free(String),
    Accessibility,
    SiteMap,
    NotFound,
    Tracker,
    EntryStatus(Status),
    EntryTheme(String),
    /// One entry, by its slug.
    Entry(String),
    Assessment,
    Cycle(String),
    /// (cycle, statement)
    Rating(String, String),
    Theme(String),
    Statement(String),
    CoProduction,
    /// Search, over the site's own index (`render::search`).
    Search,
}

impl PageKind {
    pub fn target(&self) -> Target<'_> {
        match self {
            PageKind::Home => Target::Home,
            PageKind::StoryList => Target::StoryList,
            PageKind::Story(slug) => Target::Story(slug),
            PageKind::Free(slug) => Target::Page(slug),
            PageKind::Accessibility => Target::Accessibility,
            PageKind::SiteMap => Target::SiteMap,
            PageKind::NotFound => Target::NotFound,
            PageKind::Tracker => Target::Tracker,
            PageKind::EntryStatus(status) => Target::EntryStatus(*status),
            PageKind::EntryTheme(theme) => Target::EntryTheme(theme),
            PageKind::Entry(slug) => Target::Entry(slug),
            PageKind::Assessment => Target::Assessment,
            PageKind::Cycle(cycle) => Target::Cycle(cycle),
            PageKind::Rating(cycle, statement) => Target::Rating(cycle, statement),
            PageKind::Theme(theme) => Target::Theme(theme),
            PageKind::Statement(statement) => Target::Statement(statement),
            PageKind::CoProduction => Target::CoProduction,
            PageKind::Search => Target::Search,
        }
    }

    /// Whether the page gathers many items (a list, the evidence for a statement, the site
    /// map) rather than showing one: at 10,000 stories such a page is up to 500 times the
    /// size of a story's, and takes as much longer to make, so a render starts these first.
    pub fn gathers(&self) -> bool {
        !matches!(
            self,
            PageKind::Story(_)
                | PageKind::Free(_)
                | PageKind::Entry(_)
                | PageKind::Accessibility
                | PageKind::NotFound
                | PageKind::Search
        )
    }

    /// Whether the page's words go into the search index: every page but the 404 page, search
    /// itself, and the lists, whose words are their items' (found on the items' own pages).
    pub fn is_searched(&self) -> bool {
        !matches!(
            self,
            PageKind::NotFound
                | PageKind::Search
                | PageKind::SiteMap
                | PageKind::StoryList
                | PageKind::Tracker
                | PageKind::EntryStatus(_)
                | PageKind::EntryTheme(_)
        )
    }

    /// Whether the page belongs in `sitemap.xml`: every page but the 404 page, which a host
    /// shows at addresses that are not pages.
    pub fn is_in_sitemap(&self) -> bool {
        !matches!(self, PageKind::NotFound)
    }
}

/// What a page is made from, so a preview knows which pages a change touches: `chorus serve`
/// makes a page again only when one of these changed, so a page must name all it reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Dependency {
    /// `site.toml`, and the theme's templates and words: every page.
    Settings,
    /// One file, whole, from `content/` (`stories/x.md`, `stories/x.cy.md`).
    File(String),
    /// The settings (front matter) and publication of every item of a collection, and of
    /// their translations, but not their text: what lists and menus show, and where links go.
    /// A page that shows another item's text names that file as a `File` too.
    Collection(Collection),
    /// Every "you said, we did" entry (the files of `you-said-we-did/`).
    Entries,
    /// Every assessment cycle (the files of `assessment/`).
    Assessment,
    /// A file of the theme besides its templates and words: `static/style.css`.
    ThemeFile(String),
    /// The settings (front matter) and publication of one file from `content/`
    /// (`stories/x.md`, `stories/x.cy.md`), but not its text: what a card shows of a story.
    /// A page that shows some stories as cards names each of their files so. A list of
    /// 10,000 stories names 20,000 files: each name is made once per plan and shared.
    Card(Arc<str>),
    /// Where every link goes (the plan's `Routes`): which items are published, in which
    /// languages, and which files exist. Every page: its menu and any text may link.
    Routes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagePlan {
    /// From the site's root: `cy/stories/x.html`.
    pub path: String,
    /// An index into the plan's languages.
    pub language: usize,
    pub kind: PageKind,
    /// The same page in each other language it has: (language, path).
    pub alternates: Vec<(usize, String)>,
    /// What the page is made from, for the preview; one list shared by its versions in every
    /// language.
    pub depends_on: Arc<[Dependency]>,
    /// Shown only by the preview, with a "not published" banner: a story whose status is
    /// draft or review (see `consent::Decision::Preview`).
    pub preview_only: bool,
}

/// What pages show of the content, which their dependencies name.
pub struct Shown<'a, 'c> {
    /// The published stories, as the plan orders them.
    pub stories: &'a [&'c Story],
    /// What the text of each file of `content/` (`stories/x.md`) links to or shows, from
    /// `content/` (`stories/y.md`, `media/a.jpg`): only files with at least one.
    pub links: HashMap<&'a str, Vec<&'a str>>,
}

pub fn plan_pages(
    content: &Content,
    languages: &Languages,
    routes: &Routes,
    published: &Published,
    shown: &Shown<'_, '_>,
    tracker: &Tracker<'_>,
    assessment: &Assessment<'_>,
) -> Vec<PagePlan> {
    let every_language: Vec<usize> = languages.indices().collect();
    let mut kinds: Vec<(PageKind, Vec<usize>)> = vec![
        (PageKind::Home, every_language.clone()),
        (PageKind::StoryList, every_language.clone()),
    ];
    for story in &content.stories {
        let slug = &story.document.slug;
        let in_languages = routes.languages_of(Collection::Stories, slug);
        if !in_languages.is_empty() {
            kinds.push((PageKind::Story(slug.clone()), in_languages.to_vec()));
        }
    }
    for page in &content.pages {
        let slug = &page.document.slug;
        let in_languages = routes.languages_of(Collection::Pages, slug);
        kinds.push((PageKind::Free(slug.clone()), in_languages.to_vec()));
    }
    if !tracker.is_empty() {
        let tracker_pages = std::iter::once(PageKind::Tracker)
            .chain(tracker.statuses.iter().map(|s| PageKind::EntryStatus(*s)))
            .chain(
                tracker
                    .themes
                    .iter()
                    .map(|t| PageKind::EntryTheme(t.clone())),
            )
            .chain(
                tracker
                    .entries
                    .iter()
                    .map(|e| PageKind::Entry(e.slug.clone())),
            );
        kinds.extend(tracker_pages.map(|kind| (kind, every_language.clone())));
    }
    if !assessment.cycles.is_empty() {
        kinds.push((PageKind::Assessment, every_language.clone()));
        for plan in &assessment.cycles {
            let slug = &plan.cycle.slug;
            kinds.push((PageKind::Cycle(slug.clone()), every_language.clone()));
            for rating in plan.ratings() {
                let kind = PageKind::Rating(slug.clone(), rating.statement.value.clone());
                kinds.push((kind, every_language.clone()));
            }
        }
    }
    for (theme, _) in &assessment.themes {
        kinds.push((PageKind::Theme(theme.clone()), every_language.clone()));
    }
    for (statement, _) in &assessment.statements {
        kinds.push((
            PageKind::Statement(statement.clone()),
            every_language.clone(),
        ));
    }
    kinds.push((PageKind::CoProduction, every_language.clone()));
    for kind in [
        PageKind::Accessibility,
        PageKind::SiteMap,
        PageKind::NotFound,
    ] {
        kinds.push((kind, every_language.clone()));
    }
    if content.site.search {
        kinds.push((PageKind::Search, every_language.clone()));
    }
    // A story's files, named once and shared by every page that shows its card.
    let card_files: HashMap<&str, Vec<Arc<str>>> = shown
        .stories
        .par_iter()
        .map(|story| {
            let slug = story.document.slug.as_str();
            let files = files(Collection::Stories, slug, languages)
                .map(Arc::from)
                .collect();
            (slug, files)
        })
        .collect();
    // Each kind of page is planned on its own, so in parallel (in order still).
    let planned: Vec<Vec<PagePlan>> = kinds
        .into_par_iter()
        .map(|(kind, in_languages)| {
            let mut depends_on = dependencies(&kind, languages, routes, &shown.links);
            for story in cards_shown(&kind, shown.stories, tracker, assessment) {
                let slug = story.document.slug.as_str();
                let files = card_files.get(slug).into_iter().flatten();
                depends_on.extend(files.cloned().map(Dependency::Card));
            }
            let depends_on: Arc<[Dependency]> = depends_on.into();
            let preview_only = match &kind {
                PageKind::Story(slug) => matches!(
                    published.story(slug, Channel::Website),
                    Decision::Preview(_)
                ),
                _ => false,
            };
            in_languages
                .iter()
                .map(|&language| PagePlan {
                    path: routes.path(kind.target(), language),
                    language,
                    kind: kind.clone(),
                    alternates: in_languages
                        .iter()
                        .filter(|&&other| other != language)
                        .map(|&other| (other, routes.path(kind.target(), other)))
                        .collect(),
                    depends_on: depends_on.clone(),
                    preview_only,
                })
                .collect()
        })
        .collect();
    planned.into_iter().flatten().collect()
}

/// What each kind of page reads. A page that shows anything of a story but its link (its
/// title, summary, date, themes: a card or a list) names `Collection(Stories)`, or the `Card`
/// of each story it shows; a page that only links to stories needs `Routes`. So a story's
/// title changes only the pages that show it, and its publication only the pages that list
/// it or link to it.
fn dependencies(
    kind: &PageKind,
    languages: &Languages,
    routes: &Routes,
    links: &HashMap<&str, Vec<&str>>,
) -> Vec<Dependency> {
    // Every page carries the menu, which lists the free pages.
    let mut depends_on = vec![
        Dependency::Settings,
        Dependency::Collection(Collection::Pages),
    ];
    let files = |collection, slug| files(collection, slug, languages);
    // A story, a free page and the home page are made from their own files' text: each link
    // in it follows the item it links to (its files' `Card`s: their publication). Every other
    // page shows text from the entries, the cycles or the settings, and follows all `Routes`.
    let own = match kind {
        PageKind::Home => Some(files(Collection::Home, "index")),
        PageKind::Story(slug) => Some(files(Collection::Stories, slug)),
        PageKind::Free(slug) => Some(files(Collection::Pages, slug)),
        _ => None,
    };
    let mut follows = Vec::new();
    let mut every_route = own.is_none();
    let linked = own
        .into_iter()
        .flatten()
        .filter_map(|file| links.get(file.as_str()));
    for path in linked.flatten() {
        match routes.link_target(path) {
            LinkTarget::Item(collection, slug) => {
                follows.extend(files(collection, slug));
                follows.push((*path).to_owned());
            }
            LinkTarget::Fixed => {}
            LinkTarget::Other => every_route = true,
        }
    }
    if every_route {
        depends_on.push(Dependency::Routes);
    }
    for file in follows {
        let card = Dependency::Card(file.into());
        if !depends_on.contains(&card) {
            depends_on.push(card);
        }
    }
    match kind {
        PageKind::Home => {
            // The latest stories, and how many stories and entries are at each level.
            depends_on.extend(files(Collection::Home, "index").map(Dependency::File));
            depends_on.push(Dependency::Collection(Collection::Stories));
            depends_on.push(Dependency::Entries);
        }
        // The stories at each level, as cards, and how many.
        PageKind::CoProduction => {
            depends_on.push(Dependency::Assessment);
            depends_on.push(Dependency::Entries);
            depends_on.push(Dependency::Collection(Collection::Stories));
        }
        // Some stories as cards (`cards_shown`): a theme's or statement's evidence, the
        // stories behind a rating. The overview and a cycle show none.
        PageKind::Rating(..)
        | PageKind::Theme(_)
        | PageKind::Statement(_)
        | PageKind::Assessment
        | PageKind::Cycle(_) => {
            depends_on.push(Dependency::Assessment);
            depends_on.push(Dependency::Entries);
        }
        // An entry's page lists the stories that name it (`cards_shown`).
        PageKind::Tracker
        | PageKind::EntryStatus(_)
        | PageKind::EntryTheme(_)
        | PageKind::Entry(_) => {
            depends_on.push(Dependency::Entries);
        }
        PageKind::StoryList => {
            depends_on.push(Dependency::Collection(Collection::Stories));
        }
        // Every page by its title.
        PageKind::SiteMap => {
            depends_on.push(Dependency::Collection(Collection::Stories));
            depends_on.push(Dependency::Entries);
            depends_on.push(Dependency::Assessment);
        }
        // Without JavaScript it lists the themes, which stories, entries and ratings name.
        PageKind::Search => {
            depends_on.push(Dependency::Collection(Collection::Stories));
            depends_on.push(Dependency::Entries);
            depends_on.push(Dependency::Assessment);
        }
        // Its own files (the settings and text, and its translations'), and the entries it
        // names; other stories only by their links.
        PageKind::Story(slug) => {
            depends_on.extend(files(Collection::Stories, slug).map(Dependency::File));
            depends_on.push(Dependency::Entries);
        }
        PageKind::Free(slug) => {
            depends_on.extend(files(Collection::Pages, slug).map(Dependency::File));
        }
        // Its styles are inlined: a host shows it at any address.
        // The 404 page carries the stylesheets inline, to look right at any address.
        PageKind::NotFound => depends_on.extend(
            ["static/style.css", "static/extra.css"].map(|f| Dependency::ThemeFile(f.into())),
        ),
        PageKind::Accessibility => {}
    }
    depends_on
}

/// The files of an item: its original and its translation in each other language, from
/// `content/` (`stories/x.md`, `stories/x.cy.md`), whether they exist or not.
fn files<'l>(
    collection: Collection,
    slug: &str,
    languages: &'l Languages,
) -> impl Iterator<Item = String> + 'l {
    let original = collection.file(slug);
    let stem = original.trim_end_matches(".md").to_owned();
    std::iter::once(original).chain(
        languages
            .iter()
            .skip(1)
            .map(move |l| format!("{stem}.{}.md", l.key)),
    )
}

/// The stories a page shows as cards, when it shows some and not all of them: each is a
/// dependency of the page (`Dependency::Card`), and a story that joins or leaves changes the
/// page's plan. What it lists is what render lists, read from the same places.
fn cards_shown<'c>(
    kind: &PageKind,
    stories: &[&'c Story],
    tracker: &Tracker<'c>,
    assessment: &Assessment<'c>,
) -> Vec<&'c Story> {
    match kind {
        PageKind::Theme(id) => assessment
            .theme(id)
            .map(|e| e.stories.clone())
            .unwrap_or_default(),
        PageKind::Statement(id) => assessment
            .statement(id)
            .map(|e| e.stories.clone())
            .unwrap_or_default(),
        PageKind::Rating(_, statement) => stories
            .iter()
            .filter(|s| s.statements.iter().any(|st| st.value == *statement))
            .copied()
            .collect(),
        PageKind::Entry(slug) => tracker.stories_of(slug).to_vec(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::site::Site;

    #[test]
    fn a_story_page_depends_on_its_files_its_entries_and_where_its_links_go() {
        let site = Site {
            languages: vec!["en-GB".into(), "cy".into()],
            ..Site::default()
        };
        let languages = Languages::of(&site);
        let content = Content::default();
        let routes = Routes::new(&content, &languages, &Published::default());
        let story = PageKind::Story("x".into());
        // A link to a file that is not there: what is said of it reads every route.
        let links = HashMap::from([("stories/x.cy.md", vec!["stories/missing.md"])]);
        let depends_on = dependencies(&story, &languages, &routes, &links);
        assert_eq!(
            depends_on,
            [
                Dependency::Settings,
                Dependency::Collection(Collection::Pages),
                Dependency::Routes,
                Dependency::File("stories/x.md".into()),
                Dependency::File("stories/x.cy.md".into()),
                Dependency::Entries,
            ]
        );
        // A link to the home page follows its files alone; no link, nothing.
        let links = HashMap::from([("stories/x.md", vec!["index.md"])]);
        let depends_on = dependencies(&story, &languages, &routes, &links);
        assert!(!depends_on.contains(&Dependency::Routes));
        assert!(depends_on.contains(&Dependency::Card("index.cy.md".into())));
        let depends_on = dependencies(&story, &languages, &routes, &HashMap::new());
        assert!(!depends_on.contains(&Dependency::Routes));
    }
}
