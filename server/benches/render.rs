//! `make bench` (or `cargo bench -p commonthread --bench render`): the worst Markdown a
//! member can send, at the longest a story may be (20,000 characters), through the whole
//! of what a submission does to it: the nesting check, rendering and cleaning. The README
//! gives the worst case; the server runs this on its blocking pool with a time bound.

use std::hint::black_box;

use commonthread::stories::{input::MAX_BODY_CHARS, render};
use criterion::{Criterion, criterion_group, criterion_main};

/// `unit` repeated up to the longest body.
fn repeat(unit: &str) -> String {
    unit.repeat(MAX_BODY_CHARS / unit.chars().count())
}

/// Lists (or quotes) nested as deep as the check allows, again and again.
fn nested(marker: &str, indent: &str) -> String {
    let mut block = String::new();
    for depth in 0..render::MAX_NESTING {
        block.push_str(&indent.repeat(depth));
        block.push_str(marker);
        block.push_str("x\n");
    }
    block.push('\n');
    repeat(&block)
}

fn inputs() -> Vec<(&'static str, String)> {
    vec![
        (
            "prose",
            repeat("We asked again for the minutes of the review. "),
        ),
        ("nested lists, 32 deep", nested("- ", "  ")),
        ("nested quotes, 32 deep", nested("", "> ")),
        ("unclosed emphasis", repeat("*a **b ")),
        ("emphasis runs", repeat("*_*_**__")),
        ("unclosed links", repeat("[a](")),
        ("open brackets", repeat("[")),
        ("links", repeat("[a](https://example.org/x) ")),
        ("backtick runs", repeat("` `` ``` ")),
        ("angle brackets", repeat("<a <b>")),
        ("table, 200 columns", {
            let row = format!("{}|\n", "|a".repeat(200));
            let head = format!("{}|\n", "|-".repeat(200));
            format!(
                "{row}{head}{}",
                row.repeat(render::MAX_TABLE_CELLS / 200 - 2)
            )
        }),
        ("widest tables allowed", {
            // Rows are padded to the header's width; the check allows 5,000 cells in all.
            let columns = 50;
            let table = format!(
                "{}|\n{}|\n{}\n",
                "|a".repeat(columns),
                "|-".repeat(columns),
                "a\n".repeat(render::MAX_TABLE_CELLS / columns - 2)
            );
            let filler = "We asked again. ".repeat((MAX_BODY_CHARS - table.len()) / 16);
            format!("{table}{filler}")
        }),
        ("entities", repeat("&amp;&#x27;&lt;")),
        ("line breaks", repeat("a  \n")),
    ]
}

fn render_worst(c: &mut Criterion) {
    let mut group = c.benchmark_group("render 20,000 characters");
    for (name, text) in inputs() {
        assert!(text.chars().count() <= MAX_BODY_CHARS, "{name}");
        assert!(render::shape_problem(&text).is_none(), "{name} is refused");
        group.bench_function(name, |b| {
            b.iter(|| render::to_html(black_box(&text)));
        });
    }
    group.finish();
}

criterion_group!(benches, render_worst);
criterion_main!(benches);
