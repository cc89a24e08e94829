//! A link written as a full address of the site itself, under its `base_url`
//! (`https://voices.example/report/stories/x.html`), read as the page it is: the report file
//! whose page it is (`stories/x.md`), or an entry's page. Such a link is then checked, and made
//! relative, as one written as the file's path is, so that a story whose consent was withdrawn
//! can't be linked to by its address, and the site works in any folder.
//!
//! Only the paths Chorus makes from the report's files are read so. Its own pages (the lists,
//! the accessibility statement, the open data), the files of `content/static/`, and any other
//! path under the address (another site a host keeps beside the report) are left as written.

use super::languages::Languages;
use crate::content::Content;
use crate::content::entries::FOLDER as TRACKER;

/// Every address the site is known by, and what its paths are made of.
#[derive(Debug, Default, Clone, Hash)]
pub struct OwnSite {
    /// Each address, as `host[:port]/path/`, without its scheme: a page is the same page over
    /// `http://` and `https://`.
    bases: Vec<String>,
    /// The key of each language but the default, which is its pages' folder: `cy`.
    language_keys: Vec<String>,
    /// The files of `content/static/`, as the site's root has them.
    root_files: Vec<String>,
}

/// A page of the site that a full address names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnPage {
    /// A report file, as a link from `content/` names it (`stories/x.md`, `stories/x.cy.md`,
    /// `pages/about.md`, `index.md`, `media/plan.pdf`); one with no page is found missing as
    /// such a link is.
    File(String),
    /// A "you said, we did" entry's page: its id in small letters, and the language's key
    /// (`None` for the linking page's language, as a link to a report file goes).
    Entry {
        slug: String,
        language: Option<String>,
    },
}

impl OwnSite {
    pub fn new(content: &Content, languages: &Languages) -> OwnSite {
        OwnSite {
            bases: content
                .site
                .addresses
                .iter()
                .filter_map(|address| without_scheme(address))
                .map(|address| {
                    let address = with_host_in_small_letters(address);
                    if address.ends_with('/') {
                        address
                    } else {
                        format!("{address}/")
                    }
                })
                .collect(),
            language_keys: languages.iter().skip(1).map(|l| l.key.clone()).collect(),
            root_files: content.root_files.iter().map(|f| f.path.clone()).collect(),
        }
    }

    /// The page a full address names, and its `#fragment`; `None` when it is not an address of
    /// this site, or names what is left as written (see the module's note).
    pub fn page(&self, address: &str) -> Option<(OwnPage, Option<String>)> {
        let rest = without_scheme(address)?;
        let (rest, fragment) = match rest.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment.to_owned())),
            None => (rest, None),
        };
        let rest = rest.split('?').next().unwrap_or_default();
        let rest = with_host_in_small_letters(rest);
        let path = self.bases.iter().find_map(|base| {
            rest.strip_prefix(base.as_str())
                .or_else(|| (format!("{rest}/") == *base).then_some(""))
        })?;
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let path = resolved(&path)?;
        if self.root_files.contains(&path) {
            return None;
        }
        self.page_at(&path).map(|page| (page, fragment))
    }

    /// The page at a path from the site's root.
    fn page_at(&self, path: &str) -> Option<OwnPage> {
        let (language, rest) = match path.split_once('/') {
            Some((first, rest)) if self.language_keys.iter().any(|k| k == first) => {
                (Some(first), rest)
            }
            _ if self.language_keys.iter().any(|k| k == path) => (Some(path), ""),
            _ => (None, path),
        };
        let file = |folder: &str, name: &str| match language {
            Some(key) => format!("{folder}{name}.{key}.md"),
            None => format!("{folder}{name}.md"),
        };
        if matches!(rest, "" | "index.html") {
            return Some(OwnPage::File(file("", "index")));
        }
        if let Some(media) = rest.strip_prefix("media/")
            && language.is_none()
        {
            return (!media.is_empty()).then(|| OwnPage::File(rest.to_owned()));
        }
        // A host may serve a page without its `.html`: in Chorus's own folders, nothing else
        // can be there.
        let page_name = |name: &str| match name.strip_suffix(".html") {
            Some(name) => Some(name.to_owned()),
            None if !name.contains('.') => Some(name.to_owned()),
            None => None,
        };
        match rest.split_once('/') {
            Some(("stories", name)) if !name.contains('/') && !name.is_empty() => {
                match page_name(name) {
                    Some(name) if name == "index" => None,
                    Some(name) => Some(OwnPage::File(file("stories/", &name))),
                    // `stories/x.md`: no page, found missing as the file it most likely means.
                    None => Some(OwnPage::File(rest.to_owned())),
                }
            }
            Some((TRACKER, name)) if !name.contains('/') => match page_name(name) {
                Some(name) if name != "index" && !name.is_empty() => Some(OwnPage::Entry {
                    slug: name,
                    language: language.map(str::to_owned),
                }),
                _ => None,
            },
            Some(_) => None,
            // At the root, `content/static/` may have files of any name: only `.html` is a page.
            None => {
                let name = rest.strip_suffix(".html")?;
                (!super::routes::RESERVED_NAMES.contains(&name))
                    .then(|| OwnPage::File(file("pages/", name)))
            }
        }
    }
}

