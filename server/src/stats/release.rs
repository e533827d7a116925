//! The release rule: what a refresh may publish for an area × quarter that an earlier
//! release already showed, so that two releases cannot be subtracted from each other.
//!
//! **The threat.** Anyone can keep every release. Between two of them one family may join
//! a quarter already published (a story dated back, approved late), withdraw a story, take
//! back its consent, or be erased. Someone who knows that one family changed — a local
//! authority that knows who has been complaining — and sees the figures move by one reads
//! that family's tags off the difference, however large the figures themselves are.
//!
//! **The rule.** For each area × quarter we keep a *baseline*: the families it had, by
//! their set of tags (`stat_baseline`, no member in it), when it was last published with
//! any figure shown. A refresh compares today's families with it:
//!
//! 1. No baseline (never shown): publish today's figures afresh. Nothing shown before, so
//!    there is nothing to subtract from.
//! 2. The same figures: publish them again, unchanged.
//! 3. At least *k* families changed, as the figures themselves show: some figure rose by
//!    *k* or more (at least *k* joined) or fell by *k* or more (at least *k* left). Publish
//!    today's figures afresh; they become the baseline. The difference between the two
//!    releases is then the sum of at least *k* families, as a published count is.
//! 4. Fewer than *k* changed and nobody left (every tag set has at least as many families
//!    as in the baseline): **hold** — publish the baseline's figures again. The newcomers
//!    wait until *k* of them have gathered, as a story approved after the refresh waits
//!    for the next one.
//! 5. Fewer than *k* changed and some family left or changed its tags: **hide** every
//!    figure of the area × quarter until case 2 or 3 applies. The family that left is in
//!    no published figure from this refresh on, as erasure and withdrawal promise, and
//!    nobody learns which of its figures it was in: all of them are hidden alike.
//!
//! Why this holds: between any two releases an area × quarter either shows the same
//! figures (cases 2 and 4), shows none (case 5, or figures never shown), or shows figures
//! that differ from the last shown ones by at least *k* families (cases 1 and 3: either no
//! figure was shown before, or some figure moved by *k* or more). A single family's
//! change therefore never appears as a difference. What case 5 does tell is that *some*
//! family left that area × quarter (not who, and none of its tags). Comparing the histogram
//! of tag sets, rather than the figures alone, is what catches a family that left while
//! another with more tags joined: the figures alone would look like a newcomer.
//!
//! `commonthread stats audit` checks the published side of this from the figures alone:
//! an area × quarter shown in two consecutive releases either shows the same figures or
//! shows a change of at least *k* families (`audit::changed_families`).

use std::collections::HashMap;

use super::{
    Quarter, audit,
    disclosure::Layout,
    noise::{Kept, Noise},
    tables::{self, Histogram, Rows},
};
use crate::entities::{stat_figure, stat_noise};

/// What a refresh publishes for one area × quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Today's families (cases 1, 2 and 3).
    Fresh,
    /// The baseline's families again (case 4).
    Hold,
    /// Every figure hidden (case 5).
    Hide,
}

/// The least number of families that can have joined or left between two rows of
/// figures: each family moves each figure by at most one.
pub fn changed_families(before: &[u32], after: &[u32]) -> u32 {
    let (mut rose, mut fell) = (0, 0);
    for (&b, &a) in before.iter().zip(after) {
        rose = rose.max(a.saturating_sub(b));
        fell = fell.max(b.saturating_sub(a));
    }
    rose.max(fell)
}

