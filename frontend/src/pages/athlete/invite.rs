//! Inviting an athlete the coach manages to sign in themselves: the invitation carries the
//! athlete's id, so the new account takes over this profile. The link is shown to be shared
//! by hand as well.

use dropit_sdk::types::{ClubRoleName, InvitationRequest};
use sycamore::{futures::spawn_local_scoped, prelude::*};

use crate::{
    components::field::{Field, Form},
    state::{t, use_app},
    validation,
};

#[component(inline_props)]
pub fn InviteAthlete(club: String, athlete_id: String, invited: Signal<bool>) -> View {
    let app = use_app();
    let email = create_signal(String::new());
    let form = Form::new();
    let problem = form.problem("email", email, validation::email);
    let link = create_signal(None::<String>);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if !form.start(validation::email(&email.get_clone()).is_none()) {
            return;
        }
        let (app, club, athlete_id) = (app.clone(), club.clone(), athlete_id.clone());
        spawn_local_scoped(async move {
            let request = InvitationRequest {
                email: email.get_clone().trim().to_owned(),
                role: ClubRoleName::Athlete,
                athlete_id: Some(athlete_id),
            };
            match app.api.call(|a| a.invitation_create().club(&club).body(request.clone()).send()).await {
                Ok(issued) => {
                    form.done(None);
                    app.success("athletes.invited");
                    link.set(Some(issued.link));
                    invited.set(true);
                }
                Err(failure) => {
                    form.done(Some(&failure));
                    app.failure(&failure);
                }
            }
        });
    };
    view! {
        div(class="invite", data-testid="invite") {
            form(class="form invite-form", on:submit=submit, novalidate=true, hidden=move || link.with(Option::is_some)) {
                h3 { (t("athletes.invite_title")) }
                p(class="hint") { (t("athletes.invite_explain")) }
                Field(label=t("auth.email"), name="email", value=email, kind="email", autocomplete="email", problem=problem)
                div(class="actions") {
                    button(class="button", r#type="submit", data-testid="invite-send", disabled=move || form.busy.get()) {
                        (t("athletes.invite"))
                    }
                }
            }
            (move || link.get_clone().map(|link| view! {
                label(class="label", r#for="invitation-link") { (t("athletes.invite_link")) }
                input(id="invitation-link", class="copy-link", readonly=true, value=link, data-testid="invitation-link")
                p(class="hint") { (t("athletes.invite_link_hint")) }
            }))
        }
    }
}
