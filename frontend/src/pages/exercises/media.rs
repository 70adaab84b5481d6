//! An exercise's videos and images: the list, and sending a new file for those who may. The
//! file is read in the browser and sent as its bytes; the API types it from its content and
//! refuses a type or a size it does not take, in words the page shows.

use dropit_sdk::{ApiFailure, types::MediaBody};
use sycamore::{futures::spawn_local_scoped, prelude::*};
use wasm_bindgen::JsCast;

use super::{labels, media_item::MediaItem};
use crate::{
    components::loaded::{empty, loaded},
    resource::Resource,
    state::{failure_text, t, use_app},
};

#[component(inline_props)]
pub fn Media(club: String, exercise: String, can_write: bool) -> View {
    let app = use_app();
    let media: Resource<Vec<MediaBody>> = {
        let (api, club, exercise) = (app.api.clone(), club.clone(), exercise.clone());
        Resource::new(move || {
            let (api, club, exercise) = (api.clone(), club.clone(), exercise.clone());
            async move { api.call(|a| a.exercise_media_list().club(&club).id(&exercise).send()).await }
        })
    };
    let upload = can_write.then(|| {
        let (club, media) = (club.clone(), media.clone());
        view! { Upload(club=club, exercise=exercise, media=media) }
    });
    let list = {
        let shown = media.clone();
        loaded(&shown, move |items| {
            if items.is_empty() {
                return empty("catalogue.no_media");
            }
            let items: Vec<View> = items
                .into_iter()
                .map(|medium| {
                    let (club, media) = (club.clone(), media.clone());
                    view! { MediaItem(club=club, medium=medium, can_write=can_write, media=media) }
                })
                .collect();
            view! { ul(class="media-grid") { (items) } }
        })
    };
    view! {
        section(class="exercise-media", aria-labelledby="exercise-media-title") {
            h3(id="exercise-media-title") { (t("catalogue.media")) }
            (upload)
            (list)
        }
    }
}

/// The bytes of a file the person chose.
async fn read(file: &web_sys::File) -> Result<Vec<u8>, ApiFailure> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ApiFailure::Transport("the file could not be read".to_owned()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[component(inline_props)]
fn Upload(club: String, exercise: String, media: Resource<Vec<MediaBody>>) -> View {
    let app = use_app();
    // The file on its way, as `name · size`.
    let sending = create_signal(None::<String>);
    let refused = create_signal(None::<String>);
    let choose = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // Cleared so that choosing the same file again (after a refusal) sends it again.
        input.set_value("");
        if sending.with(Option::is_some) {
            return;
        }
        let (app, club, exercise, media) = (app.clone(), club.clone(), exercise.clone(), media.clone());
        refused.set(None);
        sending.set(Some(format!(
            "{} · {}",
            file.name(),
            labels::size(file.size() as u64, app.locale.get_untracked())
        )));
        spawn_local_scoped(async move {
            let outcome = match read(&file).await {
                Ok(bytes) => {
                    app.api
                        .call(|a| a.exercise_media_upload().club(&club).id(&exercise).body(bytes.clone()).send())
                        .await
                }
                Err(failure) => Err(failure),
            };
            sending.set(None);
            match outcome {
                Ok(stored) => {
                    app.success("catalogue.uploaded");
                    media.update(|items| items.push(stored));
                }
                // Said under the field (an alert), not in a toast as well: once is enough.
                Err(failure) => refused.set(Some(match &failure {
                    ApiFailure::Transport(_) => t("catalogue.upload_failed").to_owned(),
                    ApiFailure::Api { .. } => failure_text(&failure),
                })),
            }
        });
    };
    view! {
        div(class="media-upload") {
            label(r#for="media-file") { (t("catalogue.upload")) }
            input(id="media-file", r#type="file", accept="image/*,video/*",
                data-testid="media-upload", aria-describedby="media-upload-hint", on:change=choose,
                disabled=move || sending.with(Option::is_some))
            p(id="media-upload-hint", class="hint") { (t("catalogue.upload_hint")) }
            div(class="media-sending", role="status", aria-live="polite") {
                (move || sending.get_clone().map(|file| view! {
                    progress(aria-label=t("catalogue.uploading"))
                    span { (t("catalogue.uploading")) " " (file) }
                }))
            }
            (move || refused.get_clone().map(|text| view! { p(class="form-error", role="alert", data-testid="media-refused") { (text) } }))
        }
    }
}
