//! The built site in memory (path → content) and the write stage, which replaces the output
//! folder in one step, so a reader or a preview never sees half a site.

use crate::diagnostics::Diagnostic;
use crate::rules;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// A file of the built site: made in memory, or copied as it is from the report (media).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Bytes(Vec<u8>),
    CopyOf(PathBuf),
}

/// Every file of the built site, keyed by its path from the site's root (`stories/a.html`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Body>,
    /// Each page's title and words as plain text, by its path: what a search index reads.
    /// The words are kept only where search reads the page (`render::search::keeps_words`).
    pub text: BTreeMap<String, PageText>,
}

/// A page's words, as a reader finds them on it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageText {
    pub title: String,
    pub text: String,
}

/// Left in each folder Chorus makes while it swaps a site in (`.site.chorus-new`), so that
/// one a stopped build left behind is known as Chorus's. A published site does not keep it:
/// it would be a web file like any other. Sites built before had it, and are still known by it.
pub const MARKER: &str = ".chorus-site";
const MARKER_TEXT: &str = "This folder was made by Chorus from a report's content folder. Chorus replaces all of it on each build.\n";
/// What the marker beside an output folder says (`.site.chorus-site` beside `site/`).
const BESIDE_TEXT: &str = "This file tells Chorus that the folder beside it of the same name (without the dot and .chorus-site) is a website Chorus made, which it replaces on each build. Delete it only together with that folder.\n";

impl Output {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), Body::Bytes(bytes.into()));
    }

    /// A page: its HTML, and its words for search.
    pub fn add_page(&mut self, path: String, html: impl Into<Vec<u8>>, text: PageText) {
        self.text.insert(path.clone(), text);
        self.insert(path, html);
    }

    pub fn copy(&mut self, path: impl Into<String>, from: PathBuf) {
        self.files.insert(path.into(), Body::CopyOf(from));
    }

    pub fn pages(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

/// Where the previous site is after a build that put no new site in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Previous {
    /// Nothing was changed: the previous site, if there was one, is as it was.
    AsItWas,
    /// A build stopped part-way had left the previous site in this folder. It was put back in
    /// the output folder, and nothing else was changed.
    PutBack(PathBuf),
    /// The output folder is missing; the previous site is whole in this folder, and the next
    /// build puts it back.
    SetAside(PathBuf),
}

/// What a successful write has to tell, besides that the new site is in place.
#[derive(Debug, Default)]
pub struct Written {
    /// A build stopped part-way had left the previous site in this folder; it was put back
    /// before the new site was built.
    pub recovered: Option<PathBuf>,
    /// The previous site could not be removed after the swap: it is whole in this folder.
    pub old_site_left: Option<(PathBuf, io::Error)>,
    /// The marker could not be taken out of the new site: the file is left in it.
    pub marker_left: Option<(PathBuf, io::Error)>,
    /// The new site could not be given the previous output folder's group.
    pub group_lost: Option<(PathBuf, io::Error)>,
}

/// Where an output folder would sit among the report's own files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    IsReport,
    HoldsReport,
    InContent,
    InThemes,
    InPrivate,
}

/// The report's folders that Chorus reads, or that must never be published.
const REPORT_FOLDERS: [(&str, Clash); 3] = [
    ("content", Clash::InContent),
    ("themes", Clash::InThemes),
    ("private", Clash::InPrivate),
];

#[derive(Debug)]
pub enum WriteError {
    /// The output folder holds files Chorus did not make; it is never emptied.
    NotOurs(PathBuf),
    /// The output "folder" is a file.
    IsAFile(PathBuf),
    /// The output folder is a link (a shortcut) that leads to nothing; where it leads is named.
    BrokenLink(PathBuf, PathBuf),
    /// The output folder is the report folder, inside its content, themes or private folder,
    /// or holds the report folder. Nothing was written.
    InReport(PathBuf, Clash),
    /// Something Chorus did not make has one of the names it uses beside the output folder
    /// while it swaps the site in. It is left alone, and nothing was written.
    LeftoverNotOurs(PathBuf),
    Io {
        path: PathBuf,
        error: io::Error,
        previous: Previous,
    },
}

impl WriteError {
    /// Where the previous site is now.
    pub fn previous(&self) -> Previous {
        match self {
            WriteError::Io { previous, .. } => previous.clone(),
            _ => Previous::AsItWas,
        }
    }
}

/// A path as an editor would write it: `site`, not `./site`.
fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
}

