//! Sample stories for a demonstration forum (`forum.sample_stories = true`, off by
//! default): on an empty forum, the stories in `server/data/sample-stories.toml` are
//! published, each marked as a sample, so that a newcomer sees a living forum.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait,
};
use serde::Deserialize;

use super::{State as StoryState, input::StoryInput, pseudonym, store};
use crate::{AppState, entities::story};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    story: Vec<StoryInput>,
}

const SAMPLES: &str = include_str!("../../data/sample-stories.toml");

/// The bundled samples, checked like any story.
fn samples(state: &AppState) -> anyhow::Result<Vec<super::input::Content>> {
    let file: File = toml::from_str(SAMPLES)
        .map_err(|e| anyhow::anyhow!("server/data/sample-stories.toml: {e}"))?;
    let today = Utc::now().date_naive();
    file.story
        .into_iter()
        .enumerate()
        .map(|(i, input)| {
            let content = input.check(&state.areas, today).map_err(|p| {
                anyhow::anyhow!(
                    "server/data/sample-stories.toml: story {}: {:?}",
                    i + 1,
                    p.body().detail
                )
            })?;
            for tag in &content.tags {
                if state.patterns.vocabulary.tag(tag).is_none() {
                    anyhow::bail!(
                        "server/data/sample-stories.toml: story {}: unknown tag {tag:?}",
                        i + 1
                    );
                }
            }
            Ok(content)
        })
        .collect()
}

/// Publishes the samples if the forum has no stories yet. Returns how many it added.
pub async fn seed_if_empty(state: &AppState, db: &DatabaseConnection) -> anyhow::Result<usize> {
    let contents = samples(state)?;
    if story::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let txn = crate::db::begin_write(db).await?;
    let now = Utc::now();
    let count = contents.len();
    for (i, content) in contents.iter().enumerate() {
        // Oldest first, a day apart, so that the feed has an order.
        let published = now - Duration::days(i64::try_from(count - i).unwrap_or(0));
        let row = store::insert(
            &txn,
            store::NewStory {
                public_id: pseudonym::public_id()?,
                author_id: None,
                pseudonym: pseudonym::fresh()?,
                content,
                sample: true,
            },
            published,
        )
        .await?;
        let mut active = row.into_active_model();
        active.state = Set(StoryState::Published);
        active.live = Set(true);
        active.feed_key = Set(Some(published.timestamp_micros()));
        active.published_on = Set(Some(published.date_naive()));
        let row = active.update(&txn).await?;
        store::sync_tags(&txn, &row).await?;
    }
    txn.commit().await?;
    Ok(count)
}
