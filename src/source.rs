//! A file read from the report folder, and the mapping from byte offsets to lines and columns.

use crate::diagnostics::Location;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

#[derive(Debug)]
pub struct SourceFile {
    /// As the editor knows it: relative to the report folder, with `/` (`content/stories/x.md`).
    pub name: String,
    /// Read only, and shared with whoever reads it; `None` once let go of (see `release`).
    text: Mutex<Option<Arc<String>>>,
    /// Made when a place in the file is first asked for (most files are never asked), and
    /// shared with a copy read again (`in_memory`).
    index: Arc<OnceLock<LineIndex>>,
    /// Where the text was read from, and what it was, for a file that may be let go of.
    read_from: Option<ReadFrom>,
}

/// A file's place on disk and a fingerprint of its text, so that it can be read again and
/// known to be the same.
#[derive(Debug, Clone)]
struct ReadFrom {
    /// Every link resolved, and checked to be inside the report when it was first read.
    disk_path: PathBuf,
    /// Its size on disk, a byte order mark included.
    file_len: u64,
    /// XXH3, 128 bits: quick enough to take of every file at load and again at each read
    /// (0.1% of a 10,000-story build's CPU, measured), and enough to tell an edited file
    /// from the one read. It guards against a file saved again during
    /// a build, not against an adversary: anyone who can write the file can publish it.
    hash: u128,
}

/// A file let go of that is not, on disk, what was read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed;

