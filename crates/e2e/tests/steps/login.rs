//! `bw config server`, `bw login`, `bw unlock`, `bw sync`.

use super::{sync, Ctx};
use crate::support::account::PASSWORD;

pub async fn config_login_unlock_sync(ctx: &mut Ctx) {
    let url = ctx.server.base_url.clone();
    ctx.bw.ok(&["config", "server", &url]).await;

    // Must work on the first try: bw 2026.9 posts the user-key id after login
    // (POST /api/accounts/key-management/user-key-id) and exits 1 if that fails.
    let email = ctx.secrets.email.clone();
    let session = ctx.bw.ok(&["login", &email, PASSWORD, "--raw"]).await;
    assert!(
        session.trim().len() > 20,
        "bw login --raw printed no session: {session:?}"
    );

    // A new process without BW_SESSION sees a locked vault; the master password opens it.
    let session = ctx.bw.ok(&["unlock", PASSWORD, "--raw"]).await;
    assert!(
        session.trim().len() > 20,
        "bw unlock --raw printed no session: {session:?}"
    );
    ctx.bw.session = Some(session.trim().to_owned());

    sync(ctx, false).await;
}
