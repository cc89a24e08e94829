//! Publishing and finding: files for the site's root, the 404 page on any host, feeds,
//! sitemap.xml and robots.txt, search, sharing, and the hosting recipes, each through the real
//! binary. The site is followed link by link through a small server that behaves as GitHub
//! Pages does for a project's sub-folder; the feeds and sitemap are validated against their
//! schemas; and the search index's own files are searched for what consent leaves out.

mod common;

use common::*;
use std::collections::{BTreeSet, HashSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn example() -> tempfile::TempDir {
    copy_report(Path::new(env!("CARGO_MANIFEST_DIR")))
}

#[test]
fn files_for_the_root_are_copied_as_they_are_and_a_report_s_robots_txt_wins() {
    let run = chorus("hosting", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_messages(&run.stderr, "hosting");
    let files = run.files();
    for file in [
        "CNAME",
        ".htaccess",
        "_redirects",
        ".well-known/security.txt",
        "robots.txt",
        "sitemap.xml",
        "feed/stories.xml",
    ] {
        assert!(files.contains(&file.to_owned()), "{file} in {files:?}");
    }
    assert_eq!(run.page("CNAME"), "reports.example.org\n");
    // A browser looks for the icon at the host's root: each page says where it is.
    assert!(
        run.page("index.html")
            .contains(r#"<link rel="icon" href="favicon.ico">"#)
    );
    assert!(
        run.page("stories/index.html")
            .contains(r#"<link rel="icon" href="../favicon.ico">"#)
    );
    assert_eq!(run.page("robots.txt"), "User-agent: *\nDisallow: /\n");
    // What a computer leaves by itself is not published, and nor is Chorus's own marker.
    assert!(
        !files
            .iter()
            .any(|f| f.contains("DS_Store") || f.contains("chorus"))
    );
    assert!(run.root.path().join(".site.chorus-site").is_file());
}

#[test]
fn a_root_file_that_would_take_chorus_s_place_or_has_a_bad_name_is_refused() {
    let run = chorus("root-file-mistakes", &["build"]);
    assert_eq!(run.code, 1);
    assert_messages(&run.stderr, "root-file-mistakes");
}

#[test]
fn without_base_url_the_build_warns_once_and_the_404_page_finds_the_root_itself() {
    let run = chorus("minimal", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("has no base_url").count(),
        1,
        "{}",
        run.stderr
    );
    let not_found = run.page("404.html");
    assert!(not_found.contains("<script>"), "{not_found}");
    assert!(not_found.contains(r#"<a href="index.html">"#));
    // No feeds, sitemap or robots.txt: each needs full addresses.
    let files = run.files();
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("feed/") || f.ends_with("sitemap.xml") || f == "robots.txt")
    );
}

#[test]
fn base_url_from_the_command_line_takes_the_place_of_site_toml_s() {
    let run = run_in(
        example(),
        &["build", "--base-url", "https://staging.example.org/report"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let story = run.page("stories/the-saturday-club.html");
    assert!(story.contains(
        r#"<link rel="canonical" href="https://staging.example.org/report/stories/the-saturday-club.html">"#
    ));
    assert!(
        run.page("404.html")
            .contains(r#"href="https://staging.example.org/report/index.html""#)
    );
    assert!(
        run.page("sitemap.xml")
            .contains("<loc>https://staging.example.org/report/</loc>")
    );
    assert!(!run.page("sitemap.xml").contains("harrowdale.example"));

    let refused = run_in(example(), &["build", "--base-url", "staging.example.org"]);
    assert_eq!(refused.code, 1);
    assert_eq!(
        refused.stderr,
        "error[base-url-not-full]: --base-url staging.example.org is not a full web address.\n  what to do: Write the whole address where this copy of the site will be, starting with https:// or http://, such as --base-url https://staging.example.gov.uk/our-report/\n\nNothing was written.\n"
    );
}

#[test]
fn nothing_consent_leaves_out_reaches_any_file_the_search_index_s_included() {
    let run = run_in(example(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = run.site();
    let index = site.join("pagefind");
    assert!(index.join("pagefind.js").is_file());
    // The index's files are compressed: unpacked, they hold the published stories' words…
    let in_index = |word: &str| {
        files_containing(&index, word)
            .iter()
            .any(|f| f.ends_with(".pf_fragment"))
    };
    assert!(in_index("Saturday club"), "the index is searched unpacked");
    assert!(in_index("Allotment") || in_index("garden"));
    // …and nothing of the withdrawn story, nor of the one still in review, in any file.
    for trace in [
        "Priya",
        "Marigold",
        "moving-into-my-own-flat",
        "waiting-for-an-assessment",
        "HV-2026",
    ] {
        assert_eq!(
            files_containing(&site, trace),
            Vec::<String>::new(),
            "{trace}"
        );
    }
}

#[test]
fn only_stories_whose_consent_covers_feeds_are_in_the_feeds() {
    let run = run_in(example(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for feed in ["feed/stories.xml", "cy/feed/stories.xml"] {
        let text = run.page(feed);
        assert!(text.contains("the-saturday-club.html"), "{feed}");
        // Published on the website, but their consent does not include feeds.
        for left_out in [
            "direct-payments-made-simple",
            "Direct payments made simple",
            "Taliadau uniongyrchol",
            "not-on-my-own-anymore",
            "Not on my own anymore",
        ] {
            assert!(!text.contains(left_out), "{left_out} in {feed}");
        }
    }
    // Every page names the feeds in its head; the lists link to them in words.
    assert!(run.page("about.html").contains(
        r#"<link rel="alternate" type="application/atom+xml" title="New stories – Our care, our say" href="feed/stories.xml">"#
    ));
    assert!(run.page("stories/index.html").contains(
        r#"<p class="feed-link"><a href="../feed/stories.xml">Get new stories in a feed reader (Atom feed)</a></p>"#
    ));
    assert!(
        run.page("cy/you-said-we-did/index.html")
            .contains(r#"href="../feed/you-said-we-did.xml""#)
    );
    let updates = run.page("feed/you-said-we-did.xml");
    assert!(updates.contains("#update-1</id>"), "{updates}");
}

/// The stories' details are open data only where consent says so: a story published on the
/// website whose `scope` lacks `open-data` is not in `data/`, and no story's `[consent]` is.
#[test]
fn only_stories_whose_consent_covers_open_data_are_in_the_open_data() {
    let run = run_in(example(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = run.page("data/stories.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "\u{feff}name,title,summary,date,storyteller,role,themes,statements,related,level,page,translations"
        )
    );
    let names: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(
        names,
        [
            "direct-payments-made-simple",
            "the-saturday-club",
            "finding-the-right-words",
            "getting-my-evenings-back",
        ]
    );
    assert!(csv.contains(
        "the-saturday-club,The Saturday club,Volunteers and young adults with learning disabilities turned an empty plot behind the community centre into a garden that now feeds the lunch club.,2026-07-11,Sam,volunteer,mir.asc | mir.wellbeing,mir.asc.we2,YSWD-2025-007,day-to-day,stories/the-saturday-club.html,\r\n"
    ), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&run.page("data/stories.json")).unwrap();
    let stories = json.as_array().unwrap();
    let json_names: Vec<&str> = stories
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(json_names, names);
    assert_eq!(
        stories[0]["translations"],
        serde_json::json!([{
            "language": "cy",
            "page": "cy/stories/direct-payments-made-simple.html",
            "title": "Taliadau uniongyrchol wedi'u gwneud yn syml",
            "summary": "Mae Rhian yn rheoli taliad uniongyrchol ar gyfer ei mab. Fe wnaeth gwasanaeth cymorth newydd ei helpu i gyflogi ei gynorthwywyr personol heb i'r gwaith papur gymryd drosodd ei bywyd.",
        }])
    );
    // Published on the website, but their consent does not include open data.
    for file in ["data/stories.csv", "data/stories.json"] {
        let text = run.page(file);
        for left_out in [
            "a-voice-at-the-table",
            "A voice at the table",
            "not-on-my-own-anymore",
            "Not on my own anymore",
            "HV-2026",
            "review_by",
        ] {
            assert!(!text.contains(left_out), "{left_out} in {file}");
        }
    }
    assert!(run.page("stories/index.html").contains(
        r#"<p>Download the stories’ details as open data, where the storyteller agreed: <a href="../data/stories.csv">CSV spreadsheet</a>, <a href="../data/stories.json">JSON</a>.</p>"#
    ));
    assert!(
        run.page("cy/stories/index.html")
            .contains(r#"<a href="../../data/stories.csv">taenlen CSV</a>"#)
    );
}

/// With no story whose consent covers open data, there is no stories' open data, and the
/// A story's words that a spreadsheet would run as a formula (`=`, `+`, `-` or `@` first) are
/// written into the stories' CSV with `'` in front, as the entries' are; the JSON and the page
/// keep them as typed, where they are only words.
#[test]
fn the_stories_open_data_never_holds_a_formula() {
    let root = example();
    let story = root.path().join("content/stories/the-saturday-club.md");
    let text = fs::read_to_string(&story)
        .unwrap()
        .replace(
            "title = \"The Saturday club\"",
            "title = \"=HYPERLINK(\\\"https://evil.example\\\")\"",
        )
        .replace("storyteller = \"Sam\"", "storyteller = \"@Sam\"");
    fs::write(&story, text).unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = run.page("data/stories.csv");
    assert!(
        csv.contains("the-saturday-club,\"'=HYPERLINK(\"\"https://evil.example\"\")\",Volunteers"),
        "{csv}"
    );
    assert!(csv.contains(",2026-07-11,'@Sam,volunteer,"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&run.page("data/stories.json")).unwrap();
    let club = json
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "the-saturday-club")
        .unwrap();
    assert_eq!(club["title"], "=HYPERLINK(\"https://evil.example\")");
    assert_eq!(club["storyteller"], "@Sam");
    assert!(
        run.page("stories/the-saturday-club.html")
            .contains("<h1>=HYPERLINK(&quot;https://evil.example&quot;)</h1>")
    );
}

/// list of stories does not offer it.
#[test]
fn a_report_with_no_story_for_open_data_has_no_stories_open_data() {
    let run = chorus("minimal", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = run.files();
    assert!(files.iter().any(|f| f.starts_with("stories/")), "{files:?}");
    assert!(
        !files.iter().any(|f| f.starts_with("data/stories")),
        "{files:?}"
    );
    assert!(!run.page("stories/index.html").contains("open data"));
}

/// An address copied from the browser's address bar names a page: every full address
/// Chorus writes would break, so it is refused, with the folder's address to use instead.
#[test]
fn a_base_url_that_names_a_page_is_refused_with_the_folder_s_address() {
    let root = copy_report(&fixture("minimal"));
    let site = root.path().join("content/site.toml");
    fs::write(
        &site,
        "base_url = \"https://www.harrowdale.gov.uk/our-report/index.html?from=home#top\"\n"
            .to_owned()
            + &fs::read_to_string(&site).unwrap(),
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error[base-url-not-a-folder]: The base_url is the address of one page, not of the folder that holds the site.
  --> content/site.toml:1:12
    |
  1 | base_url = \"https://www.harrowdale.gov.uk/our-report/index.html?from=home#top\"
    |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  what to do: Write the folder's address, without the page's name or anything after ? or #: base_url = \"https://www.harrowdale.gov.uk/our-report/\".

Found 1 problem that stops the build. Nothing was written: there is no site yet.
"
    );

    let run = run_in(
        copy_report(&fixture("minimal")),
        &[
            "build",
            "--base-url",
            "https://reports.example.org/ours/?page=2",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error[base-url-not-a-folder]: --base-url https://reports.example.org/ours/?page=2 is the address of one page, not of the folder that holds the site.
  what to do: Write the folder's address, without the page's name or anything after ? or #: --base-url https://reports.example.org/ours/

Nothing was written.
"
    );
}

#[test]
fn the_sitemap_lists_exactly_the_published_pages_with_their_languages() {
    let run = run_in(example(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let base = "https://ourcareoursay.harrowdale.example/";
    let sitemap = run.page("sitemap.xml");
    let listed: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|piece| piece[..piece.find("</loc>").unwrap()].to_owned())
        .collect();
    let pages: BTreeSet<String> = run
        .files()
        .into_iter()
        .filter(|f| f.ends_with(".html") && !f.ends_with("404.html"))
        .map(|f| {
            if f == "index.html" {
                base.to_owned()
            } else {
                format!("{base}{f}")
            }
        })
        .collect();
    assert_eq!(listed, pages);
    assert!(sitemap.contains(&format!(
        r#"<xhtml:link rel="alternate" hreflang="cy" href="{base}cy/stories/direct-payments-made-simple.html"/>"#
    )));
    assert_eq!(
        run.page("robots.txt"),
        format!(
            "# Made by Chorus. Search engines may read every page; sitemap.xml lists them.\nUser-agent: *\nDisallow:\n\nSitemap: {base}sitemap.xml\n"
        )
    );
}

#[test]
fn a_pasted_link_shows_the_page_s_title_and_summary() {
    let run = run_in(example(), &["build"]);
    let story = run.page("stories/the-saturday-club.html");
    for tag in [
        r#"<meta property="og:type" content="article">"#,
        r#"<meta property="og:title" content="The Saturday club">"#,
        r#"<meta property="og:site_name" content="Our care, our say">"#,
        r#"<meta property="og:locale" content="en_GB">"#,
        r#"<meta property="og:url" content="https://ourcareoursay.harrowdale.example/stories/the-saturday-club.html">"#,
    ] {
        assert!(story.contains(tag), "{tag}");
    }
    assert!(
        story.contains(r#"<meta property="og:description" content="Volunteers and young adults"#)
    );
    assert!(!story.contains("og:image"));
    // Search engines ask for full addresses in hreflang links, this page's own included;
    // the language switch in the page stays relative.
    let welsh = run.page("cy/stories/direct-payments-made-simple.html");
    for tag in [
        r#"<link rel="alternate" hreflang="cy" href="https://ourcareoursay.harrowdale.example/cy/stories/direct-payments-made-simple.html">"#,
        r#"<link rel="alternate" hreflang="en-GB" href="https://ourcareoursay.harrowdale.example/stories/direct-payments-made-simple.html">"#,
        r#"<a href="../../stories/direct-payments-made-simple.html" hreflang="en-GB" lang="en-GB">English</a>"#,
    ] {
        assert!(welsh.contains(tag), "{tag}");
    }
    // The 404 page is served at any missing address: it claims none of its own.
    assert!(!run.page("404.html").contains("canonical"));
    assert!(!run.page("404.html").contains("og:url"));
}

/// The search page works without JavaScript as a way to the site map and the theme pages.
#[test]
fn the_search_page_offers_the_site_map_and_the_theme_pages_without_javascript() {
    let run = run_in(example(), &["build"]);
    let search = run.page("search.html");
    assert!(search.contains(r#"<form class="search-form" role="search" action="search.html" method="get" data-index="pagefind/pagefind.js" data-root="" hidden>"#));
    assert!(search.contains(r#"<a href="site-map.html">Site map</a>"#));
    assert!(
        search.contains(
            r#"<li><a href="themes/mir.wellbeing.html">Wellbeing and independence</a></li>"#
        ),
        "{search}"
    );
    assert!(
        run.page("cy/search.html")
            .contains(r#"data-index="../pagefind/pagefind.js" data-root="../""#)
    );
    // A report may have no search at all.
    let root = copy_report(&fixture("minimal"));
    let site = root.path().join("content/site.toml");
    fs::write(
        &site,
        "search = false\n".to_owned() + &fs::read_to_string(&site).unwrap(),
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.files().iter().any(|f| f.starts_with("pagefind/")
        || f.ends_with("search.html")
        || f.ends_with("search.js")));
    assert!(!run.page("index.html").contains("search.html"));
}

/// A page's words are kept as plain text for search only: with search, a story's page keeps
/// them for the index; without it, no page keeps any (making them was 1% of a large build).
#[test]
fn pages_keep_their_words_as_plain_text_only_for_search() {
    let root = example();
    let today = jiff::civil::date(2026, 11, 23);
    let with_search = chorus::compile(root.path(), today);
    let story = &with_search.output.text["stories/direct-payments-made-simple.html"];
    assert_eq!(story.title, "Direct payments made simple");
    assert!(
        story
            .text
            .starts_with("Direct payments made simple\nMy son Gethin is 24."),
        "{}",
        story.text
    );
    let site = root.path().join("content/site.toml");
    let settings = fs::read_to_string(&site).unwrap();
    fs::write(&site, format!("search = false\n{settings}")).unwrap();
    let without = chorus::compile(root.path(), today);
    assert!(without.output.text.len() > 100);
    let kept: Vec<&String> = (without.output.text.iter())
        .filter(|(_, words)| !words.text.is_empty())
        .map(|(path, _)| path)
        .collect();
    assert_eq!(kept, Vec::<&String>::new());
}

/// The feeds and the sitemap against their schemas (`tests/schemas/`), with Jing, the RELAX NG
/// validator inside the Nu HTML Checker's jar that the browser tests install.
#[test]
fn the_feeds_and_the_sitemap_are_valid_against_their_schemas() {
    let jar = browser_jar();
    let run = run_in(example(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    let mut checked = 0;
    for file in run.files() {
        let schema = if file.ends_with("sitemap.xml") {
            "sitemap.rnc"
        } else if file.contains("feed/") {
            "atom.rnc"
        } else {
            continue;
        };
        let output = Command::new("java")
            .args(["-cp", jar.to_str().unwrap()])
            .arg("nu.validator.vendor.thaiopensource.relaxng.util.Driver")
            .arg("-c")
            .arg(schemas.join(schema))
            .arg(run.site().join(&file))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{file} is not valid against {schema}:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        checked += 1;
    }
    // Stories and tracker updates, in English and Welsh, and the sitemap.
    assert_eq!(checked, 5);
    // The schemas can fail: a feed without its date is refused.
    let broken = run.site().join("feed/stories.xml");
    let text = fs::read_to_string(&broken).unwrap();
    let start = text.find("  <updated>").unwrap();
    let end = text[start..].find('\n').unwrap() + start + 1;
    fs::write(&broken, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let output = Command::new("java")
        .args(["-cp", jar.to_str().unwrap()])
        .arg("nu.validator.vendor.thaiopensource.relaxng.util.Driver")
        .arg("-c")
        .arg(schemas.join("atom.rnc"))
        .arg(&broken)
        .output()
        .unwrap();
    assert!(!output.status.success());
}

/// The Nu HTML Checker's jar, installed by `tests/browser/setup.sh`.
fn browser_jar() -> PathBuf {
    let browser = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let setup = Command::new("bash")
        .arg(browser.join("setup.sh"))
        .output()
        .unwrap();
    assert!(
        setup.status.success(),
        "{}",
        String::from_utf8_lossy(&setup.stderr)
    );
    browser.join("node_modules/vnu-jar/build/dist/vnu.jar")
}

/// A static host as GitHub Pages is for a project: the site under `/<folder>/`, a folder's
/// `index.html` for its address with `/`, a redirect to add a missing `/`, and the site's own
/// `404.html`, with status 404, for any address in the folder that has no file.
mod host {
    use axum::body::Body;
    use axum::http::{StatusCode, Uri, header};
    use axum::response::{IntoResponse, Response};
    use std::path::PathBuf;

    pub fn serve(listener: std::net::TcpListener, site: PathBuf, folder: &'static str) {
        listener.set_nonblocking(true).unwrap();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let app = axum::Router::new().fallback(move |uri: Uri| {
                    let site = site.clone();
                    async move { answer(&site, folder, &uri) }
                });
                axum::serve(listener, app).await.unwrap();
            });
        });
    }

    fn answer(site: &std::path::Path, folder: &str, uri: &Uri) -> Response {
        let path = percent_encoding::percent_decode_str(uri.path())
            .decode_utf8_lossy()
            .into_owned();
        let Some(inside) = path.strip_prefix(&format!("/{folder}/")) else {
            return (StatusCode::NOT_FOUND, "not this site").into_response();
        };
        if inside.split('/').any(|part| part == "..") {
            return (StatusCode::NOT_FOUND, "no").into_response();
        }
        let mut file = site.join(inside);
        if file.is_dir() {
            if !inside.is_empty() && !inside.ends_with('/') {
                return (
                    StatusCode::MOVED_PERMANENTLY,
                    [(header::LOCATION, format!("{path}/"))],
                )
                    .into_response();
            }
            file = file.join("index.html");
        }
        match std::fs::read(&file) {
            Ok(bytes) => {
                let kind = mime_guess::from_path(&file)
                    .first_or_octet_stream()
                    .to_string();
                (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, kind)],
                    Body::from(bytes),
                )
                    .into_response()
            }
            Err(_) => {
                let page = std::fs::read(site.join("404.html")).unwrap_or_default();
                (
                    StatusCode::NOT_FOUND,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned())],
                    Body::from(page),
                )
                    .into_response()
            }
        }
    }
}

/// Every `href` and `src` of a page, as written.
fn addresses(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [" href=\"", " src=\"", " data-index=\""] {
        for piece in html.split(attribute).skip(1) {
            if let Some(end) = piece.find('"') {
                found.push(piece[..end].replace("&amp;", "&"));
            }
        }
    }
    found
}

#[test]
fn every_link_of_every_page_works_on_a_host_in_a_sub_folder_404_page_included() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let base = format!("{origin}/our-care-our-say/");
    let run = run_in(example(), &["build", "--base-url", &base]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    host::serve(listener, run.site(), "our-care-our-say");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let get = |url: &str| {
        let mut response = agent.get(url).call().unwrap();
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_vec().unwrap_or_default();
        (status, body)
    };

    // The 404 page, as the host shows it for a missing address deep in the folder.
    let deep = format!("{base}no/such/folder/page.html");
    let (status, body) = get(&deep);
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&body).contains("<h1>Page not found</h1>"));

    let mut queue: VecDeque<(String, String)> = [
        (base.clone(), "the start".to_owned()),
        (deep.clone(), "the 404 page".to_owned()),
    ]
    .into();
    let mut seen: HashSet<String> = HashSet::new();
    let mut broken = Vec::new();
    let mut pages = 0;
    while let Some((address, from)) = queue.pop_front() {
        let url = url::Url::parse(&address).unwrap();
        let mut key = url.clone();
        key.set_fragment(None);
        if !seen.insert(key.to_string()) {
            continue;
        }
        let (status, body) = get(key.as_str());
        if key.as_str() == deep {
            assert_eq!(status, 404);
        } else if status != 200 {
            broken.push(format!("{key} ({status}), linked from {from}"));
            continue;
        }
        if !key.path().ends_with(".html") && !key.path().ends_with('/') {
            continue;
        }
        pages += 1;
        for link in addresses(&String::from_utf8_lossy(&body)) {
            let Ok(target) = key.join(&link) else {
                broken.push(format!("{link} on {key} is not an address"));
                continue;
            };
            if target.origin().ascii_serialization() == origin {
                queue.push_back((target.to_string(), key.to_string()));
            } else if target.scheme().starts_with("http") && target.as_str().contains("127.0.0.1") {
                broken.push(format!("{target} on {key} leaves the site's host"));
            }
        }
    }
    assert_eq!(broken, Vec::<String>::new());
    // Every page of the site was reached (the 404 pages are not linked to), and the search
    // index's library.
    let reached: BTreeSet<String> = seen
        .iter()
        .filter_map(|url| url.strip_prefix(&base))
        .map(|path| {
            if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_owned()
            }
        })
        .collect();
    let unreached: Vec<String> = run
        .files()
        .into_iter()
        .filter(|f| f.ends_with(".html") && !f.ends_with("404.html") && !reached.contains(f))
        .collect();
    assert_eq!(unreached, Vec::<String>::new());
    assert!(reached.contains("pagefind/pagefind.js"));
    assert!(pages > 80, "{pages}");
}

/// A report with `base_url`, a story whose consent was withdrawn (`taken-back`) and a draft
/// (`coming-soon`), whose about page says `links`.
fn report_linking_in_full(links: &str) -> tempfile::TempDir {
    let root = copy_report(&fixture("minimal"));
    let content = root.path().join("content");
    let settings = fs::read_to_string(content.join("site.toml")).unwrap();
    let settings = format!("base_url = \"https://voices.example/report/\"\n{settings}");
    fs::write(content.join("site.toml"), settings).unwrap();
    let first = fs::read_to_string(content.join("stories/first-story.md")).unwrap();
    let taken_back = first.replace("given = true\n", "given = true\nwithdrawn = 2026-11-01\n");
    fs::write(content.join("stories/taken-back.md"), taken_back).unwrap();
    let draft = first.replace("themes = [", "status = \"draft\"\nthemes = [");
    let draft =
        format!("{draft}\nIt is [nowhere](https://voices.example/report/stories/nowhere.html).\n");
    fs::write(content.join("stories/coming-soon.md"), draft).unwrap();
    let about = fs::read_to_string(content.join("pages/about.md")).unwrap();
    fs::write(
        content.join("pages/about.md"),
        format!("{about}\n{links}\n"),
    )
    .unwrap();
    root
}

/// A link written as the full address of a page of the site itself is the link to that page it
/// is: to a withdrawn story it stops the build, as a link written as the story's file does,
/// however it is written (a link, an address between `<` and `>`); to a page that is there it
/// becomes a relative link, so the site works in any folder, a staging copy's too.
#[test]
fn a_link_to_the_site_s_own_address_is_checked_and_made_relative() {
    let run = run_in(
        report_linking_in_full(
            "Read [her story](https://voices.example/report/stories/taken-back.html) or <https://voices.example/report/stories/taken-back.html>.\n\nNot [this one](https://voices.example/report/stories/takne-back.html).",
        ),
        &["build"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let said = "a story whose storyteller has withdrawn their consent, so the site can't be published with this link in it.";
    let help = "  what to do: Take out the whole link, its words as well as its address, and any words near it about the story or the person who told it: a withdrawn story must leave no trace on the site.";
    let line = "Read [her story](https://voices.example/report/stories/taken-back.html) or <https://voices.example/report/stories/taken-back.html>.";
    assert_eq!(
        run.messages_of("link-to-withdrawn-story"),
        [
            format!(
                "error[link-to-withdrawn-story]: This link points to https://voices.example/report/stories/taken-back.html, the page of stories/taken-back.md, {said}\n  --> content/pages/about.md:7:6\n    |\n  7 | {line}\n    |      {}\n{help}",
                "^".repeat(66)
            ),
            format!(
                "error[link-to-withdrawn-story]: This link points to https://voices.example/report/stories/taken-back.html, the page of stories/taken-back.md, {said}\n  --> content/pages/about.md:7:76\n    |\n  7 | {line}\n    |{}{}\n{help}",
                " ".repeat(76),
                "^".repeat(55)
            ),
            format!(
                "error[link-to-withdrawn-story]: This link points to \"https://voices.example/report/stories/takne-back.html\", most likely meaning stories/taken-back.md, {said}\n  --> content/pages/about.md:9:5\n    |\n  9 | Not [this one](https://voices.example/report/stories/takne-back.html).\n    |     {}\n{help}",
                "^".repeat(65)
            ),
        ],
        "{}",
        run.stderr
    );
    assert!(!run.site().exists());

    let links = "[First](https://voices.example/report/stories/first-story.html#end), \
        [home](HTTPS://Voices.Example/report/), [soon](http://voices.example/report/stories/coming-soon.html), \
        [list](https://voices.example/report/stories/index.html), [other](https://voices.example/other/page.html), \
        [gone](https://voices.example/report/stories/first-story-2.html)";
    let run = run_in(report_linking_in_full(links), &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.message_of("link-to-missing-file"),
        "error[link-to-missing-file]: This link points to \"https://voices.example/report/stories/first-story-2.html\", which is not a page or file of this site.\n  --> content/pages/about.md:7:280\n    |\n  7 | …https://voices.example/report/stories/index.html), [other](https://voices.example/other/page.html), [gone](https://voices.example/report/stories/first-story-2.html)\n    |                                                                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Did you mean stories/first-story.md? Write the file's path from the content folder, as the file is named there."
    );

    let links = links.replace(
        ", [gone](https://voices.example/report/stories/first-story-2.html)",
        "",
    );
    let staging = "https://staging.voices.example/";
    let run = run_in(
        report_linking_in_full(&links),
        &["build", "--base-url", staging],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.message_of("link-to-unpublished"),
        format!(
            "warning[link-to-unpublished]: This link points to http://voices.example/report/stories/coming-soon.html, the page of stories/coming-soon.md, which is not published, so Chorus left the link out.\n  --> content/pages/about.md:7:110\n    |\n  7 | {links}\n    |{}{}\n  what to do: Once that story is published the link works. If it will not be, take the link out.",
            " ".repeat(110),
            "^".repeat(61)
        )
    );
    // A draft's links are checked too, before it is published.
    assert_eq!(
        run.message_of("link-to-missing-file"),
        "warning[link-to-missing-file]: This link points to \"https://voices.example/report/stories/nowhere.html\", which is not a page or file of this site.\n  --> content/stories/coming-soon.md:21:7\n     |\n  21 | It is [nowhere](https://voices.example/report/stories/nowhere.html).\n     |       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: The story is not published yet, so this does not stop the build. Before it is, check the spelling. If nowhere.md is not in the report yet, add it to content/stories, or take the link out."
    );
    let about = run.page("about.html");
    assert!(
        about.contains(
            r#"<p><a href="stories/first-story.html#end">First</a>, <a href="index.html">home</a>, soon, <a href="https://voices.example/report/stories/index.html">list</a>, <a href="https://voices.example/other/page.html">other</a></p>"#
        ),
        "{about}"
    );
    // Nothing of the withdrawn story, nor of the draft, in any byte of the site.
    for trace in ["taken-back", "coming-soon"] {
        assert_eq!(
            files_containing(&run.site(), trace),
            Vec::<String>::new(),
            "{trace}"
        );
    }
}
