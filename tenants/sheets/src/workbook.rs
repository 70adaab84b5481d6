//! Bytes to sheets: the format is told by content first (a spreadsheet is often renamed), then by the name.

use std::io::Cursor;

use calamine::{Data, Ods, Range, Reader, StyleRange, Xls, Xlsx};
use chrono::NaiveDate;

use crate::error::FileError;
use crate::grid::{Sheet, Value};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

/// Reads every sheet of the file.
pub(crate) fn open(file_name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, FileError> {
    let extension = file_name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default();
    if bytes.starts_with(ZIP_MAGIC) {
        return read_xlsx(bytes).or_else(|| read_ods(bytes)).ok_or(FileError::NotASpreadsheet);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return read_xls(bytes).ok_or(FileError::NotASpreadsheet);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotASpreadsheet)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if looks_like_text(text) && (extension == "csv" || extension == "txt" || detect_delimiter(text).is_some()) {
        let stem = file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem);
        return Ok(vec![read_csv(stem, text)]);
    }
    Err(FileError::NotASpreadsheet)
}

/// Text a person could have typed: no control characters but line breaks and tabs, and not a PDF.
fn looks_like_text(text: &str) -> bool {
    !text.starts_with("%PDF") && !text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

fn read_xlsx(bytes: &[u8]) -> Option<Vec<Sheet>> {
    let mut book = Xlsx::new(Cursor::new(bytes)).ok()?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        // A sheet calamine cannot read (a chart sheet) is kept empty, so the sheet list still names it.
        let range = book.worksheet_range(&name).unwrap_or_default();
        // Styles only tell percentages apart; a file whose styles cannot be read is still worth reading.
        let styles = book.worksheet_style(&name).ok();
        let mut sheet = to_sheet(&name, &range, styles.as_ref());
        for region in book.merge_cells_by_sheet_name(&name).unwrap_or_default() {
            sheet.spread_merged(region.start, region.end.0);
        }
        sheets.push(sheet);
    }
    Some(sheets)
}

fn read_ods(bytes: &[u8]) -> Option<Vec<Sheet>> {
    let mut book = Ods::new(Cursor::new(bytes)).ok()?;
    // calamine reads the cells an ODS merge covers as empty and does not expose the merge itself.
    let names = book.sheet_names();
    Some(
        names.into_iter().map(|name| to_sheet(&name, &book.worksheet_range(&name).unwrap_or_default(), None)).collect(),
    )
}

fn read_xls(bytes: &[u8]) -> Option<Vec<Sheet>> {
    let mut book = Xls::new(Cursor::new(bytes)).ok()?;
    let names = book.sheet_names();
    Some(
        names.into_iter().map(|name| to_sheet(&name, &book.worksheet_range(&name).unwrap_or_default(), None)).collect(),
    )
}

fn to_sheet(name: &str, range: &Range<Data>, styles: Option<&StyleRange>) -> Sheet {
    let mut sheet = Sheet { name: name.to_owned(), rows: Vec::new() };
    for (row, column, data) in range.used_cells() {
        let (row0, column0) = range.start().unwrap_or((0, 0));
        let position = (row0 + row as u32, column0 + column as u32);
        let percent = styles
            .and_then(|s| s.get(position))
            .and_then(|style| style.number_format.as_ref())
            .is_some_and(|format| format.format_code.contains('%'));
        let value = to_value(data, percent);
        if !value.is_empty() {
            sheet.set(position.0 as usize, position.1 as usize, value);
        }
    }
    sheet
}

fn to_value(data: &Data, percent: bool) -> Value {
    match data {
        Data::Int(n) if percent => Value::Percent(*n as f64),
        Data::Float(n) if percent => Value::Percent(*n),
        Data::Int(n) => Value::Number(*n as f64),
        Data::Float(n) => Value::Number(*n),
        Data::String(text) => Value::Text(text.clone()),
        Data::Bool(b) => Value::Text(b.to_string()),
        Data::DateTime(date) if date.is_datetime() => {
            let (year, month, day, ..) = date.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
                .map_or(Value::Number(date.as_f64()), Value::Date)
        }
        Data::DateTime(duration) => Value::Number(duration.as_f64()),
        Data::DateTimeIso(text) => text
            .get(..10)
            .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
            .map_or_else(|| Value::Text(text.clone()), Value::Date),
        Data::DurationIso(text) => Value::Text(text.clone()),
        Data::Error(_) | Data::Empty => Value::Empty,
    }
}

/// The delimiter that splits the first lines into the same number of fields, more than one; `;` first, as
/// European spreadsheets write it and commas then appear inside prescriptions (`70/3, 75/2`).
fn detect_delimiter(text: &str) -> Option<u8> {
    let sample: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let mut best: Option<(usize, u8)> = None;
    for delimiter in [b';', b',', b'\t'] {
        let mut counts: Vec<usize> =
            csv_reader(&sample, delimiter).records().filter_map(Result::ok).map(|r| r.len()).collect();
        counts.retain(|n| *n > 1);
        let mode = counts.iter().copied().max_by_key(|n| counts.iter().filter(|m| *m == n).count());
        let agreeing = mode.map_or(0, |mode| counts.iter().filter(|n| **n == mode).count());
        if agreeing > 0 && best.is_none_or(|(score, _)| agreeing > score) {
            best = Some((agreeing, delimiter));
        }
    }
    best.map(|(_, delimiter)| delimiter)
}

fn csv_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes())
}

fn read_csv(name: &str, text: &str) -> Sheet {
    let mut sheet = Sheet { name: name.to_owned(), rows: Vec::new() };
    let delimiter = detect_delimiter(text).unwrap_or(b';');
    // A malformed record ends the reading rather than the import: what came before is still a program.
    for (row, record) in csv_reader(text, delimiter).records().map_while(Result::ok).enumerate() {
        for (column, field) in record.iter().enumerate() {
            if !field.trim().is_empty() {
                sheet.set(row, column, Value::Text(field.to_owned()));
            }
        }
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_delimiter_of_a_european_csv() {
        assert_eq!(detect_delimiter("Exercice;Prescription\nArraché;70/3, 75/2, 80/2x3\nJeté;3x2"), Some(b';'));
        assert_eq!(detect_delimiter("Exercise,Sets\nSnatch,3x2\nJerk,3x2"), Some(b','));
        assert_eq!(detect_delimiter("just words"), None);
    }

    #[test]
    fn refuses_what_is_not_a_spreadsheet() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(open("photo.png", png), Err(FileError::NotASpreadsheet));
        assert_eq!(open("fake.xlsx", b"PK\x03\x04garbage"), Err(FileError::NotASpreadsheet));
        assert_eq!(open("doc.pdf", b"%PDF-1.4\n1 0 obj"), Err(FileError::NotASpreadsheet));
        assert_eq!(
            open("notes.txt", b"hello"),
            Ok(vec![Sheet { name: "notes".into(), rows: vec![vec![Value::Text("hello".into())]] }])
        );
    }

    #[test]
    fn reads_a_csv_by_content_whatever_its_name() {
        let sheets = open("export", "Exercice;Prescription\nArraché;3x2".as_bytes()).expect("csv");
        assert_eq!(sheets[0].cell(1, 1).text(), "3x2");
    }
}
