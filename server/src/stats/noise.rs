//! Optional differential-privacy noise (`stats.epsilon`): discrete Laplace noise from
//! OpenDP's sampler, scale 1/ε, added to each count before disclosure control. Figures
//! count families, so one family changes a count by at most one, and each figure is
//! ε-differentially private with respect to a family; in one area × quarter a family
//! touches at most 1 + its categories + its tags there, so its privacy loss in a release is
//! at most that many times ε for each area × quarter it wrote about.
//!
//! The noise drawn for a cell is kept (`stat_noise`) and reused while the cell's count is
//! unchanged: drawing afresh every day would let anyone average the noise away.

use std::collections::HashMap;

use dashu::rational::RBig;
use opendp::traits::samplers::sample_discrete_laplace;

use super::{Quarter, disclosure::Layout};
use crate::entities::stat_noise;

pub struct Noise {
    scale: RBig,
}

/// The noise kept for each cell: (kind, key) → (the count it was drawn for, the noise).
pub type Kept = HashMap<(String, String), (i32, i32)>;

impl Noise {
    pub fn new(epsilon: f64) -> anyhow::Result<Self> {
        anyhow::ensure!(
            epsilon > 0.0 && epsilon.is_finite(),
            "epsilon must be above 0"
        );
        let scale = RBig::try_from(1.0 / epsilon)
            .map_err(|e| anyhow::anyhow!("epsilon {epsilon}: {e:?}"))?;
        Ok(Self { scale })
    }

    fn draw(&self) -> anyhow::Result<i32> {
        let noise = sample_discrete_laplace(self.scale.clone())
            .map_err(|e| anyhow::anyhow!("noise: {e}"))?;
        // Beyond ±10⁶ at any sensible epsilon is a broken sampler, not noise.
        i32::try_from(noise)
            .ok()
            .filter(|n| n.abs() < 1_000_000)
            .ok_or_else(|| anyhow::anyhow!("noise out of range"))
    }

    /// The row with noise added to every figure that counts any families (a figure of
    /// none is hidden whatever its noise, so it gets none), and the noise to keep.
    pub fn apply(
        &self,
        layout: &Layout,
        kept: Option<&Kept>,
        area: &str,
        quarter: Quarter,
        raw: &[u32],
    ) -> anyhow::Result<(Vec<u32>, Vec<stat_noise::Model>)> {
        let mut noisy = raw.to_vec();
        let mut keep = Vec::new();
        for (i, &count) in raw.iter().enumerate().filter(|(_, c)| **c > 0) {
            let (kind, key) = layout.figure(i).kind_and_key();
            let count = i32::try_from(count).unwrap_or(i32::MAX);
            let noise = match kept.and_then(|k| k.get(&(kind.to_owned(), key.to_owned()))) {
                Some(&(drawn_for, noise)) if drawn_for == count => noise,
                _ => self.draw()?,
            };
            noisy[i] = u32::try_from(i64::from(count) + i64::from(noise)).unwrap_or(0);
            keep.push(stat_noise::Model {
                area: area.to_owned(),
                quarter: quarter.to_string(),
                kind: kind.to_owned(),
                key: key.to_owned(),
                drawn_for: count,
                noise,
            });
        }
        Ok((noisy, keep))
    }
}
