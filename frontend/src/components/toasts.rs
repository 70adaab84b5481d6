//! Short confirmations and failures in a corner, read out by screen readers.

use sycamore::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};

use crate::state::{ToastKind, use_app};

/// Runs `then` after `ms` milliseconds.
pub fn after(ms: i32, then: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(then);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
    }
}

#[component]
pub fn Toasts() -> View {
    let app = use_app();
    let toasts = app.toasts;
    view! {
        div(class="toasts", role="status", aria-live="polite") {
            Keyed(
                list=toasts,
                view=move |toast| {
                    let id = toast.id;
                    let class = match toast.kind {
                        ToastKind::Success => "toast toast-success",
                        ToastKind::Error => "toast toast-error",
                    };
                    view! {
                        div(class=class, data-testid="toast") {
                            span { (toast.text) }
                            button(class="toast-close", aria-label="×",
                                on:click=move |_| toasts.update(|all| all.retain(|t| t.id != id))) { "×" }
                        }
                    }
                },
                key=|toast| toast.id,
            )
        }
    }
}