impl Clone for SourceFile {
    fn clone(&self) -> Self {
        SourceFile {
            name: self.name.clone(),
            text: Mutex::new(self.held()),
            index: self.index.clone(),
            read_from: self.read_from.clone(),
        }
    }
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text: String = text.into();
        let text = without_byte_order_mark(text);
        SourceFile {
            name: name.into(),
            index: Arc::new(OnceLock::new()),
            text: Mutex::new(Some(Arc::new(text))),
            read_from: None,
        }
    }

    /// The same file, known to have been read from `disk_path`: it may be let go of, and read
    /// again when it is next needed.
    pub fn read_from(mut self, disk_path: PathBuf, file_len: u64) -> Self {
        let text = self.held().unwrap_or_default();
        self.read_from = Some(ReadFrom {
            disk_path,
            file_len,
            hash: xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
        });
        self
    }

    /// The text as it was read. A file let go of is read again; if it has changed on disk
    /// since, or can't be read, its text is empty (`text_again` says so).
    pub fn text(&self) -> Arc<String> {
        self.held()
            .or_else(|| self.read_again().ok())
            .unwrap_or_default()
    }

    /// The text as it was read, held or read again, or `Changed` when the file on disk is
    /// no longer what was read and checked.
    pub fn text_again(&self) -> Result<Arc<String>, Changed> {
        self.held().map_or_else(|| self.read_again(), Ok)
    }

    /// This file with its text in memory: itself while held, or a copy read again.
    pub fn in_memory(&self) -> Result<std::borrow::Cow<'_, SourceFile>, Changed> {
        if self.held().is_some() {
            return Ok(std::borrow::Cow::Borrowed(self));
        }
        let text = self.read_again()?;
        Ok(std::borrow::Cow::Owned(SourceFile {
            name: self.name.clone(),
            text: Mutex::new(Some(text)),
            index: self.index.clone(),
            read_from: None,
        }))
    }

    /// Lets go of the text of a file read from disk; it is read again when next needed. The
    /// build does this once every check is made, so that a large report's text is not held
    /// while its pages are made (see docs/architecture.md).
    ///
    /// The line index is made first, if it was not yet: a place asked for after the file has
    /// changed on disk still gets its line.
    pub fn release(&self) {
        if self.read_from.is_some() {
            let mut text = self.text.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(text) = text.as_deref() {
                self.index.get_or_init(|| LineIndex::new(text));
            }
            *text = None;
        }
    }

    fn held(&self) -> Option<Arc<String>> {
        self.text
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn read_again(&self) -> Result<Arc<String>, Changed> {
        let from = self.read_from.as_ref().ok_or(Changed)?;
        let bytes =
            crate::report_files::read_again(&from.disk_path, from.file_len).map_err(|_| Changed)?;
        let text = without_byte_order_mark(String::from_utf8(bytes).map_err(|_| Changed)?);
        let same = xxhash_rust::xxh3::xxh3_128(text.as_bytes()) == from.hash;
        if same {
            Ok(Arc::new(text))
        } else {
            Err(Changed)
        }
    }

    /// The line, column and line text of a byte range. Offsets past the end point at the end.
    ///
    /// Takes the same short time wherever the range is, however long the file or the line: a
    /// file may have 100,000 problems, each asking for its place. A line longer than
    /// `WHOLE_LINE` bytes is shown as a window of `WINDOW` characters either side of the
    /// problem, so that a message's size does not grow with the line.
    pub fn location(&self, span: Range<usize>) -> Location {
        let Ok(text) = self.text_again() else {
            // Let go of and changed since: only the line is still known (`release` made the
            // index).
            let line = self
                .index
                .get()
                .map_or(1, |index| index.line_of(span.start));
            return Location {
                line,
                column: 1,
                line_text: String::new(),
                caret_column: 1,
                width: 1,
                column_name: None,
            };
        };
        let text = &*text;
        let index = self.index.get_or_init(|| LineIndex::new(text));
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let line = index.line_of(start);
        let line_start = index.line_starts[line - 1];
        let mut line_end = index
            .line_starts
            .get(line)
            .map_or(text.len(), |next| next - 1);
        if text[line_start..line_end].ends_with('\r') {
            line_end -= 1;
        }
        let start = start.min(line_end);
        let end = floor_char_boundary(text, span.end.clamp(start, line_end));
        let column = index.chars_before(text, start) - index.chars_before(text, line_start) + 1;

        let whole = line_end - line_start <= WHOLE_LINE;
        let shown_start = if whole {
            line_start
        } else {
            chars_back(text, start, line_start, WINDOW)
        };
        let underlined_end = if whole {
            end
        } else {
            chars_forward(text, start, end, WINDOW)
        };
        let shown_end = if whole {
            line_end
        } else {
            chars_forward(text, underlined_end, line_end, WINDOW)
        };
        let cut_before = shown_start > line_start;
        let cut_after = shown_end < line_end;
        let mut line_text = String::new();
        if cut_before {
            line_text.push('…');
        }
        line_text.push_str(&text[shown_start..shown_end].replace('\t', " "));
        if cut_after {
            line_text.push('…');
        }
        Location {
            line,
            column,
            line_text,
            caret_column: text[shown_start..start].chars().count() + 1 + usize::from(cut_before),
            width: text[start..underlined_end].chars().count().max(1),
            column_name: None,
        }
    }
}

/// Where in a report something was written. In a file, it is a byte range of the file's
/// text, made a line and column (with the line shown) only when a message needs it: a setting
/// keeps its place for any later check, and nearly none is ever shown. Made at once, the
/// places were about a quarter of the CPU of loading a 10,000-story report, and 17 MB of the
/// build's peak memory.
#[derive(Debug, Clone)]
pub enum Place {
    InFile(Arc<SourceFile>, Range<usize>),
    /// A place already made: a spreadsheet's cell, or a place given for a message.
    Made(Box<Location>),
}

impl Place {
    /// The line, column and line text, as `SourceFile::location` makes them.
    pub fn location(&self) -> Location {
        match self {
            Place::InFile(file, span) => file.location(span.clone()),
            Place::Made(location) => (**location).clone(),
        }
    }
}

impl From<Location> for Place {
    fn from(location: Location) -> Self {
        Place::Made(Box::new(location))
    }
}

