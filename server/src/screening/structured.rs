//! Details with a shape that can be checked: e-mail and web addresses, handles, phone
//! numbers, NHS numbers, postcodes, dates and references.
//!
//! Every pattern uses ASCII word boundaries (`(?-u:\b)`), which keep the regex engine on
//! its fast paths for any input; the checks after a match do the rest.

use std::sync::LazyLock;

use regex::Regex;

use super::{DFA_CACHE_BYTES, Kind, text::Candidate};

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
        .expect("screening pattern compiles")
}

macro_rules! pattern {
    ($name:ident, $source:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| pattern($source));
    };
}

pattern!(
    EMAIL,
    r"(?i)[a-z0-9](?:[a-z0-9._%+-]*[a-z0-9_%+-])?@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,24}(?-u:\b)"
);
pattern!(
    URL_EXPLICIT,
    r#"(?i)(?:https?://|www\.)[^\s<>"'\[\]{}|\\^`]+"#
);
pattern!(
    URL_BARE,
    r#"(?i)(?-u:\b)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:com|org|net|co\.uk|org\.uk|gov\.uk|ac\.uk|nhs\.uk|sch\.uk|uk|io|info|me|blog|app|online|site)(?-u:\b)(?:/[^\s<>"'\[\]{}|\\^`]*)?"#
);
pattern!(HANDLE, r"@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?");
pattern!(
    PHONE,
    r"(?:\+44[ ]?(?:\(0\)[ ]?)?|\(0|0)[0-9]{2,4}\)?[ -]?[0-9]{3,4}[ -]?[0-9]{3,4}(?-u:\b)"
);
pattern!(
    NHS,
    r"(?-u:\b)[0-9]{3}([ -]?)[0-9]{3}([ -]?)[0-9]{4}(?-u:\b)"
);
pattern!(
    POSTCODE,
    r"(?i)(?-u:\b)([a-z]{1,2})[0-9][a-z0-9]?[ ]?[0-9][abd-hjlnp-uw-z]{2}(?-u:\b)"
);
pattern!(OUTWARD, r"(?i)(?-u:\b)([a-z]{1,2})[0-9][a-z0-9]?(?-u:\b)");
pattern!(
    DATE_DAY_MONTH,
    r"(?i)(?-u:\b)(?:(?:mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?[ ]+(?:the[ ]+)?)?([0-9]{1,2})(?:st|nd|rd|th)?(?:[ ]+of)?[ ]+(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?-u:\b)(?:,?[ ]+[0-9]{4}(?-u:\b))?"
);
pattern!(
    DATE_MONTH_DAY,
    r"(?i)(?-u:\b)(?:(?:mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?[ ]+)?(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[ ]+([0-9]{1,2})(?:st|nd|rd|th)?(?-u:\b)(?:,?[ ]+[0-9]{4}(?-u:\b))?"
);
pattern!(
    DATE_WEEKDAY_DAY,
    r"(?i)(?-u:\b)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?[ ]+(?:(?:just[ ]+gone|gone|coming|last|next)[ ]+)?(?:the[ ]+)?([0-9]{1,2})(?:st|nd|rd|th)?(?-u:\b)"
);
// "tues 3rd", "Weds 9th": an abbreviated weekday needs the day's ordinal.
pattern!(
    DATE_SHORT_WEEKDAY_DAY,
    r"(?i)(?-u:\b)(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\.?[ ]+(?:the[ ]+)?([0-9]{1,2})(?:st|nd|rd|th)(?-u:\b)"
);
// "Tue 04-Mar-25", "15-feb-2025": forum timestamps.
pattern!(
    DATE_DAY_MON_YEAR,
    r"(?i)(?-u:\b)(?:(?:mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?[ ]+)?([0-9]{1,2})[-/ ](jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[-/ ]([0-9]{2}|[0-9]{4})(?-u:\b)"
);
pattern!(
    DATE_NUMERIC,
    r"(?-u:\b)([0-9]{1,2})([/.-])([0-9]{1,2})([/.-])([0-9]{4}|[0-9]{2})(?-u:\b)"
);
// "surgery was on 3/4", "arranged for 12/3": a day and month without a year, where the
// words before say a day is meant ("3/4 of the class" is a fraction).
pattern!(
    DATE_SHORT_NUMERIC,
    r"(?i)(?-u:\b)(?:on|for|by|until|till|from|before|after|due|dated)[ ]+(?:the[ ]+)?([0-9]{1,2})/([0-9]{1,2})(?-u:\b)"
);
pattern!(DATE_ISO, r"(?-u:\b)[0-9]{4}-([0-9]{2})-([0-9]{2})(?-u:\b)");
// "AH4417729", "L0931274": a hospital or case number, letters and at least six digits.
pattern!(REF_CODE, r"(?-u:\b)[A-Z]{1,3}[0-9]{6,10}(?-u:\b)");
pattern!(
    REF_SHAPED,
    r"(?-u:\b)[A-Z]{1,6}[0-9]{0,6}(?:[/-][A-Z0-9]{1,10}){1,5}(?-u:\b)"
);
pattern!(
    REF_LABELLED,
    r"(?i:(?-u:\b)(?:ref(?:erence)?(?:[ ]+(?:no|number))?|case[ ]+(?:no|number|ref)|hospital[ ]+(?:no|number)|claim[ ]+(?:no|number)|appeal[ ]+(?:no|number)|number))\.?(?:[ ]+(?:is|was))?[ ]*:?[ ]*((?:[A-Z]{1,6}[ ]?)?[0-9][0-9A-Z/-]*(?:[ ][0-9][0-9A-Z/-]*){0,3})(?-u:\b)"
);

