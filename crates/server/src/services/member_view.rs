//! The member models of the admin console (`organizationUserUserDetails` in the list,
//! `organizationUserDetails` for one member), serialised straight from the rows: the list of a
//! large org is written as one buffer, without an intermediate JSON tree per member.

use crate::services::org_access;
use bulwark_domain::time::format_micros;
use bulwark_domain::{CollectionId, MembershipId, Permissions};
use bulwark_store::collections::UserAccessRow;
use bulwark_store::groups::GroupMemberRow;
use bulwark_store::members::{MemberDetailsRow, MemberRow};
use serde::Serialize;
use std::collections::HashMap;

/// One direct collection grant of a member.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrantView {
    id: CollectionId,
    read_only: bool,
    hide_passwords: bool,
    manage: bool,
}

/// The fields both member models share.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Common<'a> {
    id: MembershipId,
    user_id: Option<&'a str>,
    #[serde(rename = "type")]
    member_type: i64,
    status: i64,
    external_id: Option<&'a str>,
    access_secrets_manager: bool,
    access_pam: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    permissions: Option<Permissions>,
    reset_password_enrolled: bool,
    uses_key_connector: bool,
    has_master_password: bool,
    claimed_by_organization: bool,
    creation_date: String,
}

impl<'a> Common<'a> {
    fn of(m: &'a MemberRow) -> Self {
        Self {
            id: m.id,
            user_id: m.user_id.as_deref(),
            member_type: m.member_type,
            status: m.status,
            external_id: m.external_id.as_deref(),
            access_secrets_manager: m.access_secrets_manager != 0,
            access_pam: false,
            permissions: m
                .permissions
                .as_deref()
                .map(|p| org_access::parse_permissions(Some(p))),
            reset_password_enrolled: m
                .reset_password_key
                .as_deref()
                .is_some_and(|k| !k.is_empty()),
            uses_key_connector: false,
            has_master_password: m.user_id.is_some(),
            claimed_by_organization: false,
            creation_date: format_micros(m.creation_date),
        }
    }
}

/// A member in the list (`organizationUserUserDetails`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedMember<'a> {
    object: &'static str,
    #[serde(flatten)]
    common: Common<'a>,
    name: Option<&'a str>,
    email: Option<&'a str>,
    avatar_color: Option<&'a str>,
    two_factor_enabled: bool,
    sso_bound: bool,
    collections: &'a [GrantView],
    groups: &'a [String],
    revocation_reason: Option<i64>,
}

/// One member (`organizationUserDetails`); `groups` only when asked for.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberDetails<'a> {
    object: &'static str,
    #[serde(flatten)]
    common: Common<'a>,
    sso_external_id: Option<&'a str>,
    collections: &'a [GrantView],
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<&'a [String]>,
}

/// Direct grants on shared collections and group ids, indexed by member (whole org, loaded
/// once), so rendering N members costs N lookups rather than N scans.
#[derive(Default)]
pub struct MemberExtras {
    grants: HashMap<MembershipId, Vec<GrantView>>,
    groups: HashMap<MembershipId, Vec<String>>,
}

impl MemberExtras {
    #[must_use]
    pub fn new(grants: Vec<UserAccessRow>, groups: Vec<GroupMemberRow>) -> Self {
        let mut out = Self::default();
        for g in grants {
            out.grants
                .entry(g.membership_id)
                .or_default()
                .push(GrantView {
                    id: g.collection_id,
                    read_only: g.access.read_only != 0,
                    hide_passwords: g.access.hide_passwords != 0,
                    manage: g.access.manage != 0,
                });
        }
        for g in groups {
            out.groups
                .entry(g.membership_id)
                .or_default()
                .push(g.group_id.to_string());
        }
        out
    }

    fn grants_of(&self, id: MembershipId) -> &[GrantView] {
        self.grants.get(&id).map_or(&[], Vec::as_slice)
    }

    fn groups_of(&self, id: MembershipId) -> &[String] {
        self.groups.get(&id).map_or(&[], Vec::as_slice)
    }

    #[must_use]
    pub fn listed<'a>(&'a self, r: &'a MemberDetailsRow) -> ListedMember<'a> {
        let m = &r.member;
        ListedMember {
            object: "organizationUserUserDetails",
            common: Common::of(m),
            name: r.user_name.as_deref(),
            email: r.account_email.as_deref().or(m.email.as_deref()),
            avatar_color: r.avatar_color.as_deref(),
            two_factor_enabled: r.two_factor_enabled != 0,
            sso_bound: false,
            collections: self.grants_of(m.id),
            groups: self.groups_of(m.id),
            revocation_reason: m.revocation_reason,
        }
    }

    #[must_use]
    pub fn details<'a>(&'a self, m: &'a MemberRow, with_groups: bool) -> MemberDetails<'a> {
        MemberDetails {
            object: "organizationUserDetails",
            common: Common::of(m),
            sso_external_id: None,
            collections: self.grants_of(m.id),
            groups: with_groups.then(|| self.groups_of(m.id)),
        }
    }
}