/// Applies the rule to one area × quarter.
pub fn decide(
    layout: &Layout,
    baseline: Option<&Histogram>,
    today: &Histogram,
    k: u32,
) -> Decision {
    let Some(baseline) = baseline else {
        return Decision::Fresh;
    };
    if baseline == today {
        return Decision::Fresh;
    }
    let before = tables::figures(layout, baseline);
    let after = tables::figures(layout, today);
    if before == after || changed_families(&before, &after) >= k {
        return Decision::Fresh;
    }
    let someone_left = baseline
        .iter()
        .any(|(tags, &families)| today.get(tags).copied().unwrap_or(0) < families);
    if someone_left {
        Decision::Hide
    } else {
        Decision::Hold
    }
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

    fn histogram(sets: &[(&[u16], u32)]) -> Histogram {
        sets.iter().map(|(t, n)| (t.to_vec(), *n)).collect()
    }

    const K: u32 = 5;

    #[test]
    fn one_family_joining_waits_until_k_have() {
        let layout = layout();
        let before = histogram(&[(&[0], 10), (&[1], 6)]);
        let one_more = histogram(&[(&[0], 10), (&[1], 6), (&[2], 1)]);
        assert_eq!(decide(&layout, Some(&before), &one_more, K), Decision::Hold);
        let k_more = histogram(&[(&[0], 10), (&[1], 6), (&[2], 1), (&[0, 2], 4)]);
        assert_eq!(decide(&layout, Some(&before), &k_more, K), Decision::Fresh);
    }

    #[test]
    fn a_family_leaving_hides_the_row_until_k_have_changed() {
        let layout = layout();
        let before = histogram(&[(&[0], 10), (&[1], 6)]);
        let one_less = histogram(&[(&[0], 9), (&[1], 6)]);
        assert_eq!(decide(&layout, Some(&before), &one_less, K), Decision::Hide);
        let k_less = histogram(&[(&[0], 5), (&[1], 6)]);
        assert_eq!(decide(&layout, Some(&before), &k_less, K), Decision::Fresh);
        // Back to where it was: the same figures again.
        assert_eq!(decide(&layout, Some(&before), &before, K), Decision::Fresh);
    }

    #[test]
    fn leaving_while_another_joins_with_more_tags_is_a_leaving() {
        // One family with {a} leaves and one with {a, d} joins: the figures alone show
        // only d rising by one, as if a newcomer had joined.
        let layout = layout();
        let before = histogram(&[(&[0], 10), (&[1], 6)]);
        let swapped = histogram(&[(&[0], 9), (&[0, 2], 1), (&[1], 6)]);
        assert_eq!(decide(&layout, Some(&before), &swapped, K), Decision::Hide);
    }

    #[test]
    fn a_row_never_shown_is_published_afresh() {
        let layout = layout();
        let today = histogram(&[(&[0], 3)]);
        assert_eq!(decide(&layout, None, &today, K), Decision::Fresh);
    }

    #[test]
    fn changed_families_is_the_largest_single_move() {
        assert_eq!(changed_families(&[10, 5, 3], &[10, 5, 3]), 0);
        assert_eq!(changed_families(&[10, 5, 3], &[11, 6, 3]), 1);
        assert_eq!(changed_families(&[10, 5, 3], &[10, 9, 0]), 4);
    }
}

/// The kept baselines: area × quarter → the families it had when last shown.
pub type Baselines = HashMap<(String, Quarter), Histogram>;
/// A release's shown figures by area × quarter, one per figure of the layout (`None`
/// where hidden or absent).
pub type Shown = HashMap<(String, Quarter), Vec<Option<u32>>>;

/// What one refresh works out.
#[derive(Debug, Default)]
pub struct Worked {
    /// The figures to publish (`stat_figure`).
    pub figures: Vec<stat_figure::Model>,
    /// The baselines to keep from now on.
    pub baselines: Baselines,
    /// The noise drawn or kept for the published cells.
    pub noise: Vec<stat_noise::Model>,
    /// Families counted today, across every area × quarter released.
    pub families: usize,
    /// Area × quarters published, held at their baseline, and hidden until k have changed.
    pub rows: usize,
    pub held: usize,
    pub hidden: usize,
}

/// Everything a release needs besides the families.
pub struct Settings<'a> {
    pub layout: &'a Layout,
    pub k: u32,
    pub noise: Option<&'a Noise>,
    pub kept_noise: &'a HashMap<(String, String), Kept>,
}

