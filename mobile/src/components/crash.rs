//! The last resort: a bug that panics stops the wasm module, so the page says so plainly and
//! offers a reload instead of freezing half-drawn. Also the screen for a phone that refuses
//! the app its storage.

use sycamore::prelude::*;
use wasm_bindgen::JsCast;

use crate::store::StoreError;

fn french() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .is_some_and(|l| l == "fr")
}

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(panel) = document.create_element("div") else { return };
        panel.set_id("crash");
        let _ = panel.set_attribute("role", "alert");
        let (text, action) = if french() {
            ("Une erreur inattendue a arrêté l'application. Vos séances enregistrées sont conservées.", "Recharger")
        } else {
            ("An unexpected error stopped the app. Your logged sessions are kept.", "Reload")
        };
        // A link to the same page reloads it; an inline handler would break the CSP.
        panel.set_inner_html(&format!("<p>{text}</p><a class=\"button\" href=\"\">{action}</a>"));
        if let Some(body) = document.body() {
            let _ = body.append_child(panel.unchecked_ref());
        }
    }));
}

/// IndexedDB refused (a private window, storage full): the app cannot keep anything offline.
pub fn no_storage(error: &StoreError) -> View {
    web_sys::console::error_1(&error.to_string().into());
    let text = if french() {
        "Ce navigateur refuse le stockage dont l'application a besoin (navigation privée ?)."
    } else {
        "This browser refuses the storage the app needs (private browsing?)."
    };
    view! { div(id="crash", role="alert") { p { (text) } } }
}
