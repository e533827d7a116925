//! Organisations known by name, and the words that are never one.
//!
//! Hospitals, trusts and charities come from hand-written lists in
//! `server/data/screening/` (`hospitals.txt`, `charities.txt`), with the short forms
//! parents use ("GOSH", "Alder Hey", "the Evelina"). An acronym that is none of the SEND,
//! national or forum acronyms in `not-org-acronyms.txt` is taken for a local body
//! ("RUH", "KCC"), with a low confidence. National bodies, brands, laws and generic
//! services (`national-bodies.txt`) and medical eponyms (`medical-eponyms.txt`) are
//! never findings: [`never`] gives the spans no other detector may use.

use std::sync::LazyLock;

use foldhash::{HashMap, HashSet};

use super::{
    Kind,
    gazetteer::{GAZETTEER, lines, lower},
    text::{Candidate, Token, tokenize},
};

const HOSPITALS: &str = include_str!("../../data/screening/hospitals.txt");
const MORE_HOSPITALS: &str = include_str!("../../data/screening/hospitals-more.txt");
const UNIVERSITIES: &str = include_str!("../../data/screening/universities.txt");
const CHARITIES: &str = include_str!("../../data/screening/charities.txt");
const NATIONAL: &str = include_str!("../../data/screening/national-bodies.txt");
const ACRONYMS: &str = include_str!("../../data/screening/not-org-acronyms.txt");
const EPONYMS: &str = include_str!("../../data/screening/medical-eponyms.txt");

/// A name from a list, as the words the tokenizer gives it.
#[derive(Clone)]
struct Phrase {
    words: Vec<String>,
    /// Also ordinary words ("Contact", "Scope"): only capitalised, mid-sentence.
    ambiguous: bool,
    /// Written in capitals in the list ("GOSH"): only in capitals in the text.
    capitals: bool,
    /// Its last word keeps its apostrophe ("Sheffield Children's"): a span ends past it.
    apostrophe: bool,
    /// A hospital's name without "Hospital": only after "the" ("the Lister").
    after_the: bool,
}

/// Phrases by their first word, longest first.
struct Phrases(HashMap<String, Vec<Phrase>>);

impl Phrases {
    fn load(sources: &[&str]) -> Self {
        let mut map: HashMap<String, Vec<Phrase>> = HashMap::default();
        for line in sources.iter().flat_map(|s| s.lines()) {
            let line = line.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let (name, marker) = line.split_once('\t').unwrap_or((line, ""));
            let name = name.trim();
            let name = name
                .strip_prefix("the ")
                .or_else(|| name.strip_prefix("The "))
                .unwrap_or(name);
            let tokens = tokenize(name);
            let words: Vec<String> = tokens
                .iter()
                .map(|t| t.lower.clone().into_owned())
                .collect();
            if words.is_empty() {
                continue;
            }
            let capitals = tokens
                .iter()
                .all(|t| t.all_caps() || t.word.chars().count() == 1 && t.capitalised());
            let phrase = Phrase {
                words,
                ambiguous: marker.trim() == "ambiguous" || marker.trim() == "needs-noun",
                capitals,
                apostrophe: tokens.last().is_some_and(|t| t.possessive),
                after_the: false,
            };
            // "Sheffield childrens", "Kings Mill": as typed without the apostrophe.
            if tokens.iter().any(|t| t.possessive) {
                let words = tokens
                    .iter()
                    .map(|t| {
                        let mut w = t.lower.clone().into_owned();
                        if t.possessive {
                            w.push('s');
                        }
                        w
                    })
                    .collect();
                Self::add(
                    &mut map,
                    Phrase {
                        words,
                        apostrophe: false,
                        ..phrase.clone()
                    },
                );
            }
            // "the Lister", "the Friarage": a hospital by its name without "Hospital",
            // after "the".
            if phrase.words.len() >= 2
                && phrase.words.last().is_some_and(|w| w == "hospital")
                && !phrase.ambiguous
            {
                let words = phrase.words[..phrase.words.len() - 1].to_vec();
                Self::add(
                    &mut map,
                    Phrase {
                        words,
                        apostrophe: false,
                        after_the: true,
                        ..phrase.clone()
                    },
                );
            }
            Self::add(&mut map, phrase);
        }
        for list in map.values_mut() {
            // A phrase written out in the list wins over one derived from another.
            list.sort_by_key(|p| (std::cmp::Reverse(p.words.len()), p.after_the));
        }
        Self(map)
    }

