//! Tag suggestion: from what a parent wrote, the tags it most likely shows, each with
//! the phrase that showed it. Rules over concepts, not keywords: words are lemmatised
//! ("inspected", "inspecting"), grouped into concepts with their synonyms and the
//! ways parents say them ("had a look round her room", "went through his things"),
//! combined within a sentence or two, and dropped under a negation ("they did not ask
//! to see his room") or a fear ("I was scared they would refer me"). It runs in
//! process, keeps nothing, and needs no network or model download.

mod lexicon;
pub mod text;

#[cfg(test)]
mod corpus_tests;

use serde::Serialize;
use utoipa::ToSchema;

use self::{
    lexicon::{Lexicon, Rule},
    text::{Token, analyse},
};
pub use lexicon::LexiconError;

use super::Vocabulary;

const BUNDLED: &str = include_str!("../../../vocabulary/suggest.toml");

/// Suggestions scoring below this are not offered.
pub const THRESHOLD: f64 = 0.5;
/// How far apart, in words, the terms of a one-sentence rule may be.
const NEAR: usize = 20;
/// Words of context shown either side of a match, within its sentence.
const CONTEXT_WORDS: usize = 3;

/// One suggested tag.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Suggestion {
    /// The tag's id, e.g. `bedroom-inspected`.
    pub tag: String,
    /// How likely the text shows the tag, from 0.5 to 1.
    pub score: f64,
    /// The phrase that showed it, as the text has it.
    pub evidence: String,
    /// Where `evidence` starts and ends, in Unicode scalar values.
    pub start: usize,
    pub end: usize,
}

/// The suggester: the lexicon, compiled against the vocabulary.
#[derive(Debug)]
pub struct Suggester {
    lexicon: Lexicon,
    tag_ids: Vec<String>,
}

/// Where a term was found: token indices, end exclusive.
#[derive(Debug, Clone, Copy)]
struct Span {
    first: usize,
    last: usize,
}

struct Match {
    first: usize,
    last: usize,
}

impl Suggester {
    /// The lexicon built into this binary.
    pub fn bundled(vocabulary: &Vocabulary) -> Result<Self, LexiconError> {
        Self::parse(BUNDLED, vocabulary)
    }

    pub fn parse(source: &str, vocabulary: &Vocabulary) -> Result<Self, LexiconError> {
        let tag_ids: Vec<String> = vocabulary.tags.iter().map(|t| t.id.clone()).collect();
        let lexicon = Lexicon::parse(source, |id| tag_ids.iter().position(|t| t == id))?;
        Ok(Self { lexicon, tag_ids })
    }

