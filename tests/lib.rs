//! Test-only crate: see `main.rs` and the `harness/`, `journeys/` folders.
