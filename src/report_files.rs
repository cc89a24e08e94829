//! The one way Chorus reads the report folder: `ReportFiles` never reads a file outside it,
//! never reads anything in `private/`, and never reads a text file past a size limit.
//!
//! Every path is resolved (links followed) and then checked: it must still be inside the
//! report, and not inside `private/`. A link that stays inside is followed; any other link is
//! skipped and said so, by the link's own name, never by what it points at.
//!
//! Written by hand rather than with cap-std: the checks are a handful of lines over
//! `canonicalize`, and Chorus must tell an editor *why* a link was skipped (outside the report,
//! into `private/`, to nothing), which a sandboxed directory handle does not say. What this does
//! not close is a race with another program swapping a folder for a link between the check and
//! the read; a report is an editor's folder, not a place another user writes into during a build.

use crate::diagnostics::Diagnostic;
use crate::rules;
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// The largest file Chorus reads into memory (markdown, TOML, a theme's files): no real report
/// comes near it. Media files are copied, never read, so they have no limit.
pub const READ_LIMIT: u64 = 5_000_000;

/// The report folder, resolved once.
#[derive(Debug, Clone)]
pub struct ReportFiles {
    /// The report folder with every link resolved.
    root: PathBuf,
    /// `private/` as written, and where it leads if it is itself a link.
    private: [PathBuf; 2],
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// There is no such file.
    Missing,
    /// A link (the file itself, or a folder on its way) that leads to nothing.
    BrokenLink,
    /// It leads outside the report folder: by a link, `..` or an absolute path.
    Outside,
    /// It leads into `private/`.
    Private,
    /// A link to a folder, inside a folder being walked: not followed.
    LinkedFolder,
    /// A folder, a device or a pipe where a file was wanted.
    NotAFile,
    /// Larger than the limit: its size in bytes.
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(io::Error),
}

/// Reads a file already resolved and checked by `ReportFiles::resolve`, of at most `limit`
/// bytes. Its size is checked once it is open, before it is read, and it is read no further
/// than the limit, so a file that grows meanwhile does not get past.
pub fn read_resolved(path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let (file, metadata) = open_file(path)?;
    if metadata.len() > limit {
        return Err(Refusal::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > limit {
        let size = fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(Refusal::TooLarge { size, limit });
    }
    Ok(bytes)
}

/// The first `len` bytes of a file read before (resolved and checked then), as a build reads
/// a story again: what follows them, if the file has grown, is not read, and a file now
/// shorter, or no longer a file, is refused.
pub fn read_again(path: &Path, len: u64) -> Result<Vec<u8>, Refusal> {
    let (mut file, _) = open_file(path)?;
    let mut bytes = vec![0; usize::try_from(len).map_err(|_| Refusal::NotAFile)?];
    file.read_exact(&mut bytes).map_err(Refusal::Io)?;
    Ok(bytes)
}

/// Opens a file to read, refusing anything but an ordinary file. The check is made on the
/// file opened (`fstat`), not on its name, so what is read is what was checked. On Unix it is
/// opened without waiting (`O_NONBLOCK`): a pipe is then refused at once instead of waiting for
/// a writer forever, and reading an ordinary file is the same either way (`O_NOCTTY`: a
/// terminal's device, which only an administrator could put in a report, never becomes
/// Chorus's own terminal).
fn open_file(path: &Path) -> Result<(fs::File, fs::Metadata), Refusal> {
    #[cfg(unix)]
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(path)
            .map_err(Refusal::Io)?
    };
    #[cfg(not(unix))]
    let file = {
        // Checked before opening, where a pipe cannot be opened without waiting.
        if !fs::metadata(path).map_err(Refusal::Io)?.is_file() {
            return Err(Refusal::NotAFile);
        }
        fs::File::open(path).map_err(Refusal::Io)?
    };
    let metadata = file.metadata().map_err(Refusal::Io)?;
    if !metadata.is_file() {
        return Err(Refusal::NotAFile);
    }
    Ok((file, metadata))
}

/// Whether a walk takes names that start with `.`.
#[derive(Debug, Clone, Copy)]
enum Hidden {
    PassOver,
    Take,
}

/// Files and folders a computer, an editor or a version-control tool makes by itself beside a
/// person's files, never meant for a website: an editor's backup copy (`story.md~`) or
/// unsaved work (`#story.md#`) among them.
pub(crate) fn is_left_by_the_computer(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        ".ds_store" | "thumbs.db" | "desktop.ini" | ".git" | ".svn" | ".hg"
    ) || name.starts_with("._")
        || name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
}

