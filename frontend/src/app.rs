//! The app: its routes, the session restored from the browser's cookie, and the frame that
//! renders the current page again when the language changes.

use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::{HistoryIntegration, Route, Router, navigate_replace};

use crate::{
    components::toasts::{Toasts, after},
    pages,
    state::{AppState, t, use_app},
};

/// Every page has an address, so a deep link or a reload lands on it.
#[derive(Route, Clone, Debug, PartialEq)]
pub enum AppRoute {
    #[to("/")]
    Home,
    #[to("/login")]
    LogIn,
    #[to("/signup")]
    SignUp,
    #[to("/password-reset")]
    PasswordReset,
    /// The link of the password-reset email.
    #[to("/reset-password/<token>")]
    ResetPassword { token: String },
    /// The link of the email-change confirmation email.
    #[to("/confirm-email/<token>")]
    ConfirmEmail { token: String },
    #[to("/invitations/<token>")]
    Invitation { token: String },
    #[to("/onboarding")]
    Onboarding,
    #[to("/operator")]
    Operator,
    #[to("/account")]
    Account,
    #[to("/c/<club>")]
    Dashboard { club: String },
    #[to("/c/<club>/members")]
    Members { club: String },
    #[to("/c/<club>/athletes")]
    Athletes { club: String },
    #[to("/c/<club>/athletes/<id>")]
    Athlete { club: String, id: String },
    #[to("/c/<club>/exercises")]
    Exercises { club: String },
    #[to("/c/<club>/workouts")]
    Workouts { club: String },
    #[to("/c/<club>/workouts/<id>")]
    WorkoutBuilder { club: String, id: String },
    #[to("/c/<club>/planning")]
    Planning { club: String },
    #[to("/c/<club>/logs")]
    Logs { club: String },
    #[to("/c/<club>/settings")]
    Settings { club: String },
    #[to("/c/<club>/audit")]
    Audit { club: String },
    #[to("/c/<club>/transfer")]
    Transfer { club: String },
    #[not_found]
    NotFound,
}

#[component]
pub fn App() -> View {
    let app = AppState::new();
    provide_context(app.clone());
    let restoring = app.clone();
    spawn_local_scoped(async move {
        // A browser keeps its refresh token in an httpOnly cookie: a reload signs back in.
        let signed_in = restoring.api.refresh().await.is_ok() && restoring.reload_me().await.is_ok();
        if signed_in {
            restoring.adopt_profile_language();
        } else {
            restoring.signed_out();
        }
    });
    let known = create_selector(move || app.me.with(Option::is_some));
    let locale = app.locale;
    view! {
        Router(integration=HistoryIntegration::new(), view=move |route: ReadSignal<AppRoute>| {
            view! {
                (move || {
                    locale.track();
                    if !known.get() {
                        return view! { div(class="splash", aria-busy="true") { span(class="spinner") (t("common.loading")) } };
                    }
                    page(route.get_clone())
                })
                Toasts()
            }
        })
    }
}

fn page(route: AppRoute) -> View {
    match route {
        AppRoute::Home => view! { Home() },
        AppRoute::LogIn => view! { pages::log_in::LogIn() },
        AppRoute::SignUp => view! { pages::sign_up::SignUp() },
        AppRoute::PasswordReset => view! { pages::password_reset::PasswordReset() },
        AppRoute::ResetPassword { token } => view! { pages::password_reset::PasswordReset(token=token) },
        AppRoute::ConfirmEmail { token } => view! { pages::confirm_email::ConfirmEmail(token=token) },
        AppRoute::Invitation { token } => view! { pages::invitation::Invitation(token=token) },
        AppRoute::Onboarding => view! { pages::onboarding::Onboarding() },
        AppRoute::Operator => view! { pages::operator::Operator() },
        AppRoute::Account => view! { pages::account::Account() },
        AppRoute::Dashboard { club } => view! { pages::dashboard::Dashboard(club=club) },
        AppRoute::Members { club } => view! { pages::members::Members(club=club) },
        AppRoute::Athletes { club } => view! { pages::athletes::Athletes(club=club) },
        AppRoute::Athlete { club, id } => view! { pages::athlete::Athlete(club=club, id=id) },
        AppRoute::Exercises { club } => view! { pages::exercises::Exercises(club=club) },
        AppRoute::Workouts { club } => view! { pages::workouts::Workouts(club=club) },
        AppRoute::WorkoutBuilder { club, id } => view! { pages::workout_builder::WorkoutBuilder(club=club, id=id) },
        AppRoute::Planning { club } => view! { pages::planning::Planning(club=club) },
        AppRoute::Logs { club } => view! { pages::logs::Logs(club=club) },
        AppRoute::Settings { club } => view! { pages::settings::Settings(club=club) },
        AppRoute::Audit { club } => view! { pages::audit::Audit(club=club) },
        AppRoute::Transfer { club } => view! { pages::transfer::Transfer(club=club) },
        AppRoute::NotFound => view! { pages::not_found::NotFound() },
    }
}

/// `/` sends each person where they start: their first club, the operator console, or the
/// onboarding that creates a club.
#[component]
fn Home() -> View {
    let app = use_app();
    let target = match app.signed_in() {
        None => "/login".to_owned(),
        Some(me) => match me.clubs.first() {
            Some(club) => format!("/c/{}", club.slug),
            None if me.profile.is_operator => "/operator".to_owned(),
            None => "/onboarding".to_owned(),
        },
    };
    // Not while the router renders this page: a route change in the middle is lost.
    after(0, move || navigate_replace(&target));
    view! {}
}
