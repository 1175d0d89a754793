//! The provider storage story: two providers (P, an MSP, and Q, a reseller) and their client
//! orgs, run unchanged on SQLite and PostgreSQL. Every function that takes a provider is also
//! called with an id of the other provider and must neither return nor change its rows.

mod support;

use bulwark_domain::authz::{ProviderUserStatus, ProviderUserType};
use bulwark_domain::plan::PlanFeatures;
use bulwark_domain::{
    OrgUserStatus, OrgUserType, ProviderId, ProviderOrgId, ProviderUserId, UserId,
};
use bulwark_store::provider_orgs::{self, ProviderOrgRow};
use bulwark_store::provider_users::{self, ProviderUserRow};
use bulwark_store::providers::{self, ProviderPlanRow, ProviderRow};
use bulwark_store::{members, organizations, users, Store, StoreError};
use fixtures::{member, org, user};

mod fixtures;

fn provider(provider_type: i64) -> ProviderRow {
    ProviderRow {
        id: ProviderId::new(),
        name: None,
        business_name: None,
        billing_email: None,
        status: 0,
        provider_type,
        enabled: 1,
        use_events: 1,
        creation_date: 1,
        revision_date: 1,
    }
}

fn provider_user(
    provider: ProviderId,
    user: Option<UserId>,
    email: Option<&str>,
    t: ProviderUserType,
    s: ProviderUserStatus,
) -> ProviderUserRow {
    ProviderUserRow {
        id: ProviderUserId::new(),
        provider_id: provider,
        user_id: user.map(|u| u.to_string()),
        email: email.map(str::to_owned),
        provider_key: None,
        status: s.number(),
        user_type: t.number(),
        invite_token_hash: None,
        invite_expires_at: None,
        creation_date: 1,
        revision_date: 1,
    }
}

fn link(provider: ProviderId, org: bulwark_domain::OrgId) -> ProviderOrgRow {
    ProviderOrgRow {
        id: ProviderOrgId::new(),
        provider_id: provider,
        org_id: org,
        org_key: Some("2.org|key|wrapped".into()),
        creation_date: 1,
        revision_date: 1,
    }
}

fn not_found<T: std::fmt::Debug>(r: Result<T, StoreError>) -> bool {
    matches!(r, Err(StoreError::NotFound))
}

