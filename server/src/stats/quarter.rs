//! Quarters of the calendar year, written `2025Q3`: the period every figure covers.

use std::{fmt, str::FromStr};

use chrono::{Datelike as _, NaiveDate};

/// A calendar quarter. Orders by time; written and parsed as `YYYYQn`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: u16,
    /// 1 to 4.
    number: u8,
}

impl Quarter {
    pub fn new(year: u16, number: u8) -> Option<Self> {
        ((1..=4).contains(&number) && (1000..=9999).contains(&year))
            .then_some(Self { year, number })
    }

    /// The quarter a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: u16::try_from(date.year()).unwrap_or(9999),
            number: u8::try_from(date.month0() / 3 + 1).unwrap_or(4),
        }
    }

    /// The quarter of a story's period: `YYYY-MM` has one; a year alone (`YYYY`) has none.
    pub fn of_period(period: &str) -> Option<Self> {
        let (year, month) = period.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let month: u8 = month.parse().ok()?;
        if !(1..=12).contains(&month) {
            return None;
        }
        Self::new(year.parse().ok()?, (month - 1) / 3 + 1)
    }

    pub fn next(self) -> Self {
        if self.number == 4 {
            Self {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Self {
                number: self.number + 1,
                ..self
            }
        }
    }

    /// `n` quarters earlier (saturating at year 1000).
    pub fn minus(self, n: u32) -> Self {
        let index = self.index().saturating_sub(n).max(1000 * 4);
        Self {
            year: u16::try_from(index / 4).unwrap_or(1000),
            number: u8::try_from(index % 4 + 1).unwrap_or(1),
        }
    }

    /// Quarters from year 0: consecutive quarters differ by one.
    fn index(self) -> u32 {
        u32::from(self.year) * 4 + u32::from(self.number) - 1
    }

    /// How many quarters from `self` to `last`, both included (0 when `last` is earlier).
    pub fn span_to(self, last: Self) -> u32 {
        (last.index() + 1).saturating_sub(self.index())
    }

    /// The first day of the quarter.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(i32::from(self.year), u32::from(self.number - 1) * 3 + 1, 1)
            .unwrap_or(NaiveDate::MIN)
    }

    /// The day its figures may first be published: `days` after it ends (counting from
    /// the first day of the next quarter, so 0 means the day after it ends).
    pub fn published_from(self, days: u32) -> NaiveDate {
        self.next().first_day() + chrono::Days::new(u64::from(days))
    }

    /// The latest quarter whose figures may be published on `today`: it has ended, and
    /// `days` have passed since. The quarter to date never is.
    pub fn latest_published(today: NaiveDate, days: u32) -> Self {
        let mut quarter = Self::of(today).minus(1);
        while quarter.published_from(days) > today {
            quarter = quarter.minus(1);
        }
        quarter
    }

    /// Every quarter from `self` to `last`, both included.
    pub fn through(self, last: Self) -> impl Iterator<Item = Quarter> {
        std::iter::successors(Some(self), |q| Some(q.next())).take_while(move |q| *q <= last)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.number)
    }
}

impl FromStr for Quarter {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (year, number) = s.split_once('Q').ok_or(())?;
        if year.len() != 4 || number.len() != 1 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(());
        }
        Self::new(
            year.parse().map_err(|_| ())?,
            number.parse().map_err(|_| ())?,
        )
        .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quarter {
        s.parse().expect("a quarter")
    }

    #[test]
    fn periods_fall_in_their_quarters() {
        assert_eq!(Quarter::of_period("2025-01"), Some(q("2025Q1")));
        assert_eq!(Quarter::of_period("2025-03"), Some(q("2025Q1")));
        assert_eq!(Quarter::of_period("2025-04"), Some(q("2025Q2")));
        assert_eq!(Quarter::of_period("2025-12"), Some(q("2025Q4")));
        assert_eq!(Quarter::of_period("2025"), None);
        assert_eq!(Quarter::of_period("2025-13"), None);
        assert_eq!(Quarter::of_period(""), None);
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        assert_eq!(Quarter::of(date), q("2026Q4"));
    }

    #[test]
    fn a_quarter_is_published_days_after_it_ends_and_never_before() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        assert_eq!(q("2026Q3").first_day(), day(2026, 7, 1));
        assert_eq!(q("2026Q4").published_from(14), day(2027, 1, 15));
        assert_eq!(q("2026Q3").published_from(0), day(2026, 10, 1));
        // 14 days: 2026Q3 (July to September) appears on 15 October, not before.
        assert_eq!(
            Quarter::latest_published(day(2026, 10, 14), 14),
            q("2026Q2")
        );
        assert_eq!(
            Quarter::latest_published(day(2026, 10, 15), 14),
            q("2026Q3")
        );
        assert_eq!(Quarter::latest_published(day(2026, 12, 7), 14), q("2026Q3"));
        // 0 days: the day after the quarter ends; 90 days: a quarter later still.
        assert_eq!(Quarter::latest_published(day(2026, 10, 1), 0), q("2026Q3"));
        assert_eq!(Quarter::latest_published(day(2026, 9, 30), 0), q("2026Q2"));
        assert_eq!(Quarter::latest_published(day(2026, 12, 7), 90), q("2026Q2"));
        assert_eq!(
            Quarter::latest_published(day(2026, 12, 29), 90),
            q("2026Q2")
        );
        assert_eq!(
            Quarter::latest_published(day(2026, 12, 30), 90),
            q("2026Q3")
        );
    }

    #[test]
    fn quarters_parse_strictly_and_order_by_time() {
        for bad in [
            "2025q1", "2025Q0", "2025Q5", "25Q1", "2025Q12", "+025Q1", "2025-Q1", "",
        ] {
            assert!(bad.parse::<Quarter>().is_err(), "{bad}");
        }
        assert_eq!(q("2025Q3").to_string(), "2025Q3");
        assert!(q("2024Q4") < q("2025Q1"));
        assert_eq!(q("2024Q4").next(), q("2025Q1"));
        assert_eq!(q("2025Q1").minus(1), q("2024Q4"));
        assert_eq!(q("2026Q4").minus(7), q("2025Q1"));
        assert_eq!(q("2025Q1").span_to(q("2026Q4")), 8);
        assert_eq!(q("2025Q2").span_to(q("2025Q1")), 0);
        let all: Vec<String> = q("2024Q3")
            .through(q("2025Q2"))
            .map(|q| q.to_string())
            .collect();
        assert_eq!(all, ["2024Q3", "2024Q4", "2025Q1", "2025Q2"]);
    }
}