/// An address without `http://` or `https://` (in any letters), or `None` for any other.
fn without_scheme(address: &str) -> Option<&str> {
    let address = address.trim();
    let (scheme, rest) = address.split_once("://")?;
    matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https").then_some(rest)
}

/// `Voices.Example/Report/` → `voices.example/Report/`: a host's name is the same in any
/// letters, and a path is not.
fn with_host_in_small_letters(address: &str) -> String {
    match address.split_once('/') {
        Some((host, path)) => format!("{}/{path}", host.to_lowercase()),
        None => address.to_lowercase(),
    }
}

/// A path from the site's root with `.` and `..` resolved as a browser does; `None` when it
/// goes above the root, where the site is not.
fn resolved(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let path = parts.join("/");
    Some(path.trim_start_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::site::Site;

    fn own(addresses: &[&str]) -> OwnSite {
        let site = Site {
            languages: vec!["en-GB".into(), "cy".into()],
            addresses: addresses.iter().map(|a| a.to_string()).collect(),
            ..Site::default()
        };
        let content = Content {
            site,
            ..Content::default()
        };
        let languages = Languages::of(&content.site);
        OwnSite::new(&content, &languages)
    }

    fn file(path: &str) -> Option<(OwnPage, Option<String>)> {
        Some((OwnPage::File(path.to_owned()), None))
    }

    #[test]
    fn an_address_of_the_site_is_read_as_the_file_whose_page_it_is() {
        let site = own(&["https://voices.example/report/"]);
        for (address, page) in [
            (
                "https://voices.example/report/stories/x.html",
                "stories/x.md",
            ),
            (
                "HTTP://Voices.Example/report/cy/stories/x.html",
                "stories/x.cy.md",
            ),
            ("https://voices.example/report/stories/x", "stories/x.md"),
            ("https://voices.example/report/stories/x.md", "stories/x.md"),
            (
                "https://voices.example/report/about.html?v=2",
                "pages/about.md",
            ),
            (
                "https://voices.example/report/cy/about.html",
                "pages/about.cy.md",
            ),
            ("https://voices.example/report", "index.md"),
            ("https://voices.example/report/", "index.md"),
            ("https://voices.example/report/cy/", "index.cy.md"),
            ("https://voices.example/report/index.html", "index.md"),
            (
                "https://voices.example/report/media/jane%20at%20home.png",
                "media/jane at home.png",
            ),
            (
                "https://voices.example/report/x/../stories/./x.html",
                "stories/x.md",
            ),
        ] {
            assert_eq!(site.page(address), file(page), "{address}");
        }
        assert_eq!(
            site.page("https://voices.example/report/stories/x.html#end"),
            Some((OwnPage::File("stories/x.md".into()), Some("end".into())))
        );
        assert_eq!(
            site.page("https://voices.example/report/cy/you-said-we-did/yswd-1.html"),
            Some((
                OwnPage::Entry {
                    slug: "yswd-1".into(),
                    language: Some("cy".into())
                },
                None
            ))
        );
    }

    #[test]
    fn other_sites_and_chorus_s_own_pages_are_left_as_written() {
        let site = own(&["https://voices.example/report/"]);
        for address in [
            "https://voices.example/other/stories/x.html",
            "https://voices.example/reports/stories/x.html",
            "https://elsewhere.example/report/stories/x.html",
            "mailto:a@voices.example",
            "https://voices.example/report/stories/index.html",
            "https://voices.example/report/stories/",
            "https://voices.example/report/accessibility.html",
            "https://voices.example/report/you-said-we-did/index.html",
            "https://voices.example/report/you-said-we-did/status/done.html",
            "https://voices.example/report/data/stories.csv",
            "https://voices.example/report/robots.txt",
            "https://voices.example/report/old/page.html",
            "https://voices.example/report/../stories/x.html",
        ] {
            assert_eq!(site.page(address), None, "{address}");
        }
        assert_eq!(own(&[]).page("https://voices.example/report/"), None);
    }
}
