//! Import and export through the API and the command line: a coach's spreadsheet becomes
//! workouts and sessions (or nothing, with a problem per line), logs leave as CSV, the printable
//! sheet carries the loads, and a whole club moves into a new one.

use std::{collections::BTreeMap, io::Read};

use reqwest::Method;
use rust_xlsxwriter::{Format, Workbook};
use serde_json::{Value, json};

use crate::support::{Person, TestApp, add_member, create_club, run_dropit as dropit, spawn_app};

/// A workbook with one sheet of rows; `merges` are (first row, last row, column, text), 0-based.
fn xlsx(name: &str, rows: &[&[&str]], merges: &[(u32, u32, u16, &str)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(name).expect("sheet name");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).expect("cell");
            }
        }
    }
    for (first, last, column, text) in merges {
        sheet.merge_range(*first, *column, *last, *column, text, &Format::new()).expect("merge");
    }
    book.save_to_buffer().expect("xlsx")
}

async fn upload(app: &TestApp, token: &str, path: &str, bytes: Vec<u8>, language: &str) -> (u16, Value) {
    app.send_bytes(Method::POST, path, Some(token), bytes, language).await
}

async fn managed_athlete(app: &TestApp, club: &str, token: &str, name: &str) -> String {
    let (status, body) =
        app.post_json(&format!("/api/v1/clubs/{club}/athletes"), Some(token), json!({"name": name})).await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().expect("athlete id").to_owned()
}

