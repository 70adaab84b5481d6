//! A page of the audit log as a table: when, who, what, about what, from where. The club's
//! log and the operator's platform log both use it; a filter on the action narrows it.

use std::collections::HashMap;

use dropit_sdk::types::AuditRecord;
use sycamore::prelude::*;

use crate::{format, state::t, state::use_app};

/// Who is who: user ids to display names, and for the platform log club ids to slugs.
pub type Names = HashMap<String, String>;

#[component(inline_props)]
pub fn AuditTable(
    rows: ReadSignal<Vec<AuditRecord>>,
    filter: ReadSignal<String>,
    people: ReadSignal<Names>,
    clubs: Option<ReadSignal<Names>>,
) -> View {
    let locale = use_app().locale.get_untracked();
    let shown = create_memo(move || {
        let filter = filter.get_clone();
        rows.with(|all| {
            all.iter().filter(|r| matches(&filter, &r.action, action_label(&r.action))).cloned().collect::<Vec<_>>()
        })
    });
    let club_head = clubs.map(|_| view! { th(scope="col") { (t("audit.club")) } });
    let body = move || {
        let (people, clubs) = (people.get_clone(), clubs.map(|c| c.get_clone()));
        shown
            .get_clone()
            .into_iter()
            .map(|record| {
                let when = moment(&record.at, locale);
                let what = action_label(&record.action).map_or_else(|| record.action.clone(), str::to_owned);
                let (actor, actor_id) = match record.actor_id.as_deref() {
                    Some(id) => (people.get(id).cloned().unwrap_or_else(|| short_id(id)), id.to_owned()),
                    None => ("—".to_owned(), String::new()),
                };
                let subject = record.subject.as_deref().map(|s| with_names(s, &people)).unwrap_or_default();
                let club_cell = clubs.as_ref().map(|clubs| {
                    let club =
                        record.club_id.as_deref().map(|id| clubs.get(id).cloned().unwrap_or_else(|| short_id(id)));
                    let club = club.unwrap_or_default();
                    view! { td { (club) } }
                });
                let (at, action, action_title) = (record.at.clone(), record.action.clone(), record.action.clone());
                let address = record.address.clone().unwrap_or_default();
                view! {
                    tr(data-testid="audit-row", data-action=action) {
                        td(class="audit-time") { time(datetime=at) { (when) } }
                        td(title=actor_id) { (actor) }
                        td { span(title=action_title) { (what) } }
                        (club_cell)
                        td(class="audit-subject") { (subject) }
                        td(class="audit-address") { (address) }
                    }
                }
            })
            .collect::<Vec<View>>()
    };
    view! {
        div(class="table-wrap") {
            table(class="audit-table") {
                thead { tr {
                    th(scope="col") { (t("audit.time")) }
                    th(scope="col") { (t("audit.actor")) }
                    th(scope="col") { (t("audit.action")) }
                    (club_head)
                    th(scope="col") { (t("audit.subject")) }
                    th(scope="col") { (t("audit.address")) }
                } }
                tbody { (body) }
            }
        }
        (move || shown.with(Vec::is_empty).then(|| view! { p(class="empty", data-testid="empty") { (t("audit.nothing")) } }))
    }
}

/// A filter box on the action: its stable name or its words in the person's language.
pub fn matches(filter: &str, action: &str, label: Option<&str>) -> bool {
    let wanted = filter.trim().to_lowercase();
    wanted.is_empty()
        || action.to_lowercase().contains(&wanted)
        || action.replace('_', " ").contains(&wanted)
        || label.is_some_and(|l| l.to_lowercase().contains(&wanted))
}

/// A subject that names people by id (a role change, a removal) names them by name instead.
pub fn with_names(subject: &str, people: &Names) -> String {
    people.iter().fold(subject.to_owned(), |text, (id, name)| text.replace(id.as_str(), name))
}

/// The start of an id: enough to tell two apart, short enough for a table.
pub fn short_id(id: &str) -> String {
    id.chars().take(8).collect()
}

/// An RFC 3339 instant on the person's clock: `1 déc. 2026 13:36`.
fn moment(at: &str, locale: dropit_kernel::Locale) -> String {
    let date = js_sys::Date::new(&at.into());
    if date.get_time().is_nan() {
        return at.to_owned();
    }
    let day = format!("{:04}-{:02}-{:02}", date.get_full_year(), date.get_month() + 1, date.get_date());
    format!("{} {:02}:{:02}", format::date(&day, locale), date.get_hours(), date.get_minutes())
}

/// The words for an action of the audit log; an action added later shows its stable name.
pub fn action_label(action: &str) -> Option<&'static str> {
    Some(match action {
        "signed_up" => t("audit.signed_up"),
        "signed_in" => t("audit.signed_in"),
        "sign_in_failed" => t("audit.sign_in_failed"),
        "sign_in_throttled" => t("audit.sign_in_throttled"),
        "refresh_token_reused" => t("audit.refresh_token_reused"),
        "signed_out" => t("audit.signed_out"),
        "signed_out_everywhere" => t("audit.signed_out_everywhere"),
        "sessions_revoked" => t("audit.sessions_revoked"),
        "club_created" => t("audit.club_created"),
        "role_changed" => t("audit.role_changed"),
        "member_removed" => t("audit.member_removed"),
        "invitation_sent" => t("audit.invitation_sent"),
        "invitation_accepted" => t("audit.invitation_accepted"),
        "invitation_revoked" => t("audit.invitation_revoked"),
        "club_suspended" => t("audit.club_suspended"),
        "club_resumed" => t("audit.club_resumed"),
        "club_archived" => t("audit.club_archived"),
        "club_dropped" => t("audit.club_dropped"),
        "club_restored" => t("audit.club_restored"),
        "password_changed" => t("audit.password_changed"),
        "password_reset_requested" => t("audit.password_reset_requested"),
        "password_reset" => t("audit.password_reset"),
        "email_change_requested" => t("audit.email_change_requested"),
        "email_changed" => t("audit.email_changed"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_finds_an_action_by_name_or_words() {
        assert!(matches("", "signed_in", None));
        assert!(matches("ROLE", "role_changed", Some("Rôle changé")));
        assert!(matches("role changed", "role_changed", None));
        assert!(matches("rôle", "role_changed", Some("Rôle changé")));
        assert!(!matches("invitation", "signed_in", Some("Connexion")));
    }

    #[test]
    fn subjects_name_people() {
        let people = Names::from([("0b6f-11".to_owned(), "Léa".to_owned())]);
        assert_eq!(with_names("0b6f-11: coach -> athlete", &people), "Léa: coach -> athlete");
        assert_eq!(with_names("demo", &people), "demo");
        assert_eq!(short_id("cf2b8a3c-419a-41f4"), "cf2b8a3c");
    }
}
