//! Dates as people type them, and the hint that leads to the form Chorus reads.
//!
//! Chorus reads dates only as year-month-day (`2025-03-12`), as TOML writes them. People type
//! `12/03/2025`, `12.03.2025`, `12 March 2025`, or get `2025–03–12` from a word processor that
//! turned the hyphens into dashes. `read_typed` says which date such text would be, and how it
//! was read, so a message can show the fix and never guess silently. The same hint serves a
//! TOML setting and a spreadsheet cell.
//!
//! Written by hand: the forms are few and fixed, and the point is to say which reading was
//! assumed (day first, as in the UK), which a general date parser does not report.

use jiff::civil::Date;

/// How the typed text was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Already year, month, day, but with other separators: `2025–03–12`, `2025/03/12`,
    /// `2025 03 12`, or with spaces or invisible characters around it.
    YearFirst,
    /// Day, month, year, as in the UK: `12/03/2025`, `12.03.2025`, `12-3-25`.
    DayFirst,
    /// Month, day, year: only when the first number can't be a month but the second can't be a
    /// day either (`03/25/2025`), so no other reading is possible.
    MonthFirst,
    /// With the month in words: `12 March 2025`, `March 12, 2025`, `12th Mar 2025`.
    MonthInWords,
}

/// A date read from text in another form than year-month-day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypedDate {
    pub date: Date,
    pub reading: Reading,
    /// The year was written with two digits and taken as 20xx.
    pub short_year: bool,
}

impl TypedDate {
    /// The date as Chorus reads it: `2025-03-12`.
    pub fn iso(&self) -> String {
        self.date.to_string()
    }

    /// What to do, in plain words: "Write it as 2025-03-12: year, month, day, with hyphens.
    /// Chorus took the day first, as in the UK, so this is 12 March 2025; check that it is the
    /// date you meant." The setting's or column's name is the caller's to add.
    pub fn hint(&self) -> String {
        let long = format!(
            "{} {} {}",
            self.date.day(),
            MONTHS[self.date.month() as usize - 1],
            self.date.year()
        );
        let iso = self.iso();
        let check = "check that it is the date you meant";
        let mut hint = match self.reading {
            Reading::YearFirst => format!(
                "Write it as {iso}: year, month, day, with plain hyphens (-) and nothing else, not dashes, slashes, spaces or invisible characters."
            ),
            Reading::DayFirst => format!(
                "Write it as {iso}: year, month, day, with hyphens. Chorus took the day first, as in the UK, so this is {long}; {check}."
            ),
            Reading::MonthFirst => format!(
                "Write it as {iso}: year, month, day, with hyphens. Chorus took the month first, because {} can't be a month, so this is {long}; {check}.",
                self.date.day()
            ),
            Reading::MonthInWords => format!(
                "Write it as {iso}: year, month, day, with hyphens. This is {long}; {check}."
            ),
        };
        if self.short_year {
            hint.push_str(&format!(
                " The year had two digits: Chorus took it as {}.",
                self.date.year()
            ));
        }
        hint
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Reads text that is meant as a date but is not written year-month-day with plain hyphens.
/// `None` when it is not a date in any form Chorus knows, or when it is already in the right
/// form (then there is nothing to hint).
pub fn read_typed(text: &str) -> Option<TypedDate> {
    let cleaned: String = text
        .chars()
        .filter(|c| !is_invisible(*c))
        .collect::<String>()
        .trim()
        .trim_matches(['"', '\'', '“', '”', '‘', '’'])
        .trim()
        .to_owned();
    if cleaned.is_empty() || cleaned.len() > 40 {
        return None;
    }
    let typed = if cleaned.chars().any(|c| c.is_alphabetic()) {
        in_words(&cleaned)
    } else {
        in_numbers(&cleaned)
    }?;
    // Already right: nothing to say.
    (cleaned != typed.iso() || text != cleaned).then_some(typed)
}

/// For text in the form year-month-day that is no day of the calendar (`2025-13-01`,
/// `2025-02-30`), what is wrong with it, in words: the form is right, so saying the form
/// again would not help.
pub fn no_such_day(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let digits = |part: &str, most: usize| {
        (!part.is_empty() && part.len() <= most && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<i16>().ok())
            .flatten()
    };
    let (year, month, day) = (digits(year, 4)?, digits(month, 2)?, digits(day, 2)?);
    if !(1..=12).contains(&month) {
        return Some(format!(
            "There is no month {month}: months go from 1 (January) to 12 (December). Check the date, written as year-month-day."
        ));
    }
    let first = Date::new(year, month as i8, 1).ok()?;
    let days = first.days_in_month();
    (day < 1 || day > i16::from(days)).then(|| {
        format!(
            "{} {year} has {days} days, so there is no day {day} in it. Check the date, written as year-month-day.",
            MONTHS[month as usize - 1]
        )
    })
}

/// Spaces and joiners that can't be seen, which a word processor or a copy from the web leaves.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00a0}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{202f}'
    )
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        '/' | '.'
            | '-'
            | ' '
            | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2212}'
            | ','
    )
}