async fn group_of(app: &TestApp, club: &str, token: &str, name: &str, athletes: &[&str]) -> String {
    let (status, group) =
        app.post_json(&format!("/api/v1/clubs/{club}/groups"), Some(token), json!({"name": name})).await;
    assert_eq!(status, 201, "{group}");
    let id = group["id"].as_str().expect("group id").to_owned();
    let (status, body) = app
        .send(
            Method::PUT,
            &format!("/api/v1/clubs/{club}/groups/{id}"),
            Some(token),
            Some(json!({"name": name, "athlete_ids": athletes})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    id
}

async fn workout_total(app: &TestApp, club: &str, token: &str) -> u64 {
    let (_, page) = app.get_as(&format!("/api/v1/clubs/{club}/workouts?include_archived=true"), token).await;
    page["total"].as_u64().expect("total")
}

fn sets_of(preview: &Value, workout: usize, line: usize) -> Vec<String> {
    preview["workouts"][workout]["lines"][line]["sets"]
        .as_array()
        .expect("sets")
        .iter()
        .map(|s| s.as_str().expect("set").to_owned())
        .collect()
}

fn times(n: usize, set: &str) -> Vec<String> {
    vec![set.to_owned(); n]
}

#[tokio::test]
async fn a_coaches_spreadsheet_becomes_workouts_and_sessions_with_their_loads() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    create_club(&app, &coach, "sheet-club").await;
    let lea = managed_athlete(&app, "sheet-club", &coach.token, "Léa Martin").await;
    let tom = managed_athlete(&app, "sheet-club", &coach.token, "Tom Petit").await;
    let group = group_of(&app, "sheet-club", &coach.token, "Élite", &[&lea, &tom]).await;

    // The template in French, the date merged down the rows of its session, an empty row,
    // prescription pieces over several cells, every notation.
    let file = xlsx(
        "Programme",
        &[
            &["Date", "Séance", "Exercice", "Prescription", "", "", "Repos", "Notes"],
            &["", "Force A", "Arraché", "3x2 @ 80%", "", "", "2'", "pieds à plat"],
            &["", "", "Épaulé + Squat avant + Jeté", "(1+2+1)x4 @ 75%", "", "", "", ""],
            &["", "", "Squat arrière", "70/3, 75/2, 80/2x3", "", "", "", ""],
            &["", "", "Arraché", "80% 3x2", "", "", "", ""],
            &["", "", "Tirage d'arraché", "3x3 @ 110kg", "", "", "", ""],
            &[],
            &["09/12/2026", "Technique", "Epaule jete", "70/3", "75/2", "80/2x3", "", ""],
        ],
        &[(1, 5, 0, "07/12/2026")],
    );
    let path = format!("/api/v1/clubs/sheet-club/imports/program?file_name=programme.xlsx&group_id={group}");
    let (status, preview) = upload(&app, &coach.token, &path, file.clone(), "fr").await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["problems"], json!([]), "{preview}");
    assert_eq!(preview["imported"], false);
    assert_eq!(preview["sheet"], "Programme");
    let workouts = preview["workouts"].as_array().expect("workouts");
    assert_eq!(workouts.len(), 2, "{preview}");
    assert_eq!(workouts[0]["name"], "Force A");
    assert_eq!(workouts[0]["date"], "2026-12-07");
    assert_eq!(workouts[0]["athlete_ids"].as_array().expect("athletes").len(), 2);
    assert_eq!(workouts[0]["lines"][0]["rest_seconds"], 120);
    assert_eq!(workouts[0]["lines"][0]["notes"], "pieds à plat");
    assert_eq!(sets_of(&preview, 0, 0), times(3, "2 @ 80% arraché"));
    let complex = &workouts[0]["lines"][1];
    let reps: Vec<u64> =
        complex["parts"].as_array().expect("parts").iter().map(|p| p["reps"].as_u64().expect("reps")).collect();
    assert_eq!(reps, [1, 2, 1]);
    assert_eq!(sets_of(&preview, 0, 1), times(4, "1 @ 75% épaulé"));
    let mut slash = vec!["3 @ 70% squat arrière".to_owned(), "2 @ 75% squat arrière".to_owned()];
    slash.extend(times(3, "2 @ 80% squat arrière"));
    assert_eq!(sets_of(&preview, 0, 2), slash);
    assert_eq!(sets_of(&preview, 0, 3), times(3, "2 @ 80% arraché"));
    assert_eq!(sets_of(&preview, 0, 4), times(3, "3 @ 110 kg"));
    assert_eq!(workouts[1]["date"], "2026-12-09");
    assert_eq!(
        sets_of(&preview, 1, 0),
        slash.iter().map(|s| s.replace("squat arrière", "épaulé-jeté")).collect::<Vec<_>>()
    );
    // A dry run writes nothing.
    assert_eq!(workout_total(&app, "sheet-club", &coach.token).await, 0);

    let (status, imported) = upload(&app, &coach.token, &format!("{path}&dry_run=false"), file, "fr").await;
    assert_eq!(status, 200, "{imported}");
    assert_eq!(imported["imported"], true);
    assert_eq!(imported["created_workout_ids"].as_array().expect("ids").len(), 2);
    assert_eq!(imported["planned_sessions"], 4);
    assert_eq!(workout_total(&app, "sheet-club", &coach.token).await, 2);
    let (_, planned) =
        app.get_as("/api/v1/clubs/sheet-club/planned-sessions?from=2026-12-07&to=2026-12-09", &coach.token).await;
    let planned = planned.as_array().expect("sessions");
    assert_eq!(planned.len(), 4, "{planned:?}");
    assert!(planned.iter().all(|s| s["group_id"] == json!(group)), "{planned:?}");

    // The printable sheet: Léa's snatch maximum is 100 kg, so 80 % is 80 kg, 27.5 kg a side
    // on the 20 kg bar with 2.5 kg collars.
    let (status, body) = app
        .send(
            Method::PUT,
            &format!("/api/v1/clubs/sheet-club/athletes/{lea}/maxima/snatch"),
            Some(&coach.token),
            Some(json!({"kg": 100.0})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let response = app
        .client
        .get(app.url(&format!("/api/v1/clubs/sheet-club/exports/sheet?from=2026-12-07&to=2026-12-07&group_id={group}")))
        .bearer_auth(&coach.token)
        .header("accept-language", "fr")
        .send()
        .await
        .expect("sheet");
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().expect("type").starts_with("text/html"));
    let policy = response.headers()["content-security-policy"].to_str().expect("csp").to_owned();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    let html = response.text().await.expect("html");
    let lea_page = &html[html.find("Léa Martin").expect("Léa's page")..html.find("Tom Petit").expect("Tom's page")];
    assert!(lea_page.contains("Force A") && lea_page.contains("Arraché"), "{lea_page}");
    assert!(lea_page.contains("<td class=\"kg\">80 kg</td><td>25 · 2.5</td>"), "{lea_page}");
    assert!(lea_page.contains("pas de maximum"), "Léa has no clean maximum: {lea_page}");
    assert!(lea_page.contains("110 kg"), "{lea_page}");
}

#[tokio::test]
async fn a_file_with_problems_imports_nothing_and_says_where_and_why() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    create_club(&app, &coach, "problem-club").await;
    let rows: &[&[&str]] = &[
        &["Séance", "Exercice", "Prescription"],
        &["Lundi", "Arraché", "3x2 @ 80%"],
        &["Lundi", "Burpees", "3x10"],
        &["Lundi", "Squat", "5x5 @ 70%"],
        &["Lundi", "Épaulé", "3x2 @ 200%"],
    ];
    let path = "/api/v1/clubs/problem-club/imports/program?file_name=lundi.xlsx";
    let (status, preview) = upload(&app, &coach.token, path, xlsx("S1", rows, &[]), "en").await;
    assert_eq!(status, 200, "{preview}");
    let problems: Vec<(u64, &str, &str)> = preview["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (p["row"].as_u64().expect("row"), p["column"].as_str().expect("column"), p["code"].as_str().expect("code"))
        })
        .collect();
    assert_eq!(
        problems,
        [(3, "B", "unknown_exercise"), (4, "B", "ambiguous_exercise"), (5, "C", "bad_prescription")],
        "{preview}"
    );
    let ambiguous = &preview["problems"][1];
    assert!(!ambiguous["message"].as_str().expect("message").is_empty());
    let back_squat = ambiguous["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .find(|c| c["name"].as_str().is_some_and(|n| n.contains("Back squat")))
        .unwrap_or_else(|| panic!("back squat among {ambiguous}"))["id"]
        .as_str()
        .expect("id")
        .to_owned();

    // Confirming anyway is refused as a whole.
    let (status, body) =
        upload(&app, &coach.token, &format!("{path}&dry_run=false"), xlsx("S1", rows, &[]), "en").await;
    assert_eq!((status, body["code"].as_str()), (422, Some("import_has_problems")), "{body}");
    assert_eq!(workout_total(&app, "problem-club", &coach.token).await, 0);

    // The bad lines fixed and the ambiguous name chosen: it goes in.
    let fixed: &[&[&str]] = &[
        &["Séance", "Exercice", "Prescription"],
        &["Lundi", "Arraché", "3x2 @ 80%"],
        &["Lundi", "Squat", "5x5 @ 70%"],
    ];
    let choices = format!("{{\"Squat\":\"{back_squat}\"}}");
    let query = format!("{path}&dry_run=false&choices={}", url_encode(&choices));
    let (status, imported) = upload(&app, &coach.token, &query, xlsx("S1", fixed, &[]), "en").await;
    assert_eq!(status, 200, "{imported}");
    assert_eq!(imported["planned_sessions"], 0, "an undated workout is a template only");
    let id = imported["created_workout_ids"][0].as_str().expect("a workout");
    let (_, workout) = app.get_as(&format!("/api/v1/clubs/problem-club/workouts/{id}"), &coach.token).await;
    assert_eq!(workout["lines"][1]["parts"][0]["exercise_id"], json!(back_squat), "{workout}");
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn files_that_are_not_programs_get_a_clear_error_in_the_callers_language() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    create_club(&app, &coach, "odd-club").await;
    let path = "/api/v1/clubs/odd-club/imports/program?file_name=photo.xlsx";
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec();
    let (status, body) = upload(&app, &coach.token, path, png, "fr").await;
    assert_eq!((status, body["code"].as_str()), (415, Some("not_a_spreadsheet")), "{body}");
    assert!(body["message"].as_str().expect("message").contains("tableur"), "{body}");

    let rows: &[&[&str]] = &[&["Séance", "Exercice", "Prescription"], &["A", "Arraché", "5x2 @ 70%"]];
    let wrong_sheet = format!("{path}&sheet=Semaine%2012");
    let (status, body) = upload(&app, &coach.token, &wrong_sheet, xlsx("Semaine 1", rows, &[]), "en").await;
    assert_eq!((status, body["code"].as_str()), (422, Some("unknown_sheet")), "{body}");

    // A real 10 MB workbook is over the 5 MiB a program may weigh.
    let big = ten_megabyte_workbook();
    assert!(big.len() > 10_000_000, "{} bytes", big.len());
    let (status, body) = upload(&app, &coach.token, path, big, "en").await;
    assert_eq!((status, body["code"].as_str()), (413, Some("payload_too_large")), "{body}");

    // A CSV with `;` goes through the same reader.
    let csv = "Séance;Exercice;Prescription\nA;Arraché;5x2 @ 70%\nA;Épaulé-jeté;80% 3x1\n".as_bytes().to_vec();
    let (status, body) =
        upload(&app, &coach.token, "/api/v1/clubs/odd-club/imports/program?file_name=a.csv", csv, "en").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["workouts"][0]["lines"].as_array().expect("lines").len(), 2, "{body}");
    assert_eq!(workout_total(&app, "odd-club", &coach.token).await, 0);
}