/// Postcode areas of the United Kingdom.
const POSTCODE_AREAS: &[&str] = &[
    "ab", "al", "b", "ba", "bb", "bd", "bh", "bl", "bn", "br", "bs", "bt", "ca", "cb", "cf", "ch",
    "cm", "co", "cr", "ct", "cv", "cw", "da", "dd", "de", "dg", "dh", "dl", "dn", "dt", "dy", "e",
    "ec", "eh", "en", "ex", "fk", "fy", "g", "gl", "gu", "ha", "hd", "hg", "hp", "hr", "hs", "hu",
    "hx", "ig", "ip", "iv", "ka", "kt", "kw", "ky", "l", "la", "ld", "le", "ll", "ln", "ls", "lu",
    "m", "me", "mk", "ml", "n", "ne", "ng", "nn", "np", "nr", "nw", "ol", "ox", "pa", "pe", "ph",
    "pl", "po", "pr", "rg", "rh", "rm", "s", "sa", "se", "sg", "sk", "sl", "sm", "sn", "so", "sp",
    "sr", "ss", "st", "sw", "sy", "ta", "td", "tf", "tn", "tq", "tr", "ts", "tw", "ub", "w", "wa",
    "wc", "wd", "wf", "wn", "wr", "ws", "wv", "yo", "ze",
];

fn postcode_area(letters: &str) -> bool {
    POSTCODE_AREAS.contains(&letters.to_ascii_lowercase().as_str())
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The words just before byte `at`, lower-cased, nearest last.
fn words_before(text: &str, at: usize, bytes: usize) -> String {
    let mut from = at.saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    text.get(from..at).unwrap_or_default().to_lowercase()
}

pub fn find(text: &str, out: &mut Vec<Candidate>) {
    emails(text, out);
    urls(text, out);
    handles(text, out);
    phones(text, out);
    nhs_numbers(text, out);
    postcodes(text, out);
    dates(text, out);
    references(text, out);
}

fn emails(text: &str, out: &mut Vec<Candidate>) {
    for m in EMAIL.find_iter(text) {
        if char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric() || "._%+-".contains(c))
        {
            continue;
        }
        out.push(Candidate::new(Kind::Email, m.start(), m.end(), 0.99));
    }
}

