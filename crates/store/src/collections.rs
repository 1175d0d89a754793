//! Collections of one organization and who may reach them: direct grants to members
//! (`collections_users`) and grants to groups (`collections_groups`). Writes of access lists
//! replace the whole list and silently drop members or groups of other orgs, as upstream does.

use crate::rows::{expect_one, placeholders};
use crate::{grants, Result, StoreError};
use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::{CollectionId, GroupId, MembershipId, OrgId, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CollectionRow {
    #[sqlx(try_from = "String")]
    pub id: CollectionId,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    /// EncString under the org key.
    pub name: String,
    pub external_id: Option<String>,
    pub collection_type: i64,
    pub default_user_collection_email: Option<String>,
    pub creation_date: i64,
    pub revision_date: i64,
}

const COLUMNS: &str = "c.id, c.org_id, c.name, c.external_id, c.collection_type, \
    c.default_user_collection_email, c.creation_date, c.revision_date";

/// A grant's three flags as stored (0/1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AccessRow {
    pub read_only: i64,
    pub hide_passwords: i64,
    pub manage: i64,
}

impl From<AccessRow> for CollectionAccess {
    fn from(a: AccessRow) -> Self {
        Self {
            read_only: a.read_only != 0,
            hide_passwords: a.hide_passwords != 0,
            manage: a.manage != 0,
        }
    }
}

/// A direct grant of a collection to a member.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserAccessRow {
    #[sqlx(try_from = "String")]
    pub collection_id: CollectionId,
    #[sqlx(try_from = "String")]
    pub membership_id: MembershipId,
    #[sqlx(flatten)]
    pub access: AccessRow,
}

/// A grant of a collection to a group.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct GroupAccessRow {
    #[sqlx(try_from = "String")]
    pub collection_id: CollectionId,
    #[sqlx(try_from = "String")]
    pub group_id: GroupId,
    #[sqlx(flatten)]
    pub access: AccessRow,
}

/// A collection as one member sees it, with their effective access over all their grants.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberCollectionRow {
    #[sqlx(flatten)]
    pub collection: CollectionRow,
    #[sqlx(flatten)]
    pub access: AccessRow,
}

fn flags(a: CollectionAccess) -> (i64, i64, i64) {
    (
        i64::from(a.read_only),
        i64::from(a.hide_passwords),
        i64::from(a.manage),
    )
}

/// Stores a new collection in `org` (the row's `org_id` must be `org`).
///
/// # Errors
/// Database failures.
pub async fn insert(conn: &mut AnyConnection, org: OrgId, c: &CollectionRow) -> Result<()> {
    if c.org_id != org {
        return Err(StoreError::NotFound);
    }
    sqlx::query(
        "INSERT INTO collections (id, org_id, name, external_id, collection_type, \
         default_user_collection_email, creation_date, revision_date) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(c.id.to_string())
    .bind(org.to_string())
    .bind(&c.name)
    .bind(&c.external_id)
    .bind(c.collection_type)
    .bind(&c.default_user_collection_email)
    .bind(c.creation_date)
    .bind(c.revision_date)
    .execute(conn)
    .await?;
    Ok(())
}

/// # Errors
/// `StoreError::NotFound` unless the collection exists in `org`.
pub async fn find(conn: &mut AnyConnection, org: OrgId, id: CollectionId) -> Result<CollectionRow> {
    let sql = format!("SELECT {COLUMNS} FROM collections c WHERE c.org_id = $1 AND c.id = $2");
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .bind(id.to_string())
        .fetch_one(conn)
        .await?)
}

/// The collections of `org` among `ids` (others silently left out; the caller compares counts
/// when every id must exist).
///
/// # Errors
/// Database failures.
pub async fn find_many(
    conn: &mut AnyConnection,
    org: OrgId,
    ids: &[CollectionId],
) -> Result<Vec<CollectionRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM collections c WHERE c.org_id = $1 AND c.id IN ({})",
        placeholders(2, ids.len())
    );
    let mut q = sqlx::query_as(&sql).bind(org.to_string());
    for id in ids {
        q = q.bind(id.to_string());
    }
    Ok(q.fetch_all(conn).await?)
}

/// Every collection of `org`.
///
/// # Errors
/// Database failures.
pub async fn list(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<CollectionRow>> {
    let sql = format!("SELECT {COLUMNS} FROM collections c WHERE c.org_id = $1 ORDER BY c.id");
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .fetch_all(conn)
        .await?)
}

/// How many collections `org` has (for `maxCollections`).
///
/// # Errors
/// Database failures.
pub async fn count(conn: &mut AnyConnection, org: OrgId) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM collections WHERE org_id = $1")
        .bind(org.to_string())
        .fetch_one(conn)
        .await?;
    Ok(n)
}

