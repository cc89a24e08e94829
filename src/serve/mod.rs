//! `chorus serve`: the preview (`crate::preview`) served over HTTP from memory, and brought up
//! to date by a file watcher (`watch`) whenever `content/` or `themes/` changes.
//!
//! Three threads: the watcher's, which runs each update; the HTTP server's (`http`), which
//! only reads the latest snapshot; and the caller's, which is told of each update. An update
//! makes a whole new snapshot and swaps it in before any browser is told, so a browser that
//! reloads always finds the new build complete.

pub mod http;
pub mod watch;

use crate::preview::{self, Preview, Snapshot, Update};
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Instant;
use tokio::sync::watch as latest;

pub struct Options {
    /// The report folder: the one that holds `content/`.
    pub root: PathBuf,
    /// 0 for any free port.
    pub port: u16,
    /// Share the preview with the local network, not only this computer.
    pub lan: bool,
    /// Look for changes every half second instead of being told by the system (for network
    /// drives, where the system is not told).
    pub poll: bool,
    pub preview: preview::Options,
}

/// What the server tells its caller.
pub enum Event {
    /// A run finished: the first build, or an update after changes were seen at `seen`.
    Updated {
        update: Update,
        /// When the watcher reported the changes (`None` for the first build).
        seen: Option<Instant>,
        /// When the browsers were told.
        told: Instant,
    },
    /// The watcher could not watch or lost track; it goes on as well as it can.
    WatchProblem(String),
}

#[derive(Debug)]
pub enum StartError {
    /// There is no folder there.
    NoReport(PathBuf),
    /// The port could not be had: in use, or not allowed.
    Port(u16, io::Error),
    Watch(String),
    Io(io::Error),
}

pub struct Server {
    address: SocketAddr,
    lan: bool,
    watcher: Option<watch::Watcher>,
    stop: Option<tokio::sync::watch::Sender<bool>>,
    http: Option<JoinHandle<()>>,
}

impl Server {
    /// Where the preview is, as a browser on this computer opens it.
    pub fn url(&self) -> String {
        let port = self.address.port();
        format!("http://127.0.0.1:{port}/")
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn lan(&self) -> bool {
        self.lan
    }

    /// Waits until Ctrl-C (or the system asks the program to end), then stops.
    pub fn wait_for_interrupt(mut self) -> io::Result<()> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        runtime.block_on(interrupted())?;
        self.shut_down();
        Ok(())
    }

    /// Stops watching and serving: within a second, open connections included.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        // The watcher first: its thread ends, and with it the snapshots' sender, which ends
        // every browser's event stream.
        drop(self.watcher.take());
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(http) = self.http.take() {
            let _ = http.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// Builds the report, then serves it and watches it. Bad content never stops it: the first
/// build may fail, and the preview shows the problems until they are fixed. `report` is told
/// of every run, from the watcher's thread.
pub fn start(
    options: Options,
    mut report: impl FnMut(Event) + Send + 'static,
) -> Result<Server, StartError> {
    if !options.root.is_dir() {
        return Err(StartError::NoReport(options.root));
    }
    let root = options.root.canonicalize().map_err(StartError::Io)?;
    let host = if options.lan {
        IpAddr::V4(Ipv4Addr::UNSPECIFIED)
    } else {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    };
    let listener = TcpListener::bind(SocketAddr::new(host, options.port))
        .map_err(|error| StartError::Port(options.port, error))?;
    let address = listener.local_addr().map_err(StartError::Io)?;

    let mut preview = Preview::new(&root, options.preview);
    let first = preview.update(&[]);
    let (snapshots, latest_snapshot) = latest::channel::<Arc<Snapshot>>(preview.snapshot());
    report(Event::Updated {
        update: first,
        seen: None,
        told: Instant::now(),
    });

    let (stop, stopping) = tokio::sync::watch::channel(false);
    let http = http::spawn(listener, latest_snapshot, stopping).map_err(StartError::Io)?;

    let (changes_tx, changes) = mpsc::channel();
    let watcher =
        watch::Watcher::start(&root, options.poll, changes_tx).map_err(StartError::Watch)?;
    let folders = watcher.handle();
    std::thread::Builder::new()
        .name("chorus preview".into())
        .spawn(move || {
            for batch in changes {
                match batch {
                    watch::Batch::Changed { paths, seen } => {
                        if let Err(problem) = watch::watch_new_folders(&folders) {
                            report(Event::WatchProblem(problem));
                        }
                        let update = preview.update(&paths);
                        // The new snapshot is in place before any browser hears of it; a run
                        // that showed nothing new keeps the snapshot, and tells no browser.
                        let snapshot = preview.snapshot();
                        snapshots.send_if_modified(|shown| {
                            let new = shown.generation != snapshot.generation;
                            if new {
                                *shown = snapshot;
                            }
                            new
                        });
                        let told = Instant::now();
                        report(Event::Updated {
                            update,
                            seen: Some(seen),
                            told,
                        });
                    }
                    watch::Batch::Problem(problem) => report(Event::WatchProblem(problem)),
                }
            }
        })
        .map_err(StartError::Io)?;
    Ok(Server {
        address,
        lan: options.lan,
        watcher: Some(watcher),
        stop: Some(stop),
        http: Some(http),
    })
}

/// Ctrl-C, or on Unix the system asking the program to end (SIGTERM).
async fn interrupted() -> io::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut terminate = signal(SignalKind::terminate())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result,
            _ = terminate.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    tokio::signal::ctrl_c().await
}

/// A path as the preview names it: from the report folder, with `/`.
fn from_report(root: &Path, path: &Path) -> Option<String> {
    let inside = path.strip_prefix(root).ok()?;
    Some(crate::source::slash_path(inside))
}
