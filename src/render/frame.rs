//! What every page shares, as the templates receive it: the site's name, navigation, the
//! links that lead out of the page, and its versions in other languages. The theme's words
//! (`t`) and the menus (`nav`, `footer_links`) are made once per language and shared, with
//! paths from the site's root; what is the page's own is made relative to its path.

use super::Site;
use crate::content::Collection;
use crate::plan::Plan;
use crate::plan::pages::{PageKind, PagePlan};
use crate::plan::routes::{Feed, Target, relative, root_of};
use crate::theme::Strings;
use jiff::civil::Date;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
    pub current: bool,
    /// The label's language, when it differs from the page's.
    pub lang: Option<String>,
}

/// The theme's words of one sentence before and after a name put in it (`{theme}`, `{cycle}`,
/// `{forum}`…), so that the template can mark the name with its own language where the page is
/// in another (WCAG 3.1.2, Language of Parts).
#[derive(Debug, Serialize)]
pub struct Around {
    pub before: String,
    pub after: String,
}

/// A link of the menus every page has (the main menu, the footer's), with its path from the
/// site's root, so that one list serves every page of a language.
#[derive(Debug, Clone, Serialize)]
pub struct MenuLink {
    pub label: String,
    /// From the site's root: the template writes `{{ root }}{{ link.path }}`.
    pub path: String,
    /// The label's language, when it differs from the page's.
    pub lang: Option<String>,
}

/// What every page of one language shows alike, made once: the main menu and the footer's
/// links (template values that every page shares without a copy: Tera's values are
/// reference-counted), the feeds' titles and labels, the language's name and locale, and the
/// contact address written to wrap. Only the way from a page to each is the page's own.
pub struct EveryPage {
    pub nav: tera::Value,
    pub footer: tera::Value,
    /// Each feed in the language, its `href` from the site's root (a page makes its own way
    /// to it).
    feeds: Vec<FeedLink>,
    /// Open Graph `og:locale` (`en_GB`), when the language's tag names its country.
    og_locale: Option<String>,
    /// The language's name in itself, for the links to a page's other languages.
    language_name: String,
    /// The contact address as HTML that may wrap after its `@` and before each `.`.
    contact_email_wrapping: String,
}

impl EveryPage {
    pub fn of(plan: &Plan<'_>, strings: &Strings, language: usize) -> EveryPage {
        let word = |key: &str| word(strings, key);
        let link = |label: String, target: Target<'_>| MenuLink {
            label,
            path: plan.routes.path(target, language),
            lang: None,
        };
        let page = |slug: &str, title: &str| {
            let (path, lang) = item(plan, Collection::Pages, slug, language)?;
            let label = title_of_page(plan, slug, title, language);
            Some(MenuLink { label, path, lang })
        };
        let mut nav = vec![
            link(word("nav_home"), Target::Home),
            link(word("nav_stories"), Target::StoryList),
        ];
        if !plan.tracker.is_empty() {
            nav.push(link(word("nav_tracker"), Target::Tracker));
        }
        if !plan.assessment.cycles.is_empty() {
            nav.push(link(word("nav_assessment"), Target::Assessment));
        }
        let navigation = plan.free_pages.iter().filter(|p| p.navigation);
        nav.extend(navigation.filter_map(|p| page(&p.document.slug, &p.title.value)));
        if plan.content.site.search {
            nav.push(link(word("nav_search"), Target::Search));
        }
        let mut footer = vec![
            link(word("footer_accessibility"), Target::Accessibility),
            link(word("footer_site_map"), Target::SiteMap),
        ];
        // The privacy page, when the report has one, is in every page's footer.
        let privacy = plan.free_pages.iter().find(|p| p.document.slug == PRIVACY);
        footer.extend(privacy.and_then(|p| page(PRIVACY, &p.title.value)));
        let site = &plan.content.site;
        let feeds = plan
            .feeds()
            .into_iter()
            .map(|feed| {
                let (kind, title, label) = match feed {
                    Feed::Stories => ("stories", "feed_stories_title", "feed_stories_link"),
                    Feed::TrackerUpdates => {
                        ("you-said-we-did", "feed_tracker_title", "feed_tracker_link")
                    }
                };
                FeedLink {
                    kind,
                    title: format!("{} – {}", word(title), site.title),
                    label: word(label),
                    href: plan.routes.feed_path(feed, language),
                }
            })
            .collect();
        let tag = &plan.languages.get(language).tag;
        let og_locale = tag
            .split_once('-')
            .filter(|(_, region)| region.len() == 2)
            .map(|(language, region)| format!("{language}_{}", region.to_uppercase()));
        EveryPage {
            nav: tera::Value::from_serializable(&nav),
            footer: tera::Value::from_serializable(&footer),
            feeds,
            og_locale,
            language_name: word("language_name"),
            contact_email_wrapping: wrapping_email(&site.contact_email),
        }
    }
}

