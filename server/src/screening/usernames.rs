//! Forum and social usernames written without an `@`: the name line above a post
//! ("dalesdad_77 · 2h", "tiredmama84 wrote:"), a reply's cue ("as mumof3boys said",
//! "thanks Bluebell_and_Bee"), a Reddit `u/` name, and words shaped like nobody's
//! ordinary writing ("NotAnotherMeeting", "northernSENCo"). A username once found is
//! found wherever it recurs.

use std::{collections::BTreeSet, sync::LazyLock};

use regex::Regex;

use super::{DFA_CACHE_BYTES, Kind, gazetteer::GAZETTEER, text::Candidate};

#[expect(
    clippy::expect_used,
    reason = "constant patterns, compiled by every test run"
)]
fn pattern(source: &str) -> Regex {
    // A small lazy-DFA cache for each pattern: the default (2 MiB each) added megabytes
    // of resident memory for no speed that the screener's short texts can use.
    regex::RegexBuilder::new(source)
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
        .expect("username pattern compiles")
}

/// A username: letters, digits, underscores and inner dots.
const NAME: &str = r"[A-Za-z0-9](?:[A-Za-z0-9_.]{0,38}[A-Za-z0-9_])?";

/// A post's name line: the name alone at the start of a line, then a separator or
/// "wrote:".
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?m)^[ \t>]*((?:u/)?{NAME})[ \t]*(?:[·•|»]|(?-u:\b)(?:wrote|said|posted|replied|commented)(?-u:\b)[ \t]*:?)"
    ))
});

/// A name line with the post's time after it: "JustKasia Wed 22-Jan-25 09:12",
/// "rhi.jones.84 · 2h", "nanawinnie 3 days ago"; or a name alone on its line.
static STAMPED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?m)^[ \t>]*((?:u/)?{NAME})[ \t]*(?:$|[ \t](?:[—–-][ \t]+)?(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?[ \t,]+\d|\d{{1,2}}[-/.]\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)?[ -](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{{1,2}}[:.]\d{{2}}|\d+ ?(?:h|hrs?|hours?|m|mins?|d|days?|w|wks?|weeks?|y|yrs?|years?)(?:[ \t]+ago)?[ \t]*$|yesterday|today|just now))"
    ))
});

/// Words just before a username: "as X said", "thanks X", "u/X".
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?i)(?-u:\b)(?:as|like|thanks|thank[ ]you|thankyou|ty|thx|cheers|quoting|quote[ ]from|reply[ ]from|posted[ ]by|reply[ ]to|replying[ ]to|by)[ ]+((?:u/)?{NAME})(?-u:\b)"
    ))
});

/// A username-shaped word before what posters do: "sunnydays87 said", "mum_of_3 replied".
static SAID: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?-u:\b)({NAME})[ ]+(?:said|says|wrote|posted|replied|commented|mentioned|suggested|asked)(?-u:\b)"
    ))
});

/// A name given on a platform: "my insta is tiredmumlife", "IG: kezzabelle", "I'm
/// wonkywheels on here", "on tiktok as sendmumlife".
static PLATFORM: LazyLock<Regex> = LazyLock::new(|| {
    let platform =
        r"(?:insta(?:gram)?|ig|tiktok|twitter|threads|snapchat|snap|youtube|mumsnet|reddit)";
    // ASCII case-insensitivity (`-u`) keeps the automaton small enough to stay fast.
    pattern(&format!(
        r"(?i-u)\b(?:{platform}(?:[ ]+(?:is|handle|name|account|username))?[ ]*(?:[:-]|–)[ ]*|{platform}[ ]+(?:is|handle|name|username)[ ]+|on[ ]+{platform}[ ]+as[ ]+)((?:u/)?{NAME})\b|(?i-u)\bi'?m[ ]+({NAME})[ ]+on[ ]+{platform}\b"
    ))
});

/// A Reddit username anywhere.
static REDDIT: LazyLock<Regex> = LazyLock::new(|| pattern(&format!(r"(?-u:\b)(u/{NAME})(?-u:\b)")));

/// Any word that could be a username, for the shape test and recurrences.
static WORD: LazyLock<Regex> = LazyLock::new(|| pattern(NAME));

/// Looks like a username rather than a word anyone writes: an underscore, letters with
/// digits run together ("tiredmama84", "mumof3boys"), or capitals inside a word
/// ("NotAnotherMeeting", "northernSENCo").
fn shaped(name: &str) -> bool {
    let name = name.strip_prefix("u/").unwrap_or(name);
    let letters = name.chars().filter(char::is_ascii_alphabetic).count();
    if letters < 3 || name.contains('.') {
        return false;
    }
    if name.contains('_') {
        return true;
    }
    let digits = name.chars().filter(char::is_ascii_digit).count();
    // "Y6", "DS2", "2nd", "10am", "covid19", "F84": short, or a known word with digits.
    if digits > 0 {
        let word_part: String = name
            .chars()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let ordinal = name.ends_with("st")
            || name.ends_with("nd")
            || name.ends_with("rd")
            || name.ends_with("th")
            || name.ends_with("am")
            || name.ends_with("pm");
        return letters >= 4 && !ordinal && !GAZETTEER.ordinary_word(&word_part);
    }
    // Capitals after small letters, twice ("NotAnotherMeeting"), or a word that starts
    // small and has capitals inside ("northernSENCo", not "iPhone" or "eBay").
    let bytes = name.as_bytes();
    let humps = bytes
        .windows(2)
        .filter(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
        .count();
    let small_start = bytes.iter().take_while(|b| b.is_ascii_lowercase()).count();
    humps >= 2 || small_start >= 3 && humps >= 1
}

/// Not a username, whatever its shape or place: pronouns and words after "as" or
/// "thanks".
fn plain_word(name: &str) -> bool {
    let lower = name.to_lowercase();
    GAZETTEER.ordinary_word(&lower) || GAZETTEER.not_name(&lower) || lower.len() < 3
}

fn boundary_ok(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric() || "@/_.#".contains(c))
        && !after.is_some_and(|c| c.is_alphanumeric() || c == '@' || c == '_')
        && !text[end..].starts_with(".com")
}

