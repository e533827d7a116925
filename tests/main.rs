//! The end-to-end suite, in one test binary so that it links once: real servers on
//! 127.0.0.1 ports, real SQLite files and real PostgreSQL databases, real HTTP.
//! Every journey runs on both engines.

#![expect(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test, with its message"
)]

mod harness;
mod journeys;
