//! Providers and their clients through the real router: creating a client, provider staff
//! administering it as owners (keys unwrapped by the test client as the official clients do),
//! attaching and unlinking orgs, seats, and the provider's own settings and event log.

use crate::flows::message;
use crate::member_support::{user_with_own_keys, World};
use crate::provider_support::{
    client, client_body, provider, staff, ENTERPRISE_MONTHLY, TEAMS_MONTHLY,
};
use crate::with_world;
use bulwark_client::orgs::new_org;
use bulwark_client::{rsa_wrap_for, SymmetricKey};
use bulwark_domain::authz::ProviderUserType;
use serde_json::{json, Value};

fn event_types(r: &bulwark_client::Response) -> Vec<i64> {
    r.json["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_i64().unwrap())
        .collect()
}

with_world!(
    a_service_user_administers_a_new_client_through_the_provider_key,
    |w: World| async move {
        let p = provider(&w.app, "Acme MSP").await;
        let tech = staff(&w.app, &p, "tech", ProviderUserType::ServiceUser).await;
        let (boss_secrets, boss) = user_with_own_keys(&w.app, "boss").await;
        let c = client(&w, &p, &p.admin, "Client One", &boss_secrets.email).await;

        // The service user's sync carries the provider (its key wrapped for them) and the
        // client (its org key wrapped with the provider key): the chain the clients follow.
        let sync = tech.session.get("/api/sync").await;
        assert_eq!(sync.status, 200);
        let tech_id = sync.json["profile"]["id"].clone();
        let providers = sync.json["profile"]["providers"].as_array().unwrap();
        assert_eq!(providers.len(), 1, "{}", sync.text);
        assert_eq!(providers[0]["object"], "profileProvider");
        assert_eq!(providers[0]["type"], 1);
        assert_eq!(providers[0]["name"], "Acme MSP");
        let provider_key = tech
            .secrets
            .keypair
            .unwrap(providers[0]["key"].as_str().unwrap())
            .unwrap();
        assert_eq!(provider_key, p.key.to_bytes().to_vec());
        let clients = sync.json["profile"]["providerOrganizations"]
            .as_array()
            .unwrap();
        assert_eq!(clients.len(), 1);
        let entry = &clients[0];
        assert_eq!(entry["object"], "profileProviderOrganization");
        assert_eq!(entry["id"], c.org_id.as_str());
        assert_eq!(
            (entry["type"].clone(), entry["status"].clone()),
            (json!(0), json!(2))
        );
        assert_eq!(entry["providerId"], p.id.as_str());
        let org_key = p.key.decrypt(entry["key"].as_str().unwrap()).unwrap();
        assert_eq!(org_key, c.org_key.to_bytes().to_vec());
        // Staff are no members: the client's data is not in their vault.
        assert_eq!(sync.json["profile"]["organizations"], json!([]));
        assert_eq!(sync.json["collections"], json!([]));
        let profile = tech.session.get("/api/accounts/profile").await;
        assert_eq!(
            profile.json["providerOrganizations"][0]["id"],
            c.org_id.as_str()
        );

        // The clients table.
        let r = tech
            .session
            .get(&format!("/api/providers/{}/organizations", p.id))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let row = &r.json["data"][0];
        assert_eq!(row["object"], "providerOrganizationOrganizationDetail");
        assert_eq!(row["organizationName"], "Client One");
        assert_eq!(row["plan"], "Teams (Monthly)");
        assert_eq!(
            (
                row["seats"].clone(),
                row["occupiedSeats"].clone(),
                row["remainingSeats"].clone()
            ),
            (json!(5), json!(1), json!(4))
        );
        assert_eq!(row["userCount"], 0);

        // Owners of the client in everything the admin console does.
        let org = format!("/api/organizations/{}", c.org_id);
        let members = tech.session.get(&format!("{org}/users")).await;
        assert_eq!(members.status, 200, "{}", members.text);
        let listed = members.json["data"].as_array().unwrap();
        assert_eq!(
            listed.len(),
            1,
            "only the invited owner: staff take no seat"
        );
        assert_eq!(listed[0]["email"], boss_secrets.email.as_str());
        let cols = tech.session.get(&format!("{org}/collections")).await;
        assert_eq!(cols.status, 200, "{}", cols.text);
        let name = cols.json["data"][0]["name"].as_str().unwrap();
        assert_eq!(c.org_key.decrypt_str(name).unwrap(), "Default collection");
        let made = tech
            .session
            .post(
                &format!("{org}/collections"),
                json!({
                    "name": c.org_key.encrypt_str("Made by staff"),
                    "groups": [],
                    "users": [{"id": c.owner_invite.0, "readOnly": false, "hidePasswords": false, "manage": true}],
                }),
            )
            .await;
        assert_eq!(made.status, 200, "{}", made.text);
        let r = tech
            .session
            .get(&format!("{org}/collections/details"))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);

        // The owner accepts; the service user confirms them with the org key.
        let (owner_member, token) = &c.owner_invite;
        let r = boss
            .post(
                &format!("{org}/users/{owner_member}/accept"),
                json!({"token": token}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let keys = tech
            .session
            .post(
                &format!("{org}/users/public-keys"),
                json!({"ids": [owner_member]}),
            )
            .await;
        assert_eq!(keys.status, 200, "{}", keys.text);
        let wrapped = rsa_wrap_for(
            keys.json["data"][0]["key"].as_str().unwrap(),
            &c.org_key.to_bytes(),
        )
        .unwrap();
        let r = tech
            .session
            .post(
                &format!("{org}/users/{owner_member}/confirm"),
                json!({"key": wrapped}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let boss_sync = boss.get("/api/sync").await;
        let boss_org = &boss_sync.json["profile"]["organizations"][0];
        assert_eq!(boss_org["id"], c.org_id.as_str());
        // The owner's entry names the managing provider: the official clients then show the
        // subscription and billing to the provider's people only, never to the org's owners.
        assert_eq!(
            (
                boss_org["providerId"].clone(),
                boss_org["providerName"].clone(),
                boss_org["providerType"].clone()
            ),
            (json!(p.id), json!("Acme MSP"), json!(0))
        );
        assert_eq!(
            boss_sync.json["profile"]["providerOrganizations"],
            json!([])
        );

        // Their work shows in the org log with the provider's id, and in the provider's log.
        let log = p.admin.get(&format!("{org}/events")).await;
        assert_eq!(log.status, 200, "{}", log.text);
        let by_tech: Vec<&Value> = log.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["actingUserId"] == tech_id)
            .collect();
        assert!(!by_tech.is_empty(), "{}", log.text);
        assert!(by_tech.iter().all(|e| e["providerId"] == p.id.as_str()));
        let plog = p
            .admin
            .get(&format!("/api/providers/{}/events", p.id))
            .await;
        assert_eq!(plog.status, 200, "{}", plog.text);
        assert!(event_types(&plog).contains(&1900), "{}", plog.text);
        // Opening the client's vault view is logged on both sides.
        assert!(event_types(&plog).contains(&1903), "{}", plog.text);
        assert!(event_types(&log).contains(&1603), "{}", log.text);
        assert!(event_types(&plog).iter().any(|t| (1300..1600).contains(t)));
        let r = tech
            .session
            .get(&format!("/api/providers/{}/events", p.id))
            .await;
        assert_eq!(r.status, 404, "service users do not read the provider log");

        // Unlinking: a service user may not; an admin may; access ends at once.
        let unlink = format!("/api/providers/{}/organizations/{}", p.id, c.link);
        assert_eq!(tech.session.delete(&unlink, None).await.status, 404);
        let r = p.admin.delete(&unlink, None).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(tech.session.get(&format!("{org}/users")).await.status, 404);
        let sync = tech.session.get("/api/sync").await;
        assert_eq!(sync.json["profile"]["providerOrganizations"], json!([]));
        let plog = p
            .admin
            .get(&format!("/api/providers/{}/events", p.id))
            .await;
        assert!(event_types(&plog).contains(&1902));
        // The org and its owner stay.
        assert_eq!(boss.get(&format!("{org}/users")).await.status, 200);
    }
);

with_world!(
    only_an_admin_who_owns_an_org_attaches_it,
    |w: World| async move {
        let p = provider(&w.app, "Attach MSP").await;
        let tech = staff(&w.app, &p, "tech", ProviderUserType::ServiceUser).await;
        let other = provider(&w.app, "Other MSP").await;
        // An org the admin owns, one the service user owns, and an Enterprise annual org.
        let mine = new_org(&p.admin_secrets, "Mine", TEAMS_MONTHLY, 3, Some("c"));
        let r = p.admin.post("/api/organizations", mine.body.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let mine_id = r.json["id"].as_str().unwrap().to_owned();
        let theirs = new_org(&tech.secrets, "Theirs", TEAMS_MONTHLY, 3, Some("c"));
        let r = tech
            .session
            .post("/api/organizations", theirs.body.clone())
            .await;
        let theirs_id = r.json["id"].as_str().unwrap().to_owned();
        let annual = new_org(&p.admin_secrets, "Annual", 20, 3, Some("c"));
        let r = p
            .admin
            .post("/api/organizations", annual.body.clone())
            .await;
        let annual_id = r.json["id"].as_str().unwrap().to_owned();

        let add = |org: &str, key: &SymmetricKey, pk: &SymmetricKey| json!({"organizationId": org, "key": pk.encrypt(&key.to_bytes())});
        let existing = format!("/api/providers/{}/clients/existing", p.id);

        // Addable: the caller's own orgs, disabled where the MSP cannot manage the plan.
        let r = p
            .admin
            .get(&format!("/api/providers/{}/clients/addable", p.id))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let list = r.json.as_array().unwrap();
        let by_name = |n: &str| list.iter().find(|o| o["name"] == n).unwrap().clone();
        assert_eq!(by_name("Mine")["disabled"], false);
        assert_eq!(by_name("Annual")["disabled"], true);
        assert!(list.iter().all(|o| o["name"] != "Theirs"));

        // CVE-2026-43639: a Service User cannot attach an org, not even one they own.
        let r = tech
            .session
            .post(&existing, add(&theirs_id, &theirs.org_key, &p.key))
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = tech
            .session
            .post(
                &format!("/api/providers/{}/organizations/add", p.id),
                add(&mine_id, &mine.org_key, &p.key),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        // An admin cannot attach an org they do not own.
        let r = p
            .admin
            .post(&existing, add(&theirs_id, &theirs.org_key, &p.key))
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        // Nor an org on a plan their provider type cannot manage.
        let r = p
            .admin
            .post(&existing, add(&annual_id, &annual.org_key, &p.key))
            .await;
        assert_eq!(r.status, 400);
        assert!(
            message(&r).starts_with("Managed Service Providers cannot manage"),
            "{}",
            r.text
        );
        // A key that is not wrapped with a symmetric key is refused.
        let r = p
            .admin
            .post(
                &existing,
                json!({"organizationId": mine_id, "key": "4.rsa"}),
            )
            .await;
        assert_eq!(r.status, 400);

        let r = p
            .admin
            .post(&existing, add(&mine_id, &mine.org_key, &p.key))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        // Once linked, no provider can attach it again.
        let r = other
            .admin
            .post(
                &format!("/api/providers/{}/clients/existing", other.id),
                add(&mine_id, &mine.org_key, &other.key),
            )
            .await;
        assert_eq!(r.status, 404, "the other admin is no owner of it");
        let r = p
            .admin
            .post(&existing, add(&mine_id, &mine.org_key, &p.key))
            .await;
        assert_eq!(message(&r), "Organization already belongs to a provider.");

        // The service user now reaches it as an owner; the other provider does not.
        let org = format!("/api/organizations/{mine_id}/users");
        assert_eq!(tech.session.get(&org).await.status, 200);
        assert_eq!(other.admin.get(&org).await.status, 404);
        let plog = p
            .admin
            .get(&format!("/api/providers/{}/events", p.id))
            .await;
        assert!(event_types(&plog).contains(&1901));
    }
);

with_world!(
    seats_follow_the_contract_and_the_clients_use,
    |w: World| async move {
        let p = provider(&w.app, "Seat MSP").await;
        let tech = staff(&w.app, &p, "tech", ProviderUserType::ServiceUser).await;
        let c = client(&w, &p, &p.admin, "Seated", "seated-owner@example.com").await;
        let path = format!("/api/providers/{}/clients/{}", p.id, c.link);
        let put = |seats: i64| json!({"assignedSeats": seats, "name": "Seated Co"});

        // Within the 10-seat Teams minimum a service user may re-seat; beyond it, not.
        let r = tech.session.put(&path, put(10)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = tech.session.put(&path, put(11)).await;
        assert_eq!(r.status, 400);
        assert_eq!(
            message(&r),
            "Service users cannot purchase additional seats."
        );
        let r = p.admin.put(&path, put(11)).await;
        assert_eq!(r.status, 200, "an admin may buy seats above the minimum");
        let sub = tech
            .session
            .get(&format!("/api/providers/{}/billing/subscription", p.id))
            .await;
        assert_eq!(sub.status, 200, "{}", sub.text);
        let teams = sub.json["plans"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["type"] == TEAMS_MONTHLY)
            .unwrap()
            .clone();
        assert_eq!(
            (
                teams["seatMinimum"].clone(),
                teams["assignedSeats"].clone(),
                teams["purchasedSeats"].clone()
            ),
            (json!(10), json!(11), json!(1))
        );
        assert_eq!(
            teams["cost"],
            json!(44.0),
            "11 seats at the configured $4 a seat"
        );
        let warnings = tech
            .session
            .get(&format!("/api/providers/{}/billing/vnext/warnings", p.id))
            .await;
        assert_eq!(warnings.json["suspension"], Value::Null);
        // Lowering is always allowed, down to what the client uses (its invited owner).
        let r = tech.session.put(&path, put(1)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = tech.session.put(&path, put(0)).await;
        assert!(message(&r).contains("fewer seats than the client organization uses (1)"));
        let r = tech.session.put(&path, put(-1)).await;
        assert_eq!(
            message(&r),
            "You cannot assign negative seats to a client organization."
        );
        let r = tech
            .session
            .put(&path, json!({"assignedSeats": 2, "name": ""}))
            .await;
        assert_eq!(r.status, 400);

        let r = p
            .admin
            .get(&format!("/api/providers/{}/organizations", p.id))
            .await;
        assert_eq!(r.json["data"][0]["organizationName"], "Seated Co");
        assert_eq!(r.json["data"][0]["seats"], 1);

        // Creating: plan, seats and keys are checked; Enterprise annual is not an MSP plan.
        let create = format!("/api/providers/{}/clients", p.id);
        let key = SymmetricKey::random();
        let r = p
            .admin
            .post(
                &create,
                client_body(&p, &key, "Big", "big@example.com", 20, 5),
            )
            .await;
        assert!(message(&r).starts_with("Managed Service Providers cannot manage"));
        let r = p
            .admin
            .post(
                &create,
                client_body(&p, &key, "Big", "big@example.com", ENTERPRISE_MONTHLY, 0),
            )
            .await;
        assert_eq!(message(&r), "'seats' must be greater than 0");
        let mut bad = client_body(&p, &key, "Big", "big@example.com", ENTERPRISE_MONTHLY, 5);
        bad["key"] = json!("not an encstring");
        assert_eq!(p.admin.post(&create, bad).await.status, 400);
        let mut bad = client_body(&p, &key, "Big", "not-an-email", ENTERPRISE_MONTHLY, 5);
        bad["ownerEmail"] = json!("not-an-email");
        assert_eq!(p.admin.post(&create, bad).await.status, 400);
        // Service users create clients too, but buy no seats above the minimum (see
        // service_users_create_clients_within_the_seats_the_provider_pays_for).
        let r = tech
            .session
            .post(
                &create,
                client_body(&p, &key, "Big", "big@example.com", ENTERPRISE_MONTHLY, 500),
            )
            .await;
        assert_eq!(
            message(&r),
            "Service users cannot purchase additional seats."
        );
    }
);

with_world!(
    the_provider_settings_warn_about_a_single_admin,
    |w: World| async move {
        let p = provider(&w.app, "Settings MSP").await;
        let base = format!("/api/providers/{}", p.id);
        let r = p.admin.get(&base).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "provider");
        assert_eq!(r.json["confirmedAdminCount"], 1);
        assert!(r.json["adminWarning"].is_string());

        let second = staff(&w.app, &p, "second", ProviderUserType::ProviderAdmin).await;
        let r = second
            .session
            .put(
                &base,
                json!({"name": "Renamed MSP", "businessName": "Renamed", "billingEmail": "NEW@Example.com"}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["name"], "Renamed MSP");
        assert_eq!(r.json["billingEmail"], "new@example.com");
        assert_eq!(r.json["confirmedAdminCount"], 2);
        assert_eq!(r.json["adminWarning"], Value::Null);
        let sync = p.admin.get("/api/sync").await;
        assert_eq!(sync.json["profile"]["providers"][0]["name"], "Renamed MSP");
        // One member's own log; a member id of no provider of ours is not found.
        let r = p
            .admin
            .get(&format!("{base}/users/{}/events", second.id))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = p
            .admin
            .get(&format!("{base}/users/{}/events", uuid::Uuid::new_v4()))
            .await;
        assert_eq!(r.status, 404);

        let r = p
            .admin
            .put(&base, json!({"name": "", "billingEmail": "a@b.c"}))
            .await;
        assert_eq!(r.status, 400);
        let r = p
            .admin
            .put(
                &base,
                json!({"name": "x".repeat(51), "billingEmail": "a@b.c"}),
            )
            .await;
        assert_eq!(message(&r), "The field Name exceeds the maximum length.");
        let r = p
            .admin
            .put(&base, json!({"name": "ok", "billingEmail": "nope"}))
            .await;
        assert_eq!(r.status, 400);

        // Deleting needs the master password and no clients.
        let c = client(&w, &p, &p.admin, "Keeps", "keeps@example.com").await;
        let secret = json!({"masterPasswordHash": p.admin_secrets.master_password_hash});
        let r = p.admin.delete(&base, None).await;
        assert_eq!(r.status, 400, "{}", r.text);
        let r = p
            .admin
            .delete(&base, Some(json!({"masterPasswordHash": "d3Jvbmc="})))
            .await;
        assert_eq!(r.status, 400);
        let r = p.admin.delete(&base, Some(secret.clone())).await;
        assert_eq!(
            message(&r),
            "You must unlink all clients before you can delete a provider."
        );
        // The client has no confirmed owner yet, so it cannot be unlinked either.
        let unlink = format!("{base}/organizations/{}", c.link);
        let r = p.admin.delete(&unlink, None).await;
        assert_eq!(
            message(&r),
            "Organization must have at least one confirmed owner."
        );
    }
);

with_world!(
    a_full_client_org_sends_inviters_to_the_provider_for_seats,
    |w: World| async move {
        let p = provider(&w.app, "Seats MSP").await;
        // Five seats, one taken by the invited owner.
        let c = client(&w, &p, &p.admin, "Full Client", "owner@full.example").await;
        let invite = |emails: Vec<String>| {
            json!({
                "emails": emails, "type": 2, "collections": [], "groups": [],
                "permissions": null, "accessSecretsManager": false,
            })
        };
        let path = format!("/api/organizations/{}/users/invite", c.org_id);
        let four = (0..4).map(|i| format!("m{i}@full.example")).collect();
        let r = p.admin.post(&path, invite(four)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = p
            .admin
            .post(&path, invite(vec!["sixth@full.example".into()]))
            .await;
        assert_eq!(
            message(&r),
            "Seat limit has been reached. Please contact your provider to add more seats."
        );
        let listed = p
            .admin
            .get(&format!("/api/organizations/{}/users", c.org_id))
            .await;
        assert_eq!(listed.json["data"].as_array().unwrap().len(), 5);
    }
);

with_world!(
    service_users_create_clients_within_the_seats_the_provider_pays_for,
    |w: World| async move {
        // The provider pays for 10 Teams seats (its minimum).
        let p = provider(&w.app, "Seat MSP").await;
        let tech = staff(&w.app, &p, "tech", ProviderUserType::ServiceUser).await;
        let create = format!("/api/providers/{}/clients", p.id);
        let key = SymmetricKey::random();
        let body = |name: &str, seats: i64| {
            client_body(&p, &key, name, "owner@example.com", TEAMS_MONTHLY, seats)
        };
        let r = tech.session.post(&create, body("Within", 6)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        // Another 6 would buy 2 seats above the minimum: not for a Service User.
        let r = tech.session.post(&create, body("Beyond", 6)).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(
            message(&r),
            "Service users cannot purchase additional seats."
        );
        let r = tech.session.post(&create, body("Rest", 4)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        // A Provider Admin may buy more.
        let r = p.admin.post(&create, body("Bought", 3)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = p
            .admin
            .get(&format!("/api/providers/{}/organizations", p.id))
            .await;
        let mut names: Vec<String> = r.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["organizationName"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["Bought", "Rest", "Within"]);
    }
);
