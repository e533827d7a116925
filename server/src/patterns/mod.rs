//! Pattern tags: the shared vocabulary (`vocabulary`), the forum's own local tags
//! (`local`), the JSON-LD namespace document served at `/ns` (`namespace`), and tag
//! suggestion from a story's text (`suggest`).

pub mod local;
pub mod namespace;
pub mod routes;
pub mod suggest;
pub mod vocabulary;

pub use suggest::{Suggester, Suggestion};
pub use vocabulary::{Category, NAMESPACE, SharedTag, Vocabulary};

/// The vocabulary and the suggester, checked at start-up and shared by every handler.
#[derive(Debug)]
pub struct Patterns {
    pub vocabulary: Vocabulary,
    pub suggester: Suggester,
}

impl Patterns {
    /// The vocabulary and lexicon built into this binary; an error names what is wrong.
    pub fn bundled() -> anyhow::Result<Self> {
        use anyhow::Context as _;
        let vocabulary = Vocabulary::bundled().context("server/vocabulary/patterns.toml")?;
        let suggester =
            Suggester::bundled(&vocabulary).context("server/vocabulary/suggest.toml")?;
        Ok(Self {
            vocabulary,
            suggester,
        })
    }
}
