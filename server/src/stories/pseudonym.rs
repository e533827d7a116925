//! Pseudonyms ("Quiet Lantern"): a fresh one for each story by default, so that readers
//! cannot link two stories by the same parent. Words from `server/data/pseudonyms.toml`,
//! checked at start-up. Also the random public ids of stories.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::accounts::secrets::{CODE_ALPHABET, random_bytes};

#[derive(Debug, Deserialize)]
struct Words {
    adjectives: Vec<String>,
    nouns: Vec<String>,
}

static WORDS: LazyLock<Result<Words, String>> = LazyLock::new(|| {
    let words: Words = toml::from_str(include_str!("../../data/pseudonyms.toml"))
        .map_err(|e| format!("server/data/pseudonyms.toml: {e}"))?;
    for list in [&words.adjectives, &words.nouns] {
        if list.len() < 16 {
            return Err("server/data/pseudonyms.toml: each list needs at least 16 words".into());
        }
        if let Some(bad) = list
            .iter()
            .find(|w| !w.chars().all(|c| c.is_ascii_alphabetic()))
        {
            return Err(format!(
                "server/data/pseudonyms.toml: {bad:?} is not one word"
            ));
        }
    }
    Ok(words)
});

/// Checks the word lists (at start-up, so that a bad edit stops the server at once).
pub fn check() -> anyhow::Result<()> {
    WORDS
        .as_ref()
        .map(|_| ())
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// A fresh "Adjective Noun" pseudonym.
pub fn fresh() -> Result<String, getrandom::Error> {
    let [a, b, c, d] = random_bytes::<4>()?;
    let Ok(words) = WORDS.as_ref() else {
        // `check` ran at start-up; this cannot be reached with a server running.
        return Ok("Quiet Reader".to_owned());
    };
    let adjective =
        &words.adjectives[usize::from(u16::from_le_bytes([a, b])) % words.adjectives.len()];
    let noun = &words.nouns[usize::from(u16::from_le_bytes([c, d])) % words.nouns.len()];
    Ok(format!("{adjective} {noun}"))
}

/// Whether a name has the shape of a generated pseudonym (a forum name may not, or
/// readers could mistake one member's stories for others').
pub fn looks_generated(name: &str) -> bool {
    let Ok(words) = WORDS.as_ref() else {
        return false;
    };
    let mut parts = name.split_whitespace();
    match (parts.next(), parts.next(), parts.next()) {
        (Some(adjective), Some(noun), None) => {
            words
                .adjectives
                .iter()
                .any(|w| w.eq_ignore_ascii_case(adjective))
                && words.nouns.iter().any(|w| w.eq_ignore_ascii_case(noun))
        }
        _ => false,
    }
}

/// A story's public id: 12 characters of lowercase base32 (60 random bits).
pub fn public_id() -> Result<String, getrandom::Error> {
    let bytes = random_bytes::<12>()?;
    Ok(bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(b & 31)]))
        .collect())
}

/// Whether `id` could be a public id (checked before any query).
pub fn is_public_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_load_and_pseudonyms_have_two_words() {
        check().unwrap();
        let name = fresh().unwrap();
        assert!(looks_generated(&name), "{name}");
        assert!(!looks_generated("Sam from the coast"));
    }

    #[test]
    fn public_ids_are_twelve_base32_characters() {
        let id = public_id().unwrap();
        assert!(is_public_id(&id), "{id}");
        assert!(!is_public_id("../etc/passwd"));
    }
}