    /// The tags `text` most likely shows, best first.
    pub fn suggest(&self, text: &str) -> Vec<Suggestion> {
        let tokens = analyse(text);
        let found = self.find_concepts(&tokens);
        // Per tag: the chance that no rule is right, and the strongest match.
        let mut misses = vec![1.0f64; self.tag_ids.len()];
        let mut best: Vec<Option<(f64, Match)>> = (0..self.tag_ids.len()).map(|_| None).collect();
        for rule in &self.lexicon.rules {
            let Some(found_match) = rule_match(rule, &tokens, &found) else {
                continue;
            };
            misses[rule.tag] *= 1.0 - rule.weight;
            let stronger = best[rule.tag].as_ref().is_none_or(|(weight, m)| {
                rule.weight > *weight || (rule.weight == *weight && found_match.first < m.first)
            });
            if stronger {
                best[rule.tag] = Some((rule.weight, found_match));
            }
        }
        let mut suggestions: Vec<Suggestion> = best
            .into_iter()
            .enumerate()
            .filter_map(|(tag, best)| {
                let (_, m) = best?;
                let score = 1.0 - misses[tag];
                (score >= THRESHOLD).then(|| self.suggestion(tag, score, &m, &tokens, text))
            })
            .collect();
        suggestions.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.start.cmp(&b.start)));
        suggestions
    }

    fn suggestion(
        &self,
        tag: usize,
        score: f64,
        m: &Match,
        tokens: &[Token],
        text: &str,
    ) -> Suggestion {
        let sentence_first = tokens[m.first].sentence;
        let sentence_last = tokens[m.last - 1].sentence;
        let mut first = m.first;
        while first > 0
            && m.first - first < CONTEXT_WORDS
            && tokens[first - 1].sentence == sentence_first
        {
            first -= 1;
        }
        let mut last = m.last;
        while last < tokens.len()
            && last - m.last < CONTEXT_WORDS
            && tokens[last].sentence == sentence_last
        {
            last += 1;
        }
        let (start, end) = (tokens[first].start, tokens[last - 1].end);
        let start_chars = text[..start].chars().count();
        let evidence = text[start..end].to_owned();
        let end_chars = start_chars + evidence.chars().count();
        Suggestion {
            tag: self.tag_ids[tag].clone(),
            score: (score * 1000.0).round() / 1000.0,
            evidence,
            start: start_chars,
            end: end_chars,
        }
    }

    /// Every place each concept occurs: a phrase's words in a row, in one sentence.
    fn find_concepts(&self, tokens: &[Token]) -> Vec<Vec<Span>> {
        let mut found = vec![Vec::new(); self.lexicon.concept_names.len()];
        for i in 0..tokens.len() {
            let candidates = self
                .lexicon
                .by_first
                .get(&tokens[i].lemma)
                .into_iter()
                .flatten()
                .chain(&self.lexicon.wild_first);
            for (phrase, concept) in candidates {
                let end = i + phrase.len();
                if end > tokens.len() || tokens[end - 1].sentence != tokens[i].sentence {
                    continue;
                }
                let matches = phrase
                    .iter()
                    .zip(&tokens[i..end])
                    .all(|(want, token)| want.as_ref().is_none_or(|lemma| *lemma == token.lemma));
                let spans: &mut Vec<Span> = &mut found[*concept];
                if matches && spans.last().is_none_or(|s| s.first != i || s.last < end) {
                    if spans.last().is_some_and(|s| s.first == i) {
                        spans.pop();
                    }
                    spans.push(Span {
                        first: i,
                        last: end,
                    });
                }
            }
        }
        found
    }
}

/// The first place where `rule` holds in the text, if any.
fn rule_match(rule: &Rule, tokens: &[Token], found: &[Vec<Span>]) -> Option<Match> {
    let (anchor_term, rest) = rule.terms.split_first()?;
    if rest.iter().any(|t| found[*t].is_empty()) {
        return None;
    }
    'anchors: for anchor in &found[*anchor_term] {
        let mut chosen = vec![*anchor];
        let mut previous = *anchor;
        for term in rest {
            let fits = |s: &&Span| {
                let (lo, hi) = (s.first.min(anchor.first), s.last.max(anchor.last));
                let sentences = tokens[hi - 1].sentence - tokens[lo].sentence + 1;
                sentences <= rule.sentences
                    && (rule.sentences > 1 || hi - lo <= NEAR)
                    && (!rule.ordered || s.first >= previous.last)
            };
            let span = if rule.ordered {
                found[*term].iter().find(fits)
            } else {
                found[*term]
                    .iter()
                    .filter(fits)
                    .min_by_key(|s| s.first.abs_diff(anchor.first))
            };
            let Some(span) = span else {
                continue 'anchors;
            };
            chosen.push(*span);
            previous = *span;
        }
        // A negation inside a matched phrase ("never happened") is part of its meaning;
        // only one from outside negates the match.
        let inside = |i: usize| chosen.iter().any(|s| (s.first..s.last).contains(&i));
        let words = || chosen.iter().flat_map(|s| &tokens[s.first..s.last]);
        let negated = words().any(|t| t.negated_by.is_some_and(|cue| !inside(cue)));
        if words().any(|t| t.hypothetical) || negated != rule.negated {
            continue;
        }
        let first = chosen.iter().map(|s| s.first).min().unwrap_or(anchor.first);
        let last = chosen.iter().map(|s| s.last).max().unwrap_or(anchor.last);
        let (from, to) = (tokens[first].sentence, tokens[last - 1].sentence);
        let vetoed = rule.vetoes.iter().any(|veto| {
            found[*veto]
                .iter()
                .any(|s| (from..=to).contains(&tokens[s.first].sentence))
        });
        if !vetoed {
            return Some(Match { first, last });
        }
    }
    None
}
