//! The release audit: each area × quarter of a release looked at as an attacker would.
//!
//! The attacker has every published figure and knows how the figures of a row hang
//! together: every count is at least 0; a tag counts no more families than its category,
//! and a category no more than the total; a family in a category has a tag in it, so a
//! category counts no more than its tags together. On top of those *valid* relations they
//! may assume the worst case, that every family has exactly one category and one tag in
//! it (the total is the sum of the categories, a category the sum of its tags), wherever
//! that is consistent with what is published. For every hidden figure we work out the
//! interval the figure must lie in — the smallest and largest value of a small linear
//! programme over the row's hidden figures (`microlp`) — under the narrower of the two
//! assumptions, and require it to be at least k/2 wide. A hidden figure whose interval is
//! [0, 0] counts nobody and needs no cover; every other is checked, whatever it really
//! counts: the attacker cannot tell a hidden 0 from a hidden 3, and neither does the audit.
//!
//! The rows' figures are linked only through their groups (`disclosure::Group`), so the
//! programme is split into the connected groups of hidden figures, each a handful of
//! variables.
//!
//! With noise, published figures need not fit the relations exactly; where no counts fit
//! them at all, the attacker learns nothing from them, and neither assumption applies.
//!
//! Two consecutive releases are checked together with `release::changed_families`: an area
//! × quarter shown in both shows the same figures, or a change of at least k families.

use microlp::{ComparisonOp, Error, LinearExpr, OptimizationDirection, Problem, SolveOutcome};

use super::disclosure::{Group, TOTAL};

/// A hidden figure that an attacker can pin down to fewer than k/2 values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Narrow {
    /// The figure's index in the row.
    pub figure: usize,
    /// The least and greatest it can be.
    pub low: u32,
    pub high: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Assumption {
    /// Every family in exactly one category and one tag in it.
    WorstCase,
    /// Only what is always true.
    Valid,
}

/// Integer values within this of a whole number are that number (LP round-off).
const ROUND_OFF: f64 = 1e-6;

/// The hidden figures of one row (`shown[i]` is `None` when figure `i` is hidden) that an
/// attacker can bound to an interval narrower than k/2. Empty when the row is sound.
pub fn narrow(groups: &[Group], shown: &[Option<u32>], k: u32) -> Vec<Narrow> {
    Auditor::new(groups).narrow(shown, k)
}

/// Hides more of a row until the audit finds nothing narrow (see `Auditor::hide_until_sound`).
pub fn hide_until_sound(values: &[u32], hidden: Vec<bool>, groups: &[Group], k: u32) -> Vec<bool> {
    Auditor::new(groups).hide_until_sound(values, hidden, k)
}

/// A group of linked hidden figures as the programme sees it: every figure of the groups it
/// touches, with its published value (`None` for the hidden ones). Rows that publish the
/// same values around the same hidden figures have the same intervals, so the audit keeps
/// them by this key.
type ComponentKey = Vec<(u16, Option<u32>)>;

/// The audit of many rows of one layout: it remembers the intervals of every group of
/// hidden figures it has solved, since many rows repeat them.
pub struct Auditor<'a> {
    groups: &'a [Group],
    /// For a figure that is the parent of no group (a tag), the one group it is a child of:
    /// hidden siblings there are interchangeable, so their intervals are the same.
    leaf_of: Vec<Option<usize>>,
    solved: std::collections::HashMap<ComponentKey, Vec<Bounds>>,
}

impl<'a> Auditor<'a> {
    pub fn new(groups: &'a [Group]) -> Self {
        let width = groups.iter().flat_map(members).max().map_or(0, |m| m + 1);
        let mut leaf_of = vec![None; width];
        for (g, group) in groups.iter().enumerate() {
            for &child in &group.children {
                leaf_of[child] = Some(g);
            }
        }
        for group in groups {
            leaf_of[group.parent] = None;
        }
        Self {
            groups,
            leaf_of,
            solved: Default::default(),
        }
    }

    /// The hidden figures of one row that can be bounded narrower than k/2.
    pub fn narrow(&mut self, shown: &[Option<u32>], k: u32) -> Vec<Narrow> {
        self.bounded(shown)
            .into_iter()
            .filter(|b| f64::from(b.width) < f64::from(k) / 2.0)
            .map(|b| Narrow {
                figure: b.figure,
                low: b.low,
                high: b.high,
            })
            .collect()
    }

