//! Cells a spreadsheet program would run as a formula. The open data's CSV files hold words
//! from outside the organisation, and a resident opens them in Excel or LibreOffice. There a
//! cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one) is a
//! formula, which can fetch a web address or start a program (CSV injection). Chorus writes
//! such a cell with `'` in front, which spreadsheet programs show as the start of the words,
//! and reads a CSV cell the same way back, so that an export read in again gives the same
//! entries. Written by hand: it is one rule, the one OWASP gives for CSV injection.

use std::borrow::Cow;

/// The characters a spreadsheet program reads as the start of a formula.
const STARTS_A_FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell's words as the open data writes them: with `'` in front when a spreadsheet would
/// read them as a formula.
pub fn guarded(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(STARTS_A_FORMULA) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV cell's words with the guard `guarded` put in front taken off.
pub fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(STARTS_A_FORMULA) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_guarded_and_read_back_as_written() {
        for cell in [
            "=HYPERLINK(\"https://evil.example\",\"x\")",
            "=cmd|' /C calc'!A0",
            "+SUM(1,2)",
            "-2+3",
            "@SUM(1+1)",
            "\t=1",
        ] {
            let written = guarded(cell);
            assert_eq!(written, format!("'{cell}"));
            assert_eq!(unguarded(&written), cell);
        }
        for cell in [
            "Clearer letters",
            "2026-01-10",
            "40",
            "O'Brien",
            "'quoted'",
            "",
        ] {
            assert_eq!(guarded(cell), cell);
            assert_eq!(unguarded(cell), cell);
        }
    }
}
