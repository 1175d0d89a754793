//! Attachment bytes on disk: `<attachments dir>/<cipherId>/<attachmentId>`. Uploads stream into
//! a temporary file in the same directory and are renamed into place only when complete, so a
//! reader never sees a partial file and a failed upload leaves nothing behind.

use crate::config::Config;
use crate::error::{ApiError, ApiResult};
use axum::body::{Body, Bytes};
use axum::extract::multipart::{Field, MultipartError};
use axum::extract::Multipart;
use axum::http::StatusCode;
use bulwark_domain::{AttachmentId, CipherId};
use std::path::{Path, PathBuf};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const MIB: u64 = 1024 * 1024;

#[must_use]
pub fn cipher_dir(config: &Config, cipher: CipherId) -> PathBuf {
    config.attachments_dir().join(cipher.to_string())
}

#[must_use]
pub fn file_path(config: &Config, cipher: CipherId, id: &AttachmentId) -> PathBuf {
    cipher_dir(config, cipher).join(id.as_str())
}

/// The clients show this text; upstream words it the same way.
#[must_use]
pub fn max_size_message(config: &Config) -> String {
    format!("Max file size is {} MB.", config.attachment_max_bytes / MIB)
}

/// A received file not yet in place; dropping it deletes the temporary file.
pub struct Received {
    temp: Option<PathBuf>,
    pub size: u64,
    /// The part's file name (the encrypted name, for legacy uploads).
    pub file_name: Option<String>,
    /// A `key` text part (legacy uploads send the attachment key that way).
    pub key: Option<String>,
}

impl Received {
    /// Renames the file into place (replacing an earlier upload of the same attachment).
    ///
    /// # Errors
    /// I/O failures; the temporary file is removed then.
    pub async fn persist(mut self, dest: &Path) -> ApiResult<()> {
        let Some(temp) = self.temp.take() else {
            return Err(anyhow::anyhow!("upload already persisted").into());
        };
        if let Err(e) = tokio::fs::rename(&temp, dest).await {
            let _ = tokio::fs::remove_file(&temp).await;
            return Err(anyhow::Error::new(e)
                .context("moving the upload into place")
                .into());
        }
        Ok(())
    }
}

impl Drop for Received {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let _ = std::fs::remove_file(temp);
        }
    }
}

fn multipart_error(config: &Config, e: &MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge(max_size_message(config))
    } else {
        ApiError::field(
            "",
            format!("The multipart body could not be read: {}", e.body_text()),
        )
    }
}

/// Reads the multipart body: the part named `data` goes to a temporary file in `dir`, at most
/// `config.attachment_max_bytes` bytes (and, when `expected` is given, at most 1 MiB more than
/// that declared size).
///
/// # Errors
/// 400 for a body without `data` or an unreadable one, 413 beyond the size limit.
pub async fn receive(
    config: &Config,
    dir: &Path,
    mut multipart: Multipart,
    expected: Option<u64>,
) -> ApiResult<Received> {
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(anyhow::Error::new)?;
    let mut received = Received {
        temp: None,
        size: 0,
        file_name: None,
        key: None,
    };
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(config, &e))?
    {
        match field.name() {
            Some("data") if received.temp.is_none() => {
                received.file_name = field.file_name().map(str::to_owned);
                let temp = dir.join(format!(".upload-{}.tmp", AttachmentId::generate()));
                received.temp = Some(temp.clone());
                received.size = write_part(config, field, &temp, expected).await?;
            }
            Some("key") => {
                received.key = Some(
                    field
                        .text()
                        .await
                        .map_err(|e| multipart_error(config, &e))?,
                );
            }
            _ => {} // other parts are not ours to keep
        }
    }
    if received.temp.is_none() {
        return Err(ApiError::field("data", "The data field is required."));
    }
    Ok(received)
}

async fn write_part(
    config: &Config,
    mut field: Field<'_>,
    temp: &Path,
    expected: Option<u64>,
) -> ApiResult<u64> {
    let mut file = tokio::fs::File::create(temp)
        .await
        .map_err(anyhow::Error::new)?;
    let mut size: u64 = 0;
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| multipart_error(config, &e))?
    {
        size += chunk.len() as u64;
        if size > config.attachment_max_bytes {
            return Err(ApiError::PayloadTooLarge(max_size_message(config)));
        }
        if expected.is_some_and(|e| size > e.saturating_add(MIB)) {
            return Err(length_mismatch());
        }
        file.write_all(&chunk).await.map_err(anyhow::Error::new)?;
    }
    file.sync_all().await.map_err(anyhow::Error::new)?;
    Ok(size)
}

/// Upstream's answer when the upload differs from the declared size by more than 1 MiB.
#[must_use]
pub fn length_mismatch() -> ApiError {
    ApiError::bad("File received does not match expected file length.")
}

/// Whether `actual` is within 1 MiB of the declared size.
#[must_use]
pub fn matches_declared(declared: i64, actual: u64) -> bool {
    let actual = i64::try_from(actual).unwrap_or(i64::MAX);
    (declared - actual).unsigned_abs() <= MIB
}

/// Streams a stored file as a response body.
///
/// # Errors
/// 404 when the file is missing.
pub async fn open(path: &Path) -> ApiResult<Body> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|_| ApiError::NotFound)?;
    let stream = futures::stream::unfold(file, |mut file| async move {
        let mut buf = vec![0u8; 64 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(Bytes::from(buf)), file))
            }
            Err(e) => Some((Err(e), file)),
        }
    });
    Ok(Body::from_stream(stream))
}

/// Removes one attachment's file; a missing file is fine (never uploaded).
pub async fn remove_file(config: &Config, cipher: CipherId, id: &AttachmentId) {
    log_failure(tokio::fs::remove_file(file_path(config, cipher, id)).await);
}

/// Removes the files of deleted items, after their rows are gone.
pub async fn remove_cipher_dirs(config: &Config, ciphers: &[CipherId]) {
    for c in ciphers {
        log_failure(tokio::fs::remove_dir_all(cipher_dir(config, *c)).await);
    }
}

fn log_failure(result: std::io::Result<()>) {
    if let Err(e) = result {
        if e.kind() != std::io::ErrorKind::NotFound {
            // The rows are already gone; an orphaned file is harmless but worth knowing about.
            tracing::warn!(error = %e, "could not remove an attachment file");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_sizes_allow_one_mebibyte_of_slack() {
        assert!(matches_declared(100, 100));
        assert!(matches_declared(100 + 1024 * 1024, 100));
        assert!(!matches_declared(101 + 1024 * 1024, 100));
        assert!(!matches_declared(1, 2 * 1024 * 1024));
    }
}
