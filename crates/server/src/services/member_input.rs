//! Turning member request bodies into domain values, and the checks every member route shares:
//! role and permission validation, collection and group ids of this org, and the bulk response
//! object. Malformed ids are "not found", never a 400 or a 500.

use crate::error::{ApiError, ApiResult};
use crate::services::org_access::OrgContext;
use bulwark_domain::authz::{CollectionAction, CollectionFacts};
use bulwark_domain::collection_access::{CollectionAccess, CollectionType};
use bulwark_domain::{CollectionId, GroupId, MembershipId, OrgUserType, Permissions};
use bulwark_store::{collections, groups, AnyConnection};
use bulwark_wire::member::SelectionReadOnly;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// # Errors
/// 404 for anything but a UUID.
pub fn parse_member_id(text: &str) -> ApiResult<MembershipId> {
    text.parse().map_err(|_| ApiError::NotFound)
}

/// The ids of a bulk body that are UUIDs, without duplicates; the others can match nothing.
#[must_use]
pub fn parse_member_ids(texts: &[String]) -> Vec<MembershipId> {
    let mut seen = HashSet::new();
    texts
        .iter()
        .filter_map(|t| t.parse().ok())
        .filter(|id| seen.insert(*id))
        .collect()
}

/// A role a request may assign: Owner, Admin, User or Custom (Manager no longer exists).
///
/// # Errors
/// The upstream model error for a missing, unknown or retired type.
pub fn parse_type(number: Option<i64>) -> ApiResult<OrgUserType> {
    number
        .and_then(|n| OrgUserType::try_from(n).ok())
        .filter(|t| t.is_assignable())
        .ok_or_else(|| ApiError::field("Type", "The field Type is invalid."))
}

/// Custom permissions from the free-form body object; only kept for Custom members.
#[must_use]
pub fn parse_permissions(t: OrgUserType, value: Option<&Value>) -> Permissions {
    if t != OrgUserType::Custom {
        return Permissions::default();
    }
    value
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default()
}

/// Permissions as stored: JSON for Custom members, nothing for the others.
#[must_use]
pub fn stored_permissions(t: OrgUserType, p: Permissions) -> Option<String> {
    (t == OrgUserType::Custom).then(|| serde_json::to_string(&p).unwrap_or_default())
}

/// Custom roles need the plan feature.
///
/// # Errors
/// The upstream message when the org's plan lacks custom permissions.
pub fn check_custom_allowed(ctx: &OrgContext, t: OrgUserType) -> ApiResult<()> {
    if t == OrgUserType::Custom && ctx.org.features.use_custom_permissions == 0 {
        return Err(ApiError::bad(
            "To enable custom permissions the organization must be on an Enterprise plan.",
        ));
    }
    Ok(())
}

/// Collection grants of a body; a malformed id is not found.
///
/// # Errors
/// 404 for a malformed id, 400 for `manage` mixed with a restriction.
pub fn parse_selections(
    items: Option<&[SelectionReadOnly]>,
) -> ApiResult<Vec<(CollectionId, CollectionAccess)>> {
    let mut out: Vec<(CollectionId, CollectionAccess)> = Vec::new();
    for s in items.unwrap_or_default() {
        let id: CollectionId = s.id.parse().map_err(|_| ApiError::NotFound)?;
        let access = CollectionAccess {
            read_only: s.read_only,
            hide_passwords: s.hide_passwords,
            manage: s.manage,
        }
        .validate()
        .map_err(|m| ApiError::field("Collections", m))?;
        out.retain(|(c, _)| *c != id);
        out.push((id, access));
    }
    Ok(out)
}

/// Group ids of a body; a malformed id is not found.
///
/// # Errors
/// 404 for a malformed id.
pub fn parse_groups(items: Option<&[String]>) -> ApiResult<Option<Vec<GroupId>>> {
    items
        .map(|ids| {
            let mut seen = HashSet::new();
            ids.iter()
                .map(|t| t.parse::<GroupId>().map_err(|_| ApiError::NotFound))
                .filter(|r| r.as_ref().map_or(true, |id| seen.insert(*id)))
                .collect()
        })
        .transpose()
}

