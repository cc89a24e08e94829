//! One `Diagnostic` type for every problem Chorus finds, and its plain-text rendering.
//!
//! Editors who are not technical read these, so a message is a small piece of writing:
//! what is wrong in plain words, then where (file:line:column and the line itself),
//! then what to do.

use crate::rules::Rule;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Stops the build: nothing is written.
    Error,
    /// Worth fixing; the build goes on.
    Warning,
    /// Information the editing group should know, such as a story left out.
    Note,
}

/// Where in a file a problem is: 1-based line and column (in characters), and the line's text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    /// The line, or for a long line the part of it around the problem, with `…` where it is cut.
    pub line_text: String,
    /// Where the problem starts in `line_text` (1-based, in characters): `column`, unless the
    /// start of the line was cut.
    pub caret_column: usize,
    /// How many characters of the line to underline (at least 1).
    pub width: usize,
    /// For a spreadsheet cell, the name of its column: then `line` is the row as the
    /// spreadsheet numbers it, `column` the column's number, and `line_text` the cell.
    pub column_name: Option<String>,
}

impl Location {
    /// The place in words: `line 4, column 3`, or for a spreadsheet cell
    /// `row 4, column D ("status")`, or `row 1, column A` for a cell of no named column (one
    /// above the column names).
    pub fn in_words(&self) -> String {
        match &self.column_name {
            Some(name) if name.is_empty() => {
                format!("row {}, column {}", self.line, column_letter(self.column))
            }
            Some(name) => format!(
                "row {}, column {} (\"{name}\")",
                self.line,
                column_letter(self.column)
            ),
            None => format!("line {}, column {}", self.line, self.column),
        }
    }

    /// A cell of a spreadsheet (`row` numbered as the spreadsheet shows it, the header being
    /// row 1), showing the cell's first line, or the start of a long one. `column_name` is
    /// empty for a cell named by its column's letter only.
    pub fn cell(row: usize, column: usize, column_name: &str, text: &str) -> Location {
        let first_line = text.lines().next().unwrap_or("");
        let shown: String = first_line.chars().take(crate::source::WINDOW).collect();
        let cut = shown.len() < text.trim_end().len();
        let width = shown.chars().count().max(1);
        Location {
            line: row,
            column,
            line_text: if cut { format!("{shown}…") } else { shown },
            caret_column: 1,
            width,
            column_name: Some(column_name.to_owned()),
        }
    }

    /// A cell, as `cell` shows it, with only `part` of its first line underlined: a range of
    /// bytes of `text` (one word of a line of updates). The whole cell is underlined when the
    /// part is not all shown.
    pub fn cell_part(
        row: usize,
        column: usize,
        column_name: &str,
        text: &str,
        part: Range<usize>,
    ) -> Location {
        let mut location = Location::cell(row, column, column_name, text);
        let (Some(before), Some(words)) = (text.get(..part.start), text.get(part)) else {
            return location;
        };
        let start = before.chars().count();
        let width = words.chars().count();
        let shown = text.lines().next().unwrap_or("").chars().count();
        if !before.contains('\n') && width > 0 && start + width <= shown.min(crate::source::WINDOW)
        {
            location.caret_column = start + 1;
            location.width = width;
        }
        location
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Which kind of message this is: its id is shown, and docs/messages.md explains it.
    pub rule: &'static Rule,
    /// The file, as the editor knows it: relative to the report folder, with `/`.
    pub file: String,
    pub location: Option<Box<Location>>,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// How many more problems like this one the same file has, that are not shown one by one.
    pub more_like_this: u32,
    /// Other places the problem involves (the first of two settings of one name, the original
    /// of a translation), each shown with its line after the first.
    pub also: Vec<Place>,
}

/// Another place a problem involves, with what it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// What this place is, in words: "the first \"title\"", "where content/stories/x.md sets it".
    pub label: String,
    pub file: String,
    pub location: Location,
}

impl Diagnostic {
    pub fn error(rule: &'static Rule, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, rule, file, message)
    }

    pub fn warning(
        rule: &'static Rule,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, rule, file, message)
    }

    pub fn note(rule: &'static Rule, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, rule, file, message)
    }

