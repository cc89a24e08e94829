//! A file read from the report folder, and the mapping from byte offsets to lines and columns.

use crate::diagnostics::Location;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// As the editor knows it: relative to the report folder, with `/` (`content/stories/x.md`).
    pub name: String,
    pub text: String,
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
            text,
        }
    }

    /// The line, column and line text of a byte range. Offsets past the end point at the end.
    pub fn location(&self, span: Range<usize>) -> Location {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let line = self.text[..start].matches('\n').count() + 1;
        let column = self.text[line_start..start].chars().count() + 1;
        let end = floor_char_boundary(&self.text, span.end.clamp(start, line_end));
        let width = self.text[start..end].chars().count();
        Location {
            line,
            column,
            line_text: line_text.replace('\t', " "),
            width: width.max(1),
        }
    }
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
}
