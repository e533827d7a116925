//! Property tests over random forums: members who write 0 to 20 stories each. No published
//! figure counts fewer than k families, and every published figure is the number of
//! distinct members it stands for; no hidden figure can be worked out by subtraction from
//! one response or from two (adjacent periods, overlapping filters), nor bounded to an
//! interval narrower than k/2; two consecutive releases, with one family added,
//! withdrawing a story or erased between them, show that family's change nowhere; rates and
//! intervals equal values computed here another way.
//!
//! The attacker here knows every figure the responses show and assumes the worst case of
//! how they add up (each total is the sum of its categories, each category the sum of its
//! tags, exactly). A hidden figure is "worked out" when those equations fix its value
//! whatever the other hidden figures are: when its column is not in the span of the other
//! hidden figures' columns. The rank is computed modulo two large primes, independently of
//! `disclosure`'s own rules. Intervals come from the release audit (`audit::releases`), run
//! on what was published.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{
    Catalogue, Layout, Quarter, audit,
    disclosure::{below, protect},
    noise::Noise,
    refresh::shown,
    release::{self, Baselines, Settings, Shown, Worked},
    routes::{AreaRef, Published, Release, Schedule, Selection, StatsView, select},
    tables::{self, Unit},
};

const AREAS: [&str; 2] = ["E08000025", "E06000001"];
const FIRST: &str = "2025Q1";
const QUARTERS: u32 = 4;

/// Three categories: one with three tags, one with two, one with a single tag (whose
/// count always equals its category's).
fn catalogue() -> Catalogue {
    let layout = Layout {
        categories: vec!["meetings".into(), "blame".into(), "good-practice".into()],
        tags: vec![
            ("pre-meeting".into(), 0),
            ("no-minutes".into(), 0),
            ("talked-over".into(), 0),
            ("labelled".into(), 1),
            ("referral".into(), 1),
            ("listened-to".into(), 2),
        ],
    };
    Catalogue {
        category_labels: layout.categories.clone(),
        tag_labels: layout.tags.iter().map(|t| t.0.clone()).collect(),
        layout,
        vocabulary_version: 1,
    }
}

fn first() -> Quarter {
    FIRST.parse().expect("a quarter")
}

fn quarter(n: u32) -> Quarter {
    first()
        .through(first().next().next().next())
        .nth(n as usize)
        .expect("in range")
}

/// A story as generated: area, quarter, month within it, and which tags it carries.
type Story = (usize, u32, u32, Vec<bool>);

/// A random story: area, quarter, month within it, and which tags it carries. Areas and
/// tags are skewed, so that some cells pass k and some do not.
fn story() -> impl Strategy<Value = Story> {
    (
        prop::sample::select(vec![0_usize, 0, 0, 1]),
        0..QUARTERS,
        0..3_u32,
        prop::collection::vec(prop::bool::weighted(0.3), 6),
    )
}

/// A random member: 0 to 20 stories, most of them few, some busy writers.
fn member() -> impl Strategy<Value = Vec<Story>> {
    prop_oneof![
        4 => prop::collection::vec(story(), 0..3),
        1 => prop::collection::vec(story(), 3..21),
    ]
}

/// A forum's counted stories: (member, area, period, tags).
#[derive(Clone, Debug)]
struct Dataset {
    stories: Vec<(i64, String, String, String)>,
}

fn dataset(members: Vec<Vec<Story>>) -> Dataset {
    let layout = catalogue().layout;
    let mut stories = Vec::new();
    for (member, written) in members.into_iter().enumerate() {
        for (area, q, month, tags) in written {
            let text = quarter(q).to_string();
            let (year, number) = text.split_once('Q').expect("YYYYQn");
            let number: u32 = number.parse().expect("a digit");
            let period = format!("{year}-{:02}", (number - 1) * 3 + month + 1);
            let tags: Vec<&str> = tags
                .iter()
                .zip(&layout.tags)
                .filter(|(on, _)| **on)
                .map(|(_, (id, _))| id.as_str())
                .collect();
            stories.push((
                i64::try_from(member).expect("few"),
                AREAS[area].to_owned(),
                period,
                tags.join(","),
            ));
        }
    }
    Dataset { stories }
}

