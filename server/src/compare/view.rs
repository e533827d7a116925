//! One figure as the comparison and the export show it.

use serde::Serialize;
use utoipa::ToSchema;

use crate::stats::disclosure::wilson;

/// A published count, or "fewer than k"; with a rate when it has one.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Figure {
    /// The tag it counts; `null` for the number of families.
    pub tag: Option<String>,
    /// `null` when hidden.
    pub count: Option<u32>,
    pub suppressed: bool,
    /// The count as text, or "fewer than K": a hidden figure never reads as a number.
    pub display: String,
    /// Share of the families whose stories showed the tag: only when both the tag's count
    /// and the number of families were published.
    pub rate: Option<f64>,
    /// 95% Wilson score interval of the rate.
    pub rate_low: Option<f64>,
    pub rate_high: Option<f64>,
}

/// What a hidden figure reads, for a report with threshold `k`.
pub fn hidden(k: u32) -> String {
    format!("fewer than {k}")
}

/// The rate of `count` out of `families`, and its interval: only when both are published.
pub fn rate(count: Option<u32>, families: Option<u32>) -> Option<(f64, f64, f64)> {
    let (count, families) = (count?, families?);
    let (low, high) = wilson(count, families)?;
    Some(((f64::from(count) / f64::from(families)).min(1.0), low, high))
}

impl Figure {
    /// The number of families in a report.
    pub fn families(families: Option<u32>, k: u32) -> Self {
        Self::new(None, families, None, k)
    }

    /// A tag's figure in a report that counted `families`.
    pub fn tag(tag: &str, count: Option<u32>, families: Option<u32>, k: u32) -> Self {
        Self::new(Some(tag.to_owned()), count, families, k)
    }

    fn new(tag: Option<String>, count: Option<u32>, families: Option<u32>, k: u32) -> Self {
        let rate = tag.as_ref().and_then(|_| rate(count, families));
        Self {
            tag,
            count,
            suppressed: count.is_none(),
            display: count.map_or_else(|| hidden(k), |c| c.to_string()),
            rate: rate.map(|r| r.0),
            rate_low: rate.map(|r| r.1),
            rate_high: rate.map(|r| r.2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_figure_has_no_number_and_no_rate() {
        let figure = Figure::tag("a", None, Some(40), 10);
        assert_eq!(figure.display, "fewer than 10");
        assert!(figure.suppressed);
        assert_eq!(
            (figure.count, figure.rate, figure.rate_low),
            (None, None, None)
        );
    }

    #[test]
    fn a_rate_needs_both_counts() {
        let shown = Figure::tag("a", Some(12), Some(40), 10);
        assert_eq!(shown.rate, Some(0.3));
        let (low, high) = (shown.rate_low.unwrap(), shown.rate_high.unwrap());
        assert!(low < 0.3 && 0.3 < high, "{low} {high}");
        let no_total = Figure::tag("a", Some(12), None, 10);
        assert_eq!((no_total.count, no_total.rate), (Some(12), None));
        let families = Figure::families(Some(40), 10);
        assert_eq!(
            (families.tag, families.rate, families.display.as_str()),
            (None, None, "40")
        );
    }

    #[test]
    fn a_count_above_its_total_reads_as_at_most_all() {
        assert_eq!(rate(Some(50), Some(40)).map(|r| r.0), Some(1.0));
    }
}
