//! Access tokens: HS256 JWTs with a key id, so keys can rotate — the newest signs, every
//! listed key still verifies until it is removed.

use std::{collections::HashMap, time::Duration};

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{
    application::{AccessClaims, AccessTokens, StoreError, TokenError},
    domain::{SessionId, UserId},
};

const ISSUER: &str = "dropit";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    sub: uuid::Uuid,
    sid: uuid::Uuid,
    #[serde(default)]
    op: bool,
    iat: i64,
    exp: i64,
}

pub struct JwtTokens {
    signing: (String, EncodingKey),
    verifying: HashMap<String, DecodingKey>,
    ttl: Duration,
    validation: Validation,
}

/// A key's id: the start of its SHA-256, which names it without revealing it.
pub fn key_id(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().take(6).map(|b| format!("{b:02x}")).collect()
}

impl JwtTokens {
    /// `secrets[0]` signs; all of them verify.
    pub fn new(secrets: &[&str], ttl: Duration) -> Result<Self, StoreError> {
        let first = secrets.first().ok_or_else(|| StoreError::Failed("no signing key".to_owned()))?;
        let signing = (key_id(first), EncodingKey::from_secret(first.as_bytes()));
        let verifying = secrets.iter().map(|s| (key_id(s), DecodingKey::from_secret(s.as_bytes()))).collect();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        validation.leeway = 0;
        Ok(Self { signing, verifying, ttl, validation })
    }
}

impl AccessTokens for JwtTokens {
    fn issue(&self, claims: &AccessClaims) -> Result<(String, Duration), StoreError> {
        let now = chrono::Utc::now().timestamp();
        let body = Claims {
            iss: ISSUER.to_owned(),
            sub: claims.user.as_uuid(),
            sid: claims.session.as_uuid(),
            op: claims.operator,
            iat: now,
            exp: now + self.ttl.as_secs() as i64,
        };
        let header = Header { kid: Some(self.signing.0.clone()), ..Header::new(Algorithm::HS256) };
        let token =
            jsonwebtoken::encode(&header, &body, &self.signing.1).map_err(|e| StoreError::Failed(e.to_string()))?;
        Ok((token, self.ttl))
    }

    fn verify(&self, token: &str) -> Result<AccessClaims, TokenError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Invalid)?;
        let key = header.kid.as_deref().and_then(|kid| self.verifying.get(kid)).ok_or(TokenError::Invalid)?;
        let data = jsonwebtoken::decode::<Claims>(token, key, &self.validation).map_err(|e| match e.kind() {
            ErrorKind::ExpiredSignature => TokenError::Expired,
            _ => TokenError::Invalid,
        })?;
        Ok(AccessClaims {
            user: UserId::from_uuid(data.claims.sub),
            session: SessionId::from_uuid(data.claims.sid),
            operator: data.claims.op,
        })
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;

    use super::*;

    fn claims() -> AccessClaims {
        AccessClaims { user: UserId::generate(), session: SessionId::generate(), operator: false }
    }

    #[test]
    fn a_token_verifies_with_its_key_and_after_rotation() {
        let old = JwtTokens::new(&["old-secret-0123456789"], Duration::from_secs(60)).expect("keys");
        let (token, _) = old.issue(&claims()).expect("token");
        assert!(old.verify(&token).is_ok());
        let rotated =
            JwtTokens::new(&["new-secret-0123456789", "old-secret-0123456789"], Duration::from_secs(60)).expect("keys");
        assert!(rotated.verify(&token).is_ok(), "an old key still verifies");
        let forgotten = JwtTokens::new(&["new-secret-0123456789"], Duration::from_secs(60)).expect("keys");
        assert_eq!(forgotten.verify(&token), Err(TokenError::Invalid));
    }

    #[test]
    fn tampered_unsigned_and_expired_tokens_are_refused() {
        let tokens = JwtTokens::new(&["secret-0123456789"], Duration::from_secs(60)).expect("keys");
        let (token, _) = tokens.issue(&claims()).expect("token");
        let mut parts: Vec<&str> = token.split('.').collect();
        let none_header = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        parts[0] = &none_header;
        assert_eq!(tokens.verify(&format!("{}.{}.", parts[0], parts[1])), Err(TokenError::Invalid));
        assert_eq!(tokens.verify(&format!("{token}x")), Err(TokenError::Invalid));
        assert_eq!(tokens.verify("not a token"), Err(TokenError::Invalid));

        let expired = JwtTokens::new(&["secret-0123456789"], Duration::ZERO).expect("keys");
        let (token, _) = expired.issue(&claims()).expect("token");
        std::thread::sleep(Duration::from_millis(1100));
        assert_eq!(tokens.verify(&token), Err(TokenError::Expired));
    }
}
