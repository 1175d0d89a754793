//! The portal is served at `/` from the binary: `index.html` and the assets it names, with
//! their types, their cache policy and the security headers; the API around it is unchanged
//! and unknown paths are still the JSON 404.

use crate::both_databases;
use crate::helpers::TestApp;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self'; connect-src 'self'; worker-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .map_or("", |v| v.to_str().expect("ASCII header"))
}

fn assert_security_headers(headers: &HeaderMap) {
    assert_eq!(header(headers, "content-security-policy"), CSP);
    assert_eq!(header(headers, "x-content-type-options"), "nosniff");
    assert_eq!(header(headers, "referrer-policy"), "no-referrer");
    assert_eq!(header(headers, "x-frame-options"), "DENY");
}

/// The paths of the scripts and stylesheets `index.html` loads (`src="/assets/…"`,
/// `href="/assets/…"`).
fn referenced_assets(html: &str) -> Vec<String> {
    html.split(['"', '\''])
        .filter(|part| part.starts_with("/assets/"))
        .map(str::to_owned)
        .collect()
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    reqwest::get(format!("{}{path}", app.base_url))
        .await
        .expect("request")
}

both_databases!(
    index_html_is_served_at_root_with_the_security_headers,
    |app: TestApp| async move {
        let r = get(&app, "/").await;
        assert_eq!(r.status(), StatusCode::OK);
        let headers = r.headers().clone();
        assert_eq!(header(&headers, "content-type"), "text/html; charset=utf-8");
        assert_eq!(header(&headers, "cache-control"), "no-cache");
        assert_security_headers(&headers);
        let etag = header(&headers, "etag").to_owned();
        let html = r.text().await.unwrap();
        // build.rs serves a page saying why when a debug build could not build the portal.
        assert!(
            !html.contains("not-built"),
            "the portal was not built:\n{html}"
        );
        assert!(html.contains("<div id=\"app\">"), "{html}");
        // No inline script: the CSP would refuse it.
        assert!(!html.contains("<script>"), "{html}");

        // Revalidation is a 304 while the build is the same.
        let again = reqwest::Client::new()
            .get(format!("{}/", app.base_url))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

        let assets = referenced_assets(&html);
        let script = assets
            .iter()
            .find(|a| a.ends_with(".js"))
            .unwrap_or_else(|| panic!("index.html names no script: {html}"));
        let r = get(&app, script).await;
        assert_eq!(r.status(), StatusCode::OK, "{script}");
        let headers = r.headers().clone();
        assert_eq!(
            header(&headers, "content-type"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            header(&headers, "cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert_security_headers(&headers);
        assert!(!r.bytes().await.unwrap().is_empty());
        for asset in &assets {
            assert_eq!(get(&app, asset).await.status(), StatusCode::OK, "{asset}");
        }
    }
);

both_databases!(
    the_api_is_unchanged_and_unknown_paths_are_the_json_404,
    |app: TestApp| async move {
        for path in ["/alive", "/api/alive", "/identity/alive"] {
            let r = get(&app, path).await;
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            assert_eq!(header(r.headers(), "content-type"), "application/json");
            assert_security_headers(r.headers());
        }
        let config = get(&app, "/api/config").await;
        assert_eq!(config.status(), StatusCode::OK);
        let config: serde_json::Value = config.json().await.unwrap();
        assert!(config["version"].is_string(), "{config}");

        // Not portal files: nested routers must not serve the portal under their prefix, and
        // only GET and HEAD read files.
        for path in [
            "/no-such-page",
            "/assets/no-such-file.js",
            "/api/index.html",
            "/identity/",
            "/admin/index.html",
            "/api/assets/x.js",
        ] {
            let r = get(&app, path).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
            assert_eq!(header(r.headers(), "content-type"), "application/json");
            assert_security_headers(r.headers());
            let body: serde_json::Value = r.json().await.unwrap();
            assert_eq!(body["object"], "error", "{path}: {body}");
        }
        let post = reqwest::Client::new()
            .post(format!("{}/", app.base_url))
            .send()
            .await
            .unwrap();
        assert_eq!(post.status(), StatusCode::NOT_FOUND);
        assert_eq!(header(post.headers(), "content-type"), "application/json");
    }
);