/// A file found by a walk, ready to read or copy.
#[derive(Debug, Clone)]
pub struct Found {
    /// Relative to the report folder, with `/`, as the editor names it: for a link, the link's
    /// own name (`content/media/garden.jpg`).
    pub name: String,
    /// Where it really is, every link resolved and checked: the only path to copy from.
    pub disk_path: PathBuf,
}

/// An entry a walk did not take, and why.
#[derive(Debug)]
pub struct Skipped {
    pub name: String,
    pub refusal: Refusal,
}

/// What a walk of one folder found.
#[derive(Debug, Default)]
pub struct Walk {
    /// In name order.
    pub files: Vec<Found>,
    pub skipped: Vec<Skipped>,
    /// The folders it found (not links to folders), by name as for `files`, in name order.
    pub folders: Vec<String>,
}

/// Name order, folder by folder, as a walk that sorted each folder's entries would give:
/// `notes/a.md` comes before `notes-old.md`, since `/` is read as coming before every other
/// character. The walk's results are sorted once, at the end: walkdir's own sort finds each
/// entry's name again from its whole path at every comparison, 30 ms on one thread for a
/// folder of 10,000 stories.
fn in_name_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |byte: u8| if byte == b'/' { 0 } else { byte };
    a.bytes().map(key).cmp(b.bytes().map(key))
}

impl ReportFiles {
    pub fn new(root: &Path) -> io::Result<ReportFiles> {
        let root = fs::canonicalize(root)?;
        let private = root.join("private");
        let resolved = fs::canonicalize(&private).unwrap_or_else(|_| private.clone());
        Ok(ReportFiles {
            root,
            private: [private, resolved],
        })
    }

