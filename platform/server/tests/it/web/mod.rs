//! The web back office in a real headless Chromium: the journeys of the people who use it.
//! Screenshots of the pages a journey passes through are saved in `.dropit/screenshots/`.

mod club;
mod files;
mod journey;
mod people;
mod training;
mod transfer;
