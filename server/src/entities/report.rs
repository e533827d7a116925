//! `report`: a reader's report of a story or a reply, open until a moderator closes it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub story_id: i64,
    pub reply_id: Option<i64>,
    pub reporter_id: Option<i64>,
    pub reason: String,
    pub note: Option<String>,
    pub open: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::story::Entity",
        from = "Column::StoryId",
        to = "super::story::Column::Id"
    )]
    Story,
}

impl Related<super::story::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Story.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
