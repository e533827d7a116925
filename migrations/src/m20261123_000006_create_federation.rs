//! Federation between forums (issue 9).
//!
//! - `fed_partner`: other forums this one knows, with the state of each direction of
//!   following. A partner's own actor is kept so its signatures can be checked.
//! - `fed_block`: blocked domains; their traffic is refused.
//! - `fed_delivery`: the persistent outbound queue, one row per activity per inbox.
//! - `fed_seen`: ids of activities already received, so a repeat changes nothing.
//! - `fed_object`: what this forum has sent of each of its own objects (stories,
//!   replies, pattern reports), so that a change is sent as an `Update` and a removal
//!   as a `Delete`; a story's pseudonymous author actor lives here too.
//! - `fed_report`: the latest pattern report received per report id.
//! - `fed_like`: a partner's "this happened to us too" on one of our stories, kept so
//!   that an `Undo` takes back exactly one.
//! - `story` and `reply` rows may come from a partner: they carry its id and the
//!   object's ActivityPub id.

use sea_orm_migration::prelude::*;

use crate::columns::{counter, id, moment};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Long enough for any URL another server will reasonably use as an id.
const URL: u32 = 2048;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FedPartner::Table)
                    .col(id(FedPartner::Id))
                    .col(
                        ColumnDef::new(FedPartner::Domain)
                            .string_len(255)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(FedPartner::Actor)
                            .string_len(URL)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(FedPartner::Inbox).string_len(URL).not_null())
                    .col(
                        ColumnDef::new(FedPartner::SharedInbox)
                            .string_len(URL)
                            .null(),
                    )
                    .col(ColumnDef::new(FedPartner::PublicKeyPem).text().not_null())
                    .col(ColumnDef::new(FedPartner::Name).string_len(200).null())
                    // Our follow of them: none, pending, accepted.
                    .col(
                        ColumnDef::new(FedPartner::Following)
                            .string_len(10)
                            .not_null(),
                    )
                    // Their follow of us: none, requested, accepted.
                    .col(
                        ColumnDef::new(FedPartner::FollowedBy)
                            .string_len(10)
                            .not_null(),
                    )
                    // The id of their Follow, which our Accept names.
                    .col(
                        ColumnDef::new(FedPartner::TheirFollow)
                            .string_len(URL)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(FedPartner::UnreachableSince)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(moment(FedPartner::FetchedAt))
                    .col(moment(FedPartner::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FedBlock::Table)
                    .col(
                        ColumnDef::new(FedBlock::Domain)
                            .string_len(255)
                            .not_null()
                            .primary_key(),
                    )
                    .col(moment(FedBlock::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FedDelivery::Table)
                    .col(id(FedDelivery::Id))
                    .col(
                        ColumnDef::new(FedDelivery::ActivityId)
                            .string_len(URL)
                            .not_null(),
                    )
                    .col(ColumnDef::new(FedDelivery::Body).text().not_null())
                    .col(
                        ColumnDef::new(FedDelivery::Inbox)
                            .string_len(URL)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(FedDelivery::Domain)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(counter(FedDelivery::Attempts))
                    .col(moment(FedDelivery::NextAttemptAt))
                    .col(
                        ColumnDef::new(FedDelivery::LastError)
                            .string_len(500)
                            .null(),
                    )
                    .col(moment(FedDelivery::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("fed_delivery_due")
                    .table(FedDelivery::Table)
                    .col(FedDelivery::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("fed_delivery_inbox")
                    .table(FedDelivery::Table)
                    .col(FedDelivery::Inbox)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FedSeen::Table)
                    .col(
                        ColumnDef::new(FedSeen::ActivityId)
                            .string_len(URL)
                            .not_null()
                            .primary_key(),
                    )
                    .col(moment(FedSeen::ReceivedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FedObject::Table)
                    .col(
                        ColumnDef::new(FedObject::Key)
                            .string_len(120)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(FedObject::ApId).string_len(URL).not_null())
                    .col(ColumnDef::new(FedObject::PersonToken).string_len(40).null())
                    .col(ColumnDef::new(FedObject::PersonKeys).text().null())
                    // A digest of what was last sent; null once a Delete has gone.
                    .col(ColumnDef::new(FedObject::SentHash).string_len(64).null())
                    // The object as last sent, for a partner that follows later.
                    .col(ColumnDef::new(FedObject::SentJson).text().null())
                    .col(moment(FedObject::PublishedAt))
                    .col(moment(FedObject::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("fed_object_person")
                    .table(FedObject::Table)
                    .col(FedObject::PersonToken)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FedReport::Table)
                    .col(id(FedReport::Id))
                    .col(
                        ColumnDef::new(FedReport::ApId)
                            .string_len(URL)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(FedReport::PartnerId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(FedReport::Area).string_len(9).not_null())
                    .col(ColumnDef::new(FedReport::Quarter).string_len(6).not_null())
                    .col(ColumnDef::new(FedReport::K).integer().not_null())
                    .col(
                        ColumnDef::new(FedReport::VocabularyVersion)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(FedReport::Total).integer().null())
                    // The figures as received: [{"kind","key","count"|null}].
                    .col(ColumnDef::new(FedReport::Figures).text().not_null())
                    .col(moment(FedReport::UpdatedAt))
                    .col(moment(FedReport::ReceivedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FedReport::Table, FedReport::PartnerId)
                            .to(FedPartner::Table, FedPartner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FedLike::Table)
                    .col(
                        ColumnDef::new(FedLike::ApId)
                            .string_len(URL)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(FedLike::StoryId).big_integer().not_null())
                    .col(ColumnDef::new(FedLike::PartnerId).big_integer().not_null())
                    .col(moment(FedLike::CreatedAt))
                    .to_owned(),
            )
            .await?;
        for (table, column) in [
            (Story::Table.into_iden(), Story::OriginPartnerId.into_iden()),
            (Reply::Table.into_iden(), Reply::OriginPartnerId.into_iden()),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(ColumnDef::new(column).big_integer().null())
                        .to_owned(),
                )
                .await?;
        }
        for (table, column) in [
            (Story::Table.into_iden(), Story::ApId.into_iden()),
            (Story::Table.into_iden(), Story::OriginUrl.into_iden()),
            (Reply::Table.into_iden(), Reply::ApId.into_iden()),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(ColumnDef::new(column).string_len(URL).null())
                        .to_owned(),
                )
                .await?;
        }
        for (name, table, column) in [
            (
                "story_ap_id",
                Story::Table.into_iden(),
                Story::ApId.into_iden(),
            ),
            (
                "reply_ap_id",
                Reply::Table.into_iden(),
                Reply::ApId.into_iden(),
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(table)
                        .col(column)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("story_updated_at")
                    .table(Story::Table)
                    .col(Story::UpdatedAt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum FedPartner {
    Table,
    Id,
    Domain,
    Actor,
    Inbox,
    SharedInbox,
    PublicKeyPem,
    Name,
    Following,
    FollowedBy,
    TheirFollow,
    UnreachableSince,
    FetchedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FedBlock {
    Table,
    Domain,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FedDelivery {
    Table,
    Id,
    ActivityId,
    Body,
    Inbox,
    Domain,
    Attempts,
    NextAttemptAt,
    LastError,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FedSeen {
    Table,
    ActivityId,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum FedObject {
    Table,
    Key,
    ApId,
    PersonToken,
    PersonKeys,
    SentHash,
    SentJson,
    PublishedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FedReport {
    Table,
    Id,
    ApId,
    PartnerId,
    Area,
    Quarter,
    K,
    VocabularyVersion,
    Total,
    Figures,
    UpdatedAt,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum FedLike {
    Table,
    ApId,
    StoryId,
    PartnerId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Story {
    Table,
    OriginPartnerId,
    ApId,
    OriginUrl,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Reply {
    Table,
    OriginPartnerId,
    ApId,
}