    fn new(
        severity: Severity,
        rule: &'static Rule,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            rule,
            file: file.into(),
            location: None,
            message: message.into(),
            help: None,
            more_like_this: 0,
            also: Vec::new(),
        }
    }

    /// Shows another place the problem involves.
    pub fn and_at(
        mut self,
        label: impl Into<String>,
        file: impl Into<String>,
        location: Location,
    ) -> Self {
        self.also.push(Place {
            label: label.into(),
            file: file.into(),
            location,
        });
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same problem with its file named from where chorus was run: with the report folder
    /// `our-report`, `content/site.toml` becomes `our-report/content/site.toml`. Names that are
    /// not the report's files (an output folder, `--today`) are left as they are.
    pub fn from_folder(&self, folder: &str) -> Diagnostic {
        let mut shown = self.clone();
        let prefix = |file: &str| {
            let in_report = ["content", "themes", "private"]
                .iter()
                .any(|f| file == *f || file.starts_with(&format!("{f}/")));
            if in_report && !folder.is_empty() && folder != "." {
                format!("{}/{}", folder.trim_end_matches('/'), file)
            } else {
                file.to_owned()
            }
        };
        shown.file = prefix(&self.file);
        for place in &mut shown.also {
            place.file = prefix(&place.file);
        }
        shown
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, usize, usize, Severity) {
        let (line, column) = self
            .location
            .as_ref()
            .map_or((0, 0), |l| (l.line, l.column));
        (&self.file, line, column, self.severity)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        writeln!(f, "{label}[{}]: {}", self.rule.id, self.message)?;
        match &self.location {
            Some(l) => snippet(f, &self.file, l)?,
            // A problem of the command line itself names no file.
            None if self.file.is_empty() => {}
            None => writeln!(f, "  --> {}", self.file)?,
        }
        for place in &self.also {
            writeln!(f, "  and {}:", place.label)?;
            snippet(f, &place.file, &place.location)?;
        }
        if let Some(help) = &self.help {
            // Lines after the first (a block of settings to paste) are indented under it.
            let mut lines = help.lines();
            writeln!(f, "  what to do: {}", lines.next().unwrap_or_default())?;
            for line in lines {
                writeln!(f, "    {line}")?;
            }
        }
        if self.more_like_this > 0 {
            let more = thousands(self.more_like_this as usize);
            writeln!(f, "  …and {more} more like this in this file.")?;
        }
        Ok(())
    }
}

/// A place in a file: its name, line and column, then the line with the problem underlined.
fn snippet(f: &mut fmt::Formatter<'_>, file: &str, l: &Location) -> fmt::Result {
    match &l.column_name {
        Some(_) => writeln!(f, "  --> {file}, {}", l.in_words())?,
        None => writeln!(f, "  --> {}:{}:{}", file, l.line, l.column)?,
    }
    let number = l.line.to_string();
    let gutter = " ".repeat(number.len());
    writeln!(f, "  {gutter} |")?;
    writeln!(f, "  {number} | {}", l.line_text)?;
    // Carets go under the characters as a terminal draws them: a CJK character or an emoji
    // takes two columns, a zero-width character none.
    let skip = l.caret_column.saturating_sub(1);
    let before: String = l.line_text.chars().take(skip).collect();
    let under: String = l.line_text.chars().skip(skip).take(l.width).collect();
    let pad = " ".repeat(before.width());
    writeln!(f, "  {gutter} | {pad}{}", "^".repeat(under.width().max(1)))
}

/// Every diagnostic of one run, in file order so an editor can work down the list.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// In file order, each problem once, and no more than `SHOWN_OF_A_KIND` of one kind from
    /// one file: the last of those shown says how many more there are.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        // The same problem found twice (a text shown on several pages) is shown once, where
        // it was first found; problems at one place keep the order they were found in.
        let mut seen = std::collections::HashSet::new();
        self.0.retain(|d| seen.insert(d.clone()));
        fold_repeats(self.0)
    }
}

/// How many problems of one kind one file shows before the rest are only counted. A file with
/// thousands of the same slip needs the first few to show the pattern, not all of them.
pub const SHOWN_OF_A_KIND: usize = 20;

fn fold_repeats(sorted: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: HashMap<(String, Severity, String), (usize, usize)> = HashMap::new();
    let mut shown: Vec<Diagnostic> = Vec::with_capacity(sorted.len().min(1024));
    for diagnostic in sorted {
        let key = (
            diagnostic.file.clone(),
            diagnostic.severity,
            diagnostic.kind(),
        );
        let (count, last_shown) = seen.entry(key).or_insert((0, usize::MAX));
        *count += 1;
        if *count <= SHOWN_OF_A_KIND {
            *last_shown = shown.len();
            shown.push(diagnostic);
        } else {
            let folded = &mut shown[*last_shown].more_like_this;
            *folded = folded
                .saturating_add(1)
                .saturating_add(diagnostic.more_like_this);
        }
    }
    shown
}

impl Diagnostic {
    /// Problems of one kind give the same advice, but for the words, tags and numbers that name
    /// each case ("Did you mean \"title\"?"), so the advice with those left out names the kind.
    /// A problem without advice is known by its message in the same way.
    fn kind(&self) -> String {
        let text = self.help.as_deref().unwrap_or(&self.message);
        let mut kind = String::with_capacity(text.len().min(256));
        let mut closing = None;
        for c in text.chars() {
            match closing {
                Some(end) if c == end => {
                    closing = None;
                    kind.push(c);
                }
                Some(_) => {}
                None if c == '"' || c == '<' => {
                    closing = Some(if c == '"' { '"' } else { '>' });
                    kind.push(c);
                }
                None if c.is_ascii_digit() => {}
                None => kind.push(c),
            }
        }
        kind
    }
}

