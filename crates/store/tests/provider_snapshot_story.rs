//! Daily seat snapshots, the source of providers' monthly statements, on SQLite and
//! PostgreSQL: one statement records every provider's clients, a second snapshot the same day
//! replaces the first, used seats count Invited + Accepted + Confirmed members only, and each
//! provider reads only its own rows.

mod support;

use bulwark_domain::plan::PlanFeatures;
use bulwark_domain::provider_statement::ClientDay;
use bulwark_domain::{OrgUserStatus, OrgUserType, ProviderId, ProviderOrgId};
use bulwark_store::provider_orgs::{self, ProviderOrgRow};
use bulwark_store::providers::{self, ProviderRow};
use bulwark_store::{members, organizations, provider_snapshots, Store};
use fixtures::{member, org};

mod fixtures;

fn provider() -> ProviderRow {
    ProviderRow {
        id: ProviderId::new(),
        name: Some("Snapshot MSP".into()),
        business_name: None,
        billing_email: None,
        status: 2,
        provider_type: 0,
        enabled: 1,
        use_events: 1,
        creation_date: 1,
        revision_date: 1,
    }
}

async fn link(c: &mut sqlx::AnyConnection, provider: ProviderId, org: bulwark_domain::OrgId) {
    let row = ProviderOrgRow {
        id: ProviderOrgId::new(),
        provider_id: provider,
        org_id: org,
        org_key: None,
        creation_date: 1,
        revision_date: 1,
    };
    provider_orgs::insert(c, &row).await.unwrap();
}

async fn story(store: Store) {
    let mut conn = store.conn().await.unwrap();
    let c = &mut *conn;
    let p = provider();
    let q = provider();
    providers::insert(c, &p).await.unwrap();
    providers::insert(c, &q).await.unwrap();

    let mut teams = org("teams-client", PlanFeatures::TEAMS);
    teams.plan_type = 17;
    teams.seats = Some(12);
    let mut enterprise = org("enterprise-client", PlanFeatures::ENTERPRISE);
    enterprise.plan_type = 19;
    enterprise.seats = None; // an org without a seat count is recorded with 0
    let theirs = org("their-client", PlanFeatures::TEAMS);
    let unlinked = org("no-provider", PlanFeatures::TEAMS);
    for o in [&teams, &enterprise, &theirs, &unlinked] {
        organizations::insert(c, o).await.unwrap();
    }
    link(c, p.id, teams.id).await;
    link(c, p.id, enterprise.id).await;
    link(c, q.id, theirs.id).await;
    for (i, status) in [
        OrgUserStatus::Invited,
        OrgUserStatus::Accepted,
        OrgUserStatus::Confirmed,
        OrgUserStatus::Revoked,
    ]
    .into_iter()
    .enumerate()
    {
        let email = format!("m{i}@teams.example");
        let m = member(teams.id, None, Some(&email), OrgUserType::User, status);
        members::insert(c, teams.id, &m).await.unwrap();
    }
    let m = member(
        unlinked.id,
        None,
        Some("x@no-provider.example"),
        OrgUserType::User,
        OrgUserStatus::Confirmed,
    );
    members::insert(c, unlinked.id, &m).await.unwrap();

    // Three linked clients in all providers; the org of no provider is not recorded.
    assert_eq!(
        provider_snapshots::record_day(c, 20_261_030).await.unwrap(),
        3
    );
    let day = |org: &bulwark_store::organizations::OrgRow, name: &str, assigned, used| ClientDay {
        day: 20_261_030,
        org_id: org.id.to_string(),
        org_name: name.into(),
        plan_type: org.plan_type,
        assigned,
        used,
    };
    let mut rows = provider_snapshots::days(c, p.id, 20_261_001, 20_261_031)
        .await
        .unwrap();
    rows.sort_by(|a, b| a.org_name.cmp(&b.org_name));
    assert_eq!(
        rows,
        vec![
            day(&enterprise, "enterprise-client", 0, 0),
            day(&teams, "teams-client", 12, 3),
        ]
    );

    // Later the same day: renamed and re-seated; the day keeps only its last state.
    organizations::set_name_and_seats(c, teams.id, "Teams Renamed", 20, 2)
        .await
        .unwrap();
    assert_eq!(
        provider_snapshots::record_day(c, 20_261_030).await.unwrap(),
        3
    );
    provider_snapshots::record_day(c, 20_261_031).await.unwrap();
    provider_snapshots::record_day(c, 20_261_101).await.unwrap();
    let october = provider_snapshots::days(c, p.id, 20_261_001, 20_261_031)
        .await
        .unwrap();
    assert_eq!(october.len(), 4, "two clients on two days: {october:?}");
    assert!(october
        .iter()
        .filter(|d| d.org_id == teams.id.to_string())
        .all(|d| d.org_name == "Teams Renamed" && d.assigned == 20));

    // Seat-days per month and plan, newest month first.
    assert_eq!(
        provider_snapshots::seat_days_by_month(c, p.id)
            .await
            .unwrap(),
        vec![
            (202_611, 17, 20),
            (202_611, 19, 0),
            (202_610, 17, 40),
            (202_610, 19, 0)
        ]
    );
    // The other provider sees its own client only; an unknown provider nothing.
    let theirs_rows = provider_snapshots::days(c, q.id, 0, 99_999_999)
        .await
        .unwrap();
    assert_eq!(theirs_rows.len(), 3);
    assert!(theirs_rows
        .iter()
        .all(|d| d.org_id == theirs.id.to_string()));
    assert!(provider_snapshots::seat_days_by_month(c, ProviderId::new())
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn seat_snapshots_hold_on_sqlite() {
    support::on_sqlite(story).await;
}

#[tokio::test]
async fn seat_snapshots_hold_on_postgres() {
    support::on_postgres(story).await;
}
