//! "You said, we did": entries read from TOML files, CSV files and workbooks alike, every rule
//! with its exact message, the pages, the links both ways with stories, and the open data that
//! reads back in as the same entries.

mod common;

use common::*;
use std::fs;
use std::path::Path;

#[test]
fn entries_come_from_toml_csv_and_workbooks_alike() {
    let run = chorus("tracker", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_messages(&run.stderr, "tracker");
    let tracker = run.page("you-said-we-did/index.html");
    // One from the TOML file, four from the CSV file, two from the named sheet of the ODS.
    assert!(tracker.contains("7 things people told us"), "{tracker}");
    for id in ["t-1", "csv-1", "csv-2", "csv-3", "csv-4", "ods-1", "ods-2"] {
        assert!(
            run.site()
                .join(format!("you-said-we-did/{id}.html"))
                .is_file(),
            "{id}"
        );
    }
    // The CSV quirks: a byte order mark, CRLF, quoted cells with commas, quotes and line
    // breaks, a blank row in the middle, blank rows and columns at the end.
    let parking = run.page("you-said-we-did/csv-1.html");
    assert!(parking.contains("<h1>Parking, at last</h1>"), "{parking}");
    assert!(parking.contains("They said “park for free”, and\nmore on a second line."));
    assert!(
        parking.contains("We will ask again next year."),
        "{parking}"
    );
    // A workbook's date cells are read as dates, and its number cells as numbers.
    let named_worker = run.page("you-said-we-did/ods-1.html");
    assert!(named_worker.contains(r#"<time datetime="2026-05-05">5 May 2026</time>"#));
    assert!(named_worker.contains("40% done"), "{named_worker}");
    // Only the sheet site.toml names is read.
    assert_eq!(
        files_containing(&run.site(), "These notes are not entries"),
        Vec::<String>::new()
    );
    // Progress is drawn where it is set, even at 0, and never where it is not.
    assert!(run.page("you-said-we-did/csv-3.html").contains("0% done"));
    assert!(!run.page("you-said-we-did/csv-4.html").contains("<progress"));
    // Filters that need no JavaScript: a page per status and per theme that has entries.
    let done = run.page("you-said-we-did/status/done.html");
    assert!(done.contains("Letters people can read") && !done.contains("Parking, at last"));
    let theme = run.page("you-said-we-did/theme/mir.asc.html");
    assert!(theme.contains("Evening activities") && theme.contains("Peer groups nearer home"));
    assert!(
        !run.site()
            .join("you-said-we-did/theme/mir.wf.html")
            .exists()
    );
    // The counts at the top, in words and a shape, each linking to its status page.
    assert!(tracker.contains(r#"<a href="status/planned.html"><span class="count">2</span> <span class="status status-planned"><svg"#), "{tracker}");
    // The Welsh site has every tracker page, in Welsh words around the entries' own.
    let welsh = run.page("cy/you-said-we-did/index.html");
    assert!(
        welsh.contains("<h1>Dywedoch chi, gwnaethom ni</h1>"),
        "{welsh}"
    );
    assert!(welsh.contains(r#"<a href="t-1.html" lang="en-GB">Letters people can read</a>"#));
    assert_eq!(broken_links(&run.site()), Vec::<String>::new());
}

#[test]
fn stories_and_entries_link_both_ways_and_a_withdrawn_story_leaves_no_trace() {
    let run = chorus("tracker", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let story = run.page("stories/told-story.html");
    assert!(
        story.contains(r#"<a href="../you-said-we-did/t-1.html">Letters people can read</a>"#),
        "{story}"
    );
    assert!(
        story.contains(r#"<a href="../you-said-we-did/csv-2.html">Evening line</a>"#),
        "{story}"
    );
    let entry = run.page("you-said-we-did/t-1.html");
    assert!(
        entry.contains(r#"<a href="../stories/told-story.html">A story told</a>"#),
        "{entry}"
    );
    // The withdrawn story names the same entry, and is nowhere.
    for trace in [
        "Xylophone",
        "Quillwort-9931",
        "Zebedee",
        "withdrawn-story",
        "CR-2",
    ] {
        assert_eq!(
            files_containing(&run.site(), trace),
            Vec::<String>::new(),
            "{trace}"
        );
    }
    // The entry's history, oldest first whatever order it was written in.
    let timeline = &entry[entry.find("<ol class=\"timeline\">").unwrap()..];
    let planned = timeline.find("20 March 2025").unwrap();
    let done = timeline.find("30 September 2025").unwrap();
    assert!(planned < done, "{timeline}");
}

#[test]
fn every_rule_of_an_entry_is_one_message_with_its_file_and_row_or_line() {
    let run = chorus("tracker-rules", &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_messages(&run.stderr, "tracker-rules");
    assert!(!run.site().exists());
}

/// Builds a report whose only entries are `files` (name, bytes), with the tracker fixture's
/// settings and no stories, and returns the run.
fn build_with_entries(files: &[(&str, &[u8])]) -> Run {
    let root = copy_report(&fixture("tracker"));
    fs::remove_dir_all(root.path().join("content/stories")).unwrap();
    let folder = root.path().join("content/you-said-we-did");
    fs::remove_dir_all(&folder).unwrap();
    fs::create_dir_all(&folder).unwrap();
    for (name, bytes) in files {
        fs::write(folder.join(name), bytes).unwrap();
    }
    // The fixture's sheet setting names a workbook these reports do not have.
    let settings = root.path().join("content/site.toml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(
        &settings,
        text.replace("\"you-said-we-did/board.ods\" = \"Actions\"", ""),
    )
    .unwrap();
    run_in(root, &["build"])
}

fn data(run: &Run, name: &str) -> Vec<u8> {
    assert_eq!(run.code, 0, "{}", run.stderr);
    fs::read(run.site().join("data").join(name)).unwrap()
}

/// Words from outside that a spreadsheet program would run as a formula (CSV injection).
const FORMULAS: &str = "csv-5,\"=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\",=cmd|' /C calc'!A0,carers,+SUM(1;2),2025-02-11,planned,@SUM(1+1),,,2027-01-01,,-2+3,,,,,,,\r\n";

#[test]
fn the_open_data_csv_reads_back_in_as_the_same_entries() {
    let mut csv_import =
        fs::read(fixture("tracker").join("content/you-said-we-did/actions.csv")).unwrap();
    csv_import.extend_from_slice(FORMULAS.as_bytes());
    let first = build_with_entries(&[("actions.csv", &csv_import)]);
    let exported = data(&first, "you-said-we-did.csv");
    let text = String::from_utf8_lossy(&exported);
    // Every cell that would start a formula starts with ' instead; the pages show the words.
    assert!(
        text.contains("csv-5,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\",'=cmd|' /C calc'!A0,carers,'+SUM(1;2),2025-02-11,planned,'@SUM(1+1),,,2027-01-01,,'-2+3,"),
        "{text}"
    );
    assert!(
        first
            .page("you-said-we-did/csv-5.html")
            .contains("<h1>=HYPERLINK(&quot;https://evil.example&quot;,&quot;click&quot;)</h1>")
    );
    // Excel on Windows reads a CSV file as UTF-8 only when it starts with a byte order mark.
    let header = text
        .strip_prefix('\u{feff}')
        .expect("a byte order mark")
        .lines()
        .next()
        .unwrap();
    assert_eq!(
        header,
        "id,title,you_said,said_by,forum,said_date,status,we_did,reason,alternative,target_date,completed_date,owner,themes,statements,progress,update,level"
    );
    let second = build_with_entries(&[("export.csv", &exported)]);
    assert_eq!(data(&second, "you-said-we-did.csv"), exported);
    assert_eq!(
        data(&second, "you-said-we-did.json"),
        data(&first, "you-said-we-did.json")
    );
}

/// A workbook as a council keeps it: dates typed into date cells shown day first, progress
/// as a number, an update history with line breaks in its cell.
fn council_workbook(path: &Path) {
    council_workbook_under(path, &[], 0);
}

/// The same workbook, with `above` (row, column, words) typed in the first rows and the column
/// names `down` rows lower.
fn council_workbook_under(path: &Path, above: &[(u32, u16, &str)], down: u32) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (row, column, words) in above {
        sheet.write_string(*row, *column, *words).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let header = [
        "ID",
        "Title",
        "You said",
        "Said by",
        "Forum",
        "Said date",
        "Status",
        "We did",
        "Target date",
        "Completed date",
        "Owner",
        "Themes",
        "Progress",
        "Update",
    ];
    for (column, name) in header.iter().enumerate() {
        sheet.write_string(down, column as u16, *name).unwrap();
    }
    let day = |y, m, d| ExcelDateTime::from_ymd(y, m, d).unwrap();
    sheet.write_string(down + 1, 0, "XL-1").unwrap();
    sheet
        .write_string(down + 1, 1, "Someone to call after 5pm")
        .unwrap();
    sheet
        .write_string(
            down + 1,
            2,
            "Nobody answers after 5, so we \"wait\", worried.",
        )
        .unwrap();
    sheet
        .write_string(down + 1, 3, "people who draw on care")
        .unwrap();
    sheet.write_string(down + 1, 4, "Voices meeting").unwrap();
    sheet
        .write_datetime_with_format(down + 1, 5, day(2025, 3, 4), &date)
        .unwrap();
    sheet.write_string(down + 1, 6, "in-progress").unwrap();
    sheet
        .write_string(down + 1, 7, "An evening line, weekdays until 9pm.")
        .unwrap();
    sheet
        .write_datetime_with_format(down + 1, 8, day(2027, 3, 31), &date)
        .unwrap();
    sheet.write_string(down + 1, 10, "Contact team").unwrap();
    sheet
        .write_string(down + 1, 11, "mir.flex|cqc-la.t2")
        .unwrap();
    sheet.write_number(down + 1, 12, 45).unwrap();
    sheet
        .write_string(down + 1, 13, "2025-04-01 | planned | The budget was agreed.\n2025-10-06 | in-progress | The line opened,\nweekdays only.")
        .unwrap();
    sheet.write_string(down + 2, 0, "XL-2").unwrap();
    sheet.write_string(down + 2, 1, "Toilets in town").unwrap();
    sheet
        .write_string(down + 2, 2, "There is no toilet I can use.")
        .unwrap();
    sheet
        .write_string(down + 2, 3, "people who draw on care")
        .unwrap();
    sheet.write_string(down + 2, 4, "Survey").unwrap();
    sheet
        .write_datetime_with_format(down + 2, 5, day(2026, 1, 19), &date)
        .unwrap();
    sheet.write_string(down + 2, 6, "done").unwrap();
    sheet
        .write_string(down + 2, 7, "We built one in the library.")
        .unwrap();
    sheet
        .write_datetime_with_format(down + 2, 9, day(2026, 10, 1), &date)
        .unwrap();
    sheet.write_string(down + 2, 10, "Facilities team").unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_workbook_exported_as_open_data_reads_back_in_as_the_same_entries() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("tracker.xlsx");
    council_workbook(&workbook);
    let first = build_with_entries(&[("tracker.xlsx", &fs::read(&workbook).unwrap())]);
    let json = String::from_utf8(data(&first, "you-said-we-did.json")).unwrap();
    // Date cells are dates, whatever format the cell shows them in; numbers are numbers.
    assert!(json.contains("\"said_date\": \"2025-03-04\""), "{json}");
    assert!(
        json.contains("\"completed_date\": \"2026-10-01\""),
        "{json}"
    );
    assert!(json.contains("\"progress\": 45"), "{json}");
    assert!(
        json.contains("\"note\": \"The line opened,\\nweekdays only.\""),
        "{json}"
    );
    let exported = data(&first, "you-said-we-did.csv");
    let second = build_with_entries(&[("export.csv", &exported)]);
    assert_eq!(data(&second, "you-said-we-did.json"), json.into_bytes());
    assert_eq!(data(&second, "you-said-we-did.csv"), exported);
}

/// How a sheet is kept out of sight.
#[derive(Clone, Copy)]
enum Hidden {
    /// As a spreadsheet's Unhide can show again.
    Hidden,
    /// As Excel saves a sheet a macro hid ("very hidden"), which Unhide does not list.
    VeryHidden,
}

/// A workbook whose first sheet is hidden: an old copy that names a resident, kept aside.
fn workbook_with_a_hidden_sheet(path: &Path) {
    workbook_with_a_sheet_hidden(path, Hidden::Hidden);
}

/// The same workbook, its old copy hidden as `hidden` says.
fn workbook_with_a_sheet_hidden(path: &Path, hidden: Hidden) {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let header = [
        "ID",
        "Title",
        "You said",
        "Said by",
        "Forum",
        "Said date",
        "Status",
        "Owner",
    ];
    let rows = [
        (
            "Old copy",
            [
                "old-1",
                "Old wording",
                "Mrs Jones at 4 High Street said the bus was late",
                "carers",
                "Carers' forum",
                "2024-01-01",
                "considering",
                "Transport team",
            ],
        ),
        (
            "Tracker",
            [
                "new-1",
                "Buses after six",
                "The last bus leaves too early",
                "carers",
                "Carers' forum",
                "2025-01-01",
                "considering",
                "Transport team",
            ],
        ),
    ];
    for (name, row) in rows {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (column, (title, cell)) in header.iter().zip(row).enumerate() {
            sheet.write_string(0, column as u16, *title).unwrap();
            sheet.write_string(1, column as u16, cell).unwrap();
        }
    }
    book.worksheet_from_name("Tracker")
        .unwrap()
        .set_active(true);
    let old = book.worksheet_from_name("Old copy").unwrap();
    match hidden {
        Hidden::Hidden => old.set_hidden(true),
        Hidden::VeryHidden => old.set_very_hidden(true),
    };
    book.save(path).unwrap();
}

#[test]
fn a_hidden_sheet_is_never_read_and_naming_it_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("tracker.xlsx");
    workbook_with_a_hidden_sheet(&workbook);
    let bytes = fs::read(&workbook).unwrap();
    // Read from the first sheet the group sees when they open it; nothing of the hidden one
    // is in any file of the site.
    let run = build_with_entries(&[("tracker.xlsx", &bytes)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.site().join("you-said-we-did/new-1.html").is_file());
    for hidden in ["Mrs Jones", "old-1", "Old wording"] {
        assert_eq!(
            files_containing(&run.site(), hidden),
            Vec::<String>::new(),
            "{hidden}"
        );
    }
    // Named in site.toml, it is refused, and said to be hidden.
    let root = copy_report(&fixture("tracker"));
    fs::write(
        root.path().join("content/you-said-we-did/board.xlsx"),
        &bytes,
    )
    .unwrap();
    let settings = root.path().join("content/site.toml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(
        &settings,
        text.replace(
            "\"you-said-we-did/board.ods\" = \"Actions\"",
            "\"you-said-we-did/board.ods\" = \"Actions\"\n\"you-said-we-did/board.xlsx\" = \"Old copy\"",
        ),
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = text.lines().position(|l| l.contains("board.ods")).unwrap() + 2;
    assert_eq!(
        run.message_of("sheet-hidden"),
        format!(
            "error[sheet-hidden]: The sheet \"Old copy\" is hidden in content/you-said-we-did/board.xlsx, so Chorus does not read it: nothing the group can't see when they open the workbook is published.\n  --> content/site.toml:{line}:32\n    |\n{line:>3} | \"you-said-we-did/board.xlsx\" = \"Old copy\"\n    |                                ^^^^^^^^^^\n  what to do: If it should be published, show it (in most spreadsheets: right-click a sheet's tab and choose Unhide), check what is on it, and save. Otherwise name a sheet that is shown."
        )
    );
    assert_eq!(run.messages_of("sheet-hidden").len(), 1, "{}", run.stderr);
}

/// The column names of the workbooks of several sheets below, and an entry under them.
const SHEET_HEADER: [&str; 8] = [
    "ID",
    "Title",
    "You said",
    "Said by",
    "Forum",
    "Said date",
    "Status",
    "Owner",
];

/// An entry of the workbooks of several sheets below, its id `id`.
fn sheet_entry(id: &str) -> [&str; 8] {
    [
        id,
        "Buses after six",
        "The last bus leaves too early",
        "carers",
        "Carers' forum",
        "2025-01-01",
        "considering",
        "Transport team",
    ]
}

/// A sheet of a workbook: its name, its rows, and how it is hidden, if it is.
type SheetOf<'s> = (&'s str, &'s [&'s [&'s str]], Option<Hidden>);

/// A workbook of `sheets`, in order; the sheet `active` is the one it opens at.
fn workbook_of_sheets(path: &Path, sheets: &[SheetOf<'_>], active: &str) {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    for (name, rows, hidden) in sheets {
        let sheet = book.add_worksheet().set_name(*name).unwrap();
        for (row, cells) in rows.iter().enumerate() {
            for (column, cell) in cells.iter().enumerate() {
                sheet
                    .write_string(row as u32, column as u16, *cell)
                    .unwrap();
            }
        }
        match hidden {
            None => {}
            Some(Hidden::Hidden) => {
                sheet.set_hidden(true);
            }
            Some(Hidden::VeryHidden) => {
                sheet.set_very_hidden(true);
            }
        }
    }
    book.worksheet_from_name(active).unwrap().set_active(true);
    book.save(path).unwrap();
}

/// A new year's entries kept on a sheet of their own, beside last year's: Chorus reads one
/// sheet, so one warning names the other, and says how to publish it. A list of words kept
/// for the drop-down menus is not named. Naming the sheet to read in site.toml is choosing
/// it: then nothing is said of the others.
#[test]
fn a_second_sheet_shown_with_the_columns_is_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("tracker.xlsx");
    let lists: &[&[&str]] = &[&["Status"], &["planned"], &["done"]];
    workbook_of_sheets(
        &workbook,
        &[
            ("2025", &[&SHEET_HEADER, &sheet_entry("A-1")], None),
            ("2026", &[&SHEET_HEADER, &sheet_entry("B-1")], None),
            ("Lists", lists, None),
        ],
        "2026",
    );
    let bytes = fs::read(&workbook).unwrap();
    let run = build_with_entries(&[("tracker.xlsx", &bytes)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.site().join("you-said-we-did/a-1.html").is_file());
    assert_eq!(
        run.messages_of("sheet-passed-over"),
        [
            "warning[sheet-passed-over]: Chorus read only the sheet \"2025\" of this workbook, the first one shown, but the sheet \"2026\" has the columns Chorus reads too, so nothing on it is published.\n  --> content/you-said-we-did/tracker.xlsx\n  what to do: To publish what is on it as well, copy its rows (not its column names) to the end of \"2025\", each cell under the column of the same name, and delete it. If it is not to be published, delete it; or name the sheet to read in site.toml, and Chorus reads only that one, without this warning: add the lines [sheets] and \"you-said-we-did/tracker.xlsx\" = \"2025\"."
        ]
    );

    let root = copy_report(&fixture("tracker"));
    let folder = root.path().join("content/you-said-we-did");
    fs::write(folder.join("tracker.xlsx"), &bytes).unwrap();
    let settings = root.path().join("content/site.toml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(
        &settings,
        text.replace(
            "\"you-said-we-did/board.ods\" = \"Actions\"",
            "\"you-said-we-did/board.ods\" = \"Actions\"\n\"you-said-we-did/tracker.xlsx\" = \"2025\"",
        ),
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.site().join("you-said-we-did/a-1.html").is_file());
    assert_eq!(run.messages_of("sheet-passed-over"), Vec::<&str>::new());
}

/// A hidden sheet passed over for the first sheet shown is named in the same one warning,
/// when it has the columns Chorus reads, before the sheet read or after it: the group learns
/// what was left out. A list kept aside for the spreadsheet's drop-down menus, hidden too, is
/// passed over without a word.
#[test]
fn a_hidden_sheet_passed_over_is_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("tracker.xlsx");
    workbook_with_a_hidden_sheet(&workbook);
    let run = build_with_entries(&[("tracker.xlsx", &fs::read(&workbook).unwrap())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.messages_of("sheet-passed-over"),
        [
            "warning[sheet-passed-over]: Chorus read only the sheet \"Tracker\" of this workbook, the first one shown, but the sheet \"Old copy\" (hidden) has the columns Chorus reads too, so nothing on it is published.\n  --> content/you-said-we-did/tracker.xlsx\n  what to do: To publish what is on it as well, show it (in most spreadsheets: right-click a sheet's tab and choose Unhide), copy its rows (not its column names) to the end of \"Tracker\", each cell under the column of the same name, and delete it. If it is not to be published, delete it; or name the sheet to read in site.toml, and Chorus reads only that one, without this warning: add the lines [sheets] and \"you-said-we-did/tracker.xlsx\" = \"Tracker\"."
        ]
    );

    // Two hidden sheets before it, one very hidden, a hidden list and a sheet shown after it.
    let (lists, entries): (&[&[&str]], &[&[&str]]) = (
        &[&["Status"], &["planned"], &["done"]],
        &[&SHEET_HEADER, &sheet_entry("new-1")],
    );
    workbook_of_sheets(
        &workbook,
        &[
            ("2024", entries, Some(Hidden::Hidden)),
            ("Lists", lists, Some(Hidden::Hidden)),
            ("2023", entries, Some(Hidden::VeryHidden)),
            ("Tracker", entries, None),
            ("Statuses", lists, Some(Hidden::Hidden)),
            ("2026", entries, None),
        ],
        "Tracker",
    );
    let run = build_with_entries(&[("tracker.xlsx", &fs::read(&workbook).unwrap())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.messages_of("sheet-passed-over"),
        [
            "warning[sheet-passed-over]: Chorus read only the sheet \"Tracker\" of this workbook, the first one shown, but the sheets \"2024\" (hidden), \"2023\" (hidden) and \"2026\" have the columns Chorus reads too, so nothing on them is published.\n  --> content/you-said-we-did/tracker.xlsx\n  what to do: To publish what is on them as well, show the hidden ones (in most spreadsheets: right-click a sheet's tab and choose Unhide; \"2023\" is saved as very hidden, which Excel's Unhide does not list: in Excel, press Alt+F11 (on a Mac, Option+F11) to open the Visual Basic editor, choose the sheet in the list on the left, press F4, and set Visible to -1 - xlSheetVisible), copy their rows (not their column names) to the end of \"Tracker\", each cell under the column of the same name, and delete them. If they are not to be published, delete them; or name the sheet to read in site.toml, and Chorus reads only that one, without this warning: add the lines [sheets] and \"you-said-we-did/tracker.xlsx\" = \"Tracker\"."
        ]
    );
}

/// A sheet saved as very hidden can't be shown with a spreadsheet's Unhide, so the message
/// that names it says how it can be.
#[test]
fn naming_a_very_hidden_sheet_says_how_to_show_it() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("tracker.xlsx");
    workbook_with_a_sheet_hidden(&workbook, Hidden::VeryHidden);
    let root = copy_report(&fixture("tracker"));
    fs::write(
        root.path().join("content/you-said-we-did/board.xlsx"),
        fs::read(&workbook).unwrap(),
    )
    .unwrap();
    let settings = root.path().join("content/site.toml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(
        &settings,
        text.replace(
            "\"you-said-we-did/board.ods\" = \"Actions\"",
            "\"you-said-we-did/board.ods\" = \"Actions\"\n\"you-said-we-did/board.xlsx\" = \"Old copy\"",
        ),
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = text.lines().position(|l| l.contains("board.ods")).unwrap() + 2;
    assert_eq!(
        run.messages_of("sheet-hidden"),
        [format!(
            "error[sheet-hidden]: The sheet \"Old copy\" is hidden in content/you-said-we-did/board.xlsx, so Chorus does not read it: nothing the group can't see when they open the workbook is published.\n  --> content/site.toml:{line}:32\n    |\n{line:>3} | \"you-said-we-did/board.xlsx\" = \"Old copy\"\n    |                                ^^^^^^^^^^\n  what to do: If it should be published, show it (it is saved as very hidden, which Excel's Unhide does not list: in Excel, press Alt+F11 (on a Mac, Option+F11) to open the Visual Basic editor, choose the sheet in the list on the left, press F4, and set Visible to -1 - xlSheetVisible), check what is on it, and save. Otherwise name a sheet that is shown."
        )]
    );
}

/// What an entry's page leaves out of a cell (an HTML comment naming a resident, a link to a
/// file on a shared drive, a link to a story not published) is left out of the open data too:
/// a cell the page had to change is published there as the words the page shows.
#[test]
fn the_open_data_leaves_out_what_the_entry_s_page_does() {
    let root = copy_report(&fixture("tracker"));
    let story = fs::read_to_string(root.path().join("content/stories/told-story.md")).unwrap();
    fs::write(
        root.path().join("content/stories/draft-story.md"),
        story.replace("+++\ntitle", "+++\nstatus = \"draft\"\ntitle"),
    )
    .unwrap();
    fs::write(
        root.path().join("content/you-said-we-did/t-2.toml"),
        concat!(
            "id = \"T-2\"\ntitle = \"Letters again\"\n",
            "you_said = \"Letters were confusing. <!-- Raised by Mrs Jean Pemberton-Smythe of 14 Acacia Avenue -->\"\n",
            "said_by = \"carers\"\nforum = \"Carers' forum\"\nsaid_date = 2025-02-11\nstatus = \"in-progress\"\n",
            "we_did = \"We wrote [the working file](file:///S:/ASC/Complaints/Pemberton-Smythe%20complaint.docx) and read [a carer's account](stories/draft-story.md).\"\n",
            "owner = \"Finance team\"\ntarget_date = 2027-01-01\n",
            "\n[[update]]\ndate = 2025-03-01\nstatus = \"in-progress\"\nnote = \"Asked <span onclick=\\\"steal()\\\">again</span>.\"\n",
        ),
    )
    .unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for hidden in [
        "Pemberton",
        "Acacia",
        "S:/ASC",
        "file:",
        "draft-story",
        "steal()",
    ] {
        assert_eq!(
            files_containing(&run.site(), hidden),
            Vec::<String>::new(),
            "{hidden}"
        );
    }
    let json = String::from_utf8(data(&run, "you-said-we-did.json")).unwrap();
    assert!(
        json.contains("\"you_said\": \"Letters were confusing.\""),
        "{json}"
    );
    assert!(
        json.contains("\"we_did\": \"We wrote the working file and read a carer’s account.\""),
        "{json}"
    );
    assert!(json.contains("\"note\": \"Asked again.\""), "{json}");
    // A cell the page shows whole is published as written, its markdown kept.
    assert!(
        json.contains("\"you_said\": \"The letters are full of *jargon*.\""),
        "{json}"
    );
}

/// A workbook of two entries, rows 2 and 3, whose title in row 2, owner in row 3, and notes
/// (a column Chorus does not read) hold formulas, each saved with its value; `change` then
/// changes its sheet before it is saved.
fn workbook_with_formulas(path: &Path, change: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) {
    use rust_xlsxwriter::{Formula, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "ID",
        "Title",
        "You said",
        "Said by",
        "Forum",
        "Said date",
        "Status",
        "Owner",
        "Notes",
    ];
    for (column, name) in header.iter().enumerate() {
        sheet.write_string(0, column as u16, *name).unwrap();
    }
    for (row, id) in [(1, "f-1"), (2, "f-2")] {
        let cells = [
            id,
            "Buses after six",
            "The last bus leaves too early",
            "carers",
            "Carers' forum",
            "2025-01-01",
            "considering",
            "Transport team",
        ];
        for (column, cell) in cells.iter().enumerate() {
            sheet.write_string(row, column as u16, *cell).unwrap();
        }
    }
    sheet
        .write_formula(
            1,
            1,
            Formula::new("=\"Buses after \"&\"six\"").set_result("Buses after six"),
        )
        .unwrap();
    sheet
        .write_formula(
            2,
            7,
            Formula::new("=\"Transport \"&\"team\"").set_result("Transport team"),
        )
        .unwrap();
    sheet
        .write_formula(1, 8, Formula::new("=1+1").set_result("2"))
        .unwrap();
    change(sheet);
    book.save(path).unwrap();
}

/// A workbook whose cells hold formulas is read by the values saved with them: one warning for
/// the sheet says so, at the first such cell of the entries, with how many there are. A
/// formula in a column Chorus does not read is not counted.
#[test]
fn formulas_in_a_workbook_are_one_warning_for_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracker.xlsx");
    workbook_with_formulas(&path, |_| {});
    let run = build_with_entries(&[("tracker.xlsx", &fs::read(&path).unwrap())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.messages_of("cell-formula"),
        [
            "warning[cell-formula]: 2 cells of this sheet hold a formula, the first of them here. Chorus shows the value each had when the workbook was last saved in a spreadsheet program, not what the formula would give today.\n  --> content/you-said-we-did/tracker.xlsx, row 2, column B (\"Title\")\n    |\n  2 | Buses after six\n    | ^^^^^^^^^^^^^^^\n  what to do: If a value may have changed since it was saved (a formula that uses today's date, or another sheet or workbook), open the workbook in your spreadsheet program, save it, and build again. To keep the words as they are for good, copy the cells and paste them back as values only."
        ]
    );
    assert!(
        run.page("you-said-we-did/f-1.html")
            .contains("<h1>Buses after six</h1>")
    );
}

/// A formula in a hidden row is not read, so it is neither counted nor shown.
#[test]
fn a_formula_in_a_hidden_row_is_not_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracker.xlsx");
    workbook_with_formulas(&path, |sheet| {
        sheet.set_row_hidden(1).unwrap();
    });
    let run = build_with_entries(&[("tracker.xlsx", &fs::read(&path).unwrap())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.messages_of("cell-formula"),
        [
            "warning[cell-formula]: This cell holds a formula. Chorus shows the value it had when the workbook was last saved in a spreadsheet program, not what the formula would give today.\n  --> content/you-said-we-did/tracker.xlsx, row 3, column H (\"Owner\")\n    |\n  3 | Transport team\n    | ^^^^^^^^^^^^^^\n  what to do: If a value may have changed since it was saved (a formula that uses today's date, or another sheet or workbook), open the workbook in your spreadsheet program, save it, and build again. To keep the words as they are for good, copy the cells and paste them back as values only."
        ]
    );
}

/// A workbook saved by a program that does not save a formula's result with it (as some
/// programs that make workbooks do not) is one message, that says so: not also one that says
/// the cell is missing, nor one about the formulas saved with their values.
#[test]
fn a_formula_saved_without_its_result_is_one_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracker.xlsx");
    workbook_with_formulas(&path, |_| {});
    // The owner's cell, H3, as such a program saves it: the formula, and no value.
    rewrite_in_zip(&path, "xl/worksheets/sheet1.xml", |xml| {
        let start = xml.find("<c r=\"H3\"").unwrap();
        let end = start + xml[start..].find("</c>").unwrap();
        let value = start + xml[start..end].find("<v>").unwrap();
        format!("{}{}", &xml[..value], &xml[end..])
    });
    let run = build_with_entries(&[("tracker.xlsx", &fs::read(&path).unwrap())]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.messages_of("cell-formula-not-saved"),
        [
            "error[cell-formula-not-saved]: This cell holds a formula, but the workbook was saved without its result, so Chorus reads the cell as empty: Chorus shows the result a spreadsheet program saves with a formula, and never works one out.\n  --> content/you-said-we-did/tracker.xlsx, row 3, column H (\"Owner\")\n    |\n  3 | \n    | ^\n  what to do: Open the workbook in your spreadsheet program and save it there, so that the result is saved with the formula, and build again. Or type the value in place of the formula."
        ]
    );
    assert_eq!(run.messages_of("cell-missing"), Vec::<&str>::new());
    assert_eq!(
        run.messages_of("cell-formula"),
        [
            "warning[cell-formula]: This cell holds a formula. Chorus shows the value it had when the workbook was last saved in a spreadsheet program, not what the formula would give today.\n  --> content/you-said-we-did/tracker.xlsx, row 2, column B (\"Title\")\n    |\n  2 | Buses after six\n    | ^^^^^^^^^^^^^^^\n  what to do: If a value may have changed since it was saved (a formula that uses today's date, or another sheet or workbook), open the workbook in your spreadsheet program, save it, and build again. To keep the words as they are for good, copy the cells and paste them back as values only."
        ]
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

/// Changes the file `name` inside the zip file (a workbook) at `path` with `change`.
fn rewrite_in_zip(path: &Path, name: &str, change: impl FnOnce(String) -> String) {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut rewritten = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut change = Some(change);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let file_name = file.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if file_name == name {
            let change = change.take().unwrap();
            bytes = change(String::from_utf8(bytes).unwrap()).into_bytes();
        }
        rewritten.start_file(file_name, stored).unwrap();
        rewritten.write_all(&bytes).unwrap();
    }
    assert!(change.is_none(), "{name} is not in the workbook");
    fs::write(path, rewritten.finish().unwrap().into_inner()).unwrap();
}

/// HTML typed in an entry's title, in a TOML file or a spreadsheet's cell, is warned about at
/// the title: a title is plain text, and the tags would show as typed.
#[test]
fn html_in_an_entrys_title_is_warned_about() {
    let root = copy_report(&fixture("tracker"));
    let entry = root.path().join("content/you-said-we-did/t-1.toml");
    let text = fs::read_to_string(&entry).unwrap().replace(
        "title = \"Letters people can read\"",
        "title = \"Letters <em>people</em> can read\"",
    );
    fs::write(&entry, text).unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(
        run.messages_of("title-has-html"),
        [
            "warning[title-has-html]: This title has HTML in it (<em>), but a title is plain text, so the page would show the tags as they are typed.\n  --> content/you-said-we-did/t-1.toml:2:9\n    |\n  2 | title = \"Letters <em>people</em> can read\"\n    |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Take the tags out, leaving \"Letters people can read\". A title is shown as it is typed, in lists, in the browser's tab and in search results."
        ]
    );
}

/// A title typed above the column names, in a CSV file or a workbook, is one message that
/// names the row the column names are in; the entries under them are still read, so nothing
/// else is reported because of it.
#[test]
fn a_title_above_the_column_names_is_one_message() {
    let csv = fs::read(fixture("tracker").join("content/you-said-we-did/actions.csv")).unwrap();
    let names = csv.strip_prefix("\u{feff}".as_bytes()).unwrap();
    let mut titled = b"\xef\xbb\xbfYou said, we did 2025\r\n".to_vec();
    titled.extend_from_slice(names);
    let run = build_with_entries(&[("actions.csv", &titled)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.messages_of("sheet-title-row"),
        vec![
            "error[sheet-title-row]: The first row of this spreadsheet must be the column names, but they seem to be in row 2, under a title.\n  --> content/you-said-we-did/actions.csv, row 1, column A\n    |\n  1 | You said, we did 2025\n    | ^^^^^^^^^^^^^^^^^^^^^\n  what to do: Delete row 1, above the column names, so that the column names are the first row, and save."
        ]
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("[column-").count(), 0, "{}", run.stderr);

    // A workbook with a title and a line about it, a blank row, then the column names.
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("tracker.xlsx");
    council_workbook_under(
        &workbook,
        &[(0, 0, "You said, we did"), (1, 2, "Updated each month")],
        3,
    );
    let run = build_with_entries(&[("tracker.xlsx", &fs::read(&workbook).unwrap())]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.messages_of("sheet-title-row"),
        vec![
            "error[sheet-title-row]: The first row of this spreadsheet must be the column names, but they seem to be in row 4, under a title.\n  --> content/you-said-we-did/tracker.xlsx, row 1, column A\n    |\n  1 | You said, we did\n    | ^^^^^^^^^^^^^^^^\n  what to do: Delete rows 1 to 3, above the column names, so that the column names are the first row, and save."
        ]
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

/// A workbook saved or renamed with a CSV file's name is one plain message, which says what it
/// is and how to read it; no message prints a byte of a file that is not text.
#[test]
fn a_workbook_named_csv_is_one_plain_message_that_shows_none_of_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("tracker.xlsx");
    council_workbook(&workbook);
    let xlsx = fs::read(&workbook).unwrap();
    let ods = fs::read(fixture("tracker").join("content/you-said-we-did/board.ods")).unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend("id,title\r\n".encode_utf16().flat_map(u16::to_le_bytes));
    let run = build_with_entries(&[
        ("tracker.csv", &xlsx),
        ("board.csv", &ods),
        ("unicode.csv", &utf16),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\x1b[2J"),
        // Saved in Windows-1252, with a terminal's escape character typed into a cell.
        ("old.csv", b"id,title\r\nA-1,Caf\xe9 \x1b[2Jhours\r\n"),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let csv_help = "what to do: In Excel, choose File, Save As, and the type \"CSV UTF-8\". In LibreOffice, choose the character set \"Unicode (UTF-8)\" when you save.";
    assert_eq!(
        run.messages_of("csv-is-a-workbook"),
        vec![
            "error[csv-is-a-workbook]: This file's name ends in .csv, but it is an OpenDocument workbook (.ods), not a CSV file, so Chorus can't read it.\n  --> content/you-said-we-did/board.csv\n  what to do: Rename it board.ods, and Chorus reads it as a workbook. Or open it in your spreadsheet and save it as CSV: in LibreOffice, choose File, Save As, the type \"Text CSV\" and the character set \"Unicode (UTF-8)\".",
            "error[csv-is-a-workbook]: This file's name ends in .csv, but it is an Excel workbook (.xlsx), not a CSV file, so Chorus can't read it.\n  --> content/you-said-we-did/tracker.csv\n  what to do: Rename it tracker.xlsx, and Chorus reads it as a workbook. Or open it in your spreadsheet and save it as CSV: in Excel, choose File, Save As, and the type \"CSV UTF-8\".",
        ]
    );
    assert_eq!(
        run.messages_of("file-not-utf8"),
        vec![
            format!(
                "error[file-not-utf8]: This file is not saved as plain text in the UTF-8 encoding, so Chorus can't read it.\n  --> content/you-said-we-did/old.csv:2:8\n    |\n  2 | A-1,Caf\u{fffd} \u{fffd}[2Jhours\n    |        ^\n  {csv_help}"
            ),
            format!(
                "error[file-not-utf8]: This file is not text, so Chorus can't read it: it may be a document, a workbook or a picture saved with a text file's name.\n  --> content/you-said-we-did/picture.csv\n  {csv_help}"
            ),
            format!(
                "error[file-not-utf8]: This file is saved in the UTF-16 encoding (which some programs call \"Unicode\"), not in UTF-8, so Chorus can't read it.\n  --> content/you-said-we-did/unicode.csv\n  {csv_help}"
            ),
        ]
    );
    assert_eq!(run.stderr.matches("error[").count(), 5, "{}", run.stderr);
    let shown: Vec<char> = run
        .stderr
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert_eq!(shown, Vec::<char>::new(), "{}", run.stderr);
}

/// An update whose status (or whole line) can't be read is one message: what the latest
/// update says is not known, so it is not compared with the entry's status as well. An update
/// that can be read and disagrees is still reported, when no unread one is as late.
#[test]
fn an_update_that_can_t_be_read_is_not_also_compared_with_the_status() {
    let toml = fs::read_to_string(fixture("tracker").join("content/you-said-we-did/t-1.toml"))
        .unwrap()
        .replace("status = \"done\"\nnote", "status = \"Done!\"\nnote");
    let older = toml
        .replace("T-1", "T-2")
        .replace(
            "date = 2025-09-30\nstatus = \"Done!\"",
            "date = 2025-09-30\nstatus = \"in-progress\"",
        )
        .replace("status = \"planned\"", "status = \"planed\"");
    let header =
        "id,title,you_said,said_by,forum,said_date,status,we_did,completed_date,owner,update\r\n";
    let row = |id: &str, update: &str| {
        format!(
            "{id},Letters,Jargon.,carers,Carers' forum,2025-02-11,done,We rewrote them.,2025-09-30,Finance team,\"2025-03-20 | planned | Agreed.\n{update}\"\r\n"
        )
    };
    let csv = format!(
        "{header}{}{}",
        row("C-1", "2025-09-30 | Dnoe | Finished."),
        row("C-2", "30/09/2025 | done | Finished.")
    );
    let run = build_with_entries(&[
        ("t-1.toml", toml.as_bytes()),
        ("t-2.toml", older.as_bytes()),
        ("updates.csv", csv.as_bytes()),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let choices = "Use one of: considering, planned, in-progress, partly-done, done, not-possible.";
    assert_eq!(
        run.messages_of("setting-not-a-choice"),
        vec![
            format!(
                "error[setting-not-a-choice]: \"Done!\" is not one of the values \"status\" can have.\n  --> content/you-said-we-did/t-1.toml:18:10\n     |\n  18 | status = \"Done!\"\n     |          ^^^^^^^\n  what to do: Did you mean \"done\"? {choices}"
            ),
            format!(
                "error[setting-not-a-choice]: \"planed\" is not one of the values \"status\" can have.\n  --> content/you-said-we-did/t-2.toml:23:10\n     |\n  23 | status = \"planed\"\n     |          ^^^^^^^^\n  what to do: Did you mean \"planned\"? {choices}"
            ),
            format!(
                "error[setting-not-a-choice]: \"Dnoe\" is not one of the values \"status\" can have.\n  --> content/you-said-we-did/updates.csv, row 2, column K (\"update\")\n    |\n  2 | 2025-09-30 | Dnoe | Finished.\n    |              ^^^^\n  what to do: Did you mean \"done\"? {choices}"
            ),
        ]
    );
    assert_eq!(
        run.messages_of("update-unreadable"),
        vec![
            "error[update-unreadable]: Chorus can't read this update: \"30/09/2025 | done | Finished.\".\n  --> content/you-said-we-did/updates.csv, row 3, column K (\"update\")\n    |\n  3 | 30/09/2025 | done | Finished.\n    | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: Write each update on its own line of the cell as date | status | what happened, such as 2025-03-14 | done | We sent the new letters. Write it as 2025-09-30: year, month, day, with hyphens. Chorus took the day first, as in the UK, so this is 30 September 2025; check that it is the date you meant."
        ]
    );
    // T-2's latest update can be read, and disagrees: that is a mistake of its own.
    assert_eq!(
        run.messages_of("entry-status-mismatch"),
        vec![
            "error[entry-status-mismatch]: The latest update, of 30 September 2025, says \"in-progress\", but the entry's status is \"done\".\n  --> content/you-said-we-did/t-2.toml:17:8\n     |\n  17 | date = 2025-09-30\n     |        ^^^^^^^^^^\n  what to do: Add an update that says \"done\" and what changed, or correct the status."
        ]
    );
    assert_eq!(run.stderr.matches("error[").count(), 5, "{}", run.stderr);
}

/// A column or setting whose words are those of a known name in another order (`Date said`
/// for `said_date`) is one message that suggests the name, not an unread column and a
/// missing one as well.
#[test]
fn a_name_with_its_words_in_another_order_is_one_message_that_suggests_it() {
    let csv = fs::read_to_string(fixture("tracker").join("content/you-said-we-did/actions.csv"))
        .unwrap()
        .replacen("said_date", "Date said", 1);
    let toml = fs::read_to_string(fixture("tracker").join("content/you-said-we-did/t-1.toml"))
        .unwrap()
        .replace("said_date", "date_said");
    let run = build_with_entries(&[
        ("actions.csv", csv.as_bytes()),
        ("t-1.toml", toml.as_bytes()),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.messages_of("column-unknown"),
        vec![
            "error[column-unknown]: \"Date said\" is not a column Chorus knows.\n  --> content/you-said-we-did/actions.csv, row 1, column F (\"Date said\")\n    |\n  1 | Date said\n    | ^^^^^^^^^\n  what to do: Did you mean \"said_date\"? Correct the column's name in row 1."
        ]
    );
    assert_eq!(
        run.messages_of("setting-unknown"),
        vec![
            "error[setting-unknown]: \"date_said\" is not a setting Chorus knows in this entry.\n  --> content/you-said-we-did/t-1.toml:6:1\n    |\n  6 | date_said = 2025-02-11\n    | ^^^^^^^^^\n  what to do: Did you mean \"said_date\"? Correct the spelling, or remove the line."
        ]
    );
    assert_eq!(run.stderr.matches("error[").count(), 2, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("warning[column").count(),
        0,
        "{}",
        run.stderr
    );
}

/// Rows hidden in a workbook's sheet, by hand or by a filter, and hidden columns, are never
/// read, as hidden sheets are not: nothing of them is in any file of the site, and one
/// warning names the rows, one the columns.
#[test]
fn hidden_rows_and_columns_of_a_workbook_are_never_read_and_a_warning_names_them() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracker.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Tracker").unwrap();
    let header = [
        "ID",
        "Title",
        "You said",
        "Said by",
        "Forum",
        "Said date",
        "Status",
        "Owner",
        "We did",
    ];
    let entry = |id: &str, you_said: &str| {
        [
            id,
            "Buses after six",
            you_said,
            "carers",
            "Carers' forum",
            "2025-01-01",
            "considering",
            "Transport team",
            "Asked Mr Okafor at 9 Elm Road",
        ]
        .map(str::to_owned)
    };
    let rows = [
        entry("new-1", "The last bus leaves too early"),
        entry(
            "kept-aside-1",
            "Mrs Jones at 4 High Street said the bus was late",
        ),
        entry("new-2", "The bus stop has no shelter"),
        entry("kept-aside-2", "Mr Patel's carer missed two visits"),
        entry("kept-aside-3", "Flat 2 Mill Lane has no ramp"),
    ];
    for (column, title) in header.iter().enumerate() {
        sheet.write_string(0, column as u16, *title).unwrap();
    }
    for (row, cells) in rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            sheet
                .write_string(row as u32 + 1, column as u16, cell)
                .unwrap();
        }
    }
    // Rows 3, 5 and 6 hold something; row 8 is hidden but empty, so it is not named.
    for row in [2, 4, 5, 7] {
        sheet.set_row_hidden(row).unwrap();
    }
    // So is column I, of what was done; column J is hidden but empty.
    sheet.set_column_hidden(8).unwrap();
    sheet.set_column_hidden(9).unwrap();
    book.save(&path).unwrap();
    let run = build_with_entries(&[("tracker.xlsx", &fs::read(&path).unwrap())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for shown in ["new-1", "new-2"] {
        assert!(
            run.site()
                .join(format!("you-said-we-did/{shown}.html"))
                .is_file()
        );
    }
    for hidden in ["Mrs Jones", "Patel", "Mill Lane", "kept-aside", "Okafor"] {
        assert_eq!(
            files_containing(&run.site(), hidden),
            Vec::<String>::new(),
            "{hidden}"
        );
    }
    assert_eq!(
        run.message_of("rows-hidden"),
        "warning[rows-hidden]: Rows 3, 5 and 6 of the sheet \"Tracker\" are hidden, so Chorus did not read them: nothing the group can't see when they open the workbook is published.\n  --> content/you-said-we-did/tracker.xlsx\n  what to do: If they should be published, show them (in most spreadsheets: select the rows around them, right-click and choose Unhide; a filter hides rows too, so clear it) and save. If not, delete them, so that no one shows them by mistake."
    );
    assert_eq!(
        run.message_of("columns-hidden"),
        "warning[columns-hidden]: Column I (\"We did\") of the sheet \"Tracker\" is hidden, so Chorus did not read it: nothing the group can't see when they open the workbook is published.\n  --> content/you-said-we-did/tracker.xlsx\n  what to do: If it should be published, show it (in most spreadsheets: select the columns around it, right-click and choose Unhide) and save. If not, delete it, so that no one shows it by mistake."
    );
}

/// A hidden column the entries need, such as their owner, is one message that says it is
/// hidden: not also one that says the spreadsheet has no such column. A hidden column they do
/// not need is named in the warning, as before.
#[test]
fn a_hidden_column_the_entries_need_is_one_message() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracker.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Tracker").unwrap();
    let rows = [
        [
            "ID",
            "Title",
            "You said",
            "Said by",
            "Forum",
            "Said date",
            "Status",
            "Owner",
            "Notes",
        ],
        [
            "new-1",
            "Buses after six",
            "The last bus leaves too early",
            "carers",
            "Carers' forum",
            "2025-01-01",
            "considering",
            "Transport team",
            "Ask again",
        ],
        [
            "new-2",
            "A shelter",
            "The bus stop has no shelter",
            "carers",
            "Carers' forum",
            "2025-01-01",
            "considering",
            "Transport team",
            "",
        ],
    ];
    for (row, cells) in rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            sheet
                .write_string(row as u32, column as u16, *cell)
                .unwrap();
        }
    }
    sheet.set_column_hidden(7).unwrap();
    sheet.set_column_hidden(8).unwrap();
    book.save(&path).unwrap();
    let run = build_with_entries(&[("tracker.xlsx", &fs::read(&path).unwrap())]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.messages_of("hidden-column-needed"),
        [
            "error[hidden-column-needed]: The column \"Owner\" is hidden, and Chorus never reads a hidden column, so it did not read \"owner\", which every entry needs.\n  --> content/you-said-we-did/tracker.xlsx, row 1, column H (\"Owner\")\n    |\n  1 | Owner\n    | ^^^^^\n  what to do: Show it (in most spreadsheets: select the columns around it, right-click and choose Unhide) and save."
        ]
    );
    assert_eq!(run.messages_of("column-missing"), Vec::<&str>::new());
    assert_eq!(
        run.messages_of("columns-hidden"),
        [
            "warning[columns-hidden]: Column I (\"Notes\") of the sheet \"Tracker\" is hidden, so Chorus did not read it: nothing the group can't see when they open the workbook is published.\n  --> content/you-said-we-did/tracker.xlsx\n  what to do: If it should be published, show it (in most spreadsheets: select the columns around it, right-click and choose Unhide) and save. If not, delete it, so that no one shows it by mistake."
        ]
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

/// In an `.ods` workbook a row is hidden by its `table:visibility`.
#[test]
fn a_hidden_row_of_an_ods_workbook_is_never_read() {
    use std::io::{Read, Write};
    let root = copy_report(&fixture("tracker"));
    let board = root.path().join("content/you-said-we-did/board.ods");
    let mut archive = zip::ZipArchive::new(fs::File::open(&board).unwrap()).unwrap();
    let mut rewritten = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if name == "content.xml" {
            // The third row of the sheet "Actions": the entry ods-2.
            let text = String::from_utf8(bytes).unwrap();
            let sheet = text.find("table:name=\"Actions\"").unwrap();
            let row = (0..3).fold(sheet, |from, _| {
                from + text[from..].find("<table:table-row>").unwrap() + 1
            }) - 1;
            bytes = format!(
                "{}<table:table-row table:visibility=\"collapse\">{}",
                &text[..row],
                &text[row + "<table:table-row>".len()..]
            )
            .into_bytes();
        }
        rewritten.start_file(name, stored).unwrap();
        rewritten.write_all(&bytes).unwrap();
    }
    fs::write(&board, rewritten.finish().unwrap().into_inner()).unwrap();
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.site().join("you-said-we-did/ods-1.html").is_file());
    assert_eq!(files_containing(&run.site(), "ods-2"), Vec::<String>::new());
    assert_eq!(
        run.messages_of("rows-hidden"),
        [
            "warning[rows-hidden]: Row 3 of the sheet \"Actions\" is hidden, so Chorus did not read it: nothing the group can't see when they open the workbook is published.\n  --> content/you-said-we-did/board.ods\n  what to do: If it should be published, show it (in most spreadsheets: select the rows around it, right-click and choose Unhide; a filter hides rows too, so clear it) and save. If not, delete it, so that no one shows it by mistake."
        ]
    );
}

/// A column some entries need for their status, missing from the spreadsheet, is one message
/// that names those entries, by row and id, at the first one's status: the group learns which
/// entries to fill it in for.
#[test]
fn a_column_needed_for_a_status_names_the_entries_that_need_it() {
    let not_possible = "id,title,you_said,said_by,forum,said_date,status,we_did,completed_date,owner\r\n\
        T-1,Buses after six,The last bus leaves too early,carers,Carers' forum,2025-01-01,done,We added a bus.,2025-09-30,Transport team\r\n\
        T-4,Free parking,Parking costs too much,carers,Carers' forum,2025-01-01,not-possible,,,Estates team\r\n";
    let without_we_did = "id,title,you_said,said_by,forum,said_date,status,target_date,completed_date,owner\r\n\
        S-1,Buses after six,The last bus leaves too early,carers,Carers' forum,2025-01-01,done,,2025-09-30,Transport team\r\n\
        S-2,Buses on Sundays,There is no bus on Sundays,carers,Carers' forum,2025-01-01,considering,,,Transport team\r\n\
        S-3,Bus stop shelters,The stops have no shelter,carers,Carers' forum,2025-01-01,planned,2027-01-01,,Transport team\r\n";
    let run = build_with_entries(&[
        ("not-possible.csv", not_possible.as_bytes()),
        ("planned-and-done.csv", without_we_did.as_bytes()),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.messages_of("column-missing"),
        [
            "error[column-missing]: The spreadsheet has no \"reason\" column, which the entry in row 3 (T-4) needs, as its status is \"not-possible\": why it could not be done, said honestly.\n  --> content/you-said-we-did/not-possible.csv, row 3, column G (\"status\")\n    |\n  3 | not-possible\n    | ^^^^^^^^^^^^\n  what to do: Add a column named reason to row 1, and fill it in for that entry, such as: The law sets how charges are worked out.",
            "error[column-missing]: The spreadsheet has no \"we_did\" column, which the entries in rows 2 (S-1) and 4 (S-3) need, as their statuses are \"done\" and \"planned\": what was done, or is being done.\n  --> content/you-said-we-did/planned-and-done.csv, row 2, column G (\"status\")\n    |\n  2 | done\n    | ^^^^\n  what to do: Add a column named we_did to row 1, and fill it in for each of those entries, such as: We rewrote the letters with the carers' forum.",
        ]
    );
}

/// Cells an entry needs, merged with the row above (as a group merges cells that say the same
/// for two entries), are empty in its row: one message says they are merged, and to unmerge
/// them and write the value in each row, not to fill them in, which a merged cell can't be.
#[test]
fn cells_merged_with_the_row_above_are_one_message_that_says_to_unmerge_them() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("tracker.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let second = [
        "B-1",
        "",
        "The first bus comes too late",
        "",
        "",
        "",
        "considering",
        "",
    ];
    for (row, cells) in [SHEET_HEADER, sheet_entry("A-1"), second]
        .iter()
        .enumerate()
    {
        for (column, cell) in cells.iter().enumerate() {
            sheet
                .write_string(row as u32, column as u16, *cell)
                .unwrap();
        }
    }
    // Said by, Forum and Said date (D to F), and Owner (H), of rows 2 and 3.
    let entry = sheet_entry("A-1");
    for column in [3u16, 4, 5, 7] {
        sheet
            .merge_range(1, column, 2, column, entry[column as usize], &Format::new())
            .unwrap();
    }
    book.save(&workbook).unwrap();
    let run = build_with_entries(&[("tracker.xlsx", &fs::read(&workbook).unwrap())]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.messages_of("cell-merged"),
        [
            "error[cell-merged]: This entry's cells said_by, forum, said_date and owner are merged with row 2's, so Chorus reads them as empty in this row: a merged cell's value is in its first row only. It is missing title too.\n  --> content/you-said-we-did/tracker.xlsx, row 3, column D (\"Said by\")\n    |\n  3 | \n    | ^\n  what to do: Unmerge them (select them, then in Excel choose Merge & Center, Unmerge Cells; in LibreOffice, Format, Merge and Unmerge Cells, Unmerge Cells), write the value in each row, and save. Fill in its title cell too, such as: Clearer letters about charges"
        ]
    );
    assert_eq!(run.messages_of("cell-missing"), Vec::<&str>::new());
}

/// The same in an .ods workbook, whose merged cells calamine does not tell: one cell, said_by,
/// merged with the row above.
#[test]
fn a_cell_merged_with_the_row_above_in_an_ods_workbook_is_one_message() {
    let root = copy_report(&fixture("tracker"));
    let board = root.path().join("content/you-said-we-did/board.ods");
    rewrite_in_zip(&board, "content.xml", |text| {
        // said_by of ods-1 (row 2) spans ods-2's row (row 3), which has the covered cell.
        text.replacen(
            "<table:table-cell office:value-type=\"string\"><text:p>people who draw on care</text:p>",
            "<table:table-cell table:number-rows-spanned=\"2\" office:value-type=\"string\"><text:p>people who draw on care</text:p>",
            1,
        )
        .replacen(
            "<table:table-cell office:value-type=\"string\"><text:p>carers</text:p></table:table-cell>",
            "<table:covered-table-cell/>",
            1,
        )
    });
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.messages_of("cell-merged"),
        [
            "error[cell-merged]: This entry's said_by cell is merged with row 2's, so Chorus reads it as empty in this row: a merged cell's value is in its first row only.\n  --> content/you-said-we-did/board.ods, row 3, column D (\"said_by\")\n    |\n  3 | \n    | ^\n  what to do: Unmerge it (select it, then in Excel choose Merge & Center, Unmerge Cells; in LibreOffice, Format, Merge and Unmerge Cells, Unmerge Cells), write the value in each row, and save."
        ]
    );
    assert_eq!(run.messages_of("cell-missing"), Vec::<&str>::new());
}

/// A row with no id and words only in a column of words is the rest of the entry above, typed
/// on a row of its own: one message says so, not that a new entry lacks eight cells.
#[test]
fn a_row_that_carries_on_the_entry_above_is_one_message() {
    let csv = "id,title,you_said,said_by,forum,said_date,status,we_did,target_date,owner\r\n\
        A-1,Evening line,Nobody to ring.,carers,Forum,2025-04-03,in-progress,We opened a line.,2027-03-31,Team\r\n\
        ,,,,,,,We also added weekends.,,\r\n";
    let run = build_with_entries(&[("tracker.csv", csv.as_bytes())]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.messages_of("row-carries-on"),
        [
            "error[row-carries-on]: This row has no id, and words only in \"we_did\", so it looks like it carries on the entry above it, A-1 in row 2.\n  --> content/you-said-we-did/tracker.csv, row 3, column H (\"we_did\")\n    |\n  3 | We also added weekends.\n    | ^^^^^^^^^^^^^^^^^^^^^^^\n  what to do: If it does, move its words to the end of the \"we_did\" cell of A-1, in row 2, and delete this row. If it is a new entry, give it its own id and the cells it needs: title, you_said, said_by, forum, said_date, status and owner."
        ]
    );
    assert_eq!(run.messages_of("cell-missing"), Vec::<&str>::new());
}

/// A link in an entry's words points at itself in the line when the file holds the words as
/// they are read (a string on one line with no escapes), and at the whole value when it does
/// not.
#[test]
fn a_link_in_an_entry_s_words_is_pointed_at_in_its_line() {
    let root = copy_report(&fixture("tracker"));
    let entry = root.path().join("content/you-said-we-did/t-1.toml");
    let text = fs::read_to_string(&entry).unwrap();
    let linked = text
        .replace(
            "you_said = \"The letters are full of *jargon*.\"",
            "you_said = \"The letters are full of *jargon*, as [her story](stories/withdrawn-story.md) says.\"",
        )
        .replace(
            "we_did = \"We rewrote them with the group.\"",
            "we_did = \"We rewrote them, as \\\"[she](stories/withdrawn-story.md)\\\" asked.\"",
        );
    fs::write(&entry, linked).unwrap();
    let run = run_in(root, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let said = "This link points to stories/withdrawn-story.md, a story whose storyteller has withdrawn their consent, so the site can't be published with this link in it.";
    let help = "  what to do: Take out the whole link, its words as well as its address, and any words near it about the story or the person who told it: a withdrawn story must leave no trace on the site.";
    assert_eq!(
        run.messages_of("link-to-withdrawn-story"),
        [
            format!(
                "error[link-to-withdrawn-story]: {said}\n  --> content/you-said-we-did/t-1.toml:3:50\n    |\n  3 | you_said = \"The letters are full of *jargon*, as [her story](stories/withdrawn-story.md) says.\"\n    |                                                  {}\n{help}",
                "^".repeat(39)
            ),
            format!(
                "error[link-to-withdrawn-story]: {said}\n  --> content/you-said-we-did/t-1.toml:8:10\n    |\n  8 | we_did = \"We rewrote them, as \\\"[she](stories/withdrawn-story.md)\\\" asked.\"\n    |          {}\n{help}",
                "^".repeat(66)
            ),
        ],
        "{}",
        run.stderr
    );
}

/// A link to an entry's page written as the site's own full address goes to that page from
/// wherever it is, in the language it names or the linking page's; one to an entry that is not
/// there is told the entry it most likely means.
#[test]
fn a_link_to_an_entry_s_page_by_the_site_s_address_is_made_relative() {
    let root = copy_report(&fixture("tracker"));
    let content = root.path().join("content");
    let settings = fs::read_to_string(content.join("site.toml")).unwrap();
    let settings = format!("base_url = \"https://voices.example/\"\n{settings}");
    fs::write(content.join("site.toml"), settings).unwrap();
    let story = content.join("stories/told-story.md");
    let text = fs::read_to_string(&story).unwrap();
    let linked = "The letters are better now: [see](https://voices.example/you-said-we-did/t-1.html#history), [yn Gymraeg](https://voices.example/cy/you-said-we-did/t-1.html).";
    fs::write(&story, text.replace("The letters are better now.", linked)).unwrap();
    let report = copy_report(root.path());
    let run = run_in(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.page("stories/told-story.html").contains(
            r#"<a href="../you-said-we-did/t-1.html#history">see</a>, <a href="../cy/you-said-we-did/t-1.html">yn Gymraeg</a>"#
        ),
        "{}",
        run.page("stories/told-story.html")
    );

    let story = report.path().join("content/stories/told-story.md");
    let text = fs::read_to_string(&story).unwrap();
    fs::write(&story, text.replace("/t-1.html#history", "/t-11.html")).unwrap();
    let run = run_in(report, &["check"]);
    assert_eq!(
        run.message_of("link-to-missing-file"),
        format!(
            "error[link-to-missing-file]: This link points to \"https://voices.example/you-said-we-did/t-11.html\", which is not a page or file of this site.\n  --> content/stories/told-story.md:18:29\n     |\n  18 | {}\n     |                             {}\n  what to do: Did you mean the entry T-1? Its page's address ends in you-said-we-did/t-1.html.",
            linked.replace("/t-1.html#history", "/t-11.html"),
            "^".repeat(55)
        )
    );
}