/// The write stage's problem, in the editing group's words: what happened to the previous site
/// above all.
pub fn problem(error: WriteError) -> Diagnostic {
    let elsewhere = "Leave out --output to build into site/ in the report folder, or name with --output a new folder that is not inside content/, themes/ or private/.";
    match error {
        WriteError::NotOurs(dir) => Diagnostic::error(rules::OUTPUT_NOT_OURS,
            shown(&dir),
            "This output folder already holds files that Chorus did not make, so Chorus will not replace it.",
        )
        .help("Choose an empty or new folder with --output, or move those files somewhere else."),
        WriteError::IsAFile(path) => Diagnostic::error(rules::OUTPUT_IS_A_FILE,
            shown(&path),
            "This is a file, not a folder, so Chorus can't build the site into it.",
        )
        .help("Name a folder with --output: a new one, or one that Chorus made before. Chorus makes it if it is not there."),
        WriteError::BrokenLink(path, leads_to) => Diagnostic::error(rules::OUTPUT_BROKEN_SHORTCUT,
            shown(&path),
            format!(
                "This output folder is a link (a shortcut) to {}, which is not there.",
                shown(&leads_to)
            ),
        )
        .help(format!("Make the folder {} first, or name another folder with --output.", shown(&leads_to))),
        WriteError::InReport(dir, clash) => Diagnostic::error(rules::OUTPUT_IN_REPORT,
            shown(&dir),
            match clash {
                Clash::IsReport => "The output folder is the report folder itself, so building there would replace the report.",
                Clash::HoldsReport => "The output folder holds the report folder, so building there would replace the report.",
                Clash::InContent => "The output folder is inside the report's content/ folder, so every build would publish the last site again inside the new one.",
                Clash::InThemes => "The output folder is inside the report's themes/ folder, where Chorus reads the report's templates and styles.",
                Clash::InPrivate => "The output folder is inside the report's private/ folder, which is for what must never be published.",
            },
        )
        .help(elsewhere),
        WriteError::LeftoverNotOurs(path) => Diagnostic::error(rules::OUTPUT_LEFTOVER_NOT_OURS,
            shown(&path),
            "Chorus uses this name beside the output folder while it puts the new site in place, but what is there was not made by Chorus, so Chorus has left it alone.",
        )
        .help("Move it somewhere else, or delete it if you do not need it, then build again."),
        WriteError::Io { path, error, previous } => {
            let denied = error.kind() == io::ErrorKind::PermissionDenied;
            // Its own names beside the output folder: Chorus writes in the folder that holds it.
            let beside = path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with('.') && name.contains(".chorus-"));
            let holder = match path.parent().map(shown) {
                Some(folder) if !folder.is_empty() => folder,
                _ => "this folder".to_owned(),
            };
            let (message, help) = match (denied, beside) {
                (true, true) => (
                    format!("Chorus is not allowed to write in {holder}, the folder that holds the output folder. It builds the new site there, beside the old one, and then swaps it in whole, so that readers never see half a site."),
                    format!("Ask whoever looks after {holder} to let you write in it too, or build into a folder of your own with --output and copy what is inside it to the web folder (for example with rsync -a --delete)."),
                ),
                (true, false) => (
                    "Chorus is not allowed to write here, so it could not build the site.".to_owned(),
                    "Choose with --output a folder you may write in, or ask whoever looks after this folder to let you write in it.".to_owned(),
                ),
                (false, _) => (
                    format!("Chorus could not write the site here: {error}."),
                    "Check that there is space on the disk and that you may write to this folder.".to_owned(),
                ),
            };
            Diagnostic::error(rules::OUTPUT_NOT_WRITABLE, shown(&path), message)
        .help(format!(
            "{help} {}",
            match previous {
                Previous::AsItWas => "Nothing was changed: the previous site is as it was.".to_owned(),
                Previous::PutBack(from) => format!(
                    "A build that was stopped part-way had left the previous site in {}; Chorus put it back, and changed nothing else.",
                    shown(&from)
                ),
                Previous::SetAside(aside) => format!(
                    "The new site is not in place, and the previous site is whole in {}: the next build will put it back.",
                    shown(&aside)
                ),
            }
        ))
        }
    }
}

/// What a successful write has to tell: a site put back, or an old site left behind.
pub fn notices(written: Written) -> Vec<Diagnostic> {
    let recovered = written.recovered.map(|from| {
        Diagnostic::note(rules::OUTPUT_RESTORED,
            shown(&from),
            "A build that was stopped part-way had left the previous site in this folder. Chorus put it back, then put the new site in its place.",
        )
        .help("Nothing to do.")
    });
    let left = written.old_site_left.map(|(folder, error)| {
        Diagnostic::warning(rules::OUTPUT_OLD_NOT_REMOVED,
            shown(&folder),
            format!("The new site is in place, but Chorus could not remove the previous one, which is still here: {error}."),
        )
        .help("Delete this folder by hand when you can; the next build will also try to remove it.")
    });
    let marker = written.marker_left.map(|(file, error)| {
        Diagnostic::warning(rules::OUTPUT_FILE_NOT_REMOVED,
            shown(&file),
            format!("The new site is in place, but Chorus could not remove this file of its own from it: {error}. A host would publish it."),
        )
        .help("Delete this file by hand before you publish the site.")
    });
    let group = written.group_lost.map(|(folder, error)| {
        Diagnostic::warning(rules::OUTPUT_GROUP_NOT_SET,
            shown(&folder),
            format!("The new site is in place, but Chorus could not give it the group the previous folder had: {error}. A web server that reads the site through that group may not be able to read it."),
        )
        .help("Ask whoever looks after the web server to set the folder's group again, or build as a member of that group.")
    });
    recovered
        .into_iter()
        .chain(left)
        .chain(marker)
        .chain(group)
        .collect()
}

/// Writes the site beside `dir`, then swaps it in. The old site stays whole until the new one
/// is complete, and is removed only after the swap. `report` is the report folder, which the
/// site may not overwrite or be written into.
pub fn write(output: &Output, report: &Path, dir: &Path) -> Result<Written, WriteError> {
    write_with(&Disk, output, report, dir)
}

fn write_with(
    disk: &dyn Steps,
    output: &Output,
    report: &Path,
    dir: &Path,
) -> Result<Written, WriteError> {
    let site = NewSite::begin_with(disk, report, dir)?;
    for (path, body) in &output.files {
        site.add(path, body)?;
    }
    site.finish()
}

/// A new site being written beside the output folder (`.site.chorus-new`), a file at a time as
/// pages are made, so that no whole site is held in memory. The pages' threads each write
/// their own (`add` takes `&self`). `finish` puts it in place in one step; `abandon`, or
/// dropping it unfinished (after a failed `add`), removes it and leaves the previous site as
/// it was.
pub struct NewSite<'d> {
    disk: &'d dyn Steps,
    dir: PathBuf,
    staging: PathBuf,
    retired: PathBuf,
    beside: PathBuf,
    written: Written,
    /// Where the previous site is if this new one is not put in place.
    unchanged: Previous,
    /// Made folders, so that each is made once.
    folders: Mutex<HashSet<PathBuf>>,
    pages: AtomicUsize,
    open: bool,
}

impl NewSite<'static> {
    /// Starts a new site for the output folder `dir` of the report folder `report`: every check
    /// of the output folder is made here, before anything is written.
    pub fn begin(report: &Path, dir: &Path) -> Result<Self, WriteError> {
        NewSite::begin_with(&Disk, report, dir)
    }
}

