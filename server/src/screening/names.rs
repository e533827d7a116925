//! People's names: a title and what follows it ("Mrs Okafor", "Dr R. Menon"), first names
//! from the gazetteer with the surnames after them, and capitalised words that the
//! context marks as a person ("my son Tobi", "Efe (7)", "Tamsin – SENCo"). Names that
//! are also ordinary words (Grace, Hope, Will, Summer) count only where the context says
//! they are names. A name once found is found again wherever it recurs.

use std::collections::BTreeMap;

use super::{
    Kind,
    gazetteer::{GAZETTEER, NameLevel, lower},
    text::{Candidate, Token},
};

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "doctor",
    "prof",
    "professor",
    "sir",
    "dame",
    "baroness",
    "baron",
    "cllr",
    "councillor",
    "rev",
    "revd",
    "reverend",
    "judge",
    "lord",
    "lady",
    "rt",
];

/// Titles people also type in lower case ("mrs hughes"); "miss" and "lady" are words.
const LOWERCASE_TITLES: &[&str] = &["mr", "mrs", "ms", "mx", "dr"];

/// Words just before a name that say a person follows, even when the name is also an
/// ordinary word ("my son Sunny", "a lady called Precious").
const RELATIONS: &[&str] = &[
    "son",
    "daughter",
    "child",
    "boy",
    "girl",
    "brother",
    "sister",
    "husband",
    "wife",
    "partner",
    "mum",
    "mam",
    "mom",
    "mummy",
    "dad",
    "mother",
    "father",
    "nan",
    "nana",
    "nanna",
    "nanny",
    "gran",
    "granny",
    "grandpa",
    "auntie",
    "aunty",
    "aunt",
    "uncle",
    "grandad",
    "grandma",
    "grandson",
    "granddaughter",
    "twin",
    "twins",
    "stepson",
    "stepdaughter",
    "niece",
    "nephew",
    "cousin",
    "youngest",
    "eldest",
    "oldest",
    "baby",
    "toddler",
    "teenager",
    "called",
    "named",
    "ex",
    "friend",
    "lady",
    "man",
];

/// What a chat's sender adds to their name to say who they are: "Shelley Escort".
const CHAT_ROLES: &[&str] = &[
    "escort", "driver", "ta", "senco", "teacher", "sw", "ot", "salt", "ep", "nurse", "mum", "dad",
];

/// The last words of a service's name, which a chat can come from too: "Hazelmere House".
const PLACE_WORDS: &[&str] = &[
    "house",
    "lodge",
    "centre",
    "center",
    "hub",
    "school",
    "academy",
    "council",
    "team",
    "clinic",
    "surgery",
    "practice",
    "travel",
    "taxis",
    "cars",
    "hospital",
    "trust",
    "college",
    "nursery",
    "office",
    "reception",
];

/// Greetings and thanks just before a name.
const GREETINGS: &[&str] = &[
    "hi", "hiya", "hello", "hey", "dear", "thanks", "thank", "cheers", "morning", "evening",
];

/// Professionals' roles just before a name: "caseworker, Tamsin", "worker (Sky".
const ROLES_BEFORE: &[&str] = &[
    "worker",
    "caseworker",
    "senco",
    "teacher",
    "therapist",
    "paediatrician",
    "consultant",
    "psychologist",
    "nurse",
    "keyworker",
    "tutor",
    "headteacher",
    "officer",
    "manager",
];

/// Words just before a word that is not an ordinary one, saying it is a person's name
/// ("Dear Efe", "asked Tamsin").
const CUES: &[&str] = &[
    "dear",
    "hi",
    "hello",
    "thanks",
    "cc",
    "regards",
    "wishes",
    "love",
    "cheers",
    "sincerely",
    "faithfully",
    "ask",
    "asked",
    "told",
    "tell",
    "met",
    "meet",
    "signed",
    "x",
    "xx",
    "xxx",
    "by",
    "with",
    "and",
];

/// Words that are never names, however a gazetteer spells them.
const NEVER: &[&str] = &[
    "he", "she", "it", "the", "a", "an", "and", "we", "they", "i", "you", "his", "her", "him",
    "them", "our", "us", "me", "my", "to", "of", "in", "on", "at", "so", "do", "go", "no", "yes",
    "ok", "okay", "who", "what", "that", "this", "there", "here", "then", "than", "one", "let",
    "lol", "omg", "tbh", "pls", "thx",
];

