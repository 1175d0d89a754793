//! The item an attachment route acts on: one of the caller's personal items, or an org item
//! they reach. Upstream's rules for org items: adding, re-uploading and deleting a file need
//! edit on the item (deleting answers "…delete this." when refused), reading needs only to see
//! it; the `admin` variants admit Owners, Admins and Custom editAnyCollection members for items
//! they may edit as admins (every item with edit-all, else items they can edit or unassigned
//! ones). Org files count against the org's storage.

use super::org_write::record;
use crate::error::{ApiError, ApiResult};
use crate::services::events::RequestOrigin;
use crate::services::org_items::{self, OrgItem};
use crate::state::AppState;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::event_type::EventType;
use bulwark_domain::{CipherId, UserId};
use bulwark_store::attachments::{self as store, AttachmentRow};
use bulwark_store::ciphers::{self, CipherRow};
use bulwark_store::org_ciphers;
use bulwark_store::{users, AnyConnection};
use serde_json::Value;

const BYTES_PER_GB: i64 = 1024 * 1024 * 1024;

/// What the caller is about to do with the item's files.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Need {
    Read,
    Edit,
    /// Edit, or admin rights over the item (re-uploads and renewals, as upstream).
    EditOrAdmin,
    /// Edit, refused with the delete wording.
    Delete,
}

/// Through which routes the caller comes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Via {
    Member,
    /// The `…/admin` and `attachment-admin` routes, and v2 with `adminRequest`.
    Admin,
}

pub(super) enum Target {
    Personal(CipherRow),
    Org(Box<OrgItem>),
}

/// Upstream's `CanEditCipherAsAdminAsync` for one item.
fn admin_may_edit(item: &OrgItem) -> bool {
    let access = &item.ctx.access;
    access.can(OrgAction::AdminCipherRoutes)
        && (access.can(OrgAction::EditAllCiphers)
            || item.permissions().is_some_and(|p| p.edit)
            || item.collections.is_empty())
}

impl Target {
    /// The item `id` as the caller may use it for `need`.
    ///
    /// # Errors
    /// 404 when the caller cannot reach it; 400 when they see it but may not change it.
    pub(super) async fn load(
        conn: &mut AnyConnection,
        user: UserId,
        id: CipherId,
        need: Need,
        via: Via,
    ) -> ApiResult<Self> {
        let Some(org) = org_ciphers::org_of(conn, id).await? else {
            if via == Via::Admin {
                return Err(ApiError::NotFound);
            }
            return Ok(Self::Personal(ciphers::find(conn, user, id).await?));
        };
        let item = org_items::load_in_org(conn, user, org, id).await?;
        if via == Via::Admin {
            return if admin_may_edit(&item) {
                Ok(Self::Org(Box::new(item)))
            } else {
                Err(ApiError::NotFound)
            };
        }
        // An admin who declared a file through the admin route uploads it on the member route.
        if need == Need::EditOrAdmin && admin_may_edit(&item) {
            return Ok(Self::Org(Box::new(item)));
        }
        if item.access().is_none() {
            return Err(ApiError::NotFound);
        }
        match need {
            Need::Read => {}
            Need::Edit | Need::EditOrAdmin => item.require_edit()?,
            Need::Delete => {
                if !item.permissions().is_some_and(|p| p.edit) {
                    return Err(ApiError::bad("You do not have permissions to delete this."));
                }
            }
        }
        Ok(Self::Org(Box::new(item)))
    }

    pub(super) fn revision_date(&self) -> i64 {
        match self {
            Self::Personal(row) => row.revision_date,
            Self::Org(item) => item.row.revision_date,
        }
    }

    /// Room for `bytes` more: org items need an org with storage, and room left in it.
    ///
    /// # Errors
    /// 400 with upstream's texts.
    pub(super) async fn check_storage(
        &self,
        conn: &mut AnyConnection,
        bytes: i64,
    ) -> ApiResult<()> {
        let Self::Org(item) = self else {
            return Ok(());
        };
        let max = item.ctx.org.max_storage_gb.unwrap_or(0);
        if max <= 0 {
            return Err(ApiError::bad("This organization cannot use attachments."));
        }
        let used = store::org_storage_bytes(conn, item.ctx.org.id).await?;
        if max.saturating_mul(BYTES_PER_GB).saturating_sub(used) < bytes {
            return Err(ApiError::bad("Not enough storage available."));
        }
        Ok(())
    }

    /// Moves the item's revision and the revision date of everyone who syncs it; records
    /// `event` for an org item.
    ///
    /// # Errors
    /// Database failures.
    pub(super) async fn touch(
        &mut self,
        conn: &mut AnyConnection,
        user: UserId,
        origin: &RequestOrigin,
        event: Option<EventType>,
        now: i64,
    ) -> ApiResult<()> {
        match self {
            Self::Personal(row) => {
                ciphers::touch(conn, user, row.id, now).await?;
                row.revision_date = now;
            }
            Self::Org(item) => {
                item.row.revision_date = now;
                let org = item.row.organization_id;
                org_ciphers::update(conn, org, &item.row).await?;
                if let Some(event) = event {
                    record(conn, &item.ctx, user, origin, event, item.row.id).await?;
                }
                users::bump_revision_for_org(conn, org, now).await?;
            }
        }
        Ok(())
    }

    /// Renders the item with `atts` as its files (`object`: cipher or cipherMini).
    ///
    /// # Errors
    /// Database failures.
    pub(super) async fn render_with(
        &self,
        conn: &mut AnyConnection,
        state: &AppState,
        user: UserId,
        atts: &[&AttachmentRow],
        object: &str,
    ) -> ApiResult<Value> {
        match self {
            Self::Personal(row) => Ok(super::render_with(state, row, atts, object)),
            Self::Org(item) => {
                let row = org_items::as_user_row(conn, user, &item.row).await?;
                Ok(org_items::render_row(
                    state,
                    object,
                    &row,
                    &item.ctx,
                    atts,
                    &item.visible_collections(),
                    item.access().unwrap_or_default(),
                ))
            }
        }
    }

    /// Renders the item with its uploaded files.
    ///
    /// # Errors
    /// Database failures.
    pub(super) async fn render(
        &self,
        conn: &mut AnyConnection,
        state: &AppState,
        user: UserId,
        object: &str,
    ) -> ApiResult<Value> {
        let id = match self {
            Self::Personal(row) => row.id,
            Self::Org(item) => item.row.id,
        };
        let atts = store::list_for_cipher(conn, id).await?;
        let uploaded: Vec<&AttachmentRow> = atts.iter().filter(|a| a.validated != 0).collect();
        self.render_with(conn, state, user, &uploaded, object).await
    }
}
