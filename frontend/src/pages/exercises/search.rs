//! What the catalogue list shows and where it comes from: the search index as one types
//! (typos forgiven, with facets), or the paged list when nothing is typed or archived
//! exercises are wanted, which the search does not hold.

use dropit_sdk::{ApiFailure, DropIt, types};

/// How many hits a search shows; typing more narrows them.
pub const SEARCH_LIMIT: u32 = 50;
/// How many exercises a page of the list holds.
pub const PER_PAGE: u32 = 25;
/// How long typing must pause before a search is sent.
pub const DEBOUNCE_MS: i32 = 200;

/// What the person asked for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// The words typed, trimmed.
    pub q: String,
    pub category: Option<String>,
    pub tag: Option<String>,
    pub include_archived: bool,
}

impl Filters {
    /// The paged list answers an empty query, and archived exercises, which the search index
    /// leaves out; the search answers the rest.
    pub fn listing(&self) -> bool {
        self.q.is_empty() || self.include_archived
    }
}

/// One exercise of the list, from a search hit or from the catalogue itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub name_en: String,
    pub name_fr: String,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub archived: bool,
}

impl From<types::ExerciseBody> for Row {
    fn from(e: types::ExerciseBody) -> Self {
        Row {
            id: e.id,
            name_en: e.name_en,
            name_fr: e.name_fr,
            category: Some(e.category),
            tags: e.tags,
            archived: e.archived,
        }
    }
}

impl From<types::HitBody> for Row {
    fn from(hit: types::HitBody) -> Self {
        Row {
            id: hit.id,
            name_en: hit.name_en,
            name_fr: hit.name_fr,
            category: hit.category,
            tags: hit.tags,
            archived: false,
        }
    }
}

/// One answer: the rows, how many match in all, and the facets to narrow them.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub filters: Filters,
    pub rows: Vec<Row>,
    pub total: u64,
    /// The last page of the list loaded so far; `None` for a search, which is not paged.
    pub page: Option<u32>,
    pub categories: Vec<types::FacetBody>,
    pub tags: Vec<types::FacetBody>,
    /// The search index is away: a plain search answered, without typo tolerance.
    pub degraded: bool,
}

impl Found {
    pub fn has_more(&self) -> bool {
        self.page.is_some() && (self.rows.len() as u64) < self.total
    }
}

async fn search(api: &DropIt, club: &str, filters: &Filters, limit: u32) -> Result<types::SearchBody, ApiFailure> {
    api.call(|a| {
        let mut request = a.catalogue_search().club(club).kind("exercise").q(filters.q.clone()).limit(limit);
        if let Some(category) = &filters.category {
            request = request.category(category.clone());
        }
        if let Some(tag) = &filters.tag {
            request = request.tag(tag.clone());
        }
        request.send()
    })
    .await
}

/// A page of the catalogue with the same filters.
pub async fn list_page(
    api: &DropIt,
    club: &str,
    filters: &Filters,
    page: u32,
) -> Result<types::ExercisePage, ApiFailure> {
    api.call(|a| {
        let mut request =
            a.exercise_list().club(club).include_archived(filters.include_archived).page(page).per_page(PER_PAGE);
        if !filters.q.is_empty() {
            request = request.q(filters.q.clone());
        }
        if let Some(category) = &filters.category {
            request = request.category(category.clone());
        }
        if let Some(tag) = &filters.tag {
            request = request.tag(tag.clone());
        }
        request.send()
    })
    .await
}

/// Answers `filters`. The facets always come from the search, which counts them; the list
/// asks it for one hit only, as it only wants its facets.
pub async fn find(api: &DropIt, club: &str, filters: Filters) -> Result<Found, ApiFailure> {
    if filters.listing() {
        let (searched, page) =
            futures::future::join(search(api, club, &filters, 1), list_page(api, club, &filters, 1)).await;
        let (searched, page) = (searched?, page?);
        Ok(Found {
            rows: page.items.into_iter().map(Row::from).collect(),
            total: page.total,
            page: Some(page.page),
            categories: searched.categories,
            tags: searched.tags,
            degraded: searched.degraded,
            filters,
        })
    } else {
        let searched = search(api, club, &filters, SEARCH_LIMIT).await?;
        Ok(Found {
            rows: searched.hits.into_iter().filter(|h| h.kind == "exercise").map(Row::from).collect(),
            total: searched.found,
            page: None,
            categories: searched.categories,
            tags: searched.tags,
            degraded: searched.degraded,
            filters,
        })
    }
}

/// The facets to show: the answer's, with the chosen one kept even when nothing matches it
/// any more, so it can be turned off.
pub fn facets_with(mut facets: Vec<types::FacetBody>, chosen: Option<&str>) -> Vec<(String, u64)> {
    if let Some(chosen) = chosen
        && !facets.iter().any(|f| f.value == chosen)
    {
        facets.insert(0, types::FacetBody { value: chosen.to_owned(), count: 0 });
    }
    facets.into_iter().map(|f| (f.value, f.count)).collect()
}

/// Waits `ms` milliseconds.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facet(value: &str, count: u64) -> types::FacetBody {
        types::FacetBody { value: value.to_owned(), count }
    }

    #[test]
    fn the_list_answers_when_nothing_is_typed_or_archived_ones_are_wanted() {
        assert!(Filters::default().listing());
        let typed = Filters { q: "arr".to_owned(), ..Filters::default() };
        assert!(!typed.listing());
        assert!(Filters { include_archived: true, ..typed }.listing());
    }

    #[test]
    fn a_chosen_facet_stays_visible() {
        let answer = vec![facet("power", 3), facet("hang", 1)];
        assert_eq!(facets_with(answer.clone(), Some("hang")), vec![("power".to_owned(), 3), ("hang".to_owned(), 1)]);
        assert_eq!(facets_with(answer, Some("blocks"))[0], ("blocks".to_owned(), 0));
        assert!(facets_with(Vec::new(), None).is_empty());
    }

    #[test]
    fn more_pages_only_for_the_list() {
        let found = Found {
            filters: Filters::default(),
            rows: Vec::new(),
            total: 3,
            page: Some(1),
            categories: Vec::new(),
            tags: Vec::new(),
            degraded: false,
        };
        assert!(found.has_more());
        assert!(!Found { page: None, ..found.clone() }.has_more());
        assert!(!Found { total: 0, ..found }.has_more());
    }
}
