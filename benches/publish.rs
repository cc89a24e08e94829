//! `TMPDIR=/dev/shm cargo bench --bench publish`: what search costs. For the example report
//! and for 1,000 stories, the time of a whole build (load to write) with the search index and
//! with `search = false`, the medians of 5 runs, and the index's size.
//! Figures are printed, never asserted: a slow machine is not a failure.

mod common;

use common::{copy_dir, report_with_stories};
use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn main() {
    let today = jiff::civil::date(2026, 11, 23);
    let example = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &example.path().join("content"),
    );
    println!("report        pages  with search  without  index files  index size");
    for (name, root) in [
        ("example", example),
        ("1,000 stories", report_with_stories(1_000)),
    ] {
        let with = median_build(root.path(), today);
        let index = root.path().join("site/pagefind");
        let (files, bytes) = walkdir::WalkDir::new(&index)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .fold((0, 0), |(n, size), e| {
                (n + 1, size + e.metadata().map_or(0, |m| m.len()))
            });
        let pages = walkdir::WalkDir::new(root.path().join("site"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .count();
        let settings = root.path().join("content/site.toml");
        let text = std::fs::read_to_string(&settings).unwrap();
        std::fs::write(&settings, format!("search = false\n{text}")).unwrap();
        let without = median_build(root.path(), today);
        println!(
            "{name:<13} {pages:>5}  {with:>11.0?}  {without:>7.0?}  {files:>11}  {:>7} kB",
            bytes / 1000
        );
    }
}

fn median_build(root: &Path, today: jiff::civil::Date) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let built = chorus::build(
                root,
                &root.join("site"),
                today,
                &chorus::Overrides::default(),
            );
            assert!(built.pages.is_some(), "the build failed");
            started.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}
