//! Provider invitations: issuing a token (the store keeps its hash) and mailing the link once
//! the transaction that created it has committed. Mail never fails the caller (see `mail`);
//! without SMTP the link is logged at info level.

use crate::error::ApiResult;
use crate::mail::provider_templates;
use crate::services::provider_token;
use crate::state::AppState;
use bulwark_domain::{ProviderId, ProviderUserId};

/// A setup invitation made in a transaction, mailed after it commits.
pub struct PendingSetup {
    pub provider: ProviderId,
    /// The owner's provider user row.
    pub owner: ProviderUserId,
    pub email: String,
    pub token: String,
    /// Expiry in microseconds since the epoch (`provider_users.invite_expires_at`).
    pub expires_at: i64,
}

impl PendingSetup {
    /// A fresh setup token for `owner` of `provider`, sent to `email`; `now` in microseconds.
    ///
    /// # Errors
    /// Never in practice (signing a fixed struct).
    pub fn new(
        state: &AppState,
        provider: ProviderId,
        owner: ProviderUserId,
        email: &str,
        now: i64,
    ) -> ApiResult<Self> {
        let expires_secs = now / 1_000_000 + provider_token::LIFETIME_SECS;
        let token = provider_token::issue_setup(
            &state.jwt.derive_key(provider_token::KEY_PURPOSE),
            provider,
            owner,
            email,
            expires_secs,
        )?;
        Ok(Self {
            provider,
            owner,
            email: email.to_owned(),
            token,
            expires_at: expires_secs * 1_000_000,
        })
    }

    /// What `provider_users.invite_token_hash` keeps.
    #[must_use]
    pub fn token_hash(&self) -> String {
        provider_token::hash(&self.token)
    }
}

/// A provider user invitation made in a transaction, mailed after it commits.
pub struct PendingProviderInvite {
    pub member: ProviderUserId,
    pub email: String,
    pub token: String,
    /// Expiry in microseconds since the epoch.
    pub expires_at: i64,
}

impl PendingProviderInvite {
    /// A fresh invitation token for `member`, sent to `email`; `now` in microseconds.
    ///
    /// # Errors
    /// Never in practice (signing a fixed struct).
    pub fn new(state: &AppState, member: ProviderUserId, email: &str, now: i64) -> ApiResult<Self> {
        let expires_secs = now / 1_000_000 + provider_token::LIFETIME_SECS;
        let token = provider_token::issue_user_invite(
            &state.jwt.derive_key(provider_token::KEY_PURPOSE),
            member,
            email,
            expires_secs,
        )?;
        Ok(Self {
            member,
            email: email.to_owned(),
            token,
            expires_at: expires_secs * 1_000_000,
        })
    }

    /// What `provider_users.invite_token_hash` keeps.
    #[must_use]
    pub fn token_hash(&self) -> String {
        provider_token::hash(&self.token)
    }
}

fn long_date(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%A, %B %-d, %Y %H:%M UTC")
        .to_string()
}

/// Mails (or logs) the setup invitation.
pub async fn send_setup(state: &AppState, setup: &PendingSetup) {
    let mail = provider_templates::setup_invitation(&provider_templates::SetupInvitation {
        public_url: &state.config.public_url,
        provider_id: &setup.provider.to_string(),
        provider_user_id: &setup.owner.to_string(),
        email: &setup.email,
        token: &setup.token,
        expires: &long_date(setup.expires_at),
    });
    state.mailer.send(mail).await;
}

/// Mails (or logs) one invitation per invite of `provider`, named `provider_name`.
pub async fn send_user_invitations(
    state: &AppState,
    provider: ProviderId,
    provider_name: &str,
    invites: &[PendingProviderInvite],
) {
    for i in invites {
        let mail = provider_templates::user_invitation(&provider_templates::UserInvitation {
            public_url: &state.config.public_url,
            provider_id: &provider.to_string(),
            provider_user_id: &i.member.to_string(),
            provider_name,
            email: &i.email,
            token: &i.token,
            expires: &long_date(i.expires_at),
        });
        state.mailer.send(mail).await;
    }
}
