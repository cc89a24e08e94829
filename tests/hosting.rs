//! The hosting recipes of `docs/hosting.md`, read as each host would: every CI file parses, every
//! `chorus` command in it is one Chorus has and builds the example report into the folder the
//! host publishes, the web servers' files say what the built site needs, and the guide shows
//! each file as it is.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn recipe(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/hosting")
        .join(name);
    fs::read_to_string(path)
        .unwrap()
        .replace("{version}", VERSION)
}

/// A shell line's commands, split at `&&`, `||`, `;` and line ends, each into its words as a
/// shell would read them (quotes removed).
fn commands(script: &str) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    for line in script.lines() {
        for part in line
            .split("&&")
            .flat_map(|p| p.split("||"))
            .flat_map(|p| p.split(';'))
        {
            let mut words = Vec::new();
            let mut word = String::new();
            let mut quoted = false;
            let mut started = false;
            for c in part.chars() {
                match c {
                    '"' => {
                        quoted = !quoted;
                        started = true;
                    }
                    c if c.is_whitespace() && !quoted => {
                        if started {
                            words.push(std::mem::take(&mut word));
                            started = false;
                        }
                    }
                    c => {
                        word.push(c);
                        started = true;
                    }
                }
            }
            if started {
                words.push(word);
            }
            if !words.is_empty() {
                commands.push(words);
            }
        }
    }
    commands
}

/// Runs each `chorus` command of a recipe in a copy of the example report, with the host's
/// variables given as the host would, and returns the folders its builds wrote.
fn run_chorus_commands(scripts: &[String], variables: &[(&str, &str)]) -> Vec<PathBuf> {
    let root = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
    let mut outputs = Vec::new();
    let mut ran = 0;
    for script in scripts {
        for words in commands(script) {
            match words[0].as_str() {
                "chorus" => {}
                "cargo" => {
                    // Chorus is installed from its own source, whole, as its lock file pins it.
                    assert_eq!(&words[..2], ["cargo", "install"], "{words:?}");
                    assert!(words.contains(&"--locked".to_owned()), "{words:?}");
                    assert_eq!(
                        words.last().map(String::as_str),
                        Some("chorus"),
                        "{words:?}"
                    );
                    continue;
                }
                _ => continue,
            }
            let args: Vec<String> = words[1..]
                .iter()
                .map(|word| {
                    variables
                        .iter()
                        .fold(word.clone(), |w, (name, value)| w.replace(name, value))
                })
                .collect();
            assert!(
                !args.iter().any(|a| a.contains('$')),
                "a variable left: {args:?}"
            );
            let output = Command::new(env!("CARGO_BIN_EXE_chorus"))
                .args(&args)
                .current_dir(root.path())
                .env("CHORUS_REAL_TODAY_FOR_TESTS", TODAY)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "chorus {args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            ran += 1;
            if args.first().map(String::as_str) == Some("build") {
                let at = args.iter().position(|a| a == "--output").unwrap();
                let folder = root.path().join(&args[at + 1]);
                assert!(folder.join("index.html").is_file());
                let base = args.iter().position(|a| a == "--base-url").unwrap();
                let sitemap = fs::read_to_string(folder.join("sitemap.xml")).unwrap();
                let address = args[base + 1].trim_end_matches('/');
                assert!(
                    sitemap.contains(&format!("<loc>{address}/</loc>")),
                    "{sitemap}"
                );
                outputs.push(PathBuf::from(&args[at + 1]));
            }
        }
    }
    assert!(ran > 0, "the recipe runs no chorus command");
    // Keep the copy: its folders are compared by name only.
    drop(root);
    outputs
}

fn yaml(text: &str) -> serde_yaml::Value {
    serde_yaml::from_str(text).unwrap()
}

#[test]
fn the_github_pages_workflow_builds_into_the_folder_it_publishes() {
    let workflow = yaml(&recipe("github-publish.yml"));
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let scripts: Vec<String> = steps
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_owned))
        .collect();
    let published = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .and_then(|s| s["with"]["path"].as_str())
        .unwrap();
    let built = run_chorus_commands(
        &scripts,
        &[(
            "${{ steps.pages.outputs.base_url }}",
            "https://example.github.io/our-report",
        )],
    );
    assert_eq!(built, [PathBuf::from(published)]);
    // It runs every morning too: a lapsed consent review takes a story off the site that day.
    assert!(workflow["on"]["schedule"][0]["cron"].as_str().is_some());
    assert_eq!(
        workflow["jobs"]["deploy"]["steps"][0]["uses"].as_str(),
        Some("actions/deploy-pages@v4")
    );
}

