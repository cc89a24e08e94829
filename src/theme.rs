//! The built-in theme, embedded in the binary so `chorus` works from any folder, and a report's
//! own overrides from `themes/<name>/` beside its `content/`.

use crate::diagnostics::Diagnostic;
use crate::report_files::{READ_LIMIT, Refusal, ReportFiles, Skipped};
use crate::rules;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;

static BUILT_IN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The theme's files by path inside the theme: `templates/base.html`, `static/style.css`,
/// `i18n/en.toml`.
#[derive(Debug, Clone)]
pub struct Theme {
    files: BTreeMap<String, Vec<u8>>,
    /// The report's own `i18n/*.toml`, laid over the built-in words key by key, so a report
    /// can change one word without copying them all.
    own_words: BTreeMap<String, Vec<u8>>,
    /// How messages name the report's theme folder: `themes/default`.
    own_folder: String,
    /// The files the report's own folder gave (not the i18n words), by path inside the theme.
    own_files: std::collections::BTreeSet<String>,
}

/// Every word the theme prints, in one language, with English filling any gap.
pub type Strings = toml::Table;

impl Theme {
    pub fn built_in() -> Theme {
        let mut files = BTreeMap::new();
        collect(&BUILT_IN, &mut files);
        Theme {
            files,
            own_words: BTreeMap::new(),
            own_folder: String::new(),
            own_files: Default::default(),
        }
    }

    /// The built-in theme with the report's `themes/<name>/` files laid over it. Whatever
    /// `name` is, nothing outside `themes/` is read: a name that is not one plain folder name
    /// is refused, and every file is read through `ReportFiles`.
    pub fn load(root: &Path, name: &str) -> (Theme, Vec<Diagnostic>) {
        let mut theme = Theme::built_in();
        if !is_theme_name(name) {
            return (theme, vec![not_a_theme_name("content/site.toml")]);
        }
        theme.own_folder = format!("themes/{name}");
        let mut problems = Vec::new();
        // A report folder that can't be opened is reported by the load stage.
        let Ok(files) = ReportFiles::new(root) else {
            return (theme, problems);
        };
        let walk = match files.walk(&theme.own_folder, true) {
            Ok(walk) => walk,
            Err(Refusal::Missing | Refusal::NotAFile) => {
                if name != "default" {
                    problems.push(
                        Diagnostic::error(rules::THEME_MISSING,
                            "content/site.toml",
                            format!("The theme \"{name}\" is not in the themes folder."),
                        )
                        .help(format!("Create themes/{name}/ beside the content folder, or remove the theme setting to use the built-in theme.")),
                    );
                }
                return (theme, problems);
            }
            Err(refusal) => {
                let mut problem = refusal.diagnostic(&theme.own_folder);
                problem.severity = crate::diagnostics::Severity::Error;
                problems.push(problem);
                return (theme, problems);
            }
        };
        problems.extend(walk.skipped.iter().map(Skipped::diagnostic));
        let prefix = format!("{}/", theme.own_folder);
        for found in walk.files {
            let Some(key) = found.name.strip_prefix(&prefix).map(str::to_owned) else {
                continue;
            };
            match files.read(&found.name, READ_LIMIT) {
                Ok(bytes) if key.starts_with("i18n/") => {
                    theme.own_words.insert(key, bytes);
                }
                Ok(bytes) => {
                    // The repository's own themes/default/ is the built-in theme itself.
                    let same = theme
                        .files
                        .get(&key)
                        .is_some_and(|built_in| *built_in == bytes);
                    if key == "static/style.css" && !same {
                        problems.push(
                            Diagnostic::warning(rules::STYLESHEET_REPLACED,
                                &found.name,
                                "This file replaces the built-in theme's whole stylesheet, so the site gets none of the built-in styles, and none of their fixes in later versions of Chorus.",
                            )
                            .help(format!("To add your own styles, or change some, put only those rules in {}/static/extra.css, which is read after the built-in stylesheet, and delete this file. Brand colours go in site.toml, under [brand].", theme.own_folder)),
                        );
                    }
                    if !same {
                        theme.own_files.insert(key.clone());
                    }
                    theme.files.insert(key, bytes);
                }
                Err(refusal) => problems.push(refusal.diagnostic(&found.name)),
            }
        }
        (theme, problems)
    }