/// A report's icon, when its `content/static/` has one.
const ICON: &str = "favicon.ico";

/// The theme's stylesheet that follows its own, when it has one.
pub(super) const EXTRA_STYLES: &str = "static/extra.css";

/// Which of the files every page's head links when they are there are there: the theme's
/// extra stylesheet, and the report's icon. (The preview makes every page again when either
/// comes or goes.)
pub fn linked_from_every_head(
    theme: &crate::theme::Theme,
    content: &crate::content::Content,
) -> [bool; 2] {
    [
        theme.file(EXTRA_STYLES).is_some(),
        content.root_files.iter().any(|f| f.path == ICON),
    ]
}

/// The same page in another language.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// BCP 47, for `hreflang` and `lang`.
    pub lang: String,
    pub href: String,
    /// For the head's `hreflang` link: the full address with a `base_url` (as search engines
    /// ask), else `href`.
    pub head_href: String,
    /// The language's name in itself: "Cymraeg", "English".
    pub label: String,
}

/// The variables every template receives (see `docs/themes.md`).
#[derive(Debug, Serialize)]
pub struct Frame<'a> {
    /// The page's language (BCP 47).
    pub lang: &'a str,
    /// The report's own language, when the page is in another: its words are marked with it.
    pub report_lang: Option<&'a str>,
    pub site_title: &'a str,
    pub organisation: &'a str,
    pub contact_email: &'a str,
    /// The contact email as HTML that may wrap after its `@` and before each `.`, so a long
    /// address never breaks in the middle of a word.
    pub contact_email_wrapping: String,
    /// When the page was last updated, in the page's language: a story's date, or the day
    /// the site was made.
    pub updated: String,
    /// The way back to the site's root from this page: `""` or `"../"`.
    pub root: String,
    pub assets: String,
    pub home_href: String,
    pub stories_href: String,
    /// The main menu and the footer's links: shared lists of `MenuLink`.
    pub nav: tera::Value,
    pub footer_links: tera::Value,
    /// This page's path from the site's root: the footer link to mark as the current page.
    pub page_path: String,
    /// The path of the main menu's link to mark as current: this page's own, or its
    /// section's (the stories list for a story, the tracker for an entry's page, the
    /// assessment for a cycle's or a rating's).
    pub section: String,
    pub breadcrumbs: Vec<Link>,
    pub title: String,
    pub document_title: String,
    pub description: String,
    pub canonical: Option<String>,
    /// The stylesheet itself, for the 404 page; empty elsewhere.
    pub inline_styles: String,
    /// A script of Chorus's own, written into the page: on the 404 page of a report with no
    /// `base_url`, the one that finds the site's root. Empty elsewhere.
    pub inline_script: String,
    /// The report's theme has its own `static/extra.css`, linked after the stylesheet.
    pub extra_styles: bool,
    pub alternates: Vec<Alternate>,
    /// The language switch: this page in each other language of the site, or, where it has
    /// no version in that language, that language's home page (its label then says so), so
    /// that a reader who followed a link into a page in one language only can always go back.
    pub language_links: Vec<Alternate>,
    /// The site's feeds in the page's language, for `<link rel="alternate">` in every head
    /// and for the links in words on the lists they follow.
    pub feeds: Vec<FeedLink>,
    /// Open Graph `og:type`: `article` for a story, `website` for every other page.
    pub og_type: &'static str,
    /// Open Graph `og:locale` (`en_GB`), when the page's language names its country.
    pub og_locale: Option<String>,
    /// The report's own `favicon.ico` (from `content/static/`), from this page: browsers look
    /// for it only at the host's root, and the site may be in a folder.
    pub icon: Option<String>,
}