/// Part of a file's text, shared with the file, or words borrowed from elsewhere (a setting's
/// value): what a stage reads without holding the file's text beyond its own use.
#[derive(Debug, Clone)]
pub enum Text<'a> {
    Shared(Arc<String>, Range<usize>),
    Borrowed(&'a str),
}

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Shared(whole, range) => whole.get(range.clone()).unwrap_or_default(),
            Text::Borrowed(text) => text,
        }
    }
}

/// How many characters of a long line a message shows on each side of the problem (and at most
/// of the problem itself).
pub const WINDOW: usize = 100;

/// Lines up to this many bytes are shown whole.
pub const WHOLE_LINE: usize = 300;

/// Where each line starts, and how many characters come before every `CHECKPOINT`th byte (the
/// character boundary at or before it), so that the line and column of any offset are found
/// without reading the file from the start.
#[derive(Debug, Clone)]
struct LineIndex {
    /// The byte offset of the start of each line; the first is 0.
    line_starts: Vec<usize>,
    /// `chars[i]` is the number of characters before `floor_char_boundary(i * CHECKPOINT)`.
    chars: Vec<usize>,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    fn new(text: &str) -> Self {
        // memchr's search looks at 16 or 32 bytes at a time where the processor allows.
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        // Counted by `str::chars().count()`, which the standard library does eight bytes at a
        // time: a loop over the bytes was 1.5% of a 10,000-story build's CPU.
        let mut chars = vec![0];
        let mut from = 0;
        for checkpoint in 1..=text.len() / CHECKPOINT {
            let to = floor_char_boundary(text, checkpoint * CHECKPOINT);
            chars.push(chars[checkpoint - 1] + text[from..to].chars().count());
            from = to;
        }
        LineIndex { line_starts, chars }
    }

    /// The 1-based line that holds byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// How many characters come before byte `offset` (a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / CHECKPOINT;
        let from = floor_char_boundary(text, block * CHECKPOINT);
        self.chars[block] + text[from..offset].chars().count()
    }
}

/// The offset `n` characters before `from`, or `limit` if that comes first.
fn chars_back(text: &str, from: usize, limit: usize, n: usize) -> usize {
    text[limit..from]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(from, |(i, _)| limit + i)
}

/// The offset `n` characters after `from`, or `limit` if that comes first.
fn chars_forward(text: &str, from: usize, limit: usize, n: usize) -> usize {
    text[from..limit]
        .char_indices()
        .nth(n)
        .map_or(limit, |(i, _)| from + i)
}

