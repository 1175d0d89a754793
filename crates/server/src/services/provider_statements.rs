//! Providers' monthly statements (spec providers.md §2.5 invoices, without a payment
//! processor): the list of months with an estimated total, and one month as CSV with a line
//! per client. Built from the daily seat snapshots at the configured seat prices.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use bulwark_domain::provider_statement::{
    csv_cells, dollar_amount, month_total, snapshot_day, statement_lines, StatementMonth,
    CSV_HEADER,
};
use bulwark_domain::ProviderId;
use bulwark_store::provider_snapshots;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The statements of `provider`, newest first, in the shape of upstream's invoice list. The
/// month in progress is `open`; earlier months are `closed` (Bulwark collects no payment, so
/// none is ever `paid`).
///
/// # Errors
/// Database failures.
pub async fn list(state: &AppState, provider: ProviderId) -> ApiResult<Vec<Value>> {
    let mut conn = state.store.conn().await?;
    let sums = provider_snapshots::seat_days_by_month(&mut conn, provider).await?;
    let mut months: BTreeMap<StatementMonth, Vec<(i64, i64)>> = BTreeMap::new();
    for (yyyymm, plan, seat_days) in sums {
        if let Some(month) = StatementMonth::of_day(yyyymm * 100 + 1) {
            months.entry(month).or_default().push((plan, seat_days));
        }
    }
    let this_month = StatementMonth::of_day(snapshot_day(chrono::Utc::now()));
    Ok(months
        .into_iter()
        .rev()
        .map(|(month, sums)| {
            let total = month_total(month, &sums, &state.config.seat_prices);
            let open = Some(month) == this_month;
            json!({
                "id": month.to_string(),
                "date": month.start(),
                "number": format!("STATEMENT-{month}"),
                "total": dollar_amount(total),
                "status": if open { "open" } else { "closed" },
                "dueDate": (!open).then(|| month.end()),
                "url": format!(
                    "{}/api/providers/{provider}/billing/invoices/{month}",
                    state.config.public_url
                ),
            })
        })
        .collect())
}

/// The statement `id` (`YYYY-MM`) of `provider` as CSV.
///
/// # Errors
/// 404 for a malformed id or a month without snapshots; database failures.
pub async fn csv(state: &AppState, provider: ProviderId, id: &str) -> ApiResult<String> {
    let month = StatementMonth::parse(id).map_err(|_| ApiError::NotFound)?;
    let (first, last) = month.day_range();
    let mut conn = state.store.conn().await?;
    let days = provider_snapshots::days(&mut conn, provider, first, last).await?;
    if days.is_empty() {
        return Err(ApiError::NotFound);
    }
    let mut out = csv::Writer::from_writer(Vec::new());
    let write = |out: &mut csv::Writer<Vec<u8>>, cells: &[&str]| {
        out.write_record(cells)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("statement CSV: {e}")))
    };
    write(&mut out, &CSV_HEADER)?;
    for line in statement_lines(month, &days, &state.config.seat_prices) {
        let cells = csv_cells(&line);
        write(&mut out, &cells.each_ref().map(String::as_str))?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("statement CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| ApiError::Internal(e.into()))
}