    /// Where `name` (relative to the report, with `/`) really is, once it is known to be inside
    /// the report and outside `private/`.
    pub fn resolve(&self, name: &str) -> Result<PathBuf, Refusal> {
        let relative = Path::new(name);
        let plain = !name.is_empty()
            && !name.contains('\\')
            && relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(Refusal::Outside);
        }
        let path = self.root.join(relative);
        let real = match fs::canonicalize(&path) {
            Ok(real) => real,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                // The name exists but leads nowhere: a link to nothing, itself or on its way.
                return Err(match fs::symlink_metadata(&path) {
                    Ok(_) => Refusal::BrokenLink,
                    Err(_) if self.has_link_on_the_way(relative) => Refusal::BrokenLink,
                    Err(_) => Refusal::Missing,
                });
            }
            Err(error) => return Err(Refusal::Io(error)),
        };
        self.confine(&real)?;
        // `private/` is refused by the name it is known by too, link or not.
        self.confine(&path)?;
        Ok(real)
    }

    /// Reads a file of at most `limit` bytes. Its size is checked before it is opened, and
    /// it is read no further than the limit, so a file that grows meanwhile does not get past.
    pub fn read(&self, name: &str, limit: u64) -> Result<Vec<u8>, Refusal> {
        self.read_found(name, limit).map(|(_, bytes)| bytes)
    }

    /// `read`, and where the file really is, so that it can be read again (`read_resolved`).
    pub fn read_found(&self, name: &str, limit: u64) -> Result<(PathBuf, Vec<u8>), Refusal> {
        let path = self.resolve(name)?;
        let bytes = read_resolved(&path, limit)?;
        Ok((path, bytes))
    }

    /// The files of `folder` (relative to the report), in name order: only its own files, or
    /// with `deep` those of its folders too. Names starting with `.` are passed over. A link to
    /// a file inside the report is taken, at its own name; every other link is skipped with
    /// the reason. `Err` when the folder itself can't be walked (`Refusal::Missing` when it
    /// is not there).
    pub fn walk(&self, folder: &str, deep: bool) -> Result<Walk, Refusal> {
        self.walk_with(folder, deep, Hidden::PassOver)
    }

    /// Every file under `folder`, names starting with `.` included (`.htaccess`,
    /// `.well-known/`), for files that are published as they are. What a computer leaves
    /// behind by itself (`.DS_Store`, `Thumbs.db`, `desktop.ini`, `._` copies, `.git`) is
    /// still passed over.
    pub fn walk_everything(&self, folder: &str) -> Result<Walk, Refusal> {
        self.walk_with(folder, true, Hidden::Take)
    }

    fn walk_with(&self, folder: &str, deep: bool, hidden: Hidden) -> Result<Walk, Refusal> {
        let start = self.resolve(folder)?;
        if !start.is_dir() {
            return Err(Refusal::NotAFile);
        }
        let mut walk = Walk::default();
        let entries = walkdir::WalkDir::new(&start)
            .min_depth(1)
            .max_depth(if deep { usize::MAX } else { 1 })
            .follow_links(false)
            .into_iter()
            .filter_entry(|entry| {
                let name = entry.file_name().to_string_lossy();
                match hidden {
                    Hidden::PassOver => !name.starts_with('.') && !is_left_by_the_computer(&name),
                    Hidden::Take => !is_left_by_the_computer(&name),
                }
            });
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let inside = error
                        .path()
                        .and_then(|p| p.strip_prefix(&start).ok())
                        .map(crate::source::slash_path)
                        .filter(|p| !p.is_empty());
                    walk.skipped.push(Skipped {
                        name: inside.map_or_else(|| folder.to_owned(), |p| format!("{folder}/{p}")),
                        refusal: Refusal::Io(error.into()),
                    });
                    continue;
                }
            };
            let Ok(inside) = entry.path().strip_prefix(&start) else {
                continue;
            };
            let name = format!("{folder}/{}", crate::source::slash_path(inside));
            let kind = entry.file_type();
            let checked = if kind.is_dir() {
                walk.folders.push(name);
                continue;
            } else if kind.is_file() {
                self.confine(entry.path()).map(|()| entry.path().to_owned())
            } else if kind.is_symlink() {
                self.follow(entry.path())
            } else {
                Err(Refusal::NotAFile)
            };
            match checked {
                Ok(disk_path) => walk.files.push(Found { name, disk_path }),
                Err(refusal) => walk.skipped.push(Skipped { name, refusal }),
            }
        }
        walk.files
            .sort_unstable_by(|a, b| in_name_order(&a.name, &b.name));
        walk.skipped.sort_by(|a, b| in_name_order(&a.name, &b.name));
        walk.folders.sort_unstable_by(|a, b| in_name_order(a, b));
        Ok(walk)
    }

    /// Where a link inside a walked folder leads, if it is a file Chorus may read.
    fn follow(&self, link: &Path) -> Result<PathBuf, Refusal> {
        let real = fs::canonicalize(link).map_err(|error| match error.kind() {
            io::ErrorKind::NotFound => Refusal::BrokenLink,
            _ => Refusal::Io(error),
        })?;
        self.confine(&real)?;
        let metadata = fs::metadata(&real).map_err(Refusal::Io)?;
        if metadata.is_dir() {
            Err(Refusal::LinkedFolder)
        } else if metadata.is_file() {
            Ok(real)
        } else {
            Err(Refusal::NotAFile)
        }
    }

    /// A path, every link resolved, must be inside the report and outside `private/`.
    fn confine(&self, real: &Path) -> Result<(), Refusal> {
        if !real.starts_with(&self.root) {
            Err(Refusal::Outside)
        } else if self.private.iter().any(|p| real.starts_with(p)) {
            Err(Refusal::Private)
        } else {
            Ok(())
        }
    }

    fn has_link_on_the_way(&self, relative: &Path) -> bool {
        relative.ancestors().skip(1).any(|folder| {
            !folder.as_os_str().is_empty()
                && fs::symlink_metadata(self.root.join(folder))
                    .is_ok_and(|m| m.file_type().is_symlink())
        })
    }
}

