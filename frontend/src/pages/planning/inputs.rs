//! Reading form controls from their events. A `<select>` bound with `bind:value` follows its
//! `input` event; some ways of choosing (older automation, some assistive tools) only send
//! `change`, so the selects here listen to both.

use sycamore::prelude::*;

/// An `on:change` handler that keeps `value` equal to the select's value.
pub fn follow_select(value: Signal<String>) -> impl Fn(web_sys::Event) {
    move |ev: web_sys::Event| {
        if let Some(select) = crate::components::field::select_of(&ev) {
            let chosen = select.value();
            if value.with_untracked(|v| *v != chosen) {
                value.set(chosen);
            }
        }
    }
}