/// Every group must be a group of this org.
///
/// # Errors
/// 404 otherwise.
pub async fn check_groups(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    ids: &[GroupId],
) -> ApiResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let known: HashSet<GroupId> = groups::list(conn, ctx.org.id)
        .await?
        .into_iter()
        .map(|g| g.id)
        .collect();
    if ids.iter().all(|g| known.contains(g)) {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// Which shared collections of the org the caller may change member access on (spec §4.4
/// ModifyUserAccess), and the default ("My Items") collections, which member routes never
/// assign.
pub struct CollectionRights {
    pub modifiable: HashSet<CollectionId>,
    pub defaults: HashSet<CollectionId>,
    pub all: HashSet<CollectionId>,
    /// The caller's own effective grants.
    pub own: HashMap<CollectionId, CollectionAccess>,
}

/// Loads [`CollectionRights`] for the caller (three queries for the whole org).
///
/// # Errors
/// Database failures.
pub async fn collection_rights(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
) -> ApiResult<CollectionRights> {
    let org = ctx.org.id;
    let own: HashMap<CollectionId, CollectionAccess> = match ctx.access.membership() {
        Some(me) => collections::effective_for_member(conn, org, me)
            .await?
            .into_iter()
            .map(|r| (r.collection.id, r.access.into()))
            .collect(),
        None => HashMap::new(),
    };
    let unmanaged: HashSet<CollectionId> = collections::unmanaged_ids(conn, org)
        .await?
        .into_iter()
        .collect();
    let list = collections::list(conn, org).await?;
    let mut rights = CollectionRights {
        modifiable: HashSet::new(),
        defaults: HashSet::new(),
        all: HashSet::new(),
        own,
    };
    for c in list {
        rights.all.insert(c.id);
        if c.collection_type == CollectionType::DefaultUserCollection.number() {
            rights.defaults.insert(c.id);
            continue;
        }
        let facts = CollectionFacts {
            grant: rights.own.get(&c.id).copied(),
            unmanaged: unmanaged.contains(&c.id),
        };
        if ctx
            .access
            .can_on_collection(CollectionAction::ModifyUserAccess, facts)
        {
            rights.modifiable.insert(c.id);
        }
    }
    Ok(rights)
}

impl CollectionRights {
    /// Every posted collection must exist in the org, not be a default collection, and be one
    /// the caller may modify access on.
    ///
    /// # Errors
    /// 404 otherwise (upstream's answer for a failed collection check).
    pub fn check_all_modifiable(
        &self,
        grants: &[(CollectionId, CollectionAccess)],
    ) -> ApiResult<()> {
        if grants.iter().all(|(c, _)| self.modifiable.contains(c)) {
            Ok(())
        } else {
            Err(ApiError::NotFound)
        }
    }
}

/// One entry of a bulk answer: `error` is empty on success.
#[must_use]
pub fn bulk_entry(id: MembershipId, error: &str) -> Value {
    json!({
        "object": "OrganizationBulkConfirmResponseModel",
        "id": id.to_string(),
        "error": error,
    })
}

/// The list envelope around bulk entries.
#[must_use]
pub fn bulk_list(entries: Vec<Value>) -> Value {
    json!({ "object": "list", "data": entries, "continuationToken": null })
}

/// The addresses of an invitation batch (org or provider): 1 to 20, each valid and at most
/// 256 characters, normalised.
///
/// # Errors
/// 400 naming the first bad address.
pub fn check_invite_emails(emails: &[String]) -> ApiResult<Vec<String>> {
    bulwark_domain::member_rules::check_invite_batch(emails.len())
        .map_err(|m| ApiError::field("Emails", m))?;
    emails
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let e = crate::services::accounts::normalize_email(e);
            if e.len() > 256 {
                return Err(ApiError::field(
                    "Emails",
                    format!("Email #{} is longer than 256 characters.", i + 1),
                ));
            }
            crate::services::accounts::validate_email(&e).map_err(|_| {
                ApiError::field("Emails", format!("Email #{} is not valid.", i + 1))
            })?;
            Ok(e)
        })
        .collect()
}
