use crate::both_databases;
use crate::helpers::TestApp;

both_databases!(
    a_registered_user_logs_in_and_syncs_an_empty_vault,
    |app: TestApp| async move {
        let (secrets, session) = app.user("alice").await;
        let sync = session.get("/api/sync?excludeDomains=true").await;
        assert_eq!(sync.status, 200, "{}", sync.text);
        assert_eq!(sync.json["object"], "sync");
        assert_eq!(sync.json["profile"]["email"], secrets.email.to_lowercase());
        assert_eq!(sync.json["ciphers"], serde_json::json!([]));
        assert_eq!(sync.json["folders"], serde_json::json!([]));
        assert!(sync.json["domains"].is_null());
        assert_eq!(
            sync.json["userDecryption"]["masterPasswordUnlock"]["salt"],
            secrets.email.to_lowercase()
        );
    }
);