impl Refusal {
    /// The message for an editor, naming the file as they know it (`content/index.md`).
    /// Never says where a link leads: that may be a private file's name.
    pub fn diagnostic(&self, name: &str) -> Diagnostic {
        match self {
            Refusal::Missing => Diagnostic::error(rules::FILE_MISSING, name, "There is no such file in the report.")
                .help("Check the spelling of the name and that the file is in the report folder."),
            Refusal::BrokenLink => Diagnostic::note(rules::SHORTCUT_BROKEN,
                name,
                "This is a link to a file that is not there, so Chorus skipped it.",
            )
            .help("Put the file itself here instead of the link, or delete the link."),
            Refusal::Outside => Diagnostic::note(rules::SHORTCUT_OUTSIDE_REPORT,
                name,
                "This is a link that leads outside the report folder, so Chorus did not read it: Chorus reads only the report's own files.",
            )
            .help("If it belongs to the report, copy it into the report folder instead of linking to it."),
            Refusal::Private => Diagnostic::note(rules::SHORTCUT_INTO_PRIVATE,
                name,
                "This is a link into the private/ folder, so Chorus did not read it: nothing in private/ is ever read or published.",
            )
            .help("Delete the link. If some of that text may be published, copy only that part into a file of its own."),
            Refusal::LinkedFolder => Diagnostic::note(rules::SHORTCUT_TO_FOLDER,
                name,
                "This is a link to a folder, so Chorus did not look inside it: Chorus follows links to files, not to folders.",
            )
            .help("Put the folder's files here instead of the link."),
            Refusal::NotAFile => Diagnostic::note(rules::NOT_AN_ORDINARY_FILE,
                name,
                "This is not an ordinary file, so Chorus did not read it.",
            )
            .help("Replace it with the file you meant, or move it out of the report folder."),
            Refusal::TooLarge { size, limit } => Diagnostic::error(rules::FILE_TOO_LARGE,
                name,
                format!(
                    "This file is {}, so Chorus did not read it: Chorus reads stories, pages, settings and theme files of at most {}.",
                    size_in_words(*size),
                    size_in_words(*limit)
                ),
            )
            .help("No story, page or settings file is nearly this long: check that this is the file you meant. Pictures and files to download go in content/media/, which has no size limit."),
            Refusal::Io(error) => Diagnostic::error(rules::FILE_UNREADABLE,
                name,
                format!("Chorus could not open this file: {error}."),
            )
            .help("Check that the file exists and that you are allowed to read it."),
        }
    }
}

impl Skipped {
    pub fn diagnostic(&self) -> Diagnostic {
        self.refusal.diagnostic(&self.name)
    }
}

