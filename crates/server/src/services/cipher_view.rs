//! Renders a stored item as the clients' `cipherDetails` JSON. The encrypted fields are kept as
//! one JSON object in storage and spliced in verbatim, so sync of a large vault costs little
//! more than copying bytes.

use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::time::format_micros;
use bulwark_domain::CollectionId;
use bulwark_store::attachments::AttachmentRow;
use bulwark_store::ciphers::CipherRow;
use std::fmt::Write;

/// Where attachment download links point, and the key that signs them.
pub struct AttachmentLinks<'a> {
    pub base_url: &'a str,
    pub key: &'a [u8],
}

fn json_str(out: &mut String, s: &str) {
    // EncStrings, ids and dates never need escaping: copy them straight in. Anything else goes
    // through serde_json, which escapes exactly as JSON requires.
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    }
}

fn opt_str(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => json_str(out, s),
        None => out.push_str("null"),
    }
}

fn opt_date(out: &mut String, d: Option<i64>) {
    match d {
        Some(d) => json_str(out, &format_micros(d)),
        None => out.push_str("null"),
    }
}

/// Human size as upstream shows it ("1.5 KB").
#[must_use]
pub fn size_name(size: i64) -> String {
    let units = ["Bytes", "KB", "MB", "GB", "TB"];
    #[allow(clippy::cast_precision_loss)]
    let mut value = size as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < units.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let rounded = (value * 100.0).round() / 100.0;
    format!("{rounded} {}", units[unit])
}

/// Appends one attachment object.
pub fn write_attachment(out: &mut String, a: &AttachmentRow, links: &AttachmentLinks<'_>) {
    out.push_str("{\"object\":\"attachment\",\"id\":");
    json_str(out, &a.id);
    out.push_str(",\"url\":");
    json_str(
        out,
        &crate::services::attachment_links::download_url(links, a),
    );
    out.push_str(",\"fileName\":");
    json_str(out, &a.file_name);
    out.push_str(",\"key\":");
    opt_str(out, a.attachment_key.as_deref());
    let _ = write!(out, ",\"size\":\"{}\",\"sizeName\":", a.size);
    json_str(out, &size_name(a.size));
    out.push('}');
}

/// What an organization item adds to its rendering: its org, the caller-visible collections
/// holding it, and the caller's access (personal items have full access and no collections).
pub struct OrgItemView<'a> {
    pub org_id: &'a str,
    pub collection_ids: &'a [CollectionId],
    pub access: CollectionAccess,
    pub limit_item_deletion: bool,
    pub use_totp: bool,
}

fn write_access(out: &mut String, org: Option<&OrgItemView<'_>>) {
    let Some(org) = org else {
        out.push_str(
            ",\"edit\":true,\"viewPassword\":true,\"permissions\":{\"delete\":true,\"restore\":true},\
             \"organizationUseTotp\":true,\"collectionIds\":[]",
        );
        return;
    };
    let p = org.access.item_permissions(org.limit_item_deletion);
    let _ = write!(
        out,
        ",\"edit\":{},\"viewPassword\":{},\"permissions\":{{\"delete\":{},\"restore\":{}}},\
         \"organizationUseTotp\":{},\"collectionIds\":[",
        !org.access.read_only, !org.access.hide_passwords, p.delete, p.restore, org.use_totp
    );
    for (i, id) in org.collection_ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{id}\"");
    }
    out.push(']');
}

/// Appends the item as `cipherDetails` (`object` names the flavour: `cipherDetails`, `cipher`).
pub fn write_cipher(
    out: &mut String,
    object: &str,
    c: &CipherRow,
    attachments: &[&AttachmentRow],
    links: &AttachmentLinks<'_>,
    org: Option<&OrgItemView<'_>>,
) {
    let _ = write!(
        out,
        "{{\"object\":\"{object}\",\"id\":\"{}\",\"organizationId\":",
        c.id
    );
    opt_str(out, org.map(|o| o.org_id));
    out.push_str(",\"folderId\":");
    opt_str(out, c.folder_id.as_deref());
    let _ = write!(
        out,
        ",\"type\":{},\"favorite\":{},\"reprompt\":{},\"key\":",
        c.cipher_type,
        c.favorite != 0,
        c.reprompt
    );
    opt_str(out, c.item_key.as_deref());
    write_access(out, org);
    out.push_str(",\"creationDate\":");
    json_str(out, &format_micros(c.creation_date));
    out.push_str(",\"revisionDate\":");
    json_str(out, &format_micros(c.revision_date));
    out.push_str(",\"deletedDate\":");
    opt_date(out, c.deleted_date);
    out.push_str(",\"archivedDate\":");
    opt_date(out, c.archived_date);
    out.push_str(",\"attachments\":");
    if attachments.is_empty() {
        out.push_str("null");
    } else {
        out.push('[');
        for (i, a) in attachments.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_attachment(out, a, links);
        }
        out.push(']');
    }
    // The stored object is `{…}`; its members join ours.
    let data = c.data.trim();
    let inner = data
        .strip_prefix('{')
        .and_then(|d| d.strip_suffix('}'))
        .unwrap_or("")
        .trim();
    if !inner.is_empty() {
        out.push(',');
        out.push_str(inner);
    }
    out.push('}');
}

/// The item as a `serde_json::Value`, for single-item responses.
#[must_use]
pub fn cipher_value(
    object: &str,
    c: &CipherRow,
    attachments: &[&AttachmentRow],
    links: &AttachmentLinks<'_>,
) -> serde_json::Value {
    let mut s = String::with_capacity(1024);
    write_cipher(&mut s, object, c, attachments, links, None);
    serde_json::from_str(&s).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bulwark_domain::CipherId;

    fn row(data: &str) -> CipherRow {
        CipherRow {
            id: CipherId::new(),
            cipher_type: 2,
            data: data.into(),
            item_key: None,
            reprompt: 0,
            creation_date: 0,
            revision_date: 1_000_000,
            deleted_date: None,
            folder_id: None,
            favorite: 1,
            archived_date: None,
        }
    }

    #[test]
    fn rendered_items_are_valid_json_with_the_stored_fields() {
        let links = AttachmentLinks {
            base_url: "https://h",
            key: b"k",
        };
        let v = cipher_value(
            "cipherDetails",
            &row(r#"{"name":"2.a|b|c","secureNote":{"type":0}}"#),
            &[],
            &links,
        );
        assert_eq!(v["name"], "2.a|b|c");
        assert_eq!(v["secureNote"]["type"], 0);
        assert_eq!(v["favorite"], true);
        assert_eq!(v["revisionDate"], "1970-01-01T00:00:01.000000Z");
        assert!(v["attachments"].is_null());
        assert_eq!(v["object"], "cipherDetails");
    }

    #[test]
    fn strings_are_escaped_only_when_they_need_it() {
        for text in ["2.a|b|c", "quote \" and \\ and \n", "ünïcødé", ""] {
            let mut out = String::new();
            json_str(&mut out, text);
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text);
        }
    }

    #[test]
    fn size_names_use_binary_units() {
        assert_eq!(size_name(10), "10 Bytes");
        assert_eq!(size_name(1536), "1.5 KB");
        assert_eq!(size_name(5 * 1024 * 1024), "5 MB");
    }
}
