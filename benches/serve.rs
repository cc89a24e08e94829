//! `cargo bench --bench serve`: how long `chorus serve` takes from saving a story to serving
//! the changed page, on the example report and on a generated report of 1,000 stories, through
//! the real watcher, server and event stream. Run it with `TMPDIR=/dev/shm` so the reports sit
//! on tmpfs.
//!
//! Four kinds of save to one story: its text, its title, its consent (withdrawn, then given
//! again), and a new story beside it.
//!
//! For each save: waiting for the watcher (from the save until the watcher hands the batch on,
//! its debounce window included), loading, planning and checking, rendering (the pages made
//! again, and the new snapshot), telling the browsers (until the event arrives), and fetching
//! the page. The medians of 15 saves are printed, never asserted: a busy machine is not a
//! failure.

mod common;

use chorus::serve::{Event, Options, Server};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};
use std::{fs, thread};

const SAVES: usize = 15;

/// One save of a kind, numbered (each differs from the one before), and where it shows.
type Save = Box<dyn Fn(usize) -> Check>;

/// Where a save shows, and how to tell that it does.
struct Check {
    path: String,
    shows: Box<dyn Fn(&str) -> bool>,
}

impl Check {
    fn new(path: &str, shows: impl Fn(&str) -> bool + 'static) -> Check {
        Check {
            path: path.to_owned(),
            shows: Box::new(shows),
        }
    }
}

/// What the server reported of one update.
struct Timed {
    seen: Instant,
    load: Duration,
    plan_and_check: Duration,
    render: Duration,
    told: Instant,
    pages_made: usize,
}

fn main() {
    println!(
        "report         change       pages made  watcher  load  plan+check  render  notify  fetch  save-to-served (median of {SAVES}, ms)"
    );
    for (name, stories) in [("example", 0), ("1,000 stories", 1_000)] {
        let root = if stories == 0 {
            let root = tempfile::tempdir().unwrap();
            common::copy_dir(
                &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
                &root.path().join("content"),
            );
            root
        } else {
            common::report_with_stories(stories)
        };
        measure(name, root.path());
    }
}

fn measure(name: &str, root: &Path) {
    let (sender, updates) = mpsc::channel();
    let server = chorus::serve::start(
        Options {
            root: root.to_owned(),
            port: 0,
            lan: false,
            poll: false,
            preview: chorus::preview::Options {
                today: Some(jiff::civil::date(2026, 11, 23)),
                drafts: true,
                ..chorus::preview::Options::default()
            },
        },
        move |event| {
            if let Event::Updated {
                update,
                seen: Some(seen),
                told,
            } = event
            {
                let _ = sender.send(Timed {
                    seen,
                    load: update.load,
                    plan_and_check: update.plan_and_check,
                    render: update.render,
                    told,
                    pages_made: update.pages_made,
                });
            }
        },
    )
    .unwrap_or_else(|_| panic!("the preview could not start"));
    let story = root.join("content/stories/the-saturday-club.md");
    let original = fs::read_to_string(&story).unwrap();
    let edit = |from: &'static str, to: &'static str| {
        let (story, original) = (story.clone(), original.clone());
        move |n: usize| {
            let marker = to.replace("{n}", &n.to_string());
            fs::write(&story, original.replacen(from, &marker, 1)).unwrap();
            let shown = marker
                .trim_start_matches("title = \"")
                .trim_end_matches('"');
            let shown = shown.to_owned();
            Check::new("stories/the-saturday-club.html", move |page| {
                page.contains(&shown)
            })
        }
    };
    let new_story = {
        let (folder, original) = (root.join("content/stories"), original.clone());
        move |n: usize| {
            let title = format!("A new story {n}");
            let text = original.replacen("The Saturday club", &title, 1);
            fs::write(folder.join(format!("new-{n}.md")), text).unwrap();
            Check::new(&format!("stories/new-{n}.html"), move |page| {
                page.contains(&title)
            })
        }
    };
    // Consent withdrawn on even saves and given again on odd ones: the story leaves the list
    // of stories, and comes back.
    let consent = {
        let (story, original) = (story.clone(), original.clone());
        move |n: usize| {
            let given = n % 2 == 1;
            let text = original.replacen("given = true", &format!("given = {given}"), 1);
            fs::write(&story, text).unwrap();
            Check::new("stories/index.html", move |page| {
                page.contains("href=\"../stories/the-saturday-club.html\"") == given
            })
        }
    };
    let changes: Vec<(&str, Save)> = vec![
        (
            "its text",
            Box::new(edit("about twelve of us", "about {n} of us")),
        ),
        (
            "its title",
            Box::new(edit(
                "title = \"The Saturday club\"",
                "title = \"The Saturday club {n}\"",
            )),
        ),
        ("its consent", Box::new(consent)),
        ("a new story", Box::new(new_story)),
    ];
    for (change, save) in changes {
        let mut rows = Vec::new();
        let builds = events(&server);
        builds.recv().unwrap();
        for n in 0..SAVES {
            let saved = Instant::now();
            let check = save(100 + n);
            // The first news after a save may be of a run that began before it (the watcher's
            // batch of the folder's set-up, or of the save's first bytes): the time is taken
            // to the first page that shows the save.
            let (notified, fetched) = loop {
                builds
                    .recv_timeout(Duration::from_secs(10))
                    .unwrap_or_else(|_| panic!("{change}: {} is not as saved", check.path));
                let notified = Instant::now();
                let page = fetch(&server, &check.path);
                if (check.shows)(&page) {
                    break (notified, Instant::now());
                }
            };
            // Several batches may come of one save; the last is the one served.
            let mut timed = updates.recv().unwrap();
            while let Ok(later) = updates.try_recv() {
                timed = later;
            }
            rows.push([
                timed.pages_made as f64,
                ms(timed.seen.saturating_duration_since(saved)),
                ms(timed.load),
                ms(timed.plan_and_check),
                ms(timed.render),
                ms(notified.saturating_duration_since(timed.told)),
                ms(fetched - notified),
                ms(fetched - saved),
            ]);
        }
        let median = |column: usize| {
            let mut values: Vec<f64> = rows.iter().map(|r| r[column]).collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        println!(
            "{name:<14} {change:<12} {:>10.0}  {:>7.1}  {:>4.1}  {:>10.1}  {:>6.1}  {:>6.1}  {:>5.1}  {:>14.1}",
            median(0),
            median(1),
            median(2),
            median(3),
            median(4),
            median(5),
            median(6),
            median(7),
        );
        fs::write(&story, &original).unwrap();
        for n in 0..SAVES {
            let _ = fs::remove_file(root.join(format!("content/stories/new-{}.md", 100 + n)));
        }
        // Let the last change settle before the next kind.
        builds.recv_timeout(Duration::from_secs(5)).ok();
        while updates.recv_timeout(Duration::from_millis(200)).is_ok() {}
    }
    server.stop();
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn fetch(server: &Server, path: &str) -> String {
    ureq::get(format!("{}{path}", server.url()))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap()
}

/// The `build` events of the preview's event stream, as a browser gets them.
fn events(server: &Server) -> Receiver<String> {
    let response = ureq::get(format!("{}__chorus/events", server.url()))
        .call()
        .unwrap();
    let (sender, builds) = mpsc::channel();
    thread::spawn(move || {
        let reader = BufReader::new(response.into_body().into_reader());
        for line in reader.lines().map_while(Result::ok) {
            if let Some(build) = line.strip_prefix("data: ")
                && sender.send(build.to_owned()).is_err()
            {
                break;
            }
        }
    });
    builds
}