    /// Hides more of a row until the audit finds nothing narrow: for a narrow figure, the
    /// smallest published figure that shares a group with it and counts any families (a
    /// child before a parent, the total last). Returns which figures are hidden.
    pub fn hide_until_sound(&mut self, values: &[u32], mut hidden: Vec<bool>, k: u32) -> Vec<bool> {
        let groups = self.groups;
        loop {
            hidden = super::disclosure::protect(values, hidden, groups);
            let shown: Vec<Option<u32>> = values
                .iter()
                .zip(&hidden)
                .map(|(&v, &h)| (!h).then_some(v))
                .collect();
            // One cover at a time: hiding it often widens other narrow figures too, and
            // hiding for each at once would hide more than needed.
            let Some(first) = self.narrow(&shown, k).into_iter().next() else {
                return hidden;
            };
            let beside = groups
                .iter()
                .filter(|g| members(g).any(|m| m == first.figure));
            let cover = beside
                .clone()
                .flat_map(|g| g.children.iter().copied())
                .chain(beside.map(|g| g.parent))
                .filter(|&i| !hidden[i] && values[i] > 0)
                .min_by_key(|&i| (i == TOTAL, values[i], i));
            match cover {
                Some(i) => hidden[i] = true,
                None => return vec![true; values.len()],
            }
        }
    }

    /// The hidden figures of a row that have an upper limit other than 0 (a figure with no
    /// upper limit is as wide as can be), with their intervals. The worst case is tried
    /// first, where it fits what is published: its intervals lie within those of what is
    /// always true, so a figure wide enough there is wide enough everywhere. A figure the
    /// worst case puts at 0 is looked at again under what is always true, which may bound
    /// it more loosely but truly.
    fn bounded(&mut self, shown: &[Option<u32>]) -> Vec<Bounds> {
        let groups = self.groups;
        let mut out = Vec::new();
        for component in components(groups, shown) {
            let touching: Vec<&Group> = groups
                .iter()
                .filter(|g| members(g).any(|m| component.contains(&m)))
                .collect();
            let mut key: ComponentKey = touching
                .iter()
                .flat_map(|g| members(g))
                .map(|m| (u16::try_from(m).unwrap_or(u16::MAX), shown[m]))
                .collect();
            key.sort_unstable();
            key.dedup();
            // Nothing published around them: no upper limit for any.
            if key.iter().all(|(_, value)| value.is_none()) {
                continue;
            }
            if let Some(known) = self.solved.get(&key) {
                out.extend(known.iter().cloned());
                continue;
            }
            let found = self.solve_component(&touching, shown, &component);
            out.extend(found.iter().cloned());
            self.solved.insert(key, found);
        }
        out
    }

    fn solve_component(
        &self,
        touching: &[&Group],
        shown: &[Option<u32>],
        component: &[usize],
    ) -> Vec<Bounds> {
        let fits = |assumption| {
            solve(
                touching,
                shown,
                component,
                assumption,
                component[0],
                OptimizationDirection::Maximize,
            )
            .is_ok()
        };
        let worst_case_fits = fits(Assumption::WorstCase);
        let valid_fits = worst_case_fits || fits(Assumption::Valid);
        let mut by_class: std::collections::HashMap<(bool, usize), Option<(f64, f64)>> =
            Default::default();
        let mut out = Vec::new();
        for &figure in component {
            // Interchangeable hidden siblings share one answer.
            let class = match self.leaf_of.get(figure).copied().flatten() {
                Some(group) => (true, group),
                None => (false, figure),
            };
            let found = *by_class.entry(class).or_insert_with(|| {
                let interval = |assumption| -> Option<(f64, f64)> {
                    let bound = |direction| {
                        solve(touching, shown, component, assumption, figure, direction)
                    };
                    let high = (bound(OptimizationDirection::Maximize).ok()?? + ROUND_OFF)
                        .floor()
                        .max(0.0);
                    let low = match bound(OptimizationDirection::Minimize) {
                        Ok(Some(low)) if high > 0.0 => (low - ROUND_OFF).ceil().max(0.0),
                        _ => 0.0,
                    };
                    Some((low, high))
                };
                match worst_case_fits.then(|| interval(Assumption::WorstCase)) {
                    // No upper limit even in the worst case: none anywhere.
                    Some(None) => None,
                    Some(Some((low, high))) if high > 0.0 => Some((low, high)),
                    _ => valid_fits.then(|| interval(Assumption::Valid)).flatten(),
                }
            });
            let Some((low, high)) = found.filter(|&(_, high)| high > 0.0) else {
                continue;
            };
            out.push(Bounds {
                figure,
                low: low as u32,
                high: high as u32,
                width: (high - low) as u32,
            });
        }
        out
    }
}

fn members(group: &Group) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(group.parent).chain(group.children.iter().copied())
}

