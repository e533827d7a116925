//! Stories and everything around them: their tags (for the feed's filter), replies,
//! "this happened to us too" reactions, reader reports, notifications, the forum's
//! signposting texts, members' steady forum names, and the story a moderation log entry
//! concerns. The moderation log becomes append-only in the database itself.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

use crate::columns::{counter, flag, id, moment, reference};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Account::Table)
                    .add_column(ColumnDef::new(Account::ForumName).string_len(40).null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_account_forum_name")
                    .table(Account::Table)
                    .col(Account::ForumName)
                    .unique()
                    .to_owned(),
            )
            .await?;

        create_story(manager).await?;
        create_story_tag(manager).await?;
        create_reply(manager).await?;
        create_reaction(manager).await?;
        create_report(manager).await?;
        create_notification(manager).await?;
        manager
            .create_table(
                Table::create()
                    .table(Signpost::Table)
                    .col(
                        ColumnDef::new(Signpost::Tag)
                            .string_len(80)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Signpost::Text).text().not_null())
                    .col(ColumnDef::new(Signpost::Html).text().not_null())
                    .col(moment(Signpost::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .alter_table(
                Table::alter()
                    .table(ModerationLog::Table)
                    .add_column(ColumnDef::new(ModerationLog::StoryId).string_len(16).null())
                    .to_owned(),
            )
            .await?;
        append_only_log(manager).await
    }
}

