//! PAGE-PENDING: SVG charts (line and bar), owned by the athletes area.
