//! Importing a program from a spreadsheet: the file is read in the browser and sent as its
//! bytes for a dry run first; the person answers the ambiguous names among the candidates the
//! API offers (each answer runs the preview again) and imports once nothing is left to fix.
//! The API imports all or nothing, so the button waits for a preview without problems.

use std::{cell::RefCell, collections::BTreeMap, rc::Rc};

use dropit_sdk::types::ImportReportBody;
use sycamore::{futures::spawn_local_scoped, prelude::*};
use wasm_bindgen::JsCast;

use super::{Directory, files, preview::Report};
use crate::state::{AppState, ToastKind, t, use_app};

/// The file as last read: its name tells the API the format.
#[derive(Clone)]
struct ReadFile {
    name: String,
    bytes: Vec<u8>,
}

/// Everything a preview or an import sends, and what came back.
#[derive(Clone)]
pub struct Importer {
    app: AppState,
    club: String,
    input: NodeRef,
    file: Rc<RefCell<Option<ReadFile>>>,
    sheet: Signal<String>,
    /// `""`, `a:<athlete id>` or `g:<group id>`.
    target: Signal<String>,
    /// The person's answers: a cell's text → the exercise id it means.
    choices: Signal<BTreeMap<String, String>>,
    pub report: Signal<Option<ImportReportBody>>,
    done: Signal<Option<ImportReportBody>>,
    pub busy: Signal<bool>,
}

impl Importer {
    /// Everything shown belongs to the file as it was: a new file, sheet or target starts over.
    fn forget(&self, file_too: bool) {
        self.report.set(None);
        if file_too {
            *self.file.borrow_mut() = None;
            self.choices.set(BTreeMap::new());
            self.done.set(None);
        }
    }

    /// `text` means the exercise `id`: the preview runs again with the answer.
    pub fn choose(&self, text: String, id: String) {
        if id.is_empty() {
            return;
        }
        self.choices.update(|choices| {
            choices.insert(text, id);
        });
        self.send(true, false);
    }

    fn preview(&self) {
        self.send(true, true);
    }

    fn import(&self) {
        self.send(false, false);
    }

    /// A dry run or the import; `reread` reads the chosen file again first.
    fn send(&self, dry_run: bool, reread: bool) {
        if self.busy.get_untracked() {
            return;
        }
        let input = self.input.try_get().and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok());
        let chosen = if reread { input.as_ref().and_then(files::chosen) } else { None };
        if chosen.is_none() && (reread || self.file.borrow().is_none()) {
            self.app.toast(ToastKind::Error, t("transfer.choose_file"));
            return;
        }
        let this = self.clone();
        this.busy.set(true);
        spawn_local_scoped(async move {
            if let Some(file) = chosen {
                match files::read(&file).await {
                    Ok(bytes) => *this.file.borrow_mut() = Some(ReadFile { name: file.name(), bytes }),
                    Err(failure) => {
                        this.busy.set(false);
                        this.app.failure(&failure);
                        return;
                    }
                }
            }
            let Some(file) = this.file.borrow().clone() else {
                this.busy.set(false);
                return;
            };
            let answer = this.call(&file, dry_run).await;
            this.busy.set(false);
            match answer {
                Ok(report) if report.imported => {
                    let text = t("transfer.imported")
                        .replace("{workouts}", &report.created_workout_ids.len().to_string())
                        .replace("{sessions}", &report.planned_sessions.to_string());
                    this.app.toast(ToastKind::Success, text);
                    this.report.set(None);
                    this.choices.set(BTreeMap::new());
                    this.done.set(Some(report));
                }
                Ok(report) => {
                    this.done.set(None);
                    this.report.set(Some(report));
                }
                Err(failure) => this.app.failure(&failure),
            }
        });
    }

    async fn call(&self, file: &ReadFile, dry_run: bool) -> Result<ImportReportBody, dropit_sdk::ApiFailure> {
        let sheet = self.sheet.get_clone_untracked().trim().to_owned();
        let choices = self.choices.with_untracked(|c| (!c.is_empty()).then(|| serde_json::to_string(c)));
        let choices = choices.transpose().map_err(|e| dropit_sdk::ApiFailure::Transport(e.to_string()))?;
        let target = self.target.get_clone_untracked();
        let athlete = target.strip_prefix("a:").map(str::to_owned);
        let group = target.strip_prefix("g:").map(str::to_owned);
        self.app
            .api
            .call(|a| {
                let mut request = a
                    .program_import()
                    .club(&self.club)
                    .dry_run(dry_run)
                    .file_name(file.name.clone())
                    .body(file.bytes.clone());
                if !sheet.is_empty() {
                    request = request.sheet(sheet.clone());
                }
                if let Some(choices) = &choices {
                    request = request.choices(choices.clone());
                }
                if let Some(id) = &athlete {
                    request = request.athlete_id(id.clone());
                }
                if let Some(id) = &group {
                    request = request.group_id(id.clone());
                }
                request.send()
            })
            .await
    }
}

