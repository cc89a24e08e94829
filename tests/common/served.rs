//! `chorus serve` run as an editor runs it, for the tests: the real binary on a free port,
//! what it prints line by line, its pages over HTTP, and its event stream.

use super::TODAY;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};
use std::{fs, thread};

/// How long anything may take before a test gives up: far more than any step needs.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Served {
    child: Child,
    pub root: tempfile::TempDir,
    pub url: String,
    /// What the server printed, line by line.
    lines: Receiver<String>,
    agent: ureq::Agent,
}

impl Served {
    /// `chorus serve` on a copy of the report, on a free port.
    pub fn start(root: tempfile::TempDir) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chorus"))
            .args(["serve", "--port", "0", "--today", TODAY])
            .arg(root.path())
            .env("CHORUS_REAL_TODAY_FOR_TESTS", TODAY)
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
    pub fn line_starting(&self, start: &str) -> String {
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
    pub fn get(&self, path: &str) -> (u16, String) {
        let mut response = self
            .agent
            .get(format!("{}{path}", self.url))
            .call()
            .unwrap();
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }

    /// The preview's event stream, each `build` event's data in turn.
    pub fn events(&self) -> Receiver<String> {
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

    pub fn write(&self, file: &str, text: &str) {
        fs::write(self.root.path().join(file), text).unwrap();
    }

    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.root.path().join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from));
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Sends Ctrl-C (SIGINT), and says how long the server took to end, and how.
    #[cfg(unix)]
    pub fn interrupt(&mut self) -> (Duration, std::process::ExitStatus) {
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
