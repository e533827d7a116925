//! `GET /api/v1/areas`: the list of local authorities for pickers and maps.

use axum::{extract::State, response::IntoResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{AppState, problem::ApiJson};

/// A local authority as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AreaView {
    /// ONS GSS code, e.g. `E08000025`.
    pub code: String,
    pub name: String,
    pub region: String,
    /// Hex-map column and row (HexJSON odd-r; r grows northwards).
    pub hex: HexView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HexView {
    pub q: i32,
    pub r: i32,
}

/// England's upper-tier local authorities, ordered by code.
#[utoipa::path(get, path = "/api/v1/areas", tag = "areas",
    responses((status = 200, description = "Every English local authority", body = [AreaView])))]
pub async fn list_areas(State(state): State<AppState>) -> impl IntoResponse {
    let areas: Vec<AreaView> = state
        .areas
        .iter()
        .map(|a| AreaView {
            code: a.code.to_string(),
            name: a.name.clone(),
            region: a.region.clone(),
            hex: HexView {
                q: a.hex_q,
                r: a.hex_r,
            },
        })
        .collect();
    ApiJson(areas)
}
