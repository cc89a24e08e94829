//! Every output path, and every link between pages, from one table. All links are relative,
//! so the site works from any folder of any host and when opened from disk.
//!
//! This sits below both markdown and render: markdown resolves a story's links through it,
//! render makes the navigation and lists with it.

use super::languages::{DEFAULT, Languages};
use super::nearest::Meant;
use super::own_site::OwnSite;
use super::published::Published;
use crate::consent::Channel;
use crate::content::entries::FOLDER as TRACKER;
use crate::content::entries::entry::Status;
use crate::content::{Collection, Content, split_name};
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// Names Chorus uses for its own pages and folders; a free page can't take them.
pub const RESERVED_NAMES: &[&str] = &[
    "index",
    "stories",
    "accessibility",
    "site-map",
    "404",
    "assets",
    "media",
    "data",
    "you-said-we-did",
    "assessment",
    "themes",
    "feed",
    "sitemap",
    "statements",
    "co-production",
    "search",
    "pagefind",
    "robots",
];

/// Files and folders Chorus may make at the site's root besides its pages: a file of
/// `content/static/` can't take their names (lower-cased, as hosts may compare them).
pub const OWN_ROOT_NAMES: &[&str] = &[
    "assets",
    "media",
    "data",
    "feed",
    "pagefind",
    "sitemap.xml",
    "search.html",
    "404.html",
];

/// Files Chorus makes that a report's own file of the same name in `content/static/`
/// replaces: a staging site may want a `robots.txt` that asks search engines to stay away.
pub const REPLACEABLE_ROOT_FILES: &[&str] = &["robots.txt"];

