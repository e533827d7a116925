//! Places: towns, villages, districts, estates and counties in the United Kingdom, from
//! the gazetteer in `server/data/screening/places.txt`, and the local bodies and services
//! named by them ("Bury council", "hull sendiass", "Weston General").
//!
//! A place whose name is also an ordinary word, a month or a person's name ("Reading",
//! "March", "Shirley") counts only where the words around it say it is a place: "we live
//! in", "near", "just outside", "the … estate", "… side", or a list with another place.
//! Any other place counts in any case ("kidderminster"), apart from a small village whose
//! name is written in lower case.
//!
//! A local authority's own name is flagged like any other place. Screening sees only the
//! text, not the area a story is filed under, and a town names a family's home more
//! closely than the area does; the author decides, and a confidence below one half tells
//! the Check page to say we are not sure.

use super::{
    Kind,
    gazetteer::{GAZETTEER, NameLevel, Town},
    text::{Candidate, Token},
};

/// Words before a place that say it is one: "in Sale", "near Ludlow".
const BEFORE: &[&str] = &[
    "in", "near", "nr", "outside", "around", "round", "from", "to", "at", "towards", "into", "via",
    "of", "between",
];

/// Words that, two words back, make "in X" say where someone lives: "we're in March".
const DWELLING: &[&str] = &[
    "live", "lives", "living", "lived", "based", "moved", "move", "moving", "we're", "were", "we",
    "are", "i'm", "im", "am", "up", "born", "stay", "staying", "kids", "families", "family",
    "parents", "parent", "anyone", "just", "school", "schools", "clinic",
];

/// People who live somewhere, two words before "in X": "my pal in barry".
const KIN: &[&str] = &[
    "sister",
    "sister's",
    "sisters",
    "brother",
    "brother's",
    "brothers",
    "friend",
    "friend's",
    "friends",
    "pal",
    "mate",
    "mates",
    "cousin",
    "cousins",
    "nan",
    "nana",
    "nanna",
    "grandma",
    "grandad",
    "gran",
    "mum's",
    "dad's",
    "mam",
    "aunt",
    "auntie",
    "aunty",
    "uncle",
    "neighbour",
    "else",
    "over",
    "ex",
    "in-laws",
    "son",
    "daughter",
];

/// Lowercase nouns after a place that say which one is meant: "the Skipton clinic",
/// "seacroft side".
const AFTER: &[&str] = &[
    "estate", "estates", "area", "side", "end", "way", "town", "village", "proper", "one",
    "branch", "clinic", "team", "group", "office", "library", "centre", "station", "area's",
    "hospital", "locality", "patch", "region", "district", "borough", "parents", "mums", "dads",
    "families", "folk",
];

/// Words after a person's name-shaped place that say a person is meant after "from":
/// "a letter from Shirley".
const MESSAGES: &[&str] = &[
    "letter", "email", "e-mail", "call", "message", "text", "reply", "note", "response", "visit",
    "phone", "report", "referral", "words", "hear", "heard", "word", "support", "help",
];

/// A service or body after a place, which together name a local organisation:
/// "Bury council", "Stockport EPS", "Trafford Parent Carer Forum".
const SERVICES: &[&[&str]] = &[
    &["metropolitan", "borough", "council"],
    &["city", "council"],
    &["county", "council"],
    &["borough", "council"],
    &["district", "council"],
    &["council"],
    &["cc"],
    &["ft"],
    &["nhs", "ft"],
    &["mbc"],
    &["bc"],
    &["dc"],
    &["camhs"],
    &["cypmhs"],
    &["sendiass"],
    &["sendias"],
    &["iass"],
    &["send", "iass"],
    &["eps"],
    &["send", "team"],
    &["sen", "team"],
    &["send", "service"],
    &["sen", "service"],
    &["send", "services"],
    &["parent", "carer", "forum"],
    &["parent", "carers", "forum"],
    &["pcf"],
    &["general", "hospital"],
    &["general"],
    &["royal", "infirmary"],
    &["royal"],
    &["infirmary"],
    &["hospital"],
    &["hospitals"],
    &["children", "hospital"],
    &["children"],
    &["university"],
    &["nhs", "foundation", "trust"],
    &["nhs", "trust"],
    &["social", "services"],
    &["social", "care"],
    &["children", "services"],
    &["early", "help"],
    &["family", "hub"],
    &["local", "offer"],
    &["send", "transport"],
];