    fn add(map: &mut HashMap<String, Vec<Phrase>>, phrase: Phrase) {
        let Some(first) = phrase.words.first() else {
            return;
        };
        let entry = map.entry(first.clone()).or_default();
        if let Some(same) = entry.iter_mut().find(|p| p.words == phrase.words) {
            // Written in the list beats derived.
            if same.after_the && !phrase.after_the {
                *same = phrase;
            }
            return;
        }
        entry.push(phrase);
    }

    /// The longest phrase starting at token `i`, as the number of its words.
    fn at(&self, tokens: &[Token<'_>], i: usize) -> Option<(usize, &Phrase)> {
        let list = self.0.get(tokens[i].lower.as_ref())?;
        list.iter().find_map(|p| {
            let window = tokens.get(i..i + p.words.len())?;
            let fits = window.iter().zip(&p.words).enumerate().all(|(n, (t, w))| {
                t.lower == w.as_str()
                    && (n == 0 || t.gap.len() <= 3 && !t.gap.contains('\n'))
                    && (!t.possessive || n + 1 == window.len())
            });
            fits.then_some((p.words.len(), p))
        })
    }
}

/// Is `words` a hospital, trust or charity of the lists, or a council or service named
/// by a place ("Kent County Council")?
pub fn known(words: &[&Token<'_>]) -> bool {
    let whole = LISTS
        .known
        .0
        .get(words.first().map_or("", |w| w.lower.as_ref()))
        .is_some_and(|list| {
            list.iter().any(|p| {
                p.words.len() == words.len()
                    && p.words.iter().zip(words).all(|(a, b)| *a == b.lower)
            })
        });
    whole
        || words
            .iter()
            .skip(1)
            .chain(words.first().filter(|w| !w.sentence_start))
            .any(|w| {
                !w.all_caps()
                    && GAZETTEER
                        .towns(&w.lower)
                        .iter()
                        .any(|t| !GAZETTEER.ordinary_word(&w.lower) || t.population >= 50_000)
            })
}

struct Lists {
    known: Phrases,
    national: Phrases,
    eponyms: Phrases,
    acronyms: HashSet<String>,
    /// The acronyms as written ("SENCo", "EHCP"), matched exactly: never a name.
    vocabulary: HashSet<String>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    known: Phrases::load(&[HOSPITALS, MORE_HOSPITALS, CHARITIES, UNIVERSITIES]),
    national: Phrases::load(&[NATIONAL]),
    eponyms: Phrases::load(&[EPONYMS]),
    acronyms: acronyms().map(str::to_uppercase).collect(),
    vocabulary: acronyms()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .map(str::to_owned)
        .collect(),
});

/// The acronyms of `not-org-acronyms.txt` as written, without their markers.
fn acronyms() -> impl Iterator<Item = &'static str> {
    lines(ACRONYMS).map(|l| l.split('\t').next().unwrap_or(l).trim())
}

/// Words after an eponym that marks it as one: "Turner syndrome", "Bell's palsy".
const CONDITION_NOUNS: &[&str] = &[
    "syndrome",
    "disease",
    "palsy",
    "scale",
    "scales",
    "score",
    "criteria",
    "test",
    "chart",
    "dystrophy",
    "sign",
    "competence",
    "anomaly",
    "phenomenon",
    "method",
    "approach",
    "muscular",
];

/// Spans (byte offsets) that are no finding of any kind: national bodies, brands and
/// laws, and conditions named after people.
pub fn never(tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((len, phrase)) = LISTS.national.at(tokens, i) {
            // A single word in the list is a brand or a body only when written as one.
            let t = &tokens[i];
            if len > 1 || t.capitalised() || !phrase.ambiguous {
                spans.push((t.start, tokens[i + len - 1].full_end));
                i += len;
                continue;
            }
        }
        // A title stays free for the name it belongs to: "Cllr Rowbottom", "… MP".
        let title = matches!(tokens[i].lower.as_ref(), "cllr" | "mp" | "msp" | "ms");
        if LISTS.vocabulary.contains(tokens[i].word) && !title {
            spans.push((tokens[i].start, tokens[i].full_end));
            i += 1;
            continue;
        }
        if let Some((len, phrase)) = LISTS.eponyms.at(tokens, i) {
            let last = &tokens[i + len - 1];
            let noun = tokens.get(i + len).is_some_and(|n| {
                n.joined_by_space() && CONDITION_NOUNS.contains(&n.lower.as_ref())
            });
            // "Asperger's", "Tourettes": a possessive or plural form is the condition.
            if !phrase.ambiguous || noun {
                spans.push((tokens[i].start, last.full_end));
                i += len;
                continue;
            }
        }
        i += 1;
    }
    spans
}

