//! Parsing TOML text (a whole file or a story's front matter) into a spanned table,
//! turning syntax mistakes into diagnostics an editor can act on.
//!
//! The TOML reader recovers from a mistake and reads on, so the rest of a file is still read
//! and its other problems reported in the same run. Each mistake is said once: the settings
//! reader is told where the broken places are, and says nothing more about them.

use super::dates;
use crate::diagnostics::Diagnostic;
use crate::rules::{self, Rule};
use crate::source::SourceFile;
use std::ops::Range;
use toml::Spanned;
use toml::de::DeTable;

/// What parsing gave: the table as far as it could be read, and each syntax mistake.
pub struct Parsed<'t> {
    pub table: Spanned<DeTable<'t>>,
    pub problems: Vec<Diagnostic>,
    /// The byte ranges of the TOML text (not of the file) where a mistake was reported.
    pub broken: Vec<Range<usize>>,
    /// The byte ranges of values written as bare words (`given = yes`, `title = Our report`),
    /// which the TOML reader reads as words anyway. The settings reader reports each, saying
    /// what its setting takes: one message, and the right one, for each.
    pub unquoted: Vec<Range<usize>>,
}

/// Parses `text`, which starts at byte `base` of `file`.
pub fn parse<'t>(file: &SourceFile, base: usize, text: &'t str) -> Parsed<'t> {
    let (table, errors) = DeTable::parse_recoverable(text);
    let mut problems = Vec::new();
    let mut broken: Vec<Range<usize>> = Vec::new();
    let mut unquoted = Vec::new();
    let report = |found: Found, line: Range<usize>, broken: &mut Vec<Range<usize>>| {
        broken.push(line);
        Diagnostic::error(found.rule, &file.name, found.message)
            .at(file.location(base + found.span.start..base + found.span.end))
            .help(found.help)
    };
    for error in &errors {
        let span = error.span().unwrap_or(0..0);
        let line = line_around(text, span.start);
        // One message for a line: the reader's other mistakes on it follow from the first
        // (each backslash of a path is a mistake to the TOML reader).
        if broken.iter().any(|b| b.start == line.start) {
            continue;
        }
        let escape = ["escape", "unicode"]
            .iter()
            .any(|word| error.message().contains(word));
        if let Some(found) = backslash_path(text, line.clone(), escape) {
            let line = line.start..line.end.max(span.end);
            problems.push(report(found, line, &mut broken));
            continue;
        }
        let first = error
            .message()
            .contains("duplicate key")
            .then(|| first_of(text, &text[span.clone()], line.start))
            .flatten();
        let problem = culprit(text, line.clone())
            .or_else(|| {
                first
                    .as_ref()
                    .map(|_| twice(&text[span.clone()], span.clone()))
            })
            .or_else(|| typed_date(text, line.clone()));
        if problem.is_none() && is_bare_value(error.message(), text, line.clone(), &span) {
            unquoted.push(span);
            continue;
        }
        let problem = problem.unwrap_or_else(|| Found {
            rule: rules::SETTINGS_UNREADABLE,
            span: span.clone(),
            message: "Chorus can't read this line: something in how it is written is not right."
                .to_owned(),
            help: help_for(error.message()),
        });
        let mut diagnostic = report(problem, line.start..line.end.max(span.end), &mut broken);
        if let Some(first) = first {
            diagnostic = diagnostic.and_at(
                "the first one is here",
                &file.name,
                file.location(base + first.start..base + first.end),
            );
        }
        problems.push(diagnostic);
    }
    // A path whose backslashes the TOML reader could read (`media\new.jpg` holds `\n`, a new
    // line) is the same mistake: what was read is not the path.
    if memchr::memchr(b'\\', text.as_bytes()).is_some() {
        let mut start = 0;
        while start < text.len() {
            let line = line_around(text, start);
            start = line.end + 1;
            if !text[line.clone()].contains('\\') || broken.iter().any(|b| b.start == line.start) {
                continue;
            }
            if let Some(found) = backslash_path(text, line.clone(), false) {
                problems.push(report(found, line, &mut broken));
            }
        }
    }
    Parsed {
        table,
        problems,
        broken,
        unquoted,
    }
}

struct Found {
    rule: &'static Rule,
    span: Range<usize>,
    message: String,
    help: String,
}