/// Verbs after a local authority's bare name that say the council is acting:
/// "Trafford are notorious", "if Calderdale ever fund it".
const ACTING: &[&str] = &[
    "are",
    "were",
    "have",
    "has",
    "refused",
    "refuse",
    "refuses",
    "won't",
    "wont",
    "will",
    "would",
    "wouldn't",
    "wouldnt",
    "don't",
    "dont",
    "didn't",
    "didnt",
    "said",
    "say",
    "says",
    "agreed",
    "decided",
    "ever",
    "never",
    "insisted",
    "insist",
    "sent",
    "issued",
    "finally",
    "rejected",
    "declined",
    "apparently",
    "cut",
    "keep",
    "want",
    "wanted",
    "took",
    "take",
    "takes",
    "named",
    "offered",
    "funded",
    "fund",
    "funds",
    "paid",
    "pay",
    "lost",
    "did",
    "does",
    "do",
    "gave",
    "give",
    "gives",
    "reported",
    "report",
    "accepted",
    "accept",
    "accepts",
    "seemed",
    "seem",
    "seems",
    "tried",
    "try",
    "tries",
    "can't",
    "cant",
    "still",
    "actually",
    "just",
    "only",
    "then",
    "run",
    "runs",
    "ran",
    "couldn't",
    "can",
    "could",
    "should",
];

/// Service acronyms that may come before the place they serve: "SENDIASS Reading".
const SERVICES_BEFORE: &[&str] = &["camhs", "sendiass", "sendias", "iass", "eps", "pcf"];

fn is(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// How sure a place name alone is: a name that is also a word or a person needs the
/// context to say it is a place.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sense {
    /// Only ever a place: "Altrincham", "Cornwall".
    Place,
    /// Also a person's name: "Shirley", "Preston".
    Person,
    /// Also an ordinary word: "Reading", "Bath", "Sale".
    Word,
    /// Also a month or weekday: "March".
    Calendar,
}

struct Match<'g> {
    from: usize,
    /// Exclusive.
    to: usize,
    town: &'g Town,
}

/// The longest place starting at token `i`.
fn place_at<'g>(tokens: &[Token<'_>], i: usize) -> Option<Match<'g>> {
    let first = &tokens[i];
    'towns: for town in GAZETTEER.towns(first.lower.as_ref()) {
        let Some(window) = tokens.get(i..i + town.words.len()) else {
            continue;
        };
        for (n, (t, w)) in window.iter().zip(&town.words).enumerate() {
            let joined = n == 0 || t.joined_by_space() || t.gap == ". ";
            // The last word may carry a possessive; others may not.
            let possessive_ok = !t.possessive || n + 1 == window.len();
            if !joined || !possessive_ok || t.lower != w.as_str() {
                continue 'towns;
            }
        }
        return Some(Match {
            from: i,
            to: i + town.words.len(),
            town,
        });
    }
    None
}

