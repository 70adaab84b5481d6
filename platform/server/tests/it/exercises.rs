//! The exercise catalogue: the starter exercises every club gets, search, filters, pages, and
//! the club's own exercises.

use serde_json::{Value, json};

use crate::support::{Person, TestApp, add_member, create_club, spawn_app};

async fn list(app: &TestApp, person: &Person, club: &str, query: &str) -> (u16, Value) {
    app.get_as(&format!("/api/v1/clubs/{club}/exercises{query}"), &person.token).await
}

fn english_names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["name_en"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_new_club_starts_with_the_catalogue_which_filters_and_pages() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let athlete = app.person("Athlete").await;
    let club_id = create_club(&app, &admin, "catalogue-club").await;
    add_member(&app, "catalogue-club", &club_id, &athlete, "athlete").await;

    let (status, page) = list(&app, &athlete, "catalogue-club", "").await;
    assert_eq!(status, 200, "{page}");
    assert!(page["total"].as_u64().expect("total") >= 60, "{}", page["total"]);
    assert_eq!(page["items"].as_array().map(Vec::len), Some(25), "25 a page by default");
    assert!(page["items"].as_array().expect("items").iter().all(|e| e["starter"] == true));

    let (_, snatches) = list(&app, &athlete, "catalogue-club", "?category=snatch&per_page=100").await;
    assert!(snatches["items"].as_array().expect("items").iter().all(|e| e["category"] == "snatch"));
    assert!(english_names(&snatches).contains(&"Power snatch".to_owned()));

    let (_, found) = list(&app, &athlete, "catalogue-club", "?q=ARRACH%C3%89%20en%20puissance").await;
    assert_eq!(english_names(&found), ["Block power snatch", "Hang power snatch", "Power snatch"]);
    let (_, hang) = list(&app, &athlete, "catalogue-club", "?tag=hang&category=clean").await;
    assert_eq!(english_names(&hang), ["Hang clean", "Hang clean below the knee", "Hang power clean"]);
    let (_, percent) = list(&app, &athlete, "catalogue-club", "?q=%25").await;
    assert_eq!(percent["total"], 0, "a % in the search is a character, not a wildcard");

    let (_, first) = list(&app, &athlete, "catalogue-club", "?per_page=10&page=1").await;
    let (_, second) = list(&app, &athlete, "catalogue-club", "?per_page=10&page=2").await;
    assert_eq!(english_names(&first).len(), 10);
    assert!(english_names(&first).iter().all(|n| !english_names(&second).contains(n)), "pages do not overlap");

    let (status, body) = list(&app, &athlete, "catalogue-club", "?per_page=500").await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_parameter")));
    let (status, body) = list(&app, &athlete, "catalogue-club", "?category=cardio").await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_parameter")));
}

#[tokio::test]
async fn coaches_add_edit_and_archive_the_clubs_own_exercises() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let other_admin = app.person("Elsewhere").await;
    create_club(&app, &admin, "own-exercises").await;
    create_club(&app, &other_admin, "other-exercises").await;

    let exercise = json!({
        "name_fr": "Arraché des blocs sous les genoux",
        "name_en": "Block snatch below the knee",
        "category": "snatch",
        "tags": ["Blocks", "positional"],
        "reference_lift": "snatch"
    });
    let (status, created) =
        app.post_json("/api/v1/clubs/own-exercises/exercises", Some(&admin.token), exercise.clone()).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["tags"], json!(["blocks", "positional"]));
    assert_eq!(created["starter"], false);
    let id = created["id"].as_str().expect("id").to_owned();

    let (status, body) = app
        .post_json(
            "/api/v1/clubs/own-exercises/exercises",
            Some(&admin.token),
            json!({"name_fr": "", "name_en": "x", "category": "cardio", "reference_lift": "deadlift"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (422, Some("validation_failed")));
    let fields: Vec<&str> =
        body["fields"].as_array().expect("fields").iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!(fields, ["name_fr", "category", "reference_lift"]);

    let path = format!("/api/v1/clubs/own-exercises/exercises/{id}");
    let mut archived = exercise.clone();
    archived["archived"] = json!(true);
    let (status, updated) = app.send(reqwest::Method::PUT, &path, Some(&admin.token), Some(archived)).await;
    assert_eq!((status, updated["archived"].as_bool()), (200, Some(true)), "{updated}");
    let (_, visible) = list(&app, &admin, "own-exercises", "?q=below%20the%20knee&category=snatch").await;
    assert!(
        !english_names(&visible).contains(&"Block snatch below the knee".to_owned()),
        "archived exercises are hidden"
    );
    let (_, all) =
        list(&app, &admin, "own-exercises", "?q=below%20the%20knee&category=snatch&include_archived=true").await;
    assert!(english_names(&all).contains(&"Block snatch below the knee".to_owned()));

    // Another club's administrator cannot reach it, even with its id.
    let (status, body) = app.get_as(&format!("/api/v1/clubs/other-exercises/exercises/{id}"), &other_admin.token).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));
    let (status, _) = app.get_as(&path, &other_admin.token).await;
    assert_eq!(status, 404, "a non-member does not see the club at all");
    let (status, _) =
        app.get_as(&format!("/api/v1/clubs/own-exercises/exercises/{}", uuid::Uuid::new_v4()), &admin.token).await;
    assert_eq!(status, 404);
}