/// The hidden figures, split into sets linked by groups (union-find).
fn components(groups: &[Group], shown: &[Option<u32>]) -> Vec<Vec<usize>> {
    let mut root: Vec<usize> = (0..shown.len()).collect();
    fn find(root: &mut [usize], mut i: usize) -> usize {
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    for group in groups {
        let mut hidden = members(group).filter(|&m| shown[m].is_none());
        if let Some(first) = hidden.next() {
            for other in hidden {
                let (a, b) = (find(&mut root, first), find(&mut root, other));
                root[a] = b;
            }
        }
    }
    let mut sets: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in (0..shown.len()).filter(|&i| shown[i].is_none()) {
        let r = find(&mut root, i);
        sets.entry(r).or_default().push(i);
    }
    sets.into_values().collect()
}

/// The least or greatest value of `target` over the counts that fit what is published and
/// the assumption: `Ok(None)` when it has no limit, `Err` when no counts fit at all.
fn solve(
    groups: &[&Group],
    shown: &[Option<u32>],
    component: &[usize],
    assumption: Assumption,
    target: usize,
    direction: OptimizationDirection,
) -> Result<Option<f64>, Error> {
    let mut problem = Problem::new(direction);
    let vars: Vec<(usize, microlp::Variable)> = component
        .iter()
        .map(|&i| {
            (
                i,
                problem.add_var(if i == target { 1.0 } else { 0.0 }, (0.0, f64::INFINITY)),
            )
        })
        .collect();
    let var = |i: usize| vars.iter().find(|(f, _)| *f == i).map(|(_, v)| *v);
    // One side of a relation: the variables with their signs, and the published constant.
    let side = |figures: &[(usize, f64)]| {
        let mut expr = LinearExpr::empty();
        let mut constant = 0.0;
        let mut any = false;
        for &(i, sign) in figures {
            match (shown[i], var(i)) {
                (Some(value), _) => constant += sign * f64::from(value),
                (None, Some(v)) => {
                    expr.add(v, sign);
                    any = true;
                }
                (None, None) => {}
            }
        }
        (expr, constant, any)
    };
    for group in groups {
        // Each child at most its parent.
        for &child in &group.children {
            let (expr, constant, any) = side(&[(child, 1.0), (group.parent, -1.0)]);
            if any {
                problem.add_constraint(expr, ComparisonOp::Le, -constant);
            }
        }
        let mut terms = vec![(group.parent, 1.0)];
        terms.extend(group.children.iter().map(|&c| (c, -1.0)));
        let (expr, constant, any) = side(&terms);
        if !any {
            continue;
        }
        match assumption {
            Assumption::WorstCase => problem.add_constraint(expr, ComparisonOp::Eq, -constant),
            Assumption::Valid if group.covering => {
                problem.add_constraint(expr, ComparisonOp::Le, -constant);
            }
            Assumption::Valid => {}
        }
    }
    match problem.solve() {
        Ok(SolveOutcome::Solution(solution)) => Ok(Some(solution.objective())),
        Ok(SolveOutcome::Interrupted(_)) => Ok(None),
        Err(Error::Unbounded) => Ok(None),
        Err(e) => Err(e),
    }
}

/// One thing `commonthread stats audit` found wrong. Names an area, a quarter and a
/// figure: never a story or a member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// `current` or `previous`.
    pub release: &'static str,
    pub area: String,
    pub quarter: String,
    /// `total`, `category:<id>` or `tag:<id>`; `(row)` for a move between releases.
    pub figure: String,
    pub why: String,
}

/// What the audit of the published releases found.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    /// Area × quarters looked at, in the current release and the previous one.
    pub rows: usize,
    /// Hidden figures looked at (both releases).
    pub hidden: usize,
    /// The narrowest interval of any hidden figure that may count families (`None`: none
    /// was bounded at all).
    pub narrowest: Option<u32>,
    pub violations: Vec<Violation>,
}

