//! Password hashing with argon2id (the crate's defaults: 19 MiB, 2 passes, 1 lane, as OWASP
//! recommends).

use argon2::{
    Argon2, PasswordHash, PasswordVerifier,
    password_hash::{PasswordHasher as _, SaltString, rand_core::OsRng},
};

use crate::{
    application::{PasswordHasher, StoreError},
    domain::Password,
};

#[derive(Default)]
pub struct Argon2Hasher {
    /// A real hash of nothing anyone knows, verified against for unknown accounts; made on
    /// first use.
    decoy: std::sync::OnceLock<String>,
}

impl Argon2Hasher {
    pub fn new() -> Self {
        Self::default()
    }

    fn decoy(&self) -> &str {
        self.decoy.get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(uuid::Uuid::new_v4().as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .unwrap_or_default()
        })
    }
}

impl PasswordHasher for Argon2Hasher {
    fn hash(&self, password: &Password) -> Result<String, StoreError> {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| StoreError::Failed(e.to_string()))
    }

    fn verify(&self, candidate: &str, hash: &str) -> bool {
        PasswordHash::new(hash)
            .is_ok_and(|parsed| Argon2::default().verify_password(candidate.as_bytes(), &parsed).is_ok())
    }

    fn waste_time(&self, candidate: &str) {
        let _ = self.verify(candidate, self.decoy());
    }
}
