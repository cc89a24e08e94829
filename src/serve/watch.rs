//! Watches the report's `content/` and `themes/` folders with notify, and hands the paths
//! that changed to the preview in batches: notify-debouncer-full gathers the events of one save
//! (an editor often writes, renames and deletes in a few milliseconds) into one batch. (Full,
//! not mini: it keeps each event's kind, so the preview's own reading of the files, which the
//! system reports too, is told apart from a change and starts no update.)
//!
//! The system tells of changes as they happen; `--poll` looks every half second instead, for
//! network drives, where it is not told.

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, FileIdCache, RecommendedCache, new_debouncer_opt,
};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// How long the watcher waits for a save's events to stop before a batch is handed on: a save
/// takes a few milliseconds. The debouncer looks four times in each window.
pub const WINDOW: Duration = Duration::from_millis(10);
/// How often `--poll` looks at every file.
pub const POLL_EVERY: Duration = Duration::from_millis(500);

/// The folders of a report that the preview reads.
const WATCHED: [&str; 2] = ["content", "themes"];

pub enum Batch {
    Changed {
        /// From the report folder, with `/`: `content/stories/x.md`.
        paths: Vec<String>,
        /// When the batch was handed on.
        seen: Instant,
    },
    Problem(String),
}

/// Dropping it stops watching, and ends the batches.
pub struct Watcher {
    folders: Arc<Mutex<Folders>>,
}

/// The debouncer, and which of the report's folders it watches.
pub struct Folders {
    debouncer: Box<dyn Watch + Send>,
    root: PathBuf,
    watched: Vec<&'static str>,
}

trait Watch {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()>;
}

impl<W: notify::Watcher, C: FileIdCache> Watch for Debouncer<W, C> {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        Debouncer::watch(self, path, mode)
    }
}

impl Watcher {
    pub fn start(root: &Path, poll: bool, batches: Sender<Batch>) -> Result<Watcher, String> {
        let config = notify::Config::default().with_poll_interval(POLL_EVERY);
        let handler = Handler {
            root: root.to_owned(),
            batches,
        };
        let cache = RecommendedCache::new();
        let debouncer: Box<dyn Watch + Send> = if poll {
            Box::new(
                new_debouncer_opt::<_, PollWatcher, _>(WINDOW, None, handler, cache, config)
                    .map_err(failed)?,
            )
        } else {
            Box::new(
                new_debouncer_opt::<_, RecommendedWatcher, _>(WINDOW, None, handler, cache, config)
                    .map_err(failed)?,
            )
        };
        let mut folders = Folders {
            debouncer,
            root: root.to_owned(),
            watched: Vec::new(),
        };
        // The report folder itself only for `content/` or `themes/` being made or moved.
        folders
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(failed)?;
        folders.watch_new().map_err(failed)?;
        Ok(Watcher {
            folders: Arc::new(Mutex::new(folders)),
        })
    }

    /// A handle that does not keep the watcher going.
    pub fn handle(&self) -> Weak<Mutex<Folders>> {
        Arc::downgrade(&self.folders)
    }
}

/// Starts watching `content/` or `themes/` if it was made since: called before the preview
/// updates after a batch, so nothing made inside it meanwhile is missed (the preview reads the
/// whole report each time).
pub fn watch_new_folders(handle: &Weak<Mutex<Folders>>) -> Result<(), String> {
    let Some(folders) = handle.upgrade() else {
        return Ok(());
    };
    let mut folders = folders
        .lock()
        .map_err(|_| "the watcher stopped".to_owned())?;
    folders.watch_new().map_err(failed)
}

impl Folders {
    fn watch_new(&mut self) -> notify::Result<()> {
        for folder in WATCHED {
            let path = self.root.join(folder);
            let present = path.is_dir();
            let watched = self.watched.contains(&folder);
            if present && !watched {
                self.debouncer.watch(&path, RecursiveMode::Recursive)?;
                self.watched.push(folder);
            } else if !present && watched {
                // Deleted or moved away: its watch went with it.
                self.watched.retain(|f| *f != folder);
            }
        }
        Ok(())
    }
}

fn failed(error: notify::Error) -> String {
    format!("Chorus could not watch the report for changes: {error}.")
}

struct Handler {
    root: PathBuf,
    batches: Sender<Batch>,
}

impl notify_debouncer_full::DebounceEventHandler for Handler {
    fn handle_event(&mut self, result: DebounceEventResult) {
        let batch = match result {
            Ok(events) => {
                let mut paths: Vec<String> = events
                    .iter()
                    // A file opened or read changed nothing: the preview reads every file.
                    .filter(|event| !matches!(event.kind, EventKind::Access(_)))
                    .flat_map(|event| event.paths.iter())
                    .filter_map(|path| super::from_report(&self.root, path))
                    .filter(|path| {
                        WATCHED
                            .iter()
                            .any(|folder| path == folder || path.starts_with(&format!("{folder}/")))
                    })
                    .collect();
                // The system lost track (too many changes at once): look at everything again.
                if events.iter().any(|event| event.need_rescan()) {
                    paths.extend(WATCHED.map(str::to_owned));
                }
                paths.sort();
                paths.dedup();
                if paths.is_empty() {
                    return;
                }
                Batch::Changed {
                    paths,
                    seen: Instant::now(),
                }
            }
            Err(errors) => Batch::Problem(format!(
                "Chorus may have missed a change to the report ({}). Save the file again to be sure the preview shows it.",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            )),
        };
        let _ = self.batches.send(batch);
    }
}
