//! Column shapes the migrations share. Changing one changes no migration that has run:
//! each builds the same SQL as before.

use sea_orm_migration::prelude::*;

/// An auto-increment 64-bit primary key.
pub fn id(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

/// A point in time, required.
pub fn moment(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

/// A required yes or no, with its default.
pub fn flag(column: impl IntoIden, default: bool) -> ColumnDef {
    ColumnDef::new(column)
        .boolean()
        .not_null()
        .default(default)
        .to_owned()
}

/// A required count, starting at 0.
pub fn counter(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .integer()
        .not_null()
        .default(0)
        .to_owned()
}

/// A foreign key from `table.column` to `target`'s `id`, and what happens when the target
/// row goes.
pub fn reference(
    table: impl IntoIden,
    column: impl IntoIden,
    target: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(target, Alias::new("id"))
        .on_delete(on_delete)
        .to_owned()
}
