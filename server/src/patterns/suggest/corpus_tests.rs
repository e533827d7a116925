//! Measures the suggester on the labelled corpora. `server/data/patterns-corpus/`:
//! `dev.toml`, which the rules were built against, and `held-out.toml`, written by
//! someone else and never read while building them; the test fails when the two
//! together fall below F1 0.80. `server/data/patterns-world/`: passages in the register
//! of real forum posts and blogs, written by helper sessions that never saw the rules or
//! the lexicon, a development part and a held-out part (issue 23's targets are on the
//! held-out part; until they are met the test holds the figures where they stand).
//!
//! `CT_PATTERNS_DETAIL=1` lists what was missed or wrongly suggested in the development
//! parts only: the held-out parts stay unread.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::Suggester;
use crate::patterns::Vocabulary;

const DEV: &str = include_str!("../../../data/patterns-corpus/dev.toml");
const HELD_OUT: &str = include_str!("../../../data/patterns-corpus/held-out.toml");
const WORLD_DEV: &str = include_str!("../../../data/patterns-world/dev.toml");
const WORLD_HELD_OUT: &str = include_str!("../../../data/patterns-world/held-out.toml");

/// The world held-out part's F1 when it arrived (0.62), less a little: a floor, not a
/// target.
const WORLD_HELD_OUT_FLOOR: f64 = 0.60;

#[derive(Deserialize)]
struct Corpus {
    passage: Vec<Passage>,
}

#[derive(Deserialize)]
struct Passage {
    id: String,
    tags: Vec<String>,
    text: String,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    true_positive: usize,
    false_positive: usize,
    false_negative: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.true_positive += other.true_positive;
        self.false_positive += other.false_positive;
        self.false_negative += other.false_negative;
    }

    fn precision(self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_positive)
    }

    fn recall(self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_negative)
    }

    fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn load(source: &str, vocabulary: &Vocabulary) -> Vec<Passage> {
    let corpus: Corpus = toml::from_str(source).expect("the corpus parses");
    for passage in &corpus.passage {
        for tag in &passage.tags {
            assert!(
                vocabulary.tag(tag).is_some(),
                "{}: unknown tag {tag}",
                passage.id
            );
        }
    }
    corpus.passage
}

/// Scores each passage; `detail` prints each miss and wrong suggestion.
fn evaluate(
    suggester: &Suggester,
    passages: &[Passage],
    detail: bool,
) -> (Counts, BTreeMap<String, Counts>) {
    let mut total = Counts::default();
    let mut per_tag: BTreeMap<String, Counts> = BTreeMap::new();
    for passage in passages {
        let suggestions = suggester.suggest(&passage.text);
        let suggested: BTreeSet<&str> = suggestions.iter().map(|s| s.tag.as_str()).collect();
        let expected: BTreeSet<&str> = passage.tags.iter().map(String::as_str).collect();
        for tag in suggested.union(&expected) {
            let counts = per_tag.entry((*tag).to_owned()).or_default();
            let (s, e) = (suggested.contains(tag), expected.contains(tag));
            let one = Counts {
                true_positive: usize::from(s && e),
                false_positive: usize::from(s && !e),
                false_negative: usize::from(!s && e),
            };
            counts.add(one);
            total.add(one);
            if detail && s != e {
                let evidence = suggestions
                    .iter()
                    .find(|x| x.tag == *tag)
                    .map(|x| x.evidence.as_str())
                    .unwrap_or("");
                let what = if s { "WRONG" } else { "MISSED" };
                println!("{what} {} {tag} {evidence:?}", passage.id);
            }
        }
    }
    (total, per_tag)
}

#[test]
fn the_suggester_finds_the_tags_of_the_corpus() {
    let vocabulary = Vocabulary::bundled().expect("vocabulary");
    let suggester = Suggester::bundled(&vocabulary).expect("lexicon");
    let dev = load(DEV, &vocabulary);
    let held_out = load(HELD_OUT, &vocabulary);

    // The corpus is what the issue asks for: 80 passages or more, every tag at least
    // twice, and passages that show no tag.
    let all: Vec<&Passage> = dev.iter().chain(&held_out).collect();
    assert!(all.len() >= 80, "{} passages", all.len());
    assert!(all.iter().filter(|p| p.tags.is_empty()).count() >= 5);
    for tag in &vocabulary.tags {
        let uses = all.iter().filter(|p| p.tags.contains(&tag.id)).count();
        assert!(uses >= 2, "{} is in {uses} passages", tag.id);
    }

    let world_dev = load(WORLD_DEV, &vocabulary);
    let world_held_out = load(WORLD_HELD_OUT, &vocabulary);
    assert!(world_dev.len() + world_held_out.len() >= 150);

    let detail = std::env::var_os("CT_PATTERNS_DETAIL").is_some();
    let (dev_counts, per_tag) = evaluate(&suggester, &dev, detail);
    let (held_counts, _) = evaluate(&suggester, &held_out, false);
    let (world_dev_counts, _) = evaluate(&suggester, &world_dev, detail);
    let (world_held_counts, _) = evaluate(&suggester, &world_held_out, false);
    let mut whole = dev_counts;
    whole.add(held_counts);

    println!("| part | passages | precision | recall | F1 |");
    println!("|---|---:|---:|---:|---:|");
    for (name, count, c) in [
        ("dev", dev.len(), dev_counts),
        ("held-out", held_out.len(), held_counts),
        ("whole", all.len(), whole),
        ("world dev", world_dev.len(), world_dev_counts),
        ("world held-out", world_held_out.len(), world_held_counts),
    ] {
        println!(
            "| {name} | {count} | {:.2} | {:.2} | {:.2} |",
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    if detail {
        for (tag, c) in &per_tag {
            println!(
                "{tag}: P {:.2} R {:.2} F1 {:.2}",
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
    }
    assert!(
        whole.f1() >= 0.80,
        "F1 over the whole corpus is {:.3}",
        whole.f1()
    );
    // Where the world corpora stood when they arrived (2026-12-07): no change may lower
    // them. Issue 23's target on the held-out part is 0.75.
    assert!(
        world_held_counts.f1() >= WORLD_HELD_OUT_FLOOR,
        "F1 on the world held-out part is {:.3}",
        world_held_counts.f1()
    );
}
