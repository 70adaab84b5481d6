//! A planned session's lines with the athlete's loads. The API computes loads only for the
//! athlete's own sessions, so for the coach the browser computes them with the server's engine
//! from the athlete's maxima, bar and the club's plates: what the athlete's app will show.

use dropit_sdk::types;
use sycamore::prelude::*;

use super::{data::Names, session_lines::SessionLines};
use crate::{components::loaded::loaded, loads::LoadSetup, resource::Resource, state::use_app};

#[component(inline_props)]
pub fn LinesWithLoads(club: String, session: types::PlannedSessionBody, exercises: Names) -> View {
    if !session.loads.is_empty() {
        return view! { SessionLines(session=session, exercises=exercises) };
    }
    let api = use_app().api.clone();
    let athlete = session.athlete_id.clone();
    let setup = Resource::new(move || {
        let (api, club, athlete) = (api.clone(), club.clone(), athlete.clone());
        async move {
            let loading = api.call(|a| a.club_loading_get().club(&club).send()).await?;
            let maxima = api.call(|a| a.athlete_maxima().club(&club).athlete(&athlete).send()).await?;
            // A member planned before their profile exists trains on the club's bar.
            let bar =
                api.call(|a| a.athlete_get().club(&club).athlete(&athlete).send()).await.ok().and_then(|a| a.bar_kg);
            Ok(LoadSetup::new(&loading, bar, &maxima))
        }
    });
    loaded(&setup, move |setup| {
        let mut session = session.clone();
        if let Some(setup) = setup {
            session.loads = setup.line_loads(&session.lines, session.basis);
        }
        let exercises = exercises.clone();
        view! { SessionLines(session=session, exercises=exercises) }
    })
}
