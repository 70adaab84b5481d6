//! The printable workout sheet: one page per athlete with each set's load and plates. The API
//! writes it as a whole HTML page; opened from a Blob URL it would inherit this app's content
//! security policy and lose its inline style, so its body is put into the page instead, styled
//! by `transfer.css`, and printed from here with only the sheet visible. The raw page can be
//! downloaded as well.

use dropit_sdk::{ApiFailure, DropIt};
use sycamore::{futures::spawn_local_scoped, prelude::*};
use wasm_bindgen::JsCast;

use super::{Directory, dates, files};
use crate::{
    format,
    state::{AppState, ToastKind, t, use_app},
};

/// What the person asked for: the dates and `""`, `a:<athlete id>` or `g:<group id>`.
struct Asked {
    from: String,
    to: String,
    target: String,
}

/// What is done with a fetched sheet (or the failure to fetch it).
type Then = Box<dyn FnOnce(AppState, Asked, Result<String, ApiFailure>)>;

async fn fetch(api: &DropIt, club: &str, asked: &Asked) -> Result<String, ApiFailure> {
    let athlete = asked.target.strip_prefix("a:").map(str::to_owned);
    let group = asked.target.strip_prefix("g:").map(str::to_owned);
    let stream = api
        .call(|a| {
            let mut request = a.sheet_print().club(club).from(asked.from.clone()).to(asked.to.clone());
            if let Some(id) = &athlete {
                request = request.athlete_id(id.clone());
            }
            if let Some(id) = &group {
                request = request.group_id(id.clone());
            }
            request.send()
        })
        .await?;
    let bytes = files::collect(stream).await?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The body of the sheet's HTML, which the server writes with every text escaped. Only the
/// part from `<body` on is parsed: the page's own `<style>` would break this app's content
/// security policy even in a parsed document, and `transfer.css` styles the sheet instead.
fn body_of(html: &str) -> Option<String> {
    let from_body = html.find("<body").map_or(html, |at| &html[at..]);
    let parser = web_sys::DomParser::new().ok()?;
    let document = parser.parse_from_string(from_body, web_sys::SupportedType::TextHtml).ok()?;
    Some(document.body()?.inner_html())
}

#[component(inline_props)]
pub fn PrintSheet(club: String, directory: Directory) -> View {
    let app = use_app();
    let (monday, sunday) = dates::this_week(format::today());
    let from = create_signal(monday.to_string());
    let to = create_signal(sunday.to_string());
    let target = create_signal(String::new());
    let busy = create_signal(false);
    let shown = create_signal(false);
    let holder = create_node_ref();

    let targets = directory.target_options();

    // The dates and target, checked as the API checks them, or a toast saying what is wrong.
    let asked = {
        let app = app.clone();
        move || {
            let Some((start, end)) = dates::parsed(&from.get_clone_untracked(), &to.get_clone_untracked()) else {
                app.toast(ToastKind::Error, t("transfer.bad_dates"));
                return None;
            };
            if !dates::printable(start, end) {
                app.toast(ToastKind::Error, t("transfer.sheet_too_long"));
                return None;
            }
            Some(Asked { from: start.to_string(), to: end.to_string(), target: target.get_clone_untracked() })
        }
    };

    // The sheet asked for, fetched one request at a time, then handed to `then`.
    let fetched = {
        let (app, club) = (app.clone(), club.clone());
        move |then: Then| {
            if busy.get_untracked() {
                return;
            }
            let Some(asked) = asked() else { return };
            let (app, club) = (app.clone(), club.clone());
            busy.set(true);
            spawn_local_scoped(async move {
                let answer = fetch(&app.api, &club, &asked).await;
                busy.set(false);
                then(app, asked, answer);
            });
        }
    };

    let print = {
        let fetched = fetched.clone();
        move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            fetched(Box::new(move |app, _, answer| {
                let html = match answer {
                    Ok(html) => html,
                    Err(failure) => return app.failure(&failure),
                };
                let (Some(body), Some(node)) = (body_of(&html), holder.try_get()) else {
                    return app.toast(ToastKind::Error, t("transfer.sheet_unreadable"));
                };
                shown.set(true);
                if let Some(element) = node.dyn_ref::<web_sys::Element>() {
                    element.set_inner_html(&body);
                    element.scroll_into_view();
                }
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            }));
        }
    };

    let download = {
        let club = club.clone();
        move |_| {
            let club = club.clone();
            fetched(Box::new(move |app, asked, answer| {
                let name = format!("{club}-sheet-{}-{}.html", asked.from, asked.to);
                match answer.and_then(|html| files::download(html.as_bytes(), "text/html;charset=utf-8", &name)) {
                    Ok(()) => app.success("transfer.downloaded"),
                    Err(failure) => app.failure(&failure),
                }
            }));
        }
    };

    view! {
        section(class="card transfer-section", aria-labelledby="sheet-title") {
            h2(id="sheet-title") { (t("transfer.sheet_title")) }
            p(class="hint") { (t("transfer.sheet_hint")) }
            form(class="transfer-form transfer-range", on:submit=print) {
                div(class="field") {
                    label(r#for="sheet-from") { (t("transfer.from")) }
                    input(id="sheet-from", r#type="date", name="sheet-from", bind:value=from)
                }
                div(class="field") {
                    label(r#for="sheet-to") { (t("transfer.to")) }
                    input(id="sheet-to", r#type="date", name="sheet-to", bind:value=to)
                }
                div(class="field") {
                    label(r#for="sheet-for") { (t("transfer.sheet_for")) }
                    select(id="sheet-for", data-testid="sheet-for", on:change=crate::components::field::picked(target)) {
                        option(value="") { (t("transfer.everyone")) }
                        (targets)
                    }
                }
                div(class="actions") {
                    button(r#type="button", class="button", data-testid="download-sheet",
                        disabled=move || busy.get(), on:click=download) { (t("transfer.download_html")) }
                    button(r#type="submit", class="button button-primary", data-testid="print-sheet",
                        disabled=move || busy.get()) { (t("transfer.print")) }
                }
            }
            div(r#ref=holder, class="print-sheet", data-testid="sheet-preview", hidden=move || !shown.get())
        }
    }
}
