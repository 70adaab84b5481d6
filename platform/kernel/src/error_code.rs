//! Stable error codes: the contract the UIs switch on, with their FR/EN messages.
//!
//! A code never changes once published; a new situation gets a new code.

use crate::Locale;

macro_rules! error_codes {
    ($($variant:ident => $code:literal, $status:literal, $en:literal, $fr:literal;)+) => {
        /// Every error the API can answer with.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($variant,)+
        }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)+];

            /// The stable snake_case code sent to clients.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)+
                }
            }

            /// The HTTP status this code is answered with.
            pub fn http_status(self) -> u16 {
                match self {
                    $(ErrorCode::$variant => $status,)+
                }
            }

            /// The human message in the given language.
            pub fn message(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(
                        (ErrorCode::$variant, Locale::En) => $en,
                        (ErrorCode::$variant, Locale::Fr) => $fr,
                    )+
                }
            }

            pub fn from_code(code: &str) -> Option<ErrorCode> {
                match code {
                    $($code => Some(ErrorCode::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

error_codes! {
    BadRequest => "bad_request", 400,
        "the request is not valid",
        "la requête n'est pas valide";
    MalformedJson => "malformed_json", 400,
        "the request body is not valid JSON for this operation",
        "le corps de la requête n'est pas un JSON valide pour cette opération";
    InvalidParameter => "invalid_parameter", 400,
        "a parameter of the request is missing or not valid",
        "un paramètre de la requête est absent ou invalide";
    AccountTokenInvalid => "account_token_invalid", 400,
        "this link is not valid",
        "ce lien n'est pas valide";
    ValidationFailed => "validation_failed", 422,
        "some fields are not valid",
        "certains champs ne sont pas valides";
    Unauthorized => "unauthorized", 401,
        "authentication is required",
        "une authentification est nécessaire";
    InvalidCredentials => "invalid_credentials", 401,
        "the email or the password is wrong",
        "l'adresse e-mail ou le mot de passe est incorrect";
    TokenExpired => "token_expired", 401,
        "your session token has expired; refresh it or sign in again",
        "votre jeton de session a expiré ; renouvelez-le ou reconnectez-vous";
    TokenInvalid => "token_invalid", 401,
        "this token is not valid",
        "ce jeton n'est pas valide";
    RefreshTokenReused => "refresh_token_reused", 401,
        "an old session token was reused, so the session was closed; sign in again",
        "un ancien jeton de session a été réutilisé, la session a donc été fermée ; reconnectez-vous";
    SessionRevoked => "session_revoked", 401,
        "this session was closed; sign in again",
        "cette session a été fermée ; reconnectez-vous";
    Forbidden => "forbidden", 403,
        "you are not allowed to do this",
        "vous n'avez pas le droit de faire cela";
    ClubSuspended => "club_suspended", 403,
        "this club is suspended; its administrators can contact support",
        "ce club est suspendu ; ses administrateurs peuvent contacter le support";
    ClubArchived => "club_archived", 403,
        "this club is archived and no longer open",
        "ce club est archivé et n'est plus ouvert";
    NotFound => "not_found", 404,
        "nothing was found at this address",
        "rien n'a été trouvé à cette adresse";
    MethodNotAllowed => "method_not_allowed", 405,
        "this method is not allowed here",
        "cette méthode n'est pas autorisée ici";
    Conflict => "conflict", 409,
        "the request conflicts with the current state",
        "la requête est en conflit avec l'état actuel";
    EmailTaken => "email_taken", 409,
        "an account already uses this email",
        "un compte utilise déjà cette adresse e-mail";
    ClubStateConflict => "club_state_conflict", 409,
        "the club is not in a state that allows this",
        "l'état du club ne permet pas cette opération";
    LastClubAdmin => "last_club_admin", 409,
        "a club needs at least one administrator",
        "un club doit garder au moins un administrateur";
    SlugTaken => "slug_taken", 409,
        "another club already uses this address",
        "un autre club utilise déjà cette adresse";
    InvitationUsed => "invitation_used", 410,
        "this invitation has already been used",
        "cette invitation a déjà été utilisée";
    InvitationExpired => "invitation_expired", 410,
        "this invitation has expired; ask the club for a new one",
        "cette invitation a expiré ; demandez-en une nouvelle au club";
    AccountTokenUsed => "account_token_used", 410,
        "this link has already been used",
        "ce lien a déjà été utilisé";
    AccountTokenExpired => "account_token_expired", 410,
        "this link has expired; ask for a new one",
        "ce lien a expiré ; demandez-en un nouveau";
    LengthRequired => "length_required", 411,
        "the request must declare its body length",
        "la requête doit indiquer la taille de son corps";
    PayloadTooLarge => "payload_too_large", 413,
        "the request body is too large",
        "le corps de la requête est trop volumineux";
    UnsupportedMediaType => "unsupported_media_type", 415,
        "this content type is not supported here",
        "ce type de contenu n'est pas pris en charge ici";
    TooManyRequests => "too_many_requests", 429,
        "too many requests, try again later",
        "trop de requêtes, réessayez plus tard";
    TooManyAttempts => "too_many_attempts", 429,
        "too many failed sign-in attempts; try again later",
        "trop de tentatives de connexion échouées ; réessayez plus tard";
    NotASpreadsheet => "not_a_spreadsheet", 415,
        "this file is not a spreadsheet: send an .xlsx, .ods or .csv file",
        "ce fichier n'est pas un tableur : envoyez un fichier .xlsx, .ods ou .csv";
    UnknownSheet => "unknown_sheet", 422,
        "the file has no sheet by this name",
        "le fichier n'a pas de feuille de ce nom";
    NoProgram => "no_program", 422,
        "no program was found on this sheet: check the sheet and the template",
        "aucun programme trouvé sur cette feuille : vérifiez la feuille et le modèle";
    TooManyRows => "too_many_rows", 422,
        "the sheet has too many rows for one import; split the file",
        "la feuille a trop de lignes pour un seul import ; découpez le fichier";
    ImportHasProblems => "import_has_problems", 422,
        "some lines of the file have problems; nothing was imported. Fix them (see the preview) and try again",
        "certaines lignes du fichier posent problème ; rien n'a été importé. Corrigez-les (voir l'aperçu) et réessayez";
    NotAnArchive => "not_an_archive", 415,
        "this file is not a DropIt club archive",
        "ce fichier n'est pas une archive de club DropIt";
    ArchiveTooNew => "archive_too_new", 422,
        "this archive was made by a newer version of DropIt; update this server first",
        "cette archive a été faite par une version plus récente de DropIt ; mettez ce serveur à jour d'abord";
    ArchiveDamaged => "archive_damaged", 422,
        "the archive is damaged or incomplete; nothing was imported",
        "l'archive est endommagée ou incomplète ; rien n'a été importé";
    ClubNotEmpty => "club_not_empty", 409,
        "an archive can only be imported into a new club that holds nothing yet",
        "une archive ne peut être importée que dans un nouveau club encore vide";
    InternalError => "internal_error", 500,
        "something went wrong on our side",
        "une erreur est survenue de notre côté";
    ServiceUnavailable => "service_unavailable", 503,
        "the service is temporarily unavailable",
        "le service est temporairement indisponible";
    StorageUnavailable => "storage_unavailable", 503,
        "media storage is unavailable for now; everything else works, try again shortly",
        "le stockage des médias est indisponible pour l'instant ; le reste fonctionne, réessayez bientôt";
    RequestTimeout => "request_timeout", 504,
        "the request took too long and was stopped",
        "la requête a pris trop de temps et a été interrompue";
}

/// Codes attached to one field of a validation error.
macro_rules! field_codes {
    ($($variant:ident => $code:literal, $en:literal, $fr:literal;)+) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum FieldErrorCode {
            $($variant,)+
        }

        impl FieldErrorCode {
            pub const ALL: &'static [FieldErrorCode] = &[$(FieldErrorCode::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(FieldErrorCode::$variant => $code,)+
                }
            }

            pub fn message(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(
                        (FieldErrorCode::$variant, Locale::En) => $en,
                        (FieldErrorCode::$variant, Locale::Fr) => $fr,
                    )+
                }
            }
        }
    };
}

