//! Schools, organisations and street addresses: runs of capitalised words that end in a
//! word such as "School", "Academy", "Hospital" or "Service", and house numbers before a
//! street word.

use std::{collections::HashMap, sync::LazyLock};

use regex::Regex;

use super::{
    Kind,
    gazetteer::{GAZETTEER, lower},
    text::{Candidate, Token},
};

/// Words that end a school's name.
const SCHOOL_HEADS: &[&str] = &[
    "school",
    "schools",
    "primary",
    "academy",
    "college",
    "nursery",
    "infants",
    "infant",
    "juniors",
    "junior",
    "high",
    "grammar",
    "prep",
    "preparatory",
    "pru",
];

/// Words that end an organisation's name.
const ORG_HEADS: &[&str] = &[
    "hospital",
    "hospitals",
    "trust",
    "clinic",
    "centre",
    "center",
    "practice",
    "surgery",
    "service",
    "services",
    "team",
    "solicitors",
    "paediatrics",
    "therapies",
    "neurology",
    "carers",
    "partnership",
    "foundation",
    "council",
    "camhs",
    "sendiass",
    "iass",
    "charity",
    "association",
    "society",
    "network",
    "hub",
    "unit",
    "project",
    "consortium",
    "group",
    "psychiatry",
    "physiotherapy",
    "audiology",
    "forum",
    "studio",
    "travel",
    "neurodevelopmental",
    "tuition",
    "respite",
];

/// Words for a business that end its name but say nothing about which one it is
/// ("Acorn Assessments Ltd", "Estuary Executive Cars"): heads and generic words at once.
const COMPANY_WORDS: &[&str] = &[
    "ltd",
    "limited",
    "llp",
    "plc",
    "cic",
    "consultancy",
    "consultants",
    "consulting",
    "assessments",
    "associates",
    "partners",
    "cars",
    "taxis",
    "cabs",
    "coaches",
    "minibuses",
];

/// Service acronyms that may be followed by the name of their area: "CAMHS Northfield".
const SERVICE_ACRONYMS: &[&str] = &["camhs", "sendiass", "iass", "salt", "cdc"];

/// Words found in names of institutions that say nothing about which one it is.
const GENERIC: &[&str] = &[
    "school",
    "schools",
    "primary",
    "secondary",
    "academy",
    "college",
    "nursery",
    "infant",
    "infants",
    "junior",
    "juniors",
    "high",
    "grammar",
    "prep",
    "special",
    "specialist",
    "community",
    "church",
    "catholic",
    "rc",
    "ce",
    "c",
    "e",
    "of",
    "and",
    "the",
    "free",
    "studio",
    "university",
    "technical",
    "sixth",
    "form",
    "day",
    "pupil",
    "referral",
    "unit",
    "centre",
    "center",
    "hospital",
    "hospitals",
    "trust",
    "nhs",
    "foundation",
    "clinic",
    "practice",
    "surgery",
    "medical",
    "health",
    "healthcare",
    "service",
    "services",
    "team",
    "children",
    "child",
    "childrens",
    "young",
    "people",
    "peoples",
    "carers",
    "carer",
    "family",
    "families",
    "adult",
    "adults",
    "disabled",
    "disability",
    "disabilities",
    "development",
    "neurodevelopmental",
    "neurology",
    "paediatrics",
    "paediatric",
    "outpatient",
    "outpatients",
    "inpatient",
    "pastoral",
    "statutory",
    "sensory",
    "nurture",
    "hub",
    "base",
    "therapy",
    "therapies",
    "psychology",
    "educational",
    "education",
    "mental",
    "wellbeing",
    "assessment",
    "send",
    "sen",
    "inclusion",
    "learning",
    "partnership",
    "council",
    "county",
    "city",
    "borough",
    "district",
    "metropolitan",
    "authority",
    "local",
    "short",
    "break",
    "breaks",
    "respite",
    "attendance",
    "welfare",
    "social",
    "care",
    "early",
    "help",
    "support",
    "advice",
    "mediation",
    "solicitors",
    "law",
    "legal",
    "wheelchair",
    "sleep",
    "creative",
    "camhs",
    "sendiass",
    "iass",
    "st",
    "saint",
    "new",
    "general",
    "royal",
    "national",
    "regional",
    "integrated",
    "specialised",
    "outreach",
    "hub",
    "network",
    "project",
    "group",
    "charity",
    "association",
    "society",
    "department",
    "parent",
    "parents",
    "forum",
    "first",
    "main",
    "north",
    "south",
    "east",
    "west",
    "central",
    "upper",
    "lower",
    "psychiatry",
    "physiotherapy",
    "audiology",
    "occupational",
    "speech",
    "language",
    "emotional",
    "behaviour",
    "autism",
    "adhd",
    "multi",
    "agency",
    "safeguarding",
    "virtual",
    "independent",
    "pru",
    "code",
    "england",
    "british",
    "executive",
    "private",
    "hire",
    "travel",
    "tuition",
];

