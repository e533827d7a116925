//! Who may read and change what. Read rules: counted-only stories, and stories never
//! published, are for their author and moderators; `members` stories for signed-in
//! members; `public` and `federated` ones for anyone. A reader who may not see a story is
//! told it is not found, so that its existence does not leak.

use axum::{extract::FromRequestParts, http::request::Parts};

use super::{State, Visibility};
use crate::{
    AppState,
    accounts::{session::SignedIn, types::Role},
    entities::story,
    problem::{Problem, ProblemCode},
};

/// Whoever is reading: a signed-in member, or anyone.
#[derive(Debug, Clone)]
pub struct Reader(pub Option<SignedIn>);

impl FromRequestParts<AppState> for Reader {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        // A missing, expired or revoked session reads as anyone: reading never needs one.
        Ok(Self(SignedIn::from_request_parts(parts, state).await.ok()))
    }
}

impl Reader {
    pub fn id(&self) -> Option<i64> {
        self.0.as_ref().map(|m| m.id)
    }

    pub fn is_moderator(&self) -> bool {
        self.0.as_ref().is_some_and(|m| m.role >= Role::Moderator)
    }

    pub fn is_author(&self, story: &story::Model) -> bool {
        self.id().is_some() && story.author_id == self.id()
    }

    /// The visibilities of published stories this reader sees in the feed.
    pub fn feed_visibilities(&self) -> &'static [Visibility] {
        if self.0.is_some() {
            &[
                Visibility::Members,
                Visibility::Public,
                Visibility::Federated,
            ]
        } else {
            &[Visibility::Public, Visibility::Federated]
        }
    }

    /// Whether the reader may read this story at all.
    pub fn may_read(&self, story: &story::Model) -> bool {
        if story.state == State::Withdrawn {
            return true; // answered with 410 `withdrawn` by the caller
        }
        if self.is_author(story) {
            return true;
        }
        // A draft is the author's alone until it is sent to the moderators.
        if self.is_moderator() && story.state != State::Draft {
            return true;
        }
        story.live && self.feed_visibilities().contains(&story.visibility)
    }
}

/// The story, if this reader may read it: 404 otherwise, 410 once withdrawn.
pub fn readable(story: Option<story::Model>, reader: &Reader) -> Result<story::Model, Problem> {
    let story = story
        .filter(|s| reader.may_read(s))
        .ok_or_else(|| Problem::new(ProblemCode::NotFound).detail("There is no such story."))?;
    if story.state == State::Withdrawn {
        return Err(Problem::new(ProblemCode::Withdrawn)
            .detail("The author withdrew this story; its text has been deleted."));
    }
    Ok(story)
}

/// The story, if `member` wrote it: 404 otherwise (to anyone else it does not exist),
/// 410 once withdrawn.
pub fn own(story: Option<story::Model>, member: &SignedIn) -> Result<story::Model, Problem> {
    let story = story
        .filter(|s| s.author_id == Some(member.id))
        .ok_or_else(|| Problem::new(ProblemCode::NotFound).detail("There is no such story."))?;
    if story.state == State::Withdrawn {
        return Err(Problem::new(ProblemCode::Withdrawn).detail("This story was withdrawn."));
    }
    Ok(story)
}

/// 409 `invalid_state` with a plain reason.
pub fn invalid_state(detail: &str) -> Problem {
    Problem::new(ProblemCode::InvalidState).detail(detail.to_owned())
}
