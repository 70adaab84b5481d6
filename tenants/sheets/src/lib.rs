//! Coaches' program spreadsheets read into workouts.
