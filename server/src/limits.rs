//! Limits shared by the services that read a text and keep nothing (screening, tag
//! suggestion): a forum-wide rate, kept in memory and keyed by nothing, and a length.

use std::num::NonZeroU32;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use crate::{
    accounts::limits::{RetryAfter, retry_after},
    problem::{Problem, ProblemCode},
};

/// So many requests a minute for the whole forum; beyond it, 429 with Retry-After.
pub struct ForumLimit(DefaultDirectRateLimiter);

impl ForumLimit {
    pub fn per_minute(per_minute: u32) -> Self {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        Self(RateLimiter::direct(Quota::per_minute(per_minute)))
    }

    pub fn check(&self) -> Result<(), Problem> {
        self.0.check().map_err(|not_until| {
            let RetryAfter(secs) = retry_after(not_until);
            Problem::new(ProblemCode::RateLimited).retry_after(secs)
        })
    }
}

/// 422 `text_too_long` when `text` has more than `max` characters (Unicode scalar
/// values); `what` finishes the sentence "Texts are … up to N characters".
pub fn check_text_chars(text: &str, max: usize, what: &str) -> Result<(), Problem> {
    // Bytes bound characters from above: count only when it could matter.
    if text.len() > max && text.chars().count() > max {
        return Err(Problem::new(ProblemCode::TextTooLong).detail(format!(
            "Texts are {what} up to {max} characters; split a longer one."
        )));
    }
    Ok(())
}
