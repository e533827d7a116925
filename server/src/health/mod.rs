//! Liveness and readiness, for orchestrators and load balancers.

use axum::{extract::State, response::IntoResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    AppState,
    problem::{ApiJson, Problem, ProblemBody, ProblemCode},
};

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthView {
    pub status: &'static str,
}

/// The process is up and answering.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200, description = "Alive", body = HealthView)))]
pub async fn healthz() -> impl IntoResponse {
    ApiJson(HealthView { status: "ok" })
}

/// The database answers; otherwise 503 so that traffic goes to another replica.
#[utoipa::path(get, path = "/readyz", tag = "health",
    responses(
        (status = 200, description = "Ready", body = HealthView),
        (status = 503, description = "Database unreachable", body = ProblemBody,
            content_type = "application/problem+json"),
    ))]
pub async fn readyz(State(state): State<AppState>) -> Result<ApiJson<HealthView>, Problem> {
    match state.db.ping().await {
        Ok(()) => Ok(ApiJson(HealthView { status: "ready" })),
        Err(e) => {
            tracing::warn!(error = %e, "database unreachable");
            Err(Problem::new(ProblemCode::Unavailable).detail("The database is not reachable."))
        }
    }
}
