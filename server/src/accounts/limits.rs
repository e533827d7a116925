//! Abuse limits on sign-in, recovery and joining. State lives in memory only (it is lost
//! on restart, which is fine for a limit) and is keyed by handle, by the client's address
//! hashed with a key made at start (`web::client`: the address itself is never held), or
//! by nothing. A flood from one client meets its own limit before the forum-wide one, so
//! it cannot lock everyone else out.
//!
//! Sign-in limits count attempts for a handle whether or not the account exists, so that
//! a limit never reveals which handles are real.

use std::{num::NonZeroU32, time::Duration};

use governor::{
    DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock as _, DefaultClock},
};

use crate::config::LimitsConfig;

use super::types::Handle;
use crate::web::client::ClientKey;

/// Keys older than their quota's period are dropped once this many are held.
const PRUNE_ABOVE_KEYS: usize = 10_000;

pub struct Limits {
    sign_in_per_client: DefaultKeyedRateLimiter<ClientKey>,
    sign_in_per_handle: DefaultKeyedRateLimiter<String>,
    sign_in_overall: DefaultDirectRateLimiter,
    registrations: DefaultDirectRateLimiter,
}

/// Refused by a limit; try again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

fn at_least_one(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

impl Limits {
    pub fn new(config: &LimitsConfig) -> Self {
        let refill = Duration::from_secs(config.sign_in_refill_secs.max(1));
        let per_handle = Quota::with_period(refill)
            .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
            .allow_burst(at_least_one(config.sign_in_attempts_per_handle));
        Self {
            sign_in_per_client: RateLimiter::keyed(Quota::per_minute(at_least_one(
                config.sign_in_attempts_per_client,
            ))),
            sign_in_per_handle: RateLimiter::keyed(per_handle),
            sign_in_overall: RateLimiter::direct(Quota::per_minute(at_least_one(
                config.sign_in_attempts_per_minute,
            ))),
            registrations: RateLimiter::direct(Quota::per_hour(at_least_one(
                config.registrations_per_hour,
            ))),
        }
    }

    /// One sign-in or recovery attempt from `client` (when known) for `handle` (if it is
    /// a well-formed one): the client's own limit first, then the handle's, and only
    /// then the forum-wide one, so that what one client or one handle spends is not
    /// taken from everyone.
    pub fn sign_in_attempt(
        &self,
        client: Option<ClientKey>,
        handle: Option<&Handle>,
    ) -> Result<(), RetryAfter> {
        if let Some(client) = client {
            if self.sign_in_per_client.len() > PRUNE_ABOVE_KEYS {
                self.sign_in_per_client.retain_recent();
            }
            self.sign_in_per_client
                .check_key(&client)
                .map_err(retry_after)?;
        }
        if let Some(handle) = handle {
            if self.sign_in_per_handle.len() > PRUNE_ABOVE_KEYS {
                self.sign_in_per_handle.retain_recent();
            }
            self.sign_in_per_handle
                .check_key(&handle.as_str().to_owned())
                .map_err(retry_after)?;
        }
        self.sign_in_overall.check().map_err(retry_after)
    }

    /// One new account.
    pub fn registration(&self) -> Result<(), RetryAfter> {
        self.registrations.check().map_err(retry_after)
    }
}

/// How long until a refused limit would allow one more, in whole seconds rounded up.
pub(crate) fn retry_after(
    not_until: governor::NotUntil<<DefaultClock as governor::clock::Clock>::Instant>,
) -> RetryAfter {
    let wait = not_until.wait_time_from(DefaultClock::default().now());
    RetryAfter(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(per_handle: u32, refill_secs: u64) -> LimitsConfig {
        LimitsConfig {
            sign_in_attempts_per_handle: per_handle,
            sign_in_refill_secs: refill_secs,
            sign_in_attempts_per_minute: 1000,
            registrations_per_hour: 2,
            ..LimitsConfig::default()
        }
    }

    #[test]
    fn a_handle_gets_its_burst_then_waits_while_others_go_on() {
        let limits = Limits::new(&config(3, 60));
        let rowan = Handle::parse("rowan").unwrap();
        let sam = Handle::parse("sam_k").unwrap();
        for _ in 0..3 {
            assert_eq!(limits.sign_in_attempt(None, Some(&rowan)), Ok(()));
        }
        let refused = limits.sign_in_attempt(None, Some(&rowan)).unwrap_err();
        assert!((55..=60).contains(&refused.0), "{refused:?}");
        assert_eq!(limits.sign_in_attempt(None, Some(&sam)), Ok(()));
    }

    #[test]
    fn one_client_meets_its_own_limit_and_leaves_the_forum_s_to_others() {
        let limits = Limits::new(&LimitsConfig {
            sign_in_attempts_per_client: 5,
            sign_in_attempts_per_minute: 8,
            ..config(100, 60)
        });
        let flood = ClientKey::of(Some("198.51.100.7".parse().unwrap()));
        let member = ClientKey::of(Some("203.0.113.9".parse().unwrap()));
        let handle = Handle::parse("rowan").unwrap();
        let refused = (0..50)
            .filter(|_| limits.sign_in_attempt(Some(flood), Some(&handle)).is_err())
            .count();
        assert_eq!(refused, 45);
        assert_eq!(limits.sign_in_attempt(Some(member), Some(&handle)), Ok(()));
    }

    #[test]
    fn registrations_are_limited_for_the_whole_forum() {
        let limits = Limits::new(&config(3, 60));
        assert!(limits.registration().is_ok());
        assert!(limits.registration().is_ok());
        assert!(limits.registration().is_err());
    }
}