async fn create_story(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Story::Table)
                .col(id(Story::Id))
                // What links and other forums see: random, so ids say nothing about
                // order or number.
                .col(
                    ColumnDef::new(Story::PublicId)
                        .string_len(16)
                        .not_null()
                        .unique_key(),
                )
                // Null for samples and once the author's account is erased.
                .col(ColumnDef::new(Story::AuthorId).big_integer().null())
                .col(ColumnDef::new(Story::State).string_len(20).not_null())
                // A version is published and shown (it stays while an edit waits).
                .col(flag(Story::Live, false))
                .col(flag(Story::Sample, false))
                .col(ColumnDef::new(Story::Title).string_len(140).not_null())
                .col(ColumnDef::new(Story::Body).text().not_null())
                .col(ColumnDef::new(Story::Html).text().not_null())
                // Plain text for the feed, made when the text is saved.
                .col(ColumnDef::new(Story::Excerpt).text().not_null())
                // A GSS code; null for "not said".
                .col(ColumnDef::new(Story::Area).string_len(9).null())
                // "YYYY" or "YYYY-MM".
                .col(ColumnDef::new(Story::Period).string_len(7).not_null())
                // Comma-separated lists, e.g. "school,health".
                .col(ColumnDef::new(Story::Services).string_len(200).not_null())
                .col(ColumnDef::new(Story::Tags).text().not_null())
                .col(ColumnDef::new(Story::Stage).string_len(40).null())
                .col(ColumnDef::new(Story::AgeBand).string_len(8).null())
                .col(ColumnDef::new(Story::PrimaryNeed).string_len(8).null())
                .col(ColumnDef::new(Story::Visibility).string_len(20).not_null())
                .col(flag(Story::ConsentCount, true))
                .col(flag(Story::ConsentQuote, false))
                .col(
                    ColumnDef::new(Story::ContentWarnings)
                        .string_len(200)
                        .not_null(),
                )
                .col(ColumnDef::new(Story::Pseudonym).string_len(60).not_null())
                // An edit of a published story, as JSON, until a moderator decides.
                .col(ColumnDef::new(Story::PendingEdit).text().null())
                .col(ColumnDef::new(Story::ModeratorMessage).text().null())
                .col(counter(Story::ReactionCount))
                .col(counter(Story::ReplyCount))
                // Orders the feed: microseconds since 1970 at first publication.
                .col(ColumnDef::new(Story::FeedKey).big_integer().null())
                .col(ColumnDef::new(Story::PublishedOn).date().null())
                .col(
                    ColumnDef::new(Story::SubmittedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(moment(Story::CreatedAt))
                .col(moment(Story::UpdatedAt))
                .foreign_key(&mut account_ref(
                    Story::Table,
                    Story::AuthorId,
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    for (name, columns) in [
        // The feed: live stories, newest first, walked by keyset.
        (
            "idx_story_feed",
            vec![Story::Live, Story::FeedKey, Story::Id],
        ),
        (
            "idx_story_area_feed",
            vec![Story::Area, Story::FeedKey, Story::Id],
        ),
        // The moderation queue, oldest first.
        ("idx_story_queue", vec![Story::State, Story::SubmittedAt]),
        ("idx_story_author", vec![Story::AuthorId, Story::UpdatedAt]),
    ] {
        let mut index = Index::create();
        index.name(name).table(Story::Table);
        for column in columns {
            index.col(column);
        }
        manager.create_index(index.to_owned()).await?;
    }
    Ok(())
}

async fn create_story_tag(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // One row per tag of each live story, carrying the story's feed key so that a
    // tag-filtered feed walks one index.
    manager
        .create_table(
            Table::create()
                .table(StoryTag::Table)
                .col(ColumnDef::new(StoryTag::StoryId).big_integer().not_null())
                .col(ColumnDef::new(StoryTag::Tag).string_len(80).not_null())
                .col(ColumnDef::new(StoryTag::FeedKey).big_integer().not_null())
                .primary_key(Index::create().col(StoryTag::StoryId).col(StoryTag::Tag))
                .foreign_key(&mut story_ref(StoryTag::Table, StoryTag::StoryId))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_story_tag_feed")
                .table(StoryTag::Table)
                .col(StoryTag::Tag)
                .col(StoryTag::FeedKey)
                .col(StoryTag::StoryId)
                .to_owned(),
        )
        .await
}

async fn create_reply(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Reply::Table)
                .col(id(Reply::Id))
                .col(ColumnDef::new(Reply::StoryId).big_integer().not_null())
                .col(ColumnDef::new(Reply::AuthorId).big_integer().null())
                .col(ColumnDef::new(Reply::Body).text().not_null())
                .col(ColumnDef::new(Reply::Html).text().not_null())
                .col(ColumnDef::new(Reply::Pseudonym).string_len(60).not_null())
                .col(flag(Reply::ByAuthor, false))
                .col(ColumnDef::new(Reply::State).string_len(20).not_null())
                .col(moment(Reply::CreatedAt))
                .foreign_key(&mut story_ref(Reply::Table, Reply::StoryId))
                .foreign_key(&mut account_ref(
                    Reply::Table,
                    Reply::AuthorId,
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_reply_story")
                .table(Reply::Table)
                .col(Reply::StoryId)
                .col(Reply::Id)
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_reply_state")
                .table(Reply::Table)
                .col(Reply::State)
                .col(Reply::Id)
                .to_owned(),
        )
        .await
}

async fn create_reaction(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // The primary key is the one-reaction-per-member rule.
    manager
        .create_table(
            Table::create()
                .table(Reaction::Table)
                .col(ColumnDef::new(Reaction::StoryId).big_integer().not_null())
                .col(ColumnDef::new(Reaction::AccountId).big_integer().not_null())
                .col(moment(Reaction::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(Reaction::StoryId)
                        .col(Reaction::AccountId),
                )
                .foreign_key(&mut story_ref(Reaction::Table, Reaction::StoryId))
                .foreign_key(&mut account_ref(
                    Reaction::Table,
                    Reaction::AccountId,
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await
}

async fn create_report(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Report::Table)
                .col(id(Report::Id))
                .col(ColumnDef::new(Report::StoryId).big_integer().not_null())
                .col(ColumnDef::new(Report::ReplyId).big_integer().null())
                .col(ColumnDef::new(Report::ReporterId).big_integer().null())
                .col(ColumnDef::new(Report::Reason).string_len(20).not_null())
                .col(ColumnDef::new(Report::Note).text().null())
                .col(flag(Report::Open, true))
                .col(moment(Report::CreatedAt))
                .foreign_key(&mut story_ref(Report::Table, Report::StoryId))
                .foreign_key(&mut reference(
                    Report::Table,
                    Report::ReplyId,
                    Reply::Table,
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut account_ref(
                    Report::Table,
                    Report::ReporterId,
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_report_open")
                .table(Report::Table)
                .col(Report::Open)
                .col(Report::Id)
                .to_owned(),
        )
        .await
}

async fn create_notification(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Notification::Table)
                .col(id(Notification::Id))
                .col(
                    ColumnDef::new(Notification::AccountId)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(Notification::Kind).string_len(32).not_null())
                .col(ColumnDef::new(Notification::StoryId).big_integer().null())
                .col(ColumnDef::new(Notification::Message).text().null())
                .col(flag(Notification::Read, false))
                .col(moment(Notification::CreatedAt))
                .foreign_key(&mut account_ref(
                    Notification::Table,
                    Notification::AccountId,
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut story_ref(Notification::Table, Notification::StoryId))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_notification_account")
                .table(Notification::Table)
                .col(Notification::AccountId)
                .col(Notification::Id)
                .to_owned(),
        )
        .await
}

/// Nothing in the moderation log can be changed or deleted, even by a bug or a stray
/// query: the database refuses. The one change allowed is the one erasure makes,
/// emptying a column that pointed at an erased account.
async fn append_only_log(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    const CHANGED: &str = "NEW.id IS DISTINCT FROM OLD.id \
        OR NEW.action IS DISTINCT FROM OLD.action \
        OR NEW.detail IS DISTINCT FROM OLD.detail \
        OR NEW.reason IS DISTINCT FROM OLD.reason \
        OR NEW.created_at IS DISTINCT FROM OLD.created_at \
        OR NEW.story_id IS DISTINCT FROM OLD.story_id \
        OR (NEW.actor_id IS NOT NULL AND NEW.actor_id IS DISTINCT FROM OLD.actor_id) \
        OR (NEW.subject_account_id IS NOT NULL \
            AND NEW.subject_account_id IS DISTINCT FROM OLD.subject_account_id)";
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DbBackend::Sqlite => {
            // SQLite spells IS DISTINCT FROM as IS NOT.
            let changed = CHANGED.replace("IS DISTINCT FROM", "IS NOT");
            db.execute_unprepared(&format!(
                "CREATE TRIGGER moderation_log_no_update BEFORE UPDATE ON moderation_log \
                 WHEN {changed} BEGIN SELECT RAISE(ABORT, 'the moderation log is append-only'); END"
            ))
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER moderation_log_no_delete BEFORE DELETE ON moderation_log \
                 BEGIN SELECT RAISE(ABORT, 'the moderation log is append-only'); END",
            )
            .await?;
        }
        _ => {
            db.execute_unprepared(&format!(
                "CREATE FUNCTION moderation_log_append_only() RETURNS trigger AS $$ \
                 BEGIN \
                   IF TG_OP = 'DELETE' OR {CHANGED} THEN \
                     RAISE EXCEPTION 'the moderation log is append-only'; \
                   END IF; \
                   RETURN NEW; \
                 END $$ LANGUAGE plpgsql"
            ))
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER moderation_log_append_only BEFORE UPDATE OR DELETE \
                 ON moderation_log FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only()",
            )
            .await?;
        }
    }
    Ok(())
}

/// A column that points at an account, and what happens to the row when it is erased.
fn account_ref(
    table: impl IntoIden,
    column: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    reference(table, column, Account::Table, on_delete)
}

/// Rows that belong to a story go when its row goes (it never does today: a withdrawn
/// story keeps its id).
fn story_ref(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    reference(table, column, Story::Table, ForeignKeyAction::Cascade)
}

#[derive(DeriveIden)]
enum Account {
    Table,
    ForumName,
}

#[derive(DeriveIden)]
enum ModerationLog {
    Table,
    StoryId,
}

#[derive(DeriveIden)]
enum Story {
    Table,
    Id,
    PublicId,
    AuthorId,
    State,
    Live,
    Sample,
    Title,
    Body,
    Html,
    Excerpt,
    Area,
    Period,
    Services,
    Tags,
    Stage,
    AgeBand,
    PrimaryNeed,
    Visibility,
    ConsentCount,
    ConsentQuote,
    ContentWarnings,
    Pseudonym,
    PendingEdit,
    ModeratorMessage,
    ReactionCount,
    ReplyCount,
    FeedKey,
    PublishedOn,
    SubmittedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StoryTag {
    Table,
    StoryId,
    Tag,
    FeedKey,
}

#[derive(DeriveIden)]
enum Reply {
    Table,
    Id,
    StoryId,
    AuthorId,
    Body,
    Html,
    Pseudonym,
    ByAuthor,
    State,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Reaction {
    Table,
    StoryId,
    AccountId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Report {
    Table,
    Id,
    StoryId,
    ReplyId,
    ReporterId,
    Reason,
    Note,
    Open,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notification {
    Table,
    Id,
    AccountId,
    Kind,
    StoryId,
    Message,
    Read,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Signpost {
    Table,
    Tag,
    Text,
    Html,
    UpdatedAt,
}
