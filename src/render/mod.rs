//! The render stage: the model becomes an `Output` (every page and file, in memory).
//! Markdown is made safe here, so its findings come back with the output.

pub mod frame;
mod media;
mod pages;
pub mod routes;
mod stories;

use crate::consent;
use crate::content::Content;
use crate::content::story::Story;
use crate::diagnostics::Diagnostic;
use crate::framework::Frameworks;
use crate::markdown::{self, Markdown, Origin, Target};
use crate::output::Output;
use crate::theme::{Strings, Theme};
use frame::Frame;
use jiff::civil::Date;
use rayon::prelude::*;
use routes::Links;
use tera::{Context, Tera};

/// What the render stage needs beyond the content.
pub struct Inputs<'a> {
    pub content: &'a Content,
    pub theme: &'a Theme,
    pub frameworks: &'a Frameworks,
    pub today: Date,
}

/// One page to render: where it goes, with which template, and its values.
pub struct Job {
    pub path: String,
    pub template: &'static str,
    pub context: Context,
}

pub fn render(inputs: &Inputs<'_>) -> (Output, Vec<Diagnostic>) {
    let content = inputs.content;
    let mut problems = Vec::new();
    let strings = match inputs.theme.strings(&content.site.language) {
        Ok(strings) => strings,
        Err(problem) => return (Output::default(), vec![problem]),
    };
    let tera = match templates(inputs.theme) {
        Ok(tera) => tera,
        Err(problem) => return (Output::default(), vec![problem]),
    };

    let decisions = consent::Context {
        today: inputs.today,
        stories: &content.stories,
        languages: &content.site.languages,
    };
    let (translations, mut published): (Vec<&Story>, Vec<&Story>) = content
        .stories
        .iter()
        .filter(|s| consent::is_published(s, &decisions))
        .partition(|s| s.document.translation.is_some());
    published.sort_by(|a, b| b.date.cmp(&a.date).then(a.title.value.cmp(&b.title.value)));

    let every_published: Vec<&Story> = published.iter().chain(&translations).copied().collect();
    let (media, media_problems) = media::published_media(content, &every_published);
    problems.extend(media_problems);
    let links = Links {
        published_stories: every_published.iter().map(|s| s.document.id()).collect(),
        all_stories: content.stories.iter().map(|s| s.document.id()).collect(),
        pages: content
            .pages
            .iter()
            .map(|p| p.document.slug.clone())
            .collect(),
        media: media.iter().map(|m| m.path.clone()).collect(),
    };

    let mut free_pages: Vec<_> = content.pages.iter().collect();
    free_pages.sort_by(|a, b| a.order.cmp(&b.order).then(a.title.cmp(&b.title)));
    let nav_pages = free_pages
        .iter()
        .filter(|p| p.navigation)
        .map(|p| (p.title.clone(), routes::page(&p.document.slug)))
        .collect();
    let frame = Frame {
        content,
        language: &content.site.language,
        strings: &strings,
        nav_pages,
    };
    let site = Site {
        frame: &frame,
        links: &links,
        frameworks: inputs.frameworks,
        stories: &published,
        translations: &translations,
        pages: &free_pages,
        theme: inputs.theme,
    };

    let mut jobs = Vec::new();
    jobs.extend(pages::home(&site, &mut problems));
    jobs.extend(stories::list(&site));
    match stories::each_with_translations(&site, &mut problems) {
        Ok(story_jobs) => jobs.extend(story_jobs),
        Err(problem) => problems.push(problem),
    }
    jobs.extend(pages::free(&site, &mut problems));
    jobs.push(pages::accessibility(&site));
    jobs.push(pages::site_map(&site));
    jobs.push(pages::not_found(&site));

    let rendered: Vec<Result<(String, String), Diagnostic>> = jobs
        .into_par_iter()
        .map(|job| {
            tera.render(job.template, &job.context)
                .map(|html| (job.path, html))
                .map_err(|error| template_problem(job.template, &error))
        })
        .collect();
    let mut output = Output::default();
    for result in rendered {
        match result {
            Ok((path, html)) => output.insert(path, html),
            Err(problem) => problems.push(problem),
        }
    }
    for (name, bytes) in inputs.theme.static_files() {
        output.insert(routes::asset(name), bytes);
    }
    for file in media {
        output.copy(file.path.clone(), file.disk_path.clone());
    }
    (output, problems)
}

/// What the page families share while making their jobs.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    pub frame: &'a Frame<'a>,
    pub links: &'a Links,
    pub frameworks: &'a Frameworks,
    /// Published stories, newest first.
    pub stories: &'a [&'a Story],
    /// Published translations (`stories/<name>.cy.md`).
    pub translations: &'a [&'a Story],
    /// Free pages in their order.
    pub pages: &'a [&'a crate::content::page::Page],
    pub theme: &'a Theme,
}

impl Site<'_> {
    /// A document's markdown as safe HTML for the page at `page_path`; findings go to `problems`.
    pub fn markdown(
        &self,
        document: &crate::content::Document,
        page_path: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> String {
        let markdown = Markdown {
            text: document.body_text(),
            origin: Origin::File {
                file: &document.source,
                base: document.body.start,
            },
        };
        self.markdown_html(&markdown, page_path, problems)
    }

    /// Any markdown as safe HTML for the page at `page_path`.
    pub fn markdown_html(
        &self,
        markdown: &Markdown<'_>,
        page_path: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> String {
        let rendered = markdown::to_html(
            markdown,
            &Target {
                page_path,
                links: self.links,
            },
        );
        problems.extend(rendered.problems);
        rendered.html
    }

    /// A theme file as text, for the pages that carry their styles inline.
    pub fn theme_file(&self, path: &str) -> String {
        self.theme
            .file(path)
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
            .unwrap_or_default()
    }

    pub fn strings(&self) -> &Strings {
        self.frame.strings
    }
}

fn templates(theme: &Theme) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut sources = Vec::new();
    for (name, bytes) in theme.templates() {
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
            Diagnostic::error(
                format!("themes/…/templates/{name}"),
                "This template is not saved as UTF-8 text.",
            )
            .help("Save it again with the encoding UTF-8.")
        })?;
        sources.push((name.to_owned(), text));
    }
    tera.add_raw_templates(sources).map_err(|error| {
        Diagnostic::error("the theme's templates", format!("A template of the theme has a mistake: {error}"))
            .help("If you changed a template in your themes/ folder, check the {% %} and {{ }} tags you changed.")
    })?;
    Ok(tera)
}

fn template_problem(template: &str, error: &tera::Error) -> Diagnostic {
    Diagnostic::error(
        format!("templates/{template}"),
        format!("The theme's template {template} could not make its page: {error}"),
    )
    .help("If you changed this template in your themes/ folder, check the names of the values it uses.")
}