/// Hospitals, trusts and charities from the lists, and unknown acronyms.
pub fn find(tokens: &[Token<'_>], never: &[(usize, usize)], out: &mut Vec<Candidate>) {
    // `never` comes sorted by start and without overlaps: walk it alongside the tokens.
    let mut next_never = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        while never.get(next_never).is_some_and(|&(_, e)| e <= t.start) {
            next_never += 1;
        }
        let blocked = never
            .get(next_never)
            .filter(|&&(s, e)| s <= t.start && t.end <= e);
        let known = LISTS.known.at(tokens, i);
        // A known name that runs on past a word that is never a finding on its own:
        // "Ehlers-Danlos Support UK".
        let runs_on = |len: usize| blocked.is_some_and(|&(_, e)| tokens[i + len - 1].end > e);
        if blocked.is_some() && !known.is_some_and(|(len, _)| runs_on(len)) {
            i += 1;
            continue;
        }
        if let Some((len, phrase)) = known {
            let last = &tokens[i + len - 1];
            if accept_known(tokens, i, len, phrase) {
                let confidence = if len > 1 { 0.85 } else { 0.7 };
                let end = if phrase.apostrophe {
                    last.full_end
                } else {
                    last.end
                };
                out.push(Candidate::new(Kind::Org, t.start, end, confidence));
                i += len;
                continue;
            }
        }
        if let Some(end) = group_name(tokens, i) {
            out.push(Candidate::new(Kind::Org, t.start, tokens[end - 1].end, 0.7));
            i = end;
            continue;
        }
        if named_before_noun(tokens, i) {
            out.push(Candidate::new(Kind::Org, t.start, t.end, 0.55));
            i += 1;
            continue;
        }
        if unknown_acronym(tokens, i) {
            out.push(Candidate::new(Kind::Org, t.start, t.end, 0.5));
            if let Some(start) = defined_by(tokens, i) {
                out.push(Candidate::new(
                    Kind::Org,
                    tokens[start].start,
                    tokens[i - 1].end,
                    0.7,
                ));
            }
        }
        i += 1;
    }
}