/// A page of the site, in no language yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target<'a> {
    Home,
    StoryList,
    Story(&'a str),
    Page(&'a str),
    Accessibility,
    SiteMap,
    NotFound,
    /// "You said, we did": every entry.
    Tracker,
    /// The entries of one status.
    EntryStatus(Status),
    /// The entries of one framework theme.
    EntryTheme(&'a str),
    /// One entry, by its slug (its id lower-cased).
    Entry(&'a str),
    /// Every assessment cycle.
    Assessment,
    /// One cycle, by its file's name.
    Cycle(&'a str),
    /// One rated statement of a cycle: (cycle, statement).
    Rating(&'a str, &'a str),
    /// The evidence map of a framework theme.
    Theme(&'a str),
    /// The evidence map of a framework statement.
    Statement(&'a str),
    /// Where co-production happens: the levels.
    CoProduction,
    /// Search, with the site's own index.
    Search,
}

/// The Atom feeds, one of each in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feed {
    /// New stories whose consent covers feeds.
    Stories,
    /// "You said, we did": each update of each entry.
    TrackerUpdates,
}

impl Feed {
    fn base_path(self) -> String {
        match self {
            Feed::Stories => "feed/stories.xml".to_owned(),
            Feed::TrackerUpdates => format!("feed/{TRACKER}.xml"),
        }
    }
}

impl Target<'_> {
    /// Its path in the default language, from the site's root.
    fn base_path(self) -> String {
        match self {
            Target::Home => "index.html".to_owned(),
            Target::StoryList => "stories/index.html".to_owned(),
            Target::Story(slug) => format!("stories/{slug}.html"),
            Target::Page(slug) => format!("{slug}.html"),
            Target::Accessibility => "accessibility.html".to_owned(),
            Target::SiteMap => "site-map.html".to_owned(),
            Target::NotFound => "404.html".to_owned(),
            Target::Tracker => format!("{TRACKER}/index.html"),
            Target::EntryStatus(status) => format!("{TRACKER}/status/{}.html", status.id()),
            Target::EntryTheme(theme) => format!("{TRACKER}/theme/{theme}.html"),
            Target::Entry(slug) => format!("{TRACKER}/{slug}.html"),
            Target::Assessment => "assessment/index.html".to_owned(),
            Target::Cycle(cycle) => format!("assessment/{cycle}/index.html"),
            Target::Rating(cycle, statement) => format!("assessment/{cycle}/{statement}.html"),
            Target::Theme(theme) => format!("themes/{theme}.html"),
            Target::Statement(statement) => format!("statements/{statement}.html"),
            Target::CoProduction => "co-production.html".to_owned(),
            Target::Search => "search.html".to_owned(),
        }
    }

    fn of(collection: Collection, slug: &str) -> Target<'_> {
        match collection {
            Collection::Home => Target::Home,
            Collection::Pages => Target::Page(slug),
            Collection::Stories => Target::Story(slug),
        }
    }
}

pub fn asset(name: &str) -> String {
    format!("assets/{name}")
}

/// What a link to a report file (`stories/x.md`, `media/plan.pdf`) turns into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Href(String),
    /// The file exists but is not published; the link must not be made. `withdrawn`: it is a
    /// story whose storyteller withdrew their consent, which must leave no trace at all.
    Unpublished {
        withdrawn: bool,
    },
    /// The file exists but has errors of its own, so nothing of it is published and the build
    /// stops; the link is left out without another word.
    Unreadable,
    /// A shortcut, or what is not a file, that the walk of its folder passed over: the link is
    /// left out, and the shortcut's own message says where it is used (`check::skipped`).
    Skipped,
    Missing,
}

/// Where each markdown file of the report is published, in which languages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Item {
    /// Published on the website, with a page in each of these languages (the default first).
    Published(Vec<usize>),
    /// Not published: a story not ready or not agreed, or (`withdrawn`) taken back.
    LeftOut { withdrawn: bool },
    /// A file with errors of its own (a story whose settings could not be read whole).
    Unreadable,
}

/// What a link to a file of the report is resolved from (`Routes::link_target`).
#[derive(Debug, PartialEq, Eq)]
pub enum LinkTarget<'p> {
    /// A story, page or home page of the report (`stories/x.md`, `stories/x.cy.md`): the
    /// link follows its publication and its translations'.
    Item(Collection, &'p str),
    /// A published media file, or the site's root: the link changes only with the media,
    /// which change every page.
    Fixed,
    /// Anything else, a missing file: what is said of it reads every file of the report.
    Other,
}

#[derive(Debug)]
pub struct Routes {
    prefixes: Vec<String>,
    language_keys: Vec<String>,
    /// Every markdown file of the report by collection and name, published or not.
    items: HashMap<(Collection, String), Item>,
    /// Translation files that exist but are not published, by collection, name and language.
    left_out_translations: HashMap<(Collection, String), Vec<String>>,
    /// Published media, by the lower-cased path a browser may ask for, to the file's path.
    media: HashMap<String, String>,
    /// Every file of the report a link may name, published or not, from `content/`: what a
    /// link to a missing file is compared with.
    files: Vec<String>,
    /// What the walks passed over (`Content::skipped`), by the lower-cased path from
    /// `content/` a link would name it by.
    skipped: HashSet<String>,
    /// The site's own addresses, to read a link written as a full address of one of its pages.
    own_site: OwnSite,
    /// Every "you said, we did" entry's id, by its page's name (the id in small letters): each
    /// has a page in every language.
    entries: HashMap<String, String>,
}

impl Routes {
    /// A hash of everything a link is resolved with: two runs whose routes hash the same send
    /// every link, and every "not published" warning, the same way (`chorus serve` makes the
    /// pages with links again only when it changes).
    pub fn fingerprint(&self) -> u64 {
        fn sorted<K: Ord, V>(map: &HashMap<K, V>) -> Vec<(&K, &V)> {
            let mut pairs: Vec<_> = map.iter().collect();
            pairs.sort_by(|a, b| a.0.cmp(b.0));
            pairs
        }
        let mut hasher = DefaultHasher::new();
        let mut skipped: Vec<&String> = self.skipped.iter().collect();
        skipped.sort_unstable();
        (&self.prefixes, &self.language_keys, &self.files, skipped).hash(&mut hasher);
        (&self.own_site, sorted(&self.entries)).hash(&mut hasher);
        sorted(&self.items).hash(&mut hasher);
        sorted(&self.left_out_translations).hash(&mut hasher);
        sorted(&self.media).hash(&mut hasher);
        hasher.finish()
    }

    pub fn new(content: &Content, languages: &Languages, published: &Published) -> Routes {
        let mut items: HashMap<(Collection, String), Item> = HashMap::new();
        // The home page is made in every language, with or without an index.md.
        items.insert(
            (Collection::Home, "index".to_owned()),
            Item::Published(languages.indices().collect()),
        );
        for page in &content.pages {
            items.insert(
                (Collection::Pages, page.document.slug.clone()),
                Item::Published(vec![DEFAULT]),
            );
        }
        for story in &content.stories {
            let decision = published.story(&story.document.slug, Channel::Website);
            let item = if decision.is_publish() {
                Item::Published(vec![DEFAULT])
            } else if story.consent.unreadable {
                Item::Unreadable
            } else {
                Item::LeftOut {
                    withdrawn: decision.is_withdrawn(),
                }
            };
            items.insert((Collection::Stories, story.document.slug.clone()), item);
        }
        let mut left_out_translations: HashMap<(Collection, String), Vec<String>> = HashMap::new();
        for translation in &content.translations {
            let key = (translation.collection, translation.document.slug.clone());
            let language = languages.find(translation.language());
            match (published.translation(translation).is_publish(), language) {
                (true, Some(language)) => {
                    if let Some(Item::Published(in_languages)) = items.get_mut(&key)
                        && !in_languages.contains(&language)
                    {
                        in_languages.push(language);
                        in_languages.sort_unstable();
                    }
                }
                _ => left_out_translations
                    .entry(key)
                    .or_default()
                    .push(translation.language().to_owned()),
            }
        }
        let documents = content
            .home
            .iter()
            .map(|h| &h.document)
            .chain(content.pages.iter().map(|p| &p.document))
            .chain(content.stories.iter().map(|s| &s.document))
            .chain(content.translations.iter().map(|t| &t.document));
        let files = documents
            .map(|d| d.file().trim_start_matches("content/").to_owned())
            .chain(content.media.iter().map(|m| m.path.clone()))
            .chain(content.unread.iter().cloned())
            .collect();
        // A file that could not be read is there, but nothing of it is published.
        let language_keys: Vec<String> = languages.iter().map(|l| l.key.clone()).collect();
        for name in &content.unread {
            let (folder, file) = name.split_once('/').unwrap_or(("", name));
            let collection = match folder {
                "stories" => Collection::Stories,
                "pages" => Collection::Pages,
                _ => continue,
            };
            if let Some((slug, None)) = split_name(file, &language_keys) {
                items
                    .entry((collection, slug.to_owned()))
                    .or_insert(Item::Unreadable);
            }
        }
        let skipped = content
            .skipped
            .iter()
            .filter_map(|s| s.name.strip_prefix("content/"))
            .map(str::to_lowercase)
            .collect();
        Routes {
            files,
            skipped,
            own_site: OwnSite::new(content, languages),
            entries: (content.entries.iter())
                .map(|e| (e.slug.clone(), e.id.value.clone()))
                .collect(),
            prefixes: languages.iter().map(|l| l.prefix.clone()).collect(),
            language_keys: languages.iter().map(|l| l.key.clone()).collect(),
            items,
            left_out_translations,
            media: HashMap::new(),
        }
    }

    /// Media that may be linked to: the plan's published media files.
    pub fn with_media<'p>(mut self, paths: impl IntoIterator<Item = &'p str>) -> Routes {
        self.media = paths
            .into_iter()
            .map(|p| (p.to_lowercase(), p.to_owned()))
            .collect();
        self
    }

    /// The file of the report a link to a missing file most likely meant.
    pub fn nearest_file(&self, wanted: &str) -> Option<&str> {
        super::nearest::nearest_file(wanted, &self.files)
    }

    /// The site's own addresses: a link written as a full address of one of its pages is read
    /// as the page it is.
    pub fn own_site(&self) -> &OwnSite {
        &self.own_site
    }

    /// A link from the page at `from` (in `language`) to the page of the entry whose page is
    /// named `slug`, in the language `in_language` names, or the linking page's.
    pub fn resolve_entry(
        &self,
        from: &str,
        language: usize,
        slug: &str,
        in_language: Option<&str>,
        fragment: Option<&str>,
    ) -> Resolved {
        let language = match in_language {
            None => Some(language),
            Some(key) => self.language_keys.iter().position(|k| k == key),
        };
        match language {
            Some(language) if self.entries.contains_key(slug) => {
                let mut href = relative(from, &self.path(Target::Entry(slug), language));
                if let Some(fragment) = fragment {
                    href.push('#');
                    href.push_str(fragment);
                }
                Resolved::Href(href)
            }
            _ => Resolved::Missing,
        }
    }

    /// The id of the entry whose page's name `slug` most likely meant, if one is close.
    pub fn nearest_entry(&self, slug: &str) -> Option<&str> {
        let mut slugs: Vec<&str> = self.entries.keys().map(String::as_str).collect();
        slugs.sort_unstable();
        let near = crate::content::fields::nearest(slug, &slugs)?;
        self.entries.get(near).map(String::as_str)
    }

    /// The file of the report a link to a missing file most likely meant, and whether it is a
    /// story that is not published.
    pub fn meant(&self, wanted: &str) -> Meant<'_> {
        let Some(path) = self.nearest_file(wanted) else {
            return Meant::Nothing;
        };
        match self.resolve("", DEFAULT, path, None) {
            Resolved::Unpublished { withdrawn } => Meant::LeftOutStory { path, withdrawn },
            _ => Meant::File(path),
        }
    }

    /// A page's path in a language, from the site's root: `cy/stories/x.html`.
    pub fn path(&self, target: Target<'_>, language: usize) -> String {
        format!("{}{}", self.prefixes[language], target.base_path())
    }

    /// A feed's path in a language, from the site's root: `cy/feed/stories.xml`.
    pub fn feed_path(&self, feed: Feed, language: usize) -> String {
        format!("{}{}", self.prefixes[language], feed.base_path())
    }

    /// The languages a file of the report has a page in, the default first; empty when the
    /// file is not published.
    pub fn languages_of(&self, collection: Collection, slug: &str) -> &[usize] {
        match self.items.get(&(collection, slug.to_owned())) {
            Some(Item::Published(languages)) => languages,
            _ => &[],
        }
    }

    /// The page of a file in `language`, or in the default language when it has no
    /// translation: its path and the language it is in.
    pub fn page_of(
        &self,
        collection: Collection,
        slug: &str,
        language: usize,
    ) -> Option<(String, usize)> {
        let languages = self.languages_of(collection, slug);
        let language = if languages.contains(&language) {
            language
        } else {
            *languages.first()?
        };
        Some((self.path(Target::of(collection, slug), language), language))
    }

    /// A link from the page at `from` (in `language`) to a file of the report, written as its
    /// path from `content/` (`stories/x.md`, `pages/about.cy.md`, `media/a.jpg`). A link to a
    /// markdown file goes to its page in the linking page's language where there is one.
    pub fn resolve(
        &self,
        from: &str,
        language: usize,
        path: &str,
        fragment: Option<&str>,
    ) -> Resolved {
        let target = if path.is_empty() {
            Some(String::new())
        } else if let Some((collection, slug, file_language)) = self.markdown_file(path) {
            match self.items.get(&(collection, slug.to_owned())) {
                None => None,
                Some(Item::LeftOut { withdrawn }) => {
                    return Resolved::Unpublished {
                        withdrawn: *withdrawn,
                    };
                }
                Some(Item::Unreadable) => return Resolved::Unreadable,
                Some(Item::Published(languages)) => match file_language {
                    None => self.page_of(collection, slug, language).map(|(p, _)| p),
                    Some(key) => match self.language_keys.iter().position(|k| k == key) {
                        Some(l) if languages.contains(&l) => {
                            Some(self.path(Target::of(collection, slug), l))
                        }
                        _ if self
                            .left_out_translations
                            .get(&(collection, slug.to_owned()))
                            .is_some_and(|ls| ls.iter().any(|l| l == key)) =>
                        {
                            return Resolved::Unpublished { withdrawn: false };
                        }
                        _ => None,
                    },
                },
            }
        } else {
            self.media.get(&path.to_lowercase()).map(|p| encode_path(p))
        };
        match target {
            Some(target) => {
                let mut href = if target.is_empty() {
                    String::new()
                } else {
                    relative(from, &target)
                };
                if let Some(fragment) = fragment {
                    href.push('#');
                    href.push_str(fragment);
                }
                Resolved::Href(href)
            }
            None if self.skipped.contains(&path.to_lowercase()) => Resolved::Skipped,
            None => Resolved::Missing,
        }
    }

    /// Whether a link to `path` (from `content/`) leads to what a walk passed over: a
    /// shortcut Chorus does not follow, whose own message says where it is used.
    pub fn is_skipped(&self, path: &str) -> bool {
        matches!(self.resolve("", DEFAULT, path, None), Resolved::Skipped)
    }

    /// What a link to `path` (from `content/`, as `references` reads it) is resolved from,
    /// for `resolve`: what the page with the link must be made again after.
    pub fn link_target<'p>(&self, path: &'p str) -> LinkTarget<'p> {
        match self.markdown_file(path) {
            Some((collection, slug, _))
                if self.items.contains_key(&(collection, slug.to_owned())) =>
            {
                LinkTarget::Item(collection, slug)
            }
            Some(_) => LinkTarget::Other,
            None if path.is_empty() || self.media.contains_key(&path.to_lowercase()) => {
                LinkTarget::Fixed
            }
            None => LinkTarget::Other,
        }
    }

    /// `stories/x.cy.md` → (Stories, `x`, Some(`cy`)); `index.md` → (Home, `index`, None).
    fn markdown_file<'p>(&self, path: &'p str) -> Option<(Collection, &'p str, Option<&'p str>)> {
        let (collection, file) = match path.split_once('/') {
            Some(("stories", file)) => (Collection::Stories, file),
            Some(("pages", file)) => (Collection::Pages, file),
            Some(_) => return None,
            None => (Collection::Home, path),
        };
        let (slug, language) = split_name(file, &self.language_keys)?;
        if collection == Collection::Home && slug != "index" {
            return None;
        }
        Some((collection, slug, language))
    }
}