/// A relative path written with `/` whatever the system, as messages and web addresses use it.
pub fn slash_path(relative: &std::path::Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A byte order mark from a Windows editor is not part of the content.
fn without_byte_order_mark(text: String) -> String {
    text.strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_line_and_column_in_characters() {
        let file = SourceFile::new("a.toml", "one = 1\ncafé = \"é\"\n");
        let at = file.location(16..20);
        assert_eq!((at.line, at.column), (2, 8));
        assert_eq!(at.line_text, "café = \"é\"");
    }

    /// Characters of two, three and four bytes fall across every checkpoint of a long line:
    /// each column is the count of characters before it, as counted from the line's start.
    #[test]
    fn columns_are_counted_in_characters_across_checkpoints() {
        let line: String = "aé€𝄞".repeat(3 * CHECKPOINT / 10);
        // 11 bytes before the line: the checkpoints fall inside a character.
        let text = format!("first line\n{line}\n");
        let file = SourceFile::new("s.md", text.as_str());
        for (at, _) in text.char_indices().step_by(97) {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..at].chars().count() + 1;
            assert_eq!(file.location(at..at + 1).column, column, "at byte {at}");
        }
    }

    #[test]
    fn an_offset_past_the_end_is_the_last_place() {
        let file = SourceFile::new("a.toml", "x = [");
        let at = file.location(99..120);
        assert_eq!((at.line, at.column, at.width), (1, 6, 1));
    }

    #[test]
    fn finds_lines_past_windows_line_ends_and_many_bytes() {
        let text = format!("a\r\n{}\nb = é\n", "x".repeat(3 * CHECKPOINT));
        let file = SourceFile::new("a.toml", text);
        let at = file.location(file.text().len() - 3..file.text().len() - 1);
        assert_eq!((at.line, at.column, at.width), (3, 5, 1));
        assert_eq!(at.line_text, "b = é");
        assert_eq!(file.location(0..9).line_text, "a");
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_problem() {
        let line = format!("{}<img>{}", "é".repeat(500), "z".repeat(500));
        let file = SourceFile::new("s.md", format!("first\n{line}\n"));
        let img = file.text().find("<img>").unwrap();
        let at = file.location(img..img + 5);
        assert_eq!((at.line, at.column, at.width), (2, 501, 5));
        let expected = format!("…{}<img>{}…", "é".repeat(WINDOW), "z".repeat(WINDOW));
        assert_eq!(at.line_text, expected);
        assert_eq!(at.caret_column, WINDOW + 2);
        let caret_at: String = at
            .line_text
            .chars()
            .skip(at.caret_column - 1)
            .take(5)
            .collect();
        assert_eq!(caret_at, "<img>");
    }

    /// A file written to a fresh folder, read as the loader reads it, then let go of.
    fn let_go_of(text: &str) -> (tempfile::TempDir, PathBuf, SourceFile) {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("s.md");
        std::fs::write(&path, text).unwrap();
        let file = SourceFile::new("content/stories/s.md", text)
            .read_from(path.clone(), text.len() as u64);
        file.release();
        (folder, path, file)
    }

    #[test]
    fn a_file_let_go_of_is_read_again_as_it_was() {
        let text = "\u{feff}+++\ntitle = \"A\"\n+++\nSecond line é\n";
        let (_folder, path, file) = let_go_of(text);
        assert!(file.held().is_none());
        assert_eq!(&*file.text_again().unwrap(), &text[3..]);
        let at = file.location(text.find('é').unwrap() - 3..text.len() - 4);
        assert_eq!(
            (at.line, at.column, at.line_text.as_str()),
            (4, 13, "Second line é")
        );
        // Only the bytes read before are read again: what was added since waits for the next
        // build.
        std::fs::write(&path, format!("{text}A line added.\n")).unwrap();
        assert_eq!(&*file.text_again().unwrap(), &text[3..]);
        // A copy in memory is made for a page; the file itself stays let go of.
        assert_eq!(&*file.in_memory().unwrap().text(), &text[3..]);
        assert!(file.held().is_none());
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_read_again() {
        let (_folder, path, file) = let_go_of("Said one way.\n");
        std::fs::write(&path, "Said another.\n").unwrap();
        assert_eq!(file.text_again(), Err(Changed));
        assert!(file.in_memory().is_err());
        // A message about it still knows the line.
        assert_eq!(file.location(3..4).line, 1);
        std::fs::write(&path, "Said").unwrap();
        assert_eq!(file.text_again(), Err(Changed));
        std::fs::remove_file(&path).unwrap();
        assert_eq!(file.text_again(), Err(Changed));
        std::fs::create_dir(&path).unwrap();
        assert_eq!(file.text_again(), Err(Changed));
    }

    #[test]
    fn a_file_not_read_from_disk_is_never_let_go_of() {
        let file = SourceFile::new("content/site.toml", "title = \"A\"\n");
        file.release();
        assert_eq!(&*file.text(), "title = \"A\"\n");
    }

    #[test]
    fn a_long_problem_is_underlined_only_for_a_window() {
        let file = SourceFile::new("s.md", "y".repeat(1000));
        let at = file.location(0..1000);
        assert_eq!((at.column, at.caret_column, at.width), (1, 1, WINDOW));
        assert_eq!(at.line_text.chars().count(), 2 * WINDOW + 1);
        assert!(at.line_text.ends_with('…'));
    }
}
