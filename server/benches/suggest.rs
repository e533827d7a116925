//! `make bench` (or `cargo bench -p commonthread --bench suggest`): tag suggestion on a
//! 2,000-character text made of the dev corpus's passages, on one core.

use std::hint::black_box;

use commonthread::patterns::{Suggester, Vocabulary};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    passage: Vec<Passage>,
}

#[derive(Deserialize)]
struct Passage {
    text: String,
}

/// `chars` characters of dev passages, one after another.
fn text(chars: usize) -> String {
    let source = include_str!("../data/patterns-corpus/dev.toml");
    let corpus: Corpus = toml::from_str(source).unwrap_or(Corpus {
        passage: Vec::new(),
    });
    let mut text = String::new();
    for passage in corpus.passage.iter().cycle().take(1_000) {
        text.push_str(passage.text.trim());
        text.push_str("\n\n");
        if text.chars().count() >= chars {
            break;
        }
    }
    text.chars().take(chars).collect()
}

fn suggest(c: &mut Criterion) {
    let Ok(vocabulary) = Vocabulary::bundled() else {
        return;
    };
    let Ok(suggester) = Suggester::bundled(&vocabulary) else {
        return;
    };
    let text = text(2_000);
    let mut group = c.benchmark_group("suggest");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("2000 characters", |b| {
        b.iter(|| suggester.suggest(black_box(&text)));
    });
    group.finish();
}

criterion_group!(benches, suggest);
criterion_main!(benches);