/// Rows of distinct text until the file passes 10 MB (text that does not compress away).
fn ten_megabyte_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    sheet.write_string(0, 0, "Séance").expect("cell");
    for row in 1..60_000u32 {
        for column in 0..8u16 {
            let text = format!("{:016x}{:016x}", next(), next());
            sheet.write_string(row, column, &text).expect("cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

#[tokio::test]
async fn logs_leave_as_csv_one_row_per_set() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    let athlete = app.person("Athlete").await;
    let club = create_club(&app, &coach, "csv-club").await;
    add_member(&app, "csv-club", &club, &athlete, "athlete").await;
    let (_, exercises) = app.get_as("/api/v1/clubs/csv-club/exercises?per_page=100", &coach.token).await;
    let id_of = |name: &str| {
        exercises["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|e| e["name_en"] == name)
            .unwrap_or_else(|| panic!("{name}"))["id"]
            .as_str()
            .expect("id")
            .to_owned()
    };
    let (clean, jerk) = (id_of("Clean"), id_of("Jerk"));
    let log = json!({"id": uuid::Uuid::new_v4(), "performed_on": "2026-11-30", "sets": [
        {"exercise_id": clean, "reps": 2, "load_kg": 72.5, "rpe": 8.0, "made": true, "note": "vite, bien"},
        {"exercise_id": clean, "reps": 3, "load_kg": 80.0, "made": false,
         "parts": [{"exercise_id": clean, "reps": 1}, {"exercise_id": jerk, "reps": 2}]}
    ]});
    let (status, body) = app.post_json("/api/v1/clubs/csv-club/me/logs", Some(&athlete.token), log).await;
    assert_eq!(status, 201, "{body}");

    let url = "/api/v1/clubs/csv-club/exports/logs?from=2026-11-01&to=2026-11-30";
    let response = app
        .client
        .get(app.url(url))
        .bearer_auth(&coach.token)
        .header("accept-language", "fr")
        .send()
        .await
        .expect("csv");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/csv");
    let disposition = response.headers()["content-disposition"].to_str().expect("disposition").to_owned();
    assert!(disposition.contains("csv-club-logs-2026-11-01-2026-11-30.csv"), "{disposition}");
    let text = response.text().await.expect("text");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("row").iter().map(str::to_owned).collect()).collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert_eq!(
        rows[0][..9],
        ["2026-11-30", "Athlete", "Épaulé", "1", "2", "72.5", "8", "true", "vite, bien"],
        "{text}"
    );
    assert_eq!(rows[1][2..8], ["Épaulé + Jeté (1+2)", "2", "3", "80", "", "false"], "{text}");

    // An athlete does not read the club's logs.
    let (status, _) = app.send(Method::GET, url, Some(&athlete.token), None).await;
    assert_eq!(status, 403);
}

async fn get_bytes(app: &TestApp, path: &str, token: &str) -> (u16, Vec<u8>) {
    let response = app.client.get(app.url(path)).bearer_auth(token).send().await.expect("get");
    (response.status().as_u16(), response.bytes().await.expect("bytes").to_vec())
}

async fn put_archive(app: &TestApp, club: &str, token: &str, bytes: Vec<u8>) -> (u16, Value) {
    app.send_bytes(Method::PUT, &format!("/api/v1/clubs/{club}/archive"), Some(token), bytes, "en").await
}

/// A club with something in every table an export carries.
pub(crate) async fn a_busy_club(app: &TestApp, admin: &Person, athlete: &Person, slug: &str) -> (String, String) {
    let club = create_club(app, admin, slug).await;
    add_member(app, slug, &club, athlete, "athlete").await;
    let base = format!("/api/v1/clubs/{slug}");
    let managed = managed_athlete(app, slug, &admin.token, "Tom Petit").await;
    group_of(app, slug, &admin.token, "Élite", &[&managed]).await;
    let (status, exercise) = app
        .post_json(
            &format!("{base}/exercises"),
            Some(&admin.token),
            json!({"name_fr": "Arraché du club", "name_en": "Club snatch", "category": "snatch",
                   "reference_lift": "snatch", "tags": ["maison"]}),
        )
        .await;
    assert_eq!(status, 201, "{exercise}");
    let exercise = exercise["id"].as_str().expect("exercise").to_owned();
    let image = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01".repeat(100);
    let response = app
        .client
        .put(app.url(&format!("{base}/exercises/{exercise}/media")))
        .bearer_auth(&admin.token)
        .header("content-type", "application/octet-stream")
        .body(image)
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), 201);
    let workout = json!({"name": "Lundi", "lines": [
        {"parts": [{"exercise_id": exercise}], "sets": [{"reps": 2, "intensity": {"kind": "percent", "min": 80.0, "of": "snatch"}}]}
    ]});
    let (status, workout) = app.post_json(&format!("{base}/workouts"), Some(&admin.token), workout).await;
    assert_eq!(status, 201, "{workout}");
    let plan = json!({"workout_id": workout["id"], "athlete_ids": [athlete.user_id, managed], "dates": ["2026-12-02", "2026-12-04"]});
    let (status, body) = app.post_json(&format!("{base}/planned-sessions"), Some(&admin.token), plan).await;
    assert_eq!(status, 201, "{body}");
    for (who, lift, kg) in [(&athlete.user_id, "snatch", 90.0), (&managed, "clean_and_jerk", 120.0)] {
        let (status, body) = app
            .send(
                Method::PUT,
                &format!("{base}/athletes/{who}/maxima/{lift}"),
                Some(&admin.token),
                Some(json!({"kg": kg})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    let log = json!({"id": uuid::Uuid::new_v4(), "performed_on": "2026-11-30", "session_rpe": 7.5, "sets": [
        {"exercise_id": exercise, "reps": 1, "load_kg": 95.0, "made": true}
    ]});
    let (status, body) = app.post_json(&format!("{base}/me/logs"), Some(&athlete.token), log).await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = app
        .send(
            Method::PUT,
            &format!("{base}/athletes/{managed}/bodyweights/2026-11-29"),
            Some(&admin.token),
            Some(json!({"kg": 80.5})),
        )
        .await;
    assert!(status < 300, "{body}");
    let (status, body) = app
        .send(
            Method::PUT,
            &format!("{base}/settings/loading"),
            Some(&admin.token),
            Some(json!({"bar_kg": 15.0, "collar_kg": 0.0, "rounding": "floor", "plates": [
                {"kg": 20.0, "count": 8}, {"kg": 10.0, "count": 4}, {"kg": 5.0, "count": 4}, {"kg": 2.5, "count": 4},
                {"kg": 1.0, "count": 4}, {"kg": 0.5, "count": 4}]})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    (exercise, managed)
}

fn manifest_of(zip: &[u8]) -> Value {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    let mut text = String::new();
    archive.by_name("manifest.json").expect("manifest").read_to_string(&mut text).expect("read");
    serde_json::from_str(&text).expect("json")
}

/// What a coach sees of a club, with athletes named rather than numbered.
pub(crate) async fn content(app: &TestApp, slug: &str, token: &str) -> Value {
    let base = format!("/api/v1/clubs/{slug}");
    let (_, exercises) = app.get_as(&format!("{base}/exercises?per_page=100&include_archived=true"), token).await;
    let (_, athletes) = app.get_as(&format!("{base}/athletes?include_archived=true&per_page=100"), token).await;
    let names: BTreeMap<String, String> = athletes["items"]
        .as_array()
        .expect("athletes")
        .iter()
        .map(|a| (a["id"].as_str().expect("id").to_owned(), a["name"].as_str().expect("name").to_owned()))
        .collect();
    let rename = |mut value: Value| {
        let text = value.to_string();
        let renamed = names.iter().fold(text, |t, (id, name)| t.replace(id, &format!("athlete:{name}")));
        value = serde_json::from_str(&renamed).expect("json");
        value
    };
    let (_, workouts) = app.get_as(&format!("{base}/workouts?include_archived=true"), token).await;
    let mut full = Vec::new();
    for w in workouts["items"].as_array().expect("workouts") {
        let (_, workout) = app.get_as(&format!("{base}/workouts/{}", w["id"].as_str().expect("id")), token).await;
        full.push(workout);
    }
    let (_, planned) = app.get_as(&format!("{base}/planned-sessions?from=2026-11-01&to=2026-12-31"), token).await;
    let (_, logs) = app.get_as(&format!("{base}/logs?from=2026-11-01&to=2026-12-31"), token).await;
    let (_, loading) = app.get_as(&format!("{base}/settings/loading"), token).await;
    let (_, groups) = app.get_as(&format!("{base}/groups"), token).await;
    let mut maxima = Vec::new();
    let mut by_name: Vec<(&String, &String)> = names.iter().collect();
    by_name.sort_by_key(|(_, name)| name.as_str());
    for (id, _) in by_name {
        let (_, athlete) = app.get_as(&format!("{base}/athletes/{id}"), token).await;
        let (_, max) = app.get_as(&format!("{base}/athletes/{id}/maxima"), token).await;
        let (_, weights) =
            app.get_as(&format!("{base}/athletes/{id}/bodyweights?from=2026-11-01&to=2026-12-31"), token).await;
        let (_, records) = app.get_as(&format!("{base}/athletes/{id}/records"), token).await;
        maxima.push(json!([athlete, max, weights, records]));
    }
    let mut everything = json!({
        "exercises": exercises["items"], "workouts": full, "planned": planned, "logs": logs,
        "loading": loading, "groups": groups, "athletes": maxima,
    });
    // What the server stamps (when written, who is linked to an account) is not content.
    strip(&mut everything, &["created_at", "updated_at", "user_id", "invited"]);
    rename(everything)
}

/// Compared part by part, so a difference names what differs.
pub(crate) fn same_content(before: &Value, after: &Value) {
    let keys = before.as_object().expect("an object");
    assert!(keys.values().all(|v| !v.is_null()), "{before}");
    for (key, value) in keys {
        assert_eq!(value, &after[key], "{key} differs");
    }
}

fn strip(value: &mut Value, keys: &[&str]) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !keys.contains(&k.as_str()));
            map.values_mut().for_each(|v| strip(v, keys));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| strip(v, keys)),
        _ => {}
    }
}

#[tokio::test]
async fn a_club_exported_then_imported_into_a_new_club_has_the_same_content() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let athlete = app.person("Lea").await;
    let (exercise, _) = a_busy_club(&app, &admin, &athlete, "old-club").await;

    let (status, zip) = get_bytes(&app, "/api/v1/clubs/old-club/archive", &admin.token).await;
    assert_eq!(status, 200);
    let manifest = manifest_of(&zip);
    assert_eq!(manifest["format"], "dropit-club-archive");
    assert_eq!(manifest["media"], 1);
    for table in
        ["athletes", "session_logs", "planned_sessions", "workouts", "reference_maxima", "bodyweights", "media"]
    {
        assert!(manifest["tables"][table].as_u64().expect(table) > 0, "{table} is empty in {manifest}");
    }
    // Only the club administrator takes the club away.
    let (status, _) = get_bytes(&app, "/api/v1/clubs/old-club/archive", &athlete.token).await;
    assert_eq!(status, 403);

    create_club(&app, &admin, "new-club").await;
    let (status, restored) = put_archive(&app, "new-club", &admin.token, zip.clone()).await;
    assert_eq!(status, 200, "{restored}");
    assert_eq!(restored["tables"], manifest["tables"], "every row of every table");
    assert_eq!(restored["media"], 1);
    assert_eq!(restored["unlinked_athletes"], 1, "Lea's account stays with her, her history moves");

    let before = content(&app, "old-club", &admin.token).await;
    let after = content(&app, "new-club", &admin.token).await;
    same_content(&before, &after);
    let (_, old_media) = app.get_as(&format!("/api/v1/clubs/old-club/exercises/{exercise}/media"), &admin.token).await;
    let media_id = old_media[0]["id"].as_str().expect("a medium");
    let (_, old_bytes) = get_bytes(&app, &format!("/api/v1/clubs/old-club/media/{media_id}"), &admin.token).await;
    let (status, new_bytes) = get_bytes(&app, &format!("/api/v1/clubs/new-club/media/{media_id}"), &admin.token).await;
    assert_eq!(status, 200);
    assert_eq!(old_bytes, new_bytes);
    // Found by search too: the new club's index was built from the archive.
    let (_, found) = app.get_as("/api/v1/clubs/new-club/search?q=club%20snatch", &admin.token).await;
    assert!(found.to_string().contains(&exercise), "{found}");

    // Once used, a club takes no archive; anything but an archive is refused; nothing half-done.
    let (status, body) = put_archive(&app, "new-club", &admin.token, zip).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("club_not_empty")), "{body}");
    create_club(&app, &admin, "third-club").await;
    let (_, starters) = app.get_as("/api/v1/clubs/third-club/exercises?per_page=1", &admin.token).await;
    let (status, body) = put_archive(&app, "third-club", &admin.token, b"PK\x03\x04 not really".to_vec()).await;
    assert_eq!((status, body["code"].as_str()), (415, Some("not_an_archive")), "{body}");
    let (_, still) = app.get_as("/api/v1/clubs/third-club/exercises?per_page=1", &admin.token).await;
    assert_eq!(still["total"], starters["total"]);
}

