//! The suggester's lexicon, `server/vocabulary/suggest.toml`: concepts (groups of
//! words and phrases that mean one thing in parents' language, lemmatised as the text
//! is) and, for each tag, rules that say which concepts together show it.
//!
//! A rule is one line: `[WEIGHT |] [not] TERM (+ TERM)* [- TERM]* [@ SENTENCES]`.
//! Terms are concept names, or `=words_joined_by_underscores` for a literal phrase.
//! `+` needs every term within one sentence (and 20 words); `>` instead of `+` needs
//! them in that order. `not` needs a negation over one of the matched words ("nobody
//! listened"); without it, a negated match does not count. `- TERM` vetoes the match
//! when that term is in the same sentences. `@ 2` lets the terms spread over two
//! sentences. The weight (default 0.8) is how sure a match makes us.

use foldhash::{HashMap, HashMapExt as _};
use serde::Deserialize;

use super::text::phrase_lemmas;

/// A phrase: lemmas in a row; `None` matches any one word.
pub type Phrase = Vec<Option<String>>;

#[derive(Debug, Clone)]
pub struct Rule {
    pub tag: usize,
    pub terms: Vec<usize>,
    pub vetoes: Vec<usize>,
    pub ordered: bool,
    pub negated: bool,
    pub sentences: u32,
    pub weight: f64,
}

/// The lexicon, compiled: concepts by index, phrases indexed by their first lemma.
#[derive(Debug)]
pub struct Lexicon {
    pub concept_names: Vec<String>,
    /// First lemma → (the phrase, its concept).
    pub by_first: HashMap<String, Vec<(Phrase, usize)>>,
    /// Phrases that start with a wildcard.
    pub wild_first: Vec<(Phrase, usize)>,
    pub rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    concepts: std::collections::BTreeMap<String, Vec<String>>,
    tags: std::collections::BTreeMap<String, TagRules>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagRules {
    rules: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LexiconError {
    #[error("not valid TOML of the expected shape: {0}")]
    Syntax(String),
    #[error("rules are given for {0:?}, which is not a tag of the vocabulary")]
    UnknownTag(String),
    #[error("tag {tag:?}: rule {rule:?}: {why}")]
    BadRule {
        tag: String,
        rule: String,
        why: String,
    },
    #[error("concept {0:?} has an empty phrase")]
    EmptyPhrase(String),
}

impl Lexicon {
    /// Compiles `source`; `tag_index` maps a tag id to its index in the vocabulary.
    pub fn parse(
        source: &str,
        tag_index: impl Fn(&str) -> Option<usize>,
    ) -> Result<Self, LexiconError> {
        let file: File =
            toml::from_str(source).map_err(|e| LexiconError::Syntax(e.message().to_owned()))?;
        let mut lexicon = Self {
            concept_names: Vec::new(),
            by_first: HashMap::new(),
            wild_first: Vec::new(),
            rules: Vec::new(),
        };
        let mut concepts: HashMap<String, usize> = HashMap::new();
        for (name, phrases) in &file.concepts {
            let index = lexicon.concept_names.len();
            lexicon.concept_names.push(name.clone());
            concepts.insert(name.clone(), index);
            for phrase in phrases {
                let compiled = compile_phrase(phrase);
                if compiled.iter().all(Option::is_none) {
                    return Err(LexiconError::EmptyPhrase(name.clone()));
                }
                lexicon.add_phrase(compiled, index);
            }
        }
        for (tag, rules) in &file.tags {
            let index = tag_index(tag).ok_or_else(|| LexiconError::UnknownTag(tag.clone()))?;
            for line in &rules.rules {
                let rule = lexicon
                    .parse_rule(index, line, &mut concepts)
                    .map_err(|why| LexiconError::BadRule {
                        tag: tag.clone(),
                        rule: line.clone(),
                        why,
                    })?;
                lexicon.rules.push(rule);
            }
        }
        Ok(lexicon)
    }

    fn add_phrase(&mut self, phrase: Phrase, concept: usize) {
        match phrase.first().cloned().flatten() {
            Some(first) => self
                .by_first
                .entry(first)
                .or_default()
                .push((phrase, concept)),
            None => self.wild_first.push((phrase, concept)),
        }
    }

    /// A term: a concept's name, or `=a_literal_phrase` (made a concept of its own).
    fn term(&mut self, term: &str, concepts: &mut HashMap<String, usize>) -> Result<usize, String> {
        if let Some(&index) = concepts.get(term) {
            return Ok(index);
        }
        let Some(literal) = term.strip_prefix('=') else {
            return Err(format!(
                "{term:?} is not a concept; write =words for a literal phrase"
            ));
        };
        let phrase = compile_phrase(&literal.replace('_', " "));
        if phrase.iter().all(Option::is_none) {
            return Err("an empty literal".to_owned());
        }
        let index = self.concept_names.len();
        self.concept_names.push(term.to_owned());
        concepts.insert(term.to_owned(), index);
        self.add_phrase(phrase, index);
        Ok(index)
    }

    fn parse_rule(
        &mut self,
        tag: usize,
        line: &str,
        concepts: &mut HashMap<String, usize>,
    ) -> Result<Rule, String> {
        let (weight, body) = match line.split_once('|') {
            Some((weight, body)) => {
                let weight: f64 = weight
                    .trim()
                    .parse()
                    .map_err(|_| format!("{:?} is not a weight", weight.trim()))?;
                if !(0.0..=1.0).contains(&weight) || weight == 0.0 {
                    return Err("a weight is more than 0 and at most 1".to_owned());
                }
                (weight, body)
            }
            None => (0.8, line),
        };
        let (body, sentences) = match body.split_once('@') {
            Some((body, n)) => {
                let n: u32 = n
                    .trim()
                    .parse()
                    .map_err(|_| "@ takes a number of sentences".to_owned())?;
                if !(1..=5).contains(&n) {
                    return Err("@ takes 1 to 5 sentences".to_owned());
                }
                (body, n)
            }
            None => (body, 1),
        };
        let mut words = body.split_whitespace().peekable();
        let negated = words.next_if_eq(&"not").is_some();
        let mut rule = Rule {
            tag,
            terms: Vec::new(),
            vetoes: Vec::new(),
            ordered: false,
            negated,
            sentences,
            weight,
        };
        let mut joiner = None;
        let mut expect_term = true;
        for word in words {
            if expect_term {
                let index = self.term(word, concepts)?;
                match joiner {
                    Some("-") => rule.vetoes.push(index),
                    _ => rule.terms.push(index),
                }
                expect_term = false;
                continue;
            }
            match word {
                "+" | ">" => {
                    if !rule.vetoes.is_empty() {
                        return Err("vetoes come last".to_owned());
                    }
                    if joiner.is_some_and(|j| j != word) && joiner != Some("-") {
                        return Err("mix of + and >".to_owned());
                    }
                    rule.ordered = word == ">";
                }
                "-" => {}
                _ => return Err(format!("expected +, > or - before {word:?}")),
            }
            joiner = Some(word);
            expect_term = true;
        }
        if expect_term || rule.terms.is_empty() {
            return Err("a rule needs at least one term and ends with a term".to_owned());
        }
        Ok(rule)
    }
}

fn compile_phrase(phrase: &str) -> Phrase {
    phrase
        .split_whitespace()
        .flat_map(|word| {
            if word == "*" {
                vec![None]
            } else {
                phrase_lemmas(word).into_iter().map(Some).collect()
            }
        })
        .collect()
}
