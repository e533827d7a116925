//! A short-lived cache of feed pages. The feed is the same for every anonymous reader,
//! and for every signed-in member, so a page is serialised once and served from memory
//! for at most `server.feed_cache_millis` (1 s by default; 0 turns it off). Any request
//! that changes state on this server clears it at once, so a reader here never sees an
//! old page after a change made here; another replica's change shows within the window.

use std::{
    collections::HashMap,
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use axum::body::Bytes;

/// Pages kept at most; the cache is emptied when it fills.
const MAX_ENTRIES: usize = 4_096;

pub struct FeedCache {
    ttl: Duration,
    /// Bumped by every state-changing request; entries of an older generation are stale.
    generation: AtomicU64,
    entries: Mutex<HashMap<(bool, String), Entry>>,
}

struct Entry {
    made: Instant,
    generation: u64,
    body: Bytes,
}

impl FeedCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            generation: AtomicU64::new(0),
            entries: Mutex::new(HashMap::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    /// Everything cached so far is stale.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::Release);
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// The cached page for a reader class (`member`) and query string, if fresh.
    pub fn get(&self, member: bool, query: &str) -> Option<Bytes> {
        let generation = self.generation();
        let entries = self.entries.lock().ok()?;
        let entry = entries.get(&(member, query.to_owned()))?;
        (entry.generation == generation && entry.made.elapsed() < self.ttl)
            .then(|| entry.body.clone())
    }

    /// Keeps a page made while `generation` was current.
    pub fn put(&self, member: bool, query: &str, generation: u64, body: Bytes) {
        if !self.enabled() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(
                (member, query.to_owned()),
                Entry {
                    made: Instant::now(),
                    generation,
                    body,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_served_until_a_change_or_its_time_is_up() {
        let cache = FeedCache::new(Duration::from_millis(50));
        let generation = cache.generation();
        cache.put(false, "tag=x", generation, Bytes::from_static(b"page"));
        assert_eq!(cache.get(false, "tag=x").as_deref(), Some(&b"page"[..]));
        assert!(
            cache.get(true, "tag=x").is_none(),
            "members have their own pages"
        );
        cache.invalidate();
        assert!(cache.get(false, "tag=x").is_none());
        cache.put(
            false,
            "tag=x",
            cache.generation(),
            Bytes::from_static(b"new"),
        );
        std::thread::sleep(Duration::from_millis(60));
        assert!(cache.get(false, "tag=x").is_none());
    }

    #[test]
    fn a_page_made_before_a_change_is_never_kept_as_fresh() {
        let cache = FeedCache::new(Duration::from_secs(5));
        let generation = cache.generation();
        cache.invalidate(); // a change lands while the page is being made
        cache.put(false, "", generation, Bytes::from_static(b"old"));
        assert!(cache.get(false, "").is_none());
    }
}
