//! How stories look to their readers: the full view, and the summary in the feed.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;

use super::{
    AgeBand, ContentWarning, PrimaryNeed, Service, Stage, State, Visibility, access::Reader,
    input::Content, signposts, store,
};
use crate::{
    AppState,
    areas::GssCode,
    entities::{fed_partner, reaction, story},
};

/// The "this happened to us too" count, and whether the reader said so.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReactionsView {
    pub count: i64,
    pub mine: bool,
}

/// A signposting text shown under a story with the tag.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignpostView {
    pub tag: String,
    pub label: String,
    pub text: String,
    /// Sanitised HTML of `text`.
    pub html: String,
}

/// The partner forum a story came from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForumRef {
    /// `host[:port]`.
    pub domain: String,
    pub name: Option<String>,
    /// The story on its own forum.
    pub url: Option<String>,
}

/// A story as a reader sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoryView {
    pub id: String,
    pub state: State,
    /// A version is published and shown to readers.
    pub live: bool,
    pub title: String,
    /// Sanitised HTML.
    pub html: String,
    /// The Markdown source: for the author and moderators only.
    pub body: Option<String>,
    /// GSS code, or `not-said`.
    pub area: String,
    pub area_name: Option<String>,
    pub period: String,
    pub services: Vec<Service>,
    pub stage: Option<Stage>,
    pub age_band: Option<AgeBand>,
    pub primary_need: Option<PrimaryNeed>,
    pub tags: Vec<String>,
    pub visibility: Visibility,
    pub consent_count: bool,
    pub consent_quote: bool,
    pub content_warnings: Vec<ContentWarning>,
    pub pseudonym: String,
    /// A sample story of a demonstration forum.
    pub sample: bool,
    /// The day it was first published.
    pub published: Option<NaiveDate>,
    pub updated: NaiveDate,
    pub reactions: ReactionsView,
    /// Published replies.
    pub replies: i64,
    pub signposts: Vec<SignpostView>,
    /// The reader wrote it.
    pub mine: bool,
    /// The latest message from a moderator (author and moderators only).
    pub moderator_message: Option<String>,
    /// An edit waiting for a moderator (author and moderators only).
    pub pending_edit: Option<Content>,
    /// The partner forum it came from; `null` for this forum's own.
    pub forum: Option<ForumRef>,
}

/// A story in the feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct StorySummary {
    pub id: String,
    pub title: String,
    pub pseudonym: String,
    pub published: Option<NaiveDate>,
    pub area: String,
    pub area_name: Option<String>,
    pub period: String,
    pub services: Vec<Service>,
    pub stage: Option<Stage>,
    pub tags: Vec<String>,
    pub content_warnings: Vec<ContentWarning>,
    /// Plain text, at most 240 characters; `null` when the story has content warnings.
    pub excerpt: Option<String>,
    pub reactions: i64,
    pub replies: i64,
    pub sample: bool,
    /// The partner forum it came from; `null` for this forum's own.
    pub forum: Option<ForumRef>,
}

pub const EXCERPT_CHARS: usize = 240;

pub fn area_code(area: Option<&str>) -> String {
    area.unwrap_or(super::input::NOT_SAID).to_owned()
}

pub fn area_name(state: &AppState, area: Option<&str>) -> Option<String> {
    let code: GssCode = area?.parse().ok()?;
    state.areas.get(&code).map(|a| a.name.clone())
}

