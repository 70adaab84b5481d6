//! Files in and out of the browser: the bytes of a file the person chose, the bytes of a file
//! the API streams back, and a download of bytes the page already holds. Downloads go through
//! a Blob URL because the API's answers need the bearer token, which a plain link cannot send.

use dropit_sdk::{ApiFailure, ByteStream};
use futures::StreamExt;
use wasm_bindgen::JsCast;

use crate::components::toasts::after;

fn unreadable(what: &str) -> ApiFailure {
    ApiFailure::Transport(what.to_owned())
}

/// The file chosen in a file input, if any.
pub fn chosen(input: &web_sys::HtmlInputElement) -> Option<web_sys::File> {
    input.files().and_then(|files| files.get(0))
}

/// The bytes of a file the person chose.
pub async fn read(file: &web_sys::File) -> Result<Vec<u8>, ApiFailure> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| unreadable("the file could not be read"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Every byte of a file the API answers as a stream.
pub async fn collect(mut stream: ByteStream) -> Result<Vec<u8>, ApiFailure> {
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        bytes.extend_from_slice(&chunk.map_err(|e| unreadable(&e.to_string()))?);
    }
    Ok(bytes)
}

/// Saves `bytes` as the file `name`: a Blob URL behind a temporary link, clicked once.
pub fn download(bytes: &[u8], content_type: &str, name: &str) -> Result<(), ApiFailure> {
    let failed = || unreadable("the file could not be saved");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| failed())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed())?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(failed)?;
    let link = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(failed)?;
    link.set_href(&url);
    link.set_download(name);
    link.set_class_name("visually-hidden");
    let body = document.body().ok_or_else(failed)?;
    let _ = body.append_child(&link);
    link.click();
    link.remove();
    // Released a little later: some browsers read the URL after the click returns.
    after(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}