#[component(inline_props)]
pub fn ImportProgram(club: String, directory: Directory) -> View {
    let app = use_app();
    let importer = Importer {
        app: app.clone(),
        club: club.clone(),
        input: create_node_ref(),
        file: Rc::default(),
        sheet: create_signal(String::new()),
        target: create_signal(String::new()),
        choices: create_signal(BTreeMap::new()),
        report: create_signal(None),
        done: create_signal(None),
        busy: create_signal(false),
    };
    let names = Rc::new(directory.exercise_names(app.locale.get_untracked()));
    let (input, sheet, report, done, busy) =
        (importer.input, importer.sheet, importer.report, importer.done, importer.busy);

    let targets = directory.target_options();

    let on_file = {
        let importer = importer.clone();
        move |_| importer.forget(true)
    };
    let on_sheet = {
        let importer = importer.clone();
        move |_| importer.forget(false)
    };
    let on_target = {
        let importer = importer.clone();
        move |ev: web_sys::Event| {
            if let Some(select) = crate::components::field::select_of(&ev) {
                importer.target.set(select.value());
            }
            importer.forget(false);
        }
    };
    let on_preview = {
        let importer = importer.clone();
        move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            importer.preview();
        }
    };
    let on_import = {
        let importer = importer.clone();
        move |_| importer.import()
    };
    let ready = create_memo(move || report.with(|r| r.as_ref().is_some_and(|r| r.problems.is_empty())));
    let shown = {
        let (importer, names) = (importer.clone(), Rc::clone(&names));
        move || {
            report.get_clone().map(|report| {
                let (importer, names) = (importer.clone(), Rc::clone(&names));
                view! { Report(report=report, importer=importer, names=names) }
            })
        }
    };
    let finished = {
        let club = club.clone();
        move || {
            done.get_clone().map(|report| {
                let links: Vec<View> = report
                    .created_workout_ids
                    .iter()
                    .enumerate()
                    .map(|(i, id)| {
                        let href = format!("/c/{club}/workouts/{id}");
                        let name = report.workouts.get(i).map(|w| w.name.clone()).unwrap_or_else(|| id.clone());
                        view! { li { a(href=href) { (name) } } }
                    })
                    .collect();
                let all = format!("/c/{club}/workouts");
                view! {
                    div(class="transfer-done", data-testid="import-done") {
                        ul { (links) }
                        a(class="button", href=all, data-testid="import-workouts-link") { (t("transfer.open_workouts")) }
                    }
                }
            })
        }
    };

    view! {
        section(class="card transfer-section", aria-labelledby="import-title") {
            h2(id="import-title") { (t("transfer.import_title")) }
            p(class="hint") { (t("transfer.import_hint")) }
            form(class="transfer-form", on:submit=on_preview) {
                div(class="field") {
                    label(r#for="import-file") { (t("transfer.file")) }
                    input(r#ref=input, id="import-file", r#type="file", accept=".xlsx,.ods,.csv",
                        data-testid="import-file", on:change=on_file)
                }
                div(class="field") {
                    label(r#for="import-sheet") { (t("transfer.sheet_name")) }
                    input(id="import-sheet", name="sheet", bind:value=sheet, on:input=on_sheet,
                        aria-describedby="import-sheet-hint")
                    p(id="import-sheet-hint", class="hint") { (t("transfer.sheet_name_hint")) }
                }
                div(class="field") {
                    label(r#for="import-for") { (t("transfer.for")) }
                    select(id="import-for", data-testid="import-for", on:change=on_target,
                        aria-describedby="import-for-hint") {
                        option(value="") { (t("transfer.for_file")) }
                        (targets)
                    }
                    p(id="import-for-hint", class="hint") { (t("transfer.for_hint")) }
                }
                div(class="actions") {
                    button(r#type="submit", class="button", data-testid="import-preview",
                        disabled=move || busy.get()) { (t("transfer.preview")) }
                    button(r#type="button", class="button button-primary", data-testid="import-confirm",
                        disabled=move || busy.get() || !ready.get(), on:click=on_import) { (t("transfer.import")) }
                }
            }
            div(role="status", aria-live="polite", class="transfer-status") {
                (move || busy.get().then(|| view! { span(class="spinner") span { (t("transfer.reading")) } }))
            }
            (shown)
            (finished)
        }
    }
}
