//! A line's sets: repetitions and intensity per set (a percentage range of a reference lift,
//! a load, an RPE or free), added one by one, copied from the last, or typed at once
//! (`5x3@75`); with each set's load for the previewed athlete.

use sycamore::prelude::*;

use super::{
    draft::{self, Kind, SetDraft},
    model::{LineState, SetState, use_builder},
    preview::LoadCell,
};
use crate::state::{ToastKind, t, use_app};

/// A reference lift as people read it.
pub fn lift_text(lift: &str) -> &'static str {
    match lift {
        "snatch" => t("workouts.lift.snatch"),
        "clean" => t("workouts.lift.clean"),
        "jerk" => t("workouts.lift.jerk"),
        "clean_and_jerk" => t("workouts.lift.clean_and_jerk"),
        "back_squat" => t("workouts.lift.back_squat"),
        "front_squat" => t("workouts.lift.front_squat"),
        _ => t("workouts.lift.none"),
    }
}

fn kind_text(kind: Kind) -> &'static str {
    match kind {
        Kind::Percent => t("workouts.kind.percent"),
        Kind::Kg => t("workouts.kind.kg"),
        Kind::Rpe => t("workouts.kind.rpe"),
        Kind::Free => t("workouts.kind.free"),
    }
}

#[component(inline_props)]
pub fn Sets(line: LineState, index: ReadSignal<usize>) -> View {
    let builder = use_builder();
    let count = create_memo(move || line.sets.with(Vec::len));
    let full = move || {
        let full = line.sets.with_untracked(Vec::len) >= draft::MAX_SETS;
        if full {
            use_app().toast(ToastKind::Error, t("workouts.too_many_sets"));
        }
        full
    };
    let push = move |sets: Vec<SetDraft>| {
        let room = draft::MAX_SETS.saturating_sub(line.sets.with_untracked(Vec::len));
        let added: Vec<SetState> = sets.iter().take(room).map(|s| builder.set(s)).collect();
        line.sets.update(|all| all.extend(added));
    };
    let add = move |_| {
        if !full() {
            push(vec![SetDraft::blank(&builder.default_lift(line))]);
        }
    };
    let copy = move |_| {
        let last = line.sets.with_untracked(|sets| sets.last().map(|s| s.snapshot()));
        if let Some(last) = last
            && !full()
        {
            push(vec![last]);
        }
    };
    let quick = create_signal(String::new());
    let quick_problem = create_signal(false);
    let add_quick = move || match draft::quick_sets(&quick.get_clone(), &builder.default_lift(line)) {
        Some((count, set)) if !full() => {
            push(vec![set; count]);
            quick.set(String::new());
            quick_problem.set(false);
        }
        Some(_) => {}
        None => quick_problem.set(true),
    };
    let sets_problem = create_memo(move || builder.problem(&format!("lines[{}].sets", index.get())));
    let quick_id = format!("quick-{}", line.key);
    let quick_for = quick_id.clone();
    view! {
        div(class="sets") {
            ol(class="set-list") {
                Keyed(list=line.sets, view=move |set| view! { SetRow(line=line, set=set, index=index) }, key=|set| set.key)
            }
            p(class="hint", hidden=move || count.get() > 0) { (t("workouts.no_sets")) }
            p(class="field-error") { (move || sets_problem.get_clone().unwrap_or_default()) }
            div(class="set-actions", hidden=!builder.editable) {
                button(class="button", r#type="button", data-testid="add-set", on:click=add) { (t("workouts.add_set")) }
                button(class="button", r#type="button", data-testid="copy-set", disabled=move || count.get() == 0, on:click=copy) {
                    (t("workouts.copy_set"))
                }
                div(class="quick") {
                    label(r#for=quick_for) { (t("workouts.quick")) }
                    input(id=quick_id, name="quick-sets", data-testid="quick-sets", bind:value=quick, placeholder="5x3@75",
                        size="10", aria-invalid=move || if quick_problem.get() { "true" } else { "false" },
                        // Enter adds the sets instead of saving the whole workout.
                        on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" {
                            ev.prevent_default();
                            add_quick();
                        })
                    button(class="button", r#type="button", data-testid="quick-add", on:click=move |_| add_quick()) { (t("common.add")) }
                }
            }
            p(class="hint", hidden=move || !quick_problem.get()) { (t("workouts.quick_hint")) }
        }
    }
}

#[component(inline_props)]
fn SetRow(line: LineState, set: SetState, index: ReadSignal<usize>) -> View {
    let builder = use_builder();
    let key = set.key;
    let position = create_memo(move || line.sets.with(|sets| sets.iter().position(|s| s.key == key).unwrap_or(0)));
    let problem = move |field: &'static str| {
        create_memo(move || builder.problem(&format!("lines[{}].sets[{}].{field}", index.get(), position.get())))
    };
    let reps_problem = problem("reps");
    let min_problem = problem("intensity.min");
    let max_problem = problem("intensity.max");
    let of_problem = problem("intensity.of");
    let kg_problem = problem("intensity.kg");
    let invalid = |p: ReadSignal<Option<String>>| move || if p.with(Option::is_some) { "true" } else { "false" };
    let problems = create_memo(move || {
        [reps_problem, min_problem, max_problem, of_problem, kg_problem]
            .iter()
            .filter_map(|p| p.get_clone())
            .collect::<Vec<_>>()
            .join(" · ")
    });
    let change_kind = move |ev: web_sys::Event| {
        let Some(select) = crate::components::field::select_of(&ev) else { return };
        let kind = Kind::parse(&select.value());
        if kind != set.kind.get_untracked() {
            // A percentage is not an RPE: the numbers of another kind would mislead.
            set.min.set(String::new());
            set.max.set(String::new());
            set.kind.set(kind);
        }
    };
    let kinds: Vec<View> = Kind::ALL
        .into_iter()
        .map(|kind| view! { option(value=kind.as_str(), selected=set.kind.get_untracked() == kind) { (kind_text(kind)) } })
        .collect();
    let remove = move |_| line.sets.update(|sets| sets.retain(|s| s.key != key));
    let intensity = move || match set.kind.get() {
        Kind::Percent => {
            let lifts: Vec<View> = draft::LIFTS
                .into_iter()
                .map(|lift| view! { option(value=lift, selected=set.of.with_untracked(|of| of == lift)) { (lift_text(lift)) } })
                .collect();
            view! {
                input(class="set-number", name="set-percent", data-testid="set-percent", inputmode="decimal", bind:value=set.min,
                    aria-label=t("workouts.percent_min"), placeholder="%", aria-invalid=invalid(min_problem))
                span(class="set-sep") { "–" }
                input(class="set-number", name="set-percent-max", data-testid="set-percent-max", inputmode="decimal", bind:value=set.max,
                    aria-label=t("workouts.percent_max"), placeholder="%", aria-invalid=invalid(max_problem))
                span(class="set-sep") { (t("workouts.percent_of")) }
                select(name="set-of", data-testid="set-of", aria-label=t("workouts.of"), aria-invalid=invalid(of_problem),
                    on:change=move |ev: web_sys::Event| {
                        if let Some(select) = crate::components::field::select_of(&ev) {
                            set.of.set(select.value());
                        }
                    }) {
                    option(value="", selected=set.of.with_untracked(String::is_empty)) { (t("workouts.of_choose")) }
                    (lifts)
                }
            }
        }
        Kind::Kg => view! {
            input(class="set-number", name="set-kg", data-testid="set-kg", inputmode="decimal", bind:value=set.kg,
                aria-label=t("workouts.kg"), placeholder="kg", aria-invalid=invalid(kg_problem))
            span(class="set-sep") { "kg" }
        },
        Kind::Rpe => view! {
            span(class="set-sep") { "RPE" }
            input(class="set-number", name="set-rpe", data-testid="set-rpe", inputmode="decimal", bind:value=set.min,
                aria-label=t("workouts.rpe_min"), aria-invalid=invalid(min_problem))
            span(class="set-sep") { "–" }
            input(class="set-number", name="set-rpe-max", inputmode="decimal", bind:value=set.max,
                aria-label=t("workouts.rpe_max"), aria-invalid=invalid(max_problem))
        },
        Kind::Free => view! { span(class="hint") { (t("workouts.free_hint")) } },
    };
    view! {
        li(class="set-row", data-testid="set") {
            span(class="set-index") { (move || (position.get() + 1).to_string()) }
            input(class="set-number", name="set-reps", data-testid="set-reps", inputmode="numeric", bind:value=set.reps,
                aria-label=t("workouts.reps"), placeholder=t("workouts.reps_short"), aria-invalid=invalid(reps_problem))
            span(class="set-sep") { "×" }
            select(name="set-kind", data-testid="set-kind", aria-label=t("workouts.kind"), on:change=change_kind) { (kinds) }
            (intensity)
            LoadCell(set=set)
            button(class="button button-quiet button-danger set-remove", r#type="button", data-testid="set-remove",
                hidden=!builder.editable, aria-label=t("workouts.remove_set"), title=t("workouts.remove_set"), on:click=remove) { "×" }
            p(class="field-error set-problems") { (move || problems.get_clone()) }
        }
    }
}
