//! Weight categories. A federation's classes change from time to time, so each set of classes
//! is data with the dates it is valid; the category of a bodyweight depends on the date.

use chrono::NaiveDate;
use dropit_training::domain::load::Grams;

use super::athlete::Sex;

#[derive(Clone, Debug, PartialEq)]
pub struct CategorySet {
    pub id: uuid::Uuid,
    pub name: String,
    pub sex: Sex,
    pub valid_from: NaiveDate,
    /// Inclusive; open-ended when `None`.
    pub valid_to: Option<NaiveDate>,
    /// Upper limits of the classes, ascending; above the last is the "+" class.
    pub limits: Vec<Grams>,
    /// The world federation's, used when no other set is asked for.
    pub international: bool,
}

/// A class of a set: "81" (up to 81 kg) or "+109" (above 109 kg).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub label: String,
    /// The upper limit; `None` for the "+" class.
    pub limit: Option<Grams>,
}

impl CategorySet {
    pub fn is_valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }

    /// The class of a bodyweight: the lightest whose limit it does not exceed.
    pub fn category(&self, bodyweight: Grams) -> Option<Category> {
        let label = |g: Grams| format_kg(g);
        match self.limits.iter().find(|limit| bodyweight.0 <= limit.0) {
            Some(limit) => Some(Category { label: label(*limit), limit: Some(*limit) }),
            None => self.limits.last().map(|last| Category { label: format!("+{}", label(*last)), limit: None }),
        }
    }

    /// Limits ascending, at least one, each a plausible bodyweight.
    pub fn limits_are_valid(limits: &[Grams]) -> bool {
        !limits.is_empty()
            && limits.len() <= 20
            && limits.windows(2).all(|w| w[0].0 < w[1].0)
            && limits.iter().all(|l| (20_000..=250_000).contains(&l.0))
    }
}

/// The set of one sex valid on a date: the named one if asked, else the international one.
pub fn set_for(sets: &[CategorySet], sex: Sex, date: NaiveDate, named: Option<uuid::Uuid>) -> Option<&CategorySet> {
    sets.iter().filter(|s| s.sex == sex && s.is_valid_on(date)).find(|s| match named {
        Some(id) => s.id == id,
        None => s.international,
    })
}

fn format_kg(grams: Grams) -> String {
    let kg = grams.kg();
    if kg.fract() == 0.0 { format!("{kg:.0}") } else { format!("{kg}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn set(name: &str, from: NaiveDate, to: Option<NaiveDate>, limits: &[u32]) -> CategorySet {
        CategorySet {
            id: uuid::Uuid::new_v4(),
            name: name.to_owned(),
            sex: Sex::Male,
            valid_from: from,
            valid_to: to,
            limits: limits.iter().map(|kg| Grams(kg * 1000)).collect(),
            international: true,
        }
    }

    fn iwf() -> Vec<CategorySet> {
        vec![
            set("IWF 2018 men", day(2018, 11, 1), Some(day(2025, 5, 31)), &[55, 61, 67, 73, 81, 89, 96, 102, 109]),
            set("IWF 2025 men", day(2025, 6, 1), Some(day(2026, 7, 31)), &[60, 65, 71, 79, 88, 94, 110]),
        ]
    }

    fn label(date: NaiveDate, grams: u32) -> String {
        let sets = iwf();
        set_for(&sets, Sex::Male, date, None).and_then(|s| s.category(Grams(grams))).expect("a category").label
    }

    #[test]
    fn exactly_on_a_limit_is_in_that_class_and_a_gram_above_is_not() {
        let date = day(2024, 3, 1);
        assert_eq!(label(date, 81_000), "81");
        assert_eq!(label(date, 81_001), "89");
        assert_eq!(label(date, 50_000), "55");
    }

    #[test]
    fn above_the_last_limit_is_the_plus_class() {
        assert_eq!(label(day(2024, 3, 1), 109_001), "+109");
        assert_eq!(label(day(2025, 9, 1), 130_000), "+110");
        assert_eq!(label(day(2025, 9, 1), 110_000), "110");
    }

    #[test]
    fn the_date_chooses_the_set() {
        // 80 kg: 81 under the 2018 classes, 88 under the 2025 ones.
        assert_eq!(label(day(2025, 5, 31), 80_000), "81");
        assert_eq!(label(day(2025, 6, 1), 80_000), "88");
        let sets = iwf();
        assert!(set_for(&sets, Sex::Male, day(2018, 10, 31), None).is_none());
        assert!(set_for(&sets, Sex::Male, day(2026, 8, 1), None).is_none());
        assert!(set_for(&sets, Sex::Female, day(2024, 1, 1), None).is_none());
    }

    #[test]
    fn limits_must_rise() {
        let g = |kgs: &[u32]| kgs.iter().map(|k| Grams(k * 1000)).collect::<Vec<_>>();
        assert!(CategorySet::limits_are_valid(&g(&[55, 61])));
        assert!(!CategorySet::limits_are_valid(&g(&[61, 55])));
        assert!(!CategorySet::limits_are_valid(&g(&[])));
        assert!(!CategorySet::limits_are_valid(&g(&[5])));
    }
}
