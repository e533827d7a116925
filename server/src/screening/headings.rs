//! Headings in title case ("What The Law Actually Says", "Self-Care For SEND Parents
//! (Realistic Edition)"): every word is capitalised, so capitals say nothing there about
//! names. Inside one, only what the lists know counts (a known hospital, charity or
//! place, a first name that is no ordinary word), or what is also found outside it.

use super::{
    Kind,
    gazetteer::GAZETTEER,
    orgs,
    text::{Candidate, Token},
};

/// Small words that title case capitalises and running prose does not.
const SMALL: &[&str] = &[
    "the", "for", "of", "and", "to", "about", "with", "what", "how", "why", "when", "in", "on",
    "a", "an", "my", "our", "your", "is", "are", "it", "we", "at", "from", "by", "vs", "or",
    "that", "this", "not", "no", "who", "after", "before", "into", "part",
];

/// The byte ranges of the lines of `text` written in title case.
fn title_case_lines(text: &str, tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let line_start = text[..tokens[i].start].rfind('\n').map_or(0, |n| n + 1);
        let line_end = text[tokens[i].start..]
            .find('\n')
            .map_or(text.len(), |n| tokens[i].start + n);
        let mut j = i;
        while j < tokens.len() && tokens[j].start < line_end {
            j += 1;
        }
        let words: Vec<&Token<'_>> = tokens[i..j].iter().filter(|t| t.alphabetic()).collect();
        // Long words all capitalised, and a small word capitalised inside the line (a
        // signature's "Dr Nkechi Eze, Consultant Paediatrician" has none).
        let long: Vec<&&Token<'_>> = words
            .iter()
            .filter(|t| t.word.chars().count() >= 4)
            .collect();
        let capitalised = long.iter().filter(|t| t.capitalised()).count();
        let small_capital = words
            .iter()
            .skip(1)
            .any(|t| t.capitalised() && !t.all_caps() && SMALL.contains(&t.lower.as_ref()));
        let sentences = text[line_start..line_end]
            .trim_end()
            .trim_end_matches(['.', '!', '?'])
            .contains(". ");
        if words.len() >= 3
            && long.len() >= 2
            && capitalised == long.len()
            && small_capital
            && !sentences
        {
            lines.push((line_start, line_end));
        }
        i = j;
    }
    lines
}

/// Drops what capitals alone suggested inside a title-case heading.
pub fn drop_guesses(text: &str, tokens: &[Token<'_>], candidates: &mut Vec<Candidate>) {
    let lines = title_case_lines(text, tokens);
    if lines.is_empty() {
        return;
    }
    let inside = |c: &Candidate| lines.iter().any(|&(s, e)| s <= c.start && c.end <= e);
    // What is also found outside the headings: "Sunny And Sky" above a post about Sky.
    let elsewhere: Vec<(Kind, String)> = candidates
        .iter()
        .filter(|c| !inside(c))
        .map(|c| (c.kind, lower_slice(text, c)))
        .collect();
    candidates.retain(|c| {
        if !inside(c) || elsewhere.contains(&(c.kind, lower_slice(text, c))) {
            return true;
        }
        let words: Vec<&Token<'_>> = tokens
            .iter()
            .filter(|t| c.start <= t.start && t.end <= c.end)
            .collect();
        match c.kind {
            Kind::Org | Kind::School => orgs::known(&words),
            Kind::Name => words.iter().any(|t| {
                GAZETTEER.first_name(&t.lower).is_some() && !GAZETTEER.ordinary_word(&t.lower)
            }),
            _ => true,
        }
    });
}

/// The candidate's characters in lower case (none if its offsets do not fit the text).
fn lower_slice(text: &str, c: &Candidate) -> String {
    text.get(c.start..c.end).unwrap_or_default().to_lowercase()
}
