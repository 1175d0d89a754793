//! Groups of one organization, their members (`groups_users`) and their collection grants
//! (written through `collections::set_group_access` per collection, or `set_collections` here
//! per group). Membership lists replace the whole list and drop ids of other orgs.

use crate::collections::GroupAccessRow;
use crate::rows::{expect_one, placeholders};
use crate::{Result, StoreError};
use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::{CollectionId, GroupId, MembershipId, OrgId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct GroupRow {
    #[sqlx(try_from = "String")]
    pub id: GroupId,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    /// Plain text.
    pub name: String,
    pub external_id: Option<String>,
    pub creation_date: i64,
    pub revision_date: i64,
}

/// One member of one group.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct GroupMemberRow {
    #[sqlx(try_from = "String")]
    pub group_id: GroupId,
    #[sqlx(try_from = "String")]
    pub membership_id: MembershipId,
}

const COLUMNS: &str = "g.id, g.org_id, g.name, g.external_id, g.creation_date, g.revision_date";

/// Stores a new group in `org` (the row's `org_id` must be `org`).
///
/// # Errors
/// Database failures.
pub async fn insert(conn: &mut AnyConnection, org: OrgId, g: &GroupRow) -> Result<()> {
    if g.org_id != org {
        return Err(StoreError::NotFound);
    }
    sqlx::query(
        "INSERT INTO groups (id, org_id, name, external_id, creation_date, revision_date) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(g.id.to_string())
    .bind(org.to_string())
    .bind(&g.name)
    .bind(&g.external_id)
    .bind(g.creation_date)
    .bind(g.revision_date)
    .execute(conn)
    .await?;
    Ok(())
}

/// # Errors
/// `StoreError::NotFound` unless the group exists in `org`.
pub async fn find(conn: &mut AnyConnection, org: OrgId, id: GroupId) -> Result<GroupRow> {
    let sql = format!("SELECT {COLUMNS} FROM groups g WHERE g.org_id = $1 AND g.id = $2");
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .bind(id.to_string())
        .fetch_one(conn)
        .await?)
}

/// Every group of `org`, by name.
///
/// # Errors
/// Database failures.
pub async fn list(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<GroupRow>> {
    let sql = format!("SELECT {COLUMNS} FROM groups g WHERE g.org_id = $1 ORDER BY g.name, g.id");
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .fetch_all(conn)
        .await?)
}

/// Renames a group and sets its external id.
///
/// # Errors
/// `StoreError::NotFound` unless the group exists in `org`.
pub async fn update(
    conn: &mut AnyConnection,
    org: OrgId,
    id: GroupId,
    name: &str,
    external_id: Option<&str>,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE groups SET name = $3, external_id = $4, revision_date = $5 \
         WHERE org_id = $1 AND id = $2",
    )
    .bind(org.to_string())
    .bind(id.to_string())
    .bind(name)
    .bind(external_id)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Deletes the groups of `org` among `ids`; their member and collection links cascade. Returns
/// how many were deleted, so a bulk route can refuse when an id was foreign or unknown.
///
/// # Errors
/// Database failures.
pub async fn delete_many(conn: &mut AnyConnection, org: OrgId, ids: &[GroupId]) -> Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "DELETE FROM groups WHERE org_id = $1 AND id IN ({})",
        placeholders(2, ids.len())
    );
    let mut q = sqlx::query(&sql).bind(org.to_string());
    for id in ids {
        q = q.bind(id.to_string());
    }
    Ok(q.execute(conn).await?.rows_affected())
}

async fn touch(conn: &mut AnyConnection, org: OrgId, id: GroupId, now: i64) -> Result<()> {
    let done = sqlx::query("UPDATE groups SET revision_date = $3 WHERE org_id = $1 AND id = $2")
        .bind(org.to_string())
        .bind(id.to_string())
        .bind(now)
        .execute(conn)
        .await?;
    expect_one(done.rows_affected())
}

