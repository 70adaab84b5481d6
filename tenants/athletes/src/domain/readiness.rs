//! The daily readiness check-in: four scores from 1 (bad) to 5 (good) and a note.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Readiness {
    pub date: chrono::NaiveDate,
    pub sleep: u8,
    pub soreness: u8,
    pub stress: u8,
    pub mood: u8,
    pub note: String,
}

impl Readiness {
    /// Fields out of range, by name.
    pub fn validate(&self) -> Vec<&'static str> {
        let mut problems = Vec::new();
        for (name, score) in
            [("sleep", self.sleep), ("soreness", self.soreness), ("stress", self.stress), ("mood", self.mood)]
        {
            if !(1..=5).contains(&score) {
                problems.push(name);
            }
        }
        if self.note.chars().count() > 500 {
            problems.push("note");
        }
        problems
    }

    /// The mean of the four scores.
    pub fn score(&self) -> f64 {
        f64::from(u16::from(self.sleep) + u16::from(self.soreness) + u16::from(self.stress) + u16::from(self.mood))
            / 4.0
    }

    /// A coach should look: any score at 1, or a mean under 2.5.
    pub fn flagged(&self) -> bool {
        [self.sleep, self.soreness, self.stress, self.mood].contains(&1) || self.score() < 2.5
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(scores: [u8; 4]) -> Readiness {
        Readiness {
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"),
            sleep: scores[0],
            soreness: scores[1],
            stress: scores[2],
            mood: scores[3],
            note: String::new(),
        }
    }

    #[test]
    fn scores_flags_and_ranges() {
        assert_eq!(entry([4, 3, 4, 5]).score(), 4.0);
        assert!(!entry([4, 3, 4, 5]).flagged());
        assert!(entry([1, 5, 5, 5]).flagged());
        assert!(entry([2, 2, 3, 2]).flagged());
        assert_eq!(entry([0, 6, 3, 3]).validate(), ["sleep", "soreness"]);
    }
}
