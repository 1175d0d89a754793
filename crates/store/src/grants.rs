//! The collection grants of members, as a SQL `WITH` prefix shared by the visibility queries
//! (sync collections, sync items, item-collection pairs), so the three cannot disagree on who
//! sees what.
//!
//! `grants(collection_id, org_id, read_only, hide_passwords, manage)` has one row per grant: a
//! member's direct grant, or a grant through one of their groups unless the member also has a
//! direct grant on that collection (direct overrides group). Every join re-checks that the
//! group and the collection belong to the membership's org, so a link row that somehow crossed
//! tenants still grants nothing.

/// The grants of one user across every org where they are a Confirmed member of an enabled org.
/// Binds `$1` = user id.
pub(crate) fn for_user() -> String {
    cte("ou.user_id = $1 AND ou.status = 2 AND o.enabled = 1")
}

/// The grants of one Confirmed membership. Binds `$1` = org id, `$2` = membership id.
pub(crate) fn for_membership() -> String {
    cte("ou.org_id = $1 AND ou.id = $2 AND ou.status = 2")
}

fn cte(member_filter: &str) -> String {
    format!(
        "WITH m AS (\
            SELECT ou.id AS membership_id, ou.org_id FROM organization_users ou \
            JOIN organizations o ON o.id = ou.org_id WHERE {member_filter}\
         ), grants AS (\
            SELECT c.id AS collection_id, c.org_id, cu.read_only, cu.hide_passwords, cu.manage \
            FROM m JOIN collections_users cu ON cu.membership_id = m.membership_id \
            JOIN collections c ON c.id = cu.collection_id AND c.org_id = m.org_id \
            UNION ALL \
            SELECT c.id AS collection_id, c.org_id, cg.read_only, cg.hide_passwords, cg.manage \
            FROM m JOIN groups_users gu ON gu.membership_id = m.membership_id \
            JOIN groups g ON g.id = gu.group_id AND g.org_id = m.org_id \
            JOIN collections_groups cg ON cg.group_id = g.id \
            JOIN collections c ON c.id = cg.collection_id AND c.org_id = m.org_id \
            WHERE NOT EXISTS (SELECT 1 FROM collections_users d \
                WHERE d.collection_id = cg.collection_id AND d.membership_id = m.membership_id)\
         ) "
    )
}
