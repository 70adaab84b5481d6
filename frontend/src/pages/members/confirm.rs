//! An action that asks first: its button opens, under it, an inline "are you sure?" with
//! confirm and cancel (Escape cancels too), so nothing irreversible happens on one click. The members, settings and
//! operator pages use it for removals, revocations, signing out everywhere and club states.

use std::rc::Rc;

use sycamore::{
    prelude::*,
    reactive::{NodeHandle, use_current_scope},
};
use wasm_bindgen::JsCast;

use crate::state::t;

/// `label` is the key of the button's text, `question` the text asked, `testid` the button's.
#[component(inline_props)]
pub fn Confirm(
    label: &'static str,
    question: String,
    testid: &'static str,
    #[prop(default = true)] danger: bool,
    busy: Option<ReadSignal<bool>>,
    action: Rc<dyn Fn()>,
) -> View {
    let asking = create_signal(false);
    // The action runs in this component's scope, not in the question's, which closes at once:
    // a request it starts must outlive the question.
    let owner = use_current_scope();
    let opener = create_node_ref();
    let class = if danger { "button button-danger" } else { "button" };
    view! {
        span(class="confirmable") {
            button(r#ref=opener, r#type="button", class=class, data-testid=testid,
                aria-expanded=move || if asking.get() { "true" } else { "false" },
                disabled=move || busy.is_some_and(|b| b.get()), on:click=move |_| asking.set(true)) { (t(label)) }
            (move || asking.get().then(|| {
                let (question, action) = (question.clone(), Rc::clone(&action));
                view! { Asking(question=question, asking=asking, opener=opener, owner=owner, action=action) }
            }))
        }
    }
}

/// The question with its two answers; it takes the focus so a keyboard user answers at once.
#[component(inline_props)]
fn Asking(question: String, asking: Signal<bool>, opener: NodeRef, owner: NodeHandle, action: Rc<dyn Fn()>) -> View {
    let confirm = create_node_ref();
    on_mount(move || focus(confirm));
    let cancel = move || {
        asking.set(false);
        focus(opener);
    };
    let escape = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            cancel();
        }
    };
    let label = question.clone();
    view! {
        span(class="confirm-panel", role="alertdialog", aria-label=label, on:keydown=escape) {
            span(class="confirm-question") { (question) }
            button(r#ref=confirm, r#type="button", class="button button-danger", data-testid="confirm", on:click=move |_| {
                asking.set(false);
                owner.run_in(|| action());
            }) { (t("club.confirm")) }
            button(r#type="button", class="button button-quiet", data-testid="confirm-cancel", on:click=move |_| cancel()) { (t("common.cancel")) }
        }
    }
}

fn focus(node: NodeRef) {
    if let Some(element) = node.try_get().and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}
