//! Which rows of a workbook's sheet are hidden, so that what the group can't see when they
//! open the workbook is never published.
//!
//! Written here because calamine reads cells, not how a sheet is shown: its issue #237 asks
//! for row visibility and was closed as not planned. This reads the one attribute from the
//! sheet's own XML, with the zip and quick-xml crates calamine itself uses: `hidden` on an
//! `.xlsx` row (`<row r="6" hidden="1">`), and `table:visibility` on an `.ods` row, which may
//! stand for many rows (`table:number-rows-repeated`). A filter hides rows the same way.
//! Reading is one pass over the sheet's XML, and the workbook's unpacked size is already
//! limited before this is called.

use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};
use std::ops::Range;

/// The hidden rows of `sheet`, as ranges of row numbers as the spreadsheet numbers them (from
/// 1). Empty when the workbook's XML can't be read: calamine has read its cells, so the sheet
/// is there, and a sheet whose rows can't be told apart is read whole, as before.
pub fn hidden_rows(bytes: &[u8], sheet: &str) -> Vec<Range<usize>> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut read = |name: &str| -> Option<Vec<u8>> {
        let mut file = archive.by_name(name).ok()?;
        let mut text = Vec::new();
        file.read_to_end(&mut text).ok()?;
        Some(text)
    };
    if let Some(content) = read("content.xml") {
        return ods_hidden_rows(&content, sheet);
    }
    let Some(path) = read("xl/workbook.xml")
        .zip(read("xl/_rels/workbook.xml.rels"))
        .and_then(|(workbook, relations)| xlsx_sheet_path(&workbook, &relations, sheet))
    else {
        return Vec::new();
    };
    read(&path)
        .map(|xml| xlsx_hidden_rows(&xml))
        .unwrap_or_default()
}

/// An attribute's value by its local name (without its namespace's prefix).
fn attribute(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == local)
        .and_then(|a| {
            quick_xml::escape::unescape(&a.value)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The path in the zip of the `.xlsx` sheet called `sheet`: `xl/workbook.xml` gives its
/// relationship's id, and `xl/_rels/workbook.xml.rels` that relationship's file.
fn xlsx_sheet_path(workbook: &[u8], relations: &[u8], sheet: &str) -> Option<String> {
    let id = elements(workbook, "sheet")
        .find(|e| attribute(e, "name").as_deref() == Some(sheet))
        .and_then(|e| attribute(&e, "id"))?;
    let target = elements(relations, "Relationship")
        .find(|e| attribute(e, "Id").as_deref() == Some(id.as_str()))
        .and_then(|e| attribute(&e, "Target"))?;
    Some(match target.strip_prefix('/') {
        Some(from_root) => from_root.to_owned(),
        None => format!("xl/{target}"),
    })
}

/// The elements called `local` in an XML text, in order, each with its attributes.
fn elements<'x>(xml: &'x [u8], local: &'x str) -> impl Iterator<Item = BytesStart<'static>> + 'x {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buffer = Vec::new();
    std::iter::from_fn(move || {
        loop {
            buffer.clear();
            match reader.read_event_into(&mut buffer) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().into_inner() == local => {
                    return Some(e.into_owned());
                }
                Ok(Event::Eof) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    })
}

/// The hidden rows of an `.xlsx` sheet: each `<row>` says its number (`r`, or one after the
/// row before) and whether it is `hidden`.
fn xlsx_hidden_rows(xml: &[u8]) -> Vec<Range<usize>> {
    let mut hidden = Vec::new();
    let mut number = 0usize;
    for row in elements(xml, "row") {
        number = attribute(&row, "r")
            .and_then(|r| r.parse().ok())
            .unwrap_or(number + 1);
        if matches!(attribute(&row, "hidden").as_deref(), Some("1" | "true")) {
            push(&mut hidden, number..number + 1);
        }
    }
    hidden
}

/// The hidden rows of the `.ods` sheet called `sheet`: its rows are counted in order, each
/// `table:table-row` standing for `table:number-rows-repeated` rows (1 when not given), and
/// hidden when its `table:visibility` is `collapse` or `filter`. A table inside a cell is not
/// the sheet's, so its rows are not counted.
fn ods_hidden_rows(xml: &[u8], sheet: &str) -> Vec<Range<usize>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut hidden = Vec::new();
    // Inside the sheet: how many tables deep (1 for the sheet's own rows).
    let mut depth = 0usize;
    let mut next_row = 1usize;
    loop {
        buffer.clear();
        let (element, opens) = match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::End(e)) if depth > 0 && e.local_name().into_inner() == "table" => {
                depth -= 1;
                if depth == 0 {
                    return hidden;
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => return hidden,
            Ok(_) => continue,
        };
        match element.local_name().into_inner() {
            "table" if depth > 0 => depth += usize::from(opens),
            "table" if opens && attribute(&element, "name").as_deref() == Some(sheet) => {
                depth = 1;
            }
            "table-row" if depth == 1 => {
                let repeated = attribute(&element, "number-rows-repeated")
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1);
                let rows = next_row..next_row.saturating_add(repeated);
                if matches!(
                    attribute(&element, "visibility").as_deref(),
                    Some("collapse" | "filter")
                ) {
                    push(&mut hidden, rows.clone());
                }
                next_row = rows.end;
            }
            _ => {}
        }
    }
}