/// Roles that follow a name in signatures and lists: "Tamsin – SENCo".
const ROLES: &[&str] = &[
    "senco",
    "headteacher",
    "head",
    "teacher",
    "caseworker",
    "social",
    "manager",
    "officer",
    "therapist",
    "psychologist",
    "paediatrician",
    "consultant",
    "nurse",
    "coordinator",
    "co-ordinator",
    "adviser",
    "advisor",
    "tutor",
    "deputy",
    "director",
    "assistant",
    "ta",
    "lead",
    "chair",
    "worker",
    "practitioner",
    "clinician",
    "ep",
    "ot",
    "salt",
    "solicitor",
    "barrister",
    "mum",
    "dad",
    "parent",
    "key",
    "keyworker",
    "class",
    "form",
    "support",
    "family",
    "speech",
    "educational",
    "clinical",
    "specialist",
    "sendco",
    "inclusion",
];

const PRONOUNS: &[&str] = &[
    "i", "you", "we", "they", "he", "she", "it", "not", "anyone", "someone", "somebody",
];

const ARTICLES: &[&str] = &[
    "the", "a", "an", "this", "that", "our", "my", "your", "by", "of", "in",
];

fn is(list: &[&str], word: &str) -> bool {
    list.contains(&lower(word).as_ref())
}

fn title(token: &Token<'_>) -> bool {
    if token.capitalised() {
        is(TITLES, &token.lower)
    } else {
        is(LOWERCASE_TITLES, &token.lower)
    }
}

fn initial(token: &Token<'_>, next: Option<&Token<'_>>) -> bool {
    let mut chars = token.word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.next().is_none()
        && next.is_some_and(|n| n.gap.starts_with('.') || n.gap == " ")
}

/// Could this word be part of a name at all?
/// "I'm", "they're", "don't": words with a contraction, never names.
fn contraction(word: &str) -> bool {
    word.rsplit_once(['\'', '\u{2019}'])
        .is_some_and(|(_, end)| {
            matches!(
                end.to_lowercase().as_str(),
                "m" | "ve" | "d" | "ll" | "re" | "t" | "s"
            )
        })
}

fn name_shaped(token: &Token<'_>) -> bool {
    token.alphabetic()
        && !contraction(token.word)
        && token.word.chars().count() >= 2
        && !token.all_caps()
        && !is(NEVER, &token.lower)
        && !GAZETTEER.not_name(&token.lower)
        && !GAZETTEER.calendar(&token.lower)
        && !GAZETTEER.calendar(token.word.trim_end_matches('s'))
        // "Mum-of-three Sarah Jones": a description, not part of the name.
        && !token.lower.contains("-of-")
}

/// A word that reads as a surname after a first name or title.
fn surname_shaped(token: &Token<'_>) -> bool {
    token.capitalised()
        && name_shaped(token)
        && (GAZETTEER.surname(&token.lower)
            || GAZETTEER.first_name(&token.lower).is_some()
            || !GAZETTEER.ordinary_word(&token.lower)
            || token.word.contains('-')
            || token.word.contains(['\'', '\u{2019}']))
}

pub struct Names<'t, 'a> {
    tokens: &'t [Token<'a>],
    /// Tokens inside a finding of another kind, or inside a character's name.
    covered: Vec<bool>,
    found: Vec<Candidate>,
    /// Lower-cased words of names found, and whether they count only when capitalised.
    known: BTreeMap<String, bool>,
}

