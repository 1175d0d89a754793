//! Bulk collection assignment (`POST /ciphers/bulk-collections`), an org's whole vault purge
//! (`POST /ciphers/purge?organizationId=`), and a member's assigned items of one org
//! (`GET /ciphers/organization-details/assigned`).

use super::org_admin::OrgQuery;
use super::org_write::{parse_collection_ids, record};
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Query};
use crate::services::cipher_view::{write_cipher, AttachmentLinks, OrgItemView};
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use crate::services::org_access::{self, parse_org_id};
use crate::services::org_items;
use crate::services::sync_orgs::{self, OrgItemShaper};
use crate::services::{accounts, attachment_files};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::now_micros;
use bulwark_domain::{CipherId, OrgId};
use bulwark_store::ciphers::CipherRow;
use bulwark_store::{collections, org_ciphers, user_orgs, users};
use bulwark_wire::account::SecretVerification;
use bulwark_wire::cipher::BulkCollectionsRequest;
use bulwark_wire::ListResponse;
use serde_json::Value;

/// `POST /ciphers/bulk-collections`: adds (or removes) collections on many items of one org.
/// Callers who may not edit every item need edit and view-password on each item (unassigned
/// ones count for admins) and must be able to put items in each collection; otherwise 404.
pub(super) async fn bulk_collections(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<BulkCollectionsRequest>,
) -> ApiResult<()> {
    let org = parse_org_id(req.organization_id.as_deref().unwrap_or_default())?;
    let ciphers = super::parse_ids(&req.cipher_ids, "update")?;
    let cols = parse_collection_ids(&req.collection_ids, "CollectionIds")?;
    if ciphers.is_empty() || cols.is_empty() {
        return Err(ApiError::bad("No ciphers or collections were given."));
    }
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org).await?;
    if collections::find_many(&mut tx, org, &cols).await?.len() != cols.len() {
        return Err(ApiError::NotFound);
    }
    let edit_all = ctx.access.can(OrgAction::EditAllCiphers);
    for id in &ciphers {
        let item = org_items::load_in_org(&mut tx, auth.id(), org, *id).await?;
        if edit_all {
            continue;
        }
        let unassigned_admin = item.collections.is_empty() && ctx.access.is_admin();
        let may = item
            .access()
            .is_some_and(|a| !a.read_only && !a.hide_passwords);
        if !(may || unassigned_admin) || !cols.iter().all(|c| item.facts.can_edit_items(*c)) {
            return Err(ApiError::NotFound);
        }
    }
    org_ciphers::change_collections(&mut tx, org, &ciphers, &cols, req.remove_collections).await?;
    for id in &ciphers {
        record(
            &mut tx,
            &ctx,
            auth.id(),
            &origin,
            EventType::Cipher_UpdatedCollections,
            *id,
        )
        .await?;
    }
    users::bump_revision_for_org(&mut tx, org, now).await?;
    tx.commit().await?;
    Ok(())
}

/// `POST /ciphers/purge?organizationId=`: every item of the org, after the caller's master
/// password (event 1601).
pub(super) async fn purge_org(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    org: OrgId,
    secret: &SecretVerification,
) -> ApiResult<()> {
    {
        let mut conn = state.store.conn().await?;
        org_access::resolve(&mut conn, auth.id(), org)
            .await?
            .require(OrgAction::PurgeVault)?;
    }
    accounts::verify_secret(state, &auth.user, secret).await?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org).await?;
    ctx.require(OrgAction::PurgeVault)?;
    let ids: Vec<CipherId> = org_ciphers::list_for_org(&mut tx, org)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    org_ciphers::delete_all(&mut tx, org).await?;
    events::record(
        &mut tx,
        [org_event(
            &ctx.org,
            auth.id(),
            origin,
            EventType::Organization_PurgedVault,
            Subject::default(),
        )],
    )
    .await?;
    users::bump_revision_for_org(&mut tx, org, now).await?;
    tx.commit().await?;
    attachment_files::remove_cipher_dirs(&state.config, &ids).await;
    Ok(())
}

/// `GET /ciphers/organization-details/assigned?organizationId=`: the org items a member
/// reaches through their collections, plus (for admins) the unassigned ones, as
/// `cipherDetails`. Provider staff are no members: 404.
pub(super) async fn assigned(
    State(state): State<AppState>,
    auth: AuthUser,
    Query(q): Query<OrgQuery>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let org = parse_org_id(q.organization_id.as_deref().unwrap_or_default())?;
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), org).await?;
    ctx.require(OrgAction::UseVault)?;
    let memberships = user_orgs::user_org_memberships(&mut conn, auth.id()).await?;
    let shaper = OrgItemShaper::new(&memberships);
    let key = state.jwt.derive_key("attachment-download");
    let links = AttachmentLinks {
        base_url: &state.config.public_url,
        key: &key,
    };
    let org_text = org.to_string();
    let mut out = Vec::new();
    let mut render = |row: &CipherRow, view: &OrgItemView<'_>| {
        let mut s = String::with_capacity(1024);
        write_cipher(&mut s, "cipherDetails", row, &[], &links, Some(view));
        out.push(serde_json::from_str(&s).unwrap_or(Value::Null));
    };
    for item in sync_orgs::load_items(&mut conn, auth.id(), &shaper).await? {
        if item.org_id != org_text {
            continue;
        }
        let view = OrgItemView {
            org_id: &item.org_id,
            collection_ids: &item.collection_ids,
            access: item.access,
            limit_item_deletion: item.limit_item_deletion,
            use_totp: item.use_totp,
        };
        render(&item.row, &view);
    }
    if ctx.access.is_admin() || ctx.access.can(OrgAction::EditAllCiphers) {
        let assigned: std::collections::HashSet<CipherId> =
            org_ciphers::collection_pairs_for_org(&mut conn, org)
                .await?
                .iter()
                .map(|p| p.cipher_id)
                .collect();
        for c in org_ciphers::list_for_org(&mut conn, org).await? {
            if assigned.contains(&c.id) {
                continue;
            }
            let row = org_items::as_user_row(&mut conn, auth.id(), &c).await?;
            let view = OrgItemView {
                org_id: &org_text,
                collection_ids: &[],
                access: CollectionAccess::EDIT,
                limit_item_deletion: ctx.access.settings.limit_item_deletion,
                use_totp: ctx.org.features.use_totp != 0,
            };
            render(&row, &view);
        }
    }
    Ok(Json(ListResponse::new(out)))
}
