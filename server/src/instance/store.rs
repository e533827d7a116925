//! The only queries on `instance_setting`.

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use crate::entities::instance_setting;

const RUNNING_SINCE: &str = "running_since";

/// The date the forum first started, written once on the first start.
pub async fn running_since(db: &impl ConnectionTrait) -> Result<NaiveDate, DbErr> {
    let today = Utc::now();
    // Insert-if-absent works the same on SQLite and PostgreSQL and is safe when
    // several replicas start at once.
    instance_setting::Entity::insert(instance_setting::ActiveModel {
        key: Set(RUNNING_SINCE.to_owned()),
        value: Set(today.date_naive().to_string()),
        updated_at: Set(today),
    })
    .on_conflict_do_nothing_on([instance_setting::Column::Key])
    .exec_without_returning(db)
    .await?;
    let row = instance_setting::Entity::find_by_id(RUNNING_SINCE.to_owned())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(RUNNING_SINCE.to_owned()))?;
    row.value
        .parse()
        .map_err(|e| DbErr::Custom(format!("{RUNNING_SINCE} is not a date: {e}")))
}