/// Replaces the members of a group. Memberships of other orgs are dropped; returns how many
/// links were written.
///
/// # Errors
/// `StoreError::NotFound` unless the group exists in `org`.
pub async fn set_members(
    conn: &mut AnyConnection,
    org: OrgId,
    group: GroupId,
    members: &[MembershipId],
    now: i64,
) -> Result<u64> {
    touch(conn, org, group, now).await?;
    sqlx::query("DELETE FROM groups_users WHERE group_id = $1")
        .bind(group.to_string())
        .execute(&mut *conn)
        .await?;
    let mut n = 0;
    for m in members {
        n += sqlx::query(
            "INSERT INTO groups_users (group_id, membership_id) SELECT $1, m.id \
             FROM organization_users m WHERE m.id = $2 AND m.org_id = $3",
        )
        .bind(group.to_string())
        .bind(m.to_string())
        .bind(org.to_string())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(n)
}

/// Takes one member out of a group.
///
/// # Errors
/// `StoreError::NotFound` unless the group is in `org` and the member was in it.
pub async fn remove_member(
    conn: &mut AnyConnection,
    org: OrgId,
    group: GroupId,
    member: MembershipId,
) -> Result<()> {
    let done = sqlx::query(
        "DELETE FROM groups_users WHERE group_id = $1 AND membership_id = $2 \
         AND group_id IN (SELECT id FROM groups WHERE org_id = $3)",
    )
    .bind(group.to_string())
    .bind(member.to_string())
    .bind(org.to_string())
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// The membership ids in a group of `org` (empty for a group of another org).
///
/// # Errors
/// Database failures.
pub async fn members(
    conn: &mut AnyConnection,
    org: OrgId,
    group: GroupId,
) -> Result<Vec<MembershipId>> {
    let rows: Vec<GroupMemberRow> = sqlx::query_as(
        "SELECT gu.group_id, gu.membership_id FROM groups_users gu \
         JOIN groups g ON g.id = gu.group_id WHERE g.org_id = $1 AND g.id = $2 \
         ORDER BY gu.membership_id",
    )
    .bind(org.to_string())
    .bind(group.to_string())
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.membership_id).collect())
}

/// Every (group, member) link in `org`, for member lists with `includeGroups` (one query).
///
/// # Errors
/// Database failures.
pub async fn all_members(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<GroupMemberRow>> {
    Ok(sqlx::query_as(
        "SELECT gu.group_id, gu.membership_id FROM groups_users gu \
         JOIN groups g ON g.id = gu.group_id WHERE g.org_id = $1 \
         ORDER BY gu.group_id, gu.membership_id",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?)
}

/// Replaces the groups a member belongs to (member update with `groups`). Groups of other orgs
/// are dropped; returns how many links were written.
///
/// # Errors
/// `StoreError::NotFound` unless the membership exists in `org`.
pub async fn set_member_groups(
    conn: &mut AnyConnection,
    org: OrgId,
    member: MembershipId,
    groups: &[GroupId],
    now: i64,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE organization_users SET revision_date = $3 WHERE org_id = $1 AND id = $2",
    )
    .bind(org.to_string())
    .bind(member.to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    expect_one(done.rows_affected())?;
    sqlx::query("DELETE FROM groups_users WHERE membership_id = $1")
        .bind(member.to_string())
        .execute(&mut *conn)
        .await?;
    let mut n = 0;
    for g in groups {
        n += sqlx::query(
            "INSERT INTO groups_users (group_id, membership_id) SELECT g.id, $2 FROM groups g \
             WHERE g.id = $1 AND g.org_id = $3",
        )
        .bind(g.to_string())
        .bind(member.to_string())
        .bind(org.to_string())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(n)
}

/// Replaces the collection grants of a group. Collections of other orgs are dropped; returns
/// how many grants were written.
///
/// # Errors
/// `StoreError::NotFound` unless the group exists in `org`.
pub async fn set_collections(
    conn: &mut AnyConnection,
    org: OrgId,
    group: GroupId,
    grants: &[(CollectionId, CollectionAccess)],
    now: i64,
) -> Result<u64> {
    touch(conn, org, group, now).await?;
    sqlx::query("DELETE FROM collections_groups WHERE group_id = $1")
        .bind(group.to_string())
        .execute(&mut *conn)
        .await?;
    let mut n = 0;
    for (c, a) in grants {
        n += sqlx::query(
            "INSERT INTO collections_groups (collection_id, group_id, read_only, hide_passwords, \
             manage) SELECT c.id, $2, $3, $4, $5 FROM collections c \
             WHERE c.id = $1 AND c.org_id = $6",
        )
        .bind(c.to_string())
        .bind(group.to_string())
        .bind(i64::from(a.read_only))
        .bind(i64::from(a.hide_passwords))
        .bind(i64::from(a.manage))
        .bind(org.to_string())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(n)
}

/// The collection grants of one group of `org`.
///
/// # Errors
/// Database failures.
pub async fn collections(
    conn: &mut AnyConnection,
    org: OrgId,
    group: GroupId,
) -> Result<Vec<GroupAccessRow>> {
    Ok(sqlx::query_as(
        "SELECT cg.collection_id, cg.group_id, cg.read_only, cg.hide_passwords, cg.manage \
         FROM collections_groups cg JOIN groups g ON g.id = cg.group_id \
         WHERE g.org_id = $1 AND g.id = $2 ORDER BY cg.collection_id",
    )
    .bind(org.to_string())
    .bind(group.to_string())
    .fetch_all(conn)
    .await?)
}
