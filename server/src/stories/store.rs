//! The queries on `story` and `story_tag`.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait},
};

use super::{
    AgeBand, ContentWarning, PrimaryNeed, Service, Stage, State, input::Content, join, split,
    split_tags,
};
use crate::entities::{story, story_tag};

/// A new story (a draft, or a sample that is published at once by the caller).
pub struct NewStory<'a> {
    pub public_id: String,
    pub author_id: Option<i64>,
    pub pseudonym: String,
    pub content: &'a Content,
    pub sample: bool,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewStory<'_>,
    now: DateTime<Utc>,
) -> Result<story::Model, DbErr> {
    let mut row = story::ActiveModel {
        public_id: Set(new.public_id),
        author_id: Set(new.author_id),
        state: Set(State::Draft),
        live: Set(false),
        sample: Set(new.sample),
        pseudonym: Set(new.pseudonym),
        pending_edit: Set(None),
        moderator_message: Set(None),
        reaction_count: Set(0),
        reply_count: Set(0),
        feed_key: Set(None),
        published_on: Set(None),
        submitted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    set_content(&mut row, new.content);
    row.insert(db).await
}

/// Puts `content` in a row's columns.
pub fn set_content(row: &mut story::ActiveModel, content: &Content) {
    row.title = Set(content.title.clone());
    row.body = Set(content.body.clone());
    row.html = Set(content.html.clone());
    row.excerpt = Set(super::render::excerpt(
        &content.body,
        super::view::EXCERPT_CHARS,
    ));
    row.area = Set(content.area.clone());
    row.period = Set(content.period.clone());
    row.services = Set(join(&content.services, Service::as_str));
    row.tags = Set(content.tags.join(","));
    row.stage = Set(content.stage.map(|s| s.as_str().to_owned()));
    row.age_band = Set(content.age_band.map(|s| s.as_str().to_owned()));
    row.primary_need = Set(content.primary_need.map(|s| s.as_str().to_owned()));
    row.visibility = Set(content.visibility);
    row.consent_count = Set(content.consent_count);
    row.consent_quote = Set(content.consent_quote);
    row.content_warnings = Set(join(&content.content_warnings, ContentWarning::as_str));
}

/// The content a row's columns hold.
pub fn content(row: &story::Model) -> Content {
    Content {
        title: row.title.clone(),
        body: row.body.clone(),
        html: row.html.clone(),
        area: row.area.clone(),
        period: row.period.clone(),
        services: split(&row.services, Service::parse),
        stage: row.stage.as_deref().and_then(Stage::parse),
        age_band: row.age_band.as_deref().and_then(AgeBand::parse),
        primary_need: row.primary_need.as_deref().and_then(PrimaryNeed::parse),
        tags: split_tags(&row.tags),
        visibility: row.visibility,
        consent_count: row.consent_count,
        consent_quote: row.consent_quote,
        content_warnings: split(&row.content_warnings, ContentWarning::parse),
    }
}

/// The edit waiting for a moderator, if any.
pub fn pending_edit(row: &story::Model) -> Option<Content> {
    row.pending_edit
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
}

pub fn encode_edit(content: &Content) -> Result<String, DbErr> {
    serde_json::to_string(content).map_err(|e| DbErr::Custom(e.to_string()))
}

pub async fn find(
    db: &impl ConnectionTrait,
    public_id: &str,
) -> Result<Option<story::Model>, DbErr> {
    if !super::pseudonym::is_public_id(public_id) {
        return Ok(None);
    }
    story::Entity::find()
        .filter(story::Column::PublicId.eq(public_id))
        .one(db)
        .await
}

pub async fn find_by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<story::Model>, DbErr> {
    story::Entity::find_by_id(id).one(db).await
}

/// Makes the feed's tag rows match the story's live tags (none when not live).
pub async fn sync_tags(db: &impl ConnectionTrait, row: &story::Model) -> Result<(), DbErr> {
    story_tag::Entity::delete_many()
        .filter(story_tag::Column::StoryId.eq(row.id))
        .exec(db)
        .await?;
    let (true, Some(feed_key)) = (row.live, row.feed_key) else {
        return Ok(());
    };
    let rows: Vec<story_tag::ActiveModel> = split_tags(&row.tags)
        .into_iter()
        .map(|tag| story_tag::ActiveModel {
            story_id: Set(row.id),
            tag: Set(tag),
            feed_key: Set(feed_key),
        })
        .collect();
    if !rows.is_empty() {
        story_tag::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// Saves a changed row.
pub async fn update(
    db: &impl ConnectionTrait,
    row: story::ActiveModel,
) -> Result<story::Model, DbErr> {
    row.update(db).await
}

/// A member's stories, except withdrawn ones, most recently changed first.
pub async fn by_author(
    db: &impl ConnectionTrait,
    author_id: i64,
) -> Result<Vec<story::Model>, DbErr> {
    story::Entity::find()
        .filter(story::Column::AuthorId.eq(author_id))
        .filter(story::Column::State.ne(State::Withdrawn))
        .order_by_desc(story::Column::UpdatedAt)
        .order_by_desc(story::Column::Id)
        .all(db)
        .await
}

/// Stories waiting for a moderator, oldest submitted first.
pub async fn pending(db: &impl ConnectionTrait) -> Result<Vec<story::Model>, DbErr> {
    story::Entity::find()
        .filter(story::Column::State.eq(State::Pending))
        .order_by_asc(story::Column::SubmittedAt)
        .order_by_asc(story::Column::Id)
        .all(db)
        .await
}

/// Withdraws a story: its text, tags and details are deleted, with its replies,
/// reactions and reports; only the id stays, so that links answer "withdrawn".
pub async fn withdraw(
    db: &impl ConnectionTrait,
    row: story::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use crate::entities::{notification, reaction, reply, report};
    let id = row.id;
    report::Entity::delete_many()
        .filter(report::Column::StoryId.eq(id))
        .exec(db)
        .await?;
    reply::Entity::delete_many()
        .filter(reply::Column::StoryId.eq(id))
        .exec(db)
        .await?;
    reaction::Entity::delete_many()
        .filter(reaction::Column::StoryId.eq(id))
        .exec(db)
        .await?;
    notification::Entity::delete_many()
        .filter(notification::Column::StoryId.eq(id))
        .exec(db)
        .await?;
    let mut active = row.into_active_model();
    set_content(&mut active, &Content::withdrawn());
    active.state = Set(State::Withdrawn);
    active.live = Set(false);
    active.pseudonym = Set(String::new());
    active.pending_edit = Set(None);
    active.moderator_message = Set(None);
    active.reaction_count = Set(0);
    active.reply_count = Set(0);
    active.updated_at = Set(now);
    let row = active.update(db).await?;
    sync_tags(db, &row).await
}

/// Adds `delta` to a story's reaction or reply count.
pub async fn bump(
    db: &impl ConnectionTrait,
    story_id: i64,
    column: story::Column,
    delta: i32,
) -> Result<(), DbErr> {
    story::Entity::update_many()
        .col_expr(column, Expr::col(column).add(delta))
        .filter(story::Column::Id.eq(story_id))
        .exec(db)
        .await?;
    Ok(())
}

impl Content {
    /// What is left of a withdrawn story: nothing.
    pub fn withdrawn() -> Self {
        Self {
            title: String::new(),
            body: String::new(),
            html: String::new(),
            area: None,
            period: String::new(),
            services: Vec::new(),
            stage: None,
            age_band: None,
            primary_need: None,
            tags: Vec::new(),
            visibility: super::Visibility::CountedOnly,
            consent_count: false,
            consent_quote: false,
            content_warnings: Vec::new(),
        }
    }
}

/// Erases what a member wrote before their account goes: their stories are withdrawn,
/// and their replies and reactions removed from the counts they were part of.
pub async fn erase_author(db: &impl ConnectionTrait, account_id: i64) -> Result<(), DbErr> {
    use crate::entities::{
        reaction,
        reply::{self, ReplyState},
    };
    let now = Utc::now();
    let stories = story::Entity::find()
        .filter(story::Column::AuthorId.eq(account_id))
        .filter(story::Column::State.ne(State::Withdrawn))
        .all(db)
        .await?;
    for row in stories {
        withdraw(db, row, now).await?;
    }
    let replies = reply::Entity::find()
        .filter(reply::Column::AuthorId.eq(account_id))
        .filter(reply::Column::State.eq(ReplyState::Published))
        .all(db)
        .await?;
    for row in replies {
        bump(db, row.story_id, story::Column::ReplyCount, -1).await?;
    }
    // Replies already sent to a partner's forum are taken back there too.
    let sent: Vec<(i64, String, Option<i64>)> = reply::Entity::find()
        .select_only()
        .column(reply::Column::Id)
        .column(reply::Column::ApId)
        .column(story::Column::OriginPartnerId)
        .inner_join(story::Entity)
        .filter(reply::Column::AuthorId.eq(account_id))
        .filter(reply::Column::ApId.is_not_null())
        .filter(story::Column::OriginPartnerId.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    for (id, ap_id, partner) in sent {
        crate::federation::outbox::retract_reply(db, id, &ap_id, partner).await?;
    }
    reply::Entity::delete_many()
        .filter(reply::Column::AuthorId.eq(account_id))
        .exec(db)
        .await?;
    let reactions = reaction::Entity::find()
        .filter(reaction::Column::AccountId.eq(account_id))
        .all(db)
        .await?;
    for row in reactions {
        bump(db, row.story_id, story::Column::ReactionCount, -1).await?;
    }
    reaction::Entity::delete_many()
        .filter(reaction::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}
