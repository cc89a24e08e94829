//! The site's languages: the default one, whose pages sit at the site's root, and each other
//! one, whose pages sit in a folder named by its language (`cy/`).

use crate::content::site::{Site, primary_subtag};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// As `site.toml` writes it (BCP 47): `en-GB`, `cy`. Pages carry it in `lang`.
    pub tag: String,
    /// The primary subtag, lower-cased, as translation file names end: `cy` for `about.cy.md`.
    pub key: String,
    /// The folder of its pages from the site's root: `""` for the default language, `cy/`.
    pub prefix: String,
}

/// The site's languages, the default first. A language is found by its index in this list.
#[derive(Debug, Clone)]
pub struct Languages(Vec<Language>);

pub const DEFAULT: usize = 0;

impl Languages {
    /// `language` is the default; `languages` adds the others, in order, once each.
    pub fn of(site: &Site) -> Languages {
        let mut list = vec![Language {
            tag: site.language.clone(),
            key: primary_subtag(&site.language),
            prefix: String::new(),
        }];
        for tag in &site.languages {
            let key = primary_subtag(tag);
            if list.iter().all(|l| l.key != key) {
                list.push(Language {
                    tag: tag.clone(),
                    prefix: format!("{key}/"),
                    key,
                });
            }
        }
        Languages(list)
    }

    pub fn get(&self, index: usize) -> &Language {
        &self.0[index]
    }

    /// The language a translation file's ending names, if the site lists it.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.0.iter().position(|l| l.key == key)
    }

    pub fn indices(&self) -> std::ops::Range<usize> {
        0..self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Language> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A language's name in English, for messages to the editing group: "Welsh" for `cy`.
/// The languages of the UK and those most often asked for by its councils; any other is named
/// by its code.
pub fn english_name(key: &str) -> String {
    let name = match key {
        "en" => "English",
        "cy" => "Welsh",
        "gd" => "Scottish Gaelic",
        "ga" => "Irish",
        "kw" => "Cornish",
        "pl" => "Polish",
        "ro" => "Romanian",
        "pa" => "Punjabi",
        "ur" => "Urdu",
        "bn" => "Bengali",
        "gu" => "Gujarati",
        "ar" => "Arabic",
        "so" => "Somali",
        "pt" => "Portuguese",
        "es" => "Spanish",
        "fr" => "French",
        "uk" => "Ukrainian",
        _ => return format!("the language \"{key}\""),
    };
    name.to_owned()
}