/// A name line's word that is a username rather than a person or a heading: "Mum
/// wrote:" is a person and "CAMHS said" a service, but "nanawinnie", "CambsOwl" and
/// "rhi.jones.84" are usernames. `alone` is a word on a line of its own, where only a
/// username's shape will do.
fn name_line(name: &str, alone: bool) -> bool {
    let letters = name.chars().filter(char::is_ascii_alphabetic).count();
    let bytes = name.as_bytes();
    let hump = bytes
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    // "mumof2.in.lancs", "Ruth.Ann.Hull": words joined by dots, not a sentence's end.
    let dotted = name.split('.').filter(|p| !p.is_empty()).count() >= 2 && letters >= 4;
    let acronym = name.chars().all(|c| !c.is_ascii_lowercase());
    // "Keche said": capitalised like a person's name, so left to the names.
    let name_cased = name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().skip(1).all(char::is_lowercase);
    shaped(name)
        || name.starts_with("u/")
        || hump
        || dotted
        || !alone
            && !acronym
            && !name_cased
            && !plain_word(name)
            && GAZETTEER.first_name(name).is_none()
            && name.len() >= 4
}

pub fn find(text: &str, out: &mut Vec<Candidate>) {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for caps in HEADER.captures_iter(text) {
        let Some(m) = caps.get(1) else { continue };
        if name_line(m.as_str(), false) {
            names.insert(m.as_str());
        }
    }
    for caps in STAMPED.captures_iter(text) {
        let Some(m) = caps.get(1) else { continue };
        let name = m.as_str();
        let alone = text[m.end()..]
            .trim_start_matches([' ', '\t'])
            .starts_with(['\n', '\r'])
            || text[m.end()..].trim().is_empty();
        // With the post's time after it, a word no dictionary or name list knows is a
        // username whatever its case ("Bramblesandbrambles Wed 05-Mar-25 21:15").
        let stamped_word =
            !alone && !plain_word(name) && GAZETTEER.first_name(name).is_none() && name.len() >= 4;
        if name_line(name, alone) || stamped_word {
            names.insert(name);
        }
    }
    for caps in CUE
        .captures_iter(text)
        .chain(REDDIT.captures_iter(text))
        .chain(SAID.captures_iter(text))
    {
        let Some(m) = caps.get(1) else { continue };
        // "Posted by wonkywheels", "replying to aspiemumleeds": a byline names a
        // username, as "as X said" may name a person.
        let byline = caps.get(0).is_some_and(|c| {
            let cue = c.as_str().to_lowercase();
            [
                "posted by",
                "quote from",
                "reply from",
                "replying to",
                "reply to",
                "quoting",
            ]
            .iter()
            .any(|b| cue.starts_with(b))
        });
        if name_line(m.as_str(), !byline) {
            names.insert(m.as_str());
        }
    }
    for caps in PLATFORM.captures_iter(text) {
        let Some(m) = caps.get(1).or_else(|| caps.get(2)) else {
            continue;
        };
        if name_line(m.as_str(), false) {
            names.insert(m.as_str());
        }
    }
    // "I'm wonkywheels on here": looked for by hand, since "here" is too common a word
    // for the pattern above to stay fast.
    for (at, _) in text.match_indices(" on here") {
        let before = &text[..at];
        let Some((rest, name)) = before.rsplit_once(' ') else {
            continue;
        };
        let im = rest
            .rsplit(' ')
            .next()
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "i'm" | "im" | "i\u{2019}m"));
        if im && WORD.find(name).is_some_and(|m| m.as_str() == name) && name_line(name, false) {
            names.insert(name);
        }
    }
    for m in WORD.find_iter(text) {
        let name = m.as_str();
        let strong = name.contains('_')
            && name.chars().filter(char::is_ascii_alphabetic).count() >= 3
            || shaped(name) && !name.chars().any(|c| c.is_ascii_digit());
        if strong && boundary_ok(text, m.start(), m.end()) {
            names.insert(name);
        }
    }
    if names.is_empty() {
        return;
    }
    // Every occurrence of every name found.
    for m in WORD.find_iter(text) {
        let name = m.as_str().strip_suffix('.').unwrap_or(m.as_str());
        let end = m.start() + name.len();
        if names.contains(name) && boundary_ok(text, m.start(), end) {
            out.push(Candidate::new(Kind::Handle, m.start(), end, 0.8));
        }
    }
    for caps in REDDIT.captures_iter(text) {
        let Some(m) = caps.get(1) else { continue };
        if boundary_ok(text, m.start(), m.end()) {
            out.push(Candidate::new(Kind::Handle, m.start(), m.end(), 0.9));
        }
    }
}
