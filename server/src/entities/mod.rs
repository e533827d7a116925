//! sea-orm entities: one file per table, rows only, no logic.

pub mod instance_setting;