/// A word in an institution's name that says nothing about which one it is.
fn generic(word: &str) -> bool {
    in_list(GENERIC, word) || in_list(COMPANY_WORDS, word)
}

fn in_list(list: &[&str], word: &str) -> bool {
    let lower = lower(word);
    let plain = lower.trim_end_matches("'s");
    list.contains(&plain)
}

/// A word that may stand inside an institution's name.
fn name_word(token: &Token<'_>) -> bool {
    token.capitalised()
        || in_list(
            &["of", "and", "for", "the", "upon", "on", "in"],
            &token.lower,
        )
}

/// Words that never begin a name even when capitalised: the start of a sentence.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "at",
    "to",
    "from",
    "in",
    "on",
    "by",
    "for",
    "with",
    "and",
    "or",
    "but",
    "if",
    "so",
    "as",
    "of",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "we",
    "i",
    "you",
    "he",
    "she",
    "they",
    "it",
    "now",
    "then",
    "when",
    "where",
    "after",
    "before",
    "since",
    "until",
    "while",
    "also",
    "still",
    "even",
    "just",
    "only",
    "today",
    "yesterday",
    "tomorrow",
    "because",
    "why",
    "how",
    "what",
    "who",
    "which",
    "dear",
    "hi",
    "hello",
    "thanks",
    "re",
    "fw",
    "fwd",
    "went",
    "goes",
    "go",
    "rang",
    "called",
    "emailed",
    "phoned",
    "contacted",
    "asked",
    "told",
    "said",
    "says",
    "visited",
    "attends",
    "attended",
    "left",
    "joined",
    "moved",
    "names",
    "named",
    "want",
    "wants",
    "wanted",
    "chose",
    "like",
    "love",
    "hate",
    "both",
    "not",
    "no",
    "yes",
    "all",
    "any",
    "some",
    "every",
    "each",
    "did",
    "does",
    "do",
    "has",
    "have",
    "had",
];

fn function_word(word: &str) -> bool {
    in_list(FUNCTION_WORDS, word)
}

fn acronym(token: &Token<'_>) -> bool {
    token.all_caps()
        && !in_list(
            &[
                "nhs", "ce", "rc", "send", "sen", "camhs", "sendiass", "iass", "pru", "cdc",
                "salt", "adhd", "asc",
            ],
            token.word,
        )
}

