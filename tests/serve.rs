//! `chorus serve` end to end: the real binary, a real port, the real watcher, and HTTP. Each
//! test waits for the preview's own `build` event, not for a guessed length of time: the
//! preview tells the browsers only once the new build is in place, so a page fetched after the
//! event is the new one. The sequence of changes itself is tested in `tests/preview.rs`.

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};
use std::{fs, thread};

/// How long anything may take before a test gives up: far more than any step needs.
const PATIENCE: Duration = Duration::from_secs(20);

struct Served {
    child: Child,
    root: tempfile::TempDir,
    url: String,
    /// What the server printed, line by line.
    lines: Receiver<String>,
    agent: ureq::Agent,
}

impl Served {
    /// `chorus serve` on a copy of the report, on a free port.
    fn start(root: tempfile::TempDir) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chorus"))
            .args(["serve", "--port", "0", "--today", TODAY])
            .arg(root.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, lines) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut served = Served {
            child,
            root,
            url: String::new(),
            lines,
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(PATIENCE))
                .build()
                .into(),
        };
        let line = served.line_starting("The preview is at ");
        served.url = line["The preview is at ".len()..].to_owned();
        served
    }

    /// Waits for the server to print a line that starts so, and returns it.
    fn line_starting(&self, start: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(start) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!(
            "the server never said \"{start}…\"; it said:\n{}",
            seen.join("\n")
        );
    }

    /// Status and body of a page.
    fn get(&self, path: &str) -> (u16, String) {
        let mut response = self
            .agent
            .get(format!("{}{path}", self.url))
            .call()
            .unwrap();
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }

    /// The preview's event stream, each `build` event's data in turn.
    fn events(&self) -> Receiver<String> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(None)
            .build()
            .into();
        let response = agent
            .get(format!("{}__chorus/events", self.url))
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

    fn write(&self, file: &str, text: &str) {
        fs::write(self.root.path().join(file), text).unwrap();
    }

    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.root.path().join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from));
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Sends Ctrl-C (SIGINT), and says how long the server took to end, and how.
    #[cfg(unix)]
    fn interrupt(&mut self) -> (Duration, std::process::ExitStatus) {
        let sent = Instant::now();
        let killed = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (sent.elapsed(), status);
            }
            assert!(sent.elapsed() < PATIENCE, "the server did not stop");
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The next `build` event, which must be a new build.
fn next_build(builds: &Receiver<String>, after: &str) -> String {
    let build = builds.recv_timeout(PATIENCE).expect("a build event");
    assert_ne!(build, after, "a new build");
    build
}

fn example() -> tempfile::TempDir {
    copy_report(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
}

#[test]
fn a_saved_change_is_served_and_the_browsers_told_once_it_is_in_place() {
    let served = Served::start(example());
    let (status, page) = served.get("stories/the-saturday-club.html");
    assert_eq!(status, 200);
    assert!(page.contains("about twelve of us"));
    assert!(page.contains("<script src=\"/__chorus/live-reload.js\""));

    let builds = served.events();
    let first = builds.recv_timeout(PATIENCE).unwrap();
    served.edit(
        "content/stories/the-saturday-club.md",
        "about twelve of us",
        "about twenty of us",
    );
    next_build(&builds, &first);
    let (_, page) = served.get("stories/the-saturday-club.html");
    assert!(page.contains("about twenty of us"), "{page}");
    served.line_starting("Updated 1 page in ");

    // The folder's index, with and without its slash; the 404 page for what is not there.
    assert_eq!(served.get("").0, 200);
    let (status, list) = served.get("stories/");
    assert_eq!(status, 200);
    assert!(list.contains("The Saturday club"));
    // Without its slash, sent on to it (the index's relative links need it).
    assert_eq!(served.get("stories").1, list);
    assert_eq!(served.get("nothing-here.html").0, 404);
    assert!(
        served
            .get("nothing-here.html")
            .1
            .contains("/__chorus/live-reload.js")
    );
}

#[test]
fn a_broken_file_shows_the_error_summary_and_fixing_it_clears_it() {
    let mut served = Served::start(example());
    let builds = served.events();
    let first = builds.recv_timeout(PATIENCE).unwrap();
    let story = "content/stories/the-saturday-club.md";
    served.edit(story, "date = 2026-07-11", "date = 2026-13-11");
    let broken = next_build(&builds, &first);
    served.line_starting("Found 1 problem that stops the build.");

    for page in ["index.html", "stories/the-saturday-club.html", "about.html"] {
        let (status, html) = served.get(page);
        assert_eq!(status, 200, "{page}");
        assert!(
            html.contains("<div class=\"chorus-problems\" role=\"alert\" tabindex=\"-1\""),
            "{page}"
        );
        assert!(html.contains("content/stories/the-saturday-club.md, line 4, column 8"));
        assert!(html.contains("<code>4 | date = 2026-13-11</code>"));
    }
    // Above the last good build of the page.
    assert!(
        served
            .get("stories/the-saturday-club.html")
            .1
            .contains("<h1>The Saturday club</h1>")
    );
    let (status, problems) = served.get("__chorus/problems");
    assert_eq!(status, 200);
    assert!(problems.contains("id=\"problem-0\""));
    assert!(served.is_running(), "bad content never stops the preview");

    served.edit(story, "date = 2026-13-11", "date = 2026-07-11");
    next_build(&builds, &broken);
    served.line_starting("No problems stop the build now.");
    let (_, html) = served.get("stories/the-saturday-club.html");
    assert!(!html.contains("chorus-problems"), "{html}");
}

#[test]
fn a_first_build_that_fails_still_serves_and_the_fix_builds_the_site() {
    let root = example();
    fs::write(
        root.path().join("content/site.toml"),
        "title = \"Our care\"\ntitel = 1\n",
    )
    .unwrap();
    let mut served = Served::start(root);
    let (status, page) = served.get("stories/the-saturday-club.html");
    assert_eq!(status, 503);
    assert!(
        page.contains("The preview cannot show the report yet"),
        "{page}"
    );
    assert!(page.contains("role=\"alert\""));
    assert!(page.contains("content/site.toml"));
    assert!(served.is_running());

    let builds = served.events();
    let first = builds.recv_timeout(PATIENCE).unwrap();
    let site = fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/site.toml"),
    )
    .unwrap();
    served.write("content/site.toml", &site);
    next_build(&builds, &first);
    let (status, page) = served.get("stories/the-saturday-club.html");
    assert_eq!(status, 200);
    assert!(!page.contains("chorus-problems"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_the_server_cleanly_within_a_second() {
    let mut served = Served::start(example());
    // A browser's open event stream must not hold the server up.
    let builds = served.events();
    builds.recv_timeout(PATIENCE).unwrap();
    let (took, status) = served.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    served.line_starting("Stopped the preview.");
}

#[test]
fn a_busy_port_is_said_plainly() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let root = example();
    let output = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args(["serve", "--port", &port])
        .arg(root.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "error: Another program is already using port {port}, so the preview cannot use it."
        )),
        "{stderr}"
    );
}
