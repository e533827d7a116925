//! Account values parsed at the edge: a handle, a passphrase, a one-time code.

use std::fmt;

use serde::Deserialize;

pub use crate::entities::account::Role;

/// A member's handle: 3–30 of a–z, 0–9 and `_`, stored lowercase so that it is unique
/// ignoring case. Members may not choose words that would let them pass as staff.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Handle(String);

/// Why a handle was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HandleError {
    #[error("A handle has 3 to 30 characters: letters a to z, numbers and _.")]
    Invalid,
    #[error("That handle is kept for the forum's own use. Please choose another.")]
    Reserved,
}

/// Refused as handles, and as the start of one (`admin_jo`), so nobody can pass as staff.
const RESERVED_PREFIXES: [&str; 10] = [
    "admin",
    "moderator",
    "forum",
    "support",
    "staff",
    "official",
    "commonthread",
    "system",
    "root",
    "mod_",
];
/// Refused as whole handles.
const RESERVED_WORDS: [&str; 7] = [
    "mod",
    "help",
    "api",
    "anonymous",
    "null",
    "deleted",
    "council",
];

impl Handle {
    /// A handle a new member chooses: the shape rules, and none of the kept words.
    pub fn choose(value: &str) -> Result<Self, HandleError> {
        let handle = Self::parse(value)?;
        if RESERVED_WORDS.contains(&handle.as_str())
            || RESERVED_PREFIXES.iter().any(|p| handle.0.starts_with(p))
        {
            return Err(HandleError::Reserved);
        }
        Ok(handle)
    }

    /// Any well-formed handle: for finding an account, and for staff the operator makes
    /// on the command line, who may call themselves `admin` or `forum_lead`.
    pub fn parse(value: &str) -> Result<Self, HandleError> {
        let handle = value.trim().to_lowercase();
        let length_ok = (3..=30).contains(&handle.chars().count());
        let chars_ok = handle
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !length_ok || !chars_ok {
            return Err(HandleError::Invalid);
        }
        Ok(Self(handle))
    }

    /// A handle read back from the database, which only ever holds parsed ones.
    pub fn from_stored(value: String) -> Self {
        Self(value)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A passphrase as typed: its shape is checked here (10–200 characters), its strength by
/// [`super::passwords::check_strength`]. Never printed.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct Passphrase(String);

pub const PASSPHRASE_MIN_CHARS: usize = 10;
/// Long enough for any passphrase a person types; short enough that hashing stays cheap.
pub const PASSPHRASE_MAX_CHARS: usize = 200;

impl Passphrase {
    pub fn new(value: String) -> Self {
        Self(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase([redacted])")
    }
}

/// A recovery or invite code as typed: Crockford base32, dashes and spaces ignored,
/// look-alike letters read as the digits they resemble.
#[derive(Clone, PartialEq, Eq)]
pub struct OneTimeCode(String);

impl OneTimeCode {
    pub fn parse(value: &str) -> Option<Self> {
        let mut normalised = String::with_capacity(16);
        for c in value.chars() {
            match c.to_ascii_lowercase() {
                '-' | ' ' => {}
                'o' => normalised.push('0'),
                'i' | 'l' => normalised.push('1'),
                c if super::secrets::CODE_ALPHABET.contains(&(c as u8)) => normalised.push(c),
                _ => return None,
            }
        }
        (normalised.len() == super::secrets::CODE_CHARS).then_some(Self(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for OneTimeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OneTimeCode([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_lowercased_and_checked() {
        assert_eq!(Handle::parse(" Rowan_22 ").unwrap().as_str(), "rowan_22");
        for bad in [
            "ab",
            "a".repeat(31).as_str(),
            "rowan smith",
            "rowán",
            "rowan-22",
            "",
        ] {
            assert_eq!(Handle::parse(bad), Err(HandleError::Invalid), "{bad:?}");
            assert_eq!(Handle::choose(bad), Err(HandleError::Invalid), "{bad:?}");
        }
        for reserved in [
            "admin",
            "Admin2",
            "moderator",
            "forum_team",
            "support",
            "mod",
            "api",
        ] {
            assert_eq!(
                Handle::choose(reserved),
                Err(HandleError::Reserved),
                "{reserved:?}"
            );
        }
        assert!(Handle::choose("modesty").is_ok());
        // Staff handles are well formed: they can be found and signed in with.
        assert_eq!(Handle::parse("Forum_Lead").unwrap().as_str(), "forum_lead");
    }

    #[test]
    fn passphrases_never_print() {
        let secret = Passphrase::new("correct horse battery".to_owned());
        assert_eq!(format!("{secret:?}"), "Passphrase([redacted])");
    }

    #[test]
    fn codes_forgive_dashes_case_and_look_alikes() {
        let code = OneTimeCode::parse("ABCD-EFGH-JKMN-PQ0O").unwrap();
        assert_eq!(code.as_str(), "abcdefghjkmnpq00");
        assert_eq!(
            OneTimeCode::parse("abcd efgh jkmn pqil").unwrap().as_str(),
            "abcdefghjkmnpq11"
        );
        assert!(OneTimeCode::parse("abcd-efgh-jkmn").is_none());
        assert!(OneTimeCode::parse("abcd-efgh-jkmn-pqu!").is_none());
    }
}
