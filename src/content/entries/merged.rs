//! Which cells of a workbook's sheet are merged: a merged cell's value is in its first row
//! only, and the rows below it read as empty, though the group sees the value across them.
//!
//! An `.xlsx` sheet lists its merged regions (`<mergeCell ref="D3:D4"/>`), which calamine
//! reads. calamine does not read them from an `.ods` sheet, where the first cell of a region
//! says how many rows and columns it spans (`table:number-rows-spanned`), so they are read here
//! from the sheet's own XML, in one pass, as `hidden.rs` reads hidden rows.

use super::hidden::attribute;
use quick_xml::events::Event;
use std::io::{Cursor, Read};
use std::ops::Range;

/// A merged region: rows as the spreadsheet numbers them (from 1), and columns by index (from
/// 0: column A is 0), as a sheet's cells are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub rows: Range<usize>,
    pub columns: Range<usize>,
}

impl Merged {
    /// The first row of the region, when it holds the cell in row `row`, column `index`, below
    /// its first row: the cell is empty, and its value is in that row.
    pub fn first_row_above(&self, row: usize, index: usize) -> Option<usize> {
        (self.rows.contains(&row) && self.columns.contains(&index) && row > self.rows.start)
            .then_some(self.rows.start)
    }
}

/// The merged regions of the sheet called `sheet` of a workbook, `bytes`, which calamine opened
/// as `workbook`. None when they can't be read: the cells are read as they are.
pub fn merged<RS: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<RS>,
    bytes: &[u8],
    sheet: &str,
) -> Vec<Merged> {
    match workbook {
        calamine::Sheets::Xlsx(xlsx) => xlsx
            .merge_cells_by_sheet_name(sheet)
            .unwrap_or_default()
            .iter()
            .map(|region| Merged {
                rows: region.start.0 as usize + 1..region.end.0 as usize + 2,
                columns: region.start.1 as usize..region.end.1 as usize + 1,
            })
            .collect(),
        calamine::Sheets::Ods(_) => {
            let content = zip::ZipArchive::new(Cursor::new(bytes))
                .ok()
                .and_then(|mut archive| {
                    let mut file = archive.by_name("content.xml").ok()?;
                    let mut text = Vec::new();
                    file.read_to_end(&mut text).ok()?;
                    Some(text)
                });
            content
                .map(|xml| ods_merged(&xml, sheet))
                .unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// The merged regions of the `.ods` sheet called `sheet`: its rows and cells are counted in
/// order, each standing for as many as it repeats (`table:number-rows-repeated`,
/// `table:number-columns-repeated`), and a cell that spans more than itself
/// (`table:number-rows-spanned`, `table:number-columns-spanned`) starts a region. The cells it
/// covers are `table:covered-table-cell`s, counted as cells. A table inside a cell is not the
/// sheet's.
fn ods_merged(xml: &[u8], sheet: &str) -> Vec<Merged> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut merged = Vec::new();
    // Inside the sheet: how many tables deep (1 for the sheet's own rows).
    let mut depth = 0usize;
    // The row being read, the next row's number, and the next cell's index in the row.
    let (mut row, mut next_row, mut next_cell) = (0usize, 1usize, 0usize);
    let number = |element: &quick_xml::events::BytesStart<'_>, name: &str| {
        attribute(element, name)
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1)
    };
    loop {
        buffer.clear();
        let (element, opens) = match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::End(e)) if depth > 0 && e.local_name().into_inner() == "table" => {
                depth -= 1;
                if depth == 0 {
                    return merged;
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => return merged,
            Ok(_) => continue,
        };
        match element.local_name().into_inner() {
            "table" if depth > 0 => depth += usize::from(opens),
            "table" if opens && attribute(&element, "name").as_deref() == Some(sheet) => depth = 1,
            "table-row" if depth == 1 => {
                row = next_row;
                next_row = next_row.saturating_add(number(&element, "number-rows-repeated"));
                next_cell = 0;
            }
            local @ ("table-cell" | "covered-table-cell") if depth == 1 => {
                let (rows, columns) = match local {
                    "table-cell" => (
                        number(&element, "number-rows-spanned"),
                        number(&element, "number-columns-spanned"),
                    ),
                    _ => (1, 1),
                };
                if rows > 1 || columns > 1 {
                    merged.push(Merged {
                        rows: row..row.saturating_add(rows),
                        columns: next_cell..next_cell.saturating_add(columns),
                    });
                }
                next_cell = next_cell.saturating_add(number(&element, "number-columns-repeated"));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ods_sheet_s_merged_cells_count_repeats_and_only_that_sheet() {
        let xml = br#"<office:document-content xmlns:table="t"><office:body><office:spreadsheet>
<table:table table:name="Other"><table:table-row><table:table-cell table:number-rows-spanned="2"/></table:table-row></table:table>
<table:table table:name="Entries">
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="3"/><table:table-cell table:number-rows-spanned="2"><table:table table:name="Entries"><table:table-row><table:table-cell table:number-rows-spanned="9"/></table:table-row></table:table></table:table-cell><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2"/><table:covered-table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="3"/><table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
        assert_eq!(
            ods_merged(xml, "Entries"),
            [
                Merged {
                    rows: 3..5,
                    columns: 3..4
                },
                Merged {
                    rows: 3..5,
                    columns: 4..6
                },
            ]
        );
        assert_eq!(ods_merged(xml, "Other").len(), 1);
    }

    #[test]
    fn a_merged_cell_below_its_first_row_is_told_of() {
        let region = Merged {
            rows: 3..5,
            columns: 3..4,
        };
        assert_eq!(region.first_row_above(4, 3), Some(3));
        assert_eq!(region.first_row_above(3, 3), None);
        assert_eq!(region.first_row_above(4, 4), None);
        assert_eq!(region.first_row_above(5, 3), None);
    }
}
