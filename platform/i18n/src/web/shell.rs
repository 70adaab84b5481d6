//! Texts of the web app: the frame, navigation and guards.

pub(crate) const ENTRIES: &[crate::Entry] = &[
    ("nav.label", "Main navigation", "Navigation principale"),
    ("nav.skip", "Skip to content", "Aller au contenu"),
    ("nav.club", "Club", "Club"),
    ("nav.new_club", "+ New club", "+ Nouveau club"),
    ("nav.language", "Language", "Langue"),
    ("nav.log_out", "Log out", "Se déconnecter"),
    ("nav.dashboard", "Dashboard", "Tableau de bord"),
    ("nav.athletes", "Athletes", "Athlètes"),
    ("nav.exercises", "Exercises", "Exercices"),
    ("nav.workouts", "Workouts", "Séances types"),
    ("nav.planning", "Planning", "Planification"),
    ("nav.logs", "Logs", "Carnets"),
    ("nav.members", "Members", "Membres"),
    ("nav.settings", "Settings", "Réglages"),
    ("nav.audit", "Audit log", "Journal d'audit"),
    ("nav.operator", "Operator console", "Console opérateur"),
    ("page.not_found", "Page not found", "Page introuvable"),
    ("page.not_found_text", "There is nothing at this address.", "Il n'y a rien à cette adresse."),
    (
        "page.club_not_found",
        "This club does not exist or you are not a member.",
        "Ce club n'existe pas ou vous n'en êtes pas membre.",
    ),
    ("page.home", "Back to the start", "Retour à l'accueil"),
    ("page.denied", "Not allowed", "Accès refusé"),
    (
        "page.denied_text",
        "Your role in this club does not give access to this page.",
        "Votre rôle dans ce club ne donne pas accès à cette page.",
    ),
];
