//! Words, sentence starts and offsets: the text as the word-based detectors see it.

use std::{borrow::Cow, collections::BTreeMap};

use super::{Finding, Kind, gazetteer::lower};

/// A possible finding, in byte offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
}

impl Candidate {
    pub fn new(kind: Kind, start: usize, end: usize, confidence: f32) -> Self {
        Self {
            kind,
            start,
            end,
            confidence,
        }
    }

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

/// A word: letters and digits, with the apostrophes and hyphens inside it.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// Byte offsets of the word without a possessive `'s`.
    pub start: usize,
    pub end: usize,
    /// Byte offset past the possessive, if there is one (else `end`).
    pub full_end: usize,
    pub word: &'a str,
    /// `word` in lower case, typographic apostrophes made plain: what word lists match.
    pub lower: Cow<'a, str>,
    pub possessive: bool,
    /// First word of the text, of a line, or after `.`, `!`, `?` or `:`.
    pub sentence_start: bool,
    /// What lies between the previous word and this one.
    pub gap: &'a str,
}

impl Token<'_> {
    pub fn capitalised(&self) -> bool {
        self.word.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn lowercase(&self) -> bool {
        self.word.chars().next().is_some_and(char::is_lowercase)
    }

    /// Two or more letters, all capitals: an acronym such as `SEND` or `EHCP`.
    pub fn all_caps(&self) -> bool {
        let mut letters = 0;
        for c in self.word.chars() {
            if c.is_alphabetic() {
                if !c.is_uppercase() {
                    return false;
                }
                letters += 1;
            }
        }
        letters >= 2
    }

    pub fn has_digit(&self) -> bool {
        self.word.bytes().any(|b| b.is_ascii_digit())
    }

    pub fn alphabetic(&self) -> bool {
        self.word.chars().all(|c| c.is_alphabetic() || is_joiner(c))
    }

    /// Only spaces (no line break, no punctuation) separate this word from the last.
    pub fn joined_by_space(&self) -> bool {
        !self.gap.is_empty() && self.gap.chars().all(|c| c == ' ' || c == '\u{a0}')
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_joiner(c: char) -> bool {
    is_apostrophe(c) || c == '-'
}

/// Splits `text` into words.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    let mut gap_start = 0;
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                chars.next();
            } else if is_joiner(c) {
                // Inside a word only when a letter or digit follows.
                let next = text[i + c.len_utf8()..].chars().next();
                if next.is_some_and(char::is_alphanumeric) {
                    end = i + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let full = &text[start..end];
        let (word_end, possessive) =
            possessive_end(full).map_or((end, false), |len| (start + len, true));
        let gap = &text[gap_start..start];
        let sentence_start = tokens.is_empty() || starts_sentence(gap);
        tokens.push(Token {
            start,
            end: word_end,
            full_end: end,
            word: &text[start..word_end],
            lower: lower(&text[start..word_end]),
            possessive,
            sentence_start,
            gap,
        });
        gap_start = end;
    }
    tokens
}

/// The length of `word` without a possessive `'s`, if it has one.
fn possessive_end(word: &str) -> Option<usize> {
    let mut rev = word.char_indices().rev();
    let (_, s) = rev.next()?;
    let (i, apostrophe) = rev.next()?;
    (matches!(s, 's' | 'S') && is_apostrophe(apostrophe) && i > 0).then_some(i)
}

fn starts_sentence(gap: &str) -> bool {
    if gap.contains('\n') {
        return true;
    }
    let trimmed = gap.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\u{201c}'
                    | '\u{2018}'
                    | '\''
                    | '('
                    | '['
                    | '*'
                    | '-'
                    | '\u{2013}'
                    | '\u{2022}'
            )
    });
    trimmed.ends_with(['.', '!', '?', ':', '\u{2026}'])
}

/// Converts between character and byte offsets of one text.
pub struct CharIndex {
    /// Byte offset of every character, and the text's length at the end.
    bytes: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        Self { bytes }
    }

    /// The byte offset of character `n` (`n` may be the length).
    pub fn byte(&self, n: usize) -> Option<usize> {
        self.bytes.get(n).copied()
    }

    /// The character offset of a byte offset that lies on a boundary.
    pub fn char(&self, byte: usize) -> Option<usize> {
        self.bytes.binary_search(&byte).ok()
    }
}

/// Keeps the best of overlapping candidates and turns them into findings.
pub fn to_findings(text: &str, mut candidates: Vec<Candidate>) -> Vec<Finding> {
    candidates.retain(|c| {
        c.start < c.end && text.is_char_boundary(c.start) && text.is_char_boundary(c.end)
    });
    candidates.sort_by(|a, b| {
        b.kind
            .rank()
            .cmp(&a.kind.rank())
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    // Kept candidates never overlap, so only the one starting last before a new
    // candidate's end can overlap it.
    let mut kept: BTreeMap<usize, Candidate> = BTreeMap::new();
    for candidate in candidates {
        let clash = kept
            .range(..candidate.end)
            .next_back()
            .is_some_and(|(_, k)| k.overlaps(candidate.start, candidate.end));
        if !clash {
            kept.insert(candidate.start, candidate);
        }
    }
    let index = CharIndex::new(text);
    kept.into_values()
        .filter_map(|c| {
            Some(Finding {
                kind: c.kind,
                start: index.char(c.start)?,
                end: index.char(c.end)?,
                text: text.get(c.start..c.end)?.to_owned(),
                confidence: (c.confidence.clamp(0.0, 1.0) * 100.0).round() / 100.0,
                replacement: c.kind.replacement().to_owned(),
            })
        })
        .collect()
}
