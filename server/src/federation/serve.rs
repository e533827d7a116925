//! This forum's objects at their ids, for partners (and any fediverse server) that fetch
//! them: a story's `Article` and its author `Person`, a reply's `Note`, a pattern
//! report, and the forum's `outbox` and `followers` collections (counts only).
//! Anything no longer federated answers 410 with a `Tombstone`; anything never
//! federated, 404.

use activitypub_federation::{FEDERATION_CONTENT_TYPE, http_signatures::generate_actor_keypair};
use axum::{
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, sea_query::Expr};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{actor::context, objects};
use crate::{
    AppState,
    entities::{
        fed_object,
        fed_partner::{self, FollowedBy},
        reply::{self, ReplyState},
        story,
    },
    problem::{Problem, ProblemCode},
};

fn activity_json(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, FEDERATION_CONTENT_TYPE)],
        body.to_string(),
    )
        .into_response()
}

fn not_found() -> Response {
    Problem::new(ProblemCode::NotFound).into_response()
}

fn gone(id: &str, former_type: &str) -> Response {
    let mut body = json!({"type": "Tombstone", "id": id, "formerType": former_type});
    body["@context"] = json!("https://www.w3.org/ns/activitystreams");
    activity_json(StatusCode::GONE, &body)
}

fn internal(error: impl std::fmt::Display + 'static) -> Response {
    Problem::internal(error).into_response()
}

/// A story of this forum, while it is federated.
#[utoipa::path(get, path = "/ap/stories/{id}", tag = "federation",
    params(("id" = String, Path, description = "The story's public id")),
    responses((status = 200, description = "Article", content_type = "application/activity+json"),
        (status = 410, description = "Tombstone: no longer shared"),
        (status = 404, description = "`not_found`")))]
pub async fn article(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(Some(row)) = crate::stories::store::find(&state.db, &id).await else {
        return not_found();
    };
    let Ok(Some(sent)) = fed_object::Entity::find_by_id(format!("story:{}", row.id))
        .one(&state.db)
        .await
    else {
        return not_found();
    };
    match sent
        .sent_json
        .as_deref()
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
    {
        Some(article) => activity_json(StatusCode::OK, &article),
        None => gone(&sent.ap_id, "Article"),
    }
}

/// A story's author's key, as kept: the public half only. Nothing is ever signed as the
/// author (the forum signs what it sends), so the private half is dropped when the pair
/// is made rather than kept as one more secret (rows from before keep theirs, unread).
#[derive(Serialize, Deserialize)]
struct PersonKeys {
    public: String,
}

/// A story's pseudonymous author, while the story is federated. Its key pair is made the
/// first time it is asked for, on the bounded pool signing uses (one per core at a time).
#[utoipa::path(get, path = "/ap/people/{token}", tag = "federation",
    params(("token" = String, Path, description = "The author actor's token")),
    responses((status = 200, description = "Person", content_type = "application/activity+json"),
        (status = 410, description = "Tombstone"), (status = 404, description = "`not_found`")))]
pub async fn person(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    if !crate::stories::pseudonym::is_public_id(&token) {
        return not_found();
    }
    let sent = match fed_object::Entity::find()
        .filter(fed_object::Column::PersonToken.eq(token.as_str()))
        .one(&state.db)
        .await
    {
        Ok(Some(sent)) => sent,
        Ok(None) => return not_found(),
        Err(error) => return internal(error),
    };
    let id = objects::person_id(&state.federation.identity, &token);
    let story_id = sent
        .key
        .strip_prefix("story:")
        .and_then(|i| i.parse::<i64>().ok())
        .unwrap_or(0);
    let story = match story::Entity::find_by_id(story_id).one(&state.db).await {
        Ok(story) => story,
        Err(error) => return internal(error),
    };
    let (Some(story), Some(_)) = (story, sent.sent_hash.as_deref()) else {
        return gone(id.as_str(), "Person");
    };
    let keys = match sent
        .person_keys
        .as_deref()
        .and_then(|k| serde_json::from_str::<PersonKeys>(k).ok())
    {
        Some(keys) => keys,
        None => {
            let pair = match super::signing::blocking(generate_actor_keypair).await {
                Ok(Ok(pair)) => pair,
                Ok(Err(error)) => return internal(error),
                Err(error) => return internal(error),
            };
            let keys = PersonKeys {
                public: pair.public_key,
            };
            let stored = serde_json::to_string(&keys).unwrap_or_default();
            // Two first requests at once: the first key stored wins, and both read it.
            let saved = fed_object::Entity::update_many()
                .col_expr(fed_object::Column::PersonKeys, Expr::value(stored))
                .filter(fed_object::Column::Key.eq(sent.key.as_str()))
                .filter(fed_object::Column::PersonKeys.is_null())
                .exec(&state.db)
                .await;
            if let Err(error) = saved {
                return internal(error);
            }
            match fed_object::Entity::find_by_id(sent.key.clone())
                .one(&state.db)
                .await
            {
                Ok(Some(row)) => match row
                    .person_keys
                    .as_deref()
                    .and_then(|k| serde_json::from_str(k).ok())
                {
                    Some(keys) => keys,
                    None => return internal("a person's key pair was not stored"),
                },
                Ok(None) => return not_found(),
                Err(error) => return internal(error),
            }
        }
    };
    activity_json(
        StatusCode::OK,
        &objects::person(&state, &token, &story.pseudonym, &keys.public),
    )
}

