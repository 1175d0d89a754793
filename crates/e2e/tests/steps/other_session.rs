//! A write by another device of the same user (the Rust client) reaches `bw` with a plain
//! `bw sync`, which fetches only when GET /api/accounts/revision-date moved.

use super::{sync, Ctx};
use bulwark_client::ciphers::login_cipher;

pub async fn write_is_seen_after_plain_sync(ctx: &mut Ctx) {
    let body = login_cipher(
        &ctx.rust.user_key,
        &ctx.rust.user_id,
        "From the Rust client",
        "rust-user",
        "rust-pw",
        "https://rust.example.com",
    );
    let r = ctx.rust.post("/api/ciphers", body).await;
    assert_eq!(r.status, 200, "POST /api/ciphers: {}", r.text);
    let id = r.json["id"].as_str().expect("cipher id").to_owned();

    sync(ctx, false).await;
    let item = ctx.bw.json(&["get", "item", &id]).await;
    assert_eq!(item["name"], "From the Rust client", "{item}");
    assert_eq!(item["login"]["password"], "rust-pw", "{item}");
    assert_eq!(
        item["login"]["uris"][0]["uri"], "https://rust.example.com",
        "{item}"
    );
}