impl<'d> NewSite<'d> {
    fn begin_with(disk: &'d dyn Steps, report: &Path, dir: &Path) -> Result<Self, WriteError> {
        refuse_report_folders(report, dir)?;
        // A link (a shortcut) to a folder is written through: the folder it leads to gets the new
        // site, and the link stays as it is.
        let real = match fs::symlink_metadata(dir) {
            Ok(metadata) if metadata.is_symlink() => fs::canonicalize(dir).map_err(|_| {
                let leads_to = fs::read_link(dir).unwrap_or_default();
                let leads_to = match dir.parent() {
                    Some(parent) if leads_to.is_relative() => parent.join(leads_to),
                    _ => leads_to,
                };
                WriteError::BrokenLink(dir.to_owned(), leads_to)
            })?,
            _ => dir.to_owned(),
        };
        if let Ok(metadata) = fs::metadata(&real)
            && !metadata.is_dir()
        {
            return Err(WriteError::IsAFile(dir.to_owned()));
        }
        let dir = real.as_path();
        let beside = beside_marker(dir);
        if is_there(dir) && !is_replaceable(dir) && !beside.is_file() {
            return Err(WriteError::NotOurs(dir.to_owned()));
        }
        let parent = parent_of(dir);
        let name = dir
            .file_name()
            .map_or("site".into(), |n| n.to_string_lossy().into_owned());
        let staging = parent.join(format!(".{name}.chorus-new"));
        let retired = parent.join(format!(".{name}.chorus-old"));
        // A build stopped between the fallback's two renames leaves the site in `retired`, and
        // none in `dir`: the marker beside says whose it is.
        let set_aside = !is_there(dir) && beside.is_file();
        for leftover in [&staging, &retired] {
            let ours = is_replaceable(leftover) || (set_aside && *leftover == retired);
            if is_there(leftover) && !ours {
                return Err(WriteError::LeftoverNotOurs(leftover.clone()));
            }
        }
        let failed = |path: &Path, error, previous: &Previous| WriteError::Io {
            path: path.to_owned(),
            error,
            previous: previous.clone(),
        };
        fs::create_dir_all(parent).map_err(|e| failed(parent, e, &Previous::AsItWas))?;

        // A build stopped between the two renames of the fallback left the previous site, whole,
        // in `retired` and no output folder: put it back before anything is deleted.
        let mut written = Written::default();
        if is_there(&retired) {
            if !is_there(dir) && (retired.join(MARKER).is_file() || set_aside) {
                disk.rename(&retired, dir)
                    .map_err(|e| failed(dir, e, &Previous::SetAside(retired.clone())))?;
                written.recovered = Some(retired.clone());
            } else {
                disk.remove(&retired)
                    .map_err(|e| failed(&retired, e, &Previous::AsItWas))?;
            }
        }
        let unchanged = match &written.recovered {
            Some(from) => Previous::PutBack(from.clone()),
            None => Previous::AsItWas,
        };
        if is_there(&staging) {
            disk.remove(&staging)
                .map_err(|e| failed(&staging, e, &unchanged))?;
        }
        let mut site = NewSite {
            disk,
            dir: dir.to_owned(),
            staging: staging.clone(),
            retired,
            beside,
            written,
            unchanged,
            folders: Default::default(),
            pages: AtomicUsize::new(0),
            open: true,
        };
        fs::create_dir(&staging).map_err(|e| site.error(&staging, e))?;
        if let Ok(previous) = fs::metadata(dir) {
            // The previous folder's group and set-group-id bit, before anything is written, so
            // that every folder made inside gets that group too (a web server often reads the
            // site through it). Its exact mode is set when the site is finished.
            site.written.group_lost = keep_group(&staging, &previous)
                .err()
                .map(|e| (dir.to_owned(), e));
        }
        let marker = staging.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| site.error(&marker, e))?;
        site.made_folders().insert(staging);
        Ok(site)
    }

    /// Writes one file of the new site, by its path from the site's root; from any thread.
    /// The error says where the previous site is. After a failure the new site is not to be
    /// finished: dropped, it is removed.
    pub fn add(&self, path: &str, body: &Body) -> Result<(), WriteError> {
        let target = self.staging.join(path);
        if let Some(folder) = target.parent()
            && !self.made_folders().contains(folder)
        {
            // Two threads may make the same folder at once: `create_dir_all` allows it.
            fs::create_dir_all(folder).map_err(|e| self.error(folder, e))?;
            self.made_folders().insert(folder.to_owned());
        }
        let written = match body {
            Body::Bytes(bytes) => fs::write(&target, bytes),
            Body::CopyOf(from) => fs::copy(from, &target).map(|_| ()),
        };
        written.map_err(|e| self.error(&target, e))?;
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// How many pages (`.html` files) the new site has so far.
    pub fn pages(&self) -> usize {
        self.pages.load(Ordering::Relaxed)
    }

    fn made_folders(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        self.folders.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Puts the complete new site in place of the output folder, in one step.
    pub fn finish(mut self) -> Result<Written, WriteError> {
        self.open = false;
        let (disk, staging, dir) = (self.disk, &self.staging, &self.dir);
        // The output folder keeps its permissions (a web server's group may read it).
        if let Ok(old) = fs::metadata(dir)
            && let Err(error) = fs::set_permissions(staging, old.permissions())
        {
            let _ = disk.remove(staging);
            return Err(self.error(staging, error));
        }
        // From here the folder is Chorus's, whatever happens to the swap.
        if let Err(error) = fs::write(&self.beside, BESIDE_TEXT) {
            let _ = disk.remove(staging);
            return Err(self.error(&self.beside, error));
        }
        let mut written = std::mem::take(&mut self.written);
        written.old_site_left = swap(disk, staging, dir, &self.retired, &self.unchanged)?;
        let marker = dir.join(MARKER);
        written.marker_left = match fs::remove_file(&marker) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Some((marker, error)),
            _ => None,
        };
        Ok(written)
    }

    /// Removes the new site unfinished; returns where the previous site is (as it was, unless
    /// a build stopped part-way had left it aside and it was put back).
    pub fn abandon(mut self) -> Previous {
        self.open = false;
        let _ = self.disk.remove(&self.staging);
        self.unchanged.clone()
    }

    fn error(&self, path: &Path, error: io::Error) -> WriteError {
        WriteError::Io {
            path: path.to_owned(),
            error,
            previous: self.unchanged.clone(),
        }
    }
}

