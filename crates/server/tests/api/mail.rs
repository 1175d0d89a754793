//! Mail goes out over real SMTP (an aiosmtpd sink process), and the links in it work.

use crate::helpers::{new_secrets, spawn_app_with, Db, Options};
use bulwark_client::{register_finish_body, Method};
use bulwark_server::config::FileConfig;
use bulwark_testkit::smtp_sink::SmtpSink;

async fn verification_mail_is_delivered_and_its_link_finishes_signup(db: Db) {
    let sink = SmtpSink::start().await;
    let mut file = crate::helpers::with_smtp(&sink, FileConfig::default());
    file.signups_verify_email = Some(true);
    let app = spawn_app_with(
        db,
        Options {
            file,
            ..Options::default()
        },
    )
    .await;
    let secrets = new_secrets("mailed");
    let r = app
        .client
        .send_verification_email(&secrets.email, "Mailed")
        .await;
    assert_eq!(r.status, 204, "{}", r.text);

    let mail = sink.wait_for(&secrets.email).await;
    assert_eq!(mail.subject, "Verify your email");
    assert!(mail.body.contains("/#/finish-signup?"), "{}", mail.body);
    assert_eq!(
        mail.link_param("email").as_deref(),
        Some(secrets.email.as_str())
    );
    let token = mail.link_param("token").expect("token in the link");

    let r = app
        .client
        .request(
            Method::POST,
            "/identity/accounts/register/finish",
            None,
            Some(register_finish_body(&secrets, &token)),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    app.client
        .login(&secrets)
        .await
        .expect("login after signup");

    // An existing account gets the same answer and no mail (no enumeration).
    let before = sink.messages().len();
    let r = app
        .client
        .send_verification_email(&secrets.email, "Mailed")
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(sink.messages().len(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_mail_on_sqlite() {
    verification_mail_is_delivered_and_its_link_finishes_signup(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_mail_on_postgres() {
    verification_mail_is_delivered_and_its_link_finishes_signup(Db::Postgres).await;
}