fn in_numbers(text: &str) -> Option<TypedDate> {
    let parts: Vec<&str> = text.split(is_separator).filter(|p| !p.is_empty()).collect();
    if parts.len() != 3 || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let numbers: Vec<i32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if parts[0].len() == 4 {
        let date = Date::new(
            i16::try_from(numbers[0]).ok()?,
            i8::try_from(numbers[1]).ok()?,
            i8::try_from(numbers[2]).ok()?,
        )
        .ok()?;
        return Some(TypedDate {
            date,
            reading: Reading::YearFirst,
            short_year: false,
        });
    }
    let (year, short_year) = year_of(parts[2], numbers[2])?;
    let (first, second) = (numbers[0], numbers[1]);
    let (day, month, reading) = if second > 12 && first <= 12 {
        (second, first, Reading::MonthFirst)
    } else {
        (first, second, Reading::DayFirst)
    };
    let date = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
    Some(TypedDate {
        date,
        reading,
        short_year,
    })
}

/// A year of four digits, or of two taken as 20xx.
fn year_of(text: &str, number: i32) -> Option<(i16, bool)> {
    match text.len() {
        4 => Some((i16::try_from(number).ok()?, false)),
        2 => Some((2000 + i16::try_from(number).ok()?, true)),
        _ => None,
    }
}

fn in_words(text: &str) -> Option<TypedDate> {
    let words: Vec<String> = text
        .split(is_separator)
        .filter(|p| !p.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() != 3 {
        return None;
    }
    let month_at = words.iter().position(|w| month_of(w).is_some())?;
    let month = month_of(&words[month_at])?;
    let rest: Vec<&String> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != month_at)
        .map(|(_, w)| w)
        .collect();
    let day_text = rest[0].trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    let day: i8 = day_text.parse().ok()?;
    let (year, short_year) = year_of(rest[1], rest[1].parse().ok()?)?;
    let date = Date::new(year, month, day).ok()?;
    Some(TypedDate {
        date,
        reading: Reading::MonthInWords,
        short_year,
    })
}

/// A month's number from its English name or its first three letters (`sept` too).
fn month_of(word: &str) -> Option<i8> {
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            let m = m.to_lowercase();
            m == word || (m.starts_with(word) && word.len() >= 3)
        })
        .map(|i| i as i8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_of_the_right_form_that_is_no_day_says_why() {
        assert_eq!(
            no_such_day("2025-13-01").as_deref(),
            Some(
                "There is no month 13: months go from 1 (January) to 12 (December). Check the date, written as year-month-day."
            )
        );
        assert_eq!(
            no_such_day(" 2025-02-30").as_deref(),
            Some(
                "February 2025 has 28 days, so there is no day 30 in it. Check the date, written as year-month-day."
            )
        );
        assert_eq!(no_such_day("2024-02-29"), None);
        assert_eq!(no_such_day("12/03/2025"), None);
        assert_eq!(no_such_day("2025-03-1x"), None);
    }

    fn read(text: &str) -> Option<(String, Reading)> {
        read_typed(text).map(|t| (t.iso(), t.reading))
    }

    #[test]
    fn the_uk_forms_are_read_day_first() {
        for text in [
            "12/03/2025",
            "12.03.2025",
            "12-3-2025",
            "12 03 2025",
            "12/3/25",
        ] {
            assert_eq!(
                read(text),
                Some(("2025-03-12".into(), Reading::DayFirst)),
                "{text}"
            );
        }
    }

    #[test]
    fn a_date_that_can_only_be_month_first_is_read_so() {
        assert_eq!(
            read("03/25/2025"),
            Some(("2025-03-25".into(), Reading::MonthFirst))
        );
    }

    #[test]
    fn typographic_dashes_and_invisible_characters_are_seen_through() {
        for text in [
            "2025–03–12",
            "2025—03—12",
            "2025/03/12",
            "2025-03-12\u{200b}",
            "\u{a0}2025-03-12",
            "“2025-03-12”",
        ] {
            assert_eq!(
                read(text),
                Some(("2025-03-12".into(), Reading::YearFirst)),
                "{text}"
            );
        }
    }

    #[test]
    fn months_in_words() {
        for text in [
            "12 March 2025",
            "March 12, 2025",
            "12th Mar 2025",
            "12 march 25",
        ] {
            assert_eq!(
                read(text),
                Some(("2025-03-12".into(), Reading::MonthInWords)),
                "{text}"
            );
        }
    }

    #[test]
    fn what_is_no_date_or_already_right_gives_no_hint() {
        for text in [
            "2025-03-12",
            "31/02/2025",
            "soon",
            "12/03",
            "1/2/3/4",
            "",
            "13/13/2025",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn the_hint_says_which_reading_was_assumed() {
        assert_eq!(
            read_typed("12/03/2025").unwrap().hint(),
            "Write it as 2025-03-12: year, month, day, with hyphens. Chorus took the day first, as in the UK, so this is 12 March 2025; check that it is the date you meant."
        );
        assert_eq!(
            read_typed("03/25/2025").unwrap().hint(),
            "Write it as 2025-03-25: year, month, day, with hyphens. Chorus took the month first, because 25 can't be a month, so this is 25 March 2025; check that it is the date you meant."
        );
        assert_eq!(
            read_typed("2025–03–12").unwrap().hint(),
            "Write it as 2025-03-12: year, month, day, with plain hyphens (-) and nothing else, not dashes, slashes, spaces or invisible characters."
        );
        assert!(
            read_typed("1/2/25")
                .unwrap()
                .hint()
                .ends_with(" The year had two digits: Chorus took it as 2025.")
        );
    }
}
