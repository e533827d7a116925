//! Passphrases: strength checked with zxcvbn, hashed with Argon2id (OWASP's parameters:
//! 19 MiB, 2 passes, 1 lane), always on a blocking thread.

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHasher as _, PasswordVerifier as _, phc::PasswordHash},
};
use zxcvbn::Score;

use super::types::{PASSPHRASE_MAX_CHARS, PASSPHRASE_MIN_CHARS, Passphrase};

/// Argon2id with OWASP's minimum for Argon2id (m = 19 MiB, t = 2, p = 1).
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Why a passphrase was refused, in words to show the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct WeakPassphrase(pub String);

/// Refuses passphrases that are too short, too long, or guessable (zxcvbn score under 3,
/// i.e. fewer than 10^10 guesses), with the estimator's reason and suggestion.
pub fn check_strength(passphrase: &Passphrase, context: &[&str]) -> Result<(), WeakPassphrase> {
    let chars = passphrase.char_count();
    if chars < PASSPHRASE_MIN_CHARS {
        return Err(WeakPassphrase(format!(
            "Use at least {PASSPHRASE_MIN_CHARS} characters. A few unrelated words work well."
        )));
    }
    if chars > PASSPHRASE_MAX_CHARS {
        return Err(WeakPassphrase(format!(
            "Use at most {PASSPHRASE_MAX_CHARS} characters."
        )));
    }
    let estimate = zxcvbn::zxcvbn(passphrase.expose(), context);
    if estimate.score() >= Score::Three {
        return Ok(());
    }
    let mut reason = String::from("This passphrase would be easy to guess.");
    if let Some(feedback) = estimate.feedback() {
        if let Some(warning) = feedback.warning() {
            reason = format!("{warning}.");
        }
        for suggestion in feedback.suggestions().iter().take(2) {
            reason.push(' ');
            reason.push_str(&suggestion.to_string());
        }
    }
    if !reason.contains("words") {
        reason.push_str(" A few unrelated words work well.");
    }
    Err(WeakPassphrase(reason.replace("..", ".")))
}

/// Hashes on a blocking thread: Argon2 takes tens of milliseconds by design.
pub async fn hash(passphrase: Passphrase) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        argon2()
            .hash_password(passphrase.expose().as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
    .await?
}

/// Checks a passphrase against a stored hash, on a blocking thread. With no hash (an
/// unknown handle) it checks against a dummy hash, so that both take the same time.
pub async fn verify(passphrase: Passphrase, stored: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let parsed = PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
        Ok(argon2()
            .verify_password(passphrase.expose().as_bytes(), &parsed)
            .is_ok())
    })
    .await?
}

/// Makes the dummy hash ahead of the first sign-in.
pub fn warm_up() {
    std::sync::LazyLock::force(&DUMMY_HASH);
}

/// A hash of a random passphrase, made once, to verify against for unknown handles.
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let random = super::secrets::new_token().unwrap_or_else(|_| "dummy passphrase".to_owned());
    argon2()
        .hash_password(random.as_bytes())
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(s: &str) -> Passphrase {
        Passphrase::new(s.to_owned())
    }

    #[test]
    fn weak_passphrases_are_refused_with_a_reason() {
        let short = check_strength(&phrase("horse"), &[]).unwrap_err();
        assert_eq!(
            short.0,
            "Use at least 10 characters. A few unrelated words work well."
        );
        let common = check_strength(&phrase("password123"), &[]).unwrap_err();
        assert!(
            common.0.contains("common") || common.0.contains("guess"),
            "{}",
            common.0
        );
        let own_handle = check_strength(&phrase("rowan_smith_1"), &["rowan_smith_1"]);
        assert!(own_handle.is_err());
        assert!(check_strength(&phrase("correct horse battery staple lantern"), &[]).is_ok());
    }

    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let hash = hash(phrase("correct horse battery staple")).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            verify(phrase("correct horse battery staple"), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify(phrase("correct horse battery stapler"), Some(hash))
                .await
                .unwrap()
        );
        assert!(!verify(phrase("anything at all"), None).await.unwrap());
    }
}