/// Works out a release: the rule for each area × quarter (today's families, or those of
/// its baseline), noise, disclosure control and the audit, then the check against the
/// release before (`previous`): an area × quarter whose shown figures would move by fewer
/// than k families is hidden instead. Pure apart from drawing noise; runs its rows on
/// every core.
pub fn work_out(
    settings: &Settings<'_>,
    today: &Rows,
    baselines: &Baselines,
    previous: &Shown,
) -> anyhow::Result<Worked> {
    let empty = Histogram::new();
    let mut keys: Vec<&(String, Quarter)> = today.keys().chain(baselines.keys()).collect();
    keys.sort_unstable();
    keys.dedup();
    let groups = settings.layout.groups();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = keys.len().div_ceil(threads).max(1);
    let parts: Vec<anyhow::Result<Worked>> = std::thread::scope(|scope| {
        let handles: Vec<_> = keys
            .chunks(chunk)
            .map(|keys| {
                let empty = &empty;
                let groups = &groups;
                scope.spawn(move || {
                    let mut worked = Worked::default();
                    let mut auditor = audit::Auditor::new(groups);
                    for key in keys {
                        let row_in = Row {
                            key,
                            today: today.get(*key).unwrap_or(empty),
                            baseline: baselines.get(*key),
                            previous: previous.get(*key),
                        };
                        row(settings, &mut auditor, row_in, &mut worked)?;
                    }
                    Ok(worked)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a release worker panicked")))
            })
            .collect()
    });
    let mut all = Worked::default();
    for part in parts {
        let part = part?;
        all.figures.extend(part.figures);
        all.baselines.extend(part.baselines);
        all.noise.extend(part.noise);
        all.families += part.families;
        all.rows += part.rows;
        all.held += part.held;
        all.hidden += part.hidden;
    }
    Ok(all)
}

/// One area × quarter of `work_out`: its families today, its baseline, and what the release
/// before showed of it.
struct Row<'r> {
    key: &'r (String, Quarter),
    today: &'r Histogram,
    baseline: Option<&'r Histogram>,
    previous: Option<&'r Vec<Option<u32>>>,
}

/// One area × quarter of `work_out`.
fn row(
    settings: &Settings<'_>,
    auditor: &mut audit::Auditor<'_>,
    Row {
        key: (area, quarter),
        today,
        baseline,
        previous,
    }: Row<'_>,
    worked: &mut Worked,
) -> anyhow::Result<()> {
    let layout = settings.layout;
    let k = settings.k;
    worked.families += today.values().map(|&n| n as usize).sum::<usize>();
    let decision = decide(layout, baseline, today, k);
    let families = match decision {
        Decision::Fresh => today,
        Decision::Hold => baseline.unwrap_or(today),
        Decision::Hide => {
            worked.hidden += 1;
            worked.rows += 1;
            worked.figures.extend(hidden_row(layout, area, *quarter));
            if let Some(baseline) = baseline {
                worked
                    .baselines
                    .insert((area.clone(), *quarter), baseline.clone());
            }
            return Ok(());
        }
    };
    if families.is_empty() {
        // Nobody in it now, and at least k left: no row. The baseline stays, as after any
        // release that shows nothing.
        if let Some(baseline) = baseline {
            worked
                .baselines
                .insert((area.clone(), *quarter), baseline.clone());
        }
        return Ok(());
    }
    let raw = tables::figures(layout, families);
    let noisy = match settings.noise {
        Some(noise) => {
            let kept = settings
                .kept_noise
                .get(&(area.clone(), quarter.to_string()));
            let (noisy, keep) = noise.apply(layout, kept, area, *quarter, &raw)?;
            worked.noise.extend(keep);
            noisy
        }
        None => raw.clone(),
    };
    let primary: Vec<bool> = raw
        .iter()
        .zip(&noisy)
        .map(|(&r, &n)| r < k || n < k)
        .collect();
    let mut hidden = auditor.hide_until_sound(&noisy, primary, k);
    let mut shown: Vec<Option<u32>> = noisy
        .iter()
        .zip(&hidden)
        .map(|(&v, &h)| (!h).then_some(v))
        .collect();
    if let Some(previous) = previous
        && moved_by_too_few(previous, &shown, k)
    {
        hidden = vec![true; hidden.len()];
        shown = vec![None; shown.len()];
        worked.hidden += 1;
    }
    let any_shown = shown.iter().any(Option::is_some);
    worked.rows += 1;
    worked.held += usize::from(decision == Decision::Hold);
    worked
        .figures
        .extend(tables::publish(layout, area, *quarter, &noisy, &hidden));
    let keep = match (decision, any_shown) {
        (Decision::Fresh, true) => Some(today),
        _ => baseline,
    };
    if let Some(keep) = keep {
        worked
            .baselines
            .insert((area.clone(), *quarter), keep.clone());
    }
    Ok(())
}

/// Whether the figures shown both before and now differ, by fewer than k families.
pub fn moved_by_too_few(before: &[Option<u32>], now: &[Option<u32>], k: u32) -> bool {
    let (old, new): (Vec<u32>, Vec<u32>) = before
        .iter()
        .zip(now)
        .filter_map(|(b, n)| Some(((*b)?, (*n)?)))
        .unzip();
    old != new && changed_families(&old, &new) < k
}

/// An area × quarter with every figure hidden: its total, with no count.
fn hidden_row(layout: &Layout, area: &str, quarter: Quarter) -> Vec<stat_figure::Model> {
    let width = layout.width();
    tables::publish(layout, area, quarter, &vec![0; width], &vec![true; width])
}
