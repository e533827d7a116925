//! How the suggester reads a text: words, lemmas, sentences, and which words stand in
//! the scope of a negation ("they did not ask to see his room") or of a fear or a
//! supposition ("I was terrified they would refer me"), which are not events.

use std::sync::LazyLock;

use foldhash::{HashMap, HashSet};
use rust_stemmers::{Algorithm, Stemmer};

/// One word of the text, reduced to its lemma.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets in the original text. The two halves of "didn't" share the span.
    pub start: usize,
    pub end: usize,
    pub lemma: String,
    pub sentence: u32,
    /// Under a negation ("not", "never", "nobody"…): the index of the negating word.
    pub negated_by: Option<usize>,
    /// Under a fear, a wish or a supposition: "if", "worried", "in case"…
    pub hypothetical: bool,
}

/// Words a negation does not cross, as punctuation does not.
const CLAUSE_BREAKS: &[&str] = &[
    "but",
    "although",
    "though",
    "however",
    "yet",
    "whereas",
    "instead",
    "until",
    "till",
    "because",
    "since",
    "when",
    "whenever",
    "while",
    "whilst",
    "after",
    "before",
    "so",
    "then",
    "which",
    "who",
    "except",
    "apart",
    "otherwise",
    "still",
    "anyway",
    "luckily",
    "thankfully",
    "fortunately",
    "unfortunately",
];

/// Words that start a negation.
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nobody", "noone", "none", "nothing", "neither", "nor", "nowhere",
    "hardly", "barely",
];

/// Words that make what follows a fear, a hope or a supposition rather than an event.
const SUPPOSITIONS: &[&str] = &[
    "if",
    "whether",
    "unless",
    "worried",
    "worry",
    "afraid",
    "scared",
    "terrified",
    "fear",
    "frightened",
    "dread",
    "hope",
    "wonder",
    "imagine",
    "suppose",
    "expect",
];

/// Pronouns after which "and" or "or" starts a new clause.
const SUBJECTS: &[&str] = &[
    "i", "we", "they", "he", "she", "it", "you", "the", "my", "our", "their",
];

/// How many words a negation or supposition reaches.
const SCOPE: usize = 8;