    /// Templates by name (`base.html`), with the path to name in messages.
    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(path, bytes)| {
            path.strip_prefix("templates/")
                .map(|name| (name, bytes.as_slice()))
        })
    }

    /// How messages name a file of the theme: the report's own `themes/<name>/templates/x.html`
    /// when the report gave it, else the built-in theme's.
    pub fn shown_path(&self, path: &str) -> String {
        if self.own_files.contains(path) {
            format!("{}/{path}", self.own_folder)
        } else {
            format!("the built-in theme's {path}")
        }
    }

    /// Whether the report's own theme folder gave this file.
    pub fn is_own(&self, path: &str) -> bool {
        self.own_files.contains(path)
    }

    /// What every page is made with: the templates and the words, the built-in theme's and the
    /// report's own, by path (the report's own words after `own/`). A preview compares these
    /// to know when every page must be made again.
    pub fn page_files(&self) -> impl Iterator<Item = (String, &[u8])> {
        let built_in = self
            .files
            .iter()
            .filter(|(path, _)| !path.starts_with("static/"))
            .map(|(path, bytes)| (path.clone(), bytes.as_slice()));
        let own = self
            .own_words
            .iter()
            .map(|(path, bytes)| (format!("own/{path}"), bytes.as_slice()));
        built_in.chain(own)
    }

    /// Files copied to the site's `assets/` folder, by their path inside it.
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(path, bytes)| {
            path.strip_prefix("static/")
                .map(|name| (name, bytes.as_slice()))
        })
    }

    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// The languages the theme has words for, built-in or the report's own, as a message
    /// names them: `"cy" or "en"`.
    fn languages_with_words(&self) -> String {
        let codes: std::collections::BTreeSet<String> = (self.files.keys())
            .chain(self.own_words.keys())
            .filter_map(|path| path.strip_prefix("i18n/")?.strip_suffix(".toml"))
            .map(|code| format!("\"{code}\""))
            .collect();
        let codes: Vec<String> = codes.into_iter().collect();
        match codes.as_slice() {
            [rest @ .., last] if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => codes.concat(),
        }
    }

    /// The theme's words for a BCP 47 language (`en-GB`, `cy`): English first, then the
    /// language, each built-in and then the report's own, so any gap is filled in English.
    /// Each word the language lacks is named in a warning.
    pub fn strings(&self, language: &str) -> Result<(Strings, Vec<Diagnostic>), Diagnostic> {
        let primary = crate::content::site::primary_subtag(language);
        let mut english = Strings::new();
        let mut own_language = Strings::new();
        let mut found_language = primary == "en";
        for code in ["en", primary.as_str()] {
            let path = format!("i18n/{code}.toml");
            let built_in = self
                .files
                .get(&path)
                .map(|b| (b, format!("the built-in theme's {path}")));
            let own = self
                .own_words
                .get(&path)
                .map(|b| (b, format!("{}/{path}", self.own_folder)));
            for (bytes, name) in built_in.into_iter().chain(own) {
                let words = read_words(bytes, &name)?;
                if code == "en" {
                    english.extend(words);
                } else {
                    own_language.extend(words);
                }
                found_language |= code == primary;
            }
        }
        if !found_language {
            return Err(Diagnostic::error(rules::THEME_LANGUAGE_MISSING,
                "content/site.toml",
                format!("The theme has no words for the language \"{language}\"."),
            )
            .help(format!("Add {}/i18n/{primary}.toml with every word of the built-in i18n/en.toml translated, or name a language the theme has words for: {}.", self.own_folder_or_default(), self.languages_with_words())));
        }
        let mut problems = Vec::new();
        if primary != "en" {
            let missing: Vec<&str> = english
                .keys()
                .filter(|key| !own_language.contains_key(*key))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                let name = crate::plan::languages::english_name(&primary);
                problems.push(
                    Diagnostic::warning(
                        rules::THEME_WORDS_MISSING,
                        format!("{}/i18n/{primary}.toml", self.own_folder_or_default()),
                        format!(
                            "The theme has no {name} for {}, so {} shown in English: {}.",
                            crate::diagnostics::count_words(missing.len(), "word"),
                            if missing.len() == 1 {
                                "it is"
                            } else {
                                "they are"
                            },
                            first_and_more(&missing)
                        ),
                    )
                    .help(format!(
                        "Add each of them to {}/i18n/{primary}.toml, in {name}.",
                        self.own_folder_or_default()
                    )),
                );
            }
        }
        english.extend(own_language);
        Ok((english, problems))
    }

    fn own_folder_or_default(&self) -> &str {
        if self.own_folder.is_empty() {
            "themes/default"
        } else {
            &self.own_folder
        }
    }
}

