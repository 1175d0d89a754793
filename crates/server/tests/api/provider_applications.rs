//! Provider applications: a signed-in user applies, the operator lists, approves (which
//! creates the provider and mails its setup invitation) or rejects.

use crate::on_both;
use crate::provider_operator_support::spawn;
use bulwark_client::Method;
use bulwark_domain::authz::{ProviderUserStatus, ProviderUserType};
use bulwark_domain::{ProviderId, UserId};
use bulwark_store::{provider_users, providers};
use serde_json::{json, Value};
fn application(name: &str) -> Value {
    json!({"businessName": name, "billingEmail": "Billing@Acme.example", "type": 0,
           "expectedClients": 25})
}

on_both!(
    applications_are_submitted_listed_and_decided,
    |db| async move {
        let op = spawn(db, true, None).await;
        let (alice, a) = op.app.user("applicant").await;
        let (_, b) = op.app.user("other-applicant").await;

        // Anonymous callers cannot apply.
        let r = op
            .app
            .client
            .request(
                Method::POST,
                "/api/providers/applications",
                None,
                Some(application("X")),
            )
            .await;
        assert_eq!(r.status, 401);

        let r = a
            .post("/api/providers/applications", application("Acme IT"))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "providerApplication");
        assert_eq!(r.json["status"], 0);
        assert_eq!(r.json["billingEmail"], "billing@acme.example");
        let first = r.json["id"].as_str().unwrap().to_owned();

        // One pending application at a time.
        let r = a
            .post("/api/providers/applications", application("Acme 2"))
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(
            r.json["message"],
            "You already have a pending provider application."
        );

        // Bad input, each field.
        let long = "x".repeat(51);
        let bad = [
            json!({"businessName": long, "billingEmail": "b@x.example", "type": 0, "expectedClients": 1}),
            json!({"businessName": " ", "billingEmail": "b@x.example", "type": 0, "expectedClients": 1}),
            json!({"businessName": "B", "billingEmail": "not-an-email", "type": 0, "expectedClients": 1}),
            json!({"businessName": "B", "billingEmail": format!("{}@x.example", "a".repeat(250)), "type": 0, "expectedClients": 1}),
            json!({"businessName": "B", "billingEmail": "b@x.example", "type": 3, "expectedClients": 1}),
            json!({"businessName": "B", "billingEmail": "b@x.example", "type": 0, "expectedClients": -1}),
            json!({"businessName": "B", "billingEmail": "b@x.example", "type": 0, "expectedClients": 1_000_001}),
            json!({"businessName": "B", "billingEmail": "b@x.example", "type": 0}),
        ];
        for body in bad {
            let r = b.post("/api/providers/applications", body.clone()).await;
            assert_eq!(r.status, 400, "{body}: {}", r.text);
        }
        let r = b
        .post("/api/providers/applications", json!({"businessName": "Bee", "billingEmail": "b@bee.example", "type": 2, "expectedClients": 0}))
        .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let second = r.json["id"].as_str().unwrap().to_owned();

        // Each user sees only their own.
        let r = a.get("/api/providers/applications").await;
        assert_eq!(r.status, 200, "{}", r.text);
        let ids: Vec<&str> = r.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, vec![first.as_str()]);

        // The operator sees both pending ones, with the applicant.
        let r = op
            .admin(
                Method::GET,
                "/admin/provider-applications?status=pending",
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let data = r.json["data"].as_array().unwrap();
        assert_eq!(data.len(), 2, "{}", r.text);
        assert_eq!(data[0]["applicantEmail"], alice.email.as_str());
        let r = op
            .admin(
                Method::GET,
                "/admin/provider-applications?status=maybe",
                None,
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);

        // Approve: the provider exists with the applicant as Confirmed Provider Admin.
        let r = op
            .admin(
                Method::POST,
                &format!("/admin/provider-applications/{first}/approve"),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let provider: ProviderId = r.json["providerId"].as_str().unwrap().parse().unwrap();
        let mut conn = op.state.store.conn().await.unwrap();
        let applicant: UserId = a.user_id.parse().unwrap();
        let row = provider_users::find_by_user(&mut conn, provider, applicant)
            .await
            .unwrap()
            .expect("the applicant is a member");
        assert_eq!(row.user_type().unwrap(), ProviderUserType::ProviderAdmin);
        assert_eq!(row.status().unwrap(), ProviderUserStatus::Confirmed);
        assert!(
            row.invite_token_hash.is_some(),
            "a setup invitation was issued"
        );
        let p = providers::find(&mut conn, provider).await.unwrap();
        assert_eq!(p.business_name.as_deref(), Some("Acme IT"));
        assert_eq!(p.billing_email.as_deref(), Some("billing@acme.example"));
        assert_eq!((p.provider_type, p.status), (0, 0));
        drop(conn);
        let r = a.get("/api/providers/applications").await;
        assert_eq!(r.json["data"][0]["status"], 1);
        assert_eq!(r.json["data"][0]["providerId"], provider.to_string());
        // Decided once only.
        for action in ["approve", "reject"] {
            let r = op
                .admin(
                    Method::POST,
                    &format!("/admin/provider-applications/{first}/{action}"),
                    None,
                )
                .await;
            assert_eq!(r.status, 400, "{action}: {}", r.text);
        }
        // The applicant may apply again once decided.
        let r = a
            .post("/api/providers/applications", application("Acme 3"))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);

        // Reject.
        let r = op
            .admin(
                Method::POST,
                &format!("/admin/provider-applications/{second}/reject"),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = b.get("/api/providers/applications").await;
        assert_eq!(r.json["data"][0]["status"], 2);
        let r = op
            .admin(
                Method::GET,
                "/admin/provider-applications?status=rejected",
                None,
            )
            .await;
        assert_eq!(r.json["data"].as_array().unwrap().len(), 1, "{}", r.text);
        // Unknown ids.
        for id in ["00000000-0000-0000-0000-000000000000", "nope"] {
            let r = op
                .admin(
                    Method::POST,
                    &format!("/admin/provider-applications/{id}/approve"),
                    None,
                )
                .await;
            assert_eq!(r.status, 404, "{}", r.text);
        }
    }
);