#[test]
fn the_gitlab_pages_job_builds_into_public() {
    let ci = yaml(&recipe("gitlab-ci.yml"));
    let job = &ci["pages"];
    let scripts: Vec<String> = job["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect();
    let built = run_chorus_commands(
        &scripts,
        &[("$CI_PAGES_URL", "https://example.gitlab.io/our-report")],
    );
    assert_eq!(built, [PathBuf::from("public")]);
    assert_eq!(job["artifacts"]["paths"][0].as_str(), Some("public"));
}

#[test]
fn netlify_builds_into_the_folder_it_publishes() {
    let config: toml::Table = recipe("netlify.toml").parse().unwrap();
    let build = config["build"].as_table().unwrap();
    let command = build["command"].as_str().unwrap().to_owned();
    let built = run_chorus_commands(&[command], &[("$URL", "https://our-report.netlify.app")]);
    assert_eq!(built, [PathBuf::from(build["publish"].as_str().unwrap())]);
}

/// What a copy of the example report with this file in `content/static/` builds.
fn built_with_root_file(name: &str, text: &str) -> Run {
    let root = copy_report(Path::new(env!("CARGO_MANIFEST_DIR")));
    let at = root.path().join("content/static").join(name);
    fs::create_dir_all(at.parent().unwrap()).unwrap();
    fs::write(at, text).unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn apache_s_htaccess_is_published_and_names_the_404_page() {
    let text = recipe("htaccess");
    let run = built_with_root_file(".htaccess", &text);
    assert_eq!(run.page(".htaccess"), text);
    let known = ["ErrorDocument", "DirectoryIndex", "AddDefaultCharset"];
    let mut error_page = None;
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert!(known.contains(&words[0]), "{line}");
        if words[..2] == ["ErrorDocument", "404"] {
            error_page = Some(words[2].to_owned());
        }
    }
    let error_page = error_page.unwrap();
    assert!(error_page.starts_with('/') && error_page.ends_with("/404.html"));
    assert!(run.site().join("404.html").is_file());
}

/// The kinds of file IIS sends without being told (its own list has many more).
const IIS_KNOWS: &[&str] = &[
    "html", "htm", "css", "js", "png", "jpg", "jpeg", "gif", "svg", "ico", "txt", "xml", "csv",
    "pdf",
];

#[test]
fn iis_s_web_config_names_every_kind_of_file_the_site_has() {
    let text = recipe("web.config");
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut mapped = Vec::new();
    let mut error_page = None;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Empty(element) | quick_xml::events::Event::Start(element) => {
                let attribute = |name: &str| {
                    element
                        .attributes()
                        .map(Result::unwrap)
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| a.value.to_string())
                };
                match element.name().as_ref() {
                    "mimeMap" => mapped.push(attribute("fileExtension").unwrap()),
                    "error" if attribute("statusCode").as_deref() == Some("404") => {
                        error_page = attribute("path");
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert!(error_page.unwrap().ends_with("/404.html"));
    let run = built_with_root_file("web.config", &text);
    let unknown: Vec<String> = run
        .files()
        .iter()
        .filter_map(|f| f.rsplit_once('.').map(|(_, ext)| ext.to_owned()))
        .filter(|ext| !IIS_KNOWS.contains(&ext.as_str()) && !mapped.contains(&format!(".{ext}")))
        .filter(|ext| ext != "config")
        .collect();
    assert_eq!(unknown, Vec::<String>::new());
}

#[test]
fn the_hosting_guide_shows_each_recipe_as_it_is_and_chorus_new_writes_the_ci_files() {
    let guide =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/hosting.md")).unwrap();
    for name in [
        "github-publish.yml",
        "gitlab-ci.yml",
        "netlify.toml",
        "htaccess",
        "web.config",
    ] {
        assert!(
            guide.contains(&recipe(name)),
            "docs/hosting.md does not show {name} as it is"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let (code, made) = chorus_at(dir.path(), &["new", "our-report"]);
    assert_eq!(code, 0, "{made}");
    let report = dir.path().join("our-report");
    assert_eq!(
        fs::read_to_string(report.join(".github/workflows/publish.yml")).unwrap(),
        recipe("github-publish.yml")
    );
    assert_eq!(
        fs::read_to_string(report.join(".gitlab-ci.yml")).unwrap(),
        recipe("gitlab-ci.yml")
    );
}