#[allow(clippy::too_many_lines)] // one scenario, read top to bottom
async fn story(store: Store) {
    use ProviderUserStatus as S;
    use ProviderUserType as T;
    let mut conn = store.conn().await.unwrap();
    let c = &mut *conn;

    let owner = user("owner@msp.example");
    let tech = user("tech@msp.example");
    let newbie = user("newbie@msp.example");
    let rival = user("admin@reseller.example");
    let customer = user("boss@client.example");
    for u in [&owner, &tech, &newbie, &rival, &customer] {
        users::insert(c, u).await.unwrap();
    }

    // --- Providers and their contracts ------------------------------------------------------
    let p = provider(0);
    let q = provider(1);
    providers::insert(c, &p).await.unwrap();
    providers::insert(c, &q).await.unwrap();
    providers::set_plan(c, p.id, 17, 100).await.unwrap();
    providers::set_plan(c, p.id, 19, 50).await.unwrap();
    providers::set_plan(c, p.id, 19, 60).await.unwrap();
    assert_eq!(
        providers::plans(c, p.id).await.unwrap(),
        vec![
            ProviderPlanRow {
                plan_type: 17,
                seat_minimum: 100
            },
            ProviderPlanRow {
                plan_type: 19,
                seat_minimum: 60
            }
        ]
    );
    assert!(providers::plans(c, q.id).await.unwrap().is_empty());

    // Setup moves Pending -> Billable once.
    providers::update_details(
        c,
        p.id,
        "MSP &amp; Co",
        Some("MSP Co"),
        "bill@msp.example",
        2,
    )
    .await
    .unwrap();
    providers::transition_status(c, p.id, 0, 2, 3)
        .await
        .unwrap();
    assert!(not_found(
        providers::transition_status(c, p.id, 0, 2, 4).await
    ));
    let found = providers::find(c, p.id).await.unwrap();
    assert_eq!(found.name.as_deref(), Some("MSP &amp; Co"));
    assert_eq!(found.status, 2);
    assert!(not_found(providers::find(c, ProviderId::new()).await));

    // --- Members ------------------------------------------------------------------------------
    let mut admin = provider_user(p.id, Some(owner.id), None, T::ProviderAdmin, S::Confirmed);
    admin.provider_key = None;
    provider_users::insert(c, &admin).await.unwrap();
    provider_users::set_key(c, p.id, admin.id, "4.provider-key-for-owner", 5)
        .await
        .unwrap();
    let invited = provider_user(
        p.id,
        None,
        Some("tech@msp.example"),
        T::ServiceUser,
        S::Invited,
    );
    provider_users::insert(c, &invited).await.unwrap();
    let pending = provider_user(
        p.id,
        None,
        Some("newbie@msp.example"),
        T::ServiceUser,
        S::Invited,
    );
    provider_users::insert(c, &pending).await.unwrap();
    let q_admin = provider_user(q.id, Some(rival.id), None, T::ProviderAdmin, S::Confirmed);
    provider_users::insert(c, &q_admin).await.unwrap();

    // The same address twice in one provider, or the same user twice: refused by the database.
    let twice = provider_user(
        p.id,
        None,
        Some("tech@msp.example"),
        T::ServiceUser,
        S::Invited,
    );
    assert!(matches!(
        provider_users::insert(c, &twice).await,
        Err(StoreError::Conflict(_))
    ));
    let owner_twice = provider_user(p.id, Some(owner.id), None, T::ServiceUser, S::Confirmed);
    assert!(matches!(
        provider_users::insert(c, &owner_twice).await,
        Err(StoreError::Conflict(_))
    ));

    let mut taken = provider_users::taken_emails(c, p.id).await.unwrap();
    taken.sort();
    assert_eq!(
        taken,
        vec![
            "newbie@msp.example",
            "owner@msp.example",
            "tech@msp.example"
        ]
    );

    // Invite token, accept, confirm; each scoped to the provider.
    provider_users::set_invite_token(c, p.id, invited.id, "hash", 99)
        .await
        .unwrap();
    assert!(not_found(
        provider_users::set_invite_token(c, q.id, invited.id, "hash", 99).await
    ));
    assert!(not_found(
        provider_users::accept(c, q.id, invited.id, tech.id, 6).await
    ));
    provider_users::accept(c, p.id, invited.id, tech.id, 6)
        .await
        .unwrap();
    assert!(
        not_found(provider_users::accept(c, p.id, invited.id, tech.id, 6).await),
        "only an Invited member accepts"
    );
    let accepted = provider_users::find(c, p.id, invited.id).await.unwrap();
    assert_eq!(accepted.status, 1);
    assert_eq!(accepted.email, None);
    assert_eq!(accepted.invite_token_hash, None);
    assert_eq!(accepted.user().unwrap(), Some(tech.id));

    // Public keys: Accepted members of this provider only.
    let keys =
        provider_users::public_keys(c, p.id, &[invited.id, admin.id, pending.id, q_admin.id])
            .await
            .unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].id, invited.id);
    assert_eq!(keys[0].public_key.as_deref(), Some("pk-tech@msp.example"));

    assert!(not_found(
        provider_users::confirm(c, q.id, invited.id, "4.k", 7).await
    ));
    assert!(
        not_found(provider_users::confirm(c, p.id, pending.id, "4.k", 7).await),
        "an Invited member cannot be confirmed"
    );
    provider_users::confirm(c, p.id, invited.id, "4.provider-key-for-tech", 7)
        .await
        .unwrap();
    assert_eq!(
        provider_users::find(c, p.id, invited.id)
            .await
            .unwrap()
            .provider_key
            .as_deref(),
        Some("4.provider-key-for-tech")
    );

    // Lookups across providers find nothing.
    assert!(not_found(provider_users::find(c, q.id, admin.id).await));
    assert!(provider_users::find_by_user(c, q.id, owner.id)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        provider_users::find_by_user(c, p.id, tech.id)
            .await
            .unwrap()
            .unwrap()
            .id,
        invited.id
    );
    let many = provider_users::find_many(c, p.id, &[admin.id, q_admin.id])
        .await
        .unwrap();
    assert_eq!(many.len(), 1);
    assert_eq!(many[0].id, admin.id);

    let listed = provider_users::list(c, p.id).await.unwrap();
    assert_eq!(listed.len(), 3);
    let tech_row = listed.iter().find(|r| r.member.id == invited.id).unwrap();
    assert_eq!(tech_row.account_email.as_deref(), Some("tech@msp.example"));

    // Type changes and the confirmed-admin list.
    assert_eq!(
        provider_users::confirmed_admins(c, p.id).await.unwrap(),
        vec![admin.id]
    );
    provider_users::set_type(c, p.id, invited.id, T::ProviderAdmin, 8)
        .await
        .unwrap();
    assert!(not_found(
        provider_users::set_type(c, q.id, invited.id, T::ServiceUser, 8).await
    ));
    assert_eq!(
        provider_users::confirmed_admins(c, p.id)
            .await
            .unwrap()
            .len(),
        2
    );
    provider_users::set_type(c, p.id, invited.id, T::ServiceUser, 9)
        .await
        .unwrap();

    // --- Client organizations -----------------------------------------------------------------
    let client = org("client", PlanFeatures::ENTERPRISE);
    let other = org("other", PlanFeatures::TEAMS);
    organizations::insert(c, &client).await.unwrap();
    organizations::insert(c, &other).await.unwrap();
    let boss = member(
        client.id,
        Some(customer.id),
        None,
        OrgUserType::Owner,
        OrgUserStatus::Confirmed,
    );
    members::insert(c, client.id, &boss).await.unwrap();
    let waiting = member(
        client.id,
        None,
        Some("new@client.example"),
        OrgUserType::User,
        OrgUserStatus::Invited,
    );
    members::insert(c, client.id, &waiting).await.unwrap();
    let gone = member(
        client.id,
        Some(newbie.id),
        None,
        OrgUserType::User,
        OrgUserStatus::Revoked,
    );
    members::insert(c, client.id, &gone).await.unwrap();

    let l = link(p.id, client.id);
    provider_orgs::insert(c, &l).await.unwrap();
    // One provider per org, enforced by the database.
    let stolen = link(q.id, client.id);
    assert!(matches!(
        provider_orgs::insert(c, &stolen).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(not_found(provider_orgs::find(c, q.id, l.id).await));
    assert_eq!(
        provider_orgs::find(c, p.id, l.id).await.unwrap().org_id,
        client.id
    );
    assert_eq!(
        provider_orgs::find_by_org(c, client.id)
            .await
            .unwrap()
            .unwrap()
            .id,
        l.id
    );
    assert!(provider_orgs::find_by_org(c, other.id)
        .await
        .unwrap()
        .is_none());

    let clients = provider_orgs::list_clients(c, p.id).await.unwrap();
    assert_eq!(clients.len(), 1);
    assert_eq!(clients[0].org_name, "client");
    assert_eq!(clients[0].seats, Some(10));
    assert_eq!(
        clients[0].occupied_seats, 2,
        "owner + invited; revoked holds none"
    );
    assert_eq!(clients[0].confirmed_members, 1);
    assert!(provider_orgs::list_clients(c, q.id)
        .await
        .unwrap()
        .is_empty());

    // The link as authorization sees it: the provider, and the caller's membership in it.
    let seen = provider_orgs::link_for(c, client.id, tech.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (seen.provider, seen.link, seen.member),
        (p.id, l.id, Some((1, 2)))
    );
    let seen = provider_orgs::link_for(c, client.id, rival.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        seen.member, None,
        "another provider's admin is no member of P"
    );
    assert!(provider_orgs::link_for(c, other.id, tech.id)
        .await
        .unwrap()
        .is_none());

    let profile = provider_orgs::profile_for_user(c, tech.id).await.unwrap();
    assert_eq!(profile.len(), 1);
    assert_eq!(profile[0].org_id, client.id);
    assert_eq!(profile[0].org_key.as_deref(), Some("2.org|key|wrapped"));
    assert_eq!(profile[0].provider_name.as_deref(), Some("MSP &amp; Co"));
    assert_eq!(profile[0].features.use_policies, 1);
    assert!(provider_orgs::profile_for_user(c, rival.id)
        .await
        .unwrap()
        .is_empty());
    assert!(provider_orgs::profile_for_user(c, newbie.id)
        .await
        .unwrap()
        .is_empty());

    let summaries = providers::list_summaries(c).await.unwrap();
    let ps = summaries.iter().find(|s| s.provider.id == p.id).unwrap();
    assert_eq!((ps.client_count, ps.admin_count), (1, 1));
    let qs = summaries.iter().find(|s| s.provider.id == q.id).unwrap();
    assert_eq!((qs.client_count, qs.admin_count), (0, 1));

    // Disabling a provider disables its clients, not other orgs; enabling restores them.
    providers::set_enabled(c, p.id, false, 10).await.unwrap();
    assert_eq!(organizations::find(c, client.id).await.unwrap().enabled, 0);
    assert_eq!(organizations::find(c, other.id).await.unwrap().enabled, 1);
    providers::set_enabled(c, p.id, true, 11).await.unwrap();
    assert_eq!(organizations::find(c, client.id).await.unwrap().enabled, 1);

    // Revision bumps reach the provider's members only.
    provider_users::bump_revision_of_members(c, p.id, 500)
        .await
        .unwrap();
    assert_eq!(
        users::find(c, tech.id).await.unwrap().account_revision_date,
        500
    );
    assert_eq!(
        users::find(c, rival.id)
            .await
            .unwrap()
            .account_revision_date,
        1
    );

    // --- Removal and deletion -----------------------------------------------------------------
    assert!(not_found(provider_users::delete(c, q.id, invited.id).await));
    assert!(matches!(
        providers::delete_without_clients(c, p.id).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(not_found(provider_orgs::delete(c, q.id, l.id).await));
    provider_orgs::delete(c, p.id, l.id).await.unwrap();
    assert!(provider_orgs::link_for(c, client.id, tech.id)
        .await
        .unwrap()
        .is_none());
    provider_users::delete(c, p.id, pending.id).await.unwrap();
    providers::delete_without_clients(c, p.id).await.unwrap();
    assert!(not_found(providers::find(c, p.id).await));
    assert!(not_found(provider_users::find(c, p.id, admin.id).await));
    assert!(not_found(providers::delete_without_clients(c, p.id).await));
    // The client org and its members stay; Q is untouched.
    assert_eq!(members::count_seats(c, client.id).await.unwrap(), 2);
    assert!(providers::find(c, q.id).await.is_ok());
    // Deleting an org removes its link too.
    let l2 = link(q.id, other.id);
    provider_orgs::insert(c, &l2).await.unwrap();
    organizations::delete(c, other.id).await.unwrap();
    assert!(not_found(provider_orgs::find(c, q.id, l2.id).await));
}

#[tokio::test]
async fn the_provider_story_holds_on_sqlite() {
    support::on_sqlite(story).await;
}

#[tokio::test]
async fn the_provider_story_holds_on_postgres() {
    support::on_postgres(story).await;
}