/// Irregular forms the stemmer leaves alone, mapped to their base form.
const IRREGULAR: &[(&str, &str)] = &[
    ("went", "go"),
    ("gone", "go"),
    ("saw", "see"),
    ("seen", "see"),
    ("told", "tell"),
    ("said", "say"),
    ("held", "hold"),
    ("met", "meet"),
    ("sent", "send"),
    ("got", "get"),
    ("gotten", "get"),
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("made", "make"),
    ("came", "come"),
    ("thought", "think"),
    ("felt", "feel"),
    ("left", "leave"),
    ("kept", "keep"),
    ("heard", "hear"),
    ("brought", "bring"),
    ("knew", "know"),
    ("known", "know"),
    ("wrote", "write"),
    ("written", "write"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("sat", "sit"),
    ("stood", "stand"),
    ("found", "find"),
    ("lost", "lose"),
    ("paid", "pay"),
    ("ran", "run"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("became", "become"),
    ("began", "begin"),
    ("begun", "begin"),
    ("fought", "fight"),
    ("bought", "buy"),
    ("taught", "teach"),
    ("caught", "catch"),
    ("meant", "mean"),
    ("sought", "seek"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("broke", "break"),
    ("broken", "break"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("rang", "ring"),
    ("rung", "ring"),
    ("was", "be"),
    ("were", "be"),
    ("is", "be"),
    ("are", "be"),
    ("been", "be"),
    ("am", "be"),
    ("had", "have"),
    ("has", "have"),
    ("did", "do"),
    ("does", "do"),
    ("done", "do"),
    ("children", "child"),
    ("men", "man"),
    ("women", "woman"),
    ("people", "person"),
    ("shown", "show"),
    ("understood", "understand"),
    ("led", "lead"),
    ("dealt", "deal"),
    ("slept", "sleep"),
    ("spent", "spend"),
    ("lent", "lend"),
    ("built", "build"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("rode", "ride"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("mislaid", "mislay"),
    ("lay", "lie"),
];

/// Contractions written without the apostrophe, as people type them.
const BARE_CONTRACTIONS: &[(&str, &str)] = &[
    ("dont", "do"),
    ("didnt", "did"),
    ("doesnt", "does"),
    ("wasnt", "was"),
    ("werent", "were"),
    ("isnt", "is"),
    ("arent", "are"),
    ("cant", "can"),
    ("wont", "will"),
    ("couldnt", "could"),
    ("wouldnt", "would"),
    ("shouldnt", "should"),
    ("havent", "have"),
    ("hasnt", "has"),
    ("hadnt", "had"),
    ("aint", "is"),
    ("mustnt", "must"),
];

struct Lemmatizer {
    stemmer: Stemmer,
    irregular: HashMap<&'static str, &'static str>,
}

static LEMMATIZER: LazyLock<Lemmatizer> = LazyLock::new(|| Lemmatizer {
    stemmer: Stemmer::create(Algorithm::English),
    irregular: IRREGULAR.iter().copied().collect(),
});

static WORD_SETS: LazyLock<WordSets> = LazyLock::new(|| WordSets {
    breaks: CLAUSE_BREAKS.iter().map(|w| lemma(w)).collect(),
    negations: NEGATIONS.iter().map(|w| lemma(w)).collect(),
    suppositions: SUPPOSITIONS.iter().map(|w| lemma(w)).collect(),
    subjects: SUBJECTS.iter().map(|w| lemma(w)).collect(),
});

struct WordSets {
    breaks: HashSet<String>,
    negations: HashSet<String>,
    suppositions: HashSet<String>,
    subjects: HashSet<String>,
}

/// The lemma of one lowercase word: its base form for irregular words, else its
/// Snowball (Porter 2) stem, so that "inspected", "inspecting" and "inspection" meet.
pub fn lemma(word: &str) -> String {
    let lemmatizer = &*LEMMATIZER;
    if let Some(base) = lemmatizer.irregular.get(word) {
        return lemmatizer.stemmer.stem(base).into_owned();
    }
    lemmatizer.stemmer.stem(word).into_owned()
}

/// The lemmas of a phrase as the lexicon writes it ("go through" → ["go", "through"]).
pub fn phrase_lemmas(phrase: &str) -> Vec<String> {
    let mut lemmas = Vec::new();
    for_each_word(phrase, |word, _, _| lemmas.push(word));
    lemmas
}

enum Piece {
    Word {
        start: usize,
        end: usize,
    },
    /// A full stop, question or exclamation mark, or a line break.
    SentenceEnd,
    /// A comma, semicolon, colon, bracket or dash.
    ClauseEnd,
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let in_word = c.is_alphanumeric()
            || (matches!(c, '\'' | '’')
                && word_start.is_some()
                && chars.peek().is_some_and(|(_, next)| next.is_alphabetic()));
        if in_word {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            pieces.push(Piece::Word { start, end: i });
        }
        match c {
            '.' | '!' | '?' | '\n' => pieces.push(Piece::SentenceEnd),
            ',' | ';' | ':' | '(' | ')' | '–' | '—' | '"' | '“' | '”' => {
                pieces.push(Piece::ClauseEnd)
            }
            '-' if chars.peek().is_some_and(|(_, next)| next.is_whitespace()) => {
                pieces.push(Piece::ClauseEnd);
            }
            _ => {}
        }
    }
    if let Some(start) = word_start {
        pieces.push(Piece::Word {
            start,
            end: text.len(),
        });
    }
    pieces
}

/// Calls `f(lemma, start, end)` for each word of `text`, with contractions opened up:
/// "didn't" gives "do" and "not", "I'm" gives "i" and "be".
fn for_each_word(text: &str, mut f: impl FnMut(String, usize, usize)) {
    for piece in pieces(text) {
        if let Piece::Word { start, end } = piece {
            each_part(&text[start..end], |word| f(word, start, end));
        }
    }
}

fn each_part(raw: &str, mut f: impl FnMut(String)) {
    let lower = raw.to_lowercase().replace('’', "'");
    if let Some((_, base)) = BARE_CONTRACTIONS.iter().find(|(bare, _)| *bare == lower) {
        f(lemma(base));
        f(lemma("not"));
        return;
    }
    let (head, tail) = match lower.find('\'') {
        Some(i) => (&lower[..i], &lower[i + 1..]),
        None => (lower.as_str(), ""),
    };
    match tail {
        "t" if head.ends_with('n') => {
            let base = match head {
                "can" => "can",
                "won" => "will",
                "shan" => "shall",
                "ain" => "be",
                _ => &head[..head.len() - 1],
            };
            f(lemma(base));
            f(lemma("not"));
        }
        "m" => {
            f(lemma(head));
            f(lemma("be"));
        }
        "re" => {
            f(lemma(head));
            f(lemma("be"));
        }
        "ve" => {
            f(lemma(head));
            f(lemma("have"));
        }
        "ll" => {
            f(lemma(head));
            f(lemma("will"));
        }
        "d" => {
            f(lemma(head));
            f(lemma("would"));
        }
        // "her son's room": the possessive goes; "it's" is "it".
        _ => f(lemma(head)),
    }
}

/// Reads `text` into lemmatised tokens with their sentence and scopes.
pub fn analyse(text: &str) -> Vec<Token> {
    let sets = &*WORD_SETS;
    let mut tokens: Vec<Token> = Vec::new();
    let mut sentence = 0u32;
    let mut negation_left = 0usize;
    let mut negation_cue = 0usize;
    let mut supposition_left = 0usize;
    for piece in pieces(text) {
        match piece {
            Piece::SentenceEnd => {
                if tokens.last().is_some_and(|t| t.sentence == sentence) {
                    sentence += 1;
                }
                negation_left = 0;
                supposition_left = 0;
            }
            Piece::ClauseEnd => {
                negation_left = 0;
                supposition_left = 0;
            }
            Piece::Word { start, end } => {
                let mut parts = Vec::with_capacity(2);
                each_part(&text[start..end], |word| parts.push(word));
                for lemma in parts {
                    let breaks = sets.breaks.contains(&lemma);
                    if breaks {
                        negation_left = 0;
                        supposition_left = 0;
                    }
                    let previous_joins = tokens.last().is_some_and(|t| {
                        t.sentence == sentence && (t.lemma == "and" || t.lemma == "or")
                    });
                    if previous_joins && sets.subjects.contains(&lemma) {
                        negation_left = 0;
                        supposition_left = 0;
                    }
                    let negates = sets.negations.contains(&lemma);
                    let supposes = sets.suppositions.contains(&lemma);
                    tokens.push(Token {
                        start,
                        end,
                        negated_by: (negation_left > 0 && !negates).then_some(negation_cue),
                        hypothetical: supposition_left > 0 && !supposes,
                        lemma,
                        sentence,
                    });
                    negation_left = negation_left.saturating_sub(1);
                    supposition_left = supposition_left.saturating_sub(1);
                    if negates {
                        negation_left = SCOPE;
                        negation_cue = tokens.len() - 1;
                    }
                    if supposes {
                        supposition_left = SCOPE;
                    }
                }
            }
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lemmas(text: &str) -> Vec<String> {
        analyse(text).into_iter().map(|t| t.lemma).collect()
    }

    fn negated(text: &str) -> Vec<String> {
        analyse(text)
            .into_iter()
            .filter(|t| t.negated_by.is_some())
            .map(|t| t.lemma)
            .collect()
    }

    #[test]
    fn lemmas_meet_across_forms() {
        assert_eq!(lemma("inspected"), lemma("inspection"));
        assert_eq!(lemma("meetings"), lemma("meeting"));
        assert_eq!(lemma("told"), lemma("tell"));
        assert_eq!(lemmas("They didn't"), ["they", "do", "not"]);
        assert_eq!(lemmas("we dont"), ["we", "do", "not"]);
        assert_eq!(lemmas("I’m"), ["i", "be"]);
        assert_eq!(lemmas("her son's room"), ["her", "son", "room"]);
        assert_eq!(lemmas("pre-meeting"), ["pre", "meet"]);
    }

    #[test]
    fn every_irregular_form_changes_what_the_stemmer_gives() {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut seen = HashSet::default();
        for (word, base) in IRREGULAR {
            assert!(seen.insert(*word), "{word} is listed twice");
            assert_ne!(
                stemmer.stem(word),
                stemmer.stem(base),
                "{word} needs no entry"
            );
        }
    }

    #[test]
    fn negation_reaches_to_the_end_of_the_clause() {
        assert_eq!(
            negated("They did not ask to see his room."),
            ["ask", "to", "see", "his", "room"]
        );
        assert_eq!(negated("Nobody listened, but the EP was kind"), ["listen"]);
        assert!(
            negated("They never came. Then they inspected his room.")
                .iter()
                .all(|l| l != "room")
        );
        assert_eq!(
            negated("They didn't reply and they cancelled"),
            ["repli", "and"]
        );
    }

    #[test]
    fn fears_are_not_events() {
        let tokens = analyse("I was terrified they would refer me. They did.");
        let refer = tokens.iter().find(|t| t.lemma == "refer").expect("found");
        assert!(refer.hypothetical);
        assert!(!tokens.last().expect("some").hypothetical);
    }

    #[test]
    fn sentences_are_counted() {
        let tokens = analyse("One. Two!\n\nThree?");
        let sentences: Vec<u32> = tokens.iter().map(|t| t.sentence).collect();
        assert_eq!(sentences, [0, 1, 2]);
    }
}