/// A media path as an address: spaces and other characters a URL can't hold are escaped.
fn encode_path(path: &str) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const PATH: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    utf8_percent_encode(path, PATH).to_string()
}

/// The link from the page at `from` to the file at `to`, both paths from the site's root:
/// up out of each of `from`'s folders that `to` is not in, then down `to`'s rest. Made for
/// every link of every page, so it walks the two paths in place rather than splitting them.
pub fn relative(from: &str, to: &str) -> String {
    let from_folders = from.rfind('/').map_or("", |end| &from[..=end]);
    // The folders at the start of both, each with its `/`.
    let mut shared = 0;
    while let Some(end) = from_folders[shared..].find('/') {
        let folder = &from_folders[shared..=shared + end];
        if !to[shared..].starts_with(folder) {
            break;
        }
        shared += folder.len();
    }
    let up = from_folders[shared..].matches('/').count();
    let mut link = String::with_capacity(3 * up + to.len() - shared);
    for _ in 0..up {
        link.push_str("../");
    }
    link.push_str(&to[shared..]);
    link
}

/// The way from a page back to the site's root: "" or "../".
pub fn root_of(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(relative("stories/a.html", "index.html"), "../index.html");
        assert_eq!(relative("stories/a.html", "stories/b.html"), "b.html");
        assert_eq!(relative("index.html", "stories/b.html"), "stories/b.html");
        assert_eq!(
            relative("stories/a.html", "media/x/y.jpg"),
            "../media/x/y.jpg"
        );
        assert_eq!(relative("index.html", "index.html"), "index.html");
        assert_eq!(
            relative("cy/stories/a.html", "stories/a.html"),
            "../../stories/a.html"
        );
        // Odd paths read as splitting them at each `/` read them.
        assert_eq!(relative("/", "a"), "../a");
        assert_eq!(relative("a/b.html", "a"), "../a");
        assert_eq!(relative("a//b.html", "a//c.html"), "c.html");
        assert_eq!(relative("", "a/b.html"), "a/b.html");
        assert_eq!(root_of("stories/a.html"), "../");
        assert_eq!(root_of("index.html"), "");
    }

    /// The way `relative` was first written, splitting both paths: the reference.
    fn relative_by_splitting(from: &str, to: &str) -> String {
        let from_dirs: Vec<&str> = from.split('/').collect::<Vec<_>>();
        let from_dirs = &from_dirs[..from_dirs.len() - 1];
        let to_parts: Vec<&str> = to.split('/').collect();
        let shared = from_dirs
            .iter()
            .zip(&to_parts)
            .take_while(|(a, b)| a == b)
            .count()
            .min(to_parts.len() - 1);
        let mut link = "../".repeat(from_dirs.len() - shared);
        link.push_str(&to_parts[shared..].join("/"));
        link
    }

    proptest::proptest! {
        #[test]
        fn relative_links_are_as_splitting_the_paths_made_them(
            from in "(a|b|ab|é|/){0,8}(x\\.html)?",
            to in "(a|b|ab|é|/){0,8}(y\\.html)?",
        ) {
            proptest::prop_assert_eq!(relative(&from, &to), relative_by_splitting(&from, &to));
        }
    }

    #[test]
    fn media_addresses_are_escaped() {
        assert_eq!(
            encode_path("media/jane at home.png"),
            "media/jane%20at%20home.png"
        );
    }
}
