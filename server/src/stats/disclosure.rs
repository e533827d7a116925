//! Statistical disclosure control for one area × quarter: which figures may be published.
//!
//! The figures of a row count families: the total, one count per category and one per tag.
//! They hang together in groups (`Group`): a category counts no more families than its
//! tags together, and the total no more than its categories together plus the families
//! with no tag. In the worst case (every family in one category, with one tag in it) both
//! are equalities, so we treat them as equalities: that is what someone subtracting
//! published figures would do.
//!
//! 1. **Primary suppression**: every figure below the threshold *k* is hidden (a zero
//!    too: "nobody" is a figure below *k*).
//! 2. **Secondary suppression**: no group may be left with exactly one hidden figure, or
//!    that figure is its parent's count minus the published others. We hide one more, the smallest published figure in the group that counts
//!    families (a child first, the parent only when no child will do, so that the total,
//!    which every rate needs, goes last). Hiding it may expose a figure in the group above
//!    or below, so this repeats until nothing changes.
//! 3. **Total suppression** follows from 1: a total below *k* is hidden, and every other
//!    figure of the row is at most the total, so it is hidden too.
//!
//! A hidden zero is protected like any hidden figure ("nobody in this area" is a figure
//! below *k* too), but it is no cover for another: with a hidden 3 and a hidden 0 in a
//! group, subtraction gives their sum, 3, which bounds the 3 all too well. So a group is
//! exposed when it has exactly one hidden figure, or exactly one hidden figure that counts
//! any families.
//!
//! Rates come only from published figures, with a 95% Wilson score interval.

/// The figures of one row and how they add up. Figure 0 is the total; then one per
/// category; then one per tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Category ids, in vocabulary order.
    pub categories: Vec<String>,
    /// Tag ids, each with the index of its category in `categories`.
    pub tags: Vec<(String, usize)>,
}

/// A parent figure and the figures it is (in the worst case) the sum of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub parent: usize,
    pub children: Vec<usize>,
    /// Whether every family the parent counts is in one of the children for certain: a
    /// family in a category has a tag in it, but a family in the total may have no tag.
    pub covering: bool,
}

/// Which figure of a row an index is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure<'a> {
    Total,
    Category(&'a str),
    Tag(&'a str),
}

pub const TOTAL: usize = 0;

impl<'a> Figure<'a> {
    /// How `stat_figure` keys it: `total` (key empty), `category` or `tag`, and its id.
    pub fn kind_and_key(self) -> (&'static str, &'a str) {
        match self {
            Figure::Total => ("total", ""),
            Figure::Category(id) => ("category", id),
            Figure::Tag(id) => ("tag", id),
        }
    }
}

impl Layout {
    /// How many figures a row has (never none: there is always the total).
    pub fn width(&self) -> usize {
        1 + self.categories.len() + self.tags.len()
    }

    pub fn category(&self, index: usize) -> usize {
        1 + index
    }

    pub fn tag(&self, index: usize) -> usize {
        1 + self.categories.len() + index
    }

    pub fn figure(&self, index: usize) -> Figure<'_> {
        let categories = self.categories.len();
        if index == TOTAL {
            Figure::Total
        } else if index <= categories {
            Figure::Category(&self.categories[index - 1])
        } else {
            Figure::Tag(&self.tags[index - 1 - categories].0)
        }
    }

    /// The total over the categories, and each category over its tags.
    pub fn groups(&self) -> Vec<Group> {
        let mut groups = vec![Group {
            parent: TOTAL,
            children: (0..self.categories.len())
                .map(|c| self.category(c))
                .collect(),
            covering: false,
        }];
        for c in 0..self.categories.len() {
            groups.push(Group {
                parent: self.category(c),
                children: (0..self.tags.len())
                    .filter(|&t| self.tags[t].1 == c)
                    .map(|t| self.tag(t))
                    .collect(),
                covering: true,
            });
        }
        groups
    }
}

/// Primary suppression: the figures below `k`.
pub fn below(values: &[u32], k: u32) -> Vec<bool> {
    values.iter().map(|&v| v < k).collect()
}