/// One of the site's feeds, as a page links it (`href` from the page; in `EveryPage`, from the
/// site's root).
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// `stories` or `you-said-we-did`.
    pub kind: &'static str,
    /// The feed's title, for `<link title>`.
    pub title: String,
    /// The link in words, for the list it follows.
    pub label: String,
    pub href: String,
}

/// One page being made: its plan entry, the site, and where links go from.
pub struct PageFrame<'a> {
    pub site: &'a Site<'a>,
    pub page: &'a PagePlan,
    /// Links go from this full address instead of being relative (the 404 page, when known).
    pub link_base: Option<&'a str>,
}

/// The words of a page in the frame: its title, description and the trail above it.
pub struct Heading<'t> {
    pub title: String,
    pub description: String,
    /// From the home page down, not including the page.
    pub trail: Vec<Target<'t>>,
}

impl<'a> PageFrame<'a> {
    pub fn language(&self) -> usize {
        self.page.language
    }

    pub fn strings(&self) -> &'a Strings {
        &self.site.words[self.page.language].strings
    }

    pub fn word(&self, key: &str) -> String {
        word(self.strings(), key)
    }

    /// A word the theme may leave out, in the page's language: `None` when it has none.
    pub fn word_if(&self, key: &str) -> Option<String> {
        self.strings()
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    }

    /// The words of `key` before and after `placeholder`: `None` when a theme's words leave the
    /// placeholder out (then the template shows the words as they are).
    pub fn around(&self, key: &str, placeholder: &str) -> Option<Around> {
        let words = self.word(key);
        let (before, after) = words.split_once(placeholder)?;
        Some(Around {
            before: before.to_owned(),
            after: after.to_owned(),
        })
    }

    /// A date in the page's language: "14 March 2025".
    pub fn date(&self, date: Date) -> String {
        long_date(self.strings(), date)
    }

    /// The path of a page of the site in this page's language.
    pub fn path(&self, target: Target<'_>) -> String {
        self.site.plan.routes.path(target, self.page.language)
    }

    /// A link from this page to another page of the site in its language.
    pub fn href(&self, target: Target<'_>) -> String {
        self.href_to(&self.path(target))
    }

    pub fn href_to(&self, path: &str) -> String {
        match self.link_base {
            Some(base) => format!("{base}{path}"),
            None => relative(&self.page.path, path),
        }
    }

    /// The report's language, when this page is in another.
    pub fn report_lang(&self) -> Option<&'a str> {
        let plan = self.site.plan;
        (self.page.language != crate::plan::languages::DEFAULT).then(|| {
            plan.languages
                .get(crate::plan::languages::DEFAULT)
                .tag
                .as_str()
        })
    }

    /// A page of the report (free page or story) in this page's language where it has one:
    /// its path, and its language's tag when that is not the page's.
    pub fn item(&self, collection: Collection, slug: &str) -> Option<(String, Option<String>)> {
        item(self.site.plan, collection, slug, self.page.language)
    }

    pub fn frame(&self, heading: Heading<'_>) -> Frame<'a> {
        let site = &self.site.plan.content.site;
        let path = self.page.path.as_str();
        let link = |label: String, to: &str| Link {
            current: to == path,
            href: self.href_to(to),
            label,
            lang: None,
        };
        let section = match self.page.kind {
            PageKind::Story(_) => self.path(Target::StoryList),
            PageKind::EntryStatus(_) | PageKind::EntryTheme(_) | PageKind::Entry(_) => {
                self.path(Target::Tracker)
            }
            PageKind::Cycle(_) | PageKind::Rating(..) => self.path(Target::Assessment),
            _ => path.to_owned(),
        };
        let every_page = &self.site.every_page[self.page.language];
        let updated = match &self.page.kind {
            crate::plan::pages::PageKind::Story(slug) => self.site.plan.story(slug).map(|s| s.date),
            // An entry was last updated by its latest update, or when it was said or done.
            crate::plan::pages::PageKind::Entry(slug) => {
                self.site.plan.tracker.entry(slug).map(|e| {
                    e.updates
                        .iter()
                        .map(|u| u.date.value)
                        .chain([e.said_date])
                        .chain(e.completed_date)
                        .max()
                        .unwrap_or(e.said_date)
                })
            }
            _ => None,
        }
        .unwrap_or(self.site.plan.today);
        let breadcrumbs = heading
            .trail
            .iter()
            .map(|target| Link {
                // A cycle's title is the report's words; the other steps are the theme's.
                lang: (self.report_lang())
                    .filter(|_| matches!(target, Target::Cycle(_)))
                    .map(str::to_owned),
                ..link(self.trail_label(*target), &self.path(*target))
            })
            .collect();
        let root = self.link_base.map_or_else(|| root_of(path), str::to_owned);
        let document_title = if self.page.kind == crate::plan::pages::PageKind::Home {
            site.title.clone()
        } else {
            format!("{} – {}", heading.title, site.title)
        };
        let canonical = self.site.plan.address(path);
        let alternates: Vec<Alternate> = self
            .page
            .alternates
            .iter()
            .map(|(language, to)| Alternate {
                lang: self.site.plan.languages.get(*language).tag.clone(),
                href: self.href_to(to),
                head_href: self
                    .site
                    .plan
                    .address(to)
                    .unwrap_or_else(|| self.href_to(to)),
                label: self.site.every_page[*language].language_name.clone(),
            })
            .collect();
        // The page's own versions as above; the other language's home page where it has none.
        let language_links = (self.site.plan.languages.indices())
            .filter(|language| *language != self.page.language)
            .map(|language| {
                let lang = &self.site.plan.languages.get(language).tag;
                (alternates.iter().find(|a| &a.lang == lang).cloned()).unwrap_or_else(|| {
                    let home = self.href_to(&self.site.plan.routes.path(Target::Home, language));
                    let words = &self.site.words[language].strings;
                    let name = &self.site.every_page[language].language_name;
                    Alternate {
                        lang: lang.clone(),
                        head_href: home.clone(),
                        href: home,
                        label: format!("{name} ({})", word(words, "language_switch_home")),
                    }
                })
            })
            .collect();
        let feeds = (every_page.feeds.iter())
            .map(|feed| FeedLink {
                href: self.href_to(&feed.href),
                ..feed.clone()
            })
            .collect();
        let [extra_styles, site_has_icon] =
            linked_from_every_head(self.site.theme, self.site.plan.content);
        let lang = &self.site.plan.languages.get(self.page.language).tag;
        Frame {
            lang,
            report_lang: self.report_lang(),
            site_title: &site.title,
            organisation: &site.organisation,
            contact_email: &site.contact_email,
            contact_email_wrapping: every_page.contact_email_wrapping.clone(),
            updated: self.date(updated),
            assets: format!("{root}assets/"),
            root,
            home_href: self.href(Target::Home),
            stories_href: self.href(Target::StoryList),
            nav: every_page.nav.clone(),
            footer_links: every_page.footer.clone(),
            page_path: path.to_owned(),
            section,
            breadcrumbs,
            title: heading.title,
            document_title,
            description: heading.description,
            canonical,
            inline_styles: String::new(),
            inline_script: String::new(),
            extra_styles,
            alternates,
            language_links,
            feeds,
            og_type: if matches!(self.page.kind, crate::plan::pages::PageKind::Story(_)) {
                "article"
            } else {
                "website"
            },
            og_locale: every_page.og_locale.clone(),
            icon: site_has_icon.then(|| self.href_to(ICON)),
        }
    }

    /// The frameworks' names are English: the language to mark them with on a page in another.
    pub fn frameworks_lang(&self) -> Option<&'static str> {
        (self.site.plan.languages.get(self.page.language).key != "en").then_some("en")
    }

    /// A framework theme's name, or its id where the frameworks do not know it.
    pub fn theme_name(&self, id: &str) -> String {
        self.site
            .frameworks
            .theme(id)
            .map_or_else(|| id.to_owned(), |t| t.name.clone())
    }

    /// A free page's title in this page's language, or in the report's.
    pub fn title_of_page(&self, slug: &str, original: &str) -> String {
        title_of_page(self.site.plan, slug, original, self.page.language)
    }

    fn trail_label(&self, target: Target<'_>) -> String {
        match target {
            Target::StoryList => self.word("nav_stories"),
            Target::Tracker => self.word("nav_tracker"),
            Target::Assessment => self.word("nav_assessment"),
            Target::Cycle(slug) => self
                .site
                .plan
                .assessment
                .cycle(slug)
                .map_or_else(|| slug.to_owned(), |(_, c)| c.cycle.title.clone()),
            _ => self.word("nav_home"),
        }
    }

    /// The frame of a page Chorus makes itself, one level below home, whose title and
    /// description are the theme's words `<key>_title` and `<key>_description`.
    pub fn own_page(&self, key: &str) -> Frame<'a> {
        self.frame(Heading {
            title: self.word(&format!("{key}_title")),
            description: self.word(&format!("{key}_description")),
            trail: vec![Target::Home],
        })
    }
}

