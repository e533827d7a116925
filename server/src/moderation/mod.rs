//! Moderation: for now, the append-only log of what moderators and admins did (role
//! changes), which every member can read: actions and reasons, never hidden content.

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
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RoleChanged => "role_changed",
            Self::TagAdded => "tag_added",
            Self::TagChanged => "tag_changed",
        }
    }
}
