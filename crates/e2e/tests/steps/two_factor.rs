//! Logout, then two-factor login: with the authenticator app enabled (through the Rust
//! client), `bw login` needs `--method 0 --code CODE`.

use super::Ctx;
use crate::support::account::{enable_totp, fresh_totp_code, PASSWORD};

pub async fn logout_then_totp_login(ctx: &mut Ctx) {
    ctx.bw.ok(&["logout"]).await;
    ctx.bw.session = None;

    let (secret, used_step) = enable_totp(&ctx.rust, &ctx.secrets).await;
    let email = ctx.secrets.email.clone();

    // Without a code the server must ask for the second factor; with BW_NOINTERACTION the CLI
    // then gives up with "Code is required." instead of prompting.
    let refused = ctx.bw.run(&["login", &email, PASSWORD, "--raw"]).await;
    assert!(
        !refused.success && refused.stdout.trim().is_empty(),
        "bw login without a 2FA code was let in: {}",
        refused.stdout
    );
    assert!(
        refused.stderr.contains("Code is required."),
        "bw login without a code failed, but not for want of a 2FA code: {}",
        refused.stderr
    );

    let code = fresh_totp_code(&secret, used_step);
    let session = ctx
        .bw
        .ok(&[
            "login", &email, PASSWORD, "--method", "0", "--code", &code, "--raw",
        ])
        .await;
    assert!(
        session.trim().len() > 20,
        "no session after 2FA login: {session:?}"
    );
}