/// Trailing punctuation that ends a sentence rather than an address.
fn trim_url(candidate: &str) -> usize {
    let mut end = candidate.len();
    loop {
        let tail = &candidate[..end];
        let Some(last) = tail.chars().next_back() else {
            return 0;
        };
        let unbalanced_close = last == ')' && tail.matches('(').count() < tail.matches(')').count();
        if ".,;:!?'\"\u{2019}\u{201d}".contains(last) || unbalanced_close {
            end -= last.len_utf8();
        } else {
            return end;
        }
    }
}

fn urls(text: &str, out: &mut Vec<Candidate>) {
    for m in URL_EXPLICIT.find_iter(text) {
        if char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '/')
        {
            continue;
        }
        let end = m.start() + trim_url(m.as_str());
        if end > m.start() + 4 {
            out.push(Candidate::new(Kind::Url, m.start(), end, 0.98));
        }
    }
    for m in URL_BARE.find_iter(text) {
        let before = char_before(text, m.start());
        if before.is_some_and(|c| c.is_alphanumeric() || "@./-_".contains(c))
            || char_after(text, m.end()) == Some('@')
        {
            continue;
        }
        let end = m.start() + trim_url(m.as_str());
        out.push(Candidate::new(Kind::Url, m.start(), end, 0.9));
    }
}

fn handles(text: &str, out: &mut Vec<Candidate>) {
    for m in HANDLE.find_iter(text) {
        if char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric() || "_.@/".contains(c)) {
            continue;
        }
        let name = &m.as_str()[1..];
        let letters = name.bytes().filter(u8::is_ascii_alphabetic).count();
        // "@9am", "@ 3pm": text-speak for "at".
        let time = name
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .bytes()
            .all(|b| b.is_ascii_digit())
            && matches!(
                name.trim_start_matches(|c: char| c.is_ascii_digit())
                    .to_ascii_lowercase()
                    .as_str(),
                "" | "am" | "pm" | "ish"
            );
        if letters == 0 || time {
            continue;
        }
        out.push(Candidate::new(Kind::Handle, m.start(), m.end(), 0.95));
    }
}

fn phones(text: &str, out: &mut Vec<Candidate>) {
    for m in PHONE.find_iter(text) {
        if char_before(text, m.start())
            .is_some_and(|c| c.is_alphanumeric() || c == '+' || c == '/' || c == '.')
        {
            continue;
        }
        let raw = m.as_str();
        let mut digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        if let Some(rest) = raw.strip_prefix("+44") {
            let national: String = rest
                .replace("(0)", "")
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            digits = format!("0{national}");
        }
        let valid_prefix = digits
            .as_bytes()
            .get(1)
            .is_some_and(|d| b"1235789".contains(d));
        if (digits.len() == 10 || digits.len() == 11) && valid_prefix {
            let confidence = if digits.len() == 11 { 0.95 } else { 0.8 };
            out.push(Candidate::new(Kind::Phone, m.start(), m.end(), confidence));
        }
    }
}

/// The NHS modulus-11 check: weights 10 to 2 on the first nine digits.
pub fn nhs_check_digit_valid(digits: &[u8]) -> bool {
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10u32).rev())
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    let check = 11 - (sum % 11);
    let check = if check == 11 { 0 } else { check };
    check != 10 && check == u32::from(digits[9])
}

fn nhs_numbers(text: &str, out: &mut Vec<Candidate>) {
    for caps in NHS.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        let (first, second) = (
            caps.get(1).map_or("", |g| g.as_str()),
            caps.get(2).map_or("", |g| g.as_str()),
        );
        if first != second
            || char_before(text, m.start())
                .is_some_and(|c| c.is_alphanumeric() || "/.-+".contains(c))
            || char_after(text, m.end()).is_some_and(|c| c == '/' || c == '-')
        {
            continue;
        }
        let digits: Vec<u8> = m
            .as_str()
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        if !nhs_check_digit_valid(&digits) {
            continue;
        }
        let labelled = words_before(text, m.start(), 24).contains("nhs");
        if digits[0] == 0 && !labelled {
            continue; // a phone number's shape
        }
        out.push(Candidate::new(
            Kind::Nhs,
            m.start(),
            m.end(),
            if labelled { 0.99 } else { 0.85 },
        ));
    }
}