/// Audits the current release and the one before it, from what they publish alone, with
/// `k` the threshold each was made with.
pub fn releases(
    layout: &super::Layout,
    current: &super::release::Shown,
    current_k: u32,
    previous: &super::release::Shown,
    previous_k: u32,
) -> Findings {
    let groups = layout.groups();
    let mut auditor = Auditor::new(&groups);
    let mut findings = Findings::default();
    let name = |i: usize| match layout.figure(i).kind_and_key() {
        ("total", _) => "total".to_owned(),
        (kind, key) => format!("{kind}:{key}"),
    };
    for (release, shown, k) in [
        ("current", current, current_k),
        ("previous", previous, previous_k),
    ] {
        let mut keys: Vec<_> = shown.keys().collect();
        keys.sort_unstable();
        for key in keys {
            let figures = &shown[key];
            findings.rows += 1;
            let mut violation = |figure: String, why: String| {
                findings.violations.push(Violation {
                    release,
                    area: key.0.clone(),
                    quarter: key.1.to_string(),
                    figure,
                    why,
                });
            };
            for (i, figure) in figures.iter().enumerate() {
                if let Some(count) = figure
                    && *count < k
                {
                    violation(name(i), format!("published {count}, below k = {k}"));
                }
            }
            findings.hidden += figures.iter().filter(|f| f.is_none()).count();
            for bounds in auditor.bounded(figures) {
                findings.narrowest = Some(
                    findings
                        .narrowest
                        .map_or(bounds.width, |n| n.min(bounds.width)),
                );
                if f64::from(bounds.width) < f64::from(k) / 2.0 {
                    violation(
                        name(bounds.figure),
                        format!(
                            "hidden, but it must lie in [{}, {}]: narrower than k/2 = {}",
                            bounds.low,
                            bounds.high,
                            f64::from(k) / 2.0
                        ),
                    );
                }
            }
        }
    }
    let mut keys: Vec<_> = current
        .keys()
        .filter(|key| previous.contains_key(*key))
        .collect();
    keys.sort_unstable();
    for key in keys {
        if super::release::moved_by_too_few(&previous[key], &current[key], current_k) {
            findings.violations.push(Violation {
                release: "current",
                area: key.0.clone(),
                quarter: key.1.to_string(),
                figure: "(row)".to_owned(),
                why: format!(
                    "its shown figures moved since the previous release by fewer than k = {current_k} families"
                ),
            });
        }
    }
    findings
}

/// A hidden figure with an upper limit, and its interval.
#[derive(Clone, Debug)]
struct Bounds {
    figure: usize,
    low: u32,
    high: u32,
    width: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::disclosure::{Layout, below};

    fn layout() -> Layout {
        Layout {
            categories: vec!["meetings".into(), "blame".into()],
            tags: vec![
                ("a".into(), 0),
                ("b".into(), 0),
                ("c".into(), 0),
                ("d".into(), 1),
                ("e".into(), 1),
            ],
        }
    }

    fn shown(values: &[u32], hidden: &[bool]) -> Vec<Option<u32>> {
        values
            .iter()
            .zip(hidden)
            .map(|(&v, &h)| (!h).then_some(v))
            .collect()
    }

    #[test]
    fn two_small_hidden_tags_beside_a_published_category_are_bounded_too_well() {
        // total, meetings, blame, a, b, c, d, e. meetings 40 = a 37 + b 1 + c 2: b and c
        // are hidden, but together they are 3, so each is in [0, 3].
        let groups = layout().groups();
        let values = [60, 40, 20, 37, 1, 2, 10, 10];
        let hidden = [false, false, false, false, true, true, false, false];
        let found = narrow(&groups, &shown(&values, &hidden), 10);
        assert_eq!(
            found,
            [
                Narrow {
                    figure: 4,
                    low: 0,
                    high: 3
                },
                Narrow {
                    figure: 5,
                    low: 0,
                    high: 3
                }
            ]
        );
        // Hiding more covers them: a goes too, and each is then anywhere in [0, 40].
        let sound = hide_until_sound(&values, below(&values, 10), &groups, 10);
        assert_eq!(sound, [false, false, false, true, true, true, false, false]);
        assert!(narrow(&groups, &shown(&values, &sound), 10).is_empty());
    }

    #[test]
    fn a_hidden_figure_with_no_upper_limit_is_sound() {
        // Everything hidden: nothing bounds anything from above.
        let groups = layout().groups();
        let all = vec![None; 8];
        assert!(narrow(&groups, &all, 10).is_empty());
    }

    #[test]
    fn a_hidden_figure_the_worst_case_puts_at_zero_is_checked_as_truly_bounded() {
        // meetings 20 = a 20; b and c hidden are 0 under the worst case, but the worst case
        // may be wrong: under what is always true they are anywhere in [0, 20].
        let groups = layout().groups();
        let values = [30, 20, 10, 20, 0, 0, 5, 5];
        let hidden = [false, false, false, false, true, true, true, true];
        let found = narrow(&groups, &shown(&values, &hidden), 10);
        // d and e: 10 between them, each in [0, 10]: wide enough at k = 10.
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn figures_that_fit_no_counts_tell_nothing() {
        // With noise, a tag can read more than its category: no counts fit, nothing bounds.
        let groups = layout().groups();
        let shown = [
            Some(30),
            Some(12),
            Some(18),
            Some(14),
            None,
            None,
            Some(10),
            Some(8),
        ];
        assert!(narrow(&groups, &shown, 10).is_empty());
    }
}