#[tokio::test]
async fn a_damaged_archive_leaves_the_new_club_untouched() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let athlete = app.person("Athlete").await;
    a_busy_club(&app, &admin, &athlete, "source-club").await;
    let (_, zip) = get_bytes(&app, "/api/v1/clubs/source-club/archive", &admin.token).await;
    // The same archive with one log's sets turned into nonsense: the last table to go in fails.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let name = file.name().expect("entry name").into_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("read");
        if name == "tables/session_logs.json" {
            let mut rows: Value = serde_json::from_slice(&bytes).expect("rows");
            rows[0]["session_rpe"] = json!(42);
            bytes = serde_json::to_vec(&rows).expect("json");
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
        std::io::Write::write_all(&mut out, &bytes).expect("write");
    }
    let damaged = out.finish().expect("finish").into_inner();
    create_club(&app, &admin, "target-club").await;
    let (status, body) = put_archive(&app, "target-club", &admin.token, damaged).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("archive_damaged")), "{body}");
    assert_eq!(workout_total(&app, "target-club", &admin.token).await, 0);
    let (_, athletes) = app.get_as("/api/v1/clubs/target-club/athletes", &admin.token).await;
    assert_eq!(athletes["total"], 0, "{athletes}");
    let (_, exercises) = app.get_as("/api/v1/clubs/target-club/exercises?q=Club%20snatch", &admin.token).await;
    assert_eq!(exercises["total"], 0, "{exercises}");
}

