//! The DropIt athlete app: today's session and the coming days with every load computed on the
//! phone, logging sets in a gym with no network, and an outbox that sends each log exactly
//! once when the server is back. Everything it knows comes from the API through the SDK.

mod app;
mod components;
mod device;
mod logbook;
mod outbox;
mod pages;
mod program;
mod state;
mod store;
mod timers;

fn main() {
    components::crash::install();
    // IndexedDB opens asynchronously; the app needs it before its first screen, which is
    // drawn from the cache.
    wasm_bindgen_futures::spawn_local(async {
        let store = store::Store::open().await;
        sycamore::render(move || match store {
            Ok(store) => sycamore::prelude::view! { app::App(store=store) },
            Err(error) => components::crash::no_storage(&error),
        });
    });
}