impl<'t, 'a> Names<'t, 'a> {
    /// `taken`: byte spans already found as something else, or never a finding.
    pub fn new(tokens: &'t [Token<'a>], taken: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut covered = vec![false; tokens.len()];
        let mut spans: Vec<(usize, usize)> = taken.collect();
        spans.sort_unstable();
        // The furthest end of any span starting at or before each one: a word is covered
        // when some span starting before the word ends inside or after it.
        let reach: Vec<usize> = spans
            .iter()
            .scan(0, |furthest, &(_, end)| {
                *furthest = end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        for (i, t) in tokens.iter().enumerate() {
            let at = spans.partition_point(|&(start, _)| start < t.end);
            covered[i] = at > 0 && reach[at - 1] > t.start;
        }
        for i in 0..tokens.len() {
            for phrase in GAZETTEER
                .characters
                .iter()
                .filter(|p| p.first().is_some_and(|w| *w == tokens[i].lower))
            {
                let Some(window) = tokens.get(i..i + phrase.len()) else {
                    continue;
                };
                if window
                    .iter()
                    .zip(phrase)
                    .all(|(t, w)| t.lower == w.as_str())
                {
                    covered[i..i + phrase.len()]
                        .iter_mut()
                        .for_each(|c| *c = true);
                }
            }
        }
        Self {
            tokens,
            covered,
            found: Vec::new(),
            known: BTreeMap::new(),
        }
    }

    pub fn find(mut self) -> Vec<Candidate> {
        let mut i = 0;
        while i < self.tokens.len() {
            i = self
                .titled(i)
                .or_else(|| self.name_line(i))
                .or_else(|| self.first_name(i))
                .unwrap_or(i + 1);
        }
        self.listed();
        self.recurrences();
        self.merge();
        self.found
    }

    fn word(&self, i: usize) -> Option<&Token<'a>> {
        self.tokens.get(i).filter(|_| !self.covered[i])
    }

    fn accept(&mut self, from: usize, to: usize, confidence: f32) {
        let (Some(first), Some(last)) = (self.tokens.get(from), self.tokens.get(to)) else {
            return;
        };
        self.found.push(Candidate::new(
            Kind::Name,
            first.start,
            last.end,
            confidence,
        ));
        for t in &self.tokens[from..=to] {
            if name_shaped(t) && !title(t) {
                let word = t.lower.clone().into_owned();
                let capital_only = GAZETTEER.ordinary_word(&word) || t.word.chars().count() < 3;
                let entry = self.known.entry(word).or_insert(capital_only);
                *entry &= capital_only;
            }
        }
    }

    /// "Mrs Okafor", "Dr R. Menon", "Mr and Mrs Mensah-Reid", "mrs hughes".
    fn titled(&mut self, i: usize) -> Option<usize> {
        let t = self.word(i)?;
        if !title(t) {
            return None;
        }
        let lowercase_title = t.lowercase();
        let mut j = i + 1;
        // "Rt Hon Sarah Whitcombe MP"
        if t.lower == "rt" {
            if self.word(j).is_none_or(|h| h.lower != "hon") {
                return None;
            }
            j += 1;
        }
        // "Mr and Mrs …", "Mr & Mrs …"
        if self.word(j).is_some_and(|a| is(&["and"], &a.lower))
            && self.word(j + 1).is_some_and(title)
        {
            j += 2;
        } else if self
            .word(j)
            .is_some_and(|a| title(a) && a.gap.trim() == "&")
        {
            j += 1;
        }
        let after_title = j;
        while self
            .word(j)
            .is_some_and(|w| initial(w, self.tokens.get(j + 1)))
        {
            j += 1;
        }
        // "Mrs A said": a title and an initial alone are a person too.
        let mut last = (j > after_title && !lowercase_title).then(|| j - 1);
        let initials_only = last;
        while let Some(w) = self.word(j) {
            let gap_ok = w.joined_by_space()
                || (w.gap.starts_with('.') && w.gap.trim_start_matches('.') == " ");
            let shaped = if lowercase_title {
                w.lowercase()
                    && name_shaped(w)
                    && (!GAZETTEER.ordinary_word(&w.lower) || GAZETTEER.surname(&w.lower))
            } else {
                surname_shaped(w) || (w.capitalised() && name_shaped(w) && last.is_none())
            };
            if !gap_ok || !shaped || last.is_some_and(|l| j > l + 2) && last != initials_only {
                break;
            }
            last = Some(j);
            j += 1;
        }
        let mut last = last?;
        // "… MP": the letters after a member's name are part of it.
        if self
            .word(last + 1)
            .is_some_and(|m| m.word == "MP" && m.joined_by_space())
        {
            last += 1;
        }
        self.accept(i, last, if lowercase_title { 0.75 } else { 0.95 });
        Some(last + 1)
    }

