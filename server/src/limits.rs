//! Limits shared by the services that read a text and keep nothing (screening, tag
//! suggestion): a forum-wide rate, kept in memory and keyed by nothing, and a length.

use std::num::NonZeroU32;

use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};

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

/// So many posts an hour (or edits a minute) for each member (keyed by account id, in
/// memory only).
pub struct MemberLimit(DefaultKeyedRateLimiter<i64>, &'static str);

impl MemberLimit {
    pub fn per_hour(per_hour: u32) -> Self {
        let per_hour = NonZeroU32::new(per_hour).unwrap_or(NonZeroU32::MIN);
        Self(
            RateLimiter::keyed(Quota::per_hour(per_hour)),
            "You have posted a lot in the last hour; please wait a while.",
        )
    }

    /// A burst of `per_minute`, then one every 60/`per_minute` s: the composer saves a
    /// draft at most once per 2 s pause in typing, so 30 never stops a person.
    pub fn per_minute(per_minute: u32) -> Self {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        Self(
            RateLimiter::keyed(Quota::per_minute(per_minute)),
            "You have saved changes very often in the last minute; please wait a moment.",
        )
    }

    pub fn check(&self, account_id: i64) -> Result<(), Problem> {
        if self.0.len() > 10_000 {
            self.0.retain_recent();
        }
        self.0.check_key(&account_id).map_err(|not_until| {
            let RetryAfter(secs) = retry_after(not_until);
            Problem::new(ProblemCode::RateLimited)
                .detail(self.1)
                .retry_after(secs)
        })
    }
}

/// Whether `text` has more than `max` characters (Unicode scalar values).
fn longer_than(text: &str, max: usize) -> bool {
    // Bytes bound characters from above: count only when it could matter.
    text.len() > max && text.chars().count() > max
}

/// 422 `text_too_long` when `text` has more than `max` characters (Unicode scalar
/// values); `what` finishes the sentence "Texts are … up to N characters".
pub fn check_text_chars(text: &str, max: usize, what: &str) -> Result<(), Problem> {
    if longer_than(text, max) {
        return Err(Problem::new(ProblemCode::TextTooLong).detail(format!(
            "Texts are {what} up to {max} characters; split a longer one."
        )));
    }
    Ok(())
}

/// 422 `text_too_long` when a field has more than `max` characters; the detail names
/// the field and its limit, never its content.
pub fn check_field_chars(text: &str, max: usize, field: &str) -> Result<(), Problem> {
    if longer_than(text, max) {
        return Err(Problem::new(ProblemCode::TextTooLong)
            .detail(format!("{field}: up to {max} characters.")));
    }
    Ok(())
}
