//! Invitation tokens and the mails of the member lifecycle. Mails go out after the commit
//! that caused them and never fail the request (see `mail`).

use crate::auth::tokens::hash_token;
use crate::error::ApiResult;
use crate::mail::templates;
use crate::services::invite_token;
use crate::state::AppState;
use bulwark_domain::{MembershipId, OrgId, OrgUserStatus, OrgUserType};
use bulwark_store::organizations::OrgRow;
use bulwark_store::{members, users};

/// An invitation created in a transaction, mailed once it commits.
pub struct PendingInvite {
    pub membership: MembershipId,
    pub email: String,
    pub token: String,
    /// Expiry in microseconds since the epoch.
    pub expires_at: i64,
}

impl PendingInvite {
    /// A fresh token for `membership`; the store keeps only its hash.
    ///
    /// # Errors
    /// Never in practice (signing a fixed struct).
    pub fn new(
        state: &AppState,
        membership: MembershipId,
        email: &str,
        now: i64,
    ) -> ApiResult<Self> {
        let expires_secs = now / 1_000_000 + invite_token::LIFETIME_SECS;
        let token = invite_token::issue(
            &state.jwt.derive_key(invite_token::KEY_PURPOSE),
            &membership.to_string(),
            email,
            expires_secs,
        )?;
        Ok(Self {
            membership,
            email: email.to_owned(),
            token,
            expires_at: expires_secs * 1_000_000,
        })
    }

    #[must_use]
    pub fn token_hash(&self) -> String {
        hash_token(&self.token)
    }
}

fn long_date(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%A, %B %-d, %Y %H:%M UTC")
        .to_string()
}

/// One invitation mail per invite, with the link of spec §8.
pub async fn send_invitations(state: &AppState, org: &OrgRow, invites: &[PendingInvite]) {
    for i in invites {
        let has_account = match state.store.conn().await {
            Ok(mut conn) => users::find_by_email(&mut conn, &i.email)
                .await
                .ok()
                .flatten()
                .is_some(),
            Err(_) => false,
        };
        let mail = templates::invitation(&templates::Invitation {
            public_url: &state.config.public_url,
            org_id: &org.id.to_string(),
            org_name: &org.name,
            membership_id: &i.membership.to_string(),
            email: &i.email,
            token: &i.token,
            has_account,
            init_organization: false,
            expires: &long_date(i.expires_at),
        });
        state.mailer.send(mail).await;
    }
}

/// Tells the org's confirmed Owners and Admins that `member_email` accepted and awaits
/// confirmation.
pub async fn notify_accepted(state: &AppState, org: OrgId, org_name: &str, member_email: &str) {
    let Ok(mut conn) = state.store.conn().await else {
        return;
    };
    let Ok(rows) = members::list(&mut conn, org).await else {
        return;
    };
    drop(conn);
    for r in rows {
        let admin =
            OrgUserType::try_from(r.member.member_type).is_ok_and(|t| t.is_owner_or_admin());
        if admin && r.member.status == OrgUserStatus::Confirmed.number() {
            if let Some(to) = r.account_email {
                state
                    .mailer
                    .send(templates::accepted(&to, org_name, member_email))
                    .await;
            }
        }
    }
}
