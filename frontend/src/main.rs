//! The DropIt web back office: coaches, club administrators and operators. Everything it
//! knows comes from the API through the generated SDK; what it shows comes from the same
//! permission matrix as the server.

mod app;
mod components;
mod pages;
mod resource;
mod state;
mod validation;

// Shared with the mobile app.
use dropit_ui::{format, loads};

fn main() {
    components::crash::install();
    sycamore::render(app::App);
}
