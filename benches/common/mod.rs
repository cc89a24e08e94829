//! What the benchmarks share.

#![allow(dead_code)]

use std::fs;
use std::path::Path;

/// The process's high-water mark of resident memory, from Linux's /proc.
pub fn peak_memory() -> String {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l[6..].trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// A report of `count` stories in a new temporary folder (on tmpfs when `TMPDIR=/dev/shm`):
/// the example report, with copies of its stories, so the text is realistic. Copy k of `x.md`
/// is `x-k.md`, and of its translation `x.cy.md`, `x-k.cy.md`.
pub fn report_with_stories(count: usize) -> tempfile::TempDir {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut stories: Vec<(String, String)> = fs::read_dir(example.join("stories"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    // Originals first, so a partial round of copies never holds a translation without its story.
    stories.sort_by_key(|(name, _)| (name.matches('.').count(), name.clone()));
    let root = tempfile::tempdir().unwrap();
    copy_dir(&example, &root.path().join("content"));
    for n in 0..count {
        let (name, text) = &stories[n % stories.len()];
        let (stem, rest) = name.split_once('.').unwrap();
        let name = format!("{stem}-{}.{rest}", n / stories.len());
        fs::write(root.path().join("content/stories").join(name), text).unwrap();
    }
    root
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().filter_map(Result::ok) {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}
