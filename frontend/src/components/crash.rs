//! The last resort: a bug that panics stops the wasm module, so the page says so plainly and
//! offers a reload instead of freezing half-drawn.

use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(panel) = document.create_element("div") else { return };
        panel.set_id("crash");
        let _ = panel.set_attribute("role", "alert");
        let french = document.document_element().and_then(|e| e.get_attribute("lang")).is_some_and(|l| l == "fr");
        let (text, action) = if french {
            ("Une erreur inattendue a arrêté l'application.", "Recharger")
        } else {
            ("An unexpected error stopped the app.", "Reload")
        };
        // A link to the same page reloads it; an inline handler would break the CSP.
        panel.set_inner_html(&format!("<p>{text}</p><a class=\"button\" href=\"\">{action}</a>"));
        if let Some(body) = document.body() {
            let _ = body.append_child(panel.unchecked_ref());
        }
    }));
}