fn accept_known(tokens: &[Token<'_>], i: usize, len: usize, phrase: &Phrase) -> bool {
    let first = &tokens[i];
    let last = &tokens[i + len - 1];
    if phrase.after_the {
        let the = i
            .checked_sub(1)
            .is_some_and(|p| tokens[p].lower == "the" && first.joined_by_space());
        let shaped = first.capitalised() && !first.all_caps()
            || first.lowercase() && !GAZETTEER.ordinary_word(&first.lower) && len == 1;
        return the && shaped && GAZETTEER.towns(&phrase.words.join(" ")).is_empty();
    }
    if phrase.capitals && len > 1 {
        return tokens[i..i + len]
            .iter()
            .all(|t| t.word.chars().all(|c| !c.is_lowercase()));
    }
    // "we live in Wythenshawe", "a clinic in Tavistock": the place, not its hospital.
    let dwelling = len == 1
        && i >= 1
        && (matches!(tokens[i - 1].lower.as_ref(), "in" | "near" | "outside")
            && !GAZETTEER.towns(&first.lower).is_empty()
            || i >= 2
                && matches!(tokens[i - 1].lower.as_ref(), "in" | "near" | "from" | "to")
                && matches!(
                    tokens[i - 2].lower.as_ref(),
                    "live" | "lives" | "living" | "based" | "moved" | "we're" | "im" | "i'm"
                ));
    if dwelling {
        return false;
    }
    if phrase.capitals {
        // "bch for neuro": an initialism typed in lower case, when it is no word, name or
        // other acronym.
        return first.all_caps()
            || first.lowercase()
                && first.word.len() >= 3
                && !GAZETTEER.ordinary_word(&first.lower)
                && !GAZETTEER.not_name(&first.lower)
                && !LISTS.acronyms.contains(&first.word.to_uppercase())
                && GAZETTEER.first_name(&first.lower).is_none();
    }
    if phrase.ambiguous {
        let mid_sentence =
            !first.sentence_start || i.checked_sub(1).is_some_and(|p| tokens[p].lower == "the");
        return first.capitalised() && !first.all_caps() && last.capitalised() && mid_sentence;
    }
    if len > 1 {
        return true;
    }
    first.capitalised()
        || !GAZETTEER.ordinary_word(&first.lower) && GAZETTEER.first_name(&first.lower).is_none()
}

/// "RUH", "KCC", "SENAR": three to six capitals that are no acronym we know, in a
/// sentence that is not shouted.
fn unknown_acronym(tokens: &[Token<'_>], i: usize) -> bool {
    let t = &tokens[i];
    let letters = t.word.chars().count();
    // "the kcc one", "ncc said": a council's initials typed in lower case.
    if t.lowercase()
        && (3..=5).contains(&letters)
        && ["cc", "mbc", "cbc"].iter().any(|end| t.word.ends_with(end))
        && t.word.chars().all(|c| c.is_ascii_lowercase())
        // "bcc'd", "acc": an e-mail's blind copy and an account.
        && !matches!(t.word, "bcc" | "acc")
        && !GAZETTEER.ordinary_word(&t.lower)
        && !LISTS.acronyms.contains(&t.word.to_uppercase())
    {
        return true;
    }
    if !t.all_caps()
        || !(3..=6).contains(&letters)
        || t.has_digit()
        || t.word.contains(['-', '\'', '\u{2019}'])
    {
        return false;
    }
    if LISTS.acronyms.contains(&t.word.to_uppercase())
        || GAZETTEER.ordinary_word(&lower(t.word))
        || roman(t.word)
    {
        return false;
    }
    let shouted = |n: Option<&Token<'_>>| {
        n.is_some_and(|n| n.all_caps() && n.word.chars().count() >= 2 && n.joined_by_space())
    };
    let next = tokens.get(i + 1);
    let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
    let prev_shouted =
        prev.is_some_and(|p| p.all_caps() && p.word.chars().count() >= 2) && t.joined_by_space();
    // Used as the name of a body: after a determiner or a preposition ("the RUH", "at
    // KCC"), before what a body does or has ("SENAR team", "KCC said"), or defined in
    // brackets ("… Family Hub (RFH)").
    // "NCC", "ERYC", "EKHUFT", "NUH": the endings of councils' and trusts' initials.
    let shaped = ["CC", "BC", "DC", "YC", "FT", "UH", "TH", "UT", "HT"]
        .iter()
        .any(|end| t.word.ends_with(end));
    let named = shaped
        || prev.is_some_and(|p| {
            t.joined_by_space() && BEFORE_BODY.contains(&p.lower.as_ref()) || t.gap.trim() == "("
        })
        || next.is_some_and(|n| n.joined_by_space() && AFTER_BODY.contains(&n.lower.as_ref()));
    if !named {
        return false;
    }
    // "I AM SO ANGRY": a shouted word next to a shouted ordinary word.
    // A word in capitals that is also an acronym ("SEND") is no shouting.
    let shouting = |w: &Token<'_>| {
        GAZETTEER.ordinary_word(&w.lower) && !LISTS.acronyms.contains(&w.word.to_uppercase())
    };
    let next_shouted_word = shouted(next) && next.is_some_and(shouting);
    let prev_shouted_word = prev_shouted && prev.is_some_and(shouting);
    !next_shouted_word && !prev_shouted_word
}

/// Words before an acronym that make it the name of a body.
const BEFORE_BODY: &[&str] = &[
    "the",
    "their",
    "our",
    "at",
    "to",
    "from",
    "with",
    "by",
    "under",
    "via",
    "into",
    "through",
    "ring",
    "rang",
    "called",
    "emailed",
    "contacted",
    "phoned",
    "suggested",
    "recommended",
    "told",
    "asked",
    "for",
    "did",
    "does",
    "then",
];

/// Words after an acronym that make it the name of a body.
const AFTER_BODY: &[&str] = &[
    "team",
    "service",
    "services",
    "panel",
    "hospital",
    "clinic",
    "said",
    "say",
    "says",
    "have",
    "has",
    "are",
    "were",
    "refused",
    "agreed",
    "sent",
    "wrote",
    "rang",
    "sen",
    "send",
    "caseworker",
    "officer",
    "consultant",
    "nurse",
    "staff",
    "helpline",
    "website",
    "icb",
    "ccg",
    "nhs",
    "trust",
    "would",
    "will",
    "won't",
    "wont",
    "did",
    "didn't",
    "do",
    "don't",
    "can't",
    "could",
    "should",
    "might",
    "eventually",
    "finally",
    "then",
    "never",
    "also",
    "still",
    "run",
    "runs",
    "ran",
    "tried",
    "transport",
    "had",
    "wouldn't",
    "wouldnt",
    "couldn't",
    "gave",
    "give",
    "lost",
    "cancelled",
];

