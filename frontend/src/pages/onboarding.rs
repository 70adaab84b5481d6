//! The onboarding wizard: name the club, say what bar and rounding it uses, invite a first
//! coach, then land on the club's dashboard.

use dropit_sdk::types;
use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::navigate;

use crate::{
    components::{
        field::{Field, Form, picked},
        layout::Layout,
        toasts::after,
    },
    state::{failure_text, t, use_app},
    validation,
};

#[component]
pub fn Onboarding() -> View {
    let app = use_app();
    if app.signed_in().is_none() {
        after(0, || navigate("/login?next=/onboarding"));
        return view! {};
    }
    let step = create_signal(1u8);
    let slug = create_signal(String::new());
    const STEPS: [&str; 3] = ["onboarding.step_club", "onboarding.step_loading", "onboarding.step_invite"];
    let progress: Vec<View> = STEPS
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let n = i as u8 + 1;
            view! {
                li(class=move || if step.get() == n { "step current" } else if step.get() > n { "step done" } else { "step" },
                   aria-current=move || if step.get() == n { "step" } else { "false" }) { (t(key)) }
            }
        })
        .collect();
    view! {
        Layout(title="onboarding.title") {
            ol(class="wizard-steps") { (progress) }
            (move || match step.get() {
                1 => view! { ClubStep(step=step, slug=slug) },
                2 => view! { LoadingStep(step=step, slug=slug.get_clone()) },
                _ => view! { InviteStep(slug=slug.get_clone()) },
            })
        }
    }
}

#[component(inline_props)]
fn ClubStep(step: Signal<u8>, slug: Signal<String>) -> View {
    let app = use_app();
    let name = create_signal(String::new());
    let address = create_signal(String::new());
    let edited = create_signal(false);
    // The address follows the name until the person types one.
    create_effect(move || {
        let suggested = validation::slug_from(&name.get_clone());
        if !edited.get_untracked() {
            address.set(suggested);
        }
    });
    let form = Form::new();
    let name_problem = form.problem("name", name, |v| validation::required(v, 120));
    let slug_problem = form.problem("slug", address, validation::slug);
    let failed = create_signal(None::<String>);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let valid =
            validation::required(&name.get_clone(), 120).is_none() && validation::slug(&address.get_clone()).is_none();
        if !form.start(valid) {
            return;
        }
        let app = app.clone();
        spawn_local_scoped(async move {
            let request = types::NewClubRequest { name: name.get_clone().trim().to_owned(), slug: address.get_clone() };
            match app.api.call(|a| a.club_create().body(request.clone()).send()).await {
                Ok(club) => {
                    form.done(None);
                    let _ = app.reload_me().await;
                    app.success("onboarding.created");
                    slug.set(club.slug);
                    step.set(2);
                }
                Err(failure) => {
                    failed.set(Some(failure_text(&failure)));
                    form.done(Some(&failure));
                }
            }
        });
    };
    view! {
        form(class="card form", on:submit=submit, novalidate=true, data-testid="club-step") {
            Field(label=t("onboarding.club_name"), name="name", value=name, problem=name_problem)
            div(on:input=move |_| edited.set(true)) {
                Field(label=t("onboarding.club_slug"), name="slug", value=address, problem=slug_problem)
            }
            p(class="hint") { (t("onboarding.slug_hint")) }
            (move || failed.get_clone().map(|text| view! { p(class="form-error", role="alert") { (text) } }))
            button(class="button button-primary", r#type="submit", disabled=move || form.busy.get()) { (t("onboarding.create")) }
        }
    }
}

#[component(inline_props)]
fn LoadingStep(step: Signal<u8>, slug: String) -> View {
    let app = use_app();
    let bar = create_signal("20".to_owned());
    let rounding = create_signal("nearest".to_owned());
    let busy = create_signal(false);
    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let (app, slug) = (app.clone(), slug.clone());
        busy.set(true);
        spawn_local_scoped(async move {
            let current = app.api.call(|a| a.club_loading_get().club(&slug).send()).await;
            let outcome = match current {
                Ok(mut loading) => {
                    loading.bar_kg = bar.get_clone().replace(',', ".").parse().unwrap_or(loading.bar_kg);
                    loading.rounding = match rounding.get_clone().as_str() {
                        "floor" => types::RoundingName::Floor,
                        "ceil" => types::RoundingName::Ceil,
                        _ => types::RoundingName::Nearest,
                    };
                    app.api.call(|a| a.club_loading_set().club(&slug).body(loading.clone()).send()).await.map(|_| ())
                }
                Err(failure) => Err(failure),
            };
            busy.set(false);
            match outcome {
                Ok(()) => step.set(3),
                Err(failure) => app.failure(&failure),
            }
        });
    };
    view! {
        form(class="card form", on:submit=save, data-testid="loading-step") {
            p { (t("onboarding.loading_explain")) }
            div(class="field") {
                label(r#for="bar") { (t("settings.bar_kg")) }
                select(id="bar", bind:value=bar, on:change=picked(bar)) {
                    option(value="20") { "20 kg" } option(value="15") { "15 kg" } option(value="10") { "10 kg" }
                }
            }
            div(class="field") {
                label(r#for="rounding") { (t("settings.rounding")) }
                select(id="rounding", bind:value=rounding, on:change=picked(rounding)) {
                    option(value="nearest") { (t("settings.rounding_nearest")) }
                    option(value="floor") { (t("settings.rounding_floor")) }
                    option(value="ceil") { (t("settings.rounding_ceil")) }
                }
            }
            div(class="actions") {
                button(class="button button-quiet", r#type="button", on:click=move |_| step.set(3)) { (t("common.skip")) }
                button(class="button button-primary", r#type="submit", disabled=move || busy.get()) { (t("common.next")) }
            }
        }
    }
}

#[component(inline_props)]
fn InviteStep(slug: String) -> View {
    let app = use_app();
    let email = create_signal(String::new());
    let form = Form::new();
    let problem = form.problem("email", email, validation::email);
    let link = create_signal(None::<String>);
    let club = slug.clone();
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if !form.start(validation::email(&email.get_clone()).is_none()) {
            return;
        }
        let (app, slug) = (app.clone(), slug.clone());
        spawn_local_scoped(async move {
            let request = types::InvitationRequest {
                email: email.get_clone().trim().to_owned(),
                role: types::ClubRoleName::Coach,
                athlete_id: None,
            };
            match app.api.call(|a| a.invitation_create().club(&slug).body(request.clone()).send()).await {
                Ok(issued) => {
                    form.done(None);
                    app.success("members.invited");
                    link.set(Some(issued.link));
                }
                Err(failure) => {
                    app.failure(&failure);
                    form.done(Some(&failure));
                }
            }
        });
    };
    let finish = format!("/c/{club}");
    view! {
        form(class="card form", on:submit=submit, novalidate=true, data-testid="invite-step") {
            p { (t("onboarding.invite_explain")) }
            Field(label=t("onboarding.coach_email"), name="email", value=email, kind="email", problem=problem)
            (move || link.get_clone().map(|link| view! {
                p(class="hint") { (t("members.link_hint")) } input(class="copy-link", readonly=true, value=link, data-testid="invitation-link")
            }))
            div(class="actions") {
                button(class="button", r#type="submit", disabled=move || form.busy.get()) { (t("onboarding.invite")) }
                a(class="button button-primary", href=finish, data-testid="finish") { (t("onboarding.finish")) }
            }
        }
    }
}