    /// A line that is only a person's name: a comment's name line ("Jade Roebuck" above
    /// what she wrote) or a chat export's sender ("[11/03/2025, 20:14] Keche: hi").
    fn name_line(&mut self, i: usize) -> Option<usize> {
        let t = self.word(i)?;
        let chat = t.gap.ends_with("] ")
            && i.checked_sub(1)
                .is_some_and(|p| self.tokens[p].has_digit() && !t.gap.contains('\n'));
        let line_start = i == 0 || t.gap.contains('\n');
        if !chat && !line_start {
            return None;
        }
        let mut last = i;
        while last < i + 2
            && self
                .word(last + 1)
                .is_some_and(|n| n.joined_by_space() && n.capitalised())
        {
            last += 1;
        }
        let words = &self.tokens[i..=last];
        let shaped = words
            .iter()
            .all(|w| w.capitalised() && !w.all_caps() && name_shaped(w) && w.alphabetic());
        let after = self.tokens.get(last + 1);
        let ends = if chat {
            after.is_some_and(|n| n.gap.starts_with(':'))
        } else {
            after.is_none_or(|n| n.gap.starts_with('\n'))
        };
        if !shaped || !ends || words.iter().any(|w| is(TITLES, &w.lower)) {
            return None;
        }
        // "Shelley Escort:" is Shelley, writing as the escort; "Hazelmere House:" is the
        // respite house, no person.
        if chat {
            while last > i && is(CHAT_ROLES, &self.tokens[last].lower) {
                last -= 1;
            }
            if is(PLACE_WORDS, &self.tokens[last].lower) {
                return None;
            }
        }
        let surname = &self.tokens[last];
        let person = if chat {
            !GAZETTEER.ordinary_word(&t.lower) || GAZETTEER.first_name(&t.lower).is_some()
        } else {
            last > i
                && GAZETTEER.first_name(&t.lower).is_some()
                && (GAZETTEER.surname(&surname.lower) || !GAZETTEER.ordinary_word(&surname.lower))
        };
        if !person {
            return None;
        }
        self.accept(i, last, 0.7);
        Some(last + 1)
    }

    /// A first name from the gazetteer, or a capitalised word the context marks as a
    /// name, with the surname after it.
    fn first_name(&mut self, i: usize) -> Option<usize> {
        let t = self.word(i)?.clone();
        // "K. Sandhu": an initial and a surname.
        if initial(&t, self.tokens.get(i + 1))
            && self.tokens.get(i + 1).is_some_and(|n| n.gap == ". ")
            && let Some(next) = self.word(i + 1)
            && surname_shaped(next)
            && !GAZETTEER.ordinary_word(&next.lower)
        {
            self.accept(i, i + 1, 0.7);
            return Some(i + 2);
        }
        // Most words are lower case and no common first name: settle those at once.
        // "josh (7)": a known first name in lower case still counts before an age.
        if t.lowercase()
            && !t.word.contains('-')
            && GAZETTEER.first_name(&t.lower) != Some(NameLevel::Common)
            && !(GAZETTEER.first_name(&t.lower).is_some() && self.lowercase_cue(i))
        {
            return None;
        }
        if !name_shaped(&t) || is(TITLES, &t.lower) {
            return None;
        }
        // "on a teddy", "dressed as Elsa": a thing or a costume, not a person.
        let thing = t.lowercase()
            && self.after_word(
                i,
                &[
                    "a", "an", "the", "his", "her", "their", "this", "that", "some", "any",
                    "every", "each",
                ],
            );
        let costume = self.after_word(i, &["as"])
            && i >= 2
            && is(
                &["dressed", "up", "dress", "costume"],
                &self.tokens[i - 2].lower,
            );
        if thing || costume {
            return None;
        }
        let level = self.first_name_level(&t);
        let ordinary = GAZETTEER.ordinary_word(&t.lower) && !t.word.contains('-');
        let strong = self.strong_context(i);
        let cue = strong || self.cue_before(i);
        let surname_next = self.word(i + 1).is_some_and(|n| {
            n.joined_by_space()
                && !n.sentence_start
                && surname_shaped(n)
                && (GAZETTEER.surname(&n.lower) || !GAZETTEER.ordinary_word(&n.lower))
        });
        let confidence = match (level, t.capitalised()) {
            // "Ours (9, ASD…)", "Youngest (8)": an ordinary word before an age is no name
            // unless a relation stands before it ("my son Sunny (6)").
            (_, true)
                if strong
                    && (!ordinary
                        || level.is_some()
                        || self.after_word(i, RELATIONS) && self.tokens[i - 1].lowercase()) =>
            {
                Some(0.65)
            }
            // "josh (7) got sent home": a first name in lower case, with an age after it;
            // "tash x": one signing off.
            (Some(_), false) if self.lowercase_cue(i) && t.word.len() >= 2 => Some(0.55),
            // "Hi Mo,", "thanks Will": a first name after a greeting, even when a word.
            (Some(_), true) if self.after_word(i, GREETINGS) => Some(0.6),
            // "our Mason": a first name that is also a word, after "our" or "my".
            (Some(_), true)
                if ordinary && !t.sentence_start && self.after_word(i, &["our", "my"]) =>
            {
                Some(0.6)
            }
            (Some(_), true) if GAZETTEER.place(&t.lower) => None,
            (Some(level), true) if !ordinary => Some(if level == NameLevel::Common {
                0.9
            } else {
                0.75
            }),
            (Some(_), true) => (surname_next || self.name_mid_sentence(i)).then_some(0.6),
            (Some(NameLevel::Common), false) if t.lowercase() && !ordinary && t.word.len() >= 3 => {
                Some(0.55)
            }
            (None, true) if !ordinary && !GAZETTEER.place(&t.lower) => {
                (cue || surname_next || (t.possessive && !t.sentence_start)).then_some(0.55)
            }
            _ => None,
        }?;
        // The surname (and a middle name) after it.
        let mut last = i;
        while last < i + 2 {
            let Some(next) = self.word(last + 1) else {
                break;
            };
            let two_word_only = !self
                .word(last + 2)
                .is_some_and(|n| n.joined_by_space() && n.capitalised());
            // "Leanne Cole Shaz Begum": after a surname, a first name with a surname of its
            // own is the next person.
            let next_person = last > i
                && GAZETTEER.first_name(&next.lower).is_some()
                && self
                    .word(last + 2)
                    .is_some_and(|n| n.joined_by_space() && surname_shaped(n));
            let fits = next.joined_by_space()
                && !next_person
                && !next.sentence_start
                && surname_shaped(next)
                && !next.all_caps()
                && (!GAZETTEER.ordinary_word(&next.lower)
                    || GAZETTEER.surname(&next.lower) && two_word_only && last == i);
            if !fits {
                break;
            }
            last += 1;
        }
        self.accept(i, last, confidence);
        Some(last + 1)
    }

