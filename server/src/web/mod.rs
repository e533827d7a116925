//! The HTTP edge: middleware every response passes through, and the web app's files.

pub mod client;
pub mod frontend;
pub mod middleware;
