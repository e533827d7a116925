//! Accounts: pseudonymous members (a handle and a passphrase, nothing else), sessions,
//! recovery without email, roles, invites, and each member's rights over their data.

pub mod dto;
pub mod error;
pub mod limits;
pub mod passwords;
pub mod routes;
pub mod secrets;
pub mod service;
pub mod session;
pub mod store;
pub mod tokens;
pub mod types;
