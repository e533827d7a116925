//! `GET /api/v1/stories`: the feed of published stories a reader may see, newest first,
//! filtered, walked by keyset (`cursor`), never by offset. With a tag filter the query
//! walks `story_tag`'s (tag, feed key) index; without, `story`'s (live, feed key).

use base64::Engine as _;
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait,
    sea_query::{Expr, ExprTrait},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    Service,
    access::Reader,
    input, tags,
    view::{StorySummary, SummaryRow},
};
use crate::{
    AppState,
    areas::GssCode,
    entities::{story, story_tag},
    problem::{Problem, ProblemCode},
};

pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 50;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FeedQuery {
    /// A tag id.
    pub tag: Option<String>,
    /// A category id: stories with any tag in it.
    pub category: Option<String>,
    /// A GSS code, or `not-said`.
    pub area: Option<String>,
    #[param(inline)]
    pub service: Option<Service>,
    /// `YYYY` (the whole year, monthly stories included) or `YYYY-MM`.
    pub period: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 1 to 50; 20 by default.
    pub limit: Option<u64>,
    /// `local` (the default): this forum's own stories; `partners`: stories from partner
    /// forums.
    #[param(inline)]
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    #[default]
    Local,
    Partners,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FeedPage {
    pub items: Vec<StorySummary>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

fn invalid(detail: &str) -> Problem {
    Problem::new(ProblemCode::Validation).detail(detail.to_owned())
}

/// A position in the feed: the last story's feed key and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub feed_key: i64,
    pub id: i64,
}

impl Cursor {
    pub fn encode(self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(format!("{}.{}", self.feed_key, self.id))
    }

    pub fn decode(text: &str) -> Option<Self> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text)
            .ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (feed_key, id) = text.split_once('.')?;
        Some(Self {
            feed_key: feed_key.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

pub async fn page(
    state: &AppState,
    reader: &Reader,
    query: FeedQuery,
) -> Result<FeedPage, Problem> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(invalid("limit must be from 1 to 50."));
    }
    let cursor = query
        .cursor
        .as_deref()
        .map(|c| Cursor::decode(c).ok_or_else(|| invalid("cursor is not one this feed gave.")))
        .transpose()?;

    let mut select = story::Entity::find()
        .filter(story::Column::Live.eq(true))
        .filter(match query.source.unwrap_or_default() {
            Source::Local => story::Column::OriginPartnerId.is_null(),
            Source::Partners => story::Column::OriginPartnerId.is_not_null(),
        })
        .filter(story::Column::Visibility.is_in(reader.feed_visibilities().iter().copied()));

    // With a tag, walk story_tag's index; otherwise story's.
    let (key, id) = if let Some(tag) = &query.tag {
        if tags::lookup(state, &state.db, tag).await?.is_none() {
            return Err(invalid("tag is not a tag of this forum's vocabulary."));
        }
        select = select
            .join(JoinType::InnerJoin, story_tag::Relation::Story.def().rev())
            .filter(story_tag::Column::Tag.eq(tag.as_str()));
        (
            Expr::col((story_tag::Entity, story_tag::Column::FeedKey)),
            Expr::col((story_tag::Entity, story_tag::Column::StoryId)),
        )
    } else {
        (
            Expr::col((story::Entity, story::Column::FeedKey)),
            Expr::col((story::Entity, story::Column::Id)),
        )
    };

    if let Some(category) = &query.category {
        if state.patterns.vocabulary.category(category).is_none() {
            return Err(invalid("category is not a category of the vocabulary."));
        }
        let ids = tags::in_category(state, &state.db, category).await?;
        select = select.filter(
            story::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(story_tag::Column::StoryId)
                    .from(story_tag::Entity)
                    .and_where(story_tag::Column::Tag.is_in(ids))
                    .to_owned(),
            ),
        );
    }
    if let Some(area) = &query.area {
        select = if area == input::NOT_SAID {
            select.filter(story::Column::Area.is_null())
        } else {
            let code: GssCode = area
                .parse()
                .map_err(|_| invalid("area must be a GSS code or not-said."))?;
            select.filter(story::Column::Area.eq(code.as_str()))
        };
    }
    if let Some(service) = query.service {
        // No service's name is part of another's, so a substring match is exact.
        select = select.filter(story::Column::Services.contains(service.as_str()));
    }
    if let Some(period) = &query.period {
        input::check_period(period, chrono::Utc::now().date_naive())?;
        select = if period.len() == 4 {
            select.filter(
                Condition::any()
                    .add(story::Column::Period.eq(period.as_str()))
                    .add(story::Column::Period.starts_with(format!("{period}-"))),
            )
        } else {
            select.filter(story::Column::Period.eq(period.as_str()))
        };
    }
    if let Some(cursor) = cursor {
        select = select.filter(
            Expr::tuple([key.clone(), id.clone()])
                .lt(Expr::tuple([cursor.feed_key.into(), cursor.id.into()])),
        );
    }
    let mut rows = select
        .select_only()
        .columns(SummaryRow::COLUMNS)
        .order_by_desc(key)
        .order_by_desc(id)
        .limit(limit + 1)
        .into_model::<SummaryRow>()
        .all(&state.db)
        .await
        .map_err(Problem::internal)?;

    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = more.then(|| rows.last()).flatten().and_then(|last| {
        last.feed_key.map(|feed_key| {
            Cursor {
                feed_key,
                id: last.id,
            }
            .encode()
        })
    });
    let forums = super::view::forum_refs(
        state,
        rows.iter()
            .map(|row| (row.origin_partner_id, row.origin_url.clone())),
    )
    .await
    .map_err(Problem::internal)?;
    Ok(FeedPage {
        items: rows
            .into_iter()
            .zip(forums)
            .map(|(row, forum)| super::view::summary(state, row, forum))
            .collect(),
        next_cursor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_junk() {
        let cursor = Cursor {
            feed_key: 1_763_000_000_000_000,
            id: 42,
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(Cursor::decode("not a cursor"), None);
        assert_eq!(Cursor::decode(""), None);
    }
}