field_codes! {
    Required => "required", "this field is required", "ce champ est obligatoire";
    Invalid => "invalid", "this value is not valid", "cette valeur n'est pas valide";
    TooLong => "too_long", "this value is too long", "cette valeur est trop longue";
    TooShort => "too_short", "this value is too short", "cette valeur est trop courte";
    OutOfRange => "out_of_range", "this value is out of range", "cette valeur est hors limites";
    InvalidEmail => "invalid_email", "this is not a valid email address", "ce n'est pas une adresse e-mail valide";
    WeakPassword => "weak_password",
        "the password needs at least 10 characters and must not be a common one",
        "le mot de passe doit compter au moins 10 caractères et ne pas être trop courant";
    Taken => "taken", "this value is already taken", "cette valeur est déjà prise";
    WrongPassword => "wrong_password", "the current password is wrong", "le mot de passe actuel est incorrect";
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_round_trip() {
        let mut seen = HashSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{s} is not snake_case");
            assert_eq!(ErrorCode::from_code(s), Some(*code));
            assert!((400..600).contains(&code.http_status()));
        }
    }

    #[test]
    fn every_message_is_translated_lowercase_without_period() {
        let messages = ErrorCode::ALL
            .iter()
            .flat_map(|c| Locale::ALL.map(|l| c.message(l)))
            .chain(FieldErrorCode::ALL.iter().flat_map(|c| Locale::ALL.map(|l| c.message(l))));
        for message in messages {
            assert!(!message.is_empty());
            assert!(!message.ends_with('.'), "{message}");
            assert!(!message.starts_with(char::is_uppercase), "{message}");
        }
        for code in ErrorCode::ALL {
            assert_ne!(code.message(Locale::En), code.message(Locale::Fr), "{code:?} is not translated");
        }
    }
}
