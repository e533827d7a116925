//! The only queries on `instance_setting`.

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use crate::entities::instance_setting;

const RUNNING_SINCE: &str = "running_since";
const ACCESS_TOKEN_KEY: &str = "access_token_key";
const FEDERATION_KEYPAIR: &str = "federation_keypair";

/// The setting's value, writing `initial` first if it has none. Insert-if-absent works
/// the same on SQLite and PostgreSQL, and when several replicas start at once the first
/// write wins and every replica reads that one.
async fn get_or_insert(
    db: &impl ConnectionTrait,
    key: &str,
    initial: String,
) -> Result<String, DbErr> {
    instance_setting::Entity::insert(instance_setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(initial),
        updated_at: Set(Utc::now()),
    })
    .on_conflict_do_nothing_on([instance_setting::Column::Key])
    .exec_without_returning(db)
    .await?;
    instance_setting::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|row| row.value)
        .ok_or_else(|| DbErr::RecordNotFound(key.to_owned()))
}

/// The date the forum first started, written once on the first start.
pub async fn running_since(db: &impl ConnectionTrait) -> Result<NaiveDate, DbErr> {
    let today = Utc::now().date_naive().to_string();
    get_or_insert(db, RUNNING_SINCE, today)
        .await?
        .parse()
        .map_err(|e| DbErr::Custom(format!("{RUNNING_SINCE} is not a date: {e}")))
}

/// The key that signs access tokens: made at first start, kept in the database (never in
/// the repository or the configuration), the same for every replica.
pub async fn access_token_key(db: &impl ConnectionTrait, fresh: String) -> Result<String, DbErr> {
    get_or_insert(db, ACCESS_TOKEN_KEY, fresh).await
}

/// The forum actor's key pair for HTTP signatures, as JSON `{"private": PEM, "public": PEM}`:
/// `make` is called only when there is none yet (making an RSA key takes a while), and when
/// several replicas start at once the first write wins for all of them.
pub async fn federation_keypair<F, Fut>(db: &impl ConnectionTrait, make: F) -> Result<String, DbErr>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<String, DbErr>>,
{
    if let Some(row) = instance_setting::Entity::find_by_id(FEDERATION_KEYPAIR.to_owned())
        .one(db)
        .await?
    {
        return Ok(row.value);
    }
    get_or_insert(db, FEDERATION_KEYPAIR, make().await?).await
}

const FEDERATION_MODE: &str = "federation_mode";

/// The federation mode an admin chose: `allowlist` (the default) or `open`.
pub async fn federation_mode(db: &impl ConnectionTrait) -> Result<String, DbErr> {
    get_or_insert(db, FEDERATION_MODE, "allowlist".to_owned()).await
}

pub async fn set_federation_mode(db: &impl ConnectionTrait, mode: &str) -> Result<(), DbErr> {
    instance_setting::Entity::insert(instance_setting::ActiveModel {
        key: Set(FEDERATION_MODE.to_owned()),
        value: Set(mode.to_owned()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::column(instance_setting::Column::Key)
            .update_columns([
                instance_setting::Column::Value,
                instance_setting::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
