//! Page parameters shared by the list operations.

/// Pages count from 1.
pub fn first_page() -> u32 {
    1
}

/// Items a page holds when the client does not say.
pub fn default_per_page() -> u32 {
    25
}

/// Where a page starts.
pub fn offset(page: u32, per_page: u32) -> u64 {
    u64::from(page.saturating_sub(1)) * u64::from(per_page)
}
