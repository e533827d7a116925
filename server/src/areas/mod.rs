//! Areas: England's upper-tier local authorities (those responsible for SEND and
//! children's services), with their ONS GSS codes and hex-map positions.
//!
//! The list ships inside the binary (`server/data/english-local-authorities.csv`, see its
//! SOURCES file), is parsed once at start-up and never changes while running.

pub mod routes;

use std::{collections::BTreeMap, fmt, sync::Arc};

use serde::{Deserialize, Serialize};

const AUTHORITIES_CSV: &str = include_str!("../../data/english-local-authorities.csv");

/// An ONS GSS code of an English local authority, e.g. `E08000025`: `E`, then 8 digits.
/// Only the shape is checked here; [`Areas::get`] says whether it names an authority.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct GssCode(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0:?} is not an ONS GSS code (E followed by 8 digits, e.g. E08000025)")]
pub struct InvalidGssCode(String);

impl TryFrom<String> for GssCode {
    type Error = InvalidGssCode;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        let trimmed = value.trim();
        let valid = trimmed.len() == 9
            && trimmed.starts_with('E')
            && trimmed[1..].bytes().all(|b| b.is_ascii_digit());
        if valid {
            Ok(Self(trimmed.to_owned()))
        } else {
            // Truncated so that a pasted paragraph never lands whole in an error.
            Err(InvalidGssCode(value.chars().take(20).collect()))
        }
    }
}

impl From<GssCode> for String {
    fn from(code: GssCode) -> Self {
        code.0
    }
}

impl std::str::FromStr for GssCode {
    type Err = InvalidGssCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::try_from(s.to_owned())
    }
}

impl GssCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for GssCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One local authority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub code: GssCode,
    pub name: String,
    pub region: String,
    /// Position on the hex map of England (HexJSON odd-r offset coordinates; r grows
    /// northwards, so a renderer drawing y downwards flips it).
    pub hex_q: i32,
    pub hex_r: i32,
}

#[derive(Deserialize)]
struct AreaRow {
    gss_code: String,
    name: String,
    region: String,
    hex_q: i32,
    hex_r: i32,
}

/// Every English local authority, by code.
#[derive(Debug, Clone)]
pub struct Areas(Arc<BTreeMap<GssCode, Area>>);

#[derive(Debug, thiserror::Error)]
pub enum AreasError {
    #[error("the bundled local authority list is unreadable: {0}")]
    Csv(#[from] csv::Error),
    #[error("the bundled local authority list has a bad code: {0}")]
    Code(#[from] InvalidGssCode),
}

impl Areas {
    /// Parses the bundled list. It is part of the binary, so a failure is a build defect.
    pub fn bundled() -> Result<Self, AreasError> {
        let mut reader = csv::Reader::from_reader(AUTHORITIES_CSV.as_bytes());
        let mut areas = BTreeMap::new();
        for row in reader.deserialize::<AreaRow>() {
            let row = row?;
            let code = GssCode::try_from(row.gss_code)?;
            areas.insert(
                code.clone(),
                Area {
                    code,
                    name: row.name,
                    region: row.region,
                    hex_q: row.hex_q,
                    hex_r: row.hex_r,
                },
            );
        }
        Ok(Self(Arc::new(areas)))
    }

    pub fn get(&self, code: &GssCode) -> Option<&Area> {
        self.0.get(code)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Area> {
        self.0.values()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_list_has_every_upper_tier_authority_once() {
        let areas = Areas::bundled().unwrap();
        assert_eq!(areas.len(), 153);
        let count = |prefix: &str| {
            areas
                .iter()
                .filter(|a| a.code.as_str().starts_with(prefix))
                .count()
        };
        assert_eq!(
            [count("E06"), count("E08"), count("E09"), count("E10")],
            [63, 36, 33, 21]
        );
        let birmingham = areas
            .get(&GssCode::try_from("E08000025".to_owned()).unwrap())
            .unwrap();
        assert_eq!(birmingham.name, "Birmingham");
        assert_eq!(birmingham.region, "West Midlands");
    }

    #[test]
    fn every_authority_has_its_own_hex() {
        let areas = Areas::bundled().unwrap();
        let mut hexes: Vec<_> = areas.iter().map(|a| (a.hex_q, a.hex_r)).collect();
        hexes.sort_unstable();
        hexes.dedup();
        assert_eq!(hexes.len(), areas.len());
    }

    #[test]
    fn gss_codes_are_parsed_at_the_edge() {
        assert!(GssCode::try_from(" E09000001 ".to_owned()).is_ok());
        for bad in [
            "",
            "E0800002",
            "E080000255",
            "W06000001",
            "E08OOOO25",
            "e08000025",
        ] {
            assert!(GssCode::try_from(bad.to_owned()).is_err(), "{bad:?}");
        }
    }
}
