//! The rest timer: started when a set is marked, it keeps time from its start timestamp (not by
//! counting ticks), so a phone that was locked or put the page to sleep shows the right time
//! when it wakes; at the end it vibrates and beeps (WebAudio, unlocked by the tap that started
//! it).

use std::{cell::RefCell, rc::Rc};

use sycamore::prelude::*;
use wasm_bindgen::JsValue;

use crate::{device::now_ms, pages::session::words::minutes, state::t, timers::every};

#[derive(Clone)]
pub struct RestTimer {
    /// When the rest ends, in milliseconds since the epoch.
    until: Signal<Option<f64>>,
    total: Signal<u32>,
    now: Signal<f64>,
    /// Just ended: shows "go" for a moment.
    rang: Signal<bool>,
    audio: Rc<RefCell<Option<web_sys::AudioContext>>>,
    alive: Rc<std::cell::Cell<bool>>,
}

impl RestTimer {
    /// A timer that stops ticking when the page goes away.
    pub fn new() -> Self {
        let alive = Rc::new(std::cell::Cell::new(true));
        let gone = Rc::clone(&alive);
        on_cleanup(move || gone.set(false));
        Self {
            until: create_signal(None),
            total: create_signal(0),
            now: create_signal(now_ms()),
            rang: create_signal(false),
            audio: Rc::default(),
            alive,
        }
    }

    /// Starts a rest of `seconds` now (from a tap, which also lets the page play a sound).
    pub fn start(&self, seconds: u32) {
        if seconds == 0 {
            return;
        }
        if self.audio.borrow().is_none() {
            *self.audio.borrow_mut() = web_sys::AudioContext::new().ok();
        }
        if let Some(audio) = self.audio.borrow().as_ref() {
            let _ = audio.resume();
        }
        let already_ticking = self.until.get_untracked().is_some();
        self.total.set(seconds);
        self.rang.set(false);
        self.now.set(now_ms());
        self.until.set(Some(now_ms() + f64::from(seconds) * 1000.0));
        if !already_ticking {
            let timer = self.clone();
            every(250, move || timer.tick());
        }
    }

    pub fn stop(&self) {
        self.until.set(None);
        self.rang.set(false);
    }

    /// Answers whether to keep ticking.
    fn tick(&self) -> bool {
        if !self.alive.get() {
            return false;
        }
        let Some(until) = self.until.get_untracked() else { return false };
        let now = now_ms();
        self.now.set(now);
        if now < until {
            return true;
        }
        self.until.set(None);
        self.rang.set(true);
        self.ring();
        let rang = self.rang;
        let alive = Rc::clone(&self.alive);
        crate::timers::after(3_000, move || {
            if alive.get() {
                rang.set(false);
            }
        });
        false
    }

    fn ring(&self) {
        if let Some(window) = web_sys::window() {
            let pattern = js_sys::Array::of3(&JsValue::from(300), &JsValue::from(150), &JsValue::from(300));
            let _ = window.navigator().vibrate_with_pattern(&pattern);
        }
        if let Some(audio) = self.audio.borrow().as_ref() {
            let _ = beep(audio);
        }
    }

    /// Seconds left, when resting.
    fn left(&self) -> Option<u32> {
        let until = self.until.get()?;
        Some(((until - self.now.get()) / 1000.0).ceil().max(0.0) as u32)
    }
}

/// Two short tones.
fn beep(audio: &web_sys::AudioContext) -> Result<(), JsValue> {
    let start = audio.current_time();
    for (offset, frequency) in [(0.0, 880.0), (0.25, 1320.0)] {
        let oscillator = audio.create_oscillator()?;
        let gain = audio.create_gain()?;
        oscillator.frequency().set_value(frequency);
        gain.gain().set_value(0.3);
        oscillator.connect_with_audio_node(&gain)?;
        gain.connect_with_audio_node(&audio.destination())?;
        oscillator.start_with_when(start + offset)?;
        oscillator.stop_with_when(start + offset + 0.18)?;
    }
    Ok(())
}

#[component(inline_props)]
pub fn RestBar(timer: RestTimer) -> View {
    let shown = timer.clone();
    let stopping = timer.clone();
    let rang = timer.rang;
    view! {
        (move || {
            let left = shown.left();
            let stopping = stopping.clone();
            match left {
                Some(left) => {
                    let total = shown.total.get().max(1);
                    let done = f64::from(total.saturating_sub(left)) / f64::from(total) * 100.0;
                    let width = format!("{done:.1}");
                    let text = format!("{} {}", t("mobile.rest.resting"), minutes(left));
                    view! {
                        div(class="rest-bar", role="timer", data-testid="rest-timer", data-left=left.to_string()) {
                            svg(class="rest-progress", viewBox="0 0 100 4", preserveAspectRatio="none", aria-hidden="true") {
                                rect(x="0", y="0", width=width, height="4")
                            }
                            span(class="rest-time") { (text) }
                            button(class="button button-quiet", r#type="button", on:click=move |_| stopping.stop()) {
                                (t("mobile.rest.skip"))
                            }
                        }
                    }
                }
                None if rang.get() => view! {
                    div(class="rest-bar rest-over", role="alert", data-testid="rest-over") { (t("mobile.rest.go")) }
                },
                None => view! {},
            }
        })
    }
}
