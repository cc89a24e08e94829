//! Parsing TOML text (a whole file or a story's front matter) into a spanned table,
//! turning syntax mistakes into diagnostics an editor can act on.

use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use toml::Spanned;
use toml::de::DeTable;

/// Parses `text`, which starts at byte `base` of `file`. Every syntax mistake is reported;
/// when there is any, no table is returned, because a half-read file would only add confusing
/// follow-on problems.
pub fn parse<'t>(
    file: &SourceFile,
    base: usize,
    text: &'t str,
) -> Result<Spanned<DeTable<'t>>, Vec<Diagnostic>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Ok(table);
    }
    Err(errors
        .iter()
        .map(|error| {
            let span = error.span().unwrap_or(0..0);
            let location = file.location(base + span.start..base + span.end);
            Diagnostic::error(
                &file.name,
                "Chorus can't read this line: something in how it is written is not right.",
            )
            .at(location)
            .help(help_for(error.message()))
        })
        .collect())
}

/// Plain words for the TOML parser's message, which speaks of tokens and grammar.
fn help_for(parser_message: &str) -> String {
    let hint = if parser_message.contains("duplicate key") {
        "The same setting is written twice; keep one of them."
    } else if parser_message.contains("string") || parser_message.contains('"') {
        "Check the quotation marks: words go between a pair of straight quotation marks, \"like this\"."
    } else if parser_message.contains('[') || parser_message.contains(']') {
        "Check the square brackets: a list is written [\"first\", \"second\"], a section header [name]."
    } else {
        "Each line is a setting written as name = value, with words in quotation marks."
    };
    format!("{hint} (The TOML reader said: {parser_message}.)")
}