/// Words a parents' group's name ends with: "Thanet SEND Mums & Dads", "Fenland SEND
/// Dads", "Saltburn SEND Squad".
const GROUP_NOUNS: &[&str] = &[
    "mums",
    "mams",
    "moms",
    "dads",
    "parents",
    "families",
    "carers",
    "squad",
    "warriors",
    "chat",
    "group",
    "support",
    "network",
    "together",
    "sisters",
    "crew",
    "tribe",
    "friends",
    "café",
    "cafe",
    "club",
    "mummies",
    "grandparents",
    "collective",
    "community",
];

/// A parents' group named with a place or word, a SEND acronym and a word for a group,
/// starting at token `i`: returns its end.
fn group_name(tokens: &[Token<'_>], i: usize) -> Option<usize> {
    let first = &tokens[i];
    if !first.capitalised() || first.all_caps() {
        return None;
    }
    let acronym = tokens.get(i + 1).filter(|a| {
        a.joined_by_space()
            && matches!(
                a.word,
                "SEND" | "SEN" | "PDA" | "ASD" | "ADHD" | "ASC" | "Autism" | "ND"
            )
    })?;
    let _ = acronym;
    let mut end = i + 2;
    let mut groups = 0;
    while let Some(w) = tokens.get(end) {
        let linked = w.joined_by_space() || w.gap.trim() == "&";
        if !linked || !w.capitalised() || w.sentence_start {
            break;
        }
        if GROUP_NOUNS.contains(&w.lower.as_ref()) {
            groups += 1;
        } else if groups > 0 {
            break;
        }
        end += 1;
        if end > i + 5 {
            break;
        }
    }
    // Back to the last word for a group.
    while end > i + 2 && !GROUP_NOUNS.contains(&tokens[end - 1].lower.as_ref()) {
        end -= 1;
    }
    (groups > 0 && GROUP_NOUNS.contains(&tokens[end - 1].lower.as_ref())).then_some(end)
}

/// "the Kaleidoscope centre": one capitalised word between "the" and a lower-case noun
/// for a place that serves families names that place.
fn named_before_noun(tokens: &[Token<'_>], i: usize) -> bool {
    let t = &tokens[i];
    let (Some(prev), Some(next)) = (i.checked_sub(1).map(|p| &tokens[p]), tokens.get(i + 1)) else {
        return false;
    };
    prev.lower == "the"
        && t.capitalised()
        && !t.all_caps()
        && !t.sentence_start
        && !t.possessive
        && t.joined_by_space()
        && next.joined_by_space()
        && next.lowercase()
        && matches!(
            next.lower.as_ref(),
            "centre"
                | "center"
                | "clinic"
                | "hub"
                | "unit"
                | "helpline"
                | "ward"
                | "surgery"
                | "practice"
        )
        && GAZETTEER.towns(&t.lower).is_empty()
        && GAZETTEER.first_name(&t.lower).is_none()
        && !GAZETTEER.not_name(&t.lower)
        && !GAZETTEER.calendar(&t.lower)
}

/// The start of the words an acronym in brackets stands for: "Tales From The Sofa Fort
/// (TFTSF)", "the Riverside Family Hub (RFH)".
fn defined_by(tokens: &[Token<'_>], i: usize) -> Option<usize> {
    if tokens[i].gap.trim() != "(" {
        return None;
    }
    let letters: Vec<char> = tokens[i].word.chars().collect();
    let mut start = i;
    let mut matched = letters.len();
    // Walk back over the words, matching initials from the acronym's end; small words
    // ("of", "and") may be left out of it.
    while start > 0 && matched > 0 {
        let w = &tokens[start - 1];
        if start < i && !tokens[start].joined_by_space() {
            break;
        }
        let initial = w.word.chars().next()?.to_uppercase().next()?;
        if initial == letters[matched - 1] {
            matched -= 1;
        } else if !matches!(w.lower.as_ref(), "of" | "and" | "the" | "for" | "in" | "on") {
            return None;
        }
        start -= 1;
    }
    (matched == 0 && tokens[start].capitalised()).then_some(start)
}

/// "II", "IV", "XIV": the numerals people write; "CCC" or "LCC" are councils.
fn roman(word: &str) -> bool {
    word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}
