//! Hand-checked examples and properties of the load engine.

use proptest::prelude::*;

use super::*;

fn kg(value: f64) -> Grams {
    Grams::from_kg(value).expect("a weight")
}

fn men() -> PlateInventory {
    PlateInventory::competition(kg(20.0))
}

fn loaded(load: Load) -> (Grams, Vec<Grams>) {
    match load {
        Load::Loaded { load, per_side, .. } => (load, per_side),
        other => panic!("expected a load, got {other:?}"),
    }
}

#[test]
fn eighty_percent_of_a_120_kg_snatch_with_competition_plates() {
    // 96 kg: bar 20 + collars 5 leave 71, 35.5 a side: 25 + 10 + 0.5.
    let (load, per_side) = loaded(prescribe(kg(120.0), Percent::new(80.0).expect("%"), &men(), Rounding::Nearest));
    assert_eq!(load, kg(96.0));
    assert_eq!(per_side, vec![kg(25.0), kg(10.0), kg(0.5)]);
}

#[test]
fn rounding_goes_to_the_one_kilo_step_of_half_kilo_plates() {
    // 77 % of 117 kg = 90.09 kg: nearest 90, floor 90, ceil 91.
    let percent = Percent::new(77.0).expect("%");
    assert_eq!(loaded(prescribe(kg(117.0), percent, &men(), Rounding::Nearest)).0, kg(90.0));
    assert_eq!(loaded(prescribe(kg(117.0), percent, &men(), Rounding::Floor)).0, kg(90.0));
    assert_eq!(loaded(prescribe(kg(117.0), percent, &men(), Rounding::Ceil)).0, kg(91.0));
    // Exactly half a step rounds up: 50 % of 181 kg = 90.5 kg.
    assert_eq!(loaded(prescribe(kg(181.0), Percent::new(50.0).expect("%"), &men(), Rounding::Nearest)).0, kg(91.0));
}

#[test]
fn a_complex_at_75_percent_of_the_clean_and_jerk() {
    // 1 clean + 2 front squats + 1 jerk at 75 % of a 142 kg clean & jerk: 106.5 → 107 kg with
    // a women's 15 kg bar: 107 - 15 - 5 = 87, 43.5 a side: 25 + 15 + 2.5 + 1.
    let women = PlateInventory::competition(kg(15.0));
    let (load, per_side) = loaded(prescribe(kg(142.0), Percent::new(75.0).expect("%"), &women, Rounding::Nearest));
    assert_eq!(load, kg(107.0));
    assert_eq!(per_side, vec![kg(25.0), kg(15.0), kg(2.5), kg(1.0)]);
}

#[test]
fn a_snatch_pull_above_100_percent() {
    // 105 % of a 100 kg snatch: 105 kg, 40 a side: 25 + 15.
    let (load, per_side) = loaded(prescribe(kg(100.0), Percent::new(105.0).expect("%"), &men(), Rounding::Nearest));
    assert_eq!((load, per_side), (kg(105.0), vec![kg(25.0), kg(15.0)]));
}

#[test]
fn loads_that_cannot_be_built_are_flagged_not_changed() {
    let percent = |p| Percent::new(p).expect("%");
    assert!(matches!(
        prescribe(kg(40.0), percent(50.0), &men(), Rounding::Nearest),
        Load::CannotBeLoaded { reason: Unloadable::BelowEmptyBar, .. }
    ));
    // A small club: a 20 kg bar, no collars, two 20s, two 10s, two 5s, two 2.5s.
    let small = PlateInventory::new(
        kg(20.0),
        Grams(0),
        [20.0, 10.0, 5.0, 2.5].iter().map(|&w| PlateStock { weight: kg(w), count: 2 }).collect(),
    )
    .expect("inventory");
    assert_eq!(small.step(), kg(5.0));
    assert!(matches!(
        prescribe(kg(150.0), percent(100.0), &small, Rounding::Nearest),
        Load::CannotBeLoaded { reason: Unloadable::AboveInventory, .. }
    ));
    // 45 kg is on the 2.5 kg grid and below the heaviest load, but 12.5 a side cannot be made
    // from 20, 15 and 1.25 kg plates.
    let tight = PlateInventory::new(
        kg(20.0),
        Grams(0),
        [20.0, 15.0, 1.25].iter().map(|&w| PlateStock { weight: kg(w), count: 2 }).collect(),
    )
    .expect("inventory");
    assert!(matches!(
        prescribe(kg(100.0), percent(45.0), &tight, Rounding::Nearest),
        Load::CannotBeLoaded { reason: Unloadable::MissingPlates, .. }
    ));
}

