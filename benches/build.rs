//! `cargo bench`: how long a build takes, and how much memory it needs, for reports of
//! growing size, on one thread and on two (what is left serial shows as the difference).
//! The stories are copies of the example report's, so the text is realistic.
//! Figures are printed, never asserted: a slow machine is not a failure.

mod common;

use common::peak_memory;
use std::fs;
use std::path::Path;
use std::time::Instant;

fn main() {
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
    let today = jiff::civil::date(2026, 11, 23);
    println!("stories  threads  pages  load+plan+check+render  write   peak memory");
    for count in [100, 1_000, 5_000] {
        let root = tempfile::tempdir().unwrap();
        copy_dir(&example, &root.path().join("content"));
        for n in 0..count {
            let (name, text) = &stories[n % stories.len()];
            // Copy k of `x.md` is `x-k.md`, and of its translation `x.cy.md`, `x-k.cy.md`.
            let (stem, rest) = name.split_once('.').unwrap();
            let name = format!("{stem}-{}.{rest}", n / stories.len());
            fs::write(root.path().join("content/stories").join(name), text).unwrap();
        }
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let started = Instant::now();
            let compiled = pool.install(|| chorus::compile(root.path(), today));
            let compiled_in = started.elapsed();
            let problems = compiled.diagnostics.clone().sorted();
            assert!(
                !compiled.diagnostics.has_errors(),
                "{}",
                problems
                    .iter()
                    .find(|d| d.is_error())
                    .map(ToString::to_string)
                    .unwrap_or_default()
            );
            let started = Instant::now();
            chorus::output::write(&compiled.output, root.path(), &root.path().join("site"))
                .unwrap();
            let written_in = started.elapsed();
            println!(
                "{count:>7}  {threads:>7}  {:>5}  {:>22.0?}  {:>8.0?}  {}",
                compiled.output.pages(),
                compiled_in,
                written_in,
                peak_memory()
            );
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
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
