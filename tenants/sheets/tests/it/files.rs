//! Files that are not spreadsheets at all.

use std::io::Write;

use dropit_kernel::Locale;
use dropit_sheets::FileError;

use crate::support::*;

fn refused(name: &str, bytes: &[u8]) {
    assert_eq!(read_with(name, bytes, None, &Default::default()), Err(FileError::NotASpreadsheet), "{name}");
}

#[test]
fn random_bytes_images_pdfs_and_other_zips_are_not_spreadsheets() {
    let random: Vec<u8> = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    refused("programme.xlsx", &random);
    refused("programme.csv", &random);
    refused("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    refused("photo.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    refused("programme.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    refused("programme.csv", b"%PDF-1.7\n1 0 obj\n");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default()).expect("file");
    zip.write_all(b"hello").expect("write");
    refused("archive.xlsx", &zip.finish().expect("zip").into_inner());
    refused("vide.xlsx", b"");
}

#[test]
fn file_errors_have_stable_codes_and_both_languages() {
    let error = FileError::NotASpreadsheet;
    assert_eq!(error.code(), "not_a_spreadsheet");
    assert!(error.message(Locale::Fr).contains("tableur"));
    assert!(error.message(Locale::En).contains("spreadsheet"));
    assert_eq!(FileError::NoProgram { sheet: "Notes".into() }.code(), "no_program");
}