#[test]
fn a_fixed_load_is_built_exactly_or_flagged() {
    let (load, per_side) = loaded(load_exactly(kg(101.0), &men()));
    assert_eq!((load, per_side), (kg(101.0), vec![kg(25.0), kg(10.0), kg(2.5), kg(0.5)]));
    assert!(matches!(load_exactly(kg(101.5), &men()), Load::CannotBeLoaded { reason: Unloadable::MissingPlates, .. }));
    assert!(matches!(load_exactly(kg(20.0), &men()), Load::CannotBeLoaded { reason: Unloadable::BelowEmptyBar, .. }));
}

#[test]
fn bad_inputs_are_refused() {
    for bad in [0.0, -5.0, 150.5, f64::NAN, f64::INFINITY] {
        assert_eq!(Percent::new(bad), Err(LoadError::Percent), "{bad}");
    }
    assert_eq!(
        PlateInventory::new(Grams(0), Grams(0), vec![PlateStock { weight: kg(5.0), count: 2 }]),
        Err(LoadError::Inventory)
    );
    assert_eq!(
        PlateInventory::new(kg(20.0), Grams(0), vec![PlateStock { weight: kg(5.0), count: 1 }]),
        Err(LoadError::Inventory)
    );
}

fn inventories() -> impl Strategy<Value = PlateInventory> {
    let plate = prop_oneof![
        Just(25_000u32),
        Just(20_000),
        Just(15_000),
        Just(10_000),
        Just(5_000),
        Just(2_500),
        Just(2_000),
        Just(1_500),
        Just(1_250),
        Just(1_000),
        Just(500),
        Just(250)
    ];
    (
        prop_oneof![Just(20_000u32), Just(15_000), Just(10_000), Just(5_000)],
        prop_oneof![Just(0u32), Just(2_500)],
        proptest::collection::vec((plate, 1u32..=8), 1..8),
    )
        .prop_filter_map("at least one pair", |(bar, collar, plates)| {
            let stock =
                plates.into_iter().map(|(w, pairs)| PlateStock { weight: Grams(w), count: pairs * 2 }).collect();
            PlateInventory::new(Grams(bar), Grams(collar), stock).ok()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn a_load_said_to_be_buildable_is_built_by_its_plates(
        inventory in inventories(), max in 20_000u32..300_000, percent in 30.0f64..120.0,
        rounding in prop_oneof![Just(Rounding::Nearest), Just(Rounding::Floor), Just(Rounding::Ceil)],
    ) {
        if let Load::Loaded { load, per_side, .. } = prescribe(Grams(max), Percent::new(percent).expect("%"), &inventory, rounding) {
            let plates: u32 = per_side.iter().map(|p| p.0).sum();
            prop_assert_eq!(inventory.base().0 + 2 * plates, load.0);
            for plate in &per_side {
                let used = per_side.iter().filter(|p| *p == plate).count() as u32;
                let stock = inventory.plates.iter().find(|s| s.weight == *plate).map_or(0, |s| s.count);
                prop_assert!(2 * used <= stock, "more {plate} plates than the club owns");
            }
        }
    }

    #[test]
    fn rounding_keeps_its_promise(
        inventory in inventories(), max in 20_000u32..300_000, percent in 30.0f64..120.0,
    ) {
        let percent = Percent::new(percent).expect("%");
        let target = f64::from(max) * percent.value() / 100.0;
        let step = f64::from(inventory.step().0);
        let result = |rounding| prescribe(Grams(max), percent, &inventory, rounding);
        let rounded_of = |load: Load| match load {
            Load::Loaded { load, .. } => f64::from(load.0),
            Load::CannotBeLoaded { rounded, .. } => f64::from(rounded.0),
        };
        let base = f64::from(inventory.base().0);
        if target >= base {
            prop_assert!((rounded_of(result(Rounding::Nearest)) - target).abs() <= step / 2.0 + 1e-6);
            prop_assert!(rounded_of(result(Rounding::Floor)) <= target + 1e-6);
            prop_assert!(rounded_of(result(Rounding::Ceil)) >= target - 1e-6);
        }
    }
}
