//! Outgoing mail. With SMTP configured each message is delivered (lettre, async); without it,
//! the one thing a mail exists to carry, its link, is written to the log at info level so an
//! operator can pass it on by hand. Delivery failures are logged and never fail the request
//! that caused them: the state change (an invitation, say) stands, and can be re-sent.

pub mod email_change_templates;
pub mod provider_templates;
pub mod recovery_templates;
pub mod templates;

use crate::config::{SmtpConfig, SmtpSecurity};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// A message before addressing: what the templates produce.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The action link, logged when mail is off (it is the point of the mail).
    pub link: Option<String>,
    /// A name for the log line, e.g. "organization invitation".
    pub kind: &'static str,
}

#[derive(Clone)]
pub struct Mailer {
    smtp: Option<(AsyncSmtpTransport<Tokio1Executor>, Mailbox)>,
}

/// Parses `Name <address>` or a bare address.
#[must_use]
pub fn parse_mailbox(text: &str) -> Option<Mailbox> {
    text.trim().parse().ok()
}

impl Mailer {
    /// # Errors
    /// When the SMTP settings cannot make a transport (a bad host name for TLS, say).
    pub fn new(config: Option<&SmtpConfig>) -> anyhow::Result<Self> {
        let Some(c) = config else {
            return Ok(Self { smtp: None });
        };
        let mut builder = match c.security {
            SmtpSecurity::Off => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&c.host),
            SmtpSecurity::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&c.host)?
            }
            SmtpSecurity::ForceTls => AsyncSmtpTransport::<Tokio1Executor>::relay(&c.host)?,
        }
        .port(c.port)
        .timeout(Some(Duration::from_secs(20)));
        if let Some(user) = &c.username {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                c.password.clone().unwrap_or_default(),
            ));
        }
        let from = parse_mailbox(&c.from)
            .ok_or_else(|| anyhow::anyhow!("smtp_from is not an e-mail address"))?;
        Ok(Self {
            smtp: Some((builder.build(), from)),
        })
    }

    /// Whether mail is actually delivered (else links are logged).
    #[must_use]
    pub fn is_enabled(&self) -> bool {
        self.smtp.is_some()
    }

    /// Delivers `email`, or logs its link when SMTP is off. Never fails the caller.
    pub async fn send(&self, email: Email) {
        let Some((transport, from)) = &self.smtp else {
            tracing::info!(
                kind = email.kind,
                to = %email.to,
                link = email.link.as_deref().unwrap_or(""),
                "mail not sent (no SMTP configured); pass this link on"
            );
            return;
        };
        let Some(to) = parse_mailbox(&email.to) else {
            tracing::warn!(kind = email.kind, "mail not sent: bad recipient address");
            return;
        };
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(email.subject)
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(email.text);
        let message = match message {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(kind = email.kind, error = %e, "mail not built");
                return;
            }
        };
        match transport.send(message).await {
            Ok(_) => tracing::info!(kind = email.kind, "mail delivered to the SMTP server"),
            Err(e) => tracing::warn!(kind = email.kind, error = %e, "mail delivery failed"),
        }
    }
}
