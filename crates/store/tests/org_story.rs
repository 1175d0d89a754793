//! The organization storage story: one scenario over two tenants (orgs A and B), run unchanged
//! on SQLite and on PostgreSQL. Besides exercising every org store function, it swaps ids
//! between the tenants everywhere: a function given org B and an id from org A must neither
//! return nor change A's rows.

mod support;

use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::plan::PlanFeatures;
use bulwark_domain::policy_type::PolicyType;
use bulwark_domain::{
    CipherId, CollectionId, EventId, GroupId, MembershipId, OrgId, OrgUserStatus, OrgUserType,
    UserId,
};
use bulwark_store::ciphers::CipherRow;
use bulwark_store::collections::CollectionRow;
use bulwark_store::events::{EventRow, Page};
use bulwark_store::groups::GroupRow;
use bulwark_store::org_ciphers::OrgCipherRow;
use bulwark_store::organizations::CollectionSettingsRow;
use bulwark_store::{
    ciphers, collections, events, groups, members, org_ciphers, org_ciphers_blocking,
    organizations, policies, two_factor, user_orgs, users, AnyConnection, Store, StoreError,
};
use fixtures::{member, org, user};
use futures::StreamExt;

mod fixtures;

const HIDDEN_VIEW: CollectionAccess = CollectionAccess {
    read_only: true,
    hide_passwords: true,
    manage: false,
};

fn collection(org: OrgId) -> CollectionRow {
    CollectionRow {
        id: CollectionId::new(),
        org_id: org,
        name: "2.col|name|mac".into(),
        external_id: None,
        collection_type: 0,
        default_user_collection_email: None,
        creation_date: 1,
        revision_date: 1,
    }
}

fn group(org: OrgId, name: &str) -> GroupRow {
    GroupRow {
        id: GroupId::new(),
        org_id: org,
        name: name.into(),
        external_id: None,
        creation_date: 1,
        revision_date: 1,
    }
}

fn item(org: OrgId) -> OrgCipherRow {
    OrgCipherRow {
        id: CipherId::new(),
        organization_id: org,
        cipher_type: 1,
        data: r#"{"name":"2.a|b|c"}"#.into(),
        item_key: None,
        reprompt: 0,
        creation_date: 10,
        revision_date: 10,
        deleted_date: None,
    }
}

fn is_not_found<T: std::fmt::Debug>(r: Result<T, StoreError>) -> bool {
    matches!(r, Err(StoreError::NotFound))
}

async fn count(conn: &mut AnyConnection, sql: &str, id: impl ToString) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(id.to_string())
        .fetch_one(conn)
        .await
        .unwrap();
    n
}

/// The ids of the visible items of `u`, with their access, sorted by item id.
async fn visible(conn: &mut AnyConnection, u: UserId) -> Vec<(CipherId, CollectionAccess)> {
    let mut v: Vec<_> = org_ciphers::visible_for_user(conn, u)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.cipher.id, r.access()))
        .collect();
    v.sort_by_key(|(id, _)| *id);
    v
}

async fn visible_collections(
    conn: &mut AnyConnection,
    u: UserId,
) -> Vec<(CollectionId, CollectionAccess)> {
    collections::visible_for_user(conn, u)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.collection.id, r.access.into()))
        .collect()
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

/// Sorts (id, access) pairs by id (access has no order of its own).
fn by_id<K: Ord + Copy>(mut v: Vec<(K, CollectionAccess)>) -> Vec<(K, CollectionAccess)> {
    v.sort_by_key(|(k, _)| *k);
    v
}

