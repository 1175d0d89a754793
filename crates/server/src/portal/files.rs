//! The built portal, embedded at compile time, and how each file is answered: its content type,
//! its cache policy and an `ETag`.
//!
//! `build.rs` builds `web/` into `$OUT_DIR/portal`. `debug-embed` embeds it in debug builds
//! too (rust-embed would otherwise read the folder from disk at run time), so the debug binary
//! the tests drive serves exactly what a release binary serves, and neither depends on the
//! build tree being present.

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::borrow::Cow;

#[derive(rust_embed::Embed)]
#[folder = "$OUT_DIR/portal"]
struct Portal;

/// Vite puts a content hash in the name of every file under `assets/`: a new build makes new
/// names, so these are cached for a year and never revalidated.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `index.html` (and any other unhashed file) names the current assets, so the browser must
/// ask again each time; the `ETag` makes that a 304 when nothing changed.
const REVALIDATE: &str = "no-cache";

pub struct PortalFile {
    path: String,
    data: Cow<'static, [u8]>,
    etag: String,
}

/// The embedded file for a request path: `/` is `index.html`; other paths name their file.
pub fn find(request_path: &str) -> Option<PortalFile> {
    let path = match request_path.strip_prefix('/')? {
        "" => "index.html",
        p => p,
    };
    let file = Portal::get(path)?;
    let etag = format!("\"{}\"", hex(&file.metadata.sha256_hash()[..16]));
    Some(PortalFile {
        path: path.to_owned(),
        data: file.data,
        etag,
    })
}

impl PortalFile {
    pub fn respond(self, request_headers: &HeaderMap) -> Response {
        let cache = if self.path.starts_with("assets/") {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        let etag = HeaderValue::from_str(&self.etag).expect("hex ETag is a valid header value");
        let headers = [
            (
                CONTENT_TYPE,
                HeaderValue::from_static(content_type(&self.path)),
            ),
            (CACHE_CONTROL, HeaderValue::from_static(cache)),
            (ETAG, etag),
        ];
        if matches_etag(request_headers, &self.etag) {
            return (StatusCode::NOT_MODIFIED, headers).into_response();
        }
        (headers, self.data).into_response()
    }
}

/// Whether `If-None-Match` lists this `ETag` (or `*`).
fn matches_etag(request_headers: &HeaderMap, etag: &str) -> bool {
    request_headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

/// The types a Vite build produces. Every response is `nosniff`, so a script or stylesheet
/// must carry its own type or the browser refuses it; anything unknown is served as bytes.
fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_index_html_and_unknown_files_are_none() {
        let index = find("/").expect("the build embeds index.html");
        assert_eq!(index.path, "index.html");
        assert!(find("/no-such-file.js").is_none());
        assert!(find("").is_none());
        assert!(find("/assets/../index.html").is_none());
    }

    #[test]
    fn types_cover_what_vite_writes() {
        assert_eq!(
            content_type("assets/index-abc.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("assets/argon2-x.wasm"), "application/wasm");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }

    #[test]
    fn if_none_match_accepts_lists_weak_tags_and_star() {
        let mut h = HeaderMap::new();
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("\"a\", W/\"b\""));
        assert!(matches_etag(&h, "\"b\""));
        assert!(!matches_etag(&h, "\"c\""));
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches_etag(&h, "\"c\""));
        assert!(!matches_etag(&HeaderMap::new(), "\"c\""));
    }
}