fn sense(tokens: &[Token<'_>], m: &Match<'_>) -> Sense {
    if m.to - m.from > 1 {
        return Sense::Place;
    }
    let word = tokens[m.from].lower.as_ref();
    if GAZETTEER.calendar(word) {
        Sense::Calendar
    } else if GAZETTEER.ordinary_word(word) || GAZETTEER.not_name(word) {
        Sense::Word
    } else if GAZETTEER.first_name(word).is_some() || GAZETTEER.surname(word) {
        Sense::Person
    } else {
        Sense::Place
    }
}

/// Finds places and the local organisations named by them.
pub fn find(tokens: &[Token<'_>], out: &mut Vec<Candidate>) {
    let mut places: Vec<(usize, usize, Sense, bool)> = Vec::new(); // from, to, sense, accepted
    let mut i = 0;
    while i < tokens.len() {
        let Some(m) =
            place_at(tokens, i).filter(|m| !shouted_word(tokens, m) && !titled(tokens, m))
        else {
            if let Some((to, sure)) = unlisted_place(tokens, i) {
                places.push((i, to, Sense::Person, sure));
                i = to;
            } else {
                i += 1;
            }
            continue;
        };
        // "reading council", "Bury council": a town that is also a word names a council
        // only when capitalised or big enough to be known in lower case.
        // "staffs cc": nobody writes a council's initials after an ordinary word.
        let initials_after = tokens.get(m.to).is_some_and(|n| {
            n.joined_by_space() && is(&["cc", "mbc", "cbc", "bc", "dc"], n.lower.as_ref())
        });
        let word_place = m.to - m.from == 1
            && GAZETTEER.ordinary_word(&tokens[m.from].lower)
            && !tokens[m.from].capitalised()
            && m.town.population < 50_000
            && !initials_after;
        if let Some(end) = service_after(tokens, m.to).filter(|_| !word_place) {
            let start = service_before(tokens, m.from).unwrap_or(m.from);
            out.push(Candidate::new(
                Kind::Org,
                tokens[start].start,
                tokens[end - 1].end,
                0.8,
            ));
            i = end;
            continue;
        }
        if let Some(start) = service_before(tokens, m.from) {
            out.push(Candidate::new(
                Kind::Org,
                tokens[start].start,
                tokens[m.to - 1].end,
                0.8,
            ));
            i = m.to;
            continue;
        }
        if let Some((start, end)) = named_by_place(tokens, &m) {
            out.push(Candidate::new(
                Kind::Org,
                tokens[start].start,
                tokens[end - 1].end,
                0.7,
            ));
            i = end.max(m.to);
            continue;
        }
        let sense = sense(tokens, &m);
        if acting(tokens, &m) {
            out.push(Candidate::new(
                Kind::Org,
                tokens[m.from].start,
                tokens[m.to - 1].end,
                0.6,
            ));
            i = m.to;
            continue;
        }
        let accepted = accept(tokens, &m, sense);
        places.push((m.from, m.to, sense, accepted));
        i = m.to;
    }
    // A place in a list with another place is one too: "around Leigh and Atherton",
    // "March vs Wisbech".
    for n in 0..places.len() {
        let (from, to, sense, accepted) = places[n];
        if accepted || !tokens[from].capitalised() || tokens[from].sentence_start && n == 0 {
            continue;
        }
        let neighbour = |other: Option<&(usize, usize, Sense, bool)>, linked: bool| {
            other.is_some_and(|o| o.3 && linked)
        };
        let before = n
            .checked_sub(1)
            .map(|p| &places[p])
            .filter(|p| listed(tokens, p.1, from));
        let after = places.get(n + 1).filter(|p| listed(tokens, to, p.0));
        if (neighbour(before, true) || neighbour(after, true)) && sense != Sense::Calendar
            || sense == Sense::Calendar && (before.is_some() || after.is_some())
        {
            places[n].3 = true;
        }
    }
    for (from, to, sense, accepted) in places {
        if accepted {
            let confidence = match sense {
                Sense::Place => 0.8,
                _ => 0.6,
            };
            out.push(Candidate::new(
                Kind::Place,
                tokens[from].start,
                tokens[to - 1].end,
                confidence,
            ));
        }
    }
    unknown_places(tokens, out);
    address_blocks(tokens, out);
    introductions(tokens, out);
}

/// "Kingstanding dad here", "Hall Green here!": a forum reply that starts by saying
/// where its writer lives.
fn introductions(tokens: &[Token<'_>], out: &mut Vec<Candidate>) {
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let starts_line = i == 0 || t.gap.contains('\n');
        if !starts_line || !t.capitalised() || t.all_caps() {
            continue;
        }
        let mut end = i + 1;
        if tokens
            .get(end)
            .is_some_and(|n| n.joined_by_space() && n.capitalised() && !n.all_caps())
        {
            end += 1;
        }
        let mut k = end;
        if tokens.get(k).is_some_and(|n| {
            n.joined_by_space()
                && is(
                    &["mum", "dad", "mam", "parent", "family", "girl", "lad"],
                    n.lower.as_ref(),
                )
        }) {
            k += 1;
        }
        let here = tokens
            .get(k)
            .is_some_and(|n| n.joined_by_space() && n.lower == "here");
        let person = GAZETTEER.first_name(&t.lower).is_some() && end == i + 1
            || tokens[i..end]
                .iter()
                .all(|w| GAZETTEER.ordinary_word(&w.lower));
        if here && !person {
            out.push(Candidate::new(
                Kind::Place,
                t.start,
                tokens[end - 1].end,
                0.6,
            ));
        }
    }
}

/// Places in a postal address: the chunks between a street address and a postcode
/// ("7 Brookfield Crescent, Harold Hill, Romford, RM3 9XT"), and a line holding only a
/// known place next to an address or postcode line ("Erdington" above "B23 6QT").
fn address_blocks(tokens: &[Token<'_>], out: &mut Vec<Candidate>) {
    let anchors: Vec<(usize, usize)> = out
        .iter()
        .filter(|c| matches!(c.kind, Kind::Address | Kind::Postcode))
        .map(|c| (c.start, c.end))
        .collect();
    if anchors.is_empty() {
        return;
    }
    let near_anchor = |start: usize, end: usize| {
        anchors
            .iter()
            .any(|&(s, e)| s.abs_diff(end) < 80 || start.abs_diff(e) < 80)
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // A chunk starts after a comma or a line break and ends before one.
        let chunk_start = t.gap.contains(',') || t.gap.contains('\n');
        if !chunk_start || !t.capitalised() || t.all_caps() || t.has_digit() {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < tokens.len()
            && end < i + 3
            && tokens[end].joined_by_space()
            && tokens[end].capitalised()
        {
            end += 1;
        }
        let closed = tokens
            .get(end)
            .is_none_or(|n| n.gap.contains(',') || n.gap.contains('\n'));
        let inside = anchors.iter().any(|&(s, e)| s <= t.start && t.end <= e);
        if closed && !inside && near_anchor(t.start, tokens[end - 1].end) {
            let known = place_at(tokens, i).is_some_and(|m| m.to == end);
            let after_street = i
                .checked_sub(1)
                .is_some_and(|p| anchors.iter().any(|&(_, e)| e == tokens[p].end));
            if known || after_street && !GAZETTEER.ordinary_word(&t.lower) {
                found.push(Candidate::new(
                    Kind::Place,
                    t.start,
                    tokens[end - 1].end,
                    0.7,
                ));
            }
        }
        i = end;
    }
    out.extend(found);
}

/// "SEND", "HOPE": a word in capitals that is also an ordinary word is an acronym or
/// shouting, not the village of Send.
fn shouted_word(tokens: &[Token<'_>], m: &Match<'_>) -> bool {
    let first = &tokens[m.from];
    first.all_caps() && (GAZETTEER.ordinary_word(&first.lower) || first.word.len() <= 3)
}

/// After a title or an initial, a place's name is a person's: "Mr D. Haworth".
fn titled(tokens: &[Token<'_>], m: &Match<'_>) -> bool {
    let Some(prev) = m.from.checked_sub(1).map(|p| &tokens[p]) else {
        return false;
    };
    let first = &tokens[m.from];
    let initial = prev.word.chars().count() == 1 && prev.capitalised()
        // "Michelle Dorrington", "Dr Ruth Anstey": a surname that is also a village.
        || prev.capitalised()
            && !prev.all_caps()
            && GAZETTEER.first_name(&prev.lower).is_some()
            && (!GAZETTEER.ordinary_word(&prev.lower)
                || GAZETTEER.first_name(&prev.lower) == Some(NameLevel::Common))
        || prev.capitalised()
            && prev.sentence_start
            && GAZETTEER.first_name(&prev.lower) == Some(NameLevel::Common);
    let title = is(
        &[
            "mr", "mrs", "ms", "miss", "mx", "dr", "dear", "cllr", "sir", "dame", "lord", "lady",
        ],
        prev.lower.as_ref(),
    );
    (title || initial) && (first.joined_by_space() || first.gap == ". ")
}

/// Topographic words that end a district's name: "Tile Hill", "Mile End", "Kings Heath".
const TOPOGRAPHIC: &[&str] = &[
    "hill", "end", "heath", "green", "park", "cross", "bridge", "common", "moor", "vale", "wood",
    "field", "fields", "bank", "gate", "grange", "valley", "town", "row", "dale",
];

/// A place missing from the gazetteer, after "in", "near" or "from": one word that is no
/// word, name or acronym we know ("near Alvaston"), or a capitalised word and a
/// topographic one ("in Tile Hill"). Sure after "near", before "library" or "estate", or
/// with a topographic word; otherwise only when it stands in a list with a known place
/// ("from Shoeburyness to Leigh-on-Sea"). Returns the end and whether it is sure.
fn unlisted_place(tokens: &[Token<'_>], i: usize) -> Option<(usize, bool)> {
    let t = &tokens[i];
    let prev = i.checked_sub(1).map(|p| &tokens[p])?;
    if !t.capitalised()
        || t.all_caps()
        || t.has_digit()
        || t.sentence_start
        || !t.joined_by_space()
        || !is(
            &["in", "near", "nr", "outside", "from", "around", "past"],
            prev.lower.as_ref(),
        )
    {
        return None;
    }
    let next = tokens
        .get(i + 1)
        .filter(|n| n.joined_by_space() && !n.sentence_start);
    // "near Leigh Park", "in Leigh Park estate": a first name before a topographic word
    // is a place's only where nothing else could be meant.
    let noun_at = |j: usize| {
        tokens
            .get(j)
            .is_some_and(|n| n.joined_by_space() && n.lowercase() && is(AFTER, n.lower.as_ref()))
    };
    let to = if next.is_some_and(|n| n.capitalised() && is(TOPOGRAPHIC, n.lower.as_ref()))
        && (GAZETTEER.first_name(&t.lower).is_none()
            || is(&["near", "nr", "outside"], prev.lower.as_ref())
            || noun_at(i + 2))
    {
        i + 2
    } else if unknown_word(&t.lower) && !next.is_some_and(|n| n.capitalised()) {
        i + 1
    } else {
        return None;
    };
    let sure = is(&["near", "nr", "outside"], prev.lower.as_ref()) || noun_at(to) || to == i + 2;
    Some((to, sure))
}

/// A word of four letters or more that is no word, name, acronym or day we know: a
/// place the gazetteer lacks, where the words around it say it is one.
fn unknown_word(word: &str) -> bool {
    !word.contains(['\'', '\u{2019}'])
        && !GAZETTEER.ordinary_word(word)
        && GAZETTEER.first_name(word).is_none()
        && !GAZETTEER.not_name(word)
        && !GAZETTEER.calendar(word)
        && word.chars().count() >= 4
}

/// Tokens `a..b` lie between two places in a list: "X and Y", "X, Y", "X vs Y", "X or Y".
fn listed(tokens: &[Token<'_>], a: usize, b: usize) -> bool {
    match b.checked_sub(a) {
        Some(0) => tokens[b].gap.trim() == "," || tokens[b].gap.trim() == "/",
        Some(1) => {
            tokens[b].joined_by_space()
                && is(
                    &["and", "or", "vs", "v", "to", "nor"],
                    tokens[a].lower.as_ref(),
                )
        }
        _ => false,
    }
}

/// Is the place at `m` one, given its sense and the words around it?
fn accept(tokens: &[Token<'_>], m: &Match<'_>, sense: Sense) -> bool {
    let first = &tokens[m.from];
    let capitalised =
        first.capitalised() && !first.all_caps() || first.all_caps() && sense == Sense::Place;
    let prev = m.from.checked_sub(1).map(|p| &tokens[p]);
    let prev2 = m.from.checked_sub(2).map(|p| &tokens[p]);
    let last_possessive =
        tokens[m.to - 1].possessive && prev.is_some_and(|p| is(BEFORE, p.lower.as_ref()));
    let next = tokens.get(m.to).filter(|n| n.joined_by_space());
    let after_noun = next.is_some_and(|n| n.lowercase() && is(AFTER, n.lower.as_ref()));
    let preposition = prev.is_some_and(|p| {
        is(BEFORE, p.lower.as_ref()) && (first.joined_by_space() || first.gap.trim() == "(")
    });
    // "X, Cambridgeshire", "X pr1 6jh": a place followed by a county or a postcode.
    let then_county = tokens.get(m.to).is_some_and(|n| {
        n.gap.trim() == "," && place_at(tokens, m.to).is_some_and(|c| c.town.population == 0)
    });
    // "Preston pr1 6jh": a postcode's outward part after it.
    let then_postcode = tokens
        .get(m.to)
        .filter(|n| n.joined_by_space() || n.gap == ", ")
        .is_some_and(|n| {
            let letters = n.word.chars().take_while(char::is_ascii_alphabetic).count();
            (1..=2).contains(&letters)
                && n.word.len() <= 4
                && n.word[letters..].chars().all(|c| c.is_ascii_alphanumeric())
                && n.has_digit()
        });
    let dwelling = prev.is_some_and(|p| is(&["in", "near", "outside", "nr"], p.lower.as_ref()))
        && prev2.is_some_and(|p| is(DWELLING, p.lower.as_ref()));
    let kin = prev.is_some_and(|p| is(&["in", "near", "outside", "nr"], &p.lower))
        && prev2.is_some_and(|p| is(KIN, &p.lower));
    let lives_there = (dwelling || kin) && m.town.population >= 10_000;
    match sense {
        Sense::Place => {
            // "Downside: our GP refused…": a heading word, not a village.
            let heading = first.sentence_start
                && m.to - m.from == 1
                && tokens.get(m.to).is_some_and(|n| n.gap.starts_with(':'));
            if heading {
                return false;
            }
            if capitalised || first.all_caps() {
                return true;
            }
            // In lower case: a town big enough to be known, or a county, not a word
            // that happens to spell a hamlet.
            let known = m.town.population == 0 || m.town.population >= 5_000;
            (known || preposition || after_noun) && first.word.chars().count() >= 4
        }
        Sense::Person => {
            if !capitalised {
                // "my pal in barry": in lower case, only where someone lives.
                return lives_there;
            }
            // "Hi Shirley": a greeting, like a title, is before a person.
            let titled = titled(tokens, m)
                || prev.is_some_and(|p| {
                    p.lower == "hi"
                        || first.joined_by_space()
                            && p.capitalised()
                            && GAZETTEER.first_name(&p.lower).is_some()
                });
            let surname_next =
                next.is_some_and(|n| n.capitalised() && !is(AFTER, n.lower.as_ref()));
            if titled || surname_next {
                return false;
            }
            let from_message = prev.is_some_and(|p| p.lower == "from")
                && prev2.is_some_and(|p| is(MESSAGES, p.lower.as_ref()));
            let city = m.town.population >= 100_000 && !first.sentence_start;
            (preposition && !from_message) || after_noun || then_county || then_postcode || city
        }
        Sense::Word => {
            if !capitalised {
                // "we were in hull", "my sister's in hyde": a town of some size, where
                // someone lives; never a month ("we moved in march").
                return lives_there && !GAZETTEER.calendar(&first.lower);
            }
            if first.sentence_start && !preposition {
                return false;
            }
            let moved_to = prev.is_some_and(|p| p.lower == "to")
                && prev2.is_some_and(|p| {
                    is(
                        &[
                            "moved",
                            "move",
                            "moving",
                            "relocated",
                            "up",
                            "down",
                            "back",
                            "over",
                        ],
                        p.lower.as_ref(),
                    )
                });
            // "meet at the Bullring": a capitalised landmark after "at the".
            let at_the = prev.is_some_and(|p| p.lower == "the")
                && prev2.is_some_and(|p| is(&["at", "in", "near", "outside", "by"], &p.lower));
            let by_preposition = preposition
                && prev.is_some_and(|p| p.lower != "of" && p.lower != "to")
                || moved_to
                || at_the;
            by_preposition || after_noun || then_county || then_postcode || last_possessive
        }
        Sense::Calendar => {
            if !capitalised {
                return false;
            }
            // "we're in March (in the fens…)": a dwelling word before "in", and no
            // day or year after it.
            let dated = tokens
                .get(m.to)
                .is_some_and(|n| n.has_digit() || is(&["last", "next", "this"], n.lower.as_ref()));
            let dwelling = prev
                .is_some_and(|p| is(&["in", "near", "outside", "nr"], p.lower.as_ref()))
                && prev2.is_some_and(|p| {
                    is(DWELLING, p.lower.as_ref()) && !is(&["in"], p.lower.as_ref())
                });
            !dated && (dwelling || after_noun && next.is_some_and(|n| n.lower != "one"))
        }
    }
}

/// The end (exclusive) of a service named after the place ending at `to`.
fn service_after(tokens: &[Token<'_>], to: usize) -> Option<usize> {
    // A place's own possessive ends it: "Bury's council" is not a name.
    if tokens.get(to - 1).is_some_and(|t| t.possessive) {
        return None;
    }
    SERVICES.iter().find_map(|words| {
        let window = tokens.get(to..to + words.len())?;
        // Only the last word may carry a possessive: "Sheffield Children's". Any case
        // once the town is there: "Manchester Royal", "burnley general".
        let fits = window
            .iter()
            .zip(words.iter())
            .enumerate()
            .all(|(n, (t, w))| {
                t.joined_by_space()
                    && !t.sentence_start
                    && t.lower == *w
                    && (!t.possessive || n + 1 == window.len())
            });
        fits.then_some(to + words.len())
    })
}

/// The start of a service acronym standing just before the place at `from`.
fn service_before(tokens: &[Token<'_>], from: usize) -> Option<usize> {
    let prev = from.checked_sub(1)?;
    let t = &tokens[prev];
    (is(SERVICES_BEFORE, t.lower.as_ref()) && tokens[from].joined_by_space()).then_some(prev)
}

/// Words that carry on a place's name without making it an organisation's: "Hope
/// Valley", "Ludlow Road" (an address is found elsewhere).
const PLACE_CONTINUES: &[&str] = &[
    "valley", "vale", "bridge", "road", "rd", "street", "st", "lane", "avenue", "way", "drive",
    "close", "hill", "park", "green", "common", "moor", "heath", "wood", "forest", "bay", "beach",
    "pier", "marina", "station", "airport", "estate", "town", "city", "centre", "county",
    "district", "borough", "north", "south", "east", "west", "upper", "lower", "village", "high",
];

/// An organisation named with a place inside it: "SEND Parents of Wirral", "University
/// of Nottingham", "Timperley Sensory Room". Returns its tokens' range.
fn named_by_place(tokens: &[Token<'_>], m: &Match<'_>) -> Option<(usize, usize)> {
    let first = &tokens[m.from];
    if !first.capitalised() {
        return None;
    }
    // "… of Wirral": capitalised words before "of".
    if let Some(of) = m.from.checked_sub(1).filter(|&p| tokens[p].lower == "of")
        && first.joined_by_space()
        && tokens[of].joined_by_space()
    {
        let mut start = of;
        while start > 0
            && start + 4 > of
            && tokens[start - 1].capitalised()
            && (start == of || tokens[start].joined_by_space())
            && !tokens[start - 1].possessive
        {
            start -= 1;
            if tokens[start].sentence_start {
                break;
            }
        }
        // Skip a sentence's first word when it is a function word: "In Parents of …".
        while start < of
            && tokens[start].sentence_start
            && GAZETTEER.ordinary_word(&tokens[start].lower)
            && !tokens[start].all_caps()
            && tokens[start].lower != "university"
        {
            start += 1;
        }
        let words = of - start;
        let named = words >= 1
            && tokens[start..of].iter().any(|t| !t.all_caps())
            && !tokens[start..of].iter().any(|t| {
                is(
                    &[
                        "mayor", "bishop", "city", "county", "isle", "vale", "north", "south",
                        "east", "west",
                    ],
                    t.lower.as_ref(),
                )
            });
        if named {
            return Some((start, m.to));
        }
    }
    // "Timperley Sensory Room", "Bolton SEND Parents Together": capitalised words after
    // the place, acronyms among them when a capitalised word follows.
    let mut end = m.to;
    while end < tokens.len()
        && end < m.to + 4
        && tokens[end].joined_by_space()
        && tokens[end].capitalised()
        && (!tokens[end].all_caps()
            || tokens
                .get(end + 1)
                .is_some_and(|n| n.joined_by_space() && n.capitalised() && !n.all_caps()))
        && !tokens[end].sentence_start
        && !tokens[end - 1].possessive
        && !is(PLACE_CONTINUES, tokens[end].lower.as_ref())
        && GAZETTEER.first_name(&tokens[end].lower).is_none()
        && (tokens[end].all_caps() || place_at(tokens, end).is_none())
    {
        end += 1;
    }
    // A place that is also a word needs two words after it: "Reading Recovery" is a
    // programme.
    let word_place = m.to - m.from == 1 && GAZETTEER.ordinary_word(&first.lower);
    if word_place && end < m.to + 2 {
        return None;
    }
    // Two capitalised words at least, so that "Ludlow Tuesday" is not a name.
    (end >= m.to + 2
        || end == m.to + 1
            && !GAZETTEER.calendar(&tokens[m.to].lower)
            && !GAZETTEER.not_name(&tokens[m.to].lower)
            && tokens[m.to].word.chars().count() > 3)
        .then_some((m.from, end))
        .filter(|&(_, e)| e > m.to)
}

/// A local authority's bare name for the council acting.
fn acting(tokens: &[Token<'_>], m: &Match<'_>) -> bool {
    let first = &tokens[m.from];
    let words: Vec<&str> = tokens[m.from..m.to]
        .iter()
        .map(|t| t.lower.as_ref())
        .collect();
    let authority = words.iter().all(|w| GAZETTEER.place(w)) || m.town.population == 0;
    // "Do Bromley actually accept …?", "did Hillingdon give …": a question about what
    // the council does.
    let asked = m.from.checked_sub(1).is_some_and(|p| {
        tokens[p].sentence_start
            && is(
                &[
                    "do", "did", "does", "will", "would", "has", "have", "are", "were", "can",
                    "could", "should",
                ],
                tokens[p].lower.as_ref(),
            )
    });
    if authority && asked && first.capitalised() {
        return true;
    }
    // "contact Tower Hamlets", "wrote to Leeds": a council written to.
    let addressed = m.from.checked_sub(1).is_some_and(|p| {
        is(
            &[
                "ask",
                "asked",
                "asking",
                "tell",
                "told",
                "chasing",
                "contact",
                "contacted",
                "ring",
                "rang",
                "email",
                "emailed",
                "phone",
                "phoned",
                "complain",
                "complained",
                "chase",
                "chased",
                "sue",
                "appeal",
                "appealed",
                "fight",
                "fighting",
                "fought",
            ],
            tokens[p].lower.as_ref(),
        ) || tokens[p].lower == "from"
            && p.checked_sub(1)
                .is_some_and(|q| is(MESSAGES, tokens[q].lower.as_ref()))
            || tokens[p].lower == "to"
                && p.checked_sub(1).is_some_and(|q| {
                    is(
                        &[
                            "wrote",
                            "write",
                            "writing",
                            "complained",
                            "complaint",
                            "appealed",
                            "applied",
                            "apply",
                        ],
                        tokens[q].lower.as_ref(),
                    )
                })
    });
    if authority && addressed && first.capitalised() {
        return true;
    }
    let placed = !first.sentence_start
        && m.from
            .checked_sub(1)
            .is_some_and(|p| is(BEFORE, tokens[p].lower.as_ref()));
    // "Wolverhampton, Walsall and Dudley are all …": the verb after a list of them.
    let mut next = m.to;
    for _ in 0..6 {
        let Some(link) = tokens.get(next) else { break };
        let comma = link.gap.trim() == "," || link.gap.trim() == "/";
        let (at, ok) = if comma {
            (next, true)
        } else if is(&["and", "or", "&"], link.lower.as_ref()) || link.gap.trim() == "&" {
            (
                if link.gap.trim() == "&" {
                    next
                } else {
                    next + 1
                },
                true,
            )
        } else {
            (next, false)
        };
        if !ok {
            break;
        }
        match place_at(tokens, at) {
            Some(other) if tokens[at].capitalised() => next = other.to,
            _ => break,
        }
    }
    // "Derbyshire, who have agreed", "Kirklees \"cant source\"": a relative clause or a
    // quotation of what they said.
    let who = tokens
        .get(next)
        .is_some_and(|n| n.gap.trim() == "," && n.lower == "who");
    let verb = if who { next + 1 } else { next };
    // "stoke told us to ring staffs cc", "knowsley have had it since july": in lower
    // case, a council's own name before what councils do.
    let lowercase_acting = first.lowercase()
        && words.iter().all(|w| GAZETTEER.place(w))
        && tokens.get(verb).is_some_and(|n| {
            n.joined_by_space()
                && is(
                    &[
                        "told", "said", "refused", "rejected", "agreed", "decided", "sent",
                        "issued", "have", "has", "say", "says", "wont", "won't", "keep", "want",
                        "wanted", "never",
                    ],
                    n.lower.as_ref(),
                )
        });
    authority
        && !placed
        && (first.capitalised()
            && tokens.get(verb).is_some_and(|n| {
                (n.joined_by_space() || matches!(n.gap.trim(), "\"" | "\u{201c}"))
                    && is(ACTING, n.lower.as_ref())
            })
            || lowercase_acting)
}

/// Places missing from the gazetteer that the words around them mark: "the Meadowell
/// estate", "seacroft side", "bransholme end", "we live in Wythenshawe".
fn unknown_places(tokens: &[Token<'_>], out: &mut Vec<Candidate>) {
    for (i, t) in tokens.iter().enumerate() {
        // "we live in Wythenshawe", "from Kings Heath": one or two capitalised words after
        // a dwelling phrase, none a first name, the last no ordinary word.
        // In lower case too ("we live in bedminster"), when the word is no English word.
        let dwelling = i >= 2
            && (t.capitalised() || t.lowercase() && !GAZETTEER.ordinary_word(&t.lower))
            && !t.all_caps()
            && t.joined_by_space()
            && is(
                &["in", "near", "outside", "nr", "from"],
                tokens[i - 1].lower.as_ref(),
            )
            && is(
                &[
                    "live", "lives", "living", "based", "moved", "we're", "im", "i'm", "over",
                    "just",
                ],
                tokens[i - 2].lower.as_ref(),
            );
        if dwelling && GAZETTEER.towns(t.lower.as_ref()).is_empty() {
            let two = t.capitalised()
                && tokens.get(i + 1).is_some_and(|n| {
                    n.joined_by_space() && n.capitalised() && !n.all_caps() && !n.sentence_start
                });
            let last = if two { i + 1 } else { i };
            let ok = tokens[i..=last].iter().all(|w| {
                GAZETTEER.first_name(&w.lower).is_none()
                    && !GAZETTEER.calendar(&w.lower)
                    && !GAZETTEER.not_name(&w.lower)
                    && !w.has_digit()
            }) && !GAZETTEER.ordinary_word(&tokens[last].lower);
            if ok {
                out.push(Candidate::new(Kind::Place, t.start, tokens[last].end, 0.55));
            }
        }
        let Some(next) = tokens.get(i + 1) else {
            break;
        };
        let noun_at = |j: usize| {
            tokens.get(j).is_some_and(|n| {
                n.joined_by_space() && n.lowercase() && is(&["estate", "side", "end"], &n.lower)
            })
        };
        // "the Leigh Park estate": a capitalised name and a topographic word.
        if t.capitalised()
            && !t.all_caps()
            && !t.sentence_start
            && !t.possessive
            && next.joined_by_space()
            && next.capitalised()
            && is(TOPOGRAPHIC, &next.lower)
            && noun_at(i + 2)
        {
            out.push(Candidate::new(Kind::Place, t.start, next.end, 0.55));
            continue;
        }
        let noun = noun_at(i + 1);
        if !noun || t.has_digit() || t.all_caps() || t.possessive {
            continue;
        }
        let word = t.lower.as_ref();
        let unknown = unknown_word(word);
        // "the Meadowell estate" (capitalised), "seacroft side" (after a comma or "the").
        let placed = t.capitalised() && !t.sentence_start
            || i.checked_sub(1)
                .is_some_and(|p| tokens[p].lower == "the" || t.gap.trim() == ",");
        if unknown && placed && GAZETTEER.towns(word).is_empty() {
            out.push(Candidate::new(Kind::Place, t.start, t.end, 0.55));
        }
    }
}
