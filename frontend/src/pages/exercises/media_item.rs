//! One video or image of an exercise, previewed from its bytes: a browser cannot put the
//! bearer token on an `<img>` or `<video>`, and the storage's own links are on another origin,
//! which the page's content security policy does not allow; so the SDK reads the bytes and the
//! preview shows them through a Blob URL, released when the preview goes. Large videos wait
//! for the person to ask, rather than downloading on sight.

use std::{cell::RefCell, rc::Rc};

use dropit_sdk::{ApiFailure, DropIt, types::MediaBody};
use futures::StreamExt;
use sycamore::{futures::spawn_local_scoped, prelude::*, reactive::use_current_scope};

use super::labels;
use crate::{
    resource::Resource,
    state::{failure_text, t, use_app},
};

/// Files up to this size load as soon as they show; bigger ones on demand.
const LOAD_AT_ONCE_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq)]
enum Preview {
    /// A large file, loaded when asked.
    Waiting,
    Loading,
    Ready(String),
    Failed(String),
}

/// The medium's bytes as a Blob URL of its type.
async fn blob_url(api: &DropIt, club: &str, medium: &MediaBody) -> Result<String, ApiFailure> {
    let unreadable = |what: &str| ApiFailure::Transport(what.to_owned());
    let mut stream = api.call(|a| a.media_read().club(club).id(&medium.id).send()).await?.into_inner();
    let mut bytes = Vec::with_capacity(usize::try_from(medium.size_bytes).unwrap_or(0));
    while let Some(chunk) = stream.next().await {
        bytes.extend_from_slice(&chunk.map_err(|e| unreadable(&e.to_string()))?);
    }
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&medium.content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| unreadable("the file could not be shown"))?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| unreadable("the file could not be shown"))
}

#[component(inline_props)]
pub fn MediaItem(club: String, medium: MediaBody, can_write: bool, media: Resource<Vec<MediaBody>>) -> View {
    let app = use_app();
    let video = medium.content_type.starts_with("video/");
    let preview = create_signal(if video && medium.size_bytes > LOAD_AT_ONCE_BYTES {
        Preview::Waiting
    } else {
        Preview::Loading
    });
    // Kept outside the signals, which are gone by the time the cleanup runs.
    let url_to_release: Rc<RefCell<Option<String>>> = Rc::default();
    {
        let url_to_release = Rc::clone(&url_to_release);
        on_cleanup(move || {
            if let Some(url) = url_to_release.borrow_mut().take() {
                let _ = web_sys::Url::revoke_object_url(&url);
            }
        });
    }
    // The reading belongs to the item, not to the button that asked for it, which goes as
    // soon as the reading starts.
    let item = use_current_scope();
    let load = {
        let (app, club, medium) = (app.clone(), club.clone(), medium.clone());
        move || {
            let (app, club, medium, url_to_release) =
                (app.clone(), club.clone(), medium.clone(), Rc::clone(&url_to_release));
            item.run_in(move || {
                spawn_local_scoped(async move {
                    match blob_url(&app.api, &club, &medium).await {
                        Ok(url) => {
                            *url_to_release.borrow_mut() = Some(url.clone());
                            preview.set(Preview::Ready(url));
                        }
                        Err(failure) => preview.set(Preview::Failed(failure_text(&failure))),
                    }
                });
            });
            preview.set(Preview::Loading);
        }
    };
    if preview.with_untracked(|p| *p == Preview::Loading) {
        load();
    }

    let locale = app.locale.get_untracked();
    let kind = if video { t("catalogue.video") } else { t("catalogue.image") };
    let caption = format!("{kind} · {}", labels::size(medium.size_bytes, locale));
    let shown = move || match preview.get_clone() {
        Preview::Waiting => {
            let load = load.clone();
            view! {
                button(class="button media-load", r#type="button", data-testid="media-load", on:click=move |_| load()) {
                    (t("catalogue.load_video"))
                }
            }
        }
        Preview::Loading => {
            view! { div(class="loading media-loading", aria-busy="true") { span(class="spinner") (t("common.loading")) } }
        }
        Preview::Ready(url) if video => {
            view! { video(class="media-preview", src=url, controls=true, preload="metadata") }
        }
        Preview::Ready(url) => view! { img(class="media-preview", src=url, alt=kind) },
        Preview::Failed(text) => view! { p(class="form-error media-failed") { (text) } },
    };
    let delete =
        can_write.then(|| view! { DeleteMedium(club=club.clone(), id=medium.id.clone(), media=media.clone()) });
    view! {
        li(class="media-item", data-testid="media-item", data-type=medium.content_type.clone()) {
            div(class="media-frame") { (shown) }
            div(class="media-caption") {
                span(class="hint") { (caption) }
                (delete)
            }
        }
    }
}

/// Deleting a medium, after the person confirms it: the file cannot be brought back.
#[component(inline_props)]
fn DeleteMedium(club: String, id: String, media: Resource<Vec<MediaBody>>) -> View {
    let app = use_app();
    let asking = create_signal(false);
    let busy = create_signal(false);
    let delete = move |_| {
        let (app, club, id, media) = (app.clone(), club.clone(), id.clone(), media.clone());
        busy.set(true);
        spawn_local_scoped(async move {
            match app.api.call(|a| a.media_delete().club(&club).id(&id).send()).await {
                Ok(()) => {
                    app.success("catalogue.media_deleted");
                    // Takes this item away, so it is the last step.
                    media.update(|items| items.retain(|m| m.id != id));
                }
                Err(failure) => {
                    busy.set(false);
                    asking.set(false);
                    app.failure(&failure);
                }
            }
        });
    };
    view! {
        button(class="button button-danger", r#type="button", data-testid="media-delete", hidden=move || asking.get(),
            on:click=move |_| asking.set(true)) { (t("common.delete")) }
        div(class="media-confirm", role="group", aria-label=t("catalogue.delete_media_question"), hidden=move || !asking.get()) {
            span { (t("catalogue.delete_media_question")) }
            button(class="button button-danger", r#type="button", data-testid="media-delete-confirm",
                disabled=move || busy.get(), on:click=delete) { (t("common.delete")) }
            button(class="button button-quiet", r#type="button", on:click=move |_| asking.set(false)) { (t("common.cancel")) }
        }
    }
}