/// The true figures, worked out here by brute force: for each area × quarter and figure,
/// the set of distinct members it stands for.
fn truth(data: &Dataset) -> HashMap<(String, Quarter), Vec<u32>> {
    let layout = catalogue().layout;
    let mut members: HashMap<(String, Quarter), Vec<BTreeSet<i64>>> = HashMap::new();
    for (member, area, period, tags) in &data.stories {
        let q = Quarter::of_period(period).expect("a month");
        let row = members
            .entry((area.clone(), q))
            .or_insert_with(|| vec![BTreeSet::new(); layout.width()]);
        row[0].insert(*member);
        for tag in tags.split(',').filter(|t| !t.is_empty()) {
            let t = layout
                .tags
                .iter()
                .position(|(id, _)| id == tag)
                .expect("known");
            row[layout.tag(t)].insert(*member);
            row[layout.category(layout.tags[t].1)].insert(*member);
        }
    }
    members
        .into_iter()
        .map(|(key, sets)| {
            (
                key,
                sets.iter()
                    .map(|s| u32::try_from(s.len()).expect("few"))
                    .collect(),
            )
        })
        .collect()
}

/// Releases `data` as the refresh job does, without noise, given the baselines and the
/// release before (both empty for a first release).
fn release_of(data: &Dataset, k: u32, baselines: &Baselines, previous: &Shown) -> Worked {
    let layout = catalogue().layout;
    let rows = tables::families(
        &layout,
        data.stories
            .iter()
            .map(|(member, area, period, tags)| Unit {
                family: *member,
                area,
                period,
                tags,
            }),
    );
    release::work_out(
        &Settings {
            layout: &layout,
            k,
            noise: None,
            kept_noise: &HashMap::new(),
        },
        &rows,
        baselines,
        previous,
    )
    .expect("a release")
}

/// A release's figures by area, as the API reads them.
fn by_area(worked: &Worked) -> HashMap<String, Published> {
    let mut by_area: HashMap<String, Published> = HashMap::new();
    for figure in &worked.figures {
        by_area.entry(figure.area.clone()).or_default().insert(
            (
                figure.quarter.clone(),
                figure.kind.clone(),
                figure.key.clone(),
            ),
            figure.clone(),
        );
    }
    by_area
}

fn shown_of(worked: &Worked) -> Shown {
    shown(&catalogue().layout, worked.figures.clone())
}

fn release(k: u32) -> Release {
    Release {
        k,
        epsilon: None,
        vocabulary_version: 1,
        refreshed_on: NaiveDate::from_ymd_opt(2026, 1, 1),
    }
}

fn respond(
    published: &HashMap<String, Published>,
    area: &str,
    k: u32,
    from: u32,
    to: u32,
    tag: Option<usize>,
    category: Option<usize>,
) -> StatsView {
    let empty = Published::new();
    select(
        &catalogue(),
        &release(k),
        Schedule {
            published_through: quarter(QUARTERS - 1),
            publish_after_days: 14,
        },
        AreaRef {
            code: area.to_owned(),
            name: area.to_owned(),
        },
        published.get(area).unwrap_or(&empty),
        &Selection {
            from: quarter(from),
            to: quarter(to),
            tag,
            category,
        },
    )
}

/// What responses show: (quarter, figure index) → count, for shown figures only; and
/// every figure index shown hidden.
#[derive(Default)]
struct Seen {
    counts: HashMap<(String, usize), u32>,
    hidden: Vec<(String, usize)>,
}

