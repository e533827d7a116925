//! From counted stories to the figures that may be published, for every area × quarter
//! that has any. Pure: the refresh job feeds it rows and writes what it returns.

use std::collections::HashMap;

use super::{
    Quarter,
    disclosure::{self, Layout, TOTAL},
};
use crate::entities::stat_figure;

/// What the refresh job reads of a story that counts (see `refresh::counted`).
#[derive(Clone, Debug)]
pub struct Unit<'a> {
    pub area: &'a str,
    /// The story's period, `YYYY-MM` (a year alone has no quarter and does not count).
    pub period: &'a str,
    /// The story's tags, comma-separated as `story.tags` holds them.
    pub tags: &'a str,
}

/// The raw counts of each area × quarter: one value per figure of the layout.
pub type Counts = HashMap<(String, Quarter), Vec<u32>>;

/// Counts the units: each adds one to its row's total, one to each of its tags, and one
/// to each category any of its tags is in (however many of them are).
pub fn count<'a>(layout: &Layout, units: impl IntoIterator<Item = Unit<'a>>) -> Counts {
    let tag_index: HashMap<&str, usize> = layout
        .tags
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let mut counts = Counts::new();
    let mut categories = vec![false; layout.categories.len()];
    let mut seen = Vec::new();
    for unit in units {
        let Some(quarter) = Quarter::of_period(unit.period) else {
            continue;
        };
        let row = counts
            .entry((unit.area.to_owned(), quarter))
            .or_insert_with(|| vec![0; layout.width()]);
        row[TOTAL] += 1;
        categories.fill(false);
        seen.clear();
        for tag in unit.tags.split(',').filter(|t| !t.is_empty()) {
            let Some(&t) = tag_index.get(tag) else {
                continue;
            };
            if seen.contains(&t) {
                continue;
            }
            seen.push(t);
            row[layout.tag(t)] += 1;
            categories[layout.tags[t].1] = true;
        }
        for (c, _) in categories.iter().enumerate().filter(|(_, hit)| **hit) {
            row[layout.category(c)] += 1;
        }
    }
    counts
}

/// The published figures of one row. `noisy` is the row with noise added (the raw row
/// when the forum adds none). A figure is hidden when its raw count or its noisy one is
/// below `k`, then to protect other hidden figures. Only figures that count any stories
/// are returned: the API reads a missing figure as hidden, as it is.
pub fn publish(
    layout: &Layout,
    groups: &[disclosure::Group],
    area: &str,
    quarter: Quarter,
    raw: &[u32],
    noisy: &[u32],
    k: u32,
) -> Vec<stat_figure::Model> {
    let hidden: Vec<bool> = raw
        .iter()
        .zip(noisy)
        .map(|(&r, &n)| r < k || n < k)
        .collect();
    let hidden = disclosure::protect(noisy, hidden, groups);
    let total = (!hidden[TOTAL]).then_some(noisy[TOTAL]);
    let quarter = quarter.to_string();
    (0..layout.width())
        .filter(|&i| raw[i] > 0)
        .map(|i| {
            let count = (!hidden[i]).then_some(noisy[i]);
            let rate = match (count, total) {
                (Some(c), Some(n)) if i != TOTAL && n > 0 => {
                    let c = c.min(n);
                    disclosure::wilson(c, n)
                        .map(|(low, high)| (f64::from(c) / f64::from(n), low, high))
                }
                _ => None,
            };
            let (kind, key) = layout.figure(i).kind_and_key();
            stat_figure::Model {
                area: area.to_owned(),
                quarter: quarter.clone(),
                kind: kind.to_owned(),
                key: key.to_owned(),
                count: count.map(|c| i32::try_from(c).unwrap_or(i32::MAX)),
                rate: rate.map(|r| r.0),
                rate_low: rate.map(|r| r.1),
                rate_high: rate.map(|r| r.2),
            }
        })
        .collect()
}