/// "5 MB", "2.1 GB": sizes as a file manager shows them (1 MB = 1,000,000 bytes).
fn size_in_words(bytes: u64) -> String {
    let (amount, unit) = if bytes >= 1_000_000_000 {
        (bytes as f64 / 1e9, "GB")
    } else {
        (bytes as f64 / 1e6, "MB")
    };
    let text = format!("{amount:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> (tempfile::TempDir, ReportFiles) {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("report");
        for folder in ["content/stories", "private", "elsewhere"] {
            fs::create_dir_all(root.join(folder)).unwrap();
        }
        fs::write(root.join("content/stories/a.md"), "story a").unwrap();
        fs::write(root.join("private/register.csv"), "secret").unwrap();
        fs::write(temp.path().join("outside.md"), "outside").unwrap();
        let files = ReportFiles::new(&root).unwrap();
        (temp, files)
    }

    #[test]
    fn an_editors_backups_and_a_computers_own_files_are_passed_over() {
        let (temp, files) = report();
        let stories = temp.path().join("report/content/stories");
        for left in ["a.md~", "#a.md#", "Thumbs.db", ".a.md.swp"] {
            fs::write(stories.join(left), "left behind").unwrap();
        }
        let walk = files.walk("content/stories", false).unwrap();
        let names: Vec<&str> = walk.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["content/stories/a.md"]);
    }

    #[test]
    fn a_walk_gives_names_in_order_folder_by_folder() {
        let (temp, files) = report();
        let content = temp.path().join("report/content");
        for folder in ["media/a", "media/a-b", "media/b"] {
            fs::create_dir_all(content.join(folder)).unwrap();
        }
        for file in [
            "a/z.png",
            "a-b/a.png",
            "a.png",
            "B.png",
            "b/c.png",
            "a-a.png",
        ] {
            fs::write(content.join("media").join(file), "picture").unwrap();
        }
        let walk = files.walk("content/media", true).unwrap();
        let names: Vec<&str> = walk.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "content/media/B.png",
                "content/media/a/z.png",
                "content/media/a-a.png",
                "content/media/a-b/a.png",
                "content/media/a.png",
                "content/media/b/c.png",
            ]
        );
        assert_eq!(
            walk.folders,
            ["content/media/a", "content/media/a-b", "content/media/b"]
        );
    }

    #[test]
    fn reads_a_file_of_the_report() {
        let (_temp, files) = report();
        assert_eq!(
            files.read("content/stories/a.md", READ_LIMIT).unwrap(),
            b"story a"
        );
        assert!(matches!(
            files.read("content/stories/b.md", READ_LIMIT),
            Err(Refusal::Missing)
        ));
    }

    #[test]
    fn never_leaves_the_report_by_a_name() {
        let (temp, files) = report();
        let absolute = temp.path().join("outside.md");
        for name in [
            "../outside.md",
            "content/../../outside.md",
            absolute.to_str().unwrap(),
            "content\\..\\..\\outside.md",
            "./content/stories/a.md",
            "",
        ] {
            assert!(
                matches!(files.read(name, READ_LIMIT), Err(Refusal::Outside)),
                "{name}"
            );
        }
        assert!(matches!(
            files.read("private/register.csv", READ_LIMIT),
            Err(Refusal::Private)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn follows_a_link_only_while_it_stays_inside_and_out_of_private() {
        use std::os::unix::fs::symlink;
        let (temp, files) = report();
        let stories = temp.path().join("report/content/stories");
        symlink("a.md", stories.join("inside.md")).unwrap();
        symlink("../../private/register.csv", stories.join("register.md")).unwrap();
        symlink(temp.path().join("outside.md"), stories.join("outside.md")).unwrap();
        symlink("gone.md", stories.join("broken.md")).unwrap();
        symlink("../../elsewhere", stories.join("folder")).unwrap();
        symlink("../private", temp.path().join("report/content/hidden")).unwrap();

        assert_eq!(
            files.read("content/stories/inside.md", READ_LIMIT).unwrap(),
            b"story a"
        );
        for (name, expected) in [
            ("content/stories/register.md", "Private"),
            ("content/hidden/register.csv", "Private"),
            ("content/stories/outside.md", "Outside"),
            ("content/stories/broken.md", "BrokenLink"),
            ("content/stories/folder", "NotAFile"),
        ] {
            let refusal = files.read(name, READ_LIMIT).unwrap_err();
            assert!(
                format!("{refusal:?}").starts_with(expected),
                "{name}: {refusal:?}"
            );
        }

        let walk = files.walk("content/stories", false).unwrap();
        let found: Vec<_> = walk.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(found, ["content/stories/a.md", "content/stories/inside.md"]);
        assert_eq!(
            walk.files[1].disk_path,
            files.resolve("content/stories/a.md").unwrap()
        );
        let skipped: Vec<_> = walk
            .skipped
            .iter()
            .map(|s| format!("{} {:?}", s.name, s.refusal))
            .collect();
        assert_eq!(
            skipped,
            [
                "content/stories/broken.md BrokenLink",
                "content/stories/folder LinkedFolder",
                "content/stories/outside.md Outside",
                "content/stories/register.md Private",
            ]
        );
        assert!(matches!(
            files.walk("content/hidden", true),
            Err(Refusal::Private)
        ));
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        let (temp, files) = report();
        let big = temp.path().join("report/content/stories/big.md");
        fs::File::create(&big)
            .unwrap()
            .set_len(2_147_483_648)
            .unwrap();
        match files.read("content/stories/big.md", READ_LIMIT) {
            Err(
                refusal @ Refusal::TooLarge {
                    size: 2_147_483_648,
                    ..
                },
            ) => assert_eq!(
                refusal.diagnostic("content/stories/big.md").message,
                "This file is 2.1 GB, so Chorus did not read it: Chorus reads stories, pages, settings and theme files of at most 5 MB."
            ),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            files.read("content/stories/a.md", 6),
            Err(Refusal::TooLarge { size: 7, limit: 6 })
        ));
    }

    #[test]
    fn a_pipe_or_a_folder_is_refused_at_once_not_waited_on() {
        let (temp, files) = report();
        let stories = temp.path().join("report/content/stories");
        let pipe = stories.join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        assert!(made.unwrap().success(), "mkfifo");
        fs::create_dir(stories.join("folder.md")).unwrap();
        // Nothing ever writes to the pipe: opening it to wait for a writer would never end.
        for name in ["content/stories/pipe.md", "content/stories/folder.md"] {
            assert!(
                matches!(files.read(name, READ_LIMIT), Err(Refusal::NotAFile)),
                "{name}"
            );
        }
        // A story read once, then replaced by a pipe before it is read again.
        let story = stories.join("a.md");
        fs::remove_file(&story).unwrap();
        let made = std::process::Command::new("mkfifo").arg(&story).status();
        assert!(made.unwrap().success(), "mkfifo");
        assert!(matches!(read_again(&story, 7), Err(Refusal::NotAFile)));
    }
}
