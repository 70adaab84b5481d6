//! Forms: a labelled field with its problem under it, and the state of a form being sent.

use dropit_sdk::{ApiFailure, types::FieldErrorBody};
use sycamore::prelude::*;

use crate::validation::Problem;

/// A form's state: whether the person tried to send it (problems show from then on), the
/// API's field errors from the last attempt, and whether a request is on its way.
#[derive(Clone, Copy)]
pub struct Form {
    pub submitted: Signal<bool>,
    pub busy: Signal<bool>,
    api_fields: Signal<Vec<FieldErrorBody>>,
}

impl Form {
    pub fn new() -> Self {
        Self { submitted: create_signal(false), busy: create_signal(false), api_fields: create_signal(Vec::new()) }
    }

    /// The problem to show under `field`: the API's, else the local rule's once submitted.
    pub fn problem(
        &self,
        field: &'static str,
        value: Signal<String>,
        rule: impl Fn(&str) -> Problem + 'static,
    ) -> ReadSignal<Option<String>> {
        let Form { submitted, api_fields, .. } = *self;
        create_memo(move || {
            let from_api = api_fields.with(|f| f.iter().find(|e| e.field == field).map(|e| e.message.clone()));
            from_api.or_else(|| if submitted.get() { rule(&value.get_clone()).map(str::to_owned) } else { None })
        })
    }

    /// Starts sending if every rule passes; answers whether to go on.
    pub fn start(&self, valid: bool) -> bool {
        self.submitted.set(true);
        self.api_fields.set(Vec::new());
        if valid && !self.busy.get() {
            self.busy.set(true);
            true
        } else {
            false
        }
    }

    /// The request ended; a validation failure puts its messages under the fields.
    pub fn done(&self, outcome: Option<&ApiFailure>) {
        self.busy.set(false);
        if let Some(ApiFailure::Api { fields, .. }) = outcome {
            self.api_fields.set(fields.clone());
        }
    }
}

/// The select an event came from.
pub fn select_of(ev: &web_sys::Event) -> Option<web_sys::HtmlSelectElement> {
    use wasm_bindgen::JsCast;
    ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
}

/// Keeps `signal` in step with a `select`. `bind:value` listens to `input`, which some drivers
/// (WebDriver among them) do not send for a select; every browser sends `change`.
pub fn picked(signal: Signal<String>) -> impl FnMut(web_sys::Event) {
    move |ev: web_sys::Event| {
        if let Some(select) = select_of(&ev) {
            signal.set(select.value());
        }
    }
}

/// A text input bound to `value`, with its problem under it.
#[component(inline_props)]
pub fn Field(
    label: &'static str,
    name: &'static str,
    value: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    problem: ReadSignal<Option<String>>,
) -> View {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let (label_for, described) = (id.clone(), error_id.clone());
    view! {
        div(class="field") {
            label(r#for=label_for) { (label) }
            input(id=id, name=name, r#type=kind, autocomplete=autocomplete, bind:value=value,
                aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" },
                aria-describedby=described)
            p(id=error_id, class="field-error") { (move || problem.get_clone().unwrap_or_default()) }
        }
    }
}
