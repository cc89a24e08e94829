//! Which cells of a workbook's sheet are merged: a merged cell's value is in its first row
//! only, and the rows below it read as empty, though the group sees the value across them.
//!
//! An `.xlsx` sheet lists its merged regions (`<mergeCell ref="D3:D4"/>`), which calamine
//! reads. calamine does not read them from an `.ods` sheet, where the first cell of a region
//! says how many rows and columns it spans (`table:number-rows-spanned`), so `hidden::layout`
//! reads them from the sheet's own XML, in the pass that finds its hidden rows and columns.

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

/// The merged regions of the sheet called `sheet` of a workbook calamine opened as
/// `workbook`: from calamine for `.xlsx`, or `ods_merged` as `hidden::layout` read them. None
/// when they can't be read: the cells are read as they are.
pub fn merged<RS: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<RS>,
    ods_merged: Option<Vec<Merged>>,
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
        _ => ods_merged.unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
