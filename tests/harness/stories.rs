//! Stories through the API, as their authors and moderators make them.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{json, members::Person};

/// A draft; its id.
pub async fn draft(author: &Person, body: &Value) -> String {
    let created = json(
        author.send(Method::POST, "/api/v1/stories", body).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["state"], "draft");
    created["id"].as_str().unwrap().to_owned()
}

/// Sends a draft to the moderators; the story as it then is.
pub async fn submit(author: &Person, id: &str) -> Value {
    json(
        author
            .send(
                Method::POST,
                &format!("/api/v1/stories/{id}/submit"),
                &json!(null),
            )
            .await,
        StatusCode::OK,
    )
    .await
}

/// A moderator's action on a story; the story as it then is.
pub async fn moderate(moderator: &Person, id: &str, action: Value) -> Value {
    json(
        moderator
            .send(
                Method::POST,
                &format!("/api/v1/moderation/stories/{id}"),
                &action,
            )
            .await,
        StatusCode::OK,
    )
    .await
}

/// `moderator` approves the reply with `id` on their own forum; the reply as answered.
pub async fn approve_reply(moderator: &Person, id: impl std::fmt::Display) -> Value {
    json(
        moderator
            .send(
                Method::POST,
                &format!("/api/v1/moderation/replies/{id}"),
                &json!({"action": "approve"}),
            )
            .await,
        StatusCode::OK,
    )
    .await
}

/// A story written, submitted and approved; its id.
pub async fn published(author: &Person, moderator: &Person, body: &Value) -> String {
    let id = draft(author, body).await;
    submit(author, &id).await;
    let view = moderate(moderator, &id, json!({"action": "approve"})).await;
    assert_eq!(view["state"], "published");
    id
}

/// The ids on the first page of the feed as `reader` sees it, with `query` (e.g. `?tag=…`).
pub async fn feed_ids(reader: &Person, query: &str) -> Vec<String> {
    let page = json(
        reader.get(&format!("/api/v1/stories{query}")).await,
        StatusCode::OK,
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}