impl Drop for NewSite<'_> {
    /// A new site neither finished nor abandoned (a failed `add`, or a panic) is removed.
    fn drop(&mut self) {
        if self.open {
            let _ = self.disk.remove(&self.staging);
        }
    }
}

fn parent_of(dir: &Path) -> &Path {
    dir.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The file beside an output folder that says Chorus made it: `.site.chorus-site` beside
/// `site/`. Beside, not inside: whatever is inside is published.
pub fn beside_marker(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map_or("site".into(), |n| n.to_string_lossy().into_owned());
    parent_of(dir).join(format!(".{name}.chorus-site"))
}

/// Puts the complete new site in `staging` in the place of `dir`. Every failure leaves a whole
/// site in `dir`, except when even putting the old site back fails: then it is whole in
/// `retired`, where the next build finds it. Returns the old site's folder when it could not
/// be removed after the swap.
fn swap(
    disk: &dyn Steps,
    staging: &Path,
    dir: &Path,
    retired: &Path,
    unchanged: &Previous,
) -> Result<Option<(PathBuf, io::Error)>, WriteError> {
    let failed = |error| {
        let _ = disk.remove(staging);
        WriteError::Io {
            path: dir.to_owned(),
            error,
            previous: unchanged.clone(),
        }
    };
    let left_in = |folder: &Path, error| (folder.to_owned(), error);
    if !is_there(dir) {
        disk.rename(staging, dir).map_err(failed)?;
        return Ok(None);
    }
    match disk.exchange(staging, dir) {
        // The old site is now in `staging`: marked, so that a removal stopped part-way leaves a
        // folder the next build knows as Chorus's.
        Ok(()) => {
            let _ = fs::write(staging.join(MARKER), MARKER_TEXT);
            return Ok(disk.remove(staging).err().map(|e| left_in(staging, e)));
        }
        Err(error) if error.kind() != io::ErrorKind::Unsupported => return Err(failed(error)),
        Err(_) => {}
    }
    // The portable fallback: two renames, with the old site put back if the second fails.
    disk.rename(dir, retired).map_err(failed)?;
    let _ = fs::write(retired.join(MARKER), MARKER_TEXT);
    if let Err(error) = disk.rename(staging, dir) {
        return Err(match disk.rename(retired, dir) {
            Ok(()) => failed(error),
            Err(_) => WriteError::Io {
                path: dir.to_owned(),
                error,
                previous: Previous::SetAside(retired.to_owned()),
            },
        });
    }
    Ok(disk.remove(retired).err().map(|e| left_in(retired, e)))
}

/// The steps of the write stage that move or remove a whole site, so that tests can make each
/// one fail.
trait Steps: Sync {
    /// Swaps two folders in one step. `io::ErrorKind::Unsupported` where the system or the file
    /// system cannot.
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Removes a folder Chorus made.
    fn remove(&self, folder: &Path) -> io::Result<()>;
}

/// The real file system.
struct Disk;

impl Steps for Disk {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(()),
            // A kernel before 3.15, or a file system that cannot exchange (some network drives).
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => {
                Err(io::ErrorKind::Unsupported.into())
            }
            Err(errno) => Err(errno.into()),
        }
    }

    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn exchange(&self, _: &Path, _: &Path) -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn remove(&self, folder: &Path) -> io::Result<()> {
        remove_ours(folder)
    }
}

/// Removes a folder Chorus made, its marker last, so that a removal stopped part-way leaves a
/// folder Chorus still knows as its own. Written by hand because `fs::remove_dir_all` removes
/// in no set order. A link is removed, never followed.
fn remove_ours(folder: &Path) -> io::Result<()> {
    if fs::symlink_metadata(folder)?.is_symlink() {
        return fs::remove_file(folder);
    }
    remove_inside(folder, &|name| name != MARKER)?;
    match fs::remove_file(folder.join(MARKER)) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    fs::remove_dir(folder)
}

/// Removes what is in a folder (what `taken` names), a folder's entries side by side on
/// rayon's threads. A link is removed, never followed. At 10,000 stories the previous site
/// (12,000 files) took 100 ms on one thread, and takes 70 on two. Written by hand: the
/// `remove_dir_all` crate's parallel removal, tried, reads each folder as it removes from it,
/// and took 92 ms.
fn remove_inside(
    folder: &Path,
    taken: &(dyn Fn(&std::ffi::OsStr) -> bool + Sync),
) -> io::Result<()> {
    use rayon::prelude::*;
    let entries = fs::read_dir(folder)?.collect::<io::Result<Vec<_>>>()?;
    entries
        .par_iter()
        .filter(|entry| taken(&entry.file_name()))
        .try_for_each(|entry| {
            if entry.file_type()?.is_dir() {
                remove_inside(&entry.path(), &|_| true)?;
                fs::remove_dir(entry.path())
            } else {
                fs::remove_file(entry.path())
            }
        })
}

/// Gives `folder` the group of the previous output folder, and its set-group-id bit, which
/// passes the group on to every folder made inside. Needs nothing when they are the same.
#[cfg(unix)]
fn keep_group(folder: &Path, previous: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    if fs::metadata(folder)?.gid() != previous.gid() {
        std::os::unix::fs::chown(folder, None, Some(previous.gid()))?;
    }
    let mode = fs::metadata(folder)?.mode() & 0o7777;
    let set_group_id = previous.mode() & 0o2000;
    if mode & 0o2000 == set_group_id {
        return Ok(());
    }
    fs::set_permissions(folder, fs::Permissions::from_mode(mode | set_group_id))
}

#[cfg(not(unix))]
fn keep_group(_folder: &Path, _previous: &fs::Metadata) -> io::Result<()> {
    Ok(())
}