/// The collections of `org` that nobody manages (no member and no group has `manage`).
///
/// # Errors
/// Database failures.
pub async fn unmanaged_ids(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<CollectionId>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT c.id FROM collections c WHERE c.org_id = $1 \
         AND NOT EXISTS (SELECT 1 FROM collections_users u WHERE u.collection_id = c.id \
         AND u.manage = 1) \
         AND NOT EXISTS (SELECT 1 FROM collections_groups g WHERE g.collection_id = c.id \
         AND g.manage = 1) ORDER BY c.id",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(id,)| {
            id.parse()
                .map_err(|_| StoreError::Corrupt("collection id".into()))
        })
        .collect()
}

/// Renames a collection and sets its external id.
///
/// # Errors
/// `StoreError::NotFound` unless the collection exists in `org`.
pub async fn update(
    conn: &mut AnyConnection,
    org: OrgId,
    id: CollectionId,
    name: &str,
    external_id: Option<&str>,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE collections SET name = $3, external_id = $4, revision_date = $5 \
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

/// Deletes a collection; its grants and item links cascade (the items stay).
///
/// # Errors
/// `StoreError::NotFound` unless the collection exists in `org`.
pub async fn delete(conn: &mut AnyConnection, org: OrgId, id: CollectionId) -> Result<()> {
    let done = sqlx::query("DELETE FROM collections WHERE org_id = $1 AND id = $2")
        .bind(org.to_string())
        .bind(id.to_string())
        .execute(conn)
        .await?;
    expect_one(done.rows_affected())
}

/// Bumps the collection's revision date; the first statement of every access-list write, so
/// a collection of another org is refused before anything changes (and SQLite writes first).
async fn touch(conn: &mut AnyConnection, org: OrgId, id: CollectionId, now: i64) -> Result<()> {
    let done =
        sqlx::query("UPDATE collections SET revision_date = $3 WHERE org_id = $1 AND id = $2")
            .bind(org.to_string())
            .bind(id.to_string())
            .bind(now)
            .execute(conn)
            .await?;
    expect_one(done.rows_affected())
}

/// Inserts (or with `upsert`, overwrites) one member grant, only if the member is in `org`.
async fn put_user_grant(
    conn: &mut AnyConnection,
    org: OrgId,
    collection: CollectionId,
    member: MembershipId,
    access: CollectionAccess,
    upsert: bool,
) -> Result<u64> {
    let (ro, hp, mg) = flags(access);
    let conflict = if upsert {
        " ON CONFLICT (collection_id, membership_id) DO UPDATE SET read_only = $3, \
         hide_passwords = $4, manage = $5"
    } else {
        ""
    };
    let sql = format!(
        "INSERT INTO collections_users (collection_id, membership_id, read_only, hide_passwords, \
         manage) SELECT $1, m.id, $3, $4, $5 FROM organization_users m \
         WHERE m.id = $2 AND m.org_id = $6{conflict}"
    );
    Ok(sqlx::query(&sql)
        .bind(collection.to_string())
        .bind(member.to_string())
        .bind(ro)
        .bind(hp)
        .bind(mg)
        .bind(org.to_string())
        .execute(conn)
        .await?
        .rows_affected())
}

/// Inserts (or overwrites) one group grant, only if the group is in `org`.
async fn put_group_grant(
    conn: &mut AnyConnection,
    org: OrgId,
    collection: CollectionId,
    group: GroupId,
    access: CollectionAccess,
    upsert: bool,
) -> Result<u64> {
    let (ro, hp, mg) = flags(access);
    let conflict = if upsert {
        " ON CONFLICT (collection_id, group_id) DO UPDATE SET read_only = $3, \
         hide_passwords = $4, manage = $5"
    } else {
        ""
    };
    let sql = format!(
        "INSERT INTO collections_groups (collection_id, group_id, read_only, hide_passwords, \
         manage) SELECT $1, g.id, $3, $4, $5 FROM groups g WHERE g.id = $2 AND g.org_id = $6{conflict}"
    );
    Ok(sqlx::query(&sql)
        .bind(collection.to_string())
        .bind(group.to_string())
        .bind(ro)
        .bind(hp)
        .bind(mg)
        .bind(org.to_string())
        .execute(conn)
        .await?
        .rows_affected())
}

/// Replaces the direct member grants of a collection. Members of other orgs are dropped;
/// returns how many grants were written.
///
/// # Errors
/// `StoreError::NotFound` unless the collection exists in `org`.
pub async fn set_user_access(
    conn: &mut AnyConnection,
    org: OrgId,
    collection: CollectionId,
    grants: &[(MembershipId, CollectionAccess)],
    now: i64,
) -> Result<u64> {
    touch(conn, org, collection, now).await?;
    sqlx::query("DELETE FROM collections_users WHERE collection_id = $1")
        .bind(collection.to_string())
        .execute(&mut *conn)
        .await?;
    let mut n = 0;
    for (member, access) in grants {
        n += put_user_grant(conn, org, collection, *member, *access, false).await?;
    }
    Ok(n)
}

/// Replaces the group grants of a collection. Groups of other orgs are dropped; returns how
/// many grants were written.
///
/// # Errors
/// `StoreError::NotFound` unless the collection exists in `org`.
pub async fn set_group_access(
    conn: &mut AnyConnection,
    org: OrgId,
    collection: CollectionId,
    grants: &[(GroupId, CollectionAccess)],
    now: i64,
) -> Result<u64> {
    touch(conn, org, collection, now).await?;
    sqlx::query("DELETE FROM collections_groups WHERE collection_id = $1")
        .bind(collection.to_string())
        .execute(&mut *conn)
        .await?;
    let mut n = 0;
    for (group, access) in grants {
        n += put_group_grant(conn, org, collection, *group, *access, false).await?;
    }
    Ok(n)
}

/// Adds or overwrites grants on several collections, keeping the other grants
/// (`collections/bulk-access`). Returns how many grants were written.
///
/// # Errors
/// `StoreError::NotFound` when any collection is not in `org` (nothing is written before the
/// check fails for the first such collection; run it in a transaction).
pub async fn upsert_access(
    conn: &mut AnyConnection,
    org: OrgId,
    collections: &[CollectionId],
    users: &[(MembershipId, CollectionAccess)],
    groups: &[(GroupId, CollectionAccess)],
    now: i64,
) -> Result<u64> {
    let mut n = 0;
    for c in collections {
        touch(conn, org, *c, now).await?;
        for (member, access) in users {
            n += put_user_grant(conn, org, *c, *member, *access, true).await?;
        }
        for (group, access) in groups {
            n += put_group_grant(conn, org, *c, *group, *access, true).await?;
        }
    }
    Ok(n)
}

/// Replaces a member's direct grants (member update). Collections of other orgs are dropped;
/// returns how many grants were written.
///
/// # Errors
/// `StoreError::NotFound` unless the membership exists in `org`.
pub async fn set_member_access(
    conn: &mut AnyConnection,
    org: OrgId,
    member: MembershipId,
    grants: &[(CollectionId, CollectionAccess)],
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
    sqlx::query("DELETE FROM collections_users WHERE membership_id = $1")
        .bind(member.to_string())
        .execute(&mut *conn)
        .await?;
    let mut n = 0;
    for (collection, access) in grants {
        let (ro, hp, mg) = flags(*access);
        n += sqlx::query(
            "INSERT INTO collections_users (collection_id, membership_id, read_only, \
             hide_passwords, manage) SELECT c.id, $2, $3, $4, $5 FROM collections c \
             WHERE c.id = $1 AND c.org_id = $6",
        )
        .bind(collection.to_string())
        .bind(member.to_string())
        .bind(ro)
        .bind(hp)
        .bind(mg)
        .bind(org.to_string())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(n)
}

/// Every direct member grant in `org`, for the admin views (one query for the whole org).
///
/// # Errors
/// Database failures.
pub async fn user_access(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<UserAccessRow>> {
    Ok(sqlx::query_as(
        "SELECT cu.collection_id, cu.membership_id, cu.read_only, cu.hide_passwords, cu.manage \
         FROM collections_users cu JOIN collections c ON c.id = cu.collection_id \
         WHERE c.org_id = $1 ORDER BY cu.collection_id, cu.membership_id",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?)
}

/// Every group grant in `org`, for the admin views (one query for the whole org).
///
/// # Errors
/// Database failures.
pub async fn group_access(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<GroupAccessRow>> {
    Ok(sqlx::query_as(
        "SELECT cg.collection_id, cg.group_id, cg.read_only, cg.hide_passwords, cg.manage \
         FROM collections_groups cg JOIN collections c ON c.id = cg.collection_id \
         WHERE c.org_id = $1 ORDER BY cg.collection_id, cg.group_id",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?)
}

/// Group the effective-access query: readOnly and hidePasswords hold only if every grant has
/// them (MIN), manage if any has it (MAX).
fn effective_select() -> String {
    format!(
        "SELECT {COLUMNS}, MIN(g.read_only) AS read_only, MIN(g.hide_passwords) AS hide_passwords, \
         MAX(g.manage) AS manage FROM grants g JOIN collections c ON c.id = g.collection_id \
         GROUP BY {COLUMNS} ORDER BY c.id"
    )
}

/// The collections one Confirmed member of `org` can reach, with their effective access.
/// This is what per-collection authz decisions (`CollectionFacts`) are built from.
///
/// # Errors
/// Database failures.
pub async fn effective_for_member(
    conn: &mut AnyConnection,
    org: OrgId,
    member: MembershipId,
) -> Result<Vec<MemberCollectionRow>> {
    let sql = format!("{}{}", grants::for_membership(), effective_select());
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .bind(member.to_string())
        .fetch_all(conn)
        .await?)
}

/// Every collection the user can reach in every org where they are a Confirmed member of an
/// enabled org, with effective access (sync `collections`, `GET /collections`). One query.
///
/// # Errors
/// Database failures.
pub async fn visible_for_user(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<Vec<MemberCollectionRow>> {
    let sql = format!("{}{}", grants::for_user(), effective_select());
    Ok(sqlx::query_as(&sql)
        .bind(user.to_string())
        .fetch_all(conn)
        .await?)
}