fn see(seen: &mut Seen, view: &StatsView) {
    let layout = catalogue().layout;
    for quarter in &view.quarters {
        let mut record = |index: usize, figure: &super::routes::FigureView| match figure.count {
            Some(count) => {
                let old = seen.counts.insert((quarter.quarter.clone(), index), count);
                assert!(old.is_none_or(|old| old == count), "two responses disagree");
            }
            None => seen.hidden.push((quarter.quarter.clone(), index)),
        };
        record(0, &quarter.total);
        for c in &quarter.categories {
            let i = layout
                .categories
                .iter()
                .position(|id| *id == c.category)
                .expect("known");
            record(layout.category(i), &c.figure);
        }
        for t in &quarter.tags {
            let i = layout
                .tags
                .iter()
                .position(|(id, _)| *id == t.tag)
                .expect("known");
            record(layout.tag(i), &t.figure);
        }
    }
}

/// The worst-case equations of one row, as rows of coefficients over its figures: the
/// total minus its categories, each category minus its tags.
fn equations(layout: &Layout) -> Vec<Vec<i64>> {
    let n = 1 + layout.categories.len() + layout.tags.len();
    let mut rows = Vec::new();
    let mut total = vec![0; n];
    total[0] = 1;
    for c in 0..layout.categories.len() {
        total[1 + c] = -1;
        let mut category = vec![0; n];
        category[1 + c] = 1;
        for (t, (_, tc)) in layout.tags.iter().enumerate() {
            if *tc == c {
                category[1 + layout.categories.len() + t] = -1;
            }
        }
        rows.push(category);
    }
    rows.push(total);
    rows
}

fn rank_mod(mut rows: Vec<Vec<i64>>, p: i128) -> usize {
    let mut m: Vec<Vec<i128>> = rows
        .drain(..)
        .map(|r| {
            r.into_iter()
                .map(|v| (i128::from(v)).rem_euclid(p))
                .collect()
        })
        .collect();
    let cols = m.first().map_or(0, Vec::len);
    let mut rank = 0;
    for col in 0..cols {
        let Some(pivot) = (rank..m.len()).find(|&r| m[r][col] != 0) else {
            continue;
        };
        m.swap(rank, pivot);
        let inv = pow(m[rank][col], p - 2, p);
        let pivot_row = m[rank].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != rank && row[col] != 0 {
                let factor = row[col] * inv % p;
                for (value, pivot) in row.iter_mut().zip(&pivot_row).skip(col) {
                    *value = (*value - factor * pivot).rem_euclid(p);
                }
            }
        }
        rank += 1;
    }
    rank
}

fn pow(mut base: i128, mut exp: i128, p: i128) -> i128 {
    let mut out = 1;
    base %= p;
    while exp > 0 {
        if exp & 1 == 1 {
            out = out * base % p;
        }
        base = base * base % p;
        exp >>= 1;
    }
    out
}

fn rank(rows: &[Vec<i64>]) -> usize {
    // Two primes near 2⁶¹: a rank over the rationals is the larger of the two.
    rank_mod(rows.to_vec(), 2_305_843_009_213_693_951)
        .max(rank_mod(rows.to_vec(), 2_305_843_009_213_693_921))
}

/// The hidden figures of one row that its equations fix: `unknown` are the figures the
/// attacker does not see.
fn worked_out(layout: &Layout, unknown: &[usize]) -> Vec<usize> {
    let columns = |skip: Option<usize>| -> Vec<Vec<i64>> {
        equations(layout)
            .into_iter()
            .map(|row| {
                unknown
                    .iter()
                    .filter(|&&u| Some(u) != skip)
                    .map(|&u| row[u])
                    .collect()
            })
            .collect()
    };
    let full = rank(&columns(None));
    unknown
        .iter()
        .copied()
        .filter(|&u| rank(&columns(Some(u))) < full)
        .collect()
}

