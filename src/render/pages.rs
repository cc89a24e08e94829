//! The home page, free pages, the accessibility statement, the site map and the 404 page.

use super::frame::{Link, PageMeta, long_date};
use super::stories::card;
use super::{Job, Site, routes};
use crate::content::site::Compliance;
use crate::diagnostics::Diagnostic;
use crate::markdown::{Markdown, Origin};
use serde::Serialize;

/// How many stories the home page shows.
const LATEST_STORIES: usize = 3;

pub fn home(site: &Site<'_>, problems: &mut Vec<Diagnostic>) -> Vec<Job> {
    let path = routes::HOME;
    let content = site.frame.content;
    let title = content
        .home
        .as_ref()
        .map(|h| h.title.clone())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| content.site.title.clone());
    let description = content
        .home
        .as_ref()
        .and_then(|h| h.summary.clone())
        .unwrap_or_else(|| format!("{} – {}", content.site.title, content.site.organisation));
    let meta = PageMeta {
        path,
        title: &title,
        description: &description,
        trail: Vec::new(),
        link_base: None,
    };
    let mut context = site.frame.context(&meta);
    let intro = content
        .home
        .as_ref()
        .map(|home| site.markdown(&home.document, path, problems));
    context.insert("intro", &intro);
    if let Some(co) = &content.site.co_production {
        let description = co.description.as_ref().map(|d| {
            let markdown = Markdown {
                text: &d.value,
                origin: Origin::Setting {
                    file: "content/site.toml",
                    location: d.location.clone(),
                },
            };
            site.markdown_html(&markdown, path, problems)
        });
        context.insert("group", &co.group);
        context.insert("group_description", &description);
        let step = co
            .ladder_step
            .map(|s| site.frame.word(&format!("ladder_{}", s.id())));
        context.insert("ladder_step", &step);
    }
    let latest: Vec<_> = site
        .stories
        .iter()
        .take(LATEST_STORIES)
        .map(|s| card(site, s, path))
        .collect();
    context.insert("latest_stories", &latest);
    context.insert("story_count", &site.stories.len());
    context.insert("stories_href", &routes::relative(path, routes::STORIES));
    vec![Job {
        path: path.to_owned(),
        template: "home.html",
        context,
    }]
}

pub fn free(site: &Site<'_>, problems: &mut Vec<Diagnostic>) -> Vec<Job> {
    site.pages
        .iter()
        .map(|page| {
            let path = routes::page(&page.document.slug);
            let body = site.markdown(&page.document, &path, problems);
            let description = page.summary.clone().unwrap_or_default();
            let meta = PageMeta {
                path: &path,
                title: &page.title,
                description: &description,
                trail: vec![(site.frame.word("nav_home"), routes::HOME.to_owned())],
                link_base: None,
            };
            let mut context = site.frame.context(&meta);
            context.insert("body", &body);
            Job {
                path,
                template: "page.html",
                context,
            }
        })
        .collect()
}

#[derive(Serialize)]
struct KnownIssue {
    issue: String,
    criterion: Option<String>,
    fix_by: Option<String>,
}

pub fn accessibility(site: &Site<'_>) -> Job {
    let path = routes::ACCESSIBILITY;
    let content = site.frame.content;
    let statement = &content.site.accessibility;
    let mut context = site.frame.own_page(path, "a11y");
    let compliance = match statement.compliance {
        Compliance::Full => "full",
        Compliance::Partial => "partial",
        Compliance::Not => "not",
    };
    context.insert("compliance", compliance);
    let strings = site.strings();
    let issues: Vec<KnownIssue> = statement
        .known_issues
        .iter()
        .map(|i| KnownIssue {
            issue: i.issue.clone(),
            criterion: i.criterion.clone(),
            fix_by: i.fix_by.map(|d| long_date(strings, d)),
        })
        .collect();
    context.insert("known_issues", &issues);
    context.insert(
        "prepared",
        &statement.prepared.map(|d| long_date(strings, d)),
    );
    context.insert(
        "last_reviewed",
        &statement.last_reviewed.map(|d| long_date(strings, d)),
    );
    context.insert("tested_by", &statement.tested_by);
    Job {
        path: path.to_owned(),
        template: "accessibility.html",
        context,
    }
}

pub fn site_map(site: &Site<'_>) -> Job {
    let path = routes::SITE_MAP;
    let mut context = site.frame.own_page(path, "site_map");
    let link = |label: String, to: &str| Link {
        label,
        href: routes::relative(path, to),
        current: to == path,
        lang: None,
    };
    let stories: Vec<Link> = site
        .stories
        .iter()
        .map(|s| link(s.title.value.clone(), &routes::story(&s.document.slug)))
        .collect();
    let pages: Vec<Link> = site
        .pages
        .iter()
        .map(|p| link(p.title.clone(), &routes::page(&p.document.slug)))
        .collect();
    let translations: Vec<Link> = site
        .translations
        .iter()
        .map(|s| link(s.title.value.clone(), &routes::story(&s.document.id())))
        .collect();
    context.insert("translation_links", &translations);
    context.insert(
        "home_link",
        &link(site.frame.word("nav_home"), routes::HOME),
    );
    context.insert(
        "stories_link",
        &link(site.frame.word("nav_stories"), routes::STORIES),
    );
    context.insert("story_links", &stories);
    context.insert("page_links", &pages);
    context.insert(
        "accessibility_link",
        &link(site.frame.word("a11y_title"), routes::ACCESSIBILITY),
    );
    Job {
        path: path.to_owned(),
        template: "site-map.html",
        context,
    }
}

/// Hosts show the 404 page at whatever address was asked for, so relative links and the
/// stylesheet could point anywhere. Its links go from the site's address when `base_url` is
/// set (otherwise from the root), and its styles are inlined so it always looks right.
pub fn not_found(site: &Site<'_>) -> Job {
    let path = routes::NOT_FOUND;
    let title = site.frame.word("not_found_title");
    let description = site.frame.word("not_found_description");
    let meta = PageMeta {
        path,
        title: &title,
        description: &description,
        trail: Vec::new(),
        link_base: site.frame.content.site.base_url.as_deref(),
    };
    let mut context = site.frame.context(&meta);
    let styles = site.theme_file("static/style.css");
    context.insert("inline_styles", &styles);
    Job {
        path: path.to_owned(),
        template: "404.html",
        context,
    }
}
