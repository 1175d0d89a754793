//! Joining an organization without an account: the invitation link lets a new person register
//! (the invitation stands in for the e-mail check), read the org's policies before accepting,
//! then accept and be confirmed as usual.

use crate::flows::message;
use crate::helpers::new_secrets;
use crate::member_support::{accept, confirm, org, World};
use crate::with_world;
use bulwark_client::{register_finish_body, Method};
use serde_json::json;

with_world!(
    a_new_person_registers_from_the_invitation_and_joins,
    |w: World| async move {
        let o = org(&w.app, 5).await;
        let secrets = new_secrets("newcomer");
        let r = o
            .owner
            .post(
                &format!("/api/organizations/{}/users/invite", o.id),
                crate::member_support::invite_body(&[&secrets.email], 2),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let mail = w.sink.wait_for(&secrets.email).await;
        assert_eq!(
            mail.link_param("orgUserHasExistingUser").as_deref(),
            Some("False")
        );
        let id = mail.link_param("organizationUserId").unwrap();
        let token = mail.link_param("token").unwrap();

        // Policies before accepting, anonymously, for the invitation holder only.
        let r = o
            .owner
            .put(
                &format!("/api/organizations/{}/policies/1", o.id),
                json!({"policy": {"enabled": true, "data": {"minLength": 16}}, "metadata": null}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let q = |t: &str, e: &str| {
            format!(
                "/api/organizations/{}/policies/token?token={t}&email={}&organizationUserId={id}",
                o.id,
                urlencode(e)
            )
        };
        let r = w
            .app
            .client
            .request(Method::GET, &q(&token, &secrets.email), None, None)
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["data"][0]["type"], 1);
        assert_eq!(r.json["data"][0]["data"]["minLength"], 16);
        let r = w
            .app
            .client
            .request(Method::GET, &q(&token, "someone@else.example"), None, None)
            .await;
        assert_eq!(r.status, 404);
        let r = w
            .app
            .client
            .request(Method::GET, &q("forged", &secrets.email), None, None)
            .await;
        assert_eq!(r.status, 404);

        // Registration with the invitation: a wrong token or another address is refused.
        let finish = |t: &str, email: &str| {
            let mut body = register_finish_body(&secrets, "");
            body["emailVerificationToken"] = json!(null);
            body["email"] = json!(email);
            body["orgInviteToken"] = json!(t);
            body["organizationUserId"] = json!(id);
            body
        };
        let post = |body| {
            w.app.client.request(
                Method::POST,
                "/identity/accounts/register/finish",
                None,
                Some(body),
            )
        };
        let r = post(finish("forged", &secrets.email)).await;
        assert_eq!(message(&r), "Invalid organization invitation.");
        let r = post(finish(&token, "other@example.com")).await;
        assert_eq!(message(&r), "Invalid organization invitation.");
        let r = post(finish(&token, &secrets.email)).await;
        assert_eq!(r.status, 200, "{}", r.text);

        let session = w.app.client.login(&secrets).await.expect("login");
        let profile = session.get("/api/accounts/profile").await;
        assert_eq!(profile.json["emailVerified"], true);
        accept(&session, &o, &id, &token).await;
        confirm(&o, &id).await;
        let sync = session.get("/api/sync").await;
        assert_eq!(
            sync.json["profile"]["organizations"][0]["id"],
            o.id.as_str()
        );
        // Used up: the invitation no longer registers anyone.
        let r = post(finish(&token, &secrets.email)).await;
        assert_eq!(r.status, 400);
    }
);

fn urlencode(s: &str) -> String {
    s.replace('@', "%40").replace('+', "%2B")
}