    fn first_name_level(&self, t: &Token<'_>) -> Option<NameLevel> {
        if let Some(level) = GAZETTEER.first_name(&t.lower) {
            return Some(level);
        }
        // "Lily-Mae", "ellie-mae": every part a first name.
        let mut parts = t.word.split('-');
        let first = GAZETTEER.first_name(parts.next()?)?;
        let mut any = false;
        for part in parts {
            any = true;
            GAZETTEER
                .first_name(part)
                .or_else(|| GAZETTEER.surname(part).then_some(NameLevel::Known))?;
        }
        any.then_some(first)
    }

    /// The word before token `i` is one of `list`, with at most a comma or bracket between.
    fn after_word(&self, i: usize, list: &[&str]) -> bool {
        let t = &self.tokens[i];
        let gap = t.gap.trim();
        i.checked_sub(1)
            .and_then(|p| self.tokens.get(p))
            .is_some_and(|p| {
                is(list, &p.lower) && !t.gap.contains('\n') && matches!(gap, "" | "," | "(" | ":")
            })
    }

    /// What marks a first name typed in lower case as a person's: an age ("josh (7)",
    /// "mason is 6"), a kiss at a line's end ("thanks for listening, gem x"), "me and
    /// steph", "steph's lad", "jo from hull sendiass", "aga said".
    fn lowercase_cue(&self, i: usize) -> bool {
        if self.age_in_brackets(i) || self.signed_off(i) {
            return true;
        }
        let t = &self.tokens[i];
        let next = self.tokens.get(i + 1).filter(|n| n.joined_by_space());
        let next2 = self.tokens.get(i + 2).filter(|n| n.joined_by_space());
        let aged = next.is_some_and(|n| is(&["is", "was", "turned", "turns"], &n.lower))
            && next2.is_some_and(|n| n.word.chars().all(|c| c.is_ascii_digit()));
        let kiss = next.is_some_and(|n| is(&["x", "xx", "xxx"], &n.lower))
            && self.tokens.get(i + 2).is_none_or(|n| n.gap.contains('\n'))
            && t.gap.trim() == ",";
        let me_and = i >= 2
            && is(&["and", "n", "&"], &self.tokens[i - 1].lower)
            && is(&["me", "i"], &self.tokens[i - 2].lower);
        let kin_after = t.possessive
            && next.is_some_and(|n| {
                is(
                    &[
                        "lad", "son", "daughter", "boy", "girl", "mum", "dad", "husband", "wife",
                        "ds", "dd", "kids", "little",
                    ],
                    &n.lower,
                )
            });
        let spoke = next.is_some_and(|n| {
            is(
                &[
                    "said", "says", "told", "from", "rang", "emailed", "messaged", "reckons",
                ],
                &n.lower,
            )
        }) && !GAZETTEER.ordinary_word(&t.lower);
        aged || kiss || me_and || kin_after || spoke
    }

