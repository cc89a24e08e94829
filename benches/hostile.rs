//! `cargo bench --bench hostile`: the worst inputs fuzzing found, each made here at full size,
//! compiled once, with the time, the peak memory, how many messages came back and how long
//! they are when printed. Figures are printed, never asserted: a slow machine is not a failure.
//! (The tests in tests/hostile_input.rs check the same inputs by the work done, not by time.)
//!
//! Run some cases only with `cargo bench --bench hostile -- NAME`.

mod common;

use common::peak_memory;
use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

const SITE: &str = "title = \"Hostile report\"\norganisation = \"Bench Council\"\ncontact_email = \"bench@example.org\"\n\n[accessibility]\ncompliance = \"full\"\nlast_tested = 2026-01-01\nprepared = 2026-01-01\n";

const FRONT_MATTER: &str = "+++\ntitle = \"Worst case\"\nsummary = \"A story made to be hard to read.\"\ndate = 2026-01-10\nstoryteller = \"Mallory\"\nrole = \"carer\"\nanonymised = true\nthemes = [\"mir.asc\"]\n\n[consent]\ngiven = true\nreference = \"REF-bench\"\nrecorded = 2026-01-10\nscope = [\"web\"]\nreview_by = 2027-01-10\n+++\n";

/// Each worst case: its name, and the site.toml and story it is made of.
fn cases() -> Vec<(&'static str, String, String)> {
    let story = |body: String| format!("{FRONT_MATTER}{body}");
    let (settings, accessibility) = SITE.split_once("\n[accessibility]").unwrap();
    let mut unknown_keys = settings.to_owned();
    for n in 0..100_000 {
        unknown_keys.push_str(&format!("unknown_{n} = 1\n"));
    }
    unknown_keys.push_str(&format!("\n[accessibility]{accessibility}"));
    vec![
        (
            "nested-quotes",
            SITE.to_owned(),
            story(format!("{} deep\n", ">".repeat(100_000))),
        ),
        (
            "nested-lists",
            SITE.to_owned(),
            story(format!("{}deep\n", "- ".repeat(40_000))),
        ),
        (
            "nested-spans",
            SITE.to_owned(),
            story(format!("Deep {}words\n", "<span>".repeat(50_000))),
        ),
        (
            "html-lines",
            SITE.to_owned(),
            story("<img src=x>\n".repeat(100_000)),
        ),
        ("unknown-keys", unknown_keys, story("Hello.\n".to_owned())),
        (
            "long-line",
            SITE.to_owned(),
            story(format!("{}\n", "<img> ".repeat(10_000))),
        ),
        (
            "link-halves",
            SITE.to_owned(),
            story(format!("{}\n", "]( ".repeat(1_000_000))),
        ),
    ]
}

/// Each case runs in a process of its own, so that its peak memory is its own and a case that
/// takes too long can be stopped (after CHORUS_BENCH_LIMIT seconds, 120 unless set).
fn main() {
    if let Ok(name) = std::env::var(CASE) {
        run_case(&name);
        return;
    }
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let limit = std::env::var("CHORUS_BENCH_LIMIT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    println!(
        "{:<14} {:>9} {:>10} {:>9} {:>15}  peak memory",
        "case", "input", "compile", "messages", "message bytes"
    );
    for (name, _, _) in cases() {
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env(CASE, name)
            .spawn()
            .unwrap();
        let started = Instant::now();
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if started.elapsed() > Duration::from_secs(limit) {
                child.kill().unwrap();
                child.wait().unwrap();
                println!("{name:<14} over {limit} s: stopped");
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

const CASE: &str = "CHORUS_BENCH_CASE";

fn run_case(name: &str) {
    let (_, site, story) = cases().into_iter().find(|c| c.0 == name).unwrap();
    let root = tempfile::tempdir().unwrap();
    let content = root.path().join("content");
    fs::create_dir_all(content.join("stories")).unwrap();
    fs::write(content.join("site.toml"), &site).unwrap();
    fs::write(content.join("stories/worst.md"), &story).unwrap();
    let today = jiff::civil::date(2026, 11, 23);
    let started = Instant::now();
    let compiled = chorus::compile(root.path(), today);
    let diagnostics = compiled.diagnostics.sorted();
    let elapsed = started.elapsed();
    let bytes: usize = diagnostics.iter().map(|d| d.to_string().len()).sum();
    println!(
        "{name:<14} {:>9} {:>10.2?} {:>9} {:>15}  {}",
        size(site.len() + story.len()),
        elapsed,
        diagnostics.len(),
        bytes,
        peak_memory()
    );
}

fn size(bytes: usize) -> String {
    format!("{} KB", bytes / 1000)
}
