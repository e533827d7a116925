//! From counted stories to families, and from families to the figures of every area ×
//! quarter that has any. Pure: the refresh job feeds it rows and writes what it returns.
//!
//! The unit is a family: a member counts once in each figure of an area × quarter however
//! many stories they wrote there. The author is read here, in memory, only to merge a
//! member's stories; what comes out (`Histogram`) says how many families had each set of
//! tags, and nothing about who they were.

use std::collections::{BTreeMap, HashMap};

use super::{
    Quarter,
    disclosure::{self, Layout, TOTAL},
};
use crate::entities::stat_figure;

/// What the refresh job reads of a story that counts (see `refresh::counted`).
#[derive(Clone, Debug)]
pub struct Unit<'a> {
    /// Whose story it is: the author's account id, or for a story without an author
    /// account a key of its own (it is then a family of its own). Never stored.
    pub family: i64,
    pub area: &'a str,
    /// The story's period, `YYYY-MM` (a year alone has no quarter and does not count).
    pub period: &'a str,
    /// The story's tags, comma-separated as `story.tags` holds them.
    pub tags: &'a str,
}

/// A set of tags, as sorted indices into `Layout::tags`. `UNKNOWN` stands for a tag the
/// layout no longer has (read back from an old baseline).
pub type TagSet = Vec<u16>;
pub const UNKNOWN: u16 = u16::MAX;

/// How many families of one area × quarter had each set of tags (a family's set is every
/// tag of every story it wrote there).
pub type Histogram = BTreeMap<TagSet, u32>;

/// The families of every area × quarter that has any.
pub type Rows = HashMap<(String, Quarter), Histogram>;

/// Groups the stories by family within each area × quarter, then counts the families by
/// their set of tags. Tags the layout does not have are left out.
pub fn families<'a>(layout: &Layout, units: impl IntoIterator<Item = Unit<'a>>) -> Rows {
    let tag_index: HashMap<&str, u16> = layout
        .tags
        .iter()
        .enumerate()
        .filter_map(|(i, (id, _))| Some((id.as_str(), u16::try_from(i).ok()?)))
        .collect();
    let mut by_family: HashMap<(&str, Quarter), HashMap<i64, TagSet>> = HashMap::new();
    for unit in units {
        let Some(quarter) = Quarter::of_period(unit.period) else {
            continue;
        };
        let tags = by_family
            .entry((unit.area, quarter))
            .or_default()
            .entry(unit.family)
            .or_default();
        tags.extend(
            unit.tags
                .split(',')
                .filter_map(|tag| tag_index.get(tag).copied()),
        );
    }
    by_family
        .into_iter()
        .map(|((area, quarter), families)| {
            let mut histogram = Histogram::new();
            for (_, mut tags) in families {
                tags.sort_unstable();
                tags.dedup();
                *histogram.entry(tags).or_default() += 1;
            }
            ((area.to_owned(), quarter), histogram)
        })
        .collect()
}

/// The raw figures of one area × quarter: one value per figure of the layout. The total
/// counts every family; a category the families with any tag in it; a tag the families
/// with that tag.
pub fn figures(layout: &Layout, histogram: &Histogram) -> Vec<u32> {
    let mut row = vec![0; layout.width()];
    let mut categories = vec![false; layout.categories.len()];
    for (tags, &families) in histogram {
        row[TOTAL] += families;
        categories.fill(false);
        for &t in tags.iter().filter(|&&t| t != UNKNOWN) {
            let t = usize::from(t);
            if let Some((_, category)) = layout.tags.get(t) {
                row[layout.tag(t)] += families;
                categories[*category] = true;
            }
        }
        for (c, _) in categories.iter().enumerate().filter(|(_, hit)| **hit) {
            row[layout.category(c)] += families;
        }
    }
    row
}

/// A tag set as `stat_baseline.tags` keeps it: tag ids, comma-separated.
pub fn tag_set_key(layout: &Layout, tags: &TagSet) -> String {
    tags.iter()
        .map(|&t| {
            layout
                .tags
                .get(usize::from(t))
                .map_or("?", |(id, _)| id.as_str())
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A kept tag set read back; a tag the layout no longer has becomes `UNKNOWN`, so that
/// the families it held never match today's.
pub fn tag_set_from_key(layout: &Layout, key: &str) -> TagSet {
    let mut tags: TagSet = key
        .split(',')
        .filter(|t| !t.is_empty())
        .map(|id| {
            layout
                .tags
                .iter()
                .position(|(tag, _)| tag == id)
                .and_then(|i| u16::try_from(i).ok())
                .unwrap_or(UNKNOWN)
        })
        .collect();
    tags.sort_unstable();
    tags
}

/// The figures of one row as stored in `stat_figure`: the total always (its count `None`
/// when hidden), and every other figure only when it is published. A figure without a
/// row reads as hidden, so which hidden figures count any families is never told.
/// `hidden` says which figures are hidden; rates come only from published figures.
pub fn publish(
    layout: &Layout,
    area: &str,
    quarter: Quarter,
    values: &[u32],
    hidden: &[bool],
) -> Vec<stat_figure::Model> {
    let total = (!hidden[TOTAL]).then_some(values[TOTAL]);
    let quarter = quarter.to_string();
    (0..layout.width())
        .filter(|&i| i == TOTAL || !hidden[i])
        .map(|i| {
            let count = (!hidden[i]).then_some(values[i]);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            categories: vec!["meetings".into(), "blame".into()],
            tags: vec![("a".into(), 0), ("b".into(), 0), ("d".into(), 1)],
        }
    }

    fn unit<'a>(family: i64, period: &'a str, tags: &'a str) -> Unit<'a> {
        Unit {
            family,
            area: "E08000025",
            period,
            tags,
        }
    }

    #[test]
    fn a_family_counts_once_however_many_stories_it_wrote() {
        let layout = layout();
        let mut units: Vec<Unit> = (0..12).map(|_| unit(7, "2025-02", "a")).collect();
        units.push(unit(8, "2025-03", "a,d"));
        units.push(unit(8, "2025-01", "b"));
        units.push(unit(9, "2025-01", ""));
        units.push(unit(9, "2025", "a")); // a year alone has no quarter
        let rows = families(&layout, units);
        let histogram = &rows[&("E08000025".to_owned(), "2025Q1".parse().expect("a quarter"))];
        // Family 7 has {a}; family 8 {a, b, d} from two stories; family 9 nothing.
        assert_eq!(histogram.len(), 3);
        assert_eq!(histogram[&vec![0]], 1);
        assert_eq!(histogram[&vec![0, 1, 2]], 1);
        assert_eq!(histogram[&vec![]], 1);
        // total, meetings, blame, a, b, d
        assert_eq!(figures(&layout, histogram), [3, 2, 1, 2, 1, 1]);
    }

    #[test]
    fn kept_tag_sets_read_back_and_lost_tags_never_match() {
        let layout = layout();
        assert_eq!(tag_set_key(&layout, &vec![0, 2]), "a,d");
        assert_eq!(tag_set_from_key(&layout, "a,d"), vec![0, 2]);
        assert_eq!(tag_set_from_key(&layout, ""), Vec::<u16>::new());
        assert_eq!(tag_set_from_key(&layout, "a,gone"), vec![0, UNKNOWN]);
    }
}
