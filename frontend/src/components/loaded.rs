//! How a page shows data it waits for: a loading state, the data, or what went wrong with a
//! way to try again. This is each page's error boundary: a failed call fills its own panel
//! and the rest of the app goes on.

use sycamore::prelude::*;

use crate::{
    resource::{Loadable, Resource},
    state::{failure_text, t},
};

pub fn loaded<T: Clone + 'static>(resource: &Resource<T>, view: impl Fn(T) -> View + 'static) -> View {
    let resource = resource.clone();
    let state = resource.state;
    View::from_dynamic(move || match state.get_clone() {
        Loadable::Loading => view! {
            div(class="loading", aria-busy="true") { span(class="spinner") (t("common.loading")) }
        },
        Loadable::Ready(value) => view(value),
        Loadable::Failed(failure) => {
            let retry = resource.clone();
            view! {
                div(class="panel panel-error", role="alert", data-testid="page-error") {
                    p { (failure_text(&failure)) }
                    button(class="button", on:click=move |_| {
                        retry.state.set(Loadable::Loading);
                        retry.reload();
                    }) { (t("common.retry")) }
                }
            }
        }
    })
}

/// A list with nothing in it yet says so.
pub fn empty(key: &'static str) -> View {
    view! { p(class="empty", data-testid="empty") { (t(key)) } }
}
