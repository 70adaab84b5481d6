//! The load engine: a target from a percentage of a reference maximum, rounded to what the
//! club's plates can build, with the plates to put on each side of the bar.
//!
//! Weights are whole grams, so 0.25 kg plates and 102.5 kg loads are exact. A load that the
//! inventory cannot build is reported as such, never silently replaced by another one.

use std::fmt;

mod set;
pub use set::{SetIntensity, SetLoad, set_load};

/// A weight in grams.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grams(pub u32);

impl Grams {
    pub fn from_kg(kg: f64) -> Option<Grams> {
        let grams = (kg * 1000.0).round();
        (grams.is_finite() && (0.0..=u32::MAX as f64).contains(&grams)).then_some(Grams(grams as u32))
    }

    pub fn kg(self) -> f64 {
        f64::from(self.0) / 1000.0
    }
}

impl fmt::Display for Grams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} kg", self.kg())
    }
}

/// A percentage of a reference maximum: more than 0 and at most 150 (pulls and partials go
/// above 100, nothing sensible goes above 150).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Percent(f64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("a percentage is more than 0 and at most 150")]
    Percent,
    #[error("a plate inventory needs a bar and at least one pair of plates, all of positive weight")]
    Inventory,
}

impl Percent {
    pub fn new(value: f64) -> Result<Percent, LoadError> {
        if value.is_finite() && value > 0.0 && value <= 150.0 { Ok(Percent(value)) } else { Err(LoadError::Percent) }
    }

    pub fn value(self) -> f64 {
        self.0
    }
}

/// How a target between two buildable loads is rounded, a club setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    Nearest,
    /// Never above the target.
    Floor,
    /// Never below the target.
    Ceil,
}

/// One size of plate and how many of them the club owns (both sides together).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlateStock {
    pub weight: Grams,
    pub count: u32,
}

/// A bar, its collars and the plates to load it with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlateInventory {
    bar: Grams,
    /// The weight of one collar; a loaded bar carries two.
    collar: Grams,
    /// Heaviest first.
    plates: Vec<PlateStock>,
}

impl PlateInventory {
    pub fn new(bar: Grams, collar: Grams, stock: Vec<PlateStock>) -> Result<Self, LoadError> {
        // One line per size: the same plate listed twice is one stock.
        let mut plates: Vec<PlateStock> = Vec::new();
        for line in stock {
            match plates.iter_mut().find(|p| p.weight == line.weight) {
                Some(existing) => existing.count += line.count,
                None => plates.push(line),
            }
        }
        plates.retain(|p| p.count >= 2);
        if bar.0 == 0 || plates.is_empty() || plates.iter().any(|p| p.weight.0 == 0) {
            return Err(LoadError::Inventory);
        }
        plates.sort_by_key(|p| std::cmp::Reverse(p.weight));
        Ok(Self { bar, collar, plates })
    }

    /// The competition set: 20 kg bar, 2.5 kg collars, enough of every disc and change plate.
    pub fn competition(bar: Grams) -> Self {
        let plates = [25_000, 20_000, 15_000, 10_000, 5_000, 2_500, 2_000, 1_500, 1_000, 500]
            .into_iter()
            .map(|g| PlateStock { weight: Grams(g), count: if g >= 10_000 { 16 } else { 4 } })
            .collect();
        Self { bar, collar: Grams(2_500), plates }
    }

    /// The empty bar with its collars: the lightest load.
    pub fn base(&self) -> Grams {
        Grams(self.bar.0 + 2 * self.collar.0)
    }

    /// The smallest change of load: a pair of the smallest plates.
    pub fn step(&self) -> Grams {
        Grams(2 * self.plates.iter().map(|p| p.weight.0).min().unwrap_or(0))
    }

    /// The heaviest load the inventory builds.
    pub fn heaviest(&self) -> Grams {
        Grams(self.base().0 + self.plates.iter().map(|p| p.weight.0 * (p.count / 2) * 2).sum::<u32>())
    }

    /// The plates for one side making `per_side` exactly, within stock, as a loader would
    /// pick them: as many of the heaviest plate as fit, then the next, backing off only when
    /// the rest cannot be made.
    pub fn one_side(&self, per_side: Grams) -> Option<Vec<Grams>> {
        let mut chosen = Vec::with_capacity(8);
        // Most loads are found heaviest-first without backing off: the memo is made only when
        // a dead end is met.
        let mut dead_ends = None;
        self.fill(0, per_side.0, &mut chosen, &mut dead_ends).then_some(chosen)
    }