/// The line of `text` that holds byte `at`, without its line end.
fn line_around(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let end = if text[start..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    start..end
}

/// A character that looks right but is not what TOML needs, outside any quoted words on the
/// broken line: curly quotation marks, a non-breaking space, an invisible character.
fn culprit(text: &str, line: Range<usize>) -> Option<Found> {
    let mut quote: Option<char> = None;
    for (i, c) in text[line.clone()].char_indices() {
        let at = line.start + i;
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return None,
            None => {
                let span = at..at + c.len_utf8();
                if matches!(c, '“' | '”' | '‘' | '’' | '„' | '«' | '»') {
                    // The first curly mark opens the words and the last closes them; any
                    // between (an apostrophe: ‘Maureen’s day’) stay as they are, which
                    // straight double quotation marks allow.
                    let curly = |c: char| matches!(c, '“' | '”' | '‘' | '’' | '„' | '«' | '»');
                    let last = text[line.clone()].rfind(curly).map(|i| line.start + i);
                    let fixed: String = text[line.clone()]
                        .char_indices()
                        .map(|(i, c)| {
                            let here = line.start + i;
                            if here == at || Some(here) == last {
                                '"'
                            } else {
                                c
                            }
                        })
                        .collect();
                    return Some(Found {
                        rule: rules::SETTINGS_CURLY_QUOTES,
                        span,
                        message: format!(
                            "This line has curly quotation marks ({c}), but settings need straight ones (\")."
                        ),
                        help: format!(
                            "Type the quotation marks again as straight ones: {}. A word processor makes them curly; a plain-text editor does not.",
                            fixed.trim()
                        ),
                    });
                }
                if let Some(name) = invisible_name(c) {
                    return Some(Found {
                        rule: rules::SETTINGS_INVISIBLE_CHARACTER,
                        span,
                        message: format!(
                            "This line has {name} where Chorus expects an ordinary space or nothing: it looks the same, but it is another character."
                        ),
                        help: "Delete the character at the place shown (the space around it too), then type an ordinary space if one is needed there. It often comes from copying from a web page or a word processor.".to_owned(),
                    });
                }
            }
        }
    }
    None
}

/// How a message names a character that can't be seen.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00a0}' => "a non-breaking space",
        '\u{202f}' => "a narrow non-breaking space",
        '\u{200b}' => "a zero-width space, an invisible character,",
        '\u{200c}' | '\u{200d}' | '\u{2060}' => "a zero-width joiner, an invisible character,",
        '\u{feff}' => "a zero-width no-break space, an invisible character,",
        _ => return None,
    })
}

/// A path written as Windows shows it, with backslashes (`C:\Users\me\photo.jpg`,
/// `media\photo.jpg`), between the quotation marks of `line`. In words between double
/// quotation marks a backslash starts a special character (`\n` is a new line), so the path is
/// read as something else, or can't be read at all; between single ones (a literal string,
/// `'media\photo.jpg'`) it is kept, so the path holds backslashes a report's paths never
/// have. With `escape_error` (the TOML reader could not read a backslash on the line) any
/// words in quotation marks with a backslash are the mistake; without it, only words that
/// look like a path.
fn backslash_path(text: &str, line: Range<usize>, escape_error: bool) -> Option<Found> {
    let line_text = &text[line.clone()];
    let inside = |(start, end, quote): (usize, usize, char)| {
        line_text[start + 1..end].trim_end_matches(quote)
    };
    let (start, end, quote) = quoted_words(line_text).into_iter().find(|&words| {
        let inside = inside(words);
        inside.contains('\\') && (escape_error || looks_like_a_path(inside))
    })?;
    let inside = inside((start, end, quote));
    let segments: Vec<&str> = inside
        .split(['\\', '/'])
        .filter(|s| !s.is_empty())
        .collect();
    let on_a_computer = inside.starts_with("\\\\") || inside.get(1..3) == Some(":\\");
    let path = if on_a_computer {
        // A folder's path has no file name to keep.
        let name = segments
            .last()
            .filter(|_| !inside.ends_with(['\\', '/']))
            .copied();
        format!("media/{}", name.unwrap_or("photo.jpg"))
    } else {
        segments.join("/")
    };
    let fixed = format!(
        "{}{quote}{path}{quote}{}",
        &line_text[..start],
        &line_text[end..].trim_start_matches(quote)
    );
    let help = if on_a_computer {
        format!(
            "A file on your computer is not part of the report: copy it into content/media/, and write its path from the content folder with forward slashes (/): {}",
            fixed.trim()
        )
    } else {
        format!(
            "Write the path with forward slashes (/), from the content folder: {}",
            fixed.trim()
        )
    };
    Some(Found {
        rule: rules::SETTINGS_BACKSLASH,
        span: line.start + start..line.start + end,
        message: format!(
            "This line has {}, which a setting can't hold: a path in a report is written with forward slashes (/).",
            if inside.matches('\\').count() == 1 {
                "a backslash (\\)"
            } else {
                "backslashes (\\)"
            }
        ),
        help,
    })
}

