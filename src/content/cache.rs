//! What earlier loads of the same report parsed, kept by `chorus serve` between its runs so
//! that a save parses only the files whose bytes changed. Reading a file is cheap; parsing its
//! settings, a spreadsheet or a workbook is not.
//!
//! A file is reused only when its bytes are the very bytes it was parsed from, with the same
//! day and the same settings it was read with; its problems come back with it, so a file with
//! a mistake says so on every run. `chorus build` loads once and starts with an empty cache.

use super::Loaded;
use super::assessment::cycle::Cycle;
use super::entries::entry::Entry;
use super::page::Page;
use super::story::Story;
use crate::diagnostics::Diagnostic;
use crate::report_files::{READ_LIMIT, ReportFiles};
use crate::source::SourceFile;
use jiff::civil::Date;
use std::collections::HashMap;
use std::sync::Arc;

/// Parsed files by their path from `content/`, each with the bytes it was parsed from.
#[derive(Default)]
pub struct Cache {
    /// Whether to keep what is parsed for the next load (the preview). A build loads once,
    /// and keeping would hold a second copy of every story while it renders.
    pub(super) keeps: bool,
    /// What the markdown files were read with: the day, and the language endings a file
    /// name may have. Another empties `home`, `pages` and `stories`.
    markdown_context: Option<(Date, Vec<String>)>,
    pub(super) home: Files<Page>,
    pub(super) pages: Files<Page>,
    pub(super) stories: Files<Story>,
    /// What the data files were read with: the day, and `site.toml`'s workbook sheets as
    /// read (with where, which messages name). Another empties `entries` and `cycles`.
    data_context: Option<(Date, String)>,
    pub(super) entries: HashMap<String, Parsed<Vec<u8>, Read<Entry>>>,
    /// A cycle reads the spreadsheet beside it, so the folder is kept whole: every file's
    /// name and bytes.
    pub(super) cycles: Option<Parsed<FolderBytes, Read<Cycle>>>,
}

/// What reading a data file or folder gave, with its problems.
pub(super) type Read<T> = (Vec<T>, Vec<Diagnostic>);

/// One file's result, with what it was made from.
pub(super) struct Parsed<K, V> {
    pub from: K,
    pub value: V,
}

/// Markdown files, each kept with its text as read.
pub(super) type Files<T> =
    HashMap<String, Parsed<Arc<SourceFile>, Result<Loaded<T>, Vec<Diagnostic>>>>;

/// The files of a folder in name order, each with its bytes.
pub(super) type FolderBytes = Vec<(String, Vec<u8>)>;

impl Cache {
    /// A cache that keeps what each load parsed, for the next.
    pub fn kept() -> Cache {
        Cache {
            keeps: true,
            ..Cache::default()
        }
    }

    /// Forgets the markdown read on another day or with other languages.
    pub(super) fn markdown_read_with(&mut self, today: Date, languages: &[String]) {
        let context = Some((today, languages.to_vec()));
        if self.markdown_context != context {
            self.home.clear();
            self.pages.clear();
            self.stories.clear();
            self.markdown_context = context;
        }
    }

    /// Forgets the data files read on another day or with other sheets.
    pub(super) fn data_read_with(&mut self, today: Date, sheets: &impl std::fmt::Debug) {
        let context = Some((today, format!("{sheets:?}")));
        if self.data_context != context {
            self.entries.clear();
            self.cycles = None;
            self.data_context = context;
        }
    }
}

/// A file's bytes from `content/`, or `None` when it can't be read (the reader that parses it
/// then says why, and nothing is kept).
pub(super) fn bytes_of(files: &ReportFiles, name: &str) -> Option<Vec<u8>> {
    files.read(&format!("content/{name}"), READ_LIMIT).ok()
}

/// Each of `names` (paths from `content/`) parsed with `parse`, in parallel, or given again as
/// `kept` has it when its bytes are those it was parsed from. When it `keeps`, `kept` is left
/// holding what was parsed of every file whose bytes could be read; when it does not (a
/// build), the files are only parsed, not also read for their bytes.
pub(super) fn parse_files<V: Clone + Send + Sync>(
    files: &ReportFiles,
    names: &[String],
    kept: &mut HashMap<String, Parsed<Vec<u8>, V>>,
    keeps: bool,
    parse: impl Fn(&str) -> V + Sync,
) -> Vec<V> {
    use rayon::prelude::*;
    if !keeps {
        return names.par_iter().map(|name| parse(name)).collect();
    }
    let mut before = std::mem::take(kept);
    let outcomes: Vec<(Option<Vec<u8>>, Option<V>)> = names
        .par_iter()
        .map(|name| {
            let bytes = bytes_of(files, name);
            match (&bytes, before.get(name)) {
                (Some(bytes), Some(parsed)) if parsed.from == *bytes => (None, None),
                _ => {
                    let value = parse(name);
                    (bytes, Some(value))
                }
            }
        })
        .collect();
    let mut values = Vec::with_capacity(names.len());
    for (name, outcome) in names.iter().zip(outcomes) {
        let parsed = match outcome {
            (Some(bytes), Some(value)) => Parsed { from: bytes, value },
            // It could not be read: its reader said why, and nothing is kept.
            (None, Some(value)) => {
                values.push(value);
                continue;
            }
            // Its bytes are those parsed before.
            (_, None) => match before.remove(name) {
                Some(parsed) => parsed,
                None => continue,
            },
        };
        values.push(parsed.value.clone());
        kept.insert(name.clone(), parsed);
    }
    values
}

/// The files of a folder, each with its bytes; `None` when one could not be read (nothing is
/// then kept of the folder).
pub(super) fn folder_bytes(files: &ReportFiles, names: &[String]) -> Option<FolderBytes> {
    names
        .iter()
        .map(|name| Some((name.clone(), bytes_of(files, name)?)))
        .collect()
}
