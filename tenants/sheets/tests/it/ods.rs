//! Real `.ods` files, zipped by hand: dates, numbers, repeated empty rows, a merged date.

use std::io::Write;

use dropit_sheets::ProgramPart;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use crate::support::*;

/// A cell of the hand-written content.xml.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Date(&'a str),
    /// A date merged over `rows` rows; the cells it covers are written as covered cells.
    MergedDate(&'a str, u32),
    Covered,
    Empty,
}

fn cell_xml(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => {
            format!(r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#)
        }
        Cell::Number(n) => {
            format!(
                r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
            )
        }
        Cell::Date(date) => format!(
            r#"<table:table-cell office:value-type="date" office:date-value="{date}"><text:p>{date}</text:p></table:table-cell>"#
        ),
        Cell::MergedDate(date, rows) => format!(
            r#"<table:table-cell table:number-rows-spanned="{rows}" office:value-type="date" office:date-value="{date}"><text:p>{date}</text:p></table:table-cell>"#
        ),
        Cell::Covered => "<table:covered-table-cell/>".to_owned(),
        Cell::Empty => "<table:table-cell/>".to_owned(),
    }
}

/// Sheets of rows; `None` stands for a run of three empty rows written with `table:number-rows-repeated`.
fn ods(sheets: &[(&str, Vec<Option<Vec<Cell>>>)]) -> Vec<u8> {
    let mut tables = String::new();
    for (name, rows) in sheets {
        tables.push_str(&format!(r#"<table:table table:name="{name}">"#));
        for row in rows {
            match row {
                Some(cells) => {
                    tables.push_str("<table:table-row>");
                    tables.extend(cells.iter().map(cell_xml));
                    tables.push_str("</table:table-row>");
                }
                None => tables.push_str(
                    r#"<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="4"/></table:table-row>"#,
                ),
            }
        }
        tables.push_str("</table:table>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).expect("mimetype");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").expect("mimetype");
    zip.start_file("META-INF/manifest.xml", deflated).expect("manifest");
    zip.write_all(manifest.as_bytes()).expect("manifest");
    zip.start_file("content.xml", deflated).expect("content");
    zip.write_all(content.as_bytes()).expect("content");
    zip.finish().expect("zip").into_inner()
}

#[test]
fn english_template_with_date_cells_numbers_and_empty_rows() {
    use Cell::*;
    let bytes = ods(&[(
        "Week 49",
        vec![
            Some(vec![Text("Session"), Text("Day"), Text("Movement"), Text("Load"), Text("Rest"), Text("Comments")]),
            Some(vec![
                Text("Heavy"),
                Date("2026-12-07"),
                Text("snacth"),
                Text("3 x 2 @ 80 %"),
                Number(120.0),
                Text("fast"),
            ]),
            None,
            Some(vec![Empty, Empty, Text("arrache"), Number(5.0)]),
            Some(vec![Text("Light"), Date("2026-12-08"), Text("Front Squat"), Text("5x3@75")]),
        ],
    )]);
    let program = read_clean("week.ods", &bytes);
    assert_eq!(program.sheet, "Week 49");
    let [heavy, light] = program.workouts.as_slice() else { panic!("two workouts: {:?}", program.workouts) };
    assert_eq!((heavy.name.as_str(), heavy.date), ("Heavy", Some(day(2026, 12, 7))));
    assert_eq!(heavy.lines.len(), 2);
    assert_eq!(heavy.lines[0].parts, vec![ProgramPart { exercise_id: SNATCH, reps: 1 }]);
    assert_eq!(heavy.lines[0].sets, vec![pct(2, 80.0, "snatch"); 3]);
    assert_eq!((heavy.lines[0].rest_seconds, heavy.lines[0].notes.as_str()), (Some(120), "fast"));
    assert_eq!((heavy.lines[1].row, heavy.lines[1].sets.clone()), (6, vec![free(5)]));
    assert_eq!(light.lines[0].sets, vec![pct(3, 75.0, "front_squat"); 5]);
}

#[test]
fn a_date_merged_down_the_session_dates_every_row() {
    use Cell::*;
    let bytes = ods(&[(
        "Plan",
        vec![
            Some(vec![Text("Date"), Text("Exercice"), Text("Prescription")]),
            Some(vec![MergedDate("2026-12-07", 2), Text("Epaule jete"), Text("4x1 @ 80%")]),
            Some(vec![Covered, Text("Squat arrière"), Text("80% 3x2")]),
            Some(vec![Date("2026-12-09"), Text("Arraché"), Text("(1+1)x3 @ 70%")]),
        ],
    )]);
    let program = read("plan.ods", &bytes);
    let first = &program.workouts[0];
    assert_eq!((first.date, first.lines.len()), (Some(day(2026, 12, 7)), 2));
    assert_eq!(program.workouts[1].date, Some(day(2026, 12, 9)));
    // A complex notation on a single exercise is a parts mismatch, pointed at its cell.
    assert_eq!(program.problems.len(), 1);
    assert_eq!((program.problems[0].row, program.problems[0].column.as_str()), (4, "C"));
}
