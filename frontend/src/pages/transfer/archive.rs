//! The whole club as one archive, for club administrators: downloaded to keep or to move, and
//! imported into a new, empty club (the API refuses any other), after a confirmation.

use dropit_sdk::types::RestoredBody;
use sycamore::{futures::spawn_local_scoped, prelude::*};
use wasm_bindgen::JsCast;

use super::files;
use crate::{
    components::dialog::Dialog,
    state::{ToastKind, t, use_app},
};

/// The rows restored in every table.
pub fn rows(restored: &RestoredBody) -> u64 {
    restored.tables.values().sum()
}

#[component(inline_props)]
pub fn ClubArchive(club: String) -> View {
    let app = use_app();
    let busy = create_signal(false);
    let asking = create_signal(false);
    let input = create_node_ref();

    let export = {
        let (app, club) = (app.clone(), club.clone());
        move |_| {
            if busy.get_untracked() {
                return;
            }
            let (app, club) = (app.clone(), club.clone());
            busy.set(true);
            spawn_local_scoped(async move {
                let answer = match app.api.call(|a| a.club_archive_export().club(&club).send()).await {
                    Ok(stream) => files::collect(stream).await,
                    Err(failure) => Err(failure),
                };
                busy.set(false);
                match answer
                    .and_then(|bytes| files::download(&bytes, "application/zip", &format!("{club}-archive.zip")))
                {
                    Ok(()) => app.success("transfer.downloaded"),
                    Err(failure) => app.failure(&failure),
                }
            });
        }
    };

    let chosen = move || {
        input.try_get().and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok()).and_then(|i| files::chosen(&i))
    };
    let ask = {
        let app = app.clone();
        move |_| {
            if chosen().is_some() {
                asking.set(true);
            } else {
                app.toast(ToastKind::Error, t("transfer.choose_archive"));
            }
        }
    };
    let import = {
        let (app, club) = (app.clone(), club.clone());
        move |_| {
            asking.set(false);
            let Some(file) = chosen() else { return };
            if busy.get_untracked() {
                return;
            }
            let (app, club) = (app.clone(), club.clone());
            busy.set(true);
            spawn_local_scoped(async move {
                let answer = match files::read(&file).await {
                    Ok(bytes) => app.api.call(|a| a.club_archive_import().club(&club).body(bytes.clone()).send()).await,
                    Err(failure) => Err(failure),
                };
                busy.set(false);
                match answer {
                    Ok(restored) => {
                        let text = t("transfer.archive_imported")
                            .replace("{rows}", &rows(&restored).to_string())
                            .replace("{media}", &restored.media.to_string())
                            .replace("{unlinked}", &restored.unlinked_athletes.to_string());
                        app.toast(ToastKind::Success, text);
                    }
                    Err(failure) => app.failure(&failure),
                }
            });
        }
    };

    view! {
        section(class="card transfer-section", aria-labelledby="archive-title") {
            h2(id="archive-title") { (t("transfer.archive_title")) }
            p(class="hint") { (t("transfer.archive_hint")) }
            div(class="actions transfer-start") {
                button(r#type="button", class="button", data-testid="export-archive",
                    disabled=move || busy.get(), on:click=export) { (t("transfer.export_archive")) }
            }
            div(class="transfer-form") {
                div(class="field") {
                    label(r#for="import-archive-file") { (t("transfer.archive_file")) }
                    input(r#ref=input, id="import-archive-file", r#type="file", accept=".zip",
                        data-testid="import-archive-file", aria-describedby="import-archive-hint")
                    p(id="import-archive-hint", class="hint") { (t("transfer.archive_import_hint")) }
                }
                div(class="actions") {
                    button(r#type="button", class="button button-danger", data-testid="import-archive",
                        disabled=move || busy.get(), on:click=ask) { (t("transfer.import_archive")) }
                }
            }
            div(role="status", aria-live="polite", class="transfer-status") {
                (move || busy.get().then(|| view! { span(class="spinner") span { (t("transfer.working")) } }))
            }
            Dialog(open=asking, title="transfer.archive_confirm_title", testid="archive-dialog") {
                p { (t("transfer.archive_confirm_text")) }
                div(class="actions") {
                    button(r#type="button", class="button", on:click=move |_| asking.set(false)) { (t("common.cancel")) }
                    button(r#type="button", class="button button-danger", data-testid="archive-confirm",
                        on:click=import) { (t("transfer.import_archive")) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_of_every_table_add_up() {
        let restored = RestoredBody {
            media: 2,
            tables: [("athletes".to_owned(), 3), ("workouts".to_owned(), 4)].into(),
            unlinked_athletes: 1,
        };
        assert_eq!(rows(&restored), 7);
    }
}