/// Something, even a broken link, has this name.
fn is_there(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// A folder may be replaced when it is empty or was made by Chorus.
fn is_replaceable(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
        || fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Refuses an output folder that is the report folder, lies inside its content, themes or
/// private folder, or holds the report folder; before anything is written.
fn refuse_report_folders(report: &Path, dir: &Path) -> Result<(), WriteError> {
    let resolve = |path: &Path| {
        resolved(path).map_err(|error| WriteError::Io {
            path: path.to_owned(),
            error,
            previous: Previous::AsItWas,
        })
    };
    let output = resolve(dir)?;
    let report_folder = resolve(report)?;
    let clash = if output == report_folder {
        Some(Clash::IsReport)
    } else if report_folder.starts_with(&output) {
        Some(Clash::HoldsReport)
    } else {
        let mut inside = None;
        for (folder, clash) in REPORT_FOLDERS {
            if output.starts_with(resolve(&report.join(folder))?) {
                inside = Some(clash);
                break;
            }
        }
        inside
    };
    match clash {
        Some(clash) => Err(WriteError::InReport(dir.to_owned(), clash)),
        None => Ok(()),
    }
}

/// The path with every link and `..` resolved, even when its last folders do not exist yet:
/// the nearest folder that exists is made canonical, and the rest added as written.
fn resolved(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let components: Vec<Component> = absolute.components().collect();
    for existing in (1..=components.len()).rev() {
        let head: PathBuf = components[..existing].iter().collect();
        let Ok(mut resolved) = head.canonicalize() else {
            continue;
        };
        for component in &components[existing..] {
            match component {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::Normal(name) => resolved.push(name),
                _ => {}
            }
        }
        return Ok(resolved);
    }
    Ok(absolute)
}

#[cfg(test)]
mod tests {

    /// Writes every file of the site into `staging`, a new folder, the marker first.
    fn write_all(output: &Output, staging: &Path) -> Result<(), (PathBuf, io::Error)> {
        let at = |path: &Path| {
            let path = path.to_owned();
            move |error| (path, error)
        };
        fs::create_dir(staging).map_err(at(staging))?;
        fs::write(staging.join(MARKER), MARKER_TEXT).map_err(at(&staging.join(MARKER)))?;
        for (path, body) in &output.files {
            let target = staging.join(path);
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder).map_err(at(folder))?;
            }
            let written = match body {
                Body::Bytes(bytes) => fs::write(&target, bytes),
                Body::CopyOf(from) => fs::copy(from, &target).map(|_| ()),
            };
            written.map_err(at(&target))?;
        }
        Ok(())
    }
    use super::*;

    #[test]
    fn a_folder_chorus_may_not_write_in_is_named_so() {
        let problem = problem(WriteError::Io {
            path: PathBuf::from("site"),
            error: io::ErrorKind::PermissionDenied.into(),
            previous: Previous::AsItWas,
        });
        assert_eq!(
            problem.message,
            "Chorus is not allowed to write here, so it could not build the site."
        );
        assert_eq!(
            problem.help.as_deref(),
            Some(
                "Choose with --output a folder you may write in, or ask whoever looks after this folder to let you write in it. Nothing was changed: the previous site is as it was."
            )
        );
    }

    /// The usual council set-up: the web officer owns the report's folder in a web root they
    /// may not write in; the message says why Chorus needs the folder above.
    #[test]
    fn a_folder_above_chorus_may_not_write_in_is_named_with_why() {
        let problem = problem(WriteError::Io {
            path: PathBuf::from("webroot/.our-report.chorus-new"),
            error: io::ErrorKind::PermissionDenied.into(),
            previous: Previous::AsItWas,
        });
        assert_eq!(
            problem.message,
            "Chorus is not allowed to write in webroot, the folder that holds the output folder. It builds the new site there, beside the old one, and then swaps it in whole, so that readers never see half a site."
        );
        assert_eq!(
            problem.help.as_deref(),
            Some(
                "Ask whoever looks after webroot to let you write in it too, or build into a folder of your own with --output and copy what is inside it to the web folder (for example with rsync -a --delete). Nothing was changed: the previous site is as it was."
            )
        );
    }

    /// The real disk, but with the steps named here failing, and every step written down.
    #[derive(Default)]
    struct Faulty {
        /// Exchange answers as on a file system that cannot exchange.
        no_exchange: bool,
        /// Exchange fails as it would for want of permission.
        exchange_refused: bool,
        /// Renames of folders with these names fail.
        renames_failing_from: &'static [&'static str],
        /// Removals of folders with these names fail.
        removals_failing: &'static [&'static str],
        steps: Mutex<Vec<String>>,
    }

    fn name(path: &Path) -> String {
        path.file_name().unwrap().to_string_lossy().into_owned()
    }

    fn refused() -> io::Error {
        io::Error::other("refused by the test")
    }

    impl Steps for Faulty {
        fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
            self.steps
                .lock()
                .unwrap()
                .push(format!("exchange {} {}", name(a), name(b)));
            if self.no_exchange {
                return Err(io::ErrorKind::Unsupported.into());
            }
            if self.exchange_refused {
                return Err(refused());
            }
            Disk.exchange(a, b)
        }

        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.steps
                .lock()
                .unwrap()
                .push(format!("rename {} {}", name(from), name(to)));
            if self.renames_failing_from.contains(&name(from).as_str()) {
                return Err(refused());
            }
            Disk.rename(from, to)
        }

        fn remove(&self, folder: &Path) -> io::Result<()> {
            self.steps
                .lock()
                .unwrap()
                .push(format!("remove {}", name(folder)));
            if self.removals_failing.contains(&name(folder).as_str()) {
                return Err(refused());
            }
            Disk.remove(folder)
        }
    }

    /// A report folder, with a content folder and a site of one page, `old.html`.
    struct Report {
        temp: tempfile::TempDir,
    }

    impl Report {
        fn with_old_site() -> Report {
            let report = Report {
                temp: tempfile::tempdir().unwrap(),
            };
            fs::create_dir(report.root().join("content")).unwrap();
            write(&site_with("old.html"), report.root(), &report.site()).unwrap();
            report
        }

        fn root(&self) -> &Path {
            self.temp.path()
        }

        fn site(&self) -> PathBuf {
            self.root().join("site")
        }

        fn staging(&self) -> PathBuf {
            self.root().join(".site.chorus-new")
        }

        fn retired(&self) -> PathBuf {
            self.root().join(".site.chorus-old")
        }

        fn write_with(&self, disk: &impl Steps, output: &Output) -> Result<Written, WriteError> {
            write_with(disk, output, self.root(), &self.site())
        }

        /// The names in the report folder besides `content` and the marker beside the site.
        fn beside_content(&self) -> Vec<String> {
            let mut names: Vec<String> = fs::read_dir(self.root())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n != "content" && n != ".site.chorus-site")
                .collect();
            names.sort();
            names
        }

        /// The pages of the site in `folder`, without the marker.
        fn pages_in(&self, folder: &Path) -> Vec<String> {
            let mut names: Vec<String> = fs::read_dir(folder)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n != MARKER)
                .collect();
            names.sort();
            names
        }
    }

    fn site_with(page: &str) -> Output {
        let mut output = Output::default();
        output.insert(page, page);
        output
    }

    /// A site that cannot be written: a file stands where a folder must go.
    fn unwritable_site() -> Output {
        let mut output = site_with("new.html");
        output.insert("stories", "a file");
        output.insert("stories/a.html", "a story");
        output
    }

    fn previous(result: Result<Written, WriteError>) -> Previous {
        match result {
            Err(error @ WriteError::Io { .. }) => error.previous(),
            other => panic!("expected a failed write, got {other:?}"),
        }
    }

    // Linux's file systems on a test machine (ext4, tmpfs) can exchange.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn replaces_a_previous_site_whole_in_one_exchange() {
        let report = Report::with_old_site();
        let disk = Faulty::default();
        let mut second = Output::default();
        second.insert("stories/new.html", "new");
        let written = report.write_with(&disk, &second).unwrap();
        assert!(written.recovered.is_none() && written.old_site_left.is_none());
        assert_eq!(
            *disk.steps.lock().unwrap(),
            ["exchange .site.chorus-new site", "remove .site.chorus-new"]
        );
        assert_eq!(report.pages_in(&report.site()), ["stories"]);
        assert_eq!(
            fs::read_to_string(report.site().join("stories/new.html")).unwrap(),
            "new"
        );
        assert_eq!(report.beside_content(), ["site"]);
    }

    #[test]
    fn the_first_site_is_renamed_into_place() {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path().join("public/site");
        let disk = Faulty::default();
        write_with(&disk, &site_with("new.html"), temp.path(), &site).unwrap();
        assert_eq!(
            *disk.steps.lock().unwrap(),
            ["rename .site.chorus-new site"]
        );
        assert!(site.join("new.html").is_file());
    }

    #[test]
    fn the_published_site_holds_only_its_own_files_and_the_marker_is_beside_it() {
        let report = Report::with_old_site();
        let names = |dir: &Path| {
            let mut names: Vec<String> = fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        assert_eq!(names(&report.site()), ["old.html"]);
        assert!(report.root().join(".site.chorus-site").is_file());
        report.write_with(&Disk, &site_with("new.html")).unwrap();
        assert_eq!(names(&report.site()), ["new.html"]);
        assert_eq!(
            names(report.root()),
            [".site.chorus-site", "content", "site"]
        );
    }

    #[test]
    fn a_site_built_before_the_marker_moved_is_replaced_and_loses_its_marker() {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path().join("site");
        fs::create_dir(&site).unwrap();
        fs::write(site.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(site.join("old.html"), "old").unwrap();
        write(&site_with("new.html"), temp.path(), &site).unwrap();
        assert!(site.join("new.html").is_file());
        assert!(!site.join(MARKER).exists() && !site.join("old.html").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_output_folder_is_written_through_and_the_link_stays() {
        let report = Report::with_old_site();
        let published = report.root().join("www/report");
        fs::create_dir_all(&published).unwrap();
        let link = report.root().join("public");
        std::os::unix::fs::symlink("www/report", &link).unwrap();
        write(&site_with("one.html"), report.root(), &link).unwrap();
        write(&site_with("two.html"), report.root(), &link).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(report.pages_in(&published), ["two.html"]);
        assert!(report.root().join("www/.report.chorus-site").is_file());
        let missing = report.root().join("nowhere-link");
        std::os::unix::fs::symlink("not-there", &missing).unwrap();
        assert!(matches!(
            write(&site_with("one.html"), report.root(), &missing),
            Err(WriteError::BrokenLink(..))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn the_output_folder_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let report = Report::with_old_site();
        fs::set_permissions(report.site(), fs::Permissions::from_mode(0o2775)).unwrap();
        report.write_with(&Disk, &site_with("new.html")).unwrap();
        let mode = fs::metadata(report.site()).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o2775);
    }

    /// A web root often belongs to the web server's group, set-group-id so that everything
    /// made inside it does too: the new site and its folders keep that group.
    #[cfg(unix)]
    #[test]
    fn the_output_folder_keeps_its_group_and_gives_it_to_its_folders() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let report = Report::with_old_site();
        let own = fs::metadata(report.site()).unwrap().gid();
        // Another group this user may give a folder: any, as root; else one of its own.
        let ids = std::process::Command::new("id").arg("-G").output().unwrap();
        let candidates = String::from_utf8(ids.stdout).unwrap();
        let other = [1, 2, 4]
            .into_iter()
            .chain(candidates.split_whitespace().filter_map(|g| g.parse().ok()))
            .find(|&gid| {
                gid != own && std::os::unix::fs::chown(report.site(), None, Some(gid)).is_ok()
            });
        let Some(group) = other else {
            eprintln!("skipped: this user belongs to no second group to test with");
            return;
        };
        fs::set_permissions(report.site(), fs::Permissions::from_mode(0o2750)).unwrap();
        let mut site = site_with("new.html");
        site.insert("stories/one.html", "one");
        let written = report.write_with(&Disk, &site).unwrap();
        assert!(written.group_lost.is_none());
        for folder in [report.site(), report.site().join("stories")] {
            let meta = fs::metadata(&folder).unwrap();
            assert_eq!(meta.gid(), group, "{}", folder.display());
            assert_eq!(meta.permissions().mode() & 0o2000, 0o2000);
        }
    }

    #[test]
    fn without_exchange_two_renames_put_the_new_site_in_place() {
        let report = Report::with_old_site();
        let disk = Faulty {
            no_exchange: true,
            ..Faulty::default()
        };
        report.write_with(&disk, &site_with("new.html")).unwrap();
        assert_eq!(
            *disk.steps.lock().unwrap(),
            [
                "exchange .site.chorus-new site",
                "rename site .site.chorus-old",
                "rename .site.chorus-new site",
                "remove .site.chorus-old"
            ]
        );
        assert_eq!(report.pages_in(&report.site()), ["new.html"]);
        assert_eq!(report.beside_content(), ["site"]);
    }

    #[test]
    fn when_the_second_rename_fails_the_old_site_is_put_back() {
        let report = Report::with_old_site();
        let disk = Faulty {
            no_exchange: true,
            renames_failing_from: &[".site.chorus-new"],
            ..Faulty::default()
        };
        let result = report.write_with(&disk, &site_with("new.html"));
        assert_eq!(previous(result), Previous::AsItWas);
        assert_eq!(
            disk.steps.lock().unwrap()[1..],
            [
                "rename site .site.chorus-old",
                "rename .site.chorus-new site",
                "rename .site.chorus-old site",
                "remove .site.chorus-new"
            ]
        );
        assert_eq!(report.pages_in(&report.site()), ["old.html"]);
        assert_eq!(report.beside_content(), ["site"]);
    }

    #[test]
    fn when_the_old_site_cannot_be_put_back_it_is_whole_aside_and_the_next_build_recovers_it() {
        let report = Report::with_old_site();
        let disk = Faulty {
            no_exchange: true,
            renames_failing_from: &[".site.chorus-new", ".site.chorus-old"],
            ..Faulty::default()
        };
        let result = report.write_with(&disk, &site_with("new.html"));
        assert_eq!(previous(result), Previous::SetAside(report.retired()));
        assert_eq!(report.pages_in(&report.retired()), ["old.html"]);
        assert!(report.retired().join(MARKER).is_file());
        assert!(!report.site().exists());

        let written = report.write_with(&Disk, &site_with("newer.html")).unwrap();
        assert_eq!(written.recovered, Some(report.retired()));
        assert_eq!(report.pages_in(&report.site()), ["newer.html"]);
        assert_eq!(report.beside_content(), ["site"]);
    }

    #[test]
    fn a_build_stopped_between_the_renames_is_recovered_before_anything_is_deleted() {
        // What a build killed between the fallback's two renames leaves: the old site aside,
        // the new one complete in staging, and no site.
        let report = Report::with_old_site();
        fs::rename(report.site(), report.retired()).unwrap();
        write_all(&site_with("new.html"), &report.staging()).unwrap();

        // The next build fails to write, and the old site is back in place.
        let disk = Faulty::default();
        let result = report.write_with(&disk, &unwritable_site());
        assert_eq!(previous(result), Previous::PutBack(report.retired()));
        assert_eq!(
            disk.steps.lock().unwrap()[..2],
            ["rename .site.chorus-old site", "remove .site.chorus-new"]
        );
        assert_eq!(report.pages_in(&report.site()), ["old.html"]);
        assert_eq!(report.beside_content(), ["site"]);
    }

    #[test]
    fn a_recovered_site_is_then_replaced_and_said_so() {
        let report = Report::with_old_site();
        fs::rename(report.site(), report.retired()).unwrap();
        let written = report.write_with(&Disk, &site_with("new.html")).unwrap();
        assert_eq!(written.recovered, Some(report.retired()));
        assert_eq!(report.pages_in(&report.site()), ["new.html"]);
        assert_eq!(report.beside_content(), ["site"]);
    }

    #[test]
    fn a_folder_with_chorus_names_but_not_made_by_chorus_is_never_deleted() {
        for name in [".site.chorus-new", ".site.chorus-old"] {
            let report = Report::with_old_site();
            let stranger = report.root().join(name);
            fs::create_dir(&stranger).unwrap();
            fs::write(stranger.join("precious.txt"), "mine").unwrap();
            let disk = Faulty::default();
            let result = report.write_with(&disk, &site_with("new.html"));
            assert!(
                matches!(&result, Err(WriteError::LeftoverNotOurs(path)) if *path == stranger),
                "{result:?}"
            );
            assert!(disk.steps.lock().unwrap().is_empty(), "nothing was moved");
            assert_eq!(
                fs::read_to_string(stranger.join("precious.txt")).unwrap(),
                "mine"
            );
            assert_eq!(report.pages_in(&report.site()), ["old.html"]);
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_old_site_is_removed_whole_and_what_its_links_lead_to_stays() {
        let report = Report::with_old_site();
        let elsewhere = report.root().join("elsewhere");
        fs::create_dir_all(elsewhere.join("inside")).unwrap();
        fs::write(elsewhere.join("inside/kept.txt"), "kept").unwrap();
        let site = report.site();
        for folder in ["stories/deeper/deepest", "media"] {
            fs::create_dir_all(site.join(folder)).unwrap();
        }
        for n in 0..50 {
            fs::write(site.join(format!("stories/s{n}.html")), "old").unwrap();
            fs::write(
                site.join(format!("stories/deeper/deepest/d{n}.html")),
                "old",
            )
            .unwrap();
        }
        std::os::unix::fs::symlink(&elsewhere, site.join("media/linked")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, site.join("linked")).unwrap();

        report.write_with(&Disk, &site_with("new.html")).unwrap();
        assert_eq!(report.beside_content(), ["elsewhere", "site"]);
        assert_eq!(report.pages_in(&report.site()), ["new.html"]);
        assert_eq!(
            fs::read_to_string(elsewhere.join("inside/kept.txt")).unwrap(),
            "kept"
        );
    }

    #[test]
    fn a_leftover_emptied_all_but_its_name_is_removed() {
        // A removal stopped after the marker, its last file, leaves an empty folder.
        let report = Report::with_old_site();
        fs::create_dir(report.retired()).unwrap();
        report.write_with(&Disk, &site_with("new.html")).unwrap();
        assert_eq!(report.beside_content(), ["site"]);
    }

    #[test]
    fn an_old_site_that_cannot_be_removed_after_the_swap_is_a_warning_not_a_failure() {
        let report = Report::with_old_site();
        let disk = Faulty {
            removals_failing: &[".site.chorus-new"],
            ..Faulty::default()
        };
        let written = report.write_with(&disk, &site_with("new.html")).unwrap();
        let (left, _) = written.old_site_left.unwrap();
        assert_eq!(left, report.staging());
        assert_eq!(report.pages_in(&report.site()), ["new.html"]);
        assert_eq!(report.pages_in(&left), ["old.html"]);

        // The next build removes it.
        report.write_with(&Disk, &site_with("newer.html")).unwrap();
        assert_eq!(report.beside_content(), ["site"]);
    }

    #[test]
    fn without_exchange_an_old_site_that_cannot_be_removed_is_a_warning_too() {
        let report = Report::with_old_site();
        let disk = Faulty {
            no_exchange: true,
            removals_failing: &[".site.chorus-old"],
            ..Faulty::default()
        };
        let written = report.write_with(&disk, &site_with("new.html")).unwrap();
        assert_eq!(written.old_site_left.unwrap().0, report.retired());
        assert_eq!(report.pages_in(&report.site()), ["new.html"]);
        assert_eq!(report.pages_in(&report.retired()), ["old.html"]);
    }

    #[test]
    fn a_site_that_cannot_be_written_changes_nothing() {
        let report = Report::with_old_site();
        let disk = Faulty::default();
        let result = report.write_with(&disk, &unwritable_site());
        assert_eq!(previous(result), Previous::AsItWas);
        assert_eq!(*disk.steps.lock().unwrap(), ["remove .site.chorus-new"]);
        assert_eq!(report.pages_in(&report.site()), ["old.html"]);
        assert_eq!(report.beside_content(), ["site"]);
    }

    #[test]
    fn an_exchange_that_fails_for_another_reason_changes_nothing() {
        let report = Report::with_old_site();
        let disk = Faulty {
            exchange_refused: true,
            ..Faulty::default()
        };
        let result = report.write_with(&disk, &site_with("new.html"));
        assert_eq!(previous(result), Previous::AsItWas);
        assert_eq!(
            *disk.steps.lock().unwrap(),
            ["exchange .site.chorus-new site", "remove .site.chorus-new"]
        );
        assert_eq!(report.pages_in(&report.site()), ["old.html"]);
        assert_eq!(report.beside_content(), ["site"]);
    }

    #[test]
    fn never_empties_a_folder_it_did_not_make() {
        let temp = tempfile::tempdir().unwrap();
        let mine = temp.path().join("mine");
        fs::create_dir(&mine).unwrap();
        fs::write(mine.join("precious.txt"), "mine").unwrap();
        let result = write(&Output::default(), temp.path(), &mine);
        assert!(matches!(result, Err(WriteError::NotOurs(_))));
        assert!(mine.join("precious.txt").exists());
    }

    #[test]
    fn the_report_and_its_own_folders_are_refused_before_anything_is_written() {
        let report = Report::with_old_site();
        let root = report.root();
        let clash = |dir: &Path| match write(&site_with("new.html"), root, dir) {
            Err(WriteError::InReport(refused, clash)) => {
                assert_eq!(refused, dir);
                Some(clash)
            }
            _ => None,
        };
        assert_eq!(clash(root), Some(Clash::IsReport));
        assert_eq!(clash(&root.join("site/..")), Some(Clash::IsReport));
        assert_eq!(clash(root.parent().unwrap()), Some(Clash::HoldsReport));
        assert_eq!(clash(&root.join("content/media")), Some(Clash::InContent));
        assert_eq!(
            clash(&root.join("not-yet/../content/a/b")),
            Some(Clash::InContent)
        );
        assert_eq!(clash(&root.join("themes/x")), Some(Clash::InThemes));
        assert_eq!(clash(&root.join("private")), Some(Clash::InPrivate));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("content"), root.join("link")).unwrap();
            assert_eq!(clash(&root.join("link/site")), Some(Clash::InContent));
            fs::remove_file(root.join("link")).unwrap();
        }
        assert_eq!(report.beside_content(), ["site"]);
        assert!(!root.join("content/media").exists());
        assert!(!root.join("themes").exists() && !root.join("private").exists());

        assert_eq!(clash(&root.join("site")), None);
        assert_eq!(clash(&root.join("contents")), None);
    }

    fn text(diagnostic: Diagnostic) -> String {
        diagnostic.to_string()
    }

    #[test]
    fn every_message_about_the_previous_site_says_where_it_is() {
        let failed = |previous| WriteError::Io {
            path: PathBuf::from("site"),
            error: io::Error::other("disk full"),
            previous,
        };
        let start = "error[output-not-writable]: Chorus could not write the site here: disk full.\n  --> site\n  what to do: Check that there is space on the disk and that you may write to this folder. ";
        assert_eq!(
            text(problem(failed(Previous::AsItWas))),
            format!("{start}Nothing was changed: the previous site is as it was.\n")
        );
        assert_eq!(
            text(problem(failed(Previous::PutBack(
                ".site.chorus-old".into()
            )))),
            format!(
                "{start}A build that was stopped part-way had left the previous site in .site.chorus-old; Chorus put it back, and changed nothing else.\n"
            )
        );
        assert_eq!(
            text(problem(failed(Previous::SetAside(
                ".site.chorus-old".into()
            )))),
            format!(
                "{start}The new site is not in place, and the previous site is whole in .site.chorus-old: the next build will put it back.\n"
            )
        );
        let written = Written {
            recovered: None,
            old_site_left: Some((".site.chorus-new".into(), io::Error::other("busy"))),
            marker_left: None,
            group_lost: Some(("site".into(), io::Error::other("not permitted"))),
        };
        let notices: Vec<String> = notices(written).into_iter().map(text).collect();
        assert_eq!(
            notices,
            [
                "warning[output-old-not-removed]: The new site is in place, but Chorus could not remove the previous one, which is still here: busy.\n  --> .site.chorus-new\n  what to do: Delete this folder by hand when you can; the next build will also try to remove it.\n",
                "warning[output-group-not-set]: The new site is in place, but Chorus could not give it the group the previous folder had: not permitted. A web server that reads the site through that group may not be able to read it.\n  --> site\n  what to do: Ask whoever looks after the web server to set the folder's group again, or build as a member of that group.\n"
            ]
        );
    }
}
