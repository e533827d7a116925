//! Random secrets and their hashes: refresh tokens, recovery and invite codes.
//!
//! These are high-entropy random values (80 bits or more), so a plain SHA-256 is enough to
//! store them: unlike a passphrase, they cannot be guessed from a dictionary.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Crockford's base32 alphabet, lowercase: no i, l, o or u to misread.
pub const CODE_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
/// 16 characters of 5 bits: 80 bits.
pub const CODE_CHARS: usize = 16;

/// `n` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0_u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}

/// A 256-bit opaque token, URL-safe.
pub fn new_token() -> Result<String, getrandom::Error> {
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>()?))
}

/// A code a person can copy or type: `abcd-efgh-jkmn-pqrs`.
pub fn new_code() -> Result<String, getrandom::Error> {
    let bytes = random_bytes::<CODE_CHARS>()?;
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(b & 31)]))
        .collect();
    Ok(chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// The stored form of a token or a normalised code: hex SHA-256.
pub fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::OneTimeCode;

    #[test]
    fn codes_are_16_alphabet_characters_in_groups_and_parse_back() {
        let code = new_code().unwrap();
        assert_eq!(code.len(), 19);
        assert_eq!(code.matches('-').count(), 3);
        let parsed = OneTimeCode::parse(&code).unwrap();
        assert_eq!(parsed.as_str(), code.replace('-', ""));
        assert_ne!(new_code().unwrap(), code);
    }

    #[test]
    fn tokens_are_43_url_safe_characters() {
        let token = new_token().unwrap();
        assert_eq!(token.len(), 43);
        assert!(
            token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(hash(&token).len(), 64);
        assert_eq!(hash("abc"), hash("abc"));
    }
}
