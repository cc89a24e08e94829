//! Helpers for the fixture tests: copy a report into a fresh folder, run the real binary on it,
//! and read what it made. In the style of mdBook's test suite.

#![allow(dead_code)]

pub mod languages;
pub mod served;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The day the fixtures are built on, so consent review dates give the same answer every year.
pub const TODAY: &str = "2026-11-23";

pub struct Run {
    pub root: tempfile::TempDir,
    pub code: i32,
    pub stdout: String,
    /// With the fixture's folder written as `<root>`, so the text can be compared exactly.
    pub stderr: String,
}

impl Run {
    pub fn site(&self) -> PathBuf {
        self.root.path().join("site")
    }

    pub fn page(&self, path: &str) -> String {
        fs::read_to_string(self.site().join(path))
            .unwrap_or_else(|e| panic!("{path} was not built: {e}\n{}", self.stderr))
    }

    /// Every file of the built site, as paths from its root.
    pub fn files(&self) -> Vec<String> {
        let site = self.site();
        let mut files: Vec<String> = walkdir::WalkDir::new(&site)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&site)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }

    /// The messages it printed under `rule`, each whole (a blank line parts them).
    pub fn messages_of(&self, rule: &str) -> Vec<&str> {
        let header = format!("[{rule}]:");
        self.stderr
            .split("\n\n")
            .filter(|m| m.lines().next().is_some_and(|line| line.contains(&header)))
            .collect()
    }

    /// The first message it printed under `rule`; fails the test, showing every message, when
    /// there is none.
    pub fn message_of(&self, rule: &str) -> &str {
        self.messages_of(rule)
            .first()
            .unwrap_or_else(|| panic!("no [{rule}] message in:\n{}", self.stderr))
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies a report (a fixture, or the example report's folder) into a new folder.
pub fn copy_report(from: &Path) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let relative = entry.path().strip_prefix(from).unwrap();
        let first = relative
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        if !matches!(first.as_deref(), Some("content" | "themes" | "private")) {
            continue;
        }
        let target = root.path().join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    root
}

/// Runs `chorus <args>` on a copy of the fixture, as an editor would in its folder.
pub fn chorus(fixture_name: &str, args: &[&str]) -> Run {
    run_in(copy_report(&fixture(fixture_name)), args)
}

/// Runs `chorus <args> --today TODAY` in the report folder, as an editor would, with the real
/// date pinned to `TODAY` too.
pub fn run_in(root: tempfile::TempDir, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args(args)
        .args(["--today", TODAY])
        .current_dir(root.path())
        .env("CHORUS_REAL_TODAY_FOR_TESTS", TODAY)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr)
        .unwrap()
        .replace(root.path().to_str().unwrap(), "<root>");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr,
        root,
    }
}

/// Compares the messages of a run with `tests/fixtures/<name>/messages.snap`, an insta
/// snapshot kept beside the fixture. After an intended change, `INSTA_UPDATE=always cargo test`
/// rewrites it: read the diff, then commit it.
pub fn assert_messages(actual: &str, fixture_name: &str) {
    insta::with_settings!({
        snapshot_path => fixture(fixture_name),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("messages", actual);
    });
}

/// Every `href` and `src` in every page that is relative must lead to a file of the site.
pub fn broken_links(site: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(path).unwrap();
        for attribute in ["href=\"", "src=\""] {
            for piece in html.split(attribute).skip(1) {
                let address = &piece[..piece.find('"').unwrap()];
                if address.starts_with("https://")
                    || address.starts_with("http://")
                    || address.starts_with("mailto:")
                    || address.starts_with("tel:")
                    || address.starts_with('#')
                {
                    continue;
                }
                let without_fragment = address.split('#').next().unwrap();
                let target = path.parent().unwrap().join(without_fragment);
                if address.starts_with('/') || !target.is_file() {
                    broken.push(format!(
                        "{}: {address}",
                        path.strip_prefix(site).unwrap().display()
                    ));
                }
            }
        }
    }
    broken
}

/// A file's bytes as a reader's program sees them: the search index's compressed files
/// (gzip) unpacked.
pub fn readable_bytes(path: &Path) -> Vec<u8> {
    let bytes = fs::read(path).unwrap();
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut unpacked = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut unpacked)
            .unwrap_or_else(|e| panic!("{} is not whole gzip: {e}", path.display()));
        unpacked
    } else {
        bytes
    }
}

/// Files of the site whose bytes contain `needle`, ignoring case; compressed files (the search
/// index's) are searched unpacked.
pub fn files_containing(site: &Path, needle: &str) -> Vec<String> {
    let needle = needle.to_lowercase();
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let bytes = readable_bytes(e.path());
            String::from_utf8_lossy(&bytes)
                .to_lowercase()
                .contains(&needle)
                || e.path().to_string_lossy().to_lowercase().contains(&needle)
        })
        .map(|e| e.path().display().to_string())
        .collect()
}

/// Runs `chorus <args>` as given, in `dir`, with the real date pinned to `TODAY`: for commands
/// that make a report (`chorus new`) and for naming the report folder on the command line.
/// Returns the exit code and the messages, with `dir` written as `<dir>`.
pub fn chorus_at(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args(args)
        .current_dir(dir)
        .env("CHORUS_REAL_TODAY_FOR_TESTS", TODAY)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr)
        .unwrap()
        .replace(dir.to_str().unwrap(), "<dir>");
    (output.status.code().unwrap_or(-1), stderr)
}
