//! No input, however broken, makes Chorus panic: every file of the example report and the
//! hostile fixture is cut short at many places and spoiled byte by byte, and each broken
//! report is compiled. Problems must come back as diagnostics, never as a crash.

mod common;

use common::*;
use std::fs;
use std::panic;
use std::path::Path;

fn compile_must_not_panic(root: &Path, what: &str) {
    let today = jiff::civil::date(2026, 11, 23);
    let result = panic::catch_unwind(|| chorus::compile(root, today));
    assert!(result.is_ok(), "chorus panicked on {what}");
}

fn text_files(root: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x == "md" || x == "toml")
        })
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn cutting_any_file_short_never_panics() {
    // The example report has over 20 files and 186 pages: each is cut at 16 places; the
    // small hostile fixture at 40.
    for (report, places) in [
        (Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(), 16),
        (fixture("hostile"), 40),
    ] {
        let copy = copy_report(&report);
        for file in text_files(copy.path()) {
            let original = fs::read(&file).unwrap();
            let step = (original.len() / places).max(1);
            for cut in (0..original.len()).step_by(step) {
                fs::write(&file, &original[..cut]).unwrap();
                compile_must_not_panic(
                    copy.path(),
                    &format!("{} cut at byte {cut}", file.display()),
                );
            }
            fs::write(&file, &original).unwrap();
        }
    }
}

#[test]
fn spoiling_bytes_never_panics() {
    let copy = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
    // Bytes that break TOML, markdown, HTML and UTF-8 in turn.
    let spoilers: [&[u8]; 8] = [
        b"\"",
        b"[",
        b"<",
        b"\xff",
        b"+++",
        b"\n",
        b"](",
        b"<script>",
    ];
    for file in text_files(copy.path()) {
        let original = fs::read(&file).unwrap();
        // At 12 places in each of the example report's files.
        let step = (original.len() / 12).max(1);
        for (n, at) in (0..original.len()).step_by(step).enumerate() {
            let mut spoilt = original[..at].to_vec();
            spoilt.extend_from_slice(spoilers[n % spoilers.len()]);
            spoilt.extend_from_slice(&original[at..]);
            fs::write(&file, &spoilt).unwrap();
            compile_must_not_panic(
                copy.path(),
                &format!("{} spoilt at byte {at}", file.display()),
            );
        }
        fs::write(&file, &original).unwrap();
    }
}

/// Spreadsheets too: the tracker fixture's CSV file and workbook, cut short and spoilt, with a
/// byte flipped or a stray quote, comma or line break, come back as diagnostics.
#[test]
fn broken_spreadsheets_never_panic() {
    let copy = copy_report(&fixture("tracker"));
    let folder = copy.path().join("content/you-said-we-did");
    for name in ["actions.csv", "board.ods"] {
        let file = folder.join(name);
        let original = fs::read(&file).unwrap();
        let step = (original.len() / 40).max(1);
        for (n, at) in (0..original.len()).step_by(step).enumerate() {
            fs::write(&file, &original[..at]).unwrap();
            compile_must_not_panic(copy.path(), &format!("{name} cut at byte {at}"));
            let mut spoilt = original.clone();
            spoilt[at] = match n % 4 {
                0 => spoilt[at] ^ 0xff,
                1 => b'"',
                2 => b',',
                _ => b'\n',
            };
            fs::write(&file, &spoilt).unwrap();
            compile_must_not_panic(copy.path(), &format!("{name} spoilt at byte {at}"));
        }
        fs::write(&file, &original).unwrap();
    }
}
