//! The routes, read from the router itself: axum has no public listing, but the `Debug` output
//! of a `Router` prints its path router's `Node { paths: {RouteId(N): "/path", ...} }`, with
//! nested and merged routers already flattened into it. The methods of each path are asked of
//! the running server (the method-not-allowed answer lists them in `Allow`).

use bulwark_server::config::Config;

/// The fewest paths, and (method, path) pairs, the router can have before the enumeration is
/// taken to be broken (a changed `Debug` format must fail loudly, not walk nothing). The
/// router had 188 paths and 214 pairs when this was written.
pub const MIN_PATHS: usize = 150;
pub const MIN_PAIRS: usize = 200;

/// A path template and the methods its `MethodRouter` lists in its `Debug` output (the
/// `Allow` value it will send), if that could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteEntry {
    pub path: String,
    pub debug_methods: Option<Vec<String>>,
}

/// Every path template of `bulwark_server::routes::router(config)`, sorted.
pub fn enumerate(config: &Config) -> Vec<RouteEntry> {
    let router = bulwark_server::routes::router(config);
    let debug = format!("{router:?}");
    let entries = parse_debug(&debug);
    let pairs: usize = entries
        .iter()
        .map(|e| {
            e.debug_methods
                .iter()
                .flatten()
                .filter(|m| m.as_str() != "HEAD")
                .count()
        })
        .sum();
    assert!(
        entries.len() >= MIN_PATHS && pairs >= MIN_PAIRS,
        "found only {} paths and {pairs} (method, path) pairs in the router's Debug output; \
         did its format change?\n{}",
        entries.len(),
        &debug[..debug.len().min(2_000)]
    );
    entries
}

/// Reads a `"…"` Debug string starting right after its opening quote; returns it and the rest.
fn quoted(s: &str) -> (String, &str) {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, e)) = chars.next() {
                    out.push(e);
                }
            }
            '"' => return (out, &s[i + 1..]),
            c => out.push(c),
        }
    }
    (out, "")
}

/// `(N, rest)` for every `RouteId(N): ` in `s`, `rest` starting after it.
fn route_ids(s: &str) -> Vec<(u32, &str)> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find("RouteId(") {
        rest = &rest[at + "RouteId(".len()..];
        let Some(close) = rest.find("): ") else {
            break;
        };
        if let Ok(n) = rest[..close].parse() {
            out.push((n, &rest[close + "): ".len()..]));
        }
    }
    out
}

/// The path router's part of a router's `Debug` output: its routes' `allow_header`s and its
/// node's `paths` (the fallback router's internal catch-all paths are left out).
pub fn parse_debug(debug: &str) -> Vec<RouteEntry> {
    let own = debug
        .find("fallback_router")
        .map_or(debug, |end| &debug[..end]);
    let (routes, node) = own.split_at(own.find("node: Node").unwrap_or(0));
    let mut methods = std::collections::HashMap::new();
    for (n, rest) in route_ids(routes) {
        // This route's own fields end where the next route begins.
        let end = rest.find("RouteId(").unwrap_or(rest.len());
        let fields = &rest[..end];
        if let Some(at) = fields.find("allow_header: Bytes(b\"") {
            let (list, _) = quoted(&fields[at + "allow_header: Bytes(b\"".len()..]);
            methods.insert(
                n,
                list.split(',')
                    .map(|m| m.trim().to_owned())
                    .filter(|m| !m.is_empty())
                    .collect::<Vec<_>>(),
            );
        }
    }
    let mut entries: Vec<RouteEntry> = route_ids(node)
        .into_iter()
        .filter_map(|(n, rest)| {
            let rest = rest.strip_prefix('"')?;
            let (path, _) = quoted(rest);
            (path.starts_with('/') && !path.contains("__private__axum")).then(|| RouteEntry {
                path,
                debug_methods: methods.get(&n).cloned(),
            })
        })
        .collect();
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    entries.dedup_by(|a, b| a.path == b.path);
    entries
}

/// One segment of a path template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    Param(String),
}

pub fn segments(path: &str) -> Vec<Segment> {
    path.split('/')
        .skip(1)
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                Segment::Param(s[1..s.len() - 1].trim_start_matches('*').to_owned())
            } else {
                Segment::Literal(s.to_owned())
            }
        })
        .collect()
}

/// What a path parameter names, so it can be filled with the owner's real id of that kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Org,
    Collection,
    Group,
    /// An organization membership (organization user) id.
    Member,
    /// The member's account id.
    MemberUser,
    /// A personal item.
    Item,
    /// An organization item.
    OrgItem,
    /// An attachment of [`Kind::Item`].
    Attachment,
    /// An attachment of [`Kind::OrgItem`].
    OrgAttachment,
    Folder,
    Device,
    DeviceIdentifier,
    Provider,
    ProviderUser,
    /// A provider's client organization link.
    ClientLink,
    Application,
    PolicyType,
    KeyType,
    Month,
    /// A parameter this walk has no real value for: a random UUID stands in.
    Unknown,
}