    /// Depth-first, heaviest first; `dead_ends` remembers (plate index, remainder) pairs that
    /// cannot be completed, which keeps the search small.
    fn fill(
        &self,
        index: usize,
        remaining: u32,
        chosen: &mut Vec<Grams>,
        dead_ends: &mut Option<std::collections::HashSet<(usize, u32)>>,
    ) -> bool {
        if remaining == 0 {
            return true;
        }
        let Some(plate) = self.plates.get(index) else { return false };
        if dead_ends.as_ref().is_some_and(|known| known.contains(&(index, remaining))) {
            return false;
        }
        let most = (plate.count / 2).min(remaining / plate.weight.0);
        for copies in (0..=most).rev() {
            chosen.extend(std::iter::repeat_n(plate.weight, copies as usize));
            if self.fill(index + 1, remaining - copies * plate.weight.0, chosen, dead_ends) {
                return true;
            }
            chosen.truncate(chosen.len() - copies as usize);
        }
        dead_ends.get_or_insert_with(Default::default).insert((index, remaining));
        false
    }

    /// Whether `load` can be built, and with which plates on each side.
    pub fn build(&self, load: Grams) -> Option<Vec<Grams>> {
        let base = self.base().0;
        if load.0 < base || !(load.0 - base).is_multiple_of(2) {
            return None;
        }
        if load.0 == base {
            return Some(Vec::new());
        }
        self.one_side(Grams((load.0 - base) / 2))
    }
}

/// What the engine answers for one prescribed set.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    /// The load to lift and the plates for each side of the bar, heaviest first.
    Loaded { target: f64, load: Grams, per_side: Vec<Grams> },
    /// The rounded load cannot be built with this inventory (too light for the bar, too heavy
    /// for the plates, or missing plates): nothing is substituted.
    CannotBeLoaded { target: f64, rounded: Grams, reason: Unloadable },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unloadable {
    BelowEmptyBar,
    AboveInventory,
    MissingPlates,
}

impl Unloadable {
    /// The stable code clients switch on (the API's `problem`).
    pub fn code(self) -> &'static str {
        match self {
            Unloadable::BelowEmptyBar => "below_empty_bar",
            Unloadable::AboveInventory => "above_inventory",
            Unloadable::MissingPlates => "missing_plates",
        }
    }
}

/// The load for `percent` of `reference_max`, rounded as the club wants to a multiple of its
/// smallest step above the empty bar.
pub fn prescribe(reference_max: Grams, percent: Percent, inventory: &PlateInventory, rounding: Rounding) -> Load {
    let target = f64::from(reference_max.0) * percent.value() / 100.0;
    let base = f64::from(inventory.base().0);
    let step = f64::from(inventory.step().0);
    let steps = (target - base) / step;
    let whole = match rounding {
        // Ties go up, as lifters round half a step up.
        Rounding::Nearest => (steps + 0.5).floor(),
        Rounding::Floor => (steps + 1e-9).floor(),
        Rounding::Ceil => (steps - 1e-9).ceil(),
    };
    let rounded_grams = base + whole * step;
    let target_kg = target / 1000.0;
    if rounded_grams < base {
        let rounded = Grams(rounded_grams.max(0.0) as u32);
        return Load::CannotBeLoaded { target: target_kg, rounded, reason: Unloadable::BelowEmptyBar };
    }
    let rounded = Grams(rounded_grams as u32);
    if rounded > inventory.heaviest() {
        return Load::CannotBeLoaded { target: target_kg, rounded, reason: Unloadable::AboveInventory };
    }
    match inventory.build(rounded) {
        Some(per_side) => Load::Loaded { target: target_kg, load: rounded, per_side },
        None => Load::CannotBeLoaded { target: target_kg, rounded, reason: Unloadable::MissingPlates },
    }
}

/// A fixed load as it is prescribed: built exactly, or flagged, never rounded.
pub fn load_exactly(load: Grams, inventory: &PlateInventory) -> Load {
    let target = load.kg();
    let reason = if load < inventory.base() {
        Unloadable::BelowEmptyBar
    } else if load > inventory.heaviest() {
        Unloadable::AboveInventory
    } else {
        match inventory.build(load) {
            Some(per_side) => return Load::Loaded { target, load, per_side },
            None => Unloadable::MissingPlates,
        }
    };
    Load::CannotBeLoaded { target, rounded: load, reason }
}

#[cfg(test)]
mod tests;
