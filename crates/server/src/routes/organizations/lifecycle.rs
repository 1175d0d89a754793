//! Create, list, read, update, delete and leave an organization; its public key.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, OptionalJson, Path};
use crate::services::org_access::{self, parse_org_id};
use crate::services::{accounts, join_check, org_view};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::collection_access::{CollectionAccess, CollectionType};
use bulwark_domain::member_rules::{check_keeps_confirmed_owner, MemberChange};
use bulwark_domain::plan::{Plan, PlanType};
use bulwark_domain::time::now_micros;
use bulwark_domain::{enc_string, CollectionId, MembershipId, OrgId, OrgUserStatus, OrgUserType};
use bulwark_store::collections::CollectionRow;
use bulwark_store::members::MemberRow;
use bulwark_store::organizations::{CollectionSettingsRow, OrgRow};
use bulwark_store::{collections, members, organizations, user_orgs, users};
use bulwark_wire::account::SecretVerification;
use bulwark_wire::organization::{OrgCreateRequest, OrgKeysRequest, OrgUpdateRequest};
use serde_json::{json, Value};

fn check_name(name: Option<&str>) -> ApiResult<String> {
    let name = name.map(str::trim).unwrap_or_default();
    if name.is_empty() {
        return Err(ApiError::field("Name", "The Name field is required."));
    }
    if name.chars().count() > 50 {
        return Err(ApiError::field(
            "Name",
            "The field Name exceeds the maximum length.",
        ));
    }
    Ok(name.to_owned())
}

fn check_billing_email(email: Option<&str>) -> ApiResult<String> {
    let email = accounts::normalize_email(email.unwrap_or_default());
    if email.is_empty() {
        return Err(ApiError::field(
            "BillingEmail",
            "The BillingEmail field is required.",
        ));
    }
    accounts::validate_email(&email).map_err(|_| {
        ApiError::field(
            "BillingEmail",
            "The BillingEmail field is not a valid e-mail address.",
        )
    })?;
    Ok(email)
}

/// The org key pair: an SPKI public key (base64) and the private key as an EncString.
fn check_keys(keys: &OrgKeysRequest) -> ApiResult<(String, String)> {
    use base64::Engine;
    let public = keys.public_key.as_deref().unwrap_or_default();
    if base64::engine::general_purpose::STANDARD
        .decode(public)
        .map_or(true, |b| b.is_empty())
    {
        return Err(ApiError::field(
            "Keys.PublicKey",
            "The PublicKey field is required.",
        ));
    }
    let private = keys.encrypted_private_key.as_deref().unwrap_or_default();
    if !enc_string::is_valid(private) {
        return Err(ApiError::field(
            "Keys.EncryptedPrivateKey",
            "The EncryptedPrivateKey field is not a valid encrypted string.",
        ));
    }
    Ok((public.to_owned(), private.to_owned()))
}

/// `POST /organizations` (and `create-without-payment`): the caller becomes its confirmed
/// owner; a first collection is created when a name is given. Payment fields are ignored.
pub async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<OrgCreateRequest>,
) -> ApiResult<Json<Value>> {
    let name = check_name(req.name.as_deref())?;
    let billing_email = check_billing_email(req.billing_email.as_deref())?;
    let plan = PlanType::try_from(req.plan_type)
        .ok()
        .and_then(Plan::find)
        .ok_or_else(|| ApiError::bad("Password Manager Plan not found."))?;
    let seats = plan
        .initial_seats(req.additional_seats)
        .map_err(ApiError::bad)?;
    let key = req.key.as_deref().unwrap_or_default();
    if !(key.starts_with("4.") && enc_string::is_valid(key)) {
        return Err(ApiError::field(
            "Key",
            "The Key field must be the organization key encrypted with your public key.",
        ));
    }
    let (public_key, private_key) = check_keys(
        req.keys
            .as_ref()
            .ok_or_else(|| ApiError::field("Keys", "The Keys field is required."))?,
    )?;
    let collection_name = req
        .collection_name
        .as_deref()
        .filter(|n| !n.trim().is_empty());
    if collection_name.is_some_and(|n| !enc_string::is_valid(n)) {
        return Err(ApiError::field(
            "CollectionName",
            "The CollectionName field is not a valid encrypted string.",
        ));
    }

    let now = now_micros();
    let org = OrgRow {
        id: OrgId::new(),
        name,
        billing_email,
        plan_type: plan.plan_type.number(),
        seats: Some(seats),
        max_collections: plan.max_collections,
        max_storage_gb: Some(plan.max_storage_gb()),
        enabled: 1,
        status: 1,
        public_key: Some(public_key),
        private_key: Some(private_key),
        api_key: crate::auth::tokens::random_alphanumeric(30),
        api_key_revision_date: now,
        settings: CollectionSettingsRow::default(),
        features: plan.features.into(),
        creation_date: now,
        revision_date: now,
    };
    let owner = MemberRow {
        id: MembershipId::new(),
        org_id: org.id,
        user_id: Some(auth.id().to_string()),
        email: None,
        member_key: Some(key.to_owned()),
        status: OrgUserStatus::Confirmed.number(),
        member_type: OrgUserType::Owner.number(),
        permissions: None,
        reset_password_key: None,
        external_id: None,
        access_secrets_manager: 0,
        revocation_reason: None,
        invite_token_hash: None,
        invite_expires_at: None,
        creation_date: now,
        revision_date: now,
    };
    let mut tx = state.store.begin().await?;
    join_check::require_may_create(&mut tx, auth.id(), org.plan_type).await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    organizations::insert(&mut tx, &org).await?;
    members::insert(&mut tx, org.id, &owner).await?;
    if let Some(collection_name) = collection_name {
        let collection = CollectionRow {
            id: CollectionId::new(),
            org_id: org.id,
            name: collection_name.to_owned(),
            external_id: None,
            collection_type: CollectionType::SharedCollection.number(),
            default_user_collection_email: None,
            creation_date: now,
            revision_date: now,
        };
        collections::insert(&mut tx, org.id, &collection).await?;
        collections::set_user_access(
            &mut tx,
            org.id,
            collection.id,
            &[(owner.id, CollectionAccess::MANAGE)],
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(org_view::organization(&org)))
}

/// `GET /organizations`: the caller's confirmed memberships as `profileOrganization`.
pub async fn list(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let rows = user_orgs::user_org_memberships(&mut conn, auth.id()).await?;
    let (confirmed, _) = org_view::profile_lists(&rows, &auth.id().to_string());
    Ok(Json(
        json!({ "object": "list", "data": confirmed, "continuationToken": null }),
    ))
}

/// `GET /organizations/{id}`: owners only (others get 404, admins included, as upstream).
pub async fn get_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), parse_org_id(&org_id)?).await?;
    ctx.require(OrgAction::ViewOrganization)?;
    Ok(Json(org_view::organization(&ctx.org)))
}

