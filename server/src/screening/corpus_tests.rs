//! Measures the screener on the annotated corpus in `server/data/screening-corpus/`
//! and fails below the agreed floors. Run with `--nocapture` to see the table
//! (`make screening-report`).
//!
//! A finding and an annotation match when they are of the same kind and overlap; each
//! annotation matches at most one finding. "exact" counts those whose offsets agree too.

use std::{collections::BTreeMap, fmt::Write as _, fs, path::Path};

use super::{Kind, screen};

struct Story {
    file: String,
    text: String,
    /// kind, start, end in characters.
    gold: Vec<(Kind, usize, usize)>,
}

fn kind_named(name: &str) -> Kind {
    Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == name)
        .unwrap_or_else(|| panic!("unknown kind {name}"))
}

/// Strips `{{kind|text}}` markup, recording where each span lands.
fn parse(file: String, marked: &str) -> Story {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut gold = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find("{{") {
        let before = &rest[..open];
        text.push_str(before);
        chars += before.chars().count();
        let close = rest[open..].find("}}").expect("closing braces") + open;
        let (kind, span) = rest[open + 2..close].split_once('|').expect("kind|text");
        text.push_str(span);
        let len = span.chars().count();
        gold.push((kind_named(kind), chars, chars + len));
        chars += len;
        rest = &rest[close + 2..];
    }
    text.push_str(rest);
    Story { file, text, gold }
}

fn corpus() -> Vec<Story> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/screening-corpus");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let marked = fs::read_to_string(&p).expect("story");
            parse(
                p.file_name().expect("name").to_string_lossy().into_owned(),
                &marked,
            )
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Tally {
    gold: usize,
    found: usize,
    /// Annotations matched by a finding.
    recalled: usize,
    /// Findings that match an annotation.
    correct: usize,
    exact: usize,
}

impl Tally {
    fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.recalled as f64 / self.gold as f64
        }
    }

    fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.correct as f64 / self.found as f64
        }
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

#[test]
fn corpus_meets_the_floors() {
    let stories = corpus();
    assert!(
        stories.len() >= 60,
        "the corpus has {} stories",
        stories.len()
    );
    let mut tallies: BTreeMap<Kind, Tally> = BTreeMap::new();
    let mut misses = String::new();
    for story in &stories {
        let findings = screen(&story.text);
        let chars: Vec<char> = story.text.chars().collect();
        let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        let mut used = vec![false; findings.len()];
        for &(kind, start, end) in &story.gold {
            let tally = tallies.entry(kind).or_default();
            tally.gold += 1;
            let hit = findings.iter().enumerate().find(|(n, f)| {
                !used[*n] && f.kind == kind && overlaps((f.start, f.end), (start, end))
            });
            if let Some((n, f)) = hit {
                used[n] = true;
                tally.recalled += 1;
                tally.exact += usize::from(f.start == start && f.end == end);
            } else {
                let _ = writeln!(
                    misses,
                    "  missed {:8} {:?} in {}",
                    kind.as_str(),
                    slice(start, end),
                    story.file
                );
            }
        }
        for f in &findings {
            let tally = tallies.entry(f.kind).or_default();
            tally.found += 1;
            if story
                .gold
                .iter()
                .any(|&(k, s, e)| k == f.kind && overlaps((f.start, f.end), (s, e)))
            {
                tally.correct += 1;
            } else {
                let _ = writeln!(
                    misses,
                    "  extra  {:8} {:?} in {}",
                    f.kind.as_str(),
                    f.text,
                    story.file
                );
            }
        }
    }

    let mut total = Tally::default();
    let mut table = String::from("kind       gold found recall precision exact\n");
    let mut failures = Vec::new();
    for kind in Kind::ALL {
        let t = tallies.get(&kind).copied().unwrap_or_default();
        let _ = writeln!(
            table,
            "{:9} {:5} {:5} {:6.3} {:9.3} {:5}",
            kind.as_str(),
            t.gold,
            t.found,
            t.recall(),
            t.precision(),
            t.exact
        );
        total.gold += t.gold;
        total.found += t.found;
        total.recalled += t.recalled;
        total.correct += t.correct;
        total.exact += t.exact;
        let floor = match kind {
            Kind::Email
            | Kind::Phone
            | Kind::Postcode
            | Kind::Nhs
            | Kind::Url
            | Kind::Handle
            | Kind::Ref => Some(0.95),
            Kind::Name | Kind::School | Kind::Org => Some(0.90),
            _ => None,
        };
        if let Some(floor) = floor
            && t.recall() < floor
        {
            failures.push(format!(
                "{} recall {:.3} < {floor}",
                kind.as_str(),
                t.recall()
            ));
        }
    }
    let _ = writeln!(
        table,
        "{:9} {:5} {:5} {:6.3} {:9.3} {:5}",
        "all",
        total.gold,
        total.found,
        total.recall(),
        total.precision(),
        total.exact
    );
    if total.precision() < 0.85 {
        failures.push(format!("overall precision {:.3} < 0.85", total.precision()));
    }
    println!("screening corpus: {} stories\n{table}", stories.len());
    if std::env::var_os("CT_SCREENING_DETAIL").is_some() {
        println!("{misses}");
    }
    assert!(
        failures.is_empty(),
        "below the floor: {failures:?}\n{table}\n{misses}"
    );
}