/// Every hidden figure in the union of `views` stays unknown.
fn assert_nothing_worked_out(views: &[&StatsView]) {
    let layout = catalogue().layout;
    let mut seen = Seen::default();
    for view in views {
        see(&mut seen, view);
    }
    let quarters: std::collections::BTreeSet<&String> =
        seen.hidden.iter().map(|(q, _)| q).collect();
    for quarter in quarters {
        let unknown: Vec<usize> = (0..layout.width())
            .filter(|&i| !seen.counts.contains_key(&(quarter.clone(), i)))
            .collect();
        let derived: Vec<usize> = worked_out(&layout, &unknown)
            .into_iter()
            .filter(|i| seen.hidden.contains(&(quarter.clone(), *i)))
            .collect();
        assert!(
            derived.is_empty(),
            "{quarter}: hidden figures {derived:?} can be worked out"
        );
    }
}

/// The Wilson interval as the roots of (p̂ − p)² n = z² p (1 − p), solved as a quadratic.
fn wilson_roots(x: u32, n: u32) -> (f64, f64) {
    let z = 1.959_963_984_540_054_f64;
    let (x, n) = (f64::from(x), f64::from(n));
    let p = x / n;
    let a = n + z * z;
    let b = -(2.0 * n * p + z * z);
    let c = n * p * p;
    let root = (b * b - 4.0 * a * c).max(0.0).sqrt();
    ((-b - root) / (2.0 * a), (-b + root) / (2.0 * a))
}

