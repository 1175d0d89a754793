//! Monthly statements built from daily seat snapshots: the list with estimated totals, one
//! month as CSV (columns, proration when seats change mid-month, the spreadsheet-formula
//! guard on client names), and who may read them (Provider Admins of that provider only).

use crate::member_support::World;
use crate::provider_support::{client, provider, staff, store, Provider};
use crate::with_world;
use bulwark_domain::authz::ProviderUserType;
use bulwark_store::provider_snapshots;
use serde_json::json;

/// Records the snapshot of every provider's clients for each `YYYYMMDD` day in `days`.
async fn snapshot(w: &World, days: impl IntoIterator<Item = i64>) {
    let store = store(&w.app).await;
    let mut conn = store.conn().await.unwrap();
    for day in days {
        provider_snapshots::record_day(&mut conn, day)
            .await
            .unwrap();
    }
    drop(conn);
    store.close().await;
}

async fn reseat(p: &Provider, link: &str, name: &str, seats: i64) {
    let r = p
        .admin
        .put(
            &format!("/api/providers/{}/clients/{link}", p.id),
            json!({"assignedSeats": seats, "name": name}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

with_world!(
    statements_prorate_seats_per_day_at_the_configured_prices,
    |w: World| async move {
        let p = provider(&w.app, "Statement MSP").await;
        let other = provider(&w.app, "Other MSP").await;
        let tech = staff(&w.app, &p, "tech", ProviderUserType::ServiceUser).await;
        let c = client(&w, &p, &p.admin, "Acme", "acme-owner@example.com").await;
        client(&w, &other, &other.admin, "Theirs", "theirs@example.com").await;
        let base = format!("/api/providers/{}/billing/invoices", p.id);

        // Nothing recorded yet: an empty list, and no statement for any month.
        let r = p.admin.get(&base).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["invoices"], json!([]));

        // September 2026 (30 days): 10 Teams seats for 15 days, then 20 under a name that a
        // spreadsheet would run as a formula. October: 20 seats on all 31 days.
        reseat(&p, &c.link, "Acme", 10).await;
        snapshot(&w, 20_260_901..=20_260_915).await;
        reseat(&p, &c.link, "=HYPERLINK(\"x\")", 20).await;
        snapshot(&w, (20_260_916..=20_260_930).chain(20_261_001..=20_261_031)).await;

        let r = p.admin.get(&base).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let list = r.json["invoices"].as_array().unwrap();
        let summary: Vec<_> = list
            .iter()
            .map(|i| (i["id"].clone(), i["total"].clone(), i["status"].clone()))
            .collect();
        // (15 x 10 + 15 x 20) seat-days x $4 / 30 days = $60; 31 x 20 x $4 / 31 = $80.
        assert_eq!(
            summary,
            vec![
                (json!("2026-10"), json!(80.0), json!("closed")),
                (json!("2026-09"), json!(60.0), json!("closed")),
            ]
        );
        assert_eq!(list[0]["number"], "STATEMENT-2026-10");
        assert!(list[0]["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("{base}/2026-10")));

        let r = p.admin.get(&format!("{base}/2026-09")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let header = |name: &str| {
            r.headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert!(header("content-type").starts_with("text/csv"));
        assert!(header("content-disposition").contains("bulwark-statement-2026-09.csv"));
        let mut rows = csv::Reader::from_reader(r.text.as_bytes());
        assert_eq!(
            rows.headers().unwrap().iter().collect::<Vec<_>>(),
            [
                "Client",
                "Id",
                "Assigned",
                "Used",
                "Remaining",
                "Plan",
                "Estimated total"
            ]
        );
        let lines: Vec<Vec<String>> = rows
            .records()
            .map(|l| l.unwrap().iter().map(str::to_owned).collect())
            .collect();
        // The month's last day names the line; the invited owner uses one seat.
        assert_eq!(
            lines,
            vec![vec![
                "'=HYPERLINK(\"x\")".to_owned(),
                c.org_id.clone(),
                "20".into(),
                "1".into(),
                "19".into(),
                "Teams (Monthly)".into(),
                "60.00".into(),
            ]]
        );

        // Months without snapshots and malformed ids are not found.
        for month in ["2026-08", "2026-13", "2026-9", "september", "2026-09-01"] {
            let r = p.admin.get(&format!("{base}/{month}")).await;
            assert_eq!(r.status, 404, "{month}: {}", r.text);
        }

        // Only this provider's admins: not its Service User, not another provider's admin
        // (whose own statement lists only its own client).
        for path in [base.clone(), format!("{base}/2026-09")] {
            assert_eq!(
                w.app
                    .client
                    .request(bulwark_client::Method::GET, &path, None, None)
                    .await
                    .status,
                401
            );
            assert_eq!(tech.session.get(&path).await.status, 404, "{path}");
            assert_eq!(other.admin.get(&path).await.status, 404, "{path}");
        }
        let theirs = other
            .admin
            .get(&format!(
                "/api/providers/{}/billing/invoices/2026-09",
                other.id
            ))
            .await;
        assert_eq!(theirs.status, 200, "{}", theirs.text);
        assert!(theirs.text.contains("Theirs") && !theirs.text.contains(&c.org_id));
    }
);