/// Words that, just before an outward code, say it is used as a place.
const PLACE_CUES: &[&str] = &[
    "in", "near", "around", "to", "from", "postcode", "area", "live", "lives", "round",
];

fn postcodes(text: &str, out: &mut Vec<Candidate>) {
    for caps in POSTCODE.captures_iter(text) {
        let (Some(m), Some(area)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if !postcode_area(area.as_str()) {
            continue;
        }
        let s = m.as_str();
        let confidence = if s == s.to_ascii_uppercase() {
            0.97
        } else if s == s.to_ascii_lowercase() {
            0.75
        } else {
            0.5
        };
        out.push(Candidate::new(
            Kind::Postcode,
            m.start(),
            m.end(),
            confidence,
        ));
    }
    for caps in OUTWARD.captures_iter(text) {
        let (Some(m), Some(area)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let s = m.as_str();
        let one_case = s == s.to_ascii_uppercase() || s == s.to_ascii_lowercase();
        if !postcode_area(area.as_str())
            || !one_case
            || char_after(text, m.end()).is_some_and(|c| c == '-' || c == '/')
        {
            continue;
        }
        let before = words_before(text, m.start(), 16);
        let cue = before
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|w| !w.is_empty())
            .is_some_and(|w| PLACE_CUES.contains(&w))
            && before.trim_end().len() + 2 >= before.len();
        let area_after = text
            .get(m.end()..)
            .is_some_and(|rest| rest.starts_with(" area"));
        // "we live in bedminster (bs3)": a district's code in brackets after it.
        let bracketed =
            char_before(text, m.start()) == Some('(') && char_after(text, m.end()) == Some(')');
        if cue || area_after || bracketed {
            out.push(Candidate::new(Kind::Postcode, m.start(), m.end(), 0.7));
        }
    }
}

fn valid_day(day: &str) -> bool {
    day.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

fn dates(text: &str, out: &mut Vec<Candidate>) {
    for caps in DATE_DAY_MONTH.captures_iter(text) {
        let (Some(m), Some(day), Some(month)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        // "the 17th of march": with an ordinal or "of", a lower-case "march" is the month.
        let ordinal_or_of = !m.as_str()[day.end() - m.start()..month.start() - m.start()]
            .trim()
            .is_empty();
        if valid_day(day.as_str()) && (!verb_not_month(month.as_str()) || ordinal_or_of) {
            out.push(Candidate::new(Kind::Date, m.start(), m.end(), 0.9));
        }
    }
    for caps in DATE_MONTH_DAY.captures_iter(text) {
        let (Some(m), Some(month), Some(day)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        // "Oct 24" is more often October 2024 than the 24th: an abbreviated month needs
        // the day's ordinal.
        let ordinal = m.as_str().ends_with(|c: char| c.is_ascii_alphabetic());
        let abbreviated = month.as_str().len() <= 4
            && !month.as_str().eq_ignore_ascii_case("june")
            && !month.as_str().eq_ignore_ascii_case("july");
        // "Mar 3" cannot be a year, and "· Mar 12" or a line of its own is a post's date.
        let line_start = text[..m.start()].trim_end_matches([' ', '\t']);
        let stamped = line_start.is_empty()
            || line_start.ends_with('\n')
            || line_start.ends_with(['·', '•', '|']);
        if valid_day(day.as_str())
            && !verb_not_month(month.as_str())
            && month.as_str().starts_with(|c: char| c.is_uppercase())
            && (ordinal
                || !abbreviated
                || m.as_str().contains(',')
                || day.as_str().len() == 1
                || stamped)
        {
            out.push(Candidate::new(Kind::Date, m.start(), m.end(), 0.8));
        }
    }
    for caps in DATE_WEEKDAY_DAY.captures_iter(text) {
        let (Some(m), Some(day)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        // "Tuesday 09:30" is a time; "Friday, 3" a list or a verse.
        let time = char_after(text, m.end()).is_some_and(|c| c == ':' || c == '.')
            && text[m.end() + 1..].starts_with(|c: char| c.is_ascii_digit());
        let bare_after_comma = m.as_str().contains(',') && day.end() == m.end();
        if valid_day(day.as_str()) && !time && !bare_after_comma {
            out.push(Candidate::new(Kind::Date, m.start(), m.end(), 0.75));
        }
    }
    for caps in DATE_SHORT_WEEKDAY_DAY.captures_iter(text) {
        let (Some(m), Some(day)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if valid_day(day.as_str()) {
            out.push(Candidate::new(Kind::Date, m.start(), m.end(), 0.7));
        }
    }
    for caps in DATE_DAY_MON_YEAR.captures_iter(text) {
        let (Some(m), Some(day)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if valid_day(day.as_str()) {
            out.push(Candidate::new(Kind::Date, m.start(), m.end(), 0.9));
        }
    }
    for caps in DATE_SHORT_NUMERIC.captures_iter(text) {
        let (Some(a), Some(b)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let (Ok(day), Ok(month)) = (a.as_str().parse::<u32>(), b.as_str().parse::<u32>()) else {
            continue;
        };
        let fraction = text[b.end()..]
            .trim_start()
            .to_lowercase()
            .starts_with("of ");
        let longer = char_after(text, b.end()).is_some_and(|c| c == '/' || c.is_ascii_digit());
        if (1..=31).contains(&day) && (1..=12).contains(&month) && !fraction && !longer {
            out.push(Candidate::new(Kind::Date, a.start(), b.end(), 0.7));
        }
    }
    for caps in DATE_NUMERIC.captures_iter(text) {
        let (Some(m), Some(a), Some(sep1), Some(b), Some(sep2)) = (
            caps.get(0),
            caps.get(1),
            caps.get(2),
            caps.get(3),
            caps.get(4),
        ) else {
            continue;
        };
        if sep1.as_str() != sep2.as_str()
            || char_before(text, m.start())
                .is_some_and(|c| c.is_alphanumeric() || "/.-".contains(c))
            || char_after(text, m.end()).is_some_and(|c| {
                c.is_ascii_digit()
                    || c == '/'
                    || (c == '.' && text[m.end() + 1..].starts_with(|d: char| d.is_ascii_digit()))
            })
        {
            continue;
        }
        let (Ok(a), Ok(b)) = (a.as_str().parse::<u32>(), b.as_str().parse::<u32>()) else {
            continue;
        };
        let day_month = (1..=31).contains(&a) && (1..=12).contains(&b);
        let month_day = (1..=12).contains(&a) && (1..=31).contains(&b);
        if day_month || month_day {
            out.push(Candidate::new(Kind::Date, m.start(), m.end(), 0.9));
        }
    }
    for caps in DATE_ISO.captures_iter(text) {
        let (Some(m), Some(month), Some(day)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        let month_ok = month
            .as_str()
            .parse::<u32>()
            .is_ok_and(|mo| (1..=12).contains(&mo));
        if month_ok && valid_day(day.as_str()) {
            out.push(Candidate::new(Kind::Date, m.start(), m.end(), 0.9));
        }
    }
}

/// "may", "mar" and "march" in lower case are far more often verbs than months.
fn verb_not_month(month: &str) -> bool {
    matches!(month, "may" | "mar" | "march")
}

fn references(text: &str, out: &mut Vec<Candidate>) {
    for m in REF_CODE.find_iter(text) {
        out.push(Candidate::new(Kind::Ref, m.start(), m.end(), 0.8));
    }
    for m in REF_SHAPED.find_iter(text) {
        let s = m.as_str();
        let digits = s.bytes().filter(u8::is_ascii_digit).count();
        if digits < 3
            || char_before(text, m.start()).is_some_and(|c| c == '@' || c == '/' || c == '.')
        {
            continue;
        }
        out.push(Candidate::new(Kind::Ref, m.start(), m.end(), 0.85));
    }
    for caps in REF_LABELLED.captures_iter(text) {
        let Some(value) = caps.get(1) else { continue };
        let digits = value.as_str().bytes().filter(u8::is_ascii_digit).count();
        if digits >= 3 {
            out.push(Candidate::new(Kind::Ref, value.start(), value.end(), 0.85));
        }
    }
}
