//! The device's own copy of what the app needs offline, in IndexedDB: a `cache` of data the
//! server owns (the program, the maxima, the club's plates — replaced whole on each successful
//! fetch) and the `outbox` of logs not yet confirmed by the server. Values are JSON text under
//! string keys, so what is stored is exactly what the SDK's types serialise to.

use std::rc::Rc;

use idb::{Database, ObjectStore, TransactionMode};
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::JsValue;

const NAME: &str = "dropit-mobile";
/// Raise it with every change of the stores below (and say how to upgrade in `open`).
const VERSION: u32 = 1;
const CACHE: &str = "cache";
const OUTBOX: &str = "outbox";

/// Why the device's storage failed: IndexedDB refused (private mode, storage full…) or a
/// value no longer reads as its type.
#[derive(Debug, Clone, PartialEq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "device storage: {}", self.0)
    }
}

impl From<idb::Error> for StoreError {
    fn from(error: idb::Error) -> Self {
        Self(error.to_string())
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> Self {
        Self(error.to_string())
    }
}

/// The app's database, opened once and shared.
#[derive(Clone)]
pub struct Store {
    db: Rc<Database>,
}

impl Store {
    pub async fn open() -> Result<Self, StoreError> {
        let db = Database::builder(NAME)
            .version(VERSION)
            .add_object_store(ObjectStore::builder(CACHE))
            .add_object_store(ObjectStore::builder(OUTBOX))
            .build()
            .await?;
        Ok(Self { db: Rc::new(db) })
    }

    /// The cached value under `key`, if any. A value that no longer reads (an older shape)
    /// counts as absent: the next fetch replaces it.
    pub async fn cached<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let text = self.get(CACHE, key).await?;
        Ok(text.and_then(|text| serde_json::from_str(&text).ok()))
    }

    /// Replaces the cached value under `key`; done when the transaction committed.
    pub async fn cache<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        self.put(CACHE, key, &serde_json::to_string(value)?).await
    }

    pub async fn uncache(&self, key: &str) -> Result<(), StoreError> {
        self.delete(CACHE, key).await
    }

    /// Adds (or replaces, under the same key) an outbox entry; done when committed, so an
    /// entry the caller was told about survives the page being killed right after.
    pub async fn outbox_put<T: Serialize>(&self, key: &str, entry: &T) -> Result<(), StoreError> {
        self.put(OUTBOX, key, &serde_json::to_string(entry)?).await
    }

    /// Every outbox entry that still reads as `T`.
    pub async fn outbox<T: DeserializeOwned>(&self) -> Result<Vec<T>, StoreError> {
        let transaction = self.db.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
        let values = transaction.object_store(OUTBOX)?.get_all(None, None)?.await?;
        transaction.await?;
        Ok(values.iter().filter_map(JsValue::as_string).filter_map(|text| serde_json::from_str(&text).ok()).collect())
    }

    /// Removes an entry the server confirmed.
    pub async fn outbox_remove(&self, key: &str) -> Result<(), StoreError> {
        self.delete(OUTBOX, key).await
    }

    async fn get(&self, store: &str, key: &str) -> Result<Option<String>, StoreError> {
        let transaction = self.db.transaction(&[store], TransactionMode::ReadOnly)?;
        let value = transaction.object_store(store)?.get(JsValue::from_str(key))?.await?;
        transaction.await?;
        Ok(value.and_then(|v| v.as_string()))
    }

    async fn put(&self, store: &str, key: &str, text: &str) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[store], TransactionMode::ReadWrite)?;
        transaction.object_store(store)?.put(&JsValue::from_str(text), Some(&JsValue::from_str(key)))?;
        committed(transaction).await
    }

    async fn delete(&self, store: &str, key: &str) -> Result<(), StoreError> {
        let transaction = self.db.transaction(&[store], TransactionMode::ReadWrite)?;
        transaction.object_store(store)?.delete(JsValue::from_str(key))?;
        committed(transaction).await
    }
}

async fn committed(transaction: idb::Transaction) -> Result<(), StoreError> {
    if transaction.commit()?.await?.is_committed() {
        Ok(())
    } else {
        Err(StoreError("the transaction was aborted".to_owned()))
    }
}
