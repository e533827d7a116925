//! What moderators do: decide on a story (approve, ask for changes, reject, take down),
//! correct its tags or redact it; decide on a reply; close a report. Each action is
//! written to the moderation log in the same transaction, and the author is told.

use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseTransaction, EntityTrait, IntoActiveModel,
};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{
    Action,
    store::{self as log, NewEntry},
};
use crate::{
    AppState,
    accounts::{session::SignedIn, types::Role},
    entities::{
        reply::{self, ReplyState},
        report, story,
    },
    limits::check_field_chars,
    problem::{ApiJson, Problem, ProblemBody, ProblemCode},
    screening::routes::{RedactFinding, apply_findings},
    stories::{
        State as StoryState,
        access::{Reader, invalid_state},
        input::Content,
        notifications::{self, Kind},
        peer::{ReplyView, reply_view},
        render, store, tags,
        view::{StoryView, story_view},
    },
};

type Answer<T> = Result<T, Problem>;

pub const MAX_REASON_CHARS: usize = 1_000;

/// A moderator's decision on a story.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum StoryAction {
    /// Publish the version under review.
    Approve {
        #[serde(default)]
        reason: Option<String>,
    },
    /// Send it back to the author with a message.
    RequestChanges { reason: String },
    /// Do not publish it (for an edit: keep the published version).
    Reject { reason: String },
    /// Take a published story down.
    Unpublish { reason: String },
    /// Replace the tags of the version under review.
    CorrectTags {
        tags: Vec<String>,
        #[serde(default)]
        reason: Option<String>,
    },
    /// Replace findings in the text under review with their replacements.
    Redact {
        findings: Vec<RedactFinding>,
        #[serde(default)]
        reason: Option<String>,
    },
}

fn check_reason(reason: Option<&str>, required: bool) -> Answer<Option<String>> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match reason {
        None if required => Err(Problem::new(ProblemCode::Validation)
            .detail("reason: say why, in a sentence the author will read.")),
        None => Ok(None),
        Some(reason) => {
            check_field_chars(reason, MAX_REASON_CHARS, "reason")?;
            Ok(Some(reason.to_owned()))
        }
    }
}

/// Logs an action on a story and tells its author.
async fn record(
    txn: &DatabaseTransaction,
    moderator: &SignedIn,
    row: &story::Model,
    action: Action,
    kind: Kind,
    detail: &str,
    reason: Option<&str>,
) -> Answer<()> {
    log::record(
        txn,
        NewEntry {
            action,
            actor_id: moderator.id,
            subject_account_id: None,
            story_id: Some(&row.public_id),
            detail,
            reason,
        },
    )
    .await
    .map_err(Problem::internal)?;
    notifications::notify(txn, row.author_id, kind, row.id, reason)
        .await
        .map_err(Problem::internal)
}

/// 409 `invalid_state` unless the story is at a stage where the action makes sense.
fn require(allowed: bool, why: &str) -> Answer<()> {
    if allowed {
        Ok(())
    } else {
        Err(invalid_state(why))
    }
}

/// The version under review and whether it is an edit of a published story.
fn under_review(row: &story::Model) -> (Content, bool) {
    match store::pending_edit(row) {
        Some(edit) => (edit, true),
        None => (store::content(row), false),
    }
}

/// Puts a changed version under review back where it came from.
fn put_under_review(
    active: &mut story::ActiveModel,
    content: &Content,
    is_edit: bool,
) -> Answer<()> {
    if is_edit {
        active.pending_edit = Set(Some(
            store::encode_edit(content).map_err(Problem::internal)?,
        ));
    } else {
        store::set_content(active, content);
    }
    Ok(())
}