impl Kind {
    /// Whether a value that is not a UUID can never name one (so the route must answer 404).
    pub fn is_uuid(self) -> bool {
        !matches!(
            self,
            Kind::DeviceIdentifier | Kind::PolicyType | Kind::KeyType | Kind::Month
        )
    }
}

/// The kind of the parameter at `index` of `segs`, from its name, else from the literal
/// segment before it (`/folders/{id}` is a folder).
pub fn param_kind(path: &str, segs: &[Segment], index: usize) -> Kind {
    let Segment::Param(name) = &segs[index] else {
        return Kind::Unknown;
    };
    let literal = |i: usize| match segs.get(i) {
        Some(Segment::Literal(l)) => Some(l.as_str()),
        _ => None,
    };
    let in_provider = path.contains("/providers/{");
    match name.as_str() {
        "org_id" | "organization_id" | "org" => return Kind::Org,
        "provider_id" => return Kind::Provider,
        "member_id" | "organization_user_id" | "org_user_id" => return Kind::Member,
        "user_id" => return Kind::MemberUser,
        "cipher_id" | "item_id" => return Kind::Item,
        "folder_id" => return Kind::Folder,
        "collection_id" => return Kind::Collection,
        "group_id" => return Kind::Group,
        "device_id" => return Kind::Device,
        "identifier" | "device_identifier" => return Kind::DeviceIdentifier,
        "policy_type" => return Kind::PolicyType,
        "key_type" => return Kind::KeyType,
        "month" => return Kind::Month,
        "attachment_id" => {
            let on_org_item = (0..index).any(|i| {
                matches!(segs[i], Segment::Param(_)) && param_kind(path, segs, i) == Kind::OrgItem
            });
            return if on_org_item {
                Kind::OrgAttachment
            } else {
                Kind::Attachment
            };
        }
        _ => {}
    }
    let prev = index.checked_sub(1).and_then(literal);
    match prev {
        Some("ciphers") => {
            // Admin, collection and event routes of an item are about organization items.
            let org_side = segs[index + 1..].iter().any(|s| match s {
                Segment::Literal(l) => {
                    l.contains("admin") || l.starts_with("collections") || l == "events"
                }
                Segment::Param(_) => false,
            });
            if org_side {
                Kind::OrgItem
            } else {
                Kind::Item
            }
        }
        Some("attachments") => Kind::Item,
        Some("folders") => Kind::Folder,
        Some("collections") => Kind::Collection,
        Some("groups") => Kind::Group,
        Some("users") if in_provider => Kind::ProviderUser,
        Some("users") if path.contains("/organizations/{") => Kind::Member,
        Some("users") => Kind::MemberUser,
        Some("user" | "delete-user") => Kind::Member,
        Some("organizations" | "clients") if in_provider => Kind::ClientLink,
        Some("organizations" | "member-access") => Kind::Org,
        Some("devices") => Kind::Device,
        Some("providers") => Kind::Provider,
        Some("provider-applications" | "applications") => Kind::Application,
        _ => Kind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_from_a_debug_dump() {
        let dump = r#"Router { path_router: PathRouter { routes: {RouteId(1): MethodRouter(MethodRouter { get: BoxedHandler, allow_header: Bytes(b"GET,HEAD") }), RouteId(12): MethodRouter(MethodRouter { allow_header: None })}, node: Node { paths: {RouteId(1): "/api/a/{id}", RouteId(12): "/b\"c", RouteId(3): "/api/{*__private__axum_nest_tail_param}"} } }, fallback_router: PathRouter { node: Node { paths: {RouteId(0): "/"} } } }"#;
        let entries = parse_debug(dump);
        let paths: Vec<&str> = entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, vec!["/api/a/{id}", "/b\"c"]);
        assert_eq!(
            entries[0].debug_methods,
            Some(vec!["GET".to_owned(), "HEAD".to_owned()])
        );
        assert_eq!(entries[1].debug_methods, None);
    }

    #[test]
    fn params_are_mapped_to_kinds() {
        let kind = |p: &str, i: usize| param_kind(p, &segments(p), i);
        assert_eq!(kind("/api/folders/{id}", 2), Kind::Folder);
        assert_eq!(kind("/api/ciphers/{id}/delete-admin", 2), Kind::OrgItem);
        assert_eq!(
            kind("/api/ciphers/{id}/attachment/{attachment_id}", 4),
            Kind::Attachment
        );
        assert_eq!(
            kind("/api/ciphers/{id}/attachment/{attachment_id}/admin", 4),
            Kind::OrgAttachment
        );
        assert_eq!(
            kind("/api/providers/{provider_id}/users/{id}", 4),
            Kind::ProviderUser
        );
        assert_eq!(
            kind("/api/organizations/{org_id}/users/{id}", 4),
            Kind::Member
        );
        assert_eq!(kind("/api/users/{id}/public-key", 2), Kind::MemberUser);
        assert_eq!(
            kind("/api/providers/{provider_id}/organizations/{id}", 4),
            Kind::ClientLink
        );
        assert_eq!(kind("/admin/providers/{id}", 2), Kind::Provider);
    }
}
