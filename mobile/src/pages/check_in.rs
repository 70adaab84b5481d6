//! The daily readiness check-in: sleep, soreness, stress and mood from 1 (bad) to 5 (good) and
//! a note, in four taps. It goes through the outbox like a log, so it works offline; the day's
//! check-in is remembered on the phone.

use dropit_sdk::types;
use dropit_ui::format;
use serde::{Deserialize, Serialize};
use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::navigate;

use crate::{
    device,
    outbox::{Item, OutboxEntry},
    state::{t, use_app},
};

/// The day's check-in as the phone remembers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub date: String,
    pub check_in: types::ReadinessInput,
}

pub fn key(user: &str, club: &str) -> String {
    format!("check-in:{user}:{club}")
}

/// The four questions: field name and its words.
const QUESTIONS: [(&str, &str, &str, &str); 4] = [
    ("sleep", "mobile.check_in.sleep", "mobile.check_in.sleep_low", "mobile.check_in.sleep_high"),
    ("soreness", "mobile.check_in.soreness", "mobile.check_in.soreness_low", "mobile.check_in.soreness_high"),
    ("stress", "mobile.check_in.stress", "mobile.check_in.stress_low", "mobile.check_in.stress_high"),
    ("mood", "mobile.check_in.mood", "mobile.check_in.mood_low", "mobile.check_in.mood_high"),
];

#[component]
pub fn CheckInPage() -> View {
    let app = use_app();
    let today = format::today().to_string();
    let scores: [Signal<u8>; 4] = std::array::from_fn(|_| create_signal(0));
    let note = create_signal(String::new());
    let done_today = create_signal(false);
    let busy = create_signal(false);
    let missing = create_signal(false);

    // Today's check-in, when there is one, comes back to be changed.
    let (user, club) =
        (app.user.get_clone_untracked().unwrap_or_default(), app.club.get_clone_untracked().unwrap_or_default());
    let store = app.store.clone();
    let kept_key = key(&user, &club);
    let day = today.clone();
    spawn_local_scoped(async move {
        if let Ok(Some(kept)) = store.cached::<Kept>(&kept_key).await
            && kept.date == day
        {
            let c = kept.check_in;
            for (signal, value) in scores.iter().zip([c.sleep, c.soreness, c.stress, c.mood]) {
                signal.set(value);
            }
            note.set(c.note);
            done_today.set(true);
        }
    });

    let questions: Vec<View> = QUESTIONS
        .iter()
        .zip(scores)
        .map(|(&(field, label, low, high), score)| {
            let buttons: Vec<View> = (1..=5u8)
                .map(|value| {
                    view! {
                        button(class="score", r#type="button", data-testid="score", data-field=field, data-value=value.to_string(),
                            aria-pressed=move || (score.get() == value).to_string(), on:click=move |_| score.set(value)) {
                            (value.to_string())
                        }
                    }
                })
                .collect();
            view! {
                fieldset(class="question", data-testid="question", data-field=field) {
                    legend { (t(label)) }
                    div(class="scores") { (buttons) }
                    div(class="score-ends hint") { span { (t(low)) } span { (t(high)) } }
                }
            }
        })
        .collect();

    let submit = move |_| {
        if busy.get() {
            return;
        }
        let [sleep, soreness, stress, mood] = scores.map(|s| s.get());
        if [sleep, soreness, stress, mood].contains(&0) {
            missing.set(true);
            return;
        }
        missing.set(false);
        let (Some(user), Some(club)) = (app.user.get_clone_untracked(), app.club.get_clone_untracked()) else { return };
        let check_in = types::ReadinessInput {
            mood,
            note: note.get_clone().trim().chars().take(500).collect(),
            sleep,
            soreness,
            stress,
        };
        let kept = Kept { date: today.clone(), check_in: check_in.clone() };
        let entry = OutboxEntry {
            user_id: user.clone(),
            club: club.clone(),
            queued_at: device::now_ms(),
            item: Item::Readiness { date: today.clone(), check_in },
            refused: None,
        };
        busy.set(true);
        let app = app.clone();
        spawn_local_scoped(async move {
            match app.outbox.enqueue(entry).await {
                Ok(()) => {
                    let _ = app.store.cache(&key(&user, &club), &kept).await;
                    app.tell(t("mobile.check_in.saved"));
                    navigate("/m/");
                }
                Err(error) => {
                    busy.set(false);
                    app.tell(error.to_string());
                }
            }
        });
    };

    view! {
        h1 { (t("mobile.check_in.title")) }
        p(class="hint") { (t("mobile.check_in.intro")) }
        (move || done_today.get().then(|| view! { p(class="badge badge-done", data-testid="checked-in") { (t("mobile.check_in.done")) } }))
        div(class="card") {
            (questions)
            div(class="field") {
                label(r#for="check-in-note") { (t("mobile.check_in.note")) }
                input(id="check-in-note", name="check_in_note", r#type="text", maxlength="500", bind:value=note)
            }
            (move || missing.get().then(|| view! { p(class="form-error", role="alert") { (t("mobile.check_in.missing")) } }))
            button(class="button button-primary button-big", r#type="button", data-testid="check-in-send",
                disabled=move || busy.get(), on:click=submit) { (t("mobile.check_in.send")) }
        }
    }
}
