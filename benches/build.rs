//! `cargo bench`: how long a build takes, and how much memory it needs, for reports of
//! growing size, on one thread and on two (what is left serial shows as the difference).
//! The stories are copies of the example report's, so the text is realistic.
//! Figures are printed, never asserted: a slow machine is not a failure.

mod common;

use common::{peak_memory, report_with_stories};
use std::time::Instant;

fn main() {
    let today = jiff::civil::date(2026, 11, 23);
    println!("stories  threads  pages  load+plan+check+render  write   peak memory");
    for count in [100, 1_000, 5_000] {
        let root = report_with_stories(count);
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
