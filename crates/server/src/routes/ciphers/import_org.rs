//! `POST /ciphers/import-organization?organizationId=`: collections and items into an org, all
//! or nothing (spec §5.2). Collections named by an id of the org are reused; the others are
//! created, managed by the importer when they are a member. Everything is validated before the
//! transaction starts.

use super::import::{check_counts, relationship_pairs, validate_names};
use super::org_admin::OrgQuery;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Query};
use crate::services::cipher_input::{self, CipherInput};
use crate::services::collection_view::Facts;
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use crate::services::org_access::{self, parse_org_id};
use crate::services::org_factory;
use crate::state::AppState;
use axum::extract::State;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::now_micros;
use bulwark_domain::{CipherId, CollectionId};
use bulwark_store::org_ciphers::{self, OrgCipherRow};
use bulwark_store::{collections, users};
use bulwark_wire::cipher::ImportOrgRequest;

const NOT_ALLOWED: &str = "Not enough privileges to import into this organization.";

pub(super) async fn import(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Query(q): Query<OrgQuery>,
    AppJson(req): AppJson<ImportOrgRequest>,
) -> ApiResult<()> {
    let org = parse_org_id(q.organization_id.as_deref().unwrap_or_default())?;
    check_counts(
        req.ciphers.len(),
        req.collections.len(),
        req.collection_relationships.len(),
    )?;
    let names: Vec<Option<&str>> = req.collections.iter().map(|c| c.name.as_deref()).collect();
    validate_names("Collections", &names)?;
    let inputs = req
        .ciphers
        .iter()
        .enumerate()
        .map(|(i, c)| cipher_input::validate(c, &format!("Ciphers[{i}].")))
        .collect::<ApiResult<Vec<CipherInput>>>()?;
    let pairs = relationship_pairs(
        &req.collection_relationships,
        req.ciphers.len(),
        req.collections.len(),
    );
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org).await?;
    let facts = Facts::load(&mut tx, &ctx).await?;
    let full = ctx.access.can(OrgAction::AccessImportExport);

    // Each imported collection: an existing one of the org, or a new one.
    let existing: Vec<CollectionId> = collections::list(&mut tx, org)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    let mut targets = Vec::with_capacity(req.collections.len());
    let mut created = Vec::new();
    for c in &req.collections {
        let reuse =
            c.id.as_deref()
                .and_then(|id| id.parse::<CollectionId>().ok())
                .filter(|id| existing.contains(id));
        match reuse {
            Some(id) => {
                if !full && !facts.can_edit_items(id) {
                    return Err(ApiError::bad(NOT_ALLOWED));
                }
                targets.push(id);
            }
            None => {
                if !full && !ctx.access.can(OrgAction::CreateCollection) {
                    return Err(ApiError::bad(NOT_ALLOWED));
                }
                let mut row =
                    org_factory::shared_collection(org, c.name.clone().unwrap_or_default(), now);
                row.external_id.clone_from(&c.external_id);
                targets.push(row.id);
                created.push(row);
            }
        }
    }
    if !full && created.is_empty() && req.collections.is_empty() {
        // Items with no collection would be unassigned: only admins may make those.
        return Err(ApiError::bad(NOT_ALLOWED));
    }
    if let Some(max) = ctx.org.max_collections {
        let count = i64::try_from(existing.len() + created.len()).unwrap_or(i64::MAX);
        if !created.is_empty() && count > max {
            return Err(ApiError::bad(format!(
                "This organization can only have a maximum of {max} collections."
            )));
        }
    }
    let mut events_out = Vec::new();
    for row in &created {
        collections::insert(&mut tx, org, row).await?;
        if let Some(me) = ctx.access.membership() {
            collections::set_user_access(
                &mut tx,
                org,
                row.id,
                &[(me, CollectionAccess::MANAGE)],
                now,
            )
            .await?;
        }
        events_out.push(org_event(
            &ctx.org,
            auth.id(),
            &origin,
            EventType::Collection_Created,
            Subject {
                collection: Some(row.id),
                ..Subject::default()
            },
        ));
    }
    for (i, input) in inputs.into_iter().enumerate() {
        let linked: Vec<CollectionId> = pairs
            .iter()
            .filter(|(c, _)| *c == i)
            .map(|(_, col)| targets[*col])
            .collect();
        let row = OrgCipherRow {
            id: CipherId::new(),
            organization_id: org,
            cipher_type: input.cipher_type as i64,
            data: input.data,
            item_key: input.item_key,
            reprompt: input.reprompt,
            creation_date: now,
            revision_date: now,
            deleted_date: None,
        };
        org_ciphers::insert(&mut tx, org, &row, &linked).await?;
        events_out.push(org_event(
            &ctx.org,
            auth.id(),
            &origin,
            EventType::Cipher_Created,
            Subject {
                cipher: Some(row.id),
                ..Subject::default()
            },
        ));
    }
    events::record(&mut tx, events_out).await?;
    users::bump_revision_for_org(&mut tx, org, now).await?;
    tx.commit().await?;
    Ok(())
}
