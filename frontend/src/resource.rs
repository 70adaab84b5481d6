//! Data a page loads from the API: loading, loaded or failed, and loaded again on demand.

use std::{future::Future, rc::Rc};

use dropit_sdk::ApiFailure;
use sycamore::{futures::spawn_local_scoped, prelude::*};

#[derive(Clone, Debug, PartialEq)]
pub enum Loadable<T> {
    Loading,
    Ready(T),
    Failed(ApiFailure),
}

type Fetch<T> = Rc<dyn Fn() -> std::pin::Pin<Box<dyn Future<Output = Result<T, ApiFailure>>>>>;

/// A value fetched from the API, which `reload` fetches again.
pub struct Resource<T: 'static> {
    pub state: Signal<Loadable<T>>,
    fetch: Fetch<T>,
}

impl<T: 'static> Clone for Resource<T> {
    fn clone(&self) -> Self {
        Self { state: self.state, fetch: Rc::clone(&self.fetch) }
    }
}

impl<T: Clone + 'static> Resource<T> {
    /// Starts fetching at once; `fetch` is called again by `reload`.
    pub fn new<F, Fut>(fetch: F) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<T, ApiFailure>> + 'static,
    {
        let resource = Self { state: create_signal(Loadable::Loading), fetch: Rc::new(move || Box::pin(fetch())) };
        resource.reload();
        resource
    }

    pub fn reload(&self) {
        let state = self.state;
        let future = (self.fetch)();
        spawn_local_scoped(async move {
            let answer = future.await;
            state.set(match answer {
                Ok(value) => Loadable::Ready(value),
                Err(failure) => Loadable::Failed(failure),
            });
        });
    }

    /// The loaded value, if any (tracked).
    pub fn ready(&self) -> Option<T> {
        self.state.with(|s| match s {
            Loadable::Ready(value) => Some(value.clone()),
            _ => None,
        })
    }

    /// Changes the loaded value in place (after a write the API confirmed).
    pub fn update(&self, change: impl FnOnce(&mut T)) {
        self.state.update(|s| {
            if let Loadable::Ready(value) = s {
                change(value);
            }
        });
    }
}
