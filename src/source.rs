//! A file read from the report folder, and the mapping from byte offsets to lines and columns.

use crate::diagnostics::Location;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// As the editor knows it: relative to the report folder, with `/` (`content/stories/x.md`).
    pub name: String,
    /// Read only: the index below is made from it once.
    pub text: String,
    index: LineIndex,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text: String = text.into();
        // A byte order mark from a Windows editor is not part of the content.
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_owned)
            .unwrap_or(text);
        SourceFile {
            name: name.into(),
            index: LineIndex::new(&text),
            text,
        }
    }

    /// The line, column and line text of a byte range. Offsets past the end point at the end.
    ///
    /// Takes the same short time wherever the range is, however long the file or the line: a
    /// file may have 100,000 problems, each asking for its place. A line longer than
    /// `WHOLE_LINE` bytes is shown as a window of `WINDOW` characters either side of the
    /// problem, so that a message's size does not grow with the line.
    pub fn location(&self, span: Range<usize>) -> Location {
        let text = &self.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let line = self.index.line_of(start);
        let line_start = self.index.line_starts[line - 1];
        let mut line_end = self
            .index
            .line_starts
            .get(line)
            .map_or(text.len(), |next| next - 1);
        if text[line_start..line_end].ends_with('\r') {
            line_end -= 1;
        }
        let start = start.min(line_end);
        let end = floor_char_boundary(text, span.end.clamp(start, line_end));
        let column =
            self.index.chars_before(text, start) - self.index.chars_before(text, line_start) + 1;

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

/// How many characters of a long line a message shows on each side of the problem (and at most
/// of the problem itself).
pub const WINDOW: usize = 100;

/// Lines up to this many bytes are shown whole.
pub const WHOLE_LINE: usize = 300;

/// Where each line starts, and how many characters come before every `CHECKPOINT`th byte, so
/// that the line and column of any offset are found without reading the file from the start.
#[derive(Debug, Clone)]
struct LineIndex {
    /// The byte offset of the start of each line; the first is 0.
    line_starts: Vec<usize>,
    /// `chars[i]` is the number of characters in the first `i * CHECKPOINT` bytes.
    chars: Vec<usize>,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    fn new(text: &str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars = vec![0];
        for block in text.as_bytes().chunks(CHECKPOINT) {
            chars.push(chars[chars.len() - 1] + count_chars(block));
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
        self.chars[block] + count_chars(&text.as_bytes()[block * CHECKPOINT..offset])
    }
}

/// The characters in some UTF-8 bytes: every byte that does not continue a character starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
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
        let at = file.location(file.text.len() - 3..file.text.len() - 1);
        assert_eq!((at.line, at.column, at.width), (3, 5, 1));
        assert_eq!(at.line_text, "b = é");
        assert_eq!(file.location(0..9).line_text, "a");
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_problem() {
        let line = format!("{}<img>{}", "é".repeat(500), "z".repeat(500));
        let file = SourceFile::new("s.md", format!("first\n{line}\n"));
        let img = file.text.find("<img>").unwrap();
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

    #[test]
    fn a_long_problem_is_underlined_only_for_a_window() {
        let file = SourceFile::new("s.md", "y".repeat(1000));
        let at = file.location(0..1000);
        assert_eq!((at.column, at.caret_column, at.width), (1, 1, WINDOW));
        assert_eq!(at.line_text.chars().count(), 2 * WINDOW + 1);
        assert!(at.line_text.ends_with('…'));
    }
}
