//! Texts of the web app: members, invitations, club settings and the audit log.

pub(crate) const ENTRIES: &[crate::Entry] = &[
    ("members.invited", "Invitation sent", "Invitation envoyée"),
    (
        "members.link_hint",
        "The invitation link, to share if the email does not arrive:",
        "Le lien d'invitation, à partager si l'e-mail n'arrive pas :",
    ),
    ("settings.bar_kg", "Bar", "Barre"),
    ("settings.rounding", "Rounding of loads", "Arrondi des charges"),
    ("settings.rounding_nearest", "To the nearest load", "À la charge la plus proche"),
    ("settings.rounding_floor", "Never above the target", "Jamais au-dessus de la cible"),
    ("settings.rounding_ceil", "Never below the target", "Jamais en dessous de la cible"),
];