/// A column's letter as spreadsheets show it: 1 → A, 27 → AA.
pub fn column_letter(mut number: usize) -> String {
    let mut letters = Vec::new();
    while number > 0 {
        let rest = (number - 1) % 26;
        letters.push(b'A' + rest as u8);
        number = (number - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// 4812 as "4,812", as counts are written in prose. (By hand: a few lines, not worth a crate.)
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut text = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// "1 error", "2 warnings": counts in words for the closing line.
pub fn count_words(n: usize, singular: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{} {singular}s", thousands(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    #[test]
    fn a_part_of_a_cell_is_underlined_by_its_characters_when_it_is_shown() {
        let line = "2025-09-30 | Fermé | Fini.";
        let at = line.find("Fermé").unwrap();
        let part = Location::cell_part(2, 11, "update", line, at..at + "Fermé".len());
        assert_eq!((part.caret_column, part.width), (14, 5));
        // Beyond the part of the line a message shows, the whole cell is underlined.
        let long = format!("{} | done", "a".repeat(120));
        let at = long.find("done").unwrap();
        let whole = Location::cell(2, 11, "update", &long);
        assert_eq!(
            Location::cell_part(2, 11, "update", &long, at..at + 4),
            whole
        );
    }

    #[test]
    fn renders_plain_words_then_place_then_what_to_do() {
        let d = Diagnostic::error(
            rules::SETTING_UNKNOWN,
            "content/site.toml",
            "\"titel\" is not a setting Chorus knows.",
        )
        .at(Location {
            line: 3,
            column: 1,
            line_text: "titel = \"Our report\"".into(),
            caret_column: 1,
            width: 5,
            column_name: None,
        })
        .help("Did you mean \"title\"?");
        assert_eq!(
            d.to_string(),
            "error[setting-unknown]: \"titel\" is not a setting Chorus knows.\n  --> content/site.toml:3:1\n    |\n  3 | titel = \"Our report\"\n    | ^^^^^\n  what to do: Did you mean \"title\"?\n"
        );
    }

    #[test]
    fn letters_columns_as_spreadsheets_do() {
        assert_eq!(column_letter(1), "A");
        assert_eq!(column_letter(26), "Z");
        assert_eq!(column_letter(27), "AA");
        assert_eq!(column_letter(703), "AAA");
    }

    #[test]
    fn carets_line_up_under_wide_characters() {
        let file = crate::source::SourceFile::new("s.toml", "title = \"日本語 🙂\" x\n");
        let at = file.location(file.text().find('x').unwrap()..file.text().find('x').unwrap() + 1);
        let shown = Diagnostic::error(rules::SETTING_UNKNOWN, "s.toml", "m")
            .at(at)
            .to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[3], "  1 | title = \"日本語 🙂\" x");
        assert_eq!(lines[4], format!("    | {}^", " ".repeat(20)));
        let under = file.location(9..18);
        let shown = Diagnostic::error(rules::SETTING_UNKNOWN, "s.toml", "m")
            .at(under)
            .to_string();
        assert_eq!(
            shown.lines().nth(4),
            Some(format!("    | {}^^^^^^", " ".repeat(9)).as_str())
        );
    }

    #[test]
    fn writes_counts_with_thousands_separated() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(4812), "4,812");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    fn unknown_key(file: &str, n: usize) -> Diagnostic {
        Diagnostic::error(
            rules::SETTING_UNKNOWN,
            file,
            format!("\"key_{n}\" is not a setting Chorus knows."),
        )
        .at(Location {
            line: n,
            column: 1,
            line_text: format!("key_{n} = 1"),
            caret_column: 1,
            width: 5,
            column_name: None,
        })
        .help(format!("Did you mean \"key_{n}x\"? Correct the spelling."))
    }

    #[test]
    fn many_problems_of_one_kind_in_one_file_are_counted_after_the_first_few() {
        let mut diagnostics = Diagnostics::default();
        for n in (1..=SHOWN_OF_A_KIND + 4812).rev() {
            diagnostics.push(unknown_key("content/site.toml", n));
        }
        diagnostics.push(unknown_key("content/pages/about.md", 1));
        diagnostics.push(
            Diagnostic::error(rules::SETTING_UNKNOWN, "content/site.toml", "Another kind.")
                .help("Fix it."),
        );
        let shown = diagnostics.sorted();
        assert_eq!(shown.len(), SHOWN_OF_A_KIND + 2);
        let folded: Vec<&Diagnostic> = shown.iter().filter(|d| d.more_like_this > 0).collect();
        assert_eq!(folded.len(), 1);
        assert_eq!(folded[0].location.as_ref().unwrap().line, SHOWN_OF_A_KIND);
        assert_eq!(folded[0].more_like_this, 4812);
        assert!(
            folded[0].to_string().ends_with(
                "  what to do: Did you mean \"key_20x\"? Correct the spelling.\n  …and 4,812 more like this in this file.\n"
            ),
            "{}",
            folded[0]
        );
    }
}
