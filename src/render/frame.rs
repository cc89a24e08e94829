//! What every page shares: the site's name, the theme's words, navigation, and the links that
//! lead out of the page, all made relative to the page's own path.

use super::routes;
use crate::content::Content;
use crate::theme::Strings;
use jiff::civil::Date;
use serde::Serialize;
use tera::Context;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
    pub current: bool,
    /// The label's language, when it differs from the page's.
    pub lang: Option<String>,
}

/// Everything a page's frame needs, made once per build.
pub struct Frame<'a> {
    pub content: &'a Content,
    /// The language of the pages made with this frame (BCP 47), and the theme's words in it.
    pub language: &'a str,
    pub strings: &'a Strings,
    /// Free pages marked `navigation = true`, in order: (label, path).
    pub nav_pages: Vec<(String, String)>,
}

impl<'a> Frame<'a> {
    /// The same frame in another language, with the theme's words in it.
    pub fn in_language(&self, language: &'a str, strings: &'a Strings) -> Frame<'a> {
        Frame {
            content: self.content,
            language,
            strings,
            nav_pages: self.nav_pages.clone(),
        }
    }
}

/// One page about to be rendered: its path, template and the words for its heading.
pub struct PageMeta<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// The trail above the page, from the home page down (not including the page).
    pub trail: Vec<(String, String)>,
    /// Links go from this full address instead of being relative (the 404 page, when known).
    pub link_base: Option<&'a str>,
}

impl Frame<'_> {
    pub fn word(&self, key: &str) -> String {
        word(self.strings, key)
    }

    /// A context holding the frame, ready for the page's own values.
    pub fn context(&self, meta: &PageMeta<'_>) -> Context {
        let site = &self.content.site;
        let path = meta.path;
        let href = |to: &str| match meta.link_base {
            Some(base) => format!("{base}{to}"),
            None => routes::relative(path, to),
        };
        // Words from the report are in its language; on a translated page they say so.
        let report_lang = (self.language != site.language).then(|| site.language.clone());
        let link = |label: String, to: &str| Link {
            current: to == path,
            href: href(to),
            label,
            lang: None,
        };
        let mut nav = vec![
            link(self.word("nav_home"), routes::HOME),
            link(self.word("nav_stories"), routes::STORIES),
        ];
        nav.extend(self.nav_pages.iter().map(|(label, to)| Link {
            lang: report_lang.clone(),
            ..link(label.clone(), to)
        }));
        // A story is part of the stories section, so its nav link is marked too.
        if path.starts_with("stories/") {
            nav[1].current = true;
        }
        let footer = vec![
            link(self.word("footer_accessibility"), routes::ACCESSIBILITY),
            link(self.word("footer_site_map"), routes::SITE_MAP),
        ];
        let breadcrumbs: Vec<Link> = meta
            .trail
            .iter()
            .map(|(label, to)| link(label.clone(), to))
            .collect();
        let root = meta
            .link_base
            .map_or_else(|| routes::root_of(path), str::to_owned);
        let document_title = if path == routes::HOME {
            site.title.clone()
        } else {
            format!("{} – {}", meta.title, site.title)
        };

        let mut context = Context::new();
        context.insert("lang", self.language);
        context.insert("report_lang", &report_lang);
        context.insert("site_title", &site.title);
        context.insert("organisation", &site.organisation);
        context.insert("contact_email", &site.contact_email);
        context.insert("t", self.strings);
        context.insert("root", &root);
        context.insert("assets", &format!("{root}assets/"));
        context.insert("home_href", &href(routes::HOME));
        context.insert("nav", &nav);
        context.insert("footer_links", &footer);
        context.insert("breadcrumbs", &breadcrumbs);
        context.insert("title", meta.title);
        context.insert("document_title", &document_title);
        context.insert("description", meta.description);
        context.insert("stories_href", &href(routes::STORIES));
        let canonical = site.base_url.as_ref().map(|base| {
            if path == routes::HOME {
                base.clone()
            } else {
                format!("{base}{path}")
            }
        });
        context.insert("canonical", &canonical);
        context.insert("inline_styles", "");
        context
    }

    /// The frame of a page Chorus makes itself, one level below home, whose title and
    /// description are the theme's words `<key>_title` and `<key>_description`.
    pub fn own_page(&self, path: &str, key: &str) -> Context {
        let title = self.word(&format!("{key}_title"));
        let description = self.word(&format!("{key}_description"));
        self.context(&PageMeta {
            path,
            title: &title,
            description: &description,
            trail: vec![(self.word("nav_home"), routes::HOME.to_owned())],
            link_base: None,
        })
    }

    /// A date in the site's language: "14 March 2025".
    pub fn date(&self, date: Date) -> String {
        long_date(self.strings, date)
    }
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