    /// Token `i` starts its line and only a kiss follows it there: "tash x".
    fn signed_off(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let starts_line = i == 0 || t.gap.contains('\n');
        let kiss = self
            .tokens
            .get(i + 1)
            .is_some_and(|n| n.joined_by_space() && matches!(n.lower.as_ref(), "x" | "xx" | "xxx"));
        let line_ends = self.tokens.get(i + 2).is_none_or(|n| n.gap.contains('\n'));
        starts_line && kiss && line_ends
    }

    /// "(7)" or "(7," right after token `i`.
    fn age_in_brackets(&self, i: usize) -> bool {
        self.tokens.get(i + 1).is_some_and(|n| {
            n.gap.trim() == "(" && n.word.len() <= 2 && n.word.bytes().all(|b| b.is_ascii_digit())
        })
    }

    fn cue_before(&self, i: usize) -> bool {
        // "Thank you, Rumana", "thank you Rumana".
        let thank_you =
            self.after_word(i, &["you"]) && i >= 2 && is(&["thank"], &self.tokens[i - 2].lower);
        // "emailed Tamsin", "spoke to Tamsin", "a letter from Tamsin".
        let contacted = self.after_word(
            i,
            &[
                "emailed", "rang", "phoned", "texted", "messaged", "chased", "ringing", "emailing",
            ],
        ) || self.after_word(i, &["to", "with", "from"])
            && i >= 2
            && is(
                &[
                    "spoke",
                    "talked",
                    "speak",
                    "talk",
                    "speaking",
                    "talking",
                    "meeting",
                    "appointment",
                    "letter",
                    "email",
                    "call",
                    "message",
                    "text",
                    "chat",
                    "chatted",
                    "according",
                    "referral",
                    "report",
                    "visit",
                ],
                &self.tokens[i - 2].lower,
            );
        self.after_word(i, CUES) || thank_you || contacted
    }

    /// The words around token `i` say it is a person: a relation or role before it, or
    /// an age, pronouns, a date of birth, a role or a relation just after it.
    fn strong_context(&self, i: usize) -> bool {
        // "my son Will", not "a Child Protection plan": a relation in title case is part
        // of a name of something else.
        let relation_cased = i.checked_sub(1).is_some_and(|p| {
            !self.tokens[p].capitalised()
                || self.tokens[p].sentence_start
                || is(
                    &[
                        "nan", "nana", "nanna", "nanny", "gran", "granny", "grandma", "grandad",
                        "grandpa", "auntie", "aunty", "aunt", "uncle", "cousin",
                    ],
                    &self.tokens[p].lower,
                )
        });
        if self.after_word(i, RELATIONS) && relation_cased {
            return true;
        }
        // After a role, an ordinary word needs a comma or bracket: "Consultant Community
        // Paediatrician" is a job title.
        let t = &self.tokens[i];
        if self.after_word(i, ROLES_BEFORE)
            && (!t.joined_by_space()
                || !GAZETTEER.ordinary_word(&t.lower)
                || GAZETTEER.first_name(&t.lower).is_some())
        {
            return true;
        }
        let Some(n) = self.tokens.get(i + 1) else {
            return false;
        };
        let gap = n.gap.trim();
        let apposition = matches!(gap, "\u{2013}" | "-" | "," | "(" | "\u{2014}");
        let age = n.has_digit() && n.word.len() <= 2 && (gap == "(" || gap == ",");
        let pronoun = gap == "(" && is(&["she", "he", "they"], &n.lower);
        let birth = apposition && is(&["dob", "born", "d"], &n.lower);
        // "Tamsin – SENCo", "Dawn, my mum", "Will (the dad from …)"
        let described = apposition && {
            let mut k = i + 1;
            while self.tokens.get(k).is_some_and(|w| {
                is(
                    &[
                        "the", "my", "our", "his", "her", "their", "a", "an", "class", "form",
                    ],
                    w.word,
                )
            }) && k < i + 3
            {
                k += 1;
            }
            self.tokens
                .get(k)
                .is_some_and(|w| is(ROLES, &w.lower) || is(RELATIONS, &w.lower))
        };
        let is_age = is(&["is", "was", "turned", "aged", "age"], &n.lower)
            && n.joined_by_space()
            && self
                .tokens
                .get(i + 2)
                .is_some_and(|a| a.has_digit() && a.word.len() <= 2 || is(&["now"], &a.lower));
        // "Hi all, Funmi here."
        let here = n.lower == "here"
            && n.joined_by_space()
            && self
                .tokens
                .get(i + 2)
                .is_none_or(|a| a.sentence_start || a.gap.trim() == ",");
        age || pronoun || birth || described || is_age || here
    }