/// A theme is one folder directly inside `themes/`: its name is one plain folder name, so it can
/// lead nowhere else (no `/`, `\`, `..` or drive, nothing hidden).
pub fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The message for a `theme` setting that is not one folder name.
pub fn not_a_theme_name(file: &str) -> Diagnostic {
    Diagnostic::error(rules::THEME_NAME_INVALID,
        file,
        "The theme setting can only be the name of one folder inside themes/.",
    )
    .help("Write just the folder's name, with letters, digits, - and _: for themes/our-council/ write theme = \"our-council\". Or remove the setting to use the built-in theme.")
}

/// "a, b, c and 12 more": the first ten names of a long list, so a message stays short.
fn first_and_more(names: &[&str]) -> String {
    const SHOWN: usize = 10;
    let first = names[..names.len().min(SHOWN)].join(", ");
    match names.len().saturating_sub(SHOWN) {
        0 => first,
        more => format!("{first} and {more} more"),
    }
}

fn read_words(bytes: &[u8], name: &str) -> Result<Strings, Diagnostic> {
    let text = String::from_utf8_lossy(bytes);
    toml::from_str(&text).map_err(|error| {
        Diagnostic::error(
            rules::THEME_WORDS_UNREADABLE,
            name,
            "Chorus can't read the theme's words in this file.",
        )
        .help(format!(
            "Check the file's quotation marks and = signs. (The TOML reader said: {})",
            error.message()
        ))
    })
}

fn collect(dir: &Dir<'_>, files: &mut BTreeMap<String, Vec<u8>>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        files.insert(path, file.contents().to_vec());
    }
    for sub in dir.dirs() {
        collect(sub, files);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_has_templates_styles_and_words_in_english_and_welsh() {
        let theme = Theme::built_in();
        assert!(theme.templates().any(|(name, _)| name == "base.html"));
        assert!(theme.static_files().any(|(name, _)| name == "style.css"));
        let (english, problems) = theme.strings("en-GB").unwrap();
        assert!(problems.is_empty());
        let (welsh, problems) = theme.strings("cy").unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let own_welsh = read_words(theme.file("i18n/cy.toml").unwrap(), "cy.toml").unwrap();
        for key in english.keys() {
            assert!(own_welsh.contains_key(key), "cy.toml lacks {key}");
            assert!(welsh.contains_key(key));
        }
    }

    #[test]
    fn the_theme_words_use_typographic_apostrophes() {
        let theme = Theme::built_in();
        for language in ["en-GB", "cy"] {
            let (words, _) = theme.strings(language).unwrap();
            for (key, value) in &words {
                if let Some(text) = value.as_str() {
                    assert!(!text.contains('\''), "{language} {key}: {text}");
                }
            }
        }
    }

    #[test]
    fn a_theme_never_leaves_the_themes_folder_whatever_its_name() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        for folder in ["content", "themes", "private/static", "themes/ours/static"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        std::fs::write(root.join("private/static/register.css"), "secret").unwrap();
        std::fs::write(root.join("themes/ours/static/ours.css"), "ours").unwrap();
        let absolute = root.join("private");
        for name in [
            "../private",
            "/usr",
            absolute.to_str().unwrap(),
            "ours/..",
            "",
            "a\\b",
        ] {
            let (theme, problems) = Theme::load(root, name);
            assert!(
                theme.static_files().all(|(file, _)| file != "register.css"),
                "{name}"
            );
            assert_eq!(problems, [not_a_theme_name("content/site.toml")], "{name}");
        }
        let (theme, problems) = Theme::load(root, "ours");
        assert!(problems.is_empty());
        assert_eq!(theme.file("static/ours.css"), Some(&b"ours"[..]));

        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("../private", root.join("themes/linked")).unwrap();
            let (theme, problems) = Theme::load(root, "linked");
            assert!(theme.static_files().all(|(file, _)| file != "register.css"));
            assert_eq!(problems.len(), 1);
            assert!(problems[0].is_error());
            assert!(
                problems[0]
                    .message
                    .starts_with("This is a link into the private/ folder")
            );
        }
    }
}
