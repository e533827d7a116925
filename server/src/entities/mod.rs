//! sea-orm entities: one file per table, rows only, no logic.

pub mod account;
pub mod fed_block;
pub mod fed_delivery;
pub mod fed_like;
pub mod fed_object;
pub mod fed_partner;
pub mod fed_report;
pub mod fed_seen;
pub mod instance_setting;
pub mod invite;
pub mod local_tag;
pub mod moderation_log;
pub mod notification;
pub mod reaction;
pub mod recovery_code;
pub mod refresh_token;
pub mod reply;
pub mod report;
pub mod signpost;
pub mod stat_baseline;
pub mod stat_figure;
pub mod stat_noise;
pub mod stat_previous;
pub mod stat_release;
pub mod story;
pub mod story_tag;
