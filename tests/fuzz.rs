//! A bounded fuzz run on stable, in CI: proptest makes stories, settings and whole reports out of
//! the pieces hostile input is made of, and out of the worst inputs found so far (the seeds in
//! tests/fuzz-seeds/, each mutated), and checks that nothing panics and that the output — the
//! HTML, the number of messages, the size of each — stays within a bound set by the input.
//!
//! Bounded by a number of cases and by a time budget per property (`FUZZ_SECONDS`, 15 unless
//! set), so the whole file takes under a minute in a debug build. `PROPTEST_CASES` raises the
//! count for a longer run by hand.

use chorus::diagnostics::Diagnostic;
use chorus::markdown::{Markdown, Origin, Target, to_html};
use chorus::plan::languages::Languages;
use chorus::plan::published::Published;
use chorus::plan::routes::Routes;
use chorus::source::SourceFile;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

const SITE: &str = "title = \"Fuzz report\"\norganisation = \"Fuzz Council\"\ncontact_email = \"fuzz@example.org\"\n\n[accessibility]\ncompliance = \"full\"\nlast_tested = 2026-01-01\nprepared = 2026-01-01\n";

const FRONT_MATTER: &str = "title = \"Fuzzed\"\nsummary = \"A story made by the fuzzer.\"\ndate = 2026-01-10\nstoryteller = \"Mallory\"\nrole = \"carer\"\nanonymised = true\nthemes = [\"mir.asc\"]\n\n[consent]\ngiven = true\nreference = \"REF-fuzz\"\nrecorded = 2026-01-10\nscope = [\"web\"]\nreview_by = 2027-01-10\n";

/// The pieces hostile markdown is made of: nesting, raw HTML that is dropped or unclosed,
/// character references, links, code, and plain words and line breaks.
const MARKDOWN_PIECES: &[&str] = &[
    ">",
    "> ",
    "- ",
    "1. ",
    "  ",
    "*",
    "**",
    "_",
    "`",
    "```\n",
    "#",
    "\n",
    "\n\n",
    "word ",
    "café ",
    "<script>",
    "</script>",
    "<embed src=x>",
    "<iframe src=x>",
    "</iframe>",
    "<svg>",
    "</svg>",
    "<math>",
    "<svg/>",
    "<!--",
    "-->",
    "<abbr title=\"Caf&eacute;\">",
    "</abbr>",
    "<span lang=cy>",
    "</span>",
    "<img src=x onerror=y>",
    "&eacute;",
    "&#x1F600;",
    "&",
    "<",
    "[link](https://example.org)",
    "[bad](javascript:x)",
    "![](media/a.jpg)",
    "|a|b|\n|-|-|\n",
    "\t",
    "\r\n",
    "é",
    "\u{feff}",
];

/// The pieces of hostile settings: keys known and unknown, values of each type, broken syntax.
const TOML_PIECES: &[&str] = &[
    "title",
    "unknown",
    "key_",
    "1",
    " = ",
    "=",
    "\"",
    "'",
    "\"\"\"",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    ",",
    ".",
    "\n",
    "2026-01-10",
    "true",
    "#",
    "\\",
    "é",
    "[consent]\n",
    "given = true\n",
];

fn seeds() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-seeds");
    let mut seeds: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(p).unwrap())
        })
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 8, "the seed corpus is missing");
    seeds
}

fn pieces(from: &'static [&'static str], most: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(from), 0..most).prop_map(|p| p.concat())
}

/// A seed with some pieces put in at some places.
fn mutated(seed: String, from: &'static [&'static str]) -> impl Strategy<Value = String> {
    let places = seed.len() + 1;
    prop::collection::vec((0..places, prop::sample::select(from)), 0..8).prop_map(
        move |insertions| {
            let mut text = seed.clone();
            for (at, piece) in insertions {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.insert_str(at, piece);
            }
            text
        },
    )
}

fn markdown_inputs() -> impl Strategy<Value = String> {
    let seeds: Vec<String> = seeds()
        .into_iter()
        .filter(|(name, _)| name.ends_with(".md"))
        .map(|(_, text)| text)
        .collect();
    prop_oneof![
        pieces(MARKDOWN_PIECES, 200),
        prop::sample::select(seeds).prop_flat_map(|seed| mutated(seed, MARKDOWN_PIECES)),
    ]
}