#[allow(clippy::too_many_lines)] // one story, read top to bottom
async fn story(store: Store) {
    let mut conn = store.conn().await.unwrap();
    let c = &mut *conn;

    // --- Accounts ---------------------------------------------------------------------------
    let alice = user("alice@example.com"); // owner of A
    let bob = user("bob@example.com"); // member of A: direct grants and a group
    let carol = user("carol@example.com"); // member of A through a group only
    let dave = user("dave@example.com"); // invited to A, later accepted (never confirmed)
    let erin = user("erin@example.com"); // revoked from A
    let frank = user("frank@example.com"); // owner of B
    for u in [&alice, &bob, &carol, &dave, &erin, &frank] {
        users::insert(c, u).await.unwrap();
    }
    two_factor::upsert(c, alice.id, 0, "secret").await.unwrap();

    // --- Organizations ----------------------------------------------------------------------
    let a = org("alpha", PlanFeatures::ENTERPRISE);
    let b = org("bravo", PlanFeatures::TEAMS);
    organizations::insert(c, &a).await.unwrap();
    organizations::insert(c, &b).await.unwrap();
    let found = organizations::find(c, a.id).await.unwrap();
    assert_eq!(found.name, "alpha");
    assert_eq!(PlanFeatures::from(found.features), PlanFeatures::ENTERPRISE);
    assert_eq!(
        PlanFeatures::from(organizations::find(c, b.id).await.unwrap().features),
        PlanFeatures::TEAMS
    );
    assert!(is_not_found(organizations::find(c, OrgId::new()).await));

    organizations::update_details(c, a.id, "alpha2", "new@alpha.example", 2)
        .await
        .unwrap();
    assert!(is_not_found(
        organizations::update_details(c, OrgId::new(), "x", "y", 2).await
    ));
    assert!(
        organizations::set_keys_if_missing(c, a.id, "pub", "2.priv", 3)
            .await
            .unwrap()
    );
    assert!(
        !organizations::set_keys_if_missing(c, a.id, "other", "other", 4)
            .await
            .unwrap()
    );
    assert!(is_not_found(
        organizations::set_keys_if_missing(c, OrgId::new(), "p", "k", 4).await
    ));
    let settings = CollectionSettingsRow {
        limit_collection_creation: 1,
        limit_collection_deletion: 0,
        limit_item_deletion: 1,
        allow_admin_access_to_all_collection_items: 1,
    };
    organizations::set_collection_settings(c, a.id, settings, 5)
        .await
        .unwrap();
    organizations::set_api_key(c, a.id, "rotated", 6)
        .await
        .unwrap();
    let found = organizations::find(c, a.id).await.unwrap();
    assert_eq!(
        (found.name.as_str(), found.billing_email.as_str()),
        ("alpha2", "new@alpha.example")
    );
    assert_eq!(found.public_key.as_deref(), Some("pub"));
    assert_eq!(found.settings, settings);
    assert_eq!(
        (found.api_key.as_str(), found.api_key_revision_date),
        ("rotated", 6)
    );
    // B was not touched by any of it.
    let fb = organizations::find(c, b.id).await.unwrap();
    assert_eq!(
        (fb.name.as_str(), fb.api_key.as_str()),
        ("bravo", "api-key-30-chars")
    );
    assert_eq!(fb.public_key, None);
    assert_eq!(fb.settings, CollectionSettingsRow::default());

    // --- Members ------------------------------------------------------------------------------
    use OrgUserStatus::{Accepted, Confirmed, Invited, Revoked};
    use OrgUserType::{Custom, Owner, User};
    let m_alice = member(a.id, Some(alice.id), None, Owner, Confirmed);
    let m_bob = member(a.id, Some(bob.id), None, User, Accepted);
    let m_carol = member(a.id, Some(carol.id), None, User, Confirmed);
    let m_dave = member(a.id, None, Some("dave@example.com"), User, Invited);
    let m_erin = member(a.id, Some(erin.id), None, User, Confirmed);
    let m_frank = member(b.id, Some(frank.id), None, Owner, Confirmed);
    for m in [&m_alice, &m_bob, &m_carol, &m_dave, &m_erin] {
        members::insert(c, a.id, m).await.unwrap();
    }
    members::insert(c, b.id, &m_frank).await.unwrap();
    // A row claiming another org than the scope is refused.
    let stray = member(a.id, Some(frank.id), None, Owner, Confirmed);
    assert!(is_not_found(members::insert(c, b.id, &stray).await));

    // Unique constraints come back by name.
    let dup = members::insert(c, a.id, &member(a.id, Some(alice.id), None, User, Invited))
        .await
        .unwrap_err();
    assert!(
        dup.is_conflict_on(
            "organization_users_org_user_key",
            "organization_users.org_id, organization_users.user_id"
        ),
        "{dup:?}"
    );
    let dup = members::insert(
        c,
        a.id,
        &member(a.id, None, Some("dave@example.com"), User, Invited),
    )
    .await
    .unwrap_err();
    assert!(
        dup.is_conflict_on(
            "organization_users_org_email_key",
            "organization_users.org_id, organization_users.email"
        ),
        "{dup:?}"
    );
    // The same address may be invited to another org.
    members::insert(
        c,
        b.id,
        &member(b.id, None, Some("dave@example.com"), User, Invited),
    )
    .await
    .unwrap();

    // Reads are scoped.
    assert_eq!(
        members::find(c, a.id, m_bob.id).await.unwrap().user_id,
        m_bob.user_id
    );
    assert!(is_not_found(members::find(c, b.id, m_bob.id).await));
    assert_eq!(
        members::find_by_user(c, a.id, alice.id)
            .await
            .unwrap()
            .unwrap()
            .id,
        m_alice.id
    );
    assert!(members::find_by_user(c, b.id, alice.id)
        .await
        .unwrap()
        .is_none());
    let many = members::find_many(c, a.id, &[m_alice.id, m_frank.id])
        .await
        .unwrap();
    assert_eq!(many.len(), 1);
    assert_eq!(many[0].user().unwrap(), Some(alice.id));

    // Invite token, accept, confirm: each only in its own org and state.
    members::set_invite_token(c, a.id, m_dave.id, "hash", 99, 7)
        .await
        .unwrap();
    assert_eq!(
        members::find(c, a.id, m_dave.id)
            .await
            .unwrap()
            .invite_token_hash
            .as_deref(),
        Some("hash")
    );
    assert!(is_not_found(
        members::set_invite_token(c, a.id, m_bob.id, "hash", 99, 7).await
    ));
    assert!(is_not_found(
        members::set_invite_token(c, b.id, m_dave.id, "hash", 99, 7).await
    ));
    assert!(is_not_found(
        members::accept(c, b.id, m_dave.id, dave.id, 8).await
    ));
    members::accept(c, a.id, m_dave.id, dave.id, 8)
        .await
        .unwrap();
    let d = members::find(c, a.id, m_dave.id).await.unwrap();
    assert_eq!(
        (d.user().unwrap(), d.status, d.email, d.invite_token_hash),
        (Some(dave.id), 1, None, None)
    );
    assert!(is_not_found(
        members::accept(c, a.id, m_dave.id, dave.id, 9).await
    ));
    // Accepting an invite with an account that is already a member of the org conflicts.
    let m_again = member(a.id, None, Some("alice-alias@example.com"), User, Invited);
    members::insert(c, a.id, &m_again).await.unwrap();
    let dup = members::accept(c, a.id, m_again.id, alice.id, 9)
        .await
        .unwrap_err();
    assert!(
        dup.is_conflict_on(
            "organization_users_org_user_key",
            "organization_users.org_id, organization_users.user_id"
        ),
        "{dup:?}"
    );
    members::delete(c, a.id, m_again.id).await.unwrap();

    assert!(is_not_found(
        members::confirm(c, b.id, m_bob.id, "4.k", 10).await
    ));
    members::confirm(c, a.id, m_bob.id, "4.bob", 10)
        .await
        .unwrap();
    assert!(is_not_found(
        members::confirm(c, a.id, m_bob.id, "4.k", 10).await
    ));
    assert_eq!(members::find(c, a.id, m_bob.id).await.unwrap().status, 2);

    // Revoke erin (a grant is given to her below: it must be ignored).
    members::set_status(c, a.id, m_erin.id, Revoked, Some(1), 11)
        .await
        .unwrap();
    assert!(is_not_found(
        members::set_status(c, b.id, m_erin.id, Confirmed, None, 11).await
    ));

    // Seats: alice, bob, carol, dave (accepted) — not erin (revoked).
    assert_eq!(members::count_seats(c, a.id).await.unwrap(), 4);
    assert_eq!(members::count_seats(c, b.id).await.unwrap(), 2);
    let roles = members::roles(c, a.id).await.unwrap();
    assert_eq!(roles.len(), 5);
    assert!(roles
        .iter()
        .any(|r| r.id == m_erin.id && r.status == Revoked && r.user_type == User));

    let mut taken = members::taken_emails(c, a.id).await.unwrap();
    taken.sort();
    assert_eq!(
        taken,
        [
            "alice@example.com",
            "bob@example.com",
            "carol@example.com",
            "dave@example.com",
            "erin@example.com"
        ]
    );
    assert_eq!(
        sorted(members::taken_emails(c, b.id).await.unwrap()),
        ["dave@example.com", "frank@example.com"]
    );

    members::update_role(
        c,
        a.id,
        m_carol.id,
        Custom,
        Some(r#"{"manageUsers":true}"#),
        true,
        12,
    )
    .await
    .unwrap();
    assert!(is_not_found(
        members::update_role(c, b.id, m_carol.id, Owner, None, false, 12).await
    ));
    let cm = members::find(c, a.id, m_carol.id).await.unwrap();
    assert_eq!(
        (
            cm.member_type,
            cm.permissions.as_deref(),
            cm.access_secrets_manager
        ),
        (4, Some(r#"{"manageUsers":true}"#), 1)
    );
    members::set_reset_password_key(c, a.id, m_carol.id, Some("4.reset"), 13)
        .await
        .unwrap();
    assert!(is_not_found(
        members::set_reset_password_key(c, b.id, m_carol.id, None, 13).await
    ));

    // The members page in one query, with account fields and the 2FA flag.
    let list = members::list(c, a.id).await.unwrap();
    assert_eq!(list.len(), 5);
    let row = |id: MembershipId| list.iter().find(|r| r.member.id == id).unwrap();
    assert_eq!(row(m_alice.id).two_factor_enabled, 1);
    assert_eq!(row(m_bob.id).two_factor_enabled, 0);
    assert_eq!(
        row(m_bob.id).account_email.as_deref(),
        Some("bob@example.com")
    );
    assert_eq!(
        row(m_bob.id).user_name.as_deref(),
        Some("Name of bob@example.com")
    );
    assert!(list.iter().all(|r| r.member.org_id == a.id));
    let b_list = members::list(c, b.id).await.unwrap();
    assert_eq!(b_list.len(), 2);
    let invited = b_list.iter().find(|r| r.member.user_id.is_none()).unwrap();
    assert_eq!(invited.account_email, None);
    assert_eq!(invited.member.email.as_deref(), Some("dave@example.com"));

    // Public keys only for Accepted members of the org.
    let keys = members::public_keys(c, a.id, &[m_dave.id, m_bob.id, m_frank.id])
        .await
        .unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(
        (keys[0].id, keys[0].user_id, keys[0].public_key.as_deref()),
        (m_dave.id, dave.id, Some("pk-dave@example.com"))
    );

    // The profile: Accepted and Confirmed memberships with their orgs, nothing else.
    let profile = user_orgs::user_org_memberships(c, alice.id).await.unwrap();
    assert_eq!(profile.len(), 1);
    assert_eq!(
        (
            profile[0].org_id,
            profile[0].membership_id,
            profile[0].has_keys
        ),
        (a.id, m_alice.id, 1)
    );
    assert_eq!(profile[0].member_key.as_deref(), Some("4.wrapped"));
    assert_eq!(profile[0].settings, settings);
    assert_eq!(profile[0].features.use_policies, 1);
    let profile = user_orgs::user_org_memberships(c, dave.id).await.unwrap();
    assert_eq!(
        profile.len(),
        1,
        "accepted in A; the invite to B does not count"
    );
    assert_eq!(profile[0].status, 1);
    assert!(user_orgs::user_org_memberships(c, erin.id)
        .await
        .unwrap()
        .is_empty());
    let profile = user_orgs::user_org_memberships(c, frank.id).await.unwrap();
    assert_eq!((profile.len(), profile[0].has_keys), (1, 0));

    // --- Collections and groups ---------------------------------------------------------------
    let c1 = collection(a.id);
    let c2 = collection(a.id);
    let cb = collection(b.id);
    collections::insert(c, a.id, &c1).await.unwrap();
    collections::insert(c, a.id, &c2).await.unwrap();
    collections::insert(c, b.id, &cb).await.unwrap();
    assert!(is_not_found(
        collections::insert(c, b.id, &collection(a.id)).await
    ));
    assert_eq!(
        collections::find(c, a.id, c1.id).await.unwrap().name,
        c1.name
    );
    assert!(is_not_found(collections::find(c, b.id, c1.id).await));
    assert_eq!(
        collections::find_many(c, a.id, &[c1.id, cb.id])
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(collections::list(c, a.id).await.unwrap().len(), 2);
    assert_eq!(collections::count(c, a.id).await.unwrap(), 2);
    assert_eq!(collections::count(c, b.id).await.unwrap(), 1);
    collections::update(c, a.id, c1.id, "2.new|name|mac", Some("ext-1"), 14)
        .await
        .unwrap();
    assert!(is_not_found(
        collections::update(c, b.id, c1.id, "2.evil|x|y", None, 14).await
    ));
    let f1 = collections::find(c, a.id, c1.id).await.unwrap();
    assert_eq!(
        (
            f1.name.as_str(),
            f1.external_id.as_deref(),
            f1.revision_date
        ),
        ("2.new|name|mac", Some("ext-1"), 14)
    );

    // Direct grants: B's member is silently dropped, and B cannot write A's lists.
    let n = collections::set_user_access(
        c,
        a.id,
        c1.id,
        &[
            (m_alice.id, CollectionAccess::MANAGE),
            (m_erin.id, CollectionAccess::EDIT),
            (m_frank.id, CollectionAccess::MANAGE),
        ],
        15,
    )
    .await
    .unwrap();
    assert_eq!(n, 2);
    assert!(is_not_found(
        collections::set_user_access(
            c,
            b.id,
            c1.id,
            &[(m_frank.id, CollectionAccess::MANAGE)],
            15
        )
        .await
    ));
    assert!(is_not_found(
        collections::set_group_access(c, b.id, c1.id, &[], 15).await
    ));
    collections::set_user_access(
        c,
        b.id,
        cb.id,
        &[(m_frank.id, CollectionAccess::MANAGE)],
        15,
    )
    .await
    .unwrap();

    // bob's own grants: a hidden view of c1; cb (org B) is dropped.
    let n = collections::set_member_access(
        c,
        a.id,
        m_bob.id,
        &[(c1.id, HIDDEN_VIEW), (cb.id, CollectionAccess::EDIT)],
        16,
    )
    .await
    .unwrap();
    assert_eq!(n, 1);
    assert!(is_not_found(
        collections::set_member_access(c, b.id, m_bob.id, &[], 16).await
    ));

    let g1 = group(a.id, "Engineering");
    let gb = group(b.id, "Bravo team");
    groups::insert(c, a.id, &g1).await.unwrap();
    groups::insert(c, b.id, &gb).await.unwrap();
    assert!(is_not_found(
        groups::insert(c, a.id, &group(b.id, "x")).await
    ));
    assert_eq!(
        groups::find(c, a.id, g1.id).await.unwrap().name,
        "Engineering"
    );
    assert!(is_not_found(groups::find(c, b.id, g1.id).await));
    assert_eq!(groups::list(c, a.id).await.unwrap().len(), 1);
    groups::update(c, a.id, g1.id, "Eng", Some("ext-g"), 17)
        .await
        .unwrap();
    assert!(is_not_found(
        groups::update(c, b.id, g1.id, "x", None, 17).await
    ));
    assert_eq!(groups::find(c, a.id, g1.id).await.unwrap().name, "Eng");

    let n = groups::set_members(c, a.id, g1.id, &[m_carol.id, m_bob.id, m_frank.id], 18)
        .await
        .unwrap();
    assert_eq!(n, 2, "frank is in org B");
    assert!(is_not_found(
        groups::set_members(c, b.id, g1.id, &[m_frank.id], 18).await
    ));
    assert_eq!(
        groups::members(c, a.id, g1.id).await.unwrap(),
        sorted(vec![m_carol.id, m_bob.id])
    );
    assert!(groups::members(c, b.id, g1.id).await.unwrap().is_empty());
    assert_eq!(groups::all_members(c, a.id).await.unwrap().len(), 2);
    assert!(groups::all_members(c, b.id).await.unwrap().is_empty());
    // dave joins through set_member_groups; B's group is dropped.
    let n = groups::set_member_groups(c, a.id, m_dave.id, &[g1.id, gb.id], 19)
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert!(is_not_found(
        groups::set_member_groups(c, b.id, m_dave.id, &[gb.id], 19).await
    ));
    assert!(is_not_found(
        groups::remove_member(c, b.id, g1.id, m_dave.id).await
    ));
    groups::remove_member(c, a.id, g1.id, m_dave.id)
        .await
        .unwrap();
    assert!(is_not_found(
        groups::remove_member(c, a.id, g1.id, m_dave.id).await
    ));

    // The group gets c1 with manage (bob's direct hidden view must still win for bob) and c2
    // with edit; B's collection is dropped.
    let n = groups::set_collections(
        c,
        a.id,
        g1.id,
        &[
            (c1.id, CollectionAccess::MANAGE),
            (c2.id, CollectionAccess::EDIT),
            (cb.id, CollectionAccess::MANAGE),
        ],
        20,
    )
    .await
    .unwrap();
    assert_eq!(n, 2);
    assert!(is_not_found(
        groups::set_collections(c, b.id, g1.id, &[], 20).await
    ));
    assert_eq!(groups::collections(c, a.id, g1.id).await.unwrap().len(), 2);
    assert!(groups::collections(c, b.id, g1.id)
        .await
        .unwrap()
        .is_empty());
    // The same through the per-collection writer: replace c2's group list, gb dropped.
    let n = collections::set_group_access(
        c,
        a.id,
        c2.id,
        &[
            (g1.id, CollectionAccess::EDIT),
            (gb.id, CollectionAccess::EDIT),
        ],
        21,
    )
    .await
    .unwrap();
    assert_eq!(n, 1);

    // dave (Accepted, never confirmed) gets a direct grant through bulk access.
    let n = collections::upsert_access(
        c,
        a.id,
        &[c2.id],
        &[
            (m_dave.id, CollectionAccess::VIEW),
            (m_frank.id, CollectionAccess::VIEW),
        ],
        &[(g1.id, CollectionAccess::EDIT)],
        22,
    )
    .await
    .unwrap();
    assert_eq!(
        n, 2,
        "dave's grant plus g1's overwritten grant; frank dropped"
    );
    assert!(is_not_found(
        collections::upsert_access(c, a.id, &[cb.id], &[], &[], 22).await
    ));

    let ua = collections::user_access(c, a.id).await.unwrap();
    assert_eq!(ua.len(), 4, "alice, erin and bob on c1; dave on c2");
    assert!(ua.iter().all(|r| r.membership_id != m_frank.id));
    let bob_c1 = ua.iter().find(|r| r.membership_id == m_bob.id).unwrap();
    assert_eq!(CollectionAccess::from(bob_c1.access), HIDDEN_VIEW);
    assert_eq!(collections::group_access(c, a.id).await.unwrap().len(), 2);
    assert_eq!(collections::user_access(c, b.id).await.unwrap().len(), 1);
    assert!(collections::group_access(c, b.id).await.unwrap().is_empty());
    assert_eq!(
        collections::unmanaged_ids(c, a.id).await.unwrap(),
        vec![c2.id]
    );
    assert!(collections::unmanaged_ids(c, b.id)
        .await
        .unwrap()
        .is_empty());

    // Effective access of one member: direct overrides group; grants combine.
    let eff: Vec<(CollectionId, CollectionAccess)> =
        collections::effective_for_member(c, a.id, m_bob.id)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.collection.id, r.access.into()))
            .collect();
    assert_eq!(
        by_id(eff),
        by_id(vec![(c1.id, HIDDEN_VIEW), (c2.id, CollectionAccess::EDIT)])
    );
    assert!(collections::effective_for_member(c, b.id, m_bob.id)
        .await
        .unwrap()
        .is_empty());

    // --- Org items and what each member sees --------------------------------------------------
    let i1 = item(a.id); // in c1
    let i2 = item(a.id); // in c2
    let i3 = item(a.id); // unassigned
    let i4 = item(a.id); // in c1 and c2
    let ib = item(b.id); // in cb
    assert_eq!(
        org_ciphers::insert(c, a.id, &i1, &[c1.id, cb.id])
            .await
            .unwrap(),
        1
    );
    org_ciphers::insert(c, a.id, &i2, &[c2.id]).await.unwrap();
    assert_eq!(org_ciphers::insert(c, a.id, &i3, &[]).await.unwrap(), 0);
    org_ciphers::insert(c, a.id, &i4, &[c1.id, c2.id])
        .await
        .unwrap();
    org_ciphers::insert(c, b.id, &ib, &[cb.id]).await.unwrap();
    assert!(is_not_found(
        org_ciphers::insert(c, b.id, &item(a.id), &[]).await
    ));

    // alice: owner, but only c1 is hers (owners are not special in sync).
    let manage = CollectionAccess::MANAGE;
    let edit = CollectionAccess::EDIT;
    assert_eq!(
        visible(c, alice.id).await,
        by_id(vec![(i1.id, manage), (i4.id, manage)])
    );
    // bob: c1 as a hidden view (direct overrides the group's manage), c2 editable via the
    // group; i4 is in both and keeps the best grant (edit beats view).
    assert_eq!(
        visible(c, bob.id).await,
        by_id(vec![(i1.id, HIDDEN_VIEW), (i2.id, edit), (i4.id, edit)])
    );
    // carol: everything through the group, manage on c1.
    assert_eq!(
        visible(c, carol.id).await,
        by_id(vec![(i1.id, manage), (i2.id, edit), (i4.id, manage)])
    );
    // dave is Accepted, erin Revoked: grants or not, they see nothing.
    assert!(visible(c, dave.id).await.is_empty());
    assert!(visible(c, erin.id).await.is_empty());
    assert!(visible_collections(c, dave.id).await.is_empty());
    assert!(visible_collections(c, erin.id).await.is_empty());
    // frank sees only B.
    assert_eq!(visible(c, frank.id).await, vec![(ib.id, manage)]);
    // The streamed form yields the same rows.
    let streamed: Vec<_> = org_ciphers::stream_visible_for_user(c, bob.id)
        .collect::<Vec<_>>()
        .await;
    assert_eq!(streamed.len(), 3);
    assert!(streamed.iter().all(Result::is_ok));

    assert_eq!(
        by_id(visible_collections(c, bob.id).await),
        by_id(vec![(c1.id, HIDDEN_VIEW), (c2.id, edit)])
    );
    assert_eq!(
        by_id(visible_collections(c, carol.id).await),
        by_id(vec![(c1.id, manage), (c2.id, edit)])
    );
    let pairs: Vec<(CipherId, CollectionId)> = org_ciphers::visible_pairs_for_user(c, bob.id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.cipher_id, r.collection_id))
        .collect();
    assert_eq!(
        sorted(pairs),
        sorted(vec![
            (i1.id, c1.id),
            (i2.id, c2.id),
            (i4.id, c1.id),
            (i4.id, c2.id)
        ])
    );
    let alice_pairs = org_ciphers::visible_pairs_for_user(c, alice.id)
        .await
        .unwrap();
    assert_eq!(alice_pairs.len(), 2, "only alice's collection c1");
    // On SQLite, sync reads through the blocking reader: same items, access and collections.
    if let Some(reader) = store.sqlite_reader() {
        for u in [&alice, &bob, &carol, &dave, &frank] {
            let mut seen = Vec::new();
            let mut seen_pairs = Vec::new();
            org_ciphers_blocking::visit_visible_for_user(reader, u.id, |row, cols| {
                seen_pairs.extend(cols.iter().map(|col| (row.cipher.id, *col)));
                seen.push((row.cipher.id, row.access()));
                true
            })
            .unwrap();
            assert_eq!(by_id(seen), visible(c, u.id).await, "{}", u.email);
            let pairs = org_ciphers::visible_pairs_for_user(c, u.id).await.unwrap();
            let pairs = pairs.into_iter().map(|r| (r.cipher_id, r.collection_id));
            assert_eq!(sorted(seen_pairs), sorted(pairs.collect()), "{}", u.email);
        }
        let mut first_only = 0;
        org_ciphers_blocking::visit_visible_for_user(reader, bob.id, |_, _| {
            first_only += 1;
            false
        })
        .unwrap();
        assert_eq!(first_only, 1, "returning false stops the read");
    }

    // A disabled org shows nothing to anyone; re-enabling restores it.
    organizations::set_enabled(c, a.id, false, 23)
        .await
        .unwrap();
    assert!(visible(c, carol.id).await.is_empty());
    assert!(visible_collections(c, carol.id).await.is_empty());
    organizations::set_enabled(c, a.id, true, 24).await.unwrap();
    assert_eq!(visible(c, carol.id).await.len(), 3);

    // Admin reads and writes are scoped to the org.
    assert_eq!(
        org_ciphers::find(c, a.id, i1.id).await.unwrap().data,
        i1.data
    );
    assert!(is_not_found(org_ciphers::find(c, b.id, i1.id).await));
    let mut changed = i1.clone();
    changed.data = r#"{"name":"2.new|b|c"}"#.into();
    changed.revision_date = 25;
    assert!(is_not_found(org_ciphers::update(c, b.id, &changed).await));
    org_ciphers::update(c, a.id, &changed).await.unwrap();
    assert_eq!(
        org_ciphers::find(c, a.id, i1.id).await.unwrap().data,
        changed.data
    );
    assert!(is_not_found(
        org_ciphers::set_collections(c, b.id, i1.id, &[cb.id], 26).await
    ));
    assert_eq!(
        org_ciphers::set_collections(c, a.id, i3.id, &[c2.id, cb.id], 26)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        org_ciphers::collections_of(c, a.id, i3.id).await.unwrap(),
        vec![c2.id]
    );
    assert!(org_ciphers::collections_of(c, b.id, i3.id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(org_ciphers::list_for_org(c, a.id).await.unwrap().len(), 4);
    assert_eq!(org_ciphers::list_for_org(c, b.id).await.unwrap().len(), 1);
    assert_eq!(
        org_ciphers::collection_pairs_for_org(c, a.id)
            .await
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        org_ciphers::delete_many(c, b.id, &[i1.id, i2.id])
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        org_ciphers::delete_many(c, a.id, &[i3.id, ib.id])
            .await
            .unwrap(),
        1
    );
    assert!(is_not_found(org_ciphers::find(c, a.id, i3.id).await));
    assert!(org_ciphers::find(c, b.id, ib.id).await.is_ok());

    // Sharing moves a personal item of its owner into the org, once.
    let personal = CipherRow {
        id: CipherId::new(),
        cipher_type: 1,
        data: r#"{"name":"2.mine|b|c"}"#.into(),
        item_key: None,
        reprompt: 0,
        creation_date: 30,
        revision_date: 30,
        deleted_date: None,
        folder_id: None,
        favorite: 1,
        archived_date: None,
    };
    ciphers::insert(c, alice.id, &personal).await.unwrap();
    let mut shared = item(a.id);
    shared.id = personal.id;
    shared.data = r#"{"name":"2.org|b|c"}"#.into();
    assert!(is_not_found(
        org_ciphers::share(c, bob.id, a.id, &shared, &[c1.id]).await
    ));
    assert!(is_not_found(
        org_ciphers::share(c, alice.id, b.id, &shared, &[c1.id]).await
    ));
    assert_eq!(
        org_ciphers::share(c, alice.id, a.id, &shared, &[c1.id, cb.id])
            .await
            .unwrap(),
        1
    );
    assert!(is_not_found(ciphers::find(c, alice.id, personal.id).await));
    assert!(is_not_found(
        org_ciphers::share(c, alice.id, a.id, &shared, &[c1.id]).await
    ));
    let seen_by_alice = org_ciphers::visible_for_user(c, alice.id).await.unwrap();
    let row = seen_by_alice
        .iter()
        .find(|r| r.cipher.id == personal.id)
        .unwrap();
    assert_eq!(row.cipher.data, shared.data);
    assert_eq!(row.favorite, 1, "the owner's favourite survives the move");
    assert_eq!(
        org_ciphers::delete_many(c, a.id, &[personal.id])
            .await
            .unwrap(),
        1
    );

    // Bulk collection changes touch only the org's items and collections.
    assert_eq!(
        org_ciphers::change_collections(c, a.id, &[i2.id, ib.id], &[c1.id, cb.id], false)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        sorted(org_ciphers::collections_of(c, a.id, i2.id).await.unwrap()),
        sorted(vec![c1.id, c2.id])
    );
    assert_eq!(
        org_ciphers::change_collections(c, b.id, &[i2.id], &[c1.id], true)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        org_ciphers::change_collections(c, a.id, &[i2.id], &[c1.id], true)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        org_ciphers::collections_of(c, a.id, i2.id).await.unwrap(),
        vec![c2.id]
    );

    // --- Policies -----------------------------------------------------------------------------
    let p = policies::upsert(c, a.id, PolicyType::TwoFactorAuthentication, true, None, 27)
        .await
        .unwrap();
    let p2 = policies::upsert(
        c,
        a.id,
        PolicyType::TwoFactorAuthentication,
        false,
        Some(r#"{"x":1}"#),
        28,
    )
    .await
    .unwrap();
    assert_eq!(p.id, p2.id, "the id stays stable across updates");
    assert_eq!(
        (
            p2.enabled,
            p2.data.as_deref(),
            p2.creation_date,
            p2.revision_date
        ),
        (0, Some(r#"{"x":1}"#), 27, 28)
    );
    policies::upsert(c, a.id, PolicyType::MasterPassword, true, None, 29)
        .await
        .unwrap();
    policies::upsert(c, b.id, PolicyType::TwoFactorAuthentication, true, None, 29)
        .await
        .unwrap();
    assert!(policies::find(c, a.id, PolicyType::SingleOrg)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        policies::find(c, b.id, PolicyType::TwoFactorAuthentication)
            .await
            .unwrap()
            .unwrap()
            .enabled,
        1
    );
    assert_eq!(policies::list(c, a.id).await.unwrap().len(), 2);
    let up = policies::list_for_user(c, bob.id).await.unwrap();
    assert_eq!(up.len(), 2);
    assert!(up
        .iter()
        .all(|r| r.policy.org_id == a.id && r.member_status == 2));
    assert_eq!(policies::list_for_user(c, dave.id).await.unwrap().len(), 2);
    assert!(policies::list_for_user(c, erin.id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(policies::list_for_user(c, frank.id).await.unwrap().len(), 1);

    // --- Events -------------------------------------------------------------------------------
    let ev = |org: Option<OrgId>, date: i64| EventRow {
        id: EventId::new().to_string(),
        event_type: 1100,
        org_id: org.map(|o| o.to_string()),
        acting_user_id: Some(alice.id.to_string()),
        date,
        ..EventRow::default()
    };
    // 120 events in A, several sharing a date (page boundaries inside one microsecond), one
    // event per org B, and cipher, member and user events.
    let mut batch: Vec<EventRow> = (0..120).map(|i| ev(Some(a.id), 1_000 + i / 3)).collect();
    batch.push(ev(Some(b.id), 1_010));
    let mut on_item = ev(Some(a.id), 2_000);
    on_item.cipher_id = Some(i1.id.to_string());
    on_item.acting_user_id = Some(bob.id.to_string());
    batch.push(on_item);
    let mut mine = ev(None, 2_001);
    mine.event_type = 1000;
    mine.user_id = Some(bob.id.to_string());
    mine.device_type = Some(25);
    mine.ip_address = Some("192.0.2.1".into());
    batch.push(mine.clone());
    events::insert_many(c, &batch).await.unwrap();

    let all = Page {
        start: 0,
        end: i64::MAX,
        before: None,
        limit: 50,
    };
    let mut seen = Vec::new();
    let mut page = all;
    loop {
        let rows = events::list_for_org(c, a.id, page).await.unwrap();
        assert!(rows.iter().all(|r| r.org_id == Some(a.id.to_string())));
        seen.extend(rows.iter().map(|r| (r.date, r.id.clone())));
        if rows.len() < 50 {
            break;
        }
        let last = rows.last().unwrap();
        page.before = Some((last.date, last.id.parse().unwrap()));
    }
    assert_eq!(seen.len(), 121, "every A event once");
    let mut expected = seen.clone();
    expected.sort();
    expected.reverse();
    assert_eq!(seen, expected, "newest first, (date, id) descending");
    assert_eq!(events::list_for_org(c, b.id, all).await.unwrap().len(), 1);
    // Date bounds are inclusive.
    let window = Page {
        start: 1_000,
        end: 1_001,
        ..all
    };
    assert_eq!(
        events::list_for_org(c, a.id, window).await.unwrap().len(),
        6
    );

    let by_bob = events::list_for_org_user(c, a.id, bob.id, all)
        .await
        .unwrap();
    assert_eq!(by_bob.len(), 1);
    assert_eq!(by_bob[0].cipher_id, Some(i1.id.to_string()));
    assert!(events::list_for_org_user(c, b.id, bob.id, all)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        events::list_for_cipher(c, a.id, i1.id, all)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(events::list_for_cipher(c, b.id, i1.id, all)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        events::list_for_user(c, bob.id, all).await.unwrap(),
        vec![mine]
    );

    // --- Deletions ----------------------------------------------------------------------------
    assert!(is_not_found(collections::delete(c, b.id, c1.id).await));
    assert!(is_not_found(members::delete(c, b.id, m_bob.id).await));
    assert_eq!(groups::delete_many(c, b.id, &[g1.id]).await.unwrap(), 0);
    // Removing bob takes his grants and group links with him.
    members::delete(c, a.id, m_bob.id).await.unwrap();
    assert!(collections::user_access(c, a.id)
        .await
        .unwrap()
        .iter()
        .all(|r| r.membership_id != m_bob.id));
    assert_eq!(
        groups::members(c, a.id, g1.id).await.unwrap(),
        vec![m_carol.id]
    );
    assert!(visible(c, bob.id).await.is_empty());
    // Deleting c2 unlinks its items but keeps them.
    collections::delete(c, a.id, c2.id).await.unwrap();
    assert_eq!(
        org_ciphers::collections_of(c, a.id, i2.id).await.unwrap(),
        vec![]
    );
    assert!(org_ciphers::find(c, a.id, i2.id).await.is_ok());
    assert_eq!(
        groups::delete_many(c, a.id, &[g1.id, gb.id]).await.unwrap(),
        1
    );
    assert!(visible(c, carol.id).await.is_empty());

    // Deleting org A cascades to everything of A and leaves B whole.
    organizations::delete(c, a.id).await.unwrap();
    assert!(is_not_found(organizations::delete(c, a.id).await));
    for sql in [
        "SELECT COUNT(*) FROM organization_users WHERE org_id = $1",
        "SELECT COUNT(*) FROM collections WHERE org_id = $1",
        "SELECT COUNT(*) FROM groups WHERE org_id = $1",
        "SELECT COUNT(*) FROM policies WHERE org_id = $1",
        "SELECT COUNT(*) FROM events WHERE org_id = $1",
        "SELECT COUNT(*) FROM ciphers WHERE organization_id = $1",
    ] {
        assert_eq!(count(c, sql, a.id).await, 0, "{sql}");
    }
    assert_eq!(
        count(
            c,
            "SELECT COUNT(*) FROM collections_users cu JOIN collections x \
             ON x.id = cu.collection_id WHERE x.org_id = $1",
            b.id
        )
        .await,
        1
    );
    assert_eq!(
        count(
            c,
            "SELECT COUNT(*) FROM ciphers_collections WHERE cipher_id = $1",
            i1.id
        )
        .await,
        0
    );
    assert_eq!(visible(c, frank.id).await, vec![(ib.id, manage)]);
    assert_eq!(members::count_seats(c, b.id).await.unwrap(), 2);
    assert_eq!(events::list_for_org(c, b.id, all).await.unwrap().len(), 1);
    // The users themselves stay; bob's own user event is not an org event.
    assert!(users::find(c, alice.id).await.is_ok());
    assert_eq!(
        events::list_for_user(c, bob.id, all).await.unwrap().len(),
        1
    );

    // Deleting an account removes its memberships.
    users::delete(c, frank.id).await.unwrap();
    assert_eq!(members::count_seats(c, b.id).await.unwrap(), 1);
}

#[tokio::test]
async fn the_org_story_holds_on_sqlite() {
    support::on_sqlite(story).await;
}

#[tokio::test]
async fn the_org_story_holds_on_postgres() {
    support::on_postgres(story).await;
}