/// A member's reply to a partner's story, as sent: 410 with a `Tombstone` once a moderator
/// has taken it down, 404 for a reply that was never sent (or never existed).
#[utoipa::path(get, path = "/ap/replies/{id}", tag = "federation",
    params(("id" = i64, Path, description = "The reply's id")),
    responses((status = 200, description = "Note", content_type = "application/activity+json"),
        (status = 404, description = "`not_found`: never sent to a partner", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
        (status = 410, description = "Tombstone: sent once, since taken down", content_type = "application/activity+json")))]
pub async fn note(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    let ap_id = objects::reply_id(&state.federation.identity, id);
    let row = reply::Entity::find_by_id(id)
        .filter(reply::Column::ApId.eq(ap_id.as_str()))
        .find_also_related(story::Entity)
        .one(&state.db)
        .await;
    let (row, story) = match row {
        Ok(Some((row, Some(story)))) => (row, story),
        Ok(_) => return not_found(),
        Err(error) => return internal(error),
    };
    if row.state != ReplyState::Published {
        return gone(ap_id.as_str(), "Note");
    }
    let partner = match story.origin_partner_id {
        Some(partner) => {
            fed_partner::Entity::find_by_id(partner)
                .one(&state.db)
                .await
        }
        None => Ok(None),
    };
    let (Ok(Some(partner)), Some(in_reply_to)) = (partner, story.ap_id.as_deref()) else {
        return gone(ap_id.as_str(), "Note");
    };
    let mut note = objects::note(&state, &row, in_reply_to, &partner.actor);
    note["@context"] = context(&state.config.server.public_url.origin());
    activity_json(StatusCode::OK, &note)
}

/// A pattern report, as last sent.
#[utoipa::path(get, path = "/ap/reports/{area}/{quarter}", tag = "federation",
    params(("area" = String, Path), ("quarter" = String, Path)),
    responses((status = 200, description = "PatternReport", content_type = "application/activity+json"),
        (status = 404, description = "`not_found`")))]
pub async fn report(
    State(state): State<AppState>,
    Path((area, quarter)): Path<(String, String)>,
) -> Response {
    match fed_object::Entity::find_by_id(format!("report:{area}:{quarter}"))
        .one(&state.db)
        .await
    {
        Ok(Some(sent)) => match sent
            .sent_json
            .as_deref()
            .and_then(|j| serde_json::from_str::<Value>(j).ok())
        {
            Some(report) => activity_json(StatusCode::OK, &report),
            None => gone(&sent.ap_id, "PatternReport"),
        },
        Ok(None) => not_found(),
        Err(error) => internal(error),
    }
}

/// The forum's outbox: how many stories and reports it shares (the items go to partners).
#[utoipa::path(get, path = "/outbox", tag = "federation",
    responses((status = 200, description = "OrderedCollection", content_type = "application/activity+json")))]
pub async fn outbox(State(state): State<AppState>) -> Response {
    let count = fed_object::Entity::find()
        .filter(fed_object::Column::SentHash.is_not_null())
        .count(&state.db)
        .await;
    match count {
        Ok(count) => activity_json(
            StatusCode::OK,
            &json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "type": "OrderedCollection",
                "id": state.federation.url("/outbox"),
                "totalItems": count,
            }),
        ),
        Err(error) => internal(error),
    }
}

/// The forum's followers: how many partner forums follow it.
#[utoipa::path(get, path = "/followers", tag = "federation",
    responses((status = 200, description = "Collection", content_type = "application/activity+json")))]
pub async fn followers(State(state): State<AppState>) -> Response {
    let count = fed_partner::Entity::find()
        .filter(fed_partner::Column::FollowedBy.eq(FollowedBy::Accepted))
        .count(&state.db)
        .await;
    match count {
        Ok(count) => activity_json(
            StatusCode::OK,
            &json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "type": "Collection",
                "id": state.federation.url("/followers"),
                "totalItems": count,
            }),
        ),
        Err(error) => internal(error),
    }
}
