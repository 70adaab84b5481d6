//! The settings as typed, checked by the API's own rules before sending (the loading's in
//! `tenants/training`'s interface, the zones' in `tenants/athletes`' domain), so the form says
//! what is wrong at once. The API checks again; its messages land in the same places.

use dropit_kernel::Locale;
use dropit_sdk::types::{LoadingBody, PlateBody, RoundingName};

use crate::format::number;

/// A number as people type it, with a decimal point or a decimal comma.
pub fn decimal(raw: &str) -> Option<f64> {
    let value: f64 = raw.trim().replace(',', ".").parse().ok()?;
    value.is_finite().then_some(value)
}

/// One line of the plate inventory as typed: weight and how many the club owns.
#[derive(Clone, Debug, PartialEq)]
pub struct PlateLine {
    pub kg: String,
    pub count: String,
}

/// What the API would refuse in a loading; `plate_kg` and `plate_count` hold line indexes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadingFaults {
    pub bar: bool,
    pub collar: bool,
    /// No plate at all, or more than the API takes.
    pub plates: bool,
    pub plate_kg: Vec<usize>,
    pub plate_count: Vec<usize>,
}

impl LoadingFaults {
    pub fn any(&self) -> bool {
        self.bar || self.collar || self.plates || !self.plate_kg.is_empty() || !self.plate_count.is_empty()
    }
}

pub const MAX_BAR_KG: f64 = 30.0;
pub const MAX_COLLAR_KG: f64 = 5.0;
pub const MAX_PLATE_KG: f64 = 50.0;
pub const MAX_PLATE_LINES: usize = 20;
/// A plate is loaded in pairs; the API takes 2 to 100 of one size.
pub const PLATE_COUNTS: std::ops::RangeInclusive<u32> = 2..=100;

/// The loading to send, or what is wrong with it.
pub fn loading(
    bar: &str,
    collar: &str,
    rounding: RoundingName,
    plates: &[PlateLine],
) -> Result<LoadingBody, LoadingFaults> {
    let within = |raw: &str, max: f64, zero_ok: bool| {
        decimal(raw).filter(|kg| (if zero_ok { *kg >= 0.0 } else { grams(*kg) > 0 }) && *kg <= max)
    };
    let mut faults = LoadingFaults::default();
    let bar_kg = within(bar, MAX_BAR_KG, false);
    faults.bar = bar_kg.is_none();
    let collar_kg = within(collar, MAX_COLLAR_KG, true);
    faults.collar = collar_kg.is_none();
    faults.plates = plates.is_empty() || plates.len() > MAX_PLATE_LINES;
    let mut stock = Vec::new();
    for (i, line) in plates.iter().enumerate() {
        let kg = within(&line.kg, MAX_PLATE_KG, false);
        let count = line.count.trim().parse::<u32>().ok().filter(|c| PLATE_COUNTS.contains(c));
        if kg.is_none() {
            faults.plate_kg.push(i);
        }
        if count.is_none() {
            faults.plate_count.push(i);
        }
        if let (Some(kg), Some(count)) = (kg, count) {
            stock.push(PlateBody { kg, count });
        }
    }
    match (bar_kg, collar_kg, faults.any()) {
        (Some(bar_kg), Some(collar_kg), false) => Ok(LoadingBody { bar_kg, collar_kg, rounding, plates: stock }),
        _ => Err(faults),
    }
}

/// The API keeps weights in whole grams: 0.0004 kg is no weight at all.
fn grams(kg: f64) -> i64 {
    (kg * 1000.0).round() as i64
}

/// The index of an API field such as `plates[3].kg`, when it names that part of a line.
pub fn plate_index(field: &str, part: &str) -> Option<usize> {
    let rest = field.strip_prefix("plates[")?;
    let (index, tail) = rest.split_once(']')?;
    (tail == format!(".{part}")).then(|| index.parse().ok()).flatten()
}

/// What the API would refuse in the zones' lower bounds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ZoneFaults {
    /// None, or more than the API takes.
    pub count: bool,
    /// Lines that are not a % between 0 and 150 (both excluded).
    pub invalid: Vec<usize>,
    /// Lines not above the line before.
    pub not_increasing: Vec<usize>,
}

pub const MAX_ZONE_BOUNDS: usize = 10;
pub const MAX_ZONE_PCT: f64 = 150.0;

/// The lower bounds to send, or what is wrong with them.
pub fn zone_bounds(lines: &[String]) -> Result<Vec<f64>, ZoneFaults> {
    let mut faults = ZoneFaults { count: lines.is_empty() || lines.len() > MAX_ZONE_BOUNDS, ..ZoneFaults::default() };
    let mut bounds = Vec::new();
    let mut previous = None::<f64>;
    for (i, line) in lines.iter().enumerate() {
        match decimal(line).filter(|pct| *pct > 0.0 && *pct < MAX_ZONE_PCT) {
            Some(pct) => {
                if previous.is_some_and(|before| pct <= before) {
                    faults.not_increasing.push(i);
                }
                previous = Some(pct);
                bounds.push(pct);
            }
            None => faults.invalid.push(i),
        }
    }
    if faults == ZoneFaults::default() { Ok(bounds) } else { Err(faults) }
}