/// Secondary suppression on top of `hidden` (see the module's documentation). Returns
/// which figures are hidden; `hidden` only ever grows.
pub fn protect(values: &[u32], mut hidden: Vec<bool>, groups: &[Group]) -> Vec<bool> {
    let counts = |i: usize| values[i] > 0;
    loop {
        let mut changed = false;
        for group in groups {
            let members = || std::iter::once(group.parent).chain(group.children.iter().copied());
            let hidden_members = members().filter(|&i| hidden[i]);
            let exposed = hidden_members.clone().count() == 1
                || hidden_members.filter(|&i| counts(i)).count() == 1;
            if !exposed {
                continue;
            }
            let cover = group
                .children
                .iter()
                .copied()
                .filter(|&i| !hidden[i] && counts(i))
                .min_by_key(|&i| (values[i], i))
                .or_else(|| Some(group.parent).filter(|&p| !hidden[p] && counts(p)));
            if let Some(cover) = cover {
                hidden[cover] = true;
                changed = true;
            }
        }
        if !changed {
            return hidden;
        }
    }
}

/// The 95% Wilson score interval for `successes` out of `n` (`None` when `n` is 0).
pub fn wilson(successes: u32, n: u32) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    const Z: f64 = 1.959_963_984_540_054;
    let n = f64::from(n);
    let p = f64::from(successes.min(n as u32)) / n;
    let z2 = Z * Z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn run(values: &[u32], k: u32) -> Vec<bool> {
        protect(values, below(values, k), &layout().groups())
    }

    #[test]
    fn a_lone_small_tag_takes_the_smallest_other_tag_of_its_category_with_it() {
        // total, meetings, blame, a, b, c, d, e
        let values = [60, 40, 20, 15, 20, 5, 10, 10];
        let hidden = run(&values, 10);
        // c (5) is below k; a (15) is the smallest published tag of meetings beside it.
        assert_eq!(
            hidden,
            [false, false, false, true, false, true, false, false]
        );
    }

    #[test]
    fn a_lone_small_category_takes_another_and_a_tag_below_it() {
        // blame (8) is below k: the total would give it away, so meetings goes too; then
        // meetings alone among its tags would be exposed, so its smallest tag goes.
        let values = [48, 40, 8, 15, 15, 10, 4, 4];
        let hidden = run(&values, 10);
        assert_eq!(hidden, [false, true, true, false, false, true, true, true]);
    }

    #[test]
    fn a_total_below_k_hides_the_whole_row() {
        let values = [7, 5, 2, 3, 2, 0, 2, 0];
        assert!(run(&values, 10).iter().all(|&h| h));
    }

    #[test]
    fn a_zero_beside_a_small_figure_is_no_cover() {
        // total, meetings, blame, impact, a, b (meetings), d (blame), f (impact).
        // blame (3) and impact (0) are both hidden, but with impact at 0 the total minus
        // meetings would still bound blame at 3: so meetings is hidden too, and then b,
        // the smaller of its tags, so that meetings cannot be read off its tags.
        let layout = Layout {
            categories: vec!["meetings".into(), "blame".into(), "impact".into()],
            tags: vec![
                ("a".into(), 0),
                ("b".into(), 0),
                ("d".into(), 1),
                ("f".into(), 2),
            ],
        };
        let values = [43, 40, 3, 0, 25, 15, 3, 0];
        let hidden = protect(&values, below(&values, 10), &layout.groups());
        assert_eq!(hidden, [false, true, true, true, false, true, true, true]);
    }

    #[test]
    fn wilson_intervals_match_worked_examples() {
        // Worked by hand from the formula, as statsmodels' proportion_confint(method =
        // "wilson") also gives them: 12 of 25, 0 of 10, 10 of 10.
        let close = |a: f64, b: f64| (a - b).abs() < 5e-5;
        let (low, high) = wilson(12, 25).expect("n > 0");
        assert!(close(low, 0.3003) && close(high, 0.6650), "{low} {high}");
        let (low, high) = wilson(0, 10).expect("n > 0");
        assert!(close(low, 0.0) && close(high, 0.2775), "{low} {high}");
        let (low, high) = wilson(10, 10).expect("n > 0");
        assert!(close(low, 0.7225) && close(high, 1.0), "{low} {high}");
        assert_eq!(wilson(0, 0), None);
    }
}
