//! The instance: what this forum says about itself (name, area, description, version),
//! and the settings it keeps in the database between restarts.

pub mod routes;
pub mod store;