/// The zones the bounds make, as people read them: `< 70 %`, `70–80 %`, …, `≥ 90 %`.
pub fn zone_labels(bounds: &[f64], locale: Locale) -> Vec<String> {
    let pct = |v: f64| format!("{} %", number(v, locale));
    let mut labels = Vec::with_capacity(bounds.len() + 1);
    if let Some(first) = bounds.first() {
        labels.push(format!("< {}", pct(*first)));
    }
    labels.extend(bounds.windows(2).map(|w| format!("{}–{}", number(w[0], locale), pct(w[1]))));
    if let Some(last) = bounds.last() {
        labels.push(format!("≥ {}", pct(*last)));
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_read_as_ranges() {
        assert_eq!(zone_labels(&[70.0, 80.0, 92.5], Locale::Fr), ["< 70 %", "70–80 %", "80–92,5 %", "≥ 92,5 %"]);
        assert_eq!(zone_labels(&[50.0], Locale::En), ["< 50 %", "≥ 50 %"]);
        assert!(zone_labels(&[], Locale::En).is_empty());
    }

    fn line(kg: &str, count: &str) -> PlateLine {
        PlateLine { kg: kg.to_owned(), count: count.to_owned() }
    }

    #[test]
    fn decimals_take_a_point_or_a_comma() {
        assert_eq!(decimal(" 1,25 "), Some(1.25));
        assert_eq!(decimal("20"), Some(20.0));
        assert_eq!(decimal("NaN"), None);
        assert_eq!(decimal("inf"), None);
        assert_eq!(decimal("vingt"), None);
    }

    #[test]
    fn a_loading_the_api_accepts_is_sent_as_typed() {
        let body =
            loading("20", "2,5", RoundingName::Floor, &[line("25", "6"), line("1,25", "2")]).expect("a valid loading");
        assert_eq!(body.bar_kg, 20.0);
        assert_eq!(body.collar_kg, 2.5);
        assert_eq!(body.rounding, RoundingName::Floor);
        assert_eq!(body.plates, vec![PlateBody { kg: 25.0, count: 6 }, PlateBody { kg: 1.25, count: 2 }]);
        assert!(loading("30", "0", RoundingName::Nearest, &[line("50", "100")]).is_ok());
    }

    #[test]
    fn a_loading_the_api_refuses_names_each_fault() {
        let faults =
            loading("0", "5.5", RoundingName::Nearest, &[line("51", "2"), line("5", "1"), line("0,0004", "101")])
                .expect_err("a refused loading");
        assert_eq!(
            faults,
            LoadingFaults { bar: true, collar: true, plates: false, plate_kg: vec![0, 2], plate_count: vec![1, 2] }
        );
        assert!(loading("31", "0", RoundingName::Nearest, &[line("5", "2")]).expect_err("a refused loading").bar);
        assert!(loading("20", "-1", RoundingName::Nearest, &[line("5", "2")]).expect_err("a refused loading").collar);
        assert!(loading("20", "0", RoundingName::Nearest, &[]).expect_err("a refused loading").plates);
        let many = vec![line("5", "2"); MAX_PLATE_LINES + 1];
        assert!(loading("20", "0", RoundingName::Nearest, &many).expect_err("a refused loading").plates);
        assert_eq!(
            loading("20", "0", RoundingName::Nearest, &[line("5", "2.5")]).expect_err("a refused loading").plate_count,
            vec![0]
        );
    }

    #[test]
    fn api_fields_point_at_their_plate_line() {
        assert_eq!(plate_index("plates[3].kg", "kg"), Some(3));
        assert_eq!(plate_index("plates[3].count", "kg"), None);
        assert_eq!(plate_index("plates[12].count", "count"), Some(12));
        assert_eq!(plate_index("bar_kg", "kg"), None);
    }

    #[test]
    fn zones_rise_strictly_within_the_api_range() {
        let lines = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(zone_bounds(&lines(&["70", "80", "92,5"])), Ok(vec![70.0, 80.0, 92.5]));
        assert_eq!(zone_bounds(&[]), Err(ZoneFaults { count: true, ..ZoneFaults::default() }));
        assert_eq!(
            zone_bounds(&lines(&["70", "70", "0", "150", "x", "60"])),
            Err(ZoneFaults { count: false, invalid: vec![2, 3, 4], not_increasing: vec![1, 5] })
        );
        assert!(zone_bounds(&vec!["50".to_owned(); MAX_ZONE_BOUNDS + 1]).expect_err("too many bounds").count);
    }
}
