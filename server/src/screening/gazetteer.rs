//! Word lists the screener judges words by, loaded once from `server/data/screening/`
//! (built into the binary). See that folder's README for their sources and licences.

use std::{borrow::Cow, sync::LazyLock};

use unicode_normalization::UnicodeNormalization;

// A fast hash for short, trusted keys: every word of a story is looked up several times.
use foldhash::{HashMap, HashSet};

const FIRST_NAMES: &str = include_str!("../../data/screening/first-names.txt");
const EXTRA_FIRST_NAMES: &str = include_str!("../../data/screening/extra-first-names.txt");
const SURNAMES: &str = include_str!("../../data/screening/surnames.txt");
const ENGLISH_WORDS: &str = include_str!("../../data/screening/english-words.txt");
const NOT_NAMES: &str = include_str!("../../data/screening/not-names.txt");
const CALENDAR_WORDS: &str = include_str!("../../data/screening/calendar-words.txt");
const CHARACTERS: &str = include_str!("../../data/screening/characters.txt");
const DIMINUTIVES: &str = include_str!("../../data/screening/diminutives.txt");
const AUTHORITIES_CSV: &str = include_str!("../../data/english-local-authorities.csv");
const PLACES: &str = include_str!("../../data/screening/places.txt");
const OTHER_COUNCILS: &str = include_str!("../../data/screening/other-councils.txt");

/// How common a first name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameLevel {
    /// Known in England's communities.
    Known,
    /// Common in Great Britain or Ireland.
    Common,
}

pub struct Gazetteer {
    first_names: HashMap<String, NameLevel>,
    surnames: HashSet<String>,
    words: HashSet<&'static str>,
    not_names: HashSet<String>,
    calendar: HashSet<String>,
    places: HashSet<String>,
    /// Each a list of lowercase words.
    pub characters: Vec<Vec<String>>,
    /// Short forms of first names by the full name ("william" → will, bill, billy, liam).
    diminutives: HashMap<String, Vec<String>>,
    /// Places in the United Kingdom by their first word (lower case): each the rest of
    /// its words and its population (0 for a county).
    towns: HashMap<String, Vec<Town>>,
}

/// A place in the United Kingdom, from `places.txt`.
#[derive(Debug)]
pub struct Town {
    /// Every word of its name in lower case, possessives taken off ("king's" is "king").
    pub words: Vec<String>,
    pub population: u32,
}

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

pub fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

fn words_of(data: &str) -> HashSet<String> {
    lines(data)
        .flat_map(str::split_whitespace)
        .map(|w| lower(w).into_owned())
        .collect()
}

/// Words of local authority names that are not themselves distinctive.
const PLACE_FILLERS: &[&str] = &[
    "and", "of", "the", "city", "county", "upon", "on", "north", "south", "east", "west",
    "central", "borough", "council", "with", "le", "in", "great", "new", "isles", "mid", "down",
    "coast", "glens", "vale", "port", "borders", "highland", "angus",
];

impl Gazetteer {
    fn load() -> Self {
        let mut first_names: HashMap<String, NameLevel> = lines(FIRST_NAMES)
            .filter_map(|line| {
                let (name, level) = line.split_once('\t')?;
                let level = if level.trim() == "2" {
                    NameLevel::Common
                } else {
                    NameLevel::Known
                };
                Some((unaccented(&lower(name)).into_owned(), level))
            })
            .collect();
        // Names in use in England's communities that the generated list lacks.
        for name in lines(EXTRA_FIRST_NAMES) {
            first_names
                .entry(unaccented(&lower(name)).into_owned())
                .or_insert(NameLevel::Known);
        }
        let surnames = lines(SURNAMES)
            .map(|w| unaccented(&lower(w)).into_owned())
            .collect();
        let words = lines(ENGLISH_WORDS).collect();
        let places = AUTHORITIES_CSV
            .lines()
            .skip(1)
            .filter_map(|line| line.split(',').nth(1))
            .chain(lines(OTHER_COUNCILS))
            .flat_map(|name| name.split([' ', '-']))
            .map(|w| lower(w).into_owned())
            .filter(|w| w.len() > 2 && !PLACE_FILLERS.contains(&w.as_str()))
            .collect();
        let characters = lines(CHARACTERS)
            .map(|line| {
                line.split_whitespace()
                    .map(|w| lower(w).into_owned())
                    .collect()
            })
            .collect();
        let mut towns: HashMap<String, Vec<Town>> = HashMap::default();
        for line in lines(PLACES) {
            let Some((name, population)) = line.split_once('\t') else {
                continue;
            };
            let words: Vec<String> = name
                .split([' ', '.'])
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let w = lower(w);
                    w.strip_suffix("'s").unwrap_or(&w).to_owned()
                })
                .collect();
            let Some(first) = words.first().cloned() else {
                continue;
            };
            let entry = towns.entry(first).or_default();
            entry.push(Town {
                words,
                population: population.trim().parse().unwrap_or(0),
            });
            // Longest first, so that "Bury St Edmunds" is tried before "Bury".
            entry.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        }
        let diminutives = lines(DIMINUTIVES)
            .filter_map(|line| {
                let (full, short) = line.split_once('\t')?;
                let shorts = short.split_whitespace().map(str::to_owned).collect();
                Some((full.trim().to_owned(), shorts))
            })
            .collect();
        Self {
            diminutives,
            towns,
            first_names,
            surnames,
            words,
            not_names: words_of(NOT_NAMES),
            calendar: words_of(CALENDAR_WORDS),
            places,
            characters,
        }
    }

    /// How common `word` is as a first name, if it is one.
    pub fn first_name(&self, word: &str) -> Option<NameLevel> {
        let lower = lower(word);
        if self.not_names.contains(lower.as_ref()) {
            return None;
        }
        self.first_names
            .get(lower.as_ref())
            .or_else(|| self.first_names.get(unaccented(&lower).as_ref()))
            .copied()
    }

    pub fn surname(&self, word: &str) -> bool {
        let lower = lower(word);
        self.surnames.contains(lower.as_ref())
            || self.surnames.contains(unaccented(&lower).as_ref())
    }

    /// An ordinary English word (or a calendar word), judged in lower case.
    pub fn ordinary_word(&self, word: &str) -> bool {
        let lower = lower(word);
        self.words.contains(lower.as_ref()) || self.calendar.contains(lower.as_ref())
    }

    /// Never a person's name: festivals, nationalities, faiths, family words, brands.
    pub fn not_name(&self, word: &str) -> bool {
        self.not_names.contains(lower(word).as_ref())
    }

    pub fn calendar(&self, word: &str) -> bool {
        self.calendar.contains(lower(word).as_ref())
    }

    /// The short forms of a first name (in lower case).
    pub fn diminutives(&self, full: &str) -> &[String] {
        self.diminutives.get(full).map_or(&[], Vec::as_slice)
    }

    /// Places whose name starts with `word` (in lower case), longest first.
    pub fn towns(&self, word: &str) -> &[Town] {
        self.towns.get(word).map_or(&[], Vec::as_slice)
    }

    /// A distinctive word of an English local authority's name, e.g. `leeds`, `tyneside`.
    pub fn place(&self, word: &str) -> bool {
        self.places.contains(lower(word).as_ref())
    }
}

/// `word` without accents ("siân" → "sian"); borrowed when it has none.
pub fn unaccented(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(
            word.nfd()
                .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
                .collect(),
        )
    }
}

/// `word` in lower case with typographic apostrophes made plain; borrowed when it
/// already is.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'\'' || b.is_ascii_digit())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase().replace('\u{2019}', "'"))
    }
}
