//! Realistic vault items: login ciphers the way a client encrypts them, so request and sync
//! sizes match a real vault (every field an EncString with IV and MAC).

use bulwark_client::{ciphers, SymmetricKey};
use serde_json::Value;

/// `count` login items numbered from `first`, each with a name, username, password, one URI
/// and a short note. Distinct per index so no layer can benefit from repeated values.
pub fn login_items(key: &SymmetricKey, user_id: &str, first: usize, count: usize) -> Vec<Value> {
    (first..first + count)
        .map(|i| {
            let site = format!("service-{i:05}.example.com");
            let mut item = ciphers::login_cipher(
                key,
                user_id,
                &format!("Service {i:05}"),
                &format!("user.{i:05}@mail.example.org"),
                &password(i),
                &format!("https://{site}/login"),
            );
            item["notes"] = Value::String(key.encrypt_str(&format!(
                "Account {i} for {site}. Security questions: first pet, home town. \
                 Recovery codes are kept offline."
            )));
            item
        })
        .collect()
}

/// A 20-character generator-style password; deterministic, as the content does not matter once
/// encrypted (the IV is random per encryption anyway).
fn password(i: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%^&*";
    let mut state = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..20)
        .map(|_| {
            // xorshift64: cheap and good enough for varied characters.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(ALPHABET[(state % ALPHABET.len() as u64) as usize])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_decrypt_and_differ() {
        let key = SymmetricKey::random();
        let items = login_items(&key, "uid", 7, 2);
        assert_eq!(items.len(), 2);
        let name = key.decrypt_str(items[0]["name"].as_str().unwrap()).unwrap();
        assert_eq!(name, "Service 00007");
        let notes = key
            .decrypt_str(items[1]["notes"].as_str().unwrap())
            .unwrap();
        assert!(notes.contains("service-00008.example.com"));
        assert_ne!(password(1), password(2));
        assert_eq!(password(3).chars().count(), 20);
    }
}
