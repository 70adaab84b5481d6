//! The plates to put on each side of the bar, heaviest first, as discs a loader recognises by
//! their colour (the competition colours: 25 red, 20 blue, 15 yellow, 10 green, 5 white).

use dropit_kernel::Locale;
use dropit_ui::format;
use sycamore::prelude::*;

/// The colour class of a disc.
fn disc_class(kg: f64) -> &'static str {
    match kg {
        25.0 => "disc disc-red",
        20.0 => "disc disc-blue",
        15.0 => "disc disc-yellow",
        10.0 => "disc disc-green",
        5.0 => "disc disc-white",
        _ => "disc disc-change",
    }
}

#[component(inline_props)]
pub fn Plates(per_side: Vec<f64>, locale: Locale) -> View {
    // For machines (the browser tests): plain numbers.
    let plates = per_side.iter().map(f64::to_string).collect::<Vec<_>>().join(" ");
    let discs: Vec<View> = per_side
        .into_iter()
        .map(|kg| {
            let label = format::number(kg, locale);
            view! { span(class=disc_class(kg)) { (label) } }
        })
        .collect();
    view! { span(class="plates", data-testid="plates", data-plates=plates) { (discs) } }
}