#[test]
fn the_attacker_can_work_out_a_figure_that_only_primary_suppression_hides() {
    // total 30; meetings 20, blame 10, good practice 0; tags 12, 5, 3 | 6, 4 | 0.
    // With k = 5 only 3, 4 and the zeros are hidden: 3 is 20 − 12 − 5, and the test sees it.
    let layout = catalogue().layout;
    let values = [30, 20, 10, 0, 12, 5, 3, 6, 4, 0];
    let primary = below(&values, 5);
    let unknown: Vec<usize> = (0..values.len()).filter(|&i| primary[i]).collect();
    let derived = worked_out(&layout, &unknown);
    assert!(derived.contains(&6) && derived.contains(&8), "{derived:?}");
    // And with secondary suppression nothing can be.
    let hidden = protect(&values, primary, &layout.groups());
    let unknown: Vec<usize> = (0..values.len()).filter(|&i| hidden[i]).collect();
    assert!(worked_out(&layout, &unknown).is_empty(), "{hidden:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn figures_count_families_at_least_k_and_nothing_hidden_can_be_worked_out_or_bounded(
        members in prop::collection::vec(member(), 0..60),
        k in prop::sample::select(vec![5_u32, 6, 8, 10]),
        pairs in prop::collection::vec((0..6_usize, 0..3_usize), 2),
    ) {
        let data = dataset(members);
        let worked = release_of(&data, k, &Baselines::new(), &Shown::new());
        let truth = truth(&data);
        let published = by_area(&worked);
        let layout = catalogue().layout;
        for area in AREAS {
            // One response, the whole range, no filter.
            let whole = respond(&published, area, k, 0, QUARTERS - 1, None, None);
            for quarter in &whole.quarters {
                let q: Quarter = quarter.quarter.parse().expect("a quarter");
                let raw = truth.get(&(area.to_owned(), q));
                let shown = std::iter::once((0, &quarter.total))
                    .chain(quarter.categories.iter().enumerate().map(|(c, f)| (layout.category(c), &f.figure)))
                    .chain(quarter.tags.iter().enumerate().map(|(t, f)| (layout.tag(t), &f.figure)));
                for (index, figure) in shown {
                    if let Some(count) = figure.count {
                        prop_assert!(count >= k, "{count} < {k}");
                        prop_assert_eq!(Some(count), raw.map(|r| r[index]), "a shown count is the number of families");
                        prop_assert!(!figure.suppressed);
                        prop_assert_eq!(&figure.display, &count.to_string());
                    } else {
                        prop_assert!(figure.suppressed);
                        prop_assert_eq!(figure.display.as_str(), "hidden");
                    }
                    // Rates: only beside a shown count and a shown total, equal to the share,
                    // with the interval solved here as a quadratic.
                    match (figure.rate, figure.count, quarter.total.count) {
                        (Some(rate), Some(x), Some(n)) if index != 0 => {
                            prop_assert!((rate - f64::from(x) / f64::from(n)).abs() < 1e-12);
                            let (low, high) = wilson_roots(x, n);
                            prop_assert!((figure.rate_low.expect("low") - low).abs() < 1e-9);
                            prop_assert!((figure.rate_high.expect("high") - high).abs() < 1e-9);
                            prop_assert!(low <= rate + 1e-12 && rate <= high + 1e-12);
                        }
                        (None, _, _) => prop_assert!(
                            index == 0 || figure.count.is_none() || quarter.total.count.is_none(),
                            "a rate is missing"
                        ),
                        _ => prop_assert!(false, "a rate without a count and a total"),
                    }
                }
            }
            assert_nothing_worked_out(&[&whole]);

            // Two responses: adjacent, overlapping periods.
            let early = respond(&published, area, k, 0, 1, None, None);
            let late = respond(&published, area, k, 1, 2, None, None);
            let next = respond(&published, area, k, 2, 3, None, None);
            assert_nothing_worked_out(&[&early, &late]);
            assert_nothing_worked_out(&[&late, &next]);

            // Two responses with overlapping filters: a tag and a category, in every mix.
            for &(tag, category) in &pairs {
                let by_tag = respond(&published, area, k, 0, QUARTERS - 1, Some(tag), None);
                let by_category = respond(&published, area, k, 0, QUARTERS - 1, None, Some(category));
                let both = respond(&published, area, k, 0, QUARTERS - 1, Some(tag), Some(category));
                assert_nothing_worked_out(&[&by_tag, &by_category]);
                assert_nothing_worked_out(&[&by_tag, &whole]);
                assert_nothing_worked_out(&[&both, &by_category]);
            }
        }
        // No hidden figure that may count families is bounded narrower than k/2.
        let findings = audit::releases(&layout, &shown_of(&worked), k, &Shown::new(), k);
        prop_assert!(findings.violations.is_empty(), "{:?}", findings.violations);
    }

    #[test]
    fn two_consecutive_releases_do_not_give_away_a_family_that_joined_or_left(
        members in prop::collection::vec(member(), 1..60),
        newcomer in prop::collection::vec(story(), 1..8),
        change in 0..3_u8,
        who in any::<prop::sample::Index>(),
        k in prop::sample::select(vec![5_u32, 8, 10]),
    ) {
        let before = dataset(members.clone());
        let first = release_of(&before, k, &Baselines::new(), &Shown::new());
        let first_shown = shown_of(&first);
        let mut after = before.clone();
        let family = match change {
            // One family joins: a new member's stories, dated to published quarters.
            0 => {
                let mut all = members;
                all.push(newcomer);
                after = dataset(all);
                after.stories.last().map_or(0, |s| s.0)
            }
            // One family withdraws a story.
            1 => {
                let i = who.index(after.stories.len().max(1));
                if after.stories.is_empty() { return Ok(()); }
                let family = after.stories[i].0;
                after.stories.remove(i);
                family
            }
            // One family is erased: every story of theirs goes.
            _ => {
                if after.stories.is_empty() { return Ok(()); }
                let family = after.stories[who.index(after.stories.len())].0;
                after.stories.retain(|s| s.0 != family);
                family
            }
        };
        let second = release_of(&after, k, &first.baselines, &first_shown);
        let second_shown = shown_of(&second);
        let truth_before = truth(&before);
        let truth_after = truth(&after);
        for (key, now) in &second_shown {
            let Some(then) = first_shown.get(key) else { continue };
            // A figure shown in both releases is the same number: one family's change shows
            // nowhere.
            for (i, (a, b)) in then.iter().zip(now).enumerate() {
                if let (Some(a), Some(b)) = (a, b) {
                    prop_assert_eq!(a, b, "{:?} figure {} moved by one family's change ({})", key, i, family);
                }
            }
        }
        for (key, now) in &second_shown {
            for (i, shown) in now.iter().enumerate() {
                let Some(shown) = shown else { continue };
                let after = truth_after.get(key).map_or(0, |r| r[i]);
                let before = truth_before.get(key).map_or(0, |r| r[i]);
                if change == 0 {
                    // A newcomer waits: every shown figure is today's or the last shown.
                    prop_assert!(*shown == after || *shown == before, "{key:?} {i}: {shown}");
                } else {
                    // Whoever left is in no shown figure from this release on.
                    prop_assert_eq!(*shown, after, "{:?} figure {} still counts the family that left", key, i);
                }
            }
        }
        // Each release alone, and the two together, pass the audit.
        let findings = audit::releases(&catalogue().layout, &second_shown, k, &first_shown, k);
        prop_assert!(findings.violations.is_empty(), "{:?}", findings.violations);
    }

    #[test]
    fn with_noise_no_published_count_is_below_k(
        members in prop::collection::vec(member(), 0..40),
        k in prop::sample::select(vec![5_u32, 10]),
    ) {
        let data = dataset(members);
        let layout = catalogue().layout;
        let noise = Noise::new(0.5).expect("a valid epsilon");
        let rows = tables::families(&layout, data.stories.iter().map(|(member, area, period, tags)| Unit { family: *member, area, period, tags }));
        let kept = HashMap::new();
        let settings = Settings { layout: &layout, k, noise: Some(&noise), kept_noise: &kept };
        let worked = release::work_out(&settings, &rows, &Baselines::new(), &Shown::new()).expect("a release");
        for figure in &worked.figures {
            if let Some(count) = figure.count {
                prop_assert!(count >= i32::try_from(k).expect("small"));
            }
        }
        // Kept noise is reused while a count stays the same.
        let mut kept: HashMap<(String, String), super::noise::Kept> = HashMap::new();
        for n in &worked.noise {
            kept.entry((n.area.clone(), n.quarter.clone())).or_default().insert((n.kind.clone(), n.key.clone()), (n.drawn_for, n.noise));
        }
        let settings = Settings { layout: &layout, k, noise: Some(&noise), kept_noise: &kept };
        let again = release::work_out(&settings, &rows, &Baselines::new(), &Shown::new()).expect("a release");
        let sorted = |w: &Worked| { let mut f = w.figures.clone(); f.sort_by(|a, b| (&a.area, &a.quarter, &a.kind, &a.key).cmp(&(&b.area, &b.quarter, &b.kind, &b.key))); f };
        prop_assert_eq!(sorted(&again), sorted(&worked));
    }
}

#[test]
fn one_busy_writer_is_one_family() {
    // One member writes 12 stories tagged pre-meeting in one quarter: one family, hidden.
    // Twelve members write one each: twelve families, shown.
    let period = "2025-02";
    let busy = Dataset {
        stories: (0..12)
            .map(|_| {
                (
                    1,
                    AREAS[0].to_owned(),
                    period.to_owned(),
                    "pre-meeting".to_owned(),
                )
            })
            .collect(),
    };
    let many = Dataset {
        stories: (0..12)
            .map(|m| {
                (
                    m,
                    AREAS[0].to_owned(),
                    period.to_owned(),
                    "pre-meeting".to_owned(),
                )
            })
            .collect(),
    };
    let count = |data: &Dataset| {
        let worked = release_of(data, 10, &Baselines::new(), &Shown::new());
        let view = respond(&by_area(&worked), AREAS[0], 10, 0, 0, None, None);
        let tag = view.quarters[0]
            .tags
            .iter()
            .find(|t| t.tag == "pre-meeting")
            .expect("listed");
        (view.quarters[0].total.count, tag.figure.count)
    };
    assert_eq!(count(&busy), (None, None));
    assert_eq!(count(&many), (Some(12), Some(12)));
}
