//! Moderation: the queue of stories, replies and reports waiting for a moderator, what
//! moderators can do to them, and the append-only log of what moderators and admins did,
//! which every member can read: actions and reasons, never hidden content.

pub mod actions;
pub mod queue;
pub mod routes;
pub mod store;

/// What was done. Stored as its name; never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    RoleChanged,
    /// An admin added one of the forum's own pattern tags.
    TagAdded,
    /// An admin changed or retired one.
    TagChanged,
    StoryApproved,
    ChangesRequested,
    StoryRejected,
    StoryUnpublished,
    TagsCorrected,
    StoryRedacted,
    ReplyApproved,
    ReplyRejected,
    ReportDismissed,
    ReportResolved,
    /// An admin changed the signposting text of a tag.
    SignpostChanged,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RoleChanged => "role_changed",
            Self::TagAdded => "tag_added",
            Self::TagChanged => "tag_changed",
            Self::StoryApproved => "story_approved",
            Self::ChangesRequested => "changes_requested",
            Self::StoryRejected => "story_rejected",
            Self::StoryUnpublished => "story_unpublished",
            Self::TagsCorrected => "tags_corrected",
            Self::StoryRedacted => "story_redacted",
            Self::ReplyApproved => "reply_approved",
            Self::ReplyRejected => "reply_rejected",
            Self::ReportDismissed => "report_dismissed",
            Self::ReportResolved => "report_resolved",
            Self::SignpostChanged => "signpost_changed",
        }
    }
}
