//! PAGE-PENDING: loads computed in the browser with the server's engine, owned by the workouts area.
