//! A modal dialog. It is the browser's own `<dialog>` opened with `showModal()`: the page
//! behind becomes inert, focus moves into the dialog (to the element marked `autofocus`, else
//! the first control) and stays there, Escape closes it and focus returns where it was. The
//! `open` signal drives it both ways.

use std::cell::Cell;

use sycamore::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::t;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// `children` are built once; what changes inside follows signals (or a dynamic part).
#[component(inline_props)]
pub fn Dialog(
    open: Signal<bool>,
    /// The heading, which also names the dialog for screen readers.
    title: &'static str,
    #[prop(default = "dialog")] testid: &'static str,
    children: Children,
) -> View {
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        format!("dialog-{}", n.get())
    });
    let heading_id = format!("{id}-title");
    let labelled_by = heading_id.clone();
    let node = create_node_ref();
    on_mount(move || {
        create_effect(move || {
            let wanted = open.get();
            let Some(dialog) = node.try_get().and_then(|n| n.dyn_into::<web_sys::HtmlDialogElement>().ok()) else {
                return;
            };
            if wanted && !dialog.open() {
                let _ = dialog.show_modal();
            } else if !wanted && dialog.open() {
                dialog.close();
            }
        });
    });
    // A click on the dialog element itself is a click on the backdrop around the body.
    let backdrop = move |ev: web_sys::MouseEvent| {
        let on_backdrop = ev.target().zip(node.try_get()).is_some_and(|(target, dialog)| {
            target.dyn_ref::<web_sys::Node>().is_some_and(|t| t.is_same_node(Some(&dialog)))
        });
        if on_backdrop {
            open.set(false);
        }
    };
    view! {
        dialog(r#ref=node, id=id, class="dialog", role="dialog", aria-modal="true", aria-labelledby=labelled_by,
            data-testid=testid, on:close=move |_| open.set(false), on:click=backdrop) {
            div(class="dialog-body") {
                div(class="dialog-head") {
                    h2(id=heading_id) { (t(title)) }
                    button(r#type="button", class="button button-quiet dialog-close", aria-label=t("common.close"),
                        data-testid="dialog-close", on:click=move |_| open.set(false)) { "×" }
                }
                (children)
            }
        }
    }
}