/// The words between quotation marks on a line (not `"""` or `'''` ones, which run over
/// several lines), each with its mark: from its opening mark to the end of its closing one,
/// or to the end of the line when it is not closed (`"C:\Users\me\"`, whose last `\"` is
/// read as a quotation mark in the words). Between single marks a backslash is only itself.
fn quoted_words(line: &str) -> Vec<(usize, usize, char)> {
    let mut found = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => break,
            '"' if line[i..].starts_with("\"\"\"") => break,
            '\'' if line[i..].starts_with("'''") => break,
            '"' | '\'' => {
                let mut end = line.len();
                while let Some((j, inner)) = chars.next() {
                    match inner {
                        '\\' if c == '"' => {
                            chars.next();
                        }
                        _ if inner == c => {
                            end = j + 1;
                            break;
                        }
                        _ => {}
                    }
                }
                found.push((i, end, c));
            }
            _ => {}
        }
    }
    found
}

/// Whether words with a backslash are a path: one on a computer (`C:\…`, `\\server\…`), or
/// one ending in a file's name with its kind (`media\photo.jpg`).
fn looks_like_a_path(words: &str) -> bool {
    let bytes = words.as_bytes();
    let drive = bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && &bytes[1..3] == b":\\";
    let file_name = words.rsplit(['\\', '/']).next().unwrap_or("");
    let with_kind = file_name.rsplit_once('.').is_some_and(|(name, kind)| {
        !name.is_empty()
            && (1..=5).contains(&kind.len())
            && kind.chars().all(|c| c.is_ascii_alphanumeric())
            && !file_name.contains(char::is_whitespace)
    });
    drive || words.starts_with("\\\\") || with_kind
}

/// A line `name = value` whose value is a date written in a form TOML does not read.
fn typed_date(text: &str, line: Range<usize>) -> Option<Found> {
    let line_text = &text[line.clone()];
    let equals = line_text.find('=')?;
    let name = line_text[..equals].trim();
    let value = &line_text[equals + 1..];
    let typed = dates::read_typed(value)?;
    let value_start = line.start + equals + 1 + (value.len() - value.trim_start().len());
    Some(Found {
        rule: rules::DATE_UNREADABLE,
        span: value_start..line.end,
        message: format!("\"{name}\" is not written as a date Chorus can read."),
        help: format!(
            "{} With no quotation marks: {name} = {}",
            typed.hint(),
            typed.iso()
        ),
    })
}

/// Whether the mistake is a whole value written as a bare word: `name = some words`, the
/// value running from after `=` to the end of the line, with no quotation mark, bracket or
/// brace (a list or a table of bare words gets the TOML reader's own message).
fn is_bare_value(
    parser_message: &str,
    text: &str,
    line: Range<usize>,
    span: &Range<usize>,
) -> bool {
    // A bare word is read as words, or (`no`, `info`, `True`) as a number or a true or false.
    let bare = [
        "string values must be quoted",
        "invalid float",
        "invalid boolean",
    ];
    if !bare.iter().any(|m| parser_message.contains(m)) {
        return false;
    }
    let line_text = &text[line.clone()];
    let Some(equals) = line_text.find('=') else {
        return false;
    };
    let value = &line_text[equals + 1..];
    let value_start = line.start + equals + 1 + (value.len() - value.trim_start().len());
    let words = value.trim();
    span.start == value_start
        && !words.is_empty()
        && !words.contains(['"', '\'', '[', ']', '{', '}', '#'])
        && text.get(span.clone()).is_some_and(|v| v.trim() == words)
}

