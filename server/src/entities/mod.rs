//! sea-orm entities: one file per table, rows only, no logic.

pub mod account;
pub mod instance_setting;
pub mod invite;
pub mod local_tag;
pub mod moderation_log;
pub mod recovery_code;
pub mod refresh_token;
