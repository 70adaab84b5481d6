//! What the phone remembers between launches in `localStorage`: the session's tokens (so the
//! app opens signed in, even with no network), the chosen language and club. Small values read
//! synchronously at start, before IndexedDB is open.

use dropit_kernel::Locale;
use dropit_sdk::types::SessionTokens;

const ACCESS: &str = "dropit.m.access";
const REFRESH: &str = "dropit.m.refresh";
const USER: &str = "dropit.m.user";
const EXPIRES: &str = "dropit.m.expires";
const LOCALE: &str = "dropit.locale";
const CLUB: &str = "dropit.m.club";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten().filter(|v| !v.is_empty())
}

fn write(key: &str, value: Option<&str>) {
    if let Some(storage) = storage() {
        let _ = match value {
            Some(value) => storage.set_item(key, value),
            None => storage.remove_item(key),
        };
    }
}

/// The session kept on the phone.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptSession {
    pub user_id: String,
    pub access_token: Option<String>,
    /// When the access token expires, in milliseconds since the epoch (0 when unknown).
    pub expires_at: f64,
    pub refresh_token: String,
}

impl KeptSession {
    /// Whether the access token still has a minute to live.
    pub fn fresh(&self, now_ms: f64) -> bool {
        self.access_token.is_some() && self.expires_at > now_ms + 60_000.0
    }
}

pub fn kept_session() -> Option<KeptSession> {
    Some(KeptSession {
        user_id: read(USER)?,
        access_token: read(ACCESS),
        expires_at: read(EXPIRES).and_then(|e| e.parse().ok()).unwrap_or(0.0),
        refresh_token: read(REFRESH)?,
    })
}

/// Keeps a new pair of tokens at once: a refresh token works only once, so the one the server
/// just issued must be the one found at the next launch.
pub fn keep_tokens(tokens: &SessionTokens) {
    write(USER, Some(&tokens.user_id));
    write(ACCESS, Some(&tokens.access_token));
    write(EXPIRES, Some(&(now_ms() + tokens.expires_in as f64 * 1000.0).to_string()));
    if let Some(refresh) = tokens.refresh_token.as_deref() {
        write(REFRESH, Some(refresh));
    }
}

pub fn forget_session() {
    for key in [ACCESS, EXPIRES, REFRESH, USER, CLUB] {
        write(key, None);
    }
}

pub fn locale() -> Option<Locale> {
    read(LOCALE).and_then(|tag| Locale::from_tag(&tag))
}

pub fn keep_locale(locale: Locale) {
    write(LOCALE, Some(locale.tag()));
}

pub fn club() -> Option<String> {
    read(CLUB)
}

pub fn keep_club(slug: &str) {
    write(CLUB, Some(slug));
}

/// Whether the browser believes it has a network at all (it cannot know whether the server
/// answers).
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// A random UUID (v4) from the browser's cryptographic generator, for the ids the client
/// chooses (a log's id makes sending it twice harmless). `getRandomValues` works outside a
/// secure context too, unlike `randomUUID`.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    if bytes == [0; 16] {
        // No generator at all: the clock and Math.random are still unique enough for one phone.
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = ((js_sys::Math::random() * 256.0) as u8) ^ (now_ms() as u64 >> (i % 8 * 8)) as u8;
        }
    }
    uuid_v4(bytes)
}

/// Formats 16 random bytes as a version 4 UUID.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// Milliseconds since the epoch on the phone's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_access_token_with_less_than_a_minute_left_is_refreshed_first() {
        let kept = |access: Option<&str>, expires_at| KeptSession {
            user_id: "u".into(),
            access_token: access.map(str::to_owned),
            expires_at,
            refresh_token: "r".into(),
        };
        assert!(kept(Some("a"), 200_000.0).fresh(100_000.0));
        assert!(!kept(Some("a"), 150_000.0).fresh(100_000.0));
        assert!(!kept(None, 200_000.0).fresh(100_000.0));
    }

    #[test]
    fn a_uuid_says_version_4_and_the_rfc_variant() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }
}
