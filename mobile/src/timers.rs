//! Callbacks later and browser events, without leaking closures per call.

use wasm_bindgen::{JsCast, closure::Closure};

/// Runs `then` after `ms` milliseconds.
pub fn after(ms: i32, then: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(then);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
    }
}

/// Calls `handler` on every `event` the window receives, for the app's whole life.
pub fn on_window(event: &str, handler: impl FnMut() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let closure = Closure::<dyn FnMut()>::new(handler);
    let _ = window.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    // The app lives as long as the page: the listener is never removed.
    closure.forget();
}

/// Calls `handler` every `ms` milliseconds until it answers `false`.
pub fn every(ms: i32, mut handler: impl FnMut() -> bool + 'static) {
    after(ms, move || {
        if handler() {
            every(ms, handler);
        }
    });
}
