//! Dates as people type them into spreadsheets and settings, and the hint that leads to the
//! form Chorus reads (`2025-03-12`, year-month-day).
//!
//! Written by hand: date-parsing crates either accept these forms silently (and so guess for the
//! person) or refuse them without saying which date was meant. Chorus does neither: it says which
//! date it would read and asks for the one unambiguous form.

use jiff::civil::Date;

/// What a typed date that is not in Chorus's form would be read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The date, reading day before month, as people in the UK write it.
    pub date: Date,
    /// The other reading, month before day, when it is a different valid date
    /// (`12/03/2025` could be 3 December).
    pub other: Option<Date>,
}

/// Reads a date written some other way than `2025-03-12`: `12/03/2025`, `12.03.2025`,
/// `12-03-2025`, `12/3/25`, `2025/03/12`, `2025–03–12` (typographic dashes), `12 March 2025`.
/// `None` when the text is not a date in any of these forms.
pub fn reading(text: &str) -> Option<Reading> {
    let text = text.trim();
    let normalised: String = text
        .chars()
        .map(|c| match c {
            // en dash, em dash, minus sign, non-breaking hyphen, figure dash, hyphen
            '\u{2013}' | '\u{2014}' | '\u{2212}' | '\u{2011}' | '\u{2012}' | '\u{2010}' => '-',
            '\u{a0}' => ' ',
            other => other,
        })
        .collect();
    let parts: Vec<&str> = normalised
        .split(['/', '.', '-', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if a.len() == 4 {
        // Year first: 2025/03/12, 2025.03.12, or 2025–03–12 with typographic dashes.
        let date = date(number(a)?, number(b)?, number(c)?)?;
        return Some(Reading { date, other: None });
    }
    let year = year(c)?;
    match (number(a), number(b), month_name(b), month_name(a)) {
        (Some(day), Some(month), _, _) => {
            let read = date(year, month, day)?;
            let other = date(year, day, month).filter(|o| *o != read);
            Some(Reading { date: read, other })
        }
        (Some(day), None, Some(month), _) => Some(Reading {
            date: date(year, month, day)?,
            other: None,
        }),
        (None, Some(day), _, Some(month)) => Some(Reading {
            date: date(year, month, day)?,
            other: None,
        }),
        _ => None,
    }
}

/// The advice for a date written another way: which date it would be, and how to write it.
pub fn hint(text: &str, example_key: Option<&str>) -> Option<String> {
    let reading = reading(text)?;
    let written = |d: Date| match example_key {
        Some(key) => format!("{key} = {d}"),
        None => d.to_string(),
    };
    let mut hint = format!(
        "Chorus reads \"{}\" as {}. Write it as {} (year-month-day).",
        text.trim(),
        crate::check::long_date(reading.date),
        written(reading.date)
    );
    if let Some(other) = reading.other {
        hint.push_str(&format!(
            " If you meant {}, write {}.",
            crate::check::long_date(other),
            written(other)
        ));
    }
    Some(hint)
}

fn number(text: &str) -> Option<i64> {
    (text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn year(text: &str) -> Option<i64> {
    let n = number(text)?;
    match text.len() {
        2 => Some(2000 + n),
        4 => Some(n),
        _ => None,
    }
}

fn date(year: i64, month: i64, day: i64) -> Option<Date> {
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `March`, `mar` or `Mar.` → 3.
fn month_name(text: &str) -> Option<i64> {
    let word = text.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word) && (word.len() == 3 || *m == word))
        .map(|i| i as i64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn reads_day_first_and_says_the_other_reading() {
        let r = reading("12/03/2025").unwrap();
        assert_eq!((r.date, r.other), (d("2025-03-12"), Some(d("2025-12-03"))));
        let r = reading("25.12.2025").unwrap();
        assert_eq!((r.date, r.other), (d("2025-12-25"), None));
        assert_eq!(reading("12/3/25").unwrap().date, d("2025-03-12"));
        assert_eq!(reading("03/03/2025").unwrap().other, None);
    }

    #[test]
    fn reads_typographic_dashes_and_month_names() {
        assert_eq!(reading("2025–03–12").unwrap().date, d("2025-03-12"));
        assert_eq!(reading("2025/03/12").unwrap().date, d("2025-03-12"));
        assert_eq!(reading("12 March 2025").unwrap().date, d("2025-03-12"));
        assert_eq!(reading("March 12, 2025").unwrap().date, d("2025-03-12"));
        assert_eq!(reading("12 Mar 2025").unwrap().date, d("2025-03-12"));
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "soon",
            "31/02/2025",
            "12/2025",
            "1/2/3/4",
            "12 Marchy 2025",
            "",
        ] {
            assert_eq!(reading(text), None, "{text}");
        }
    }

    #[test]
    fn the_hint_names_both_readings() {
        assert_eq!(
            hint("12/03/2025", Some("said_date")).unwrap(),
            "Chorus reads \"12/03/2025\" as 12 March 2025. Write it as said_date = 2025-03-12 (year-month-day). If you meant 3 December 2025, write said_date = 2025-12-03."
        );
    }
}