/// A setting (or a `[table]`) written a second time.
fn twice(key: &str, span: Range<usize>) -> Found {
    Found {
        rule: rules::SETTING_TWICE,
        span,
        message: format!("\"{key}\" is written twice, so Chorus can't tell which one to use."),
        help: "Keep one of them, and delete the other.".to_owned(),
    }
}

/// Where `key` is first written, as a setting (`key = …`) or a table (`[key]`), before `before`.
fn first_of(text: &str, key: &str, before: usize) -> Option<Range<usize>> {
    let key = key.trim_matches('"');
    let mut offset = 0;
    for line in text[..before].split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let rest = trimmed
            .strip_prefix("[[")
            .or_else(|| trimmed.strip_prefix('['))
            .unwrap_or(trimmed);
        let header = rest.len() != trimmed.len();
        if let Some(after) = rest.strip_prefix(key) {
            let next = after.trim_start().chars().next();
            let matches = if header {
                next == Some(']')
            } else {
                matches!(next, Some('=' | '.'))
            };
            if matches {
                let start = offset + indent + (trimmed.len() - rest.len());
                return Some(start..start + key.len());
            }
        }
        offset += line.len();
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        let file = SourceFile::new("content/site.toml", text);
        parse(&file, 0, &file.text())
            .problems
            .iter()
            .map(|p| {
                let at = p.location.as_ref().unwrap();
                format!("{}:{} {}", at.line, at.column, p.message)
            })
            .collect()
    }

    #[test]
    fn curly_quotes_are_named_at_their_column() {
        assert_eq!(
            messages("title = “Hello”\n"),
            ["1:9 This line has curly quotation marks (“), but settings need straight ones (\")."]
        );
        // Curly quotes inside straight ones are words, not a mistake.
        assert!(messages("title = \"She said “hi”\"\n").is_empty());
    }

    /// What a word processor makes of `'Maureen's day'`: the fix to paste keeps the
    /// apostrophe and uses double quotation marks, so it reads as it is.
    #[test]
    fn the_fix_for_curly_quotes_keeps_an_apostrophe_inside() {
        let file = SourceFile::new("content/site.toml", "title = ‘Maureen’s day’\n");
        let problems = parse(&file, 0, &file.text()).problems;
        assert_eq!(
            problems[0].help.as_deref(),
            Some(
                "Type the quotation marks again as straight ones: title = \"Maureen’s day\". A word processor makes them curly; a plain-text editor does not."
            )
        );
    }

    #[test]
    fn invisible_characters_are_named() {
        assert_eq!(
            messages("a = 1\ntitle\u{a0}= \"x\"\n"),
            [
                "2:6 This line has a non-breaking space where Chorus expects an ordinary space or nothing: it looks the same, but it is another character."
            ]
        );
        assert!(
            messages("date = 2025-03-12\u{200b}\n")[0]
                .starts_with("1:18 This line has a zero-width space")
        );
    }

    #[test]
    fn a_setting_written_twice_shows_both_places() {
        let file = SourceFile::new("s.toml", "a = 1\ntitle = \"A\"\ntitle = \"B\"\n");
        let text = file.text();
        let parsed = parse(&file, 0, &text);
        let problem = &parsed.problems[0];
        assert_eq!(
            problem.message,
            "\"title\" is written twice, so Chorus can't tell which one to use."
        );
        assert_eq!(problem.location.as_ref().unwrap().line, 3);
        assert_eq!(problem.also[0].location.line, 2);
        assert_eq!(problem.also[0].location.column, 1);
    }

    #[test]
    fn a_date_in_another_form_gets_the_date_hint() {
        let file = SourceFile::new("s.toml", "date = 12/03/2025\n");
        let text = file.text();
        let parsed = parse(&file, 0, &text);
        assert_eq!(parsed.problems.len(), 1);
        let problem = &parsed.problems[0];
        assert_eq!(
            problem.message,
            "\"date\" is not written as a date Chorus can read."
        );
        assert_eq!(problem.location.as_ref().unwrap().column, 8);
        assert!(
            problem
                .help
                .as_ref()
                .unwrap()
                .ends_with("With no quotation marks: date = 2025-03-12")
        );
        // The rest of the file is read all the same.
        assert!(parsed.table.get_ref().contains_key("date"));
    }
}