/// `PUT /organizations/{id}`: the name (required, as upstream's `[Required]`) and the billing
/// e-mail (null = unchanged); `keys` back-fill an org that has no key pair yet. The caller's
/// right comes first, so someone else's org is not found whatever the body says.
pub async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
    AppJson(req): AppJson<OrgUpdateRequest>,
) -> ApiResult<Json<Value>> {
    let org_id = parse_org_id(&org_id)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org_id).await?;
    ctx.require(OrgAction::EditOrganization)?;
    let name = check_name(req.name.as_deref())?;
    let billing_email = req
        .billing_email
        .as_deref()
        .map(|e| check_billing_email(Some(e)))
        .transpose()?;
    let keys = req.keys.as_ref().map(check_keys).transpose()?;
    organizations::update_details(
        &mut tx,
        org_id,
        &name,
        billing_email.as_deref().unwrap_or(&ctx.org.billing_email),
        now,
    )
    .await?;
    if let Some((public, private)) = keys {
        organizations::set_keys_if_missing(&mut tx, org_id, &public, &private, now).await?;
    }
    let org = organizations::find(&mut tx, org_id).await?;
    tx.commit().await?;
    Ok(Json(org_view::organization(&org)))
}

/// `DELETE /organizations/{id}` (and `POST …/delete`): owners, with their master password.
/// Every member's revision date moves so their clients drop the org's data.
pub async fn delete(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
    OptionalJson(body): OptionalJson<SecretVerification>,
) -> ApiResult<()> {
    let org_id = parse_org_id(&org_id)?;
    {
        let mut conn = state.store.conn().await?;
        let ctx = org_access::resolve(&mut conn, auth.id(), org_id).await?;
        ctx.require(OrgAction::DeleteOrganization)?;
    }
    accounts::verify_secret(&state, &auth.user, &body.unwrap_or_default()).await?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision_for_org(&mut tx, org_id, now).await?;
    organizations::delete(&mut tx, org_id).await?;
    tx.commit().await?;
    Ok(())
}

/// `POST /organizations/{id}/leave`: any confirmed member but the last confirmed owner.
pub async fn leave(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<()> {
    let org_id = parse_org_id(&org_id)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org_id).await?;
    ctx.require(OrgAction::Leave)?;
    let me = ctx.access.membership().ok_or(ApiError::NotFound)?;
    let roles = members::roles(&mut tx, org_id).await?;
    check_keeps_confirmed_owner(&roles, MemberChange::Remove(&[me]), false)
        .map_err(ApiError::bad)?;
    members::delete(&mut tx, org_id, me).await?;
    tx.commit().await?;
    Ok(())
}

/// `GET /organizations/{id}/public-key` (and the older `/keys`): any signed-in user, so an
/// invitee can enrol in account recovery.
pub async fn public_key(
    State(state): State<AppState>,
    _auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let org = organizations::find(&mut conn, parse_org_id(&org_id)?)
        .await
        .map_err(|_| ApiError::NotFound)?;
    Ok(Json(json!({
        "object": "organizationPublicKey",
        "publicKey": org.public_key,
    })))
}
