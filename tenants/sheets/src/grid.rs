//! A sheet as plain values in a grid, whatever file it came from.

use chrono::NaiveDate;

/// One cell's value, reduced to what a program needs.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Value {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    /// A number the spreadsheet formats as a percentage, as a fraction (`0.8` shows as `80%`).
    Percent(f64),
    Date(NaiveDate),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as the coach sees it; integers without the `.0` floats carry.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(text) => text.trim().to_owned(),
            Value::Number(n) => number_text(*n),
            Value::Percent(fraction) => format!("{}%", number_text(fraction * 100.0)),
            Value::Date(date) => date.format("%d/%m/%Y").to_string(),
        }
    }
}

fn number_text(n: f64) -> String {
    // Rounding drops binary noise such as 0.07 * 100 = 7.000000000000001.
    let rounded = (n * 1e6).round() / 1e6;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 { format!("{}", rounded as i64) } else { format!("{rounded}") }
}

/// A sheet's cells; row and column indexes are the sheet's own, 0-based.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Value>>,
}

impl Sheet {
    pub fn cell(&self, row: usize, column: usize) -> &Value {
        static EMPTY: Value = Value::Empty;
        self.rows.get(row).and_then(|cells| cells.get(column)).unwrap_or(&EMPTY)
    }

    pub fn set(&mut self, row: usize, column: usize, value: Value) {
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            cells.resize_with(column + 1, Value::default);
        }
        cells[column] = value;
    }

    pub fn row_is_empty(&self, row: usize) -> bool {
        self.rows.get(row).is_none_or(|cells| cells.iter().all(Value::is_empty))
    }

    pub fn non_empty_rows(&self) -> usize {
        (0..self.rows.len()).filter(|row| !self.row_is_empty(*row)).count()
    }

    /// Carries a merged region's value down every row of the region, so a date merged over a session's rows
    /// dates each of them. Only down the first column: the cells to its right are the same value drawn wider,
    /// and copying it there would read a merged title as several cells.
    pub fn spread_merged(&mut self, (top, left): (u32, u32), bottom: u32) {
        let value = self.cell(top as usize, left as usize).clone();
        if value.is_empty() {
            return;
        }
        for row in top + 1..=bottom {
            if self.cell(row as usize, left as usize).is_empty() {
                self.set(row as usize, left as usize, value.clone());
            }
        }
    }
}

/// A sheet of text cells, for tests; empty strings are empty cells.
#[cfg(test)]
pub(crate) fn sheet_of(name: &str, rows: &[&[&str]]) -> Sheet {
    let mut sheet = Sheet { name: name.to_owned(), rows: Vec::new() };
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.set(r, c, Value::Text((*text).to_owned()));
            }
        }
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_coach_wrote_them() {
        assert_eq!(Value::Number(3.0).text(), "3");
        assert_eq!(Value::Number(72.5).text(), "72.5");
        assert_eq!(Value::Percent(0.8).text(), "80%");
        assert_eq!(Value::Percent(0.07).text(), "7%");
        assert_eq!(Value::Text("  3x2 ".into()).text(), "3x2");
    }

    #[test]
    fn merged_values_fill_the_rows_below() {
        let mut sheet = Sheet::default();
        sheet.set(1, 0, Value::Text("07/12/2026".into()));
        sheet.set(2, 1, Value::Text("Arraché".into()));
        sheet.spread_merged((1, 0), 3);
        assert_eq!(sheet.cell(3, 0).text(), "07/12/2026");
        assert_eq!(sheet.cell(2, 1).text(), "Arraché");
        assert_eq!(sheet.non_empty_rows(), 3);
        assert!(sheet.row_is_empty(0));
    }
}
