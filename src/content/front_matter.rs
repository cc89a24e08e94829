//! Splitting a markdown file into its TOML front matter (between `+++` lines) and its body.

use crate::diagnostics::Diagnostic;
use crate::rules;
use crate::source::SourceFile;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// The TOML between the `+++` lines, as a byte range of the file; `None` when there is none.
    pub front_matter: Option<Range<usize>>,
    /// The markdown after the closing `+++` line.
    pub body: Range<usize>,
}

pub fn split(file: &SourceFile) -> Result<Split, Diagnostic> {
    let text = &*file.text();
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first_line = text[..first_line_end].trim_end();
    if first_line == "---" {
        return Err(Diagnostic::error(rules::SETTINGS_START_WITH_DASHES,
            &file.name,
            "This file starts with ---, but Chorus reads the settings at the top of a file between +++ lines.",
        )
        .at(file.location(0..3))
        .help("Change the --- lines around the settings to +++, and write the settings as name = \"value\"."));
    }
    if first_line != "+++" {
        return Ok(Split {
            front_matter: None,
            body: 0..text.len(),
        });
    }
    let mut offset = first_line_end;
    while offset < text.len() {
        let line_end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if text[offset..line_end].trim_end() == "+++" {
            return Ok(Split {
                front_matter: Some(first_line_end..offset),
                body: line_end..text.len(),
            });
        }
        offset = line_end;
    }
    Err(Diagnostic::error(
        rules::SETTINGS_NOT_CLOSED,
        &file.name,
        "The settings at the top of this file start with +++ but never end.",
    )
    .at(file.location(0..3))
    .help("Add a line with just +++ after the last setting, before the story's text."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_settings_from_text() {
        let file = SourceFile::new("s.md", "+++\ntitle = \"A\"\n+++\nHello\n");
        let split = split(&file).unwrap();
        assert_eq!(&file.text()[split.front_matter.unwrap()], "title = \"A\"\n");
        assert_eq!(&file.text()[split.body], "Hello\n");
    }

    #[test]
    fn a_file_without_settings_is_all_text() {
        let file = SourceFile::new("s.md", "# Hello\n");
        assert_eq!(split(&file).unwrap().front_matter, None);
    }

    #[test]
    fn an_unclosed_block_is_reported() {
        let file = SourceFile::new("s.md", "+++\ntitle = \"A\"\nHello\n");
        let problem = split(&file).unwrap_err();
        assert!(problem.message.contains("never end"));
    }
}
