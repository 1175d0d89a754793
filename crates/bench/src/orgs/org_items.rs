//! Organization items: the same login items as a personal vault, encrypted under the org key,
//! wrapped in the `POST /api/ciphers/create` body with the item's collection.

use crate::items::login_items;
use bulwark_client::SymmetricKey;
use serde_json::{json, Value};

/// `count` create bodies for one organization, item `i` in `collections[i % len]` so the
/// collections fill evenly. `first` numbers the items so no two orgs share plaintexts.
pub fn create_bodies(
    org_id: &str,
    org_key: &SymmetricKey,
    owner_id: &str,
    collections: &[String],
    first: usize,
    count: usize,
) -> anyhow::Result<Vec<Vec<u8>>> {
    anyhow::ensure!(!collections.is_empty(), "org items need a collection");
    login_items(org_key, owner_id, first, count)
        .into_iter()
        .enumerate()
        .map(|(i, mut cipher)| {
            cipher["organizationId"] = Value::String(org_id.to_owned());
            let body = json!({
                "cipher": cipher,
                "collectionIds": [collections[i % collections.len()]],
            });
            Ok(serde_json::to_vec(&body)?)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_spread_over_collections_under_the_org_key() {
        let key = SymmetricKey::random();
        let cols = vec!["c0".to_owned(), "c1".to_owned()];
        let bodies = create_bodies("org", &key, "owner", &cols, 10, 3).unwrap();
        let parsed: Vec<Value> = bodies
            .iter()
            .map(|b| serde_json::from_slice(b).unwrap())
            .collect();
        let cols_of: Vec<&str> = parsed
            .iter()
            .map(|b| b["collectionIds"][0].as_str().unwrap())
            .collect();
        assert_eq!(cols_of, ["c0", "c1", "c0"]);
        assert_eq!(parsed[0]["cipher"]["organizationId"], "org");
        let name = parsed[0]["cipher"]["name"].as_str().unwrap();
        assert_eq!(key.decrypt_str(name).unwrap(), "Service 00010");
    }
}
