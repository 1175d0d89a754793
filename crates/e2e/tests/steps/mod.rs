//! The scenario's steps, in the order `bw_cli.rs` runs them. They share one [`Ctx`]: a server,
//! one user's `bw`, and the same user's Rust client session.

pub mod attachments;
pub mod folders;
pub mod import;
pub mod items;
pub mod login;
pub mod orgs;
pub mod other_session;
pub mod providers;
pub mod two_factor;

use crate::support::account;
use crate::support::bw::{bw_bin, Bw};
use crate::support::server::{Db, E2eServer};
use base64::Engine;
use bulwark_client::{AccountSecrets, Session};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

pub struct Ctx {
    pub server: E2eServer,
    pub bw: Bw,
    pub secrets: AccountSecrets,
    /// The same user logged in with the Rust client: another device.
    pub rust: Session,
    /// Item ids by name, as the steps create them.
    pub ids: HashMap<String, String>,
    /// The folder made by `folders::create_list_edit`.
    pub folder_id: String,
    /// Files handed to `bw` (attachments, imports) and written by it.
    work: tempfile::TempDir,
}

impl Ctx {
    pub async fn start(db: Db) -> Self {
        // Before anything slow: without the CLI there is nothing to test.
        let bw_bin = bw_bin();
        let server = E2eServer::start(db).await;
        let (secrets, rust) = account::register(&server, &format!("e2e-{db:?}")).await;
        let bw = Bw::new(bw_bin, &format!("{db:?}"), &server.pki.ca_pem);
        Self {
            server,
            bw,
            secrets,
            rust,
            ids: HashMap::new(),
            folder_id: String::new(),
            work: tempfile::tempdir().expect("work dir"),
        }
    }

    pub fn id(&self, name: &str) -> String {
        self.ids
            .get(name)
            .unwrap_or_else(|| panic!("no item {name:?} was created"))
            .clone()
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.work.path().join(file)
    }
}

/// Base64 of the JSON text: what `bw encode` prints. `folders::create_list_edit` checks once
/// that the two agree; the other steps use this to save a ~2 s `bw` process per payload.
pub fn encode(json: &Value) -> String {
    base64::engine::general_purpose::STANDARD.encode(json.to_string())
}

/// `bw sync` (with `-f`: fetch even if the server's revision date says nothing changed).
pub async fn sync(ctx: &mut Ctx, force: bool) {
    let args: &[&str] = if force { &["sync", "-f"] } else { &["sync"] };
    let out = ctx.bw.ok(args).await;
    assert_eq!(out.trim(), "Syncing complete.", "bw {args:?}");
}
