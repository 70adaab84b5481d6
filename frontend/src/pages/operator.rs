//! PAGE-PENDING: Operator.

use sycamore::prelude::*;

use crate::components::layout::Layout;

#[component]
pub fn Operator() -> View {
    view! { Layout(title="nav.operator") { p { "…" } } }
}