fn toml_inputs() -> impl Strategy<Value = String> {
    let seeds: Vec<String> = seeds()
        .into_iter()
        .filter(|(name, _)| name.ends_with(".toml"))
        .map(|(_, text)| text)
        .chain([FRONT_MATTER.to_owned()])
        .collect();
    prop_oneof![
        pieces(TOML_PIECES, 100),
        prop::sample::select(seeds).prop_flat_map(|seed| mutated(seed, TOML_PIECES)),
    ]
}

/// Runs `property` on inputs from `strategy` until the cases or the time budget run out.
fn fuzz<S: Strategy>(strategy: S, property: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let budget = Duration::from_secs(
        std::env::var("FUZZ_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(15),
    );
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(400);
    let started = Instant::now();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |input| {
        if started.elapsed() > budget {
            return Ok(());
        }
        property(input)
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// A message shows at most a window of its line, so its size does not grow with the input.
fn check_messages(diagnostics: &[Diagnostic], input_len: usize) -> Result<(), TestCaseError> {
    prop_assert!(diagnostics.len() <= input_len + 20);
    for diagnostic in diagnostics {
        let text = diagnostic.to_string();
        prop_assert!(text.len() < 3_000, "a message of {} bytes", text.len());
    }
    Ok(())
}

#[test]
fn markdown_never_panics_and_its_output_is_bounded() {
    let content = chorus::content::Content::default();
    let routes = Routes::new(
        &content,
        &Languages::of(&content.site),
        &Published::default(),
    )
    .with_media(["media/a.jpg"]);
    fuzz(markdown_inputs(), |text| {
        let file = SourceFile::new("content/stories/fuzz.md", text);
        let text = file.text();
        let markdown = Markdown {
            text: &text,
            origin: Origin::File {
                file: &file,
                base: 0,
            },
        };
        let target = Target {
            page_path: "stories/fuzz.html",
            language: 0,
            routes: &routes,
            title: Some("Fuzz"),
            plain_text: true,
        };
        let rendered = to_html(&markdown, &target);
        prop_assert!(rendered.html.len() <= 20 * text.len() + 100);
        check_messages(&rendered.problems, text.len())
    });
}

fn compile(site: &str, story: &str) -> Vec<Diagnostic> {
    let root = tempfile::tempdir().unwrap();
    let content = root.path().join("content");
    fs::create_dir_all(content.join("stories")).unwrap();
    fs::write(content.join("site.toml"), site).unwrap();
    fs::write(content.join("stories/fuzz.md"), story).unwrap();
    let compiled = chorus::compile(root.path(), jiff::civil::date(2026, 11, 23));
    compiled.diagnostics.sorted()
}

#[test]
fn front_matter_never_panics_and_its_messages_are_bounded() {
    fuzz(toml_inputs(), |settings| {
        let story = format!("+++\n{settings}\n+++\nHello.\n");
        let diagnostics = compile(SITE, &story);
        check_messages(&diagnostics, story.len())
    });
}

#[test]
fn whole_reports_never_panic_and_their_messages_are_bounded() {
    let reports = (toml_inputs(), markdown_inputs(), any::<bool>());
    fuzz(reports, |(settings, body, settings_in_site)| {
        let (site, story) = if settings_in_site {
            (settings.clone(), format!("+++\n{FRONT_MATTER}+++\n{body}"))
        } else {
            (SITE.to_owned(), format!("+++\n{settings}\n+++\n{body}"))
        };
        let diagnostics = compile(&site, &story);
        check_messages(&diagnostics, site.len() + story.len())?;
        // However many problems of a kind, each file shows at most 20 of them.
        let shown = diagnostics.len();
        prop_assert!(shown <= 20 * 40, "{shown} messages");
        Ok(())
    });
}

#[test]
fn every_seed_compiles_whole_without_panicking() {
    for (name, text) in seeds() {
        let diagnostics = if name.ends_with(".toml") {
            compile(&text, &format!("+++\n{FRONT_MATTER}+++\nHello.\n"))
        } else {
            compile(SITE, &format!("+++\n{FRONT_MATTER}+++\n{text}"))
        };
        assert!(
            diagnostics.len() <= 60,
            "{name}: {} messages",
            diagnostics.len()
        );
        check_messages(&diagnostics, text.len()).unwrap();
    }
}
