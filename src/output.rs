//! The built site in memory (path → content) and the write stage, which replaces the output
//! folder in one step, so a reader or a preview never sees half a site.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A file of the built site: made in memory, or copied as it is from the report (media).
#[derive(Debug, Clone)]
pub enum Body {
    Bytes(Vec<u8>),
    CopyOf(PathBuf),
}

/// Every file of the built site, keyed by its path from the site's root (`stories/a.html`).
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub files: BTreeMap<String, Body>,
    /// Each page's words as plain text, by its path: what a search index reads.
    pub text: BTreeMap<String, String>,
}

/// Left in every built site, so Chorus knows a folder is one it may replace.
pub const MARKER: &str = ".chorus-site";
const MARKER_TEXT: &str = "This folder was made by Chorus from a report's content folder. Chorus replaces all of it on each build.\n";

impl Output {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), Body::Bytes(bytes.into()));
    }

    pub fn copy(&mut self, path: impl Into<String>, from: PathBuf) {
        self.files.insert(path.into(), Body::CopyOf(from));
    }

    pub fn pages(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

#[derive(Debug)]
pub enum WriteError {
    /// The output folder holds files Chorus did not make; it is never emptied.
    NotOurs(PathBuf),
    Io(PathBuf, io::Error),
}

/// Writes the site beside `dir`, then swaps it in. The old site stays whole until the new one
/// is complete, and is removed only after the swap.
pub fn write(output: &Output, dir: &Path) -> Result<(), WriteError> {
    if dir.exists() && !is_replaceable(dir) {
        return Err(WriteError::NotOurs(dir.to_owned()));
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| WriteError::Io(parent.to_owned(), e))?;
    let name = dir
        .file_name()
        .map_or("site".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.chorus-new"));
    let retired = parent.join(format!(".{name}.chorus-old"));
    for leftover in [&staging, &retired] {
        if leftover.exists() {
            fs::remove_dir_all(leftover).map_err(|e| WriteError::Io(leftover.clone(), e))?;
        }
    }
    if let Err(error) = write_all(output, &staging) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    if dir.exists() {
        fs::rename(dir, &retired).map_err(|e| WriteError::Io(dir.to_owned(), e))?;
    }
    fs::rename(&staging, dir).map_err(|e| WriteError::Io(dir.to_owned(), e))?;
    if retired.exists() {
        fs::remove_dir_all(&retired).map_err(|e| WriteError::Io(retired.clone(), e))?;
    }
    Ok(())
}

fn write_all(output: &Output, staging: &Path) -> Result<(), WriteError> {
    fs::create_dir_all(staging).map_err(|e| WriteError::Io(staging.to_owned(), e))?;
    fs::write(staging.join(MARKER), MARKER_TEXT)
        .map_err(|e| WriteError::Io(staging.join(MARKER), e))?;
    for (path, body) in &output.files {
        let target = staging.join(path);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder).map_err(|e| WriteError::Io(folder.to_owned(), e))?;
        }
        let written = match body {
            Body::Bytes(bytes) => fs::write(&target, bytes),
            Body::CopyOf(from) => fs::copy(from, &target).map(|_| ()),
        };
        written.map_err(|e| WriteError::Io(target, e))?;
    }
    Ok(())
}

/// A folder may be replaced when it is empty or was made by Chorus.
fn is_replaceable(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
        || fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_previous_site_whole() {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path().join("site");
        let mut first = Output::default();
        first.insert("old.html", "old");
        write(&first, &site).unwrap();
        let mut second = Output::default();
        second.insert("stories/new.html", "new");
        write(&second, &site).unwrap();
        assert!(!site.join("old.html").exists());
        assert_eq!(
            fs::read_to_string(site.join("stories/new.html")).unwrap(),
            "new"
        );
        let leftovers: Vec<_> = fs::read_dir(temp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only site/ remains");
    }

    #[test]
    fn never_empties_a_folder_it_did_not_make() {
        let temp = tempfile::tempdir().unwrap();
        fs::write(temp.path().join("precious.txt"), "mine").unwrap();
        let result = write(&Output::default(), temp.path());
        assert!(matches!(result, Err(WriteError::NotOurs(_))));
        assert!(temp.path().join("precious.txt").exists());
    }
}