#[tokio::test]
async fn the_command_line_imports_and_exports_the_same_way() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let athlete = app.person("Athlete").await;
    a_busy_club(&app, &admin, &athlete, "cli-club").await;
    let dir = tempfile::tempdir().expect("dir");
    let path = |name: &str| dir.path().join(name).display().to_string();

    let program = path("program.csv");
    std::fs::write(&program, "Date;Séance;Exercice;Prescription\n14/12/2026;Force;Arraché;3x2 @ 80%\n;;Burpees;3x10\n")
        .expect("csv");
    let (ok, stdout, stderr) =
        dropit(&app, &["transfer", "--lang", "en", "import-program", "--club", "cli-club", &program, "--commit"]);
    assert!(!ok, "{stdout}{stderr}");
    assert!(stdout.contains("problem C3: unknown_exercise"), "{stdout}");
    assert!(stdout.contains("problem 2: no_athletes"), "{stdout}");
    assert_eq!(workout_total(&app, "cli-club", &admin.token).await, 1, "only the club's own workout");

    let (ok, stdout, stderr) = dropit(
        &app,
        &[
            "transfer",
            "export-logs",
            "--club",
            "cli-club",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--out",
            &path("logs.csv"),
        ],
    );
    assert!(ok, "{stdout}{stderr}");
    let logs = std::fs::read_to_string(path("logs.csv")).expect("logs");
    assert_eq!(logs.lines().count(), 2, "{logs}");
    assert!(logs.contains("Arraché du club"), "{logs}");

    let (ok, stdout, stderr) =
        dropit(&app, &["transfer", "export-club", "--club", "cli-club", "--out", &path("club.zip")]);
    assert!(ok, "{stdout}{stderr}");
    let club = create_club(&app, &admin, "cli-copy").await;
    let _ = club;
    let (ok, stdout, stderr) = dropit(&app, &["transfer", "import-club", "--club", "cli-copy", &path("club.zip")]);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("1 media restored; 1 athletes to invite again"), "{stdout}");
    same_content(&content(&app, "cli-club", &admin.token).await, &content(&app, "cli-copy", &admin.token).await);

    let (ok, stdout, stderr) = dropit(
        &app,
        &[
            "transfer",
            "sheet",
            "--club",
            "cli-copy",
            "--from",
            "2026-12-02",
            "--to",
            "2026-12-02",
            "--out",
            &path("sheet.html"),
        ],
    );
    assert!(ok, "{stdout}{stderr}");
    let sheet = std::fs::read_to_string(path("sheet.html")).expect("sheet");
    // 80 % of the athlete's 90 kg on the copy's 15 kg bar without collars: 72 kg, 28.5 kg a side.
    assert!(sheet.contains("<td class=\"kg\">72 kg</td><td>20 · 5 · 2.5 · 1</td>"), "{sheet}");
}
