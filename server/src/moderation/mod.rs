//! Moderation: for now, the append-only log of what moderators and admins did (role
//! changes), which every member can read: actions and reasons, never hidden content.

pub mod routes;
pub mod store;

/// What was done. Stored as its name; never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    RoleChanged,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RoleChanged => "role_changed",
        }
    }
}