    /// A capitalised word in mid-sentence that is not part of a Title Case phrase.
    fn name_mid_sentence(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if t.sentence_start {
            return t.possessive;
        }
        let prev = i.checked_sub(1).map(|p| &self.tokens[p]);
        let next = self.tokens.get(i + 1);
        let prev_ok = prev.is_none_or(|p| {
            !(is(ARTICLES, &p.lower) || p.capitalised() && !title(p) && t.joined_by_space())
        });
        let next_ok =
            next.is_none_or(|n| !(is(&["of"], &n.lower) || n.capitalised() && n.joined_by_space()));
        // "…today, Mark my words", "Pat yourself on the back": a word that is also a verb,
        // starting a clause with its object after it.
        let imperative = prev.is_some_and(|p| t.gap.trim() == "," || p.word == "-")
            && next.is_some_and(|n| {
                n.joined_by_space()
                    && is(
                        &[
                            "my",
                            "your",
                            "yourself",
                            "yourselves",
                            "them",
                            "it",
                            "me",
                            "us",
                            "him",
                            "her",
                            "this",
                            "that",
                        ],
                        &n.lower,
                    )
            });
        prev_ok && next_ok && !imperative
    }

    /// A capitalised word in a list with names is one too: "Gwil, Efa and Osian",
    /// "Saima, Craig and Lou".
    fn listed(&mut self) {
        let mut starts: Vec<usize> = self.found.iter().map(|c| c.start).collect();
        let mut ends: Vec<usize> = self.found.iter().map(|c| c.end).collect();
        starts.sort_unstable();
        ends.sort_unstable();
        let mut added = Vec::new();
        for (i, t) in self.tokens.iter().enumerate() {
            if self.covered[i]
                || !t.capitalised()
                || t.all_caps()
                || t.sentence_start && !t.gap.contains(',')
                || !name_shaped(t)
                || GAZETTEER.ordinary_word(&t.lower)
                || GAZETTEER.not_name(&t.lower)
                || starts.binary_search(&t.start).is_ok()
            {
                continue;
            }
            // The name before it ends right before its comma or "and".
            let after_name = i.checked_sub(1).is_some_and(|p| {
                let prev = &self.tokens[p];
                t.gap.trim() == "," && ends.binary_search(&prev.end).is_ok()
                    || prev.lower == "and"
                        && p.checked_sub(1)
                            .is_some_and(|q| ends.binary_search(&self.tokens[q].end).is_ok())
            });
            let before_name = self.tokens.get(i + 1).is_some_and(|n| {
                n.gap.trim() == "," && starts.binary_search(&n.start).is_ok()
                    || n.lower == "and"
                        && self
                            .tokens
                            .get(i + 2)
                            .is_some_and(|m| starts.binary_search(&m.start).is_ok())
            });
            if after_name || before_name {
                added.push(Candidate::new(Kind::Name, t.start, t.end, 0.55));
            }
        }
        self.found.extend(added);
    }

