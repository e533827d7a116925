//! `make bench` (or `cargo bench -p commonthread --bench screening`): screening speed on
//! a 20,000-character story made of the corpus stories, markup removed.

use std::{fs, hint::black_box, path::Path};

use commonthread::screening::screen;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// `chars` characters of corpus stories, one after another.
fn story(chars: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/screening-corpus");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut text = String::new();
    for file in files.iter().cycle() {
        let marked = fs::read_to_string(file).unwrap_or_default();
        text.push_str(&strip(&marked));
        text.push_str("\n\n");
        if text.chars().count() >= chars {
            break;
        }
    }
    text.chars().take(chars).collect()
}

/// `{{kind|text}}` → `text`.
fn strip(marked: &str) -> String {
    let mut out = String::with_capacity(marked.len());
    let mut rest = marked;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let inner = &rest[open + 2..];
        let close = inner.find("}}").unwrap_or(inner.len());
        out.push_str(inner[..close].split_once('|').map_or("", |(_, t)| t));
        rest = inner.get(close + 2..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

fn screening(c: &mut Criterion) {
    let text = story(20_000);
    // Load the gazetteers before timing.
    black_box(screen("warm up"));
    let mut group = c.benchmark_group("screening");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("story_20000_chars", |b| b.iter(|| screen(black_box(&text))));
    group.finish();
    if std::env::var_os("CT_BENCH_SCALING").is_some() {
        for size in [100_000, 200_000, 400_000] {
            let big = story(size);
            let start = std::time::Instant::now();
            black_box(screen(&big));
            println!("{size} chars: {:?}", start.elapsed());
        }
    }
}

criterion_group!(benches, screening);
criterion_main!(benches);
