//! What is being dragged on the calendar, as the text a drag carries: `workout:<id>` from the
//! palette, `session:<id>` from a day.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dragged {
    Workout(String),
    Session(String),
}

impl Dragged {
    pub fn parse(text: &str) -> Option<Self> {
        let (kind, id) = text.trim().split_once(':')?;
        if id.is_empty() {
            return None;
        }
        match kind {
            "workout" => Some(Self::Workout(id.to_owned())),
            "session" => Some(Self::Session(id.to_owned())),
            _ => None,
        }
    }

    pub fn text(&self) -> String {
        match self {
            Self::Workout(id) => format!("workout:{id}"),
            Self::Session(id) => format!("session:{id}"),
        }
    }
}

/// Starts a drag carrying `what`; a workout is copied onto a day, a session is moved.
pub fn start(ev: &web_sys::DragEvent, what: &Dragged) {
    if let Some(transfer) = ev.data_transfer() {
        let _ = transfer.set_data("text/plain", &what.text());
        transfer.set_effect_allowed(match what {
            Dragged::Workout(_) => "copy",
            Dragged::Session(_) => "move",
        });
    }
}

/// What a drop carries, if it is ours.
pub fn dropped(ev: &web_sys::DragEvent) -> Option<Dragged> {
    let text = ev.data_transfer()?.get_data("text/plain").ok()?;
    Dragged::parse(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drag_says_what_it_carries() {
        let w = Dragged::Workout("9b1d".into());
        assert_eq!(Dragged::parse(&w.text()), Some(w));
        assert_eq!(Dragged::parse("session:42"), Some(Dragged::Session("42".into())));
        assert_eq!(Dragged::parse("session:"), None);
        assert_eq!(Dragged::parse("https://example.org"), None);
        assert_eq!(Dragged::parse("plain text"), None);
    }
}