/// Decides on a story. Moderators and admins only.
#[utoipa::path(post, path = "/api/v1/moderation/stories/{id}", tag = "moderation",
    params(("id" = String, Path, description = "The story's id")),
    request_body = StoryAction,
    security(("session" = ["moderator"])),
    responses(
        (status = 200, description = "The story after the action", body = StoryView),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_state`: not possible at the story's stage", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`validation` or `finding_mismatch`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn moderate_story(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<String>,
    ApiJson(action): ApiJson<StoryAction>,
) -> Answer<ApiJson<StoryView>> {
    let moderator = member.require(Role::Moderator)?;
    let txn = crate::db::begin_write(&state.db)
        .await
        .map_err(Problem::internal)?;
    let row = store::find(&txn, &id)
        .await
        .map_err(Problem::internal)?
        .filter(|r| r.state != StoryState::Withdrawn && r.state != StoryState::Draft)
        .ok_or_else(|| Problem::new(ProblemCode::NotFound).detail("There is no such story."))?;
    let pending = row.state == StoryState::Pending;
    let now = Utc::now();
    let mut active = row.clone().into_active_model();
    active.updated_at = Set(now);

    // Each action changes `active` and says what to log and tell the author.
    let (action, kind, detail, reason): (Action, Kind, String, Option<String>) = match action {
        StoryAction::Approve { reason } => {
            let reason = check_reason(reason.as_deref(), false)?;
            require(
                pending,
                "Only a story waiting for a moderator can be approved.",
            )?;
            if let Some(edit) = store::pending_edit(&row) {
                store::set_content(&mut active, &edit);
                active.pending_edit = Set(None);
            }
            active.state = Set(StoryState::Published);
            active.live = Set(true);
            active.moderator_message = Set(None);
            if row.feed_key.is_none() {
                active.feed_key = Set(Some(now.timestamp_micros()));
                active.published_on = Set(Some(now.date_naive()));
            }
            (
                Action::StoryApproved,
                Kind::StoryApproved,
                "story approved".into(),
                reason,
            )
        }
        StoryAction::RequestChanges { reason } => {
            let reason = check_reason(Some(&reason), true)?;
            require(
                pending,
                "Only a story waiting for a moderator can be sent back.",
            )?;
            active.state = Set(StoryState::ChangesRequested);
            active.moderator_message = Set(reason.clone());
            (
                Action::ChangesRequested,
                Kind::ChangesRequested,
                "changes requested".into(),
                reason,
            )
        }
        StoryAction::Reject { reason } => {
            let reason = check_reason(Some(&reason), true)?;
            require(
                pending,
                "Only a story waiting for a moderator can be rejected.",
            )?;
            let detail = if row.live {
                // An edit is refused; the published version stays.
                active.pending_edit = Set(None);
                active.state = Set(StoryState::Published);
                "edit rejected; the published version stays"
            } else {
                active.state = Set(StoryState::Rejected);
                "story rejected"
            };
            active.moderator_message = Set(reason.clone());
            (
                Action::StoryRejected,
                Kind::StoryRejected,
                detail.into(),
                reason,
            )
        }
        StoryAction::Unpublish { reason } => {
            let reason = check_reason(Some(&reason), true)?;
            require(row.live, "Only a published story can be taken down.")?;
            active.live = Set(false);
            active.state = Set(StoryState::Rejected);
            active.pending_edit = Set(None);
            active.moderator_message = Set(reason.clone());
            (
                Action::StoryUnpublished,
                Kind::StoryUnpublished,
                "story taken down".into(),
                reason,
            )
        }
        StoryAction::CorrectTags {
            tags: new_tags,
            reason,
        } => {
            let reason = check_reason(reason.as_deref(), false)?;
            require(
                pending || row.live,
                "Tags can be corrected on stories under review or published.",
            )?;
            let (mut content, is_edit) = under_review(&row);
            let kept = content.tags.clone();
            let mut new_tags = new_tags;
            new_tags.sort();
            new_tags.dedup();
            if new_tags.len() > crate::stories::input::MAX_TAGS {
                return Err(Problem::new(ProblemCode::Validation).detail("tags: at most 12 tags."));
            }
            tags::check(&state, &txn, &new_tags, &kept).await?;
            let listed = if new_tags.is_empty() {
                "none".to_owned()
            } else {
                new_tags.join(", ")
            };
            content.tags = new_tags;
            put_under_review(&mut active, &content, is_edit)?;
            (
                Action::TagsCorrected,
                Kind::TagsCorrected,
                format!("tags now: {listed}"),
                reason,
            )
        }
        StoryAction::Redact { findings, reason } => {
            let reason = check_reason(reason.as_deref(), false)?;
            require(
                pending || row.live,
                "Only stories under review or published can be redacted.",
            )?;
            if findings.is_empty() {
                return Err(
                    Problem::new(ProblemCode::Validation).detail("findings: choose at least one.")
                );
            }
            let (mut content, is_edit) = under_review(&row);
            content.body = apply_findings(&content.body, &findings)?;
            content.html = render::to_html(&content.body);
            // Kinds only: the log never holds what was taken out.
            let mut kinds: Vec<&str> = findings.iter().map(|f| f.kind.as_str()).collect();
            kinds.sort_unstable();
            kinds.dedup();
            let detail = format!(
                "{} detail(s) redacted: {}",
                findings.len(),
                kinds.join(", ")
            );
            put_under_review(&mut active, &content, is_edit)?;
            (Action::StoryRedacted, Kind::StoryRedacted, detail, reason)
        }
    };
    let updated = active.update(&txn).await.map_err(Problem::internal)?;
    store::sync_tags(&txn, &updated)
        .await
        .map_err(Problem::internal)?;
    record(
        &txn,
        &moderator,
        &updated,
        action,
        kind,
        &detail,
        reason.as_deref(),
    )
    .await?;
    txn.commit().await.map_err(Problem::internal)?;
    let row = store::find(&state.db, &id)
        .await
        .map_err(Problem::internal)?
        .ok_or_else(|| Problem::internal("the story just moderated is missing"))?;
    let view = story_view(&state, &row, &Reader(Some(moderator)))
        .await
        .map_err(Problem::internal)?;
    Ok(ApiJson(view))
}

/// A moderator's decision on a reply.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyAction {
    /// `approve` (a waiting reply) or `reject` (a waiting or published one).
    pub action: ReplyDecision,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReplyDecision {
    Approve,
    Reject,
}

/// Decides on a reply. Moderators and admins only.
#[utoipa::path(post, path = "/api/v1/moderation/replies/{id}", tag = "moderation",
    params(("id" = i64, Path, description = "The reply's id")),
    request_body = ReplyAction,
    security(("session" = ["moderator"])),
    responses(
        (status = 200, description = "The reply after the action", body = ReplyView),
        (status = 409, description = "`invalid_state`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn moderate_reply(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<i64>,
    ApiJson(request): ApiJson<ReplyAction>,
) -> Answer<ApiJson<ReplyView>> {
    let moderator = member.require(Role::Moderator)?;
    let reason = check_reason(
        request.reason.as_deref(),
        request.action == ReplyDecision::Reject,
    )?;
    let txn = crate::db::begin_write(&state.db)
        .await
        .map_err(Problem::internal)?;
    let (row, story) = reply::Entity::find_by_id(id)
        .find_also_related(story::Entity)
        .one(&txn)
        .await
        .map_err(Problem::internal)?
        .and_then(|(r, s)| s.map(|s| (r, s)))
        .ok_or_else(|| Problem::new(ProblemCode::NotFound).detail("There is no such reply."))?;
    let was = row.state;
    let (new_state, action, kind, delta) = match (request.action, was) {
        (ReplyDecision::Approve, ReplyState::Pending) => (
            ReplyState::Published,
            Action::ReplyApproved,
            Kind::ReplyApproved,
            1,
        ),
        (ReplyDecision::Reject, ReplyState::Pending) => (
            ReplyState::Rejected,
            Action::ReplyRejected,
            Kind::ReplyRejected,
            0,
        ),
        (ReplyDecision::Reject, ReplyState::Published) => (
            ReplyState::Rejected,
            Action::ReplyRejected,
            Kind::ReplyRejected,
            -1,
        ),
        _ => {
            return Err(invalid_state(
                "That reply is not waiting for this decision.",
            ));
        }
    };
    let author_id = row.author_id;
    let by_author = row.by_author;
    let mut active = row.into_active_model();
    active.state = Set(new_state);
    let row = active.update(&txn).await.map_err(Problem::internal)?;
    if delta != 0 {
        store::bump(&txn, story.id, story::Column::ReplyCount, delta)
            .await
            .map_err(Problem::internal)?;
    }
    log::record(
        &txn,
        NewEntry {
            action,
            actor_id: moderator.id,
            subject_account_id: None,
            story_id: Some(&story.public_id),
            detail: &format!("reply {id}"),
            reason: reason.as_deref(),
        },
    )
    .await
    .map_err(Problem::internal)?;
    notifications::notify(&txn, author_id, kind, story.id, reason.as_deref())
        .await
        .map_err(Problem::internal)?;
    if new_state == ReplyState::Published && !by_author {
        notifications::notify(&txn, story.author_id, Kind::ReplyReceived, story.id, None)
            .await
            .map_err(Problem::internal)?;
    }
    txn.commit().await.map_err(Problem::internal)?;
    Ok(ApiJson(reply_view(
        &row,
        &story.public_id,
        Some(moderator.id),
    )))
}

/// How a moderator closes a report.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportAction {
    /// `dismiss` (nothing wrong) or `resolve` (dealt with, e.g. taken down).
    pub action: ReportDecision,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportDecision {
    Dismiss,
    Resolve,
}

/// Closes a report. Moderators and admins only.
#[utoipa::path(post, path = "/api/v1/moderation/reports/{id}", tag = "moderation",
    params(("id" = i64, Path, description = "The report's id")),
    request_body = ReportAction,
    security(("session" = ["moderator"])),
    responses(
        (status = 204, description = "Closed"),
        (status = 409, description = "`invalid_state`: closed already", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn close_report(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<i64>,
    ApiJson(request): ApiJson<ReportAction>,
) -> Answer<StatusCode> {
    let moderator = member.require(Role::Moderator)?;
    let reason = check_reason(request.reason.as_deref(), false)?;
    let txn = crate::db::begin_write(&state.db)
        .await
        .map_err(Problem::internal)?;
    let (row, story) = report::Entity::find_by_id(id)
        .find_also_related(story::Entity)
        .one(&txn)
        .await
        .map_err(Problem::internal)?
        .and_then(|(r, s)| s.map(|s| (r, s)))
        .ok_or_else(|| Problem::new(ProblemCode::NotFound).detail("There is no such report."))?;
    if !row.open {
        return Err(invalid_state("That report is closed already."));
    }
    let action = match request.action {
        ReportDecision::Dismiss => Action::ReportDismissed,
        ReportDecision::Resolve => Action::ReportResolved,
    };
    let detail = format!("report {id} ({})", row.reason);
    let mut active = row.into_active_model();
    active.open = Set(false);
    active.update(&txn).await.map_err(Problem::internal)?;
    log::record(
        &txn,
        NewEntry {
            action,
            actor_id: moderator.id,
            subject_account_id: None,
            story_id: Some(&story.public_id),
            detail: &detail,
            reason: reason.as_deref(),
        },
    )
    .await
    .map_err(Problem::internal)?;
    txn.commit().await.map_err(Problem::internal)?;
    Ok(StatusCode::NO_CONTENT)
}