/// The full view of a story for this reader (who may read it: see `access`).
pub async fn story_view(
    state: &AppState,
    row: &story::Model,
    reader: &Reader,
) -> Result<StoryView, DbErr> {
    let content = store::content(row);
    let privileged = reader.is_author(row) || reader.is_moderator();
    let mine = match reader.id() {
        Some(id) if row.live => reaction::Entity::find()
            .filter(reaction::Column::StoryId.eq(row.id))
            .filter(reaction::Column::AccountId.eq(id))
            .one(&state.db)
            .await?
            .is_some(),
        _ => false,
    };
    let signposts = signposts::for_tags(state, &content.tags).await?;
    let forum = forum_refs(state, [(row.origin_partner_id, row.origin_url.clone())])
        .await?
        .pop()
        .flatten();
    Ok(StoryView {
        forum,
        id: row.public_id.clone(),
        state: row.state,
        live: row.live,
        title: content.title,
        html: content.html,
        body: privileged.then_some(content.body),
        area: area_code(content.area.as_deref()),
        area_name: area_name(state, content.area.as_deref()),
        period: content.period,
        services: content.services,
        stage: content.stage,
        age_band: content.age_band,
        primary_need: content.primary_need,
        tags: content.tags,
        visibility: content.visibility,
        consent_count: content.consent_count,
        consent_quote: content.consent_quote,
        content_warnings: content.content_warnings,
        pseudonym: row.pseudonym.clone(),
        sample: row.sample,
        published: row.published_on,
        updated: row.updated_at.date_naive(),
        reactions: ReactionsView {
            count: row.reaction_count.into(),
            mine,
        },
        replies: row.reply_count.into(),
        signposts,
        mine: reader.is_author(row),
        moderator_message: privileged.then(|| row.moderator_message.clone()).flatten(),
        pending_edit: privileged.then(|| store::pending_edit(row)).flatten(),
    })
}

/// The columns a feed entry needs (not the text itself: the feed reads a lot of rows).
#[derive(Debug, sea_orm::FromQueryResult)]
pub struct SummaryRow {
    pub id: i64,
    pub public_id: String,
    pub title: String,
    pub pseudonym: String,
    pub published_on: Option<NaiveDate>,
    pub area: Option<String>,
    pub period: String,
    pub services: String,
    pub stage: Option<String>,
    pub tags: String,
    pub content_warnings: String,
    pub excerpt: String,
    pub reaction_count: i32,
    pub reply_count: i32,
    pub sample: bool,
    pub feed_key: Option<i64>,
    pub origin_partner_id: Option<i64>,
    pub origin_url: Option<String>,
}

impl SummaryRow {
    pub const COLUMNS: [story::Column; 18] = [
        story::Column::Id,
        story::Column::PublicId,
        story::Column::Title,
        story::Column::Pseudonym,
        story::Column::PublishedOn,
        story::Column::Area,
        story::Column::Period,
        story::Column::Services,
        story::Column::Stage,
        story::Column::Tags,
        story::Column::ContentWarnings,
        story::Column::Excerpt,
        story::Column::ReactionCount,
        story::Column::ReplyCount,
        story::Column::Sample,
        story::Column::FeedKey,
        story::Column::OriginPartnerId,
        story::Column::OriginUrl,
    ];
}

/// The partner forums of stories, in order (`None` for this forum's own), in one query.
pub async fn forum_refs(
    state: &AppState,
    stories: impl IntoIterator<Item = (Option<i64>, Option<String>)>,
) -> Result<Vec<Option<ForumRef>>, DbErr> {
    let stories: Vec<_> = stories.into_iter().collect();
    let ids: Vec<i64> = stories.iter().filter_map(|(id, _)| *id).collect();
    if ids.is_empty() {
        return Ok(stories.iter().map(|_| None).collect());
    }
    let partners: std::collections::HashMap<i64, fed_partner::Model> = fed_partner::Entity::find()
        .filter(fed_partner::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(stories
        .into_iter()
        .map(|(id, url)| {
            let partner = partners.get(&id?)?;
            Some(ForumRef {
                domain: partner.domain.clone(),
                name: partner.name.clone(),
                url,
            })
        })
        .collect())
}

pub fn summary(state: &AppState, row: SummaryRow, forum: Option<ForumRef>) -> StorySummary {
    let content_warnings = super::split(&row.content_warnings, ContentWarning::parse);
    StorySummary {
        forum,
        area_name: area_name(state, row.area.as_deref()),
        area: area_code(row.area.as_deref()),
        services: super::split(&row.services, Service::parse),
        stage: row.stage.as_deref().and_then(Stage::parse),
        tags: super::split_tags(&row.tags),
        excerpt: content_warnings.is_empty().then_some(row.excerpt),
        content_warnings,
        id: row.public_id,
        title: row.title,
        pseudonym: row.pseudonym,
        published: row.published_on,
        period: row.period,
        reactions: row.reaction_count.into(),
        replies: row.reply_count.into(),
        sample: row.sample,
    }
}
