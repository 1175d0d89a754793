//! The official Bitwarden CLI against Bulwark: one user's whole personal-vault life and sharing
//! through an organization, once on SQLite and once on PostgreSQL. `bw` comes from `BW_BIN` (`scripts/test.sh` installs the
//! pinned version); each call costs ~2 s, so the steps share calls where they can.

mod steps;
mod support;

use std::time::Instant;
use steps::Ctx;
use support::server::Db;

async fn scenario(db: Db) {
    let started = Instant::now();
    let mut ctx = Ctx::start(db).await;
    steps::login::config_login_unlock_sync(&mut ctx).await;
    steps::folders::create_list_edit(&mut ctx).await;
    let sent = steps::items::create_one_of_each(&mut ctx).await;
    let login = steps::items::check_stored(&mut ctx, &sent).await;
    steps::items::edit_favourite_move(&mut ctx, login).await;
    steps::items::trash_restore_purge(&mut ctx).await;
    steps::attachments::round_trip(&mut ctx).await;
    steps::folders::delete(&mut ctx).await;
    steps::import::json_and_csv(&mut ctx).await;
    steps::other_session::write_is_seen_after_plain_sync(&mut ctx).await;
    steps::orgs::share_with_a_member(&mut ctx).await;
    steps::providers::service_user_reaches_a_client(&mut ctx).await;
    steps::two_factor::logout_then_totp_login(&mut ctx).await;
    eprintln!(
        "{db:?}: scenario passed in {:.1} s; {}",
        started.elapsed().as_secs_f64(),
        ctx.bw.summary()
    );
    ctx.server.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bw_cli_on_sqlite() {
    scenario(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bw_cli_on_postgres() {
    scenario(Db::Postgres).await;
}