/// Schools and organisations, and the short forms their names give.
pub fn institutions(tokens: &[Token<'_>], out: &mut Vec<Candidate>) -> Vec<(Vec<String>, Kind)> {
    let mut aliases: Vec<(Vec<String>, Kind)> = lowercase_schools(tokens, out);
    let mut i = 0;
    while i < tokens.len() {
        // A run of words that may form a name, joined by spaces or " & ".
        if !tokens[i].capitalised() {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < tokens.len() {
            let t = &tokens[end];
            let joined = t.joined_by_space() || t.gap.trim() == "&";
            if !joined || t.sentence_start || !name_word(t) || t.has_digit() {
                break;
            }
            // "… Vale Academy and Oakfield Hollow School": two names joined by "and";
            // but "Oakwood Vale Nursery and Infant School" is one.
            let joins_two = (t.lower == "and" || t.gap.trim() == "&")
                && (in_list(SCHOOL_HEADS, &tokens[end - 1].lower)
                    || in_list(&["council", "trust", "hospital"], &tokens[end - 1].lower))
                && tokens
                    .get(end + usize::from(t.lower == "and"))
                    .is_some_and(|n| n.capitalised() && !generic(&n.lower));
            if joins_two {
                break;
            }
            end += 1;
        }
        // A run may not end in a connecting word.
        while end > i + 1 && !tokens[end - 1].capitalised() {
            end -= 1;
        }
        if let Some(found) = institution_in(&tokens[i..end]) {
            aliases.extend(found.alias.map(|a| (a, found.candidate.kind)));
            out.push(found.candidate);
        }
        i = end;
    }
    aliases
}

/// What comes just before a school named by its short name: "named Brackenwood", "a
/// place at Poppyfields", "got into Hempstead Rise", "consult Foxglove Lodge",
/// "transport to Kennet Meadow".
const SCHOOL_CUES: &[&[&str]] = &[
    &["named"],
    &["place", "at"],
    &["places", "at"],
    &["got", "into"],
    &["get", "into"],
    &["getting", "into"],
    &["consult"],
    &["consulted"],
    &["consulting"],
    &["consultation", "for"],
    &["consultations", "for"],
    &["consultation", "with"],
    &["transport", "to"],
    &["register", "at"],
    &["attends"],
    &["excluded", "from"],
    &["nobody", "at"],
    &["start", "at"],
    &["starts", "at"],
    &["started", "at"],
    &["senco", "at"],
    &["head", "at"],
    &["teacher", "at"],
    &["week", "at"],
    &["term", "at"],
    &["exclusion", "from"],
    &["names"],
];

/// A school named by its own words alone after a cue: one to three capitalised words,
/// none a town, a first name, a month or an acronym.
pub fn cued_schools(tokens: &[Token<'_>], out: &mut Vec<Candidate>) -> Vec<(Vec<String>, Kind)> {
    let mut aliases = Vec::new();
    for i in 1..tokens.len() {
        let cued = SCHOOL_CUES.iter().any(|cue| {
            i >= cue.len()
                && tokens[i - cue.len()..i]
                    .iter()
                    .zip(cue.iter())
                    .enumerate()
                    .all(|(n, (t, w))| t.lower == *w && (n == 0 || t.joined_by_space()))
        });
        let t = &tokens[i];
        if !cued || !t.joined_by_space() || !t.capitalised() || t.all_caps() {
            continue;
        }
        let mut end = i + 1;
        while end < i + 3
            && tokens.get(end).is_some_and(|n| {
                n.joined_by_space() && n.capitalised() && !n.all_caps() && !n.has_digit()
            })
        {
            end += 1;
        }
        let words = &tokens[i..end];
        // A head word makes it a named institution, found by `institutions`.
        let headed = words.iter().any(|w| {
            in_list(SCHOOL_HEADS, &w.lower)
                || in_list(ORG_HEADS, &w.lower)
                || in_list(COMPANY_WORDS, &w.lower)
        });
        let plain = words.iter().all(|w| {
            w.alphabetic()
                && GAZETTEER.towns(&w.lower).is_empty()
                && !GAZETTEER.place(&w.lower)
                && !GAZETTEER.calendar(&w.lower)
                && !GAZETTEER.not_name(&w.lower)
                && !function_word(&w.lower)
        });
        let one_word_ok = end > i + 1
            || !GAZETTEER.ordinary_word(&t.lower) && GAZETTEER.first_name(&t.lower).is_none();
        if headed || !plain || !one_word_ok {
            continue;
        }
        out.push(Candidate::new(
            Kind::School,
            t.start,
            words[words.len() - 1].end,
            0.6,
        ));
        aliases.push((
            words.iter().map(|w| w.lower.clone().into_owned()).collect(),
            Kind::School,
        ));
    }
    aliases
}

/// Schools typed in lower case: "foredyke green primary", "ashby fields academy". The
/// first word must be no English word, so that "the local primary" or "a special school"
/// stay unnamed.
fn lowercase_schools(tokens: &[Token<'_>], out: &mut Vec<Candidate>) -> Vec<(Vec<String>, Kind)> {
    let mut aliases = Vec::new();
    for (head, t) in tokens.iter().enumerate() {
        if !t.lowercase()
            || !in_list(
                &[
                    "primary", "academy", "school", "juniors", "infants", "nursery",
                ],
                &t.lower,
            )
        {
            continue;
        }
        // Up to two words before the head, joined by spaces.
        let mut start = head;
        while start > 0
            && head - start < 2
            && tokens[start].joined_by_space()
            && tokens[start - 1].lowercase()
            && !function_word(&tokens[start - 1].lower)
            && !in_list(
                &["plus", "then", "or", "and", "nor"],
                &tokens[start - 1].lower,
            )
            && !generic(&tokens[start - 1].lower)
            && !tokens[start - 1].has_digit()
            && !tokens[start - 1].word.contains(['\'', '\u{2019}'])
        {
            start -= 1;
        }
        // The name starts at its first word that is no English word.
        while start < head && GAZETTEER.ordinary_word(&tokens[start].lower) {
            start += 1;
        }
        if start == head
            || GAZETTEER.first_name(&tokens[start].lower).is_some()
            || tokens[start].word.chars().count() < 4
        {
            continue;
        }
        out.push(Candidate::new(
            Kind::School,
            tokens[start].start,
            t.end,
            0.6,
        ));
        aliases.push((vec![tokens[start].lower.clone().into_owned()], Kind::School));
    }
    aliases
}

struct Institution {
    candidate: Candidate,
    alias: Option<Vec<String>>,
}

fn institution_in(run: &[Token<'_>]) -> Option<Institution> {
    // Leave out the sentence's first words, function words and acronyms such as "EHCP".
    let mut first = 0;
    while first < run.len() {
        let t = &run[first];
        // "Reading the SEND Code…", "Weeks on the CAMHS list": a sentence's first word
        // that is an ordinary word, with a small word after it, starts no name.
        let opens_sentence = t.sentence_start
            && GAZETTEER.ordinary_word(&t.lower)
            && run.get(first + 1).is_some_and(|n| !n.capitalised());
        let skip = function_word(&t.lower)
            && (t.sentence_start || !t.capitalised() || !in_list(&["the", "our"], &t.lower))
            || acronym(t)
            || !t.capitalised()
            || opens_sentence;
        if !skip {
            break;
        }
        first += 1;
    }
    let run = &run[first..];
    // "Ysgol Cwm Glas": a Welsh school names itself first.
    if run.len() >= 2 && run[0].lower == "ysgol" {
        let last = &run[run.len() - 1];
        return Some(Institution {
            candidate: Candidate::new(Kind::School, run[0].start, last.end, 0.9),
            alias: Some(
                run[1..]
                    .iter()
                    .map(|t| t.lower.clone().into_owned())
                    .collect(),
            ),
        });
    }
    // "CAMHS Northfield": a service and the area it covers.
    if let Some(service) = run.iter().position(|t| in_list(SERVICE_ACRONYMS, &t.lower)) {
        let area_words = run[service + 1..]
            .iter()
            .take_while(|t| {
                t.capitalised() && !generic(&t.lower) && !function_word(&t.lower) && !acronym(t)
            })
            .count();
        if area_words > 0 {
            let last = &run[service + area_words];
            let start = run[service].start;
            return Some(Institution {
                candidate: Candidate::new(Kind::Org, start, last.end, 0.85),
                alias: None,
            });
        }
    }
    let head = run.iter().rposition(|t| {
        in_list(SCHOOL_HEADS, &t.lower)
            || in_list(ORG_HEADS, &t.lower)
            || in_list(COMPANY_WORDS, &t.lower)
    })?;
    let run = &run[..=head];
    let distinctive = run.iter().position(|t| {
        t.capitalised() && !generic(&t.lower) && !acronym(t) && !GAZETTEER.not_name(&t.lower)
    })?;
    let head_token = &run[head];
    // "Director of Children's Services" is a job; "Being The Parent Of A Child Who Can't
    // Go To School" is a heading in title case.
    let role = in_list(
        &[
            "director",
            "head",
            "manager",
            "officer",
            "lead",
            "chair",
            "member",
            "assistant",
            "deputy",
            "coordinator",
            "co-ordinator",
            "portfolio",
            "cabinet",
            "executive",
            "councillor",
            "minister",
            "secretary",
            "shadow",
        ],
        &run[usize::from(run.len() > 1 && in_list(&["the", "our"], &run[0].lower))].lower,
    );
    // "School for Children of Compulsory School Age": a name that starts with the kind
    // of place it is needs a word of its own after it ("College of West Anglia").
    let headless = in_list(SCHOOL_HEADS, &run[0].lower)
        && run[1..]
            .iter()
            .filter(|t| t.capitalised() && !generic(&t.lower))
            .all(|t| GAZETTEER.ordinary_word(&t.lower));
    let title_case = run[1..].iter().any(|t| {
        t.capitalised()
            && in_list(
                &["of", "a", "to", "the", "who", "is", "and", "for"],
                &t.lower,
            )
    }) && run.len() >= 4;
    // "Equipment Service", "Steering Group": one ordinary word before a word for a
    // function names no particular body.
    let generic_function = run.len() == 2
        && in_list(
            &[
                "service",
                "services",
                "team",
                "group",
                "unit",
                "department",
                "panel",
            ],
            &head_token.lower,
        )
        && GAZETTEER.ordinary_word(&run[0].lower);
    if role || title_case || generic_function || headless {
        return None;
    }
    // "Pennine Ridge Academy Trust": an academy trust is a body, not a school.
    let body = in_list(&["trust", "foundation", "partnership"], &head_token.lower);
    let school = !body && in_list(SCHOOL_HEADS, &head_token.lower)
        || (in_list(&["unit"], &head_token.lower)
            && run
                .iter()
                .any(|t| in_list(&["referral", "pupil"], &t.lower)))
        || run
            .iter()
            .any(|t| in_list(&["school", "academy", "college", "nursery"], &t.lower));
    let school = school && !body;
    let kind = if school { Kind::School } else { Kind::Org };
    // "High" alone is a school only after a distinctive word right before it.
    if in_list(
        &["high", "junior", "infant", "prep", "grammar"],
        head_token.word,
    ) && run.len() < 2
    {
        return None;
    }
    let start = run[0].start;
    // A possessive after the last word stays out: "Greenway's".
    let end = head_token.end;
    // The distinctive words at the start are how people refer to it for short.
    let alias: Vec<String> = run[distinctive..]
        .iter()
        .take_while(|t| !generic(&t.lower) || in_list(&["st", "saint"], &t.lower))
        .map(|t| t.lower.clone().into_owned())
        .collect();
    // A town's own name is no short form of its school ("Sale Grammar"), but a district
    // a school is named after is ("Brookfield" for Brookfield Primary).
    let alias_ok = !alias.is_empty()
        && !(alias.len() == 1
            && (GAZETTEER.place(&alias[0])
                || GAZETTEER
                    .towns(&alias[0])
                    .iter()
                    .any(|t| t.population >= 12_000)
                || GAZETTEER.first_name(&alias[0]).is_some()));
    let confidence = if run.len() >= 2 { 0.9 } else { 0.6 };
    Some(Institution {
        candidate: Candidate::new(kind, start, end, confidence),
        alias: alias_ok.then_some(alias),
    })
}

/// Later mentions of an institution by its short form: "Greenway" after "Greenway
/// Special School".
pub fn short_forms(
    tokens: &[Token<'_>],
    aliases: &[(Vec<String>, Kind)],
    out: &mut Vec<Candidate>,
) {
    // Each distinct short form once, found by its first word.
    let mut by_first: HashMap<&str, Vec<(&[String], Kind)>> = HashMap::new();
    for (alias, kind) in aliases {
        if let Some(first) = alias.first() {
            let entry = by_first.entry(first.as_str()).or_default();
            if !entry.iter().any(|(a, _)| *a == alias.as_slice()) {
                entry.push((alias.as_slice(), *kind));
            }
        }
    }
    if by_first.is_empty() {
        return;
    }
    for i in 0..tokens.len() {
        let Some(candidates) = by_first.get(tokens[i].lower.as_ref()) else {
            continue;
        };
        for (alias, kind) in candidates {
            let Some(words) = tokens.get(i..i + alias.len()) else {
                continue;
            };
            let matches = words
                .iter()
                .zip(alias.iter())
                .enumerate()
                .all(|(n, (t, a))| t.lower == a.as_str() && (n == 0 || t.joined_by_space()));
            let last = &words[words.len() - 1];
            // An alias that is an ordinary word counts only when capitalised, and not at
            // a sentence's start ("Tell your GP", after a heading "Tell The School").
            let ordinary = alias.len() == 1 && GAZETTEER.ordinary_word(&alias[0]);
            if matches && (!ordinary || words[0].capitalised() && !words[0].sentence_start) {
                out.push(Candidate::new(*kind, words[0].start, last.end, 0.75));
            }
        }
    }
}

/// "St Mary's", "St Anne's": in a story about a child, nearly always a school.
pub fn saints(tokens: &[Token<'_>], out: &mut Vec<Candidate>) {
    for pair in tokens.windows(2) {
        let (st, name) = (&pair[0], &pair[1]);
        if matches!(st.word, "St" | "Saint")
            && name.capitalised()
            && name.possessive
            && name.joined_by_space()
            && !name_continues(tokens, name)
        {
            out.push(Candidate::new(Kind::School, st.start, name.full_end, 0.55));
        }
    }
}

/// The word after `token` carries its name on ("St Oswald's University Hospital").
fn name_continues(tokens: &[Token<'_>], token: &Token<'_>) -> bool {
    let at = tokens.partition_point(|t| t.start <= token.start);
    tokens
        .get(at)
        .is_some_and(|n| n.joined_by_space() && n.capitalised())
}

#[expect(
    clippy::expect_used,
    reason = "a constant pattern, compiled by every test run"
)]
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    const CAP: &str = r"[A-Z][a-z'\u2019-]+";
    const STREET: &str = r"(?:Road|Rd|Street|St|Close|Lane|Avenue|Ave|Way|Drive|Court|Crescent|Terrace|Place|Gardens|Grove|Walk|Square|Hill|Row|Mews|View|Rise|Green|Parade|Vale|Croft|Fold|Gate|Wynd|Brow|Bank|Meadows?|Chase|Dale|Heights|Approach|Boulevard|Circus|Crest|Garth|Glade|Hollow|Lea|Leys|Nook|Orchard|Wharf|Yard|Park)";
    let flat = r"(?:(?:Flat|Apartment|Apt|Unit|Room)\.?[ ]?[0-9]+[A-Za-z]?,?[ ])";
    let building = format!(
        r"(?:(?:{CAP}[ ]){{1,3}}(?:House|Court|Lodge|Mill|Mills|Building|Buildings|Apartments|Mansions|Tower|Point|Hall|Cottages?|Works),?[ ])"
    );
    let number = r"[0-9]{1,4}[A-Za-z]?,?[ ]";
    let street = format!(
        r"(?:{CAP}[ ]){{1,3}}{STREET}(?-u:\b)(?:[ ](?:Business[ ]Park|Industrial[ ]Estate|Trading[ ]Estate|Retail[ ]Park))?"
    );
    let source = format!(
        r"(?-u:\b)(?:{flat}?{building}?{number}{street}|{flat}{building}?(?:{number})?{street}|{flat}{building})"
    );
    Regex::new(&source).expect("address pattern compiles")
});

pub fn addresses(text: &str, out: &mut Vec<Candidate>) {
    for m in ADDRESS.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '.' || c == '£') {
            continue;
        }
        let end = m.start() + m.as_str().trim_end_matches([',', ' ']).len();
        out.push(Candidate::new(Kind::Address, m.start(), end, 0.85));
    }
}