    /// Every other mention of a name already found.
    fn recurrences(&mut self) {
        // "Will" once "William" is found: a short form counts wherever it is capitalised.
        let shorts: Vec<String> = self
            .known
            .keys()
            .flat_map(|full| GAZETTEER.diminutives(full))
            .cloned()
            .collect();
        for short in shorts {
            self.known.entry(short).or_insert(true);
        }
        let mut taken: Vec<(usize, usize)> = self.found.iter().map(|c| (c.start, c.end)).collect();
        taken.sort_unstable();
        for (i, t) in self.tokens.iter().enumerate() {
            if self.covered[i] || !(t.capitalised() || self.known.contains_key(t.lower.as_ref())) {
                continue;
            }
            let word = &t.lower;
            let known = self.known.get(word.as_ref()).copied().or_else(|| {
                // "Gwil" for "Gwilym": a short form of a name found.
                let short_form =
                    t.capitalised() && word.chars().count() >= 3 && !GAZETTEER.ordinary_word(word);
                let longer = || {
                    self.known
                        .iter()
                        .any(|(k, capital_only)| !capital_only && shortens(word, k))
                };
                (short_form && longer()).then_some(true)
            });
            let Some(capital_only) = known else { continue };
            if !name_shaped(t) {
                continue;
            }
            let at = taken.partition_point(|&(start, _)| start < t.end);
            if at > 0 && taken[at - 1].1 > t.start {
                continue;
            }
            let question = t.sentence_start
                && self
                    .tokens
                    .get(i + 1)
                    .is_some_and(|n| is(PRONOUNS, &n.lower) || is(&["of"], &n.lower));
            if capital_only && (!t.capitalised() || question) {
                continue;
            }
            let confidence = if capital_only { 0.6 } else { 0.7 };
            self.found
                .push(Candidate::new(Kind::Name, t.start, t.end, confidence));
        }
    }

    /// Joins names that stand next to each other: a first name and a surname found
    /// separately are one name.
    fn merge(&mut self) {
        self.found.sort_by_key(|c| c.start);
        let mut merged: Vec<Candidate> = Vec::with_capacity(self.found.len());
        for c in self.found.drain(..) {
            if let Some(last) = merged.last_mut() {
                if c.start < last.end {
                    last.end = last.end.max(c.end);
                    continue;
                }
                let at = self.tokens.partition_point(|t| t.start < c.start);
                let between = self
                    .tokens
                    .get(at)
                    .filter(|t| t.start == c.start)
                    .map(|t| (t.gap, t.start - t.gap.len()));
                // Only a plain space between them: not a possessive, comma or line break.
                // Two full names side by side are two people ("Tegan Moss Abbie Rowe", as
                // a tagged comment has them).
                let words = |start: usize, end: usize| {
                    let first = self.tokens.partition_point(|t| t.start < start);
                    let last = self.tokens.partition_point(|t| t.end <= end);
                    last.saturating_sub(first)
                };
                let two_people = words(last.start, last.end) >= 2 && words(c.start, c.end) >= 2;
                if let Some((gap, gap_start)) = between
                    && gap == " "
                    && gap_start == last.end
                    && !two_people
                {
                    last.end = c.end;
                    last.confidence = last.confidence.max(c.confidence);
                    continue;
                }
            }
            merged.push(c);
        }
        self.found = merged;
    }
}

/// Is `word` a short form of the name `full`, as friends make them: its start ("Gwil"
/// for Gwilym, "Barty" for Bartholomew, "Jerms" for Jermaine) or a syllable inside it
/// ("Becs" for Rebecca, "Keche" for Nkechi, "Mide" for Olumide)?
fn shortens(word: &str, full: &str) -> bool {
    if full.len() <= word.len() + 1 {
        return false;
    }
    let mut stems = vec![word];
    for ending in ["s", "y", "ie", "ey", "sy", "o", "e", "z"] {
        if let Some(stem) = word.strip_suffix(ending) {
            stems.push(stem);
        }
    }
    let inside = full.char_indices().nth(1).map_or("", |(at, _)| &full[at..]);
    stems.into_iter().any(|stem| {
        let n = stem.chars().count();
        n >= 3 && full.starts_with(stem)
            || n >= 4 && full.contains(stem)
            || n == 3 && full.chars().count() >= 6 && inside.contains(stem)
    })
}