/// A page of the report (free page or story) in `language` where it has one: its path, and
/// its language's tag when that is not `language`.
fn item(
    plan: &Plan<'_>,
    collection: Collection,
    slug: &str,
    language: usize,
) -> Option<(String, Option<String>)> {
    let (path, found) = plan.routes.page_of(collection, slug, language)?;
    let lang = (found != language).then(|| plan.languages.get(found).tag.clone());
    Some((path, lang))
}

/// A free page's title in `language`, or in the report's.
fn title_of_page(plan: &Plan<'_>, slug: &str, original: &str, language: usize) -> String {
    plan.translation(Collection::Pages, slug, language)
        .and_then(|t| t.title.as_ref())
        .map_or_else(|| original.to_owned(), |t| t.value.clone())
}

/// The free page the footer links to on every page: `pages/privacy.md`.
const PRIVACY: &str = "privacy";

/// An email address as escaped HTML with a `<wbr>` after its `@` and before each `.`: the
/// places it may wrap on a narrow screen, without breaking a word.
fn wrapping_email(email: &str) -> String {
    let escaped = html_escape::encode_text(email);
    escaped.replace('@', "@<wbr>").replace('.', "<wbr>.")
}

pub fn word(strings: &Strings, key: &str) -> String {
    strings
        .get(key)
        .and_then(|v| v.as_str())
        .map_or_else(|| key.to_owned(), str::to_owned)
}

pub fn long_date(strings: &Strings, date: Date) -> String {
    let month = strings
        .get("months")
        .and_then(|m| m.as_array())
        .and_then(|months| months.get(date.month() as usize - 1))
        .and_then(|m| m.as_str())
        .map_or_else(|| date.strftime("%B").to_string(), str::to_owned);
    format!("{} {} {}", date.day(), month, date.year())
}