/// Adds rows to the list, joining them to the last range when they follow on.
fn push(hidden: &mut Vec<Range<usize>>, rows: Range<usize>) {
    match hidden.last_mut() {
        Some(last) if last.end == rows.start => last.end = rows.end,
        _ => hidden.push(rows),
    }
}

/// Whether row `number` is in one of the ranges.
pub fn is_hidden(hidden: &[Range<usize>], number: usize) -> bool {
    hidden.iter().any(|rows| rows.contains(&number))
}

/// Row numbers in words: "4", "4 and 7", "3, 5 and 6", "4, 7 and 9 to 12".
pub fn in_words(rows: &[usize]) -> String {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for &row in rows {
        push(&mut runs, row..row + 1);
    }
    // A run of three rows or more is "9 to 12"; two rows are named each.
    let words: Vec<String> = runs
        .iter()
        .flat_map(|run| match run.len() {
            1 | 2 => run.clone().map(|row| row.to_string()).collect(),
            _ => vec![format!("{} to {}", run.start, run.end - 1)],
        })
        .collect();
    match words.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xlsx_sheet_s_hidden_rows_are_found_by_number_or_by_order() {
        let xml = br#"<worksheet><sheetData><row r="1"/><row r="3" hidden="1"/><row hidden="true"/><row r="9" spans="1:2" hidden="0"/></sheetData></worksheet>"#;
        assert_eq!(xlsx_hidden_rows(xml), vec![Range { start: 3, end: 5 }]);
    }

    #[test]
    fn an_ods_sheet_s_hidden_rows_count_repeats_and_only_that_sheet() {
        let xml = br#"<office:document-content xmlns:table="t"><office:body><office:spreadsheet>
<table:table table:name="Other"><table:table-row table:visibility="collapse"/></table:table>
<table:table table:name="Entries">
<table:table-row><table:table-cell/></table:table-row>
<table:table-row table:number-rows-repeated="2" table:visibility="filter"><table:table-cell/></table:table-row>
<table:table-row><table:table-cell><table:table table:name="Entries"><table:table-row table:visibility="collapse"/></table:table></table:table-cell></table:table-row>
<table:table-row-group><table:table-row table:visibility="collapse"/></table:table-row-group>
<table:table-row table:number-rows-repeated="1048570" table:visibility="collapse"/>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
        assert_eq!(ods_hidden_rows(xml, "Entries"), [2..4, 5..1_048_576]);
        assert_eq!(
            ods_hidden_rows(xml, "Other"),
            vec![Range { start: 1, end: 2 }]
        );
    }

    #[test]
    fn rows_are_said_in_runs() {
        assert_eq!(in_words(&[4]), "4");
        assert_eq!(in_words(&[4, 7]), "4 and 7");
        assert_eq!(in_words(&[4, 7, 9, 10, 11, 12]), "4, 7 and 9 to 12");
        assert_eq!(in_words(&[3, 5, 6]), "3, 5 and 6");
    }
}
