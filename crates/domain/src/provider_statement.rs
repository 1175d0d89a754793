//! A provider's monthly statement, built from daily seat snapshots. Bulwark charges nobody: a
//! statement estimates what the provider owes for the seats it assigned to its clients, so it
//! can bill them itself.
//!
//! Each day a client appears in the snapshots costs `assigned seats x monthly seat price /
//! days in the month` (so a client added mid-month or resized is prorated by day). Days on
//! which no snapshot was taken (the server was off all day) are not counted: the statement
//! never guesses.

use crate::plan::{Plan, PlanType};
use std::collections::BTreeMap;
use std::fmt;

/// The configured seat prices in US cents, per seat per billing period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeatPrices {
    pub teams_monthly: i64,
    pub enterprise_monthly: i64,
    /// Per seat per year.
    pub enterprise_annually: i64,
}

impl Default for SeatPrices {
    /// The provider-portal prices of the spec: Teams 4 USD monthly; Enterprise 6 USD monthly,
    /// 72 USD yearly.
    fn default() -> Self {
        Self {
            teams_monthly: 400,
            enterprise_monthly: 600,
            enterprise_annually: 7_200,
        }
    }
}

impl SeatPrices {
    /// Prices as configured, in USD (`None` keeps the default of that plan). Each must be a
    /// number from 0 to 1,000,000.
    ///
    /// # Errors
    /// The name of the first price out of range.
    pub fn from_usd(
        teams_monthly: Option<f64>,
        enterprise_monthly: Option<f64>,
        enterprise_annually: Option<f64>,
    ) -> Result<Self, &'static str> {
        let defaults = Self::default();
        let cents = |name: &'static str, usd: Option<f64>, default: i64| match usd {
            None => Ok(default),
            Some(usd) if usd.is_finite() && (0.0..=1_000_000.0).contains(&usd) => {
                #[allow(clippy::cast_possible_truncation)] // at most 10^8 cents
                Ok((usd * 100.0).round() as i64)
            }
            Some(_) => Err(name),
        };
        Ok(Self {
            teams_monthly: cents("teams_monthly", teams_monthly, defaults.teams_monthly)?,
            enterprise_monthly: cents(
                "enterprise_monthly",
                enterprise_monthly,
                defaults.enterprise_monthly,
            )?,
            enterprise_annually: cents(
                "enterprise_annually",
                enterprise_annually,
                defaults.enterprise_annually,
            )?,
        })
    }

    /// The price of one seat on `plan` for one billing period (a year for annual plans), in
    /// cents. Plans a provider cannot manage fall back to the plan's own list price.
    #[must_use]
    pub fn period_cents(&self, plan: PlanType) -> i64 {
        match plan {
            PlanType::TeamsMonthly => self.teams_monthly,
            PlanType::EnterpriseMonthly => self.enterprise_monthly,
            PlanType::EnterpriseAnnually => self.enterprise_annually,
            other => Plan::find(other).map_or(0, |p| p.seat_price * 100),
        }
    }

    /// The price of one seat on `plan` for one month, in cents (a twelfth of an annual price).
    #[must_use]
    pub fn monthly_cents(&self, plan: PlanType) -> i64 {
        let is_annual = Plan::find(plan).is_some_and(|p| p.is_annual);
        let period = self.period_cents(plan);
        if is_annual {
            period / 12
        } else {
            period
        }
    }
}

/// A calendar month (UTC); statement ids are its `YYYY-MM` form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatementMonth {
    year: i32,
    month: u32,
}

impl StatementMonth {
    /// # Errors
    /// A month outside 1..=12 or a year outside 2000..=9999.
    pub fn new(year: i32, month: u32) -> Result<Self, &'static str> {
        if !(1..=12).contains(&month) || !(2000..=9999).contains(&year) {
            return Err("Invoice not found.");
        }
        Ok(Self { year, month })
    }

    /// The month of a snapshot day written as `YYYYMMDD`.
    #[must_use]
    pub fn of_day(day: i64) -> Option<Self> {
        let year = i32::try_from(day / 10_000).ok()?;
        let month = u32::try_from(day / 100 % 100).ok()?;
        Self::new(year, month).ok()
    }

    /// Parses a statement id (`2026-11`).
    ///
    /// # Errors
    /// Anything else.
    pub fn parse(id: &str) -> Result<Self, &'static str> {
        let bad = "Invoice not found.";
        let (y, m) = id.split_once('-').ok_or(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad);
        }
        Self::new(y.parse().map_err(|_| bad)?, m.parse().map_err(|_| bad)?)
    }

    /// The first and the last snapshot day (`YYYYMMDD`) of the month.
    #[must_use]
    pub fn day_range(&self) -> (i64, i64) {
        let base = i64::from(self.year) * 10_000 + i64::from(self.month) * 100;
        (base + 1, base + i64::from(self.days()))
    }

    #[must_use]
    pub fn days(&self) -> u32 {
        let (next_year, next_month) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        chrono::NaiveDate::from_ymd_opt(next_year, next_month, 1)
            .and_then(|d| d.pred_opt())
            .map_or(28, |d| chrono::Datelike::day(&d))
    }

    /// The first instant of the month.
    #[must_use]
    pub fn start(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc())
            .unwrap_or_default()
    }

    /// The first instant after the month.
    #[must_use]
    pub fn end(&self) -> chrono::DateTime<chrono::Utc> {
        self.start() + chrono::Duration::days(i64::from(self.days()))
    }
}

impl fmt::Display for StatementMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A snapshot day as `YYYYMMDD`, the form the snapshots table keys on.
#[must_use]
pub fn snapshot_day(at: chrono::DateTime<chrono::Utc>) -> i64 {
    use chrono::Datelike;
    i64::from(at.year()) * 10_000 + i64::from(at.month()) * 100 + i64::from(at.day())
}

/// One client on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientDay {
    pub day: i64,
    pub org_id: String,
    pub org_name: String,
    pub plan_type: i64,
    pub assigned: i64,
    pub used: i64,
}

/// One client's line of a statement: name, plan and seats as on the client's last day in the
/// month, the total over all of its days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementLine {
    pub org_id: String,
    pub client: String,
    pub plan_type: i64,
    pub assigned: i64,
    pub used: i64,
    pub total_cents: i64,
}

impl StatementLine {
    /// Seats assigned and not taken (never below zero: an owner may invite past a lowered
    /// assignment).
    #[must_use]
    pub fn remaining(&self) -> i64 {
        (self.assigned - self.used).max(0)
    }
}

fn plan_of(number: i64) -> Option<PlanType> {
    PlanType::try_from(number).ok()
}

/// Sums cents x seat-days and divides by the month's days once, rounding half up, so many
/// small daily amounts do not each lose a fraction of a cent.
fn prorated(seat_day_cents: i64, days: u32) -> i64 {
    let days = i64::from(days.max(1));
    (seat_day_cents + days / 2) / days
}

/// The statement lines of `month` from its snapshot rows (any order), by client name.
#[must_use]
pub fn statement_lines(
    month: StatementMonth,
    rows: &[ClientDay],
    prices: &SeatPrices,
) -> Vec<StatementLine> {
    struct Acc<'a> {
        last: &'a ClientDay,
        seat_day_cents: i64,
    }
    let mut by_org: BTreeMap<&str, Acc<'_>> = BTreeMap::new();
    for row in rows {
        let cents = plan_of(row.plan_type).map_or(0, |p| prices.monthly_cents(p));
        let acc = by_org.entry(&row.org_id).or_insert(Acc {
            last: row,
            seat_day_cents: 0,
        });
        acc.seat_day_cents += row.assigned.max(0) * cents;
        if row.day > acc.last.day {
            acc.last = row;
        }
    }
    let mut lines: Vec<StatementLine> = by_org
        .into_values()
        .map(|acc| StatementLine {
            org_id: acc.last.org_id.clone(),
            client: acc.last.org_name.clone(),
            plan_type: acc.last.plan_type,
            assigned: acc.last.assigned,
            used: acc.last.used,
            total_cents: prorated(acc.seat_day_cents, month.days()),
        })
        .collect();
    lines.sort_by(|a, b| a.client.cmp(&b.client).then(a.org_id.cmp(&b.org_id)));
    lines
}

/// A month's total from seat-days per plan (`SUM(assigned)` over the month's rows, grouped by
/// plan), without reading every row. Equal to the sum of the lines' totals up to rounding.
#[must_use]
pub fn month_total(month: StatementMonth, seat_days: &[(i64, i64)], prices: &SeatPrices) -> i64 {
    let cents: i64 = seat_days
        .iter()
        .map(|(plan, days)| plan_of(*plan).map_or(0, |p| prices.monthly_cents(p)) * days)
        .sum();
    prorated(cents, month.days())
}

/// Cents as a JSON amount in dollars (`1234` -> `12.34`), as the portal reads totals and costs.
#[must_use]
#[allow(clippy::cast_precision_loss)] // amounts far below 2^53 cents
pub fn dollar_amount(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// Cents as `12.34`.
#[must_use]
pub fn dollars(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a
/// leading apostrophe: client names are chosen by client owners, and the statement is opened
/// by the provider.
#[must_use]
pub fn spreadsheet_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The statement's CSV header, as the upstream invoice report names its columns.
pub const CSV_HEADER: [&str; 7] = [
    "Client",
    "Id",
    "Assigned",
    "Used",
    "Remaining",
    "Plan",
    "Estimated total",
];

/// A line as CSV cells in [`CSV_HEADER`] order.
#[must_use]
pub fn csv_cells(line: &StatementLine) -> [String; 7] {
    let plan = plan_of(line.plan_type)
        .and_then(Plan::find)
        .map_or("Unknown", |p| p.name);
    [
        spreadsheet_safe(&line.client),
        line.org_id.clone(),
        line.assigned.to_string(),
        line.used.to_string(),
        line.remaining().to_string(),
        plan.to_owned(),
        dollars(line.total_cents),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_prices_become_cents_and_absurd_ones_are_refused() {
        assert_eq!(
            SeatPrices::from_usd(None, None, None),
            Ok(SeatPrices::default())
        );
        let p = SeatPrices::from_usd(Some(3.5), None, Some(60.0)).unwrap();
        assert_eq!(
            (p.teams_monthly, p.enterprise_monthly, p.enterprise_annually),
            (350, 600, 6_000)
        );
        for bad in [-1.0, f64::NAN, f64::INFINITY, 2e6] {
            assert_eq!(
                SeatPrices::from_usd(None, Some(bad), None),
                Err("enterprise_monthly")
            );
        }
    }

    fn day(day: i64, org: &str, plan: PlanType, assigned: i64, used: i64) -> ClientDay {
        ClientDay {
            day,
            org_id: org.into(),
            org_name: format!("{org} name"),
            plan_type: plan.number(),
            assigned,
            used,
        }
    }

    #[test]
    fn months_parse_format_and_know_their_days() {
        let nov = StatementMonth::parse("2026-11").unwrap();
        assert_eq!(nov.to_string(), "2026-11");
        assert_eq!(nov.days(), 30);
        assert_eq!(nov.day_range(), (20_261_101, 20_261_130));
        assert_eq!(StatementMonth::parse("2028-02").unwrap().days(), 29);
        assert_eq!(StatementMonth::parse("2026-12").unwrap().days(), 31);
        for bad in [
            "2026-13",
            "2026-00",
            "26-11",
            "2026-1",
            "x",
            "",
            "2026-11-01",
        ] {
            assert!(StatementMonth::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(StatementMonth::of_day(20_261_122), Some(nov));
        assert_eq!(
            snapshot_day(
                chrono::DateTime::parse_from_rfc3339("2026-11-22T23:59:59Z")
                    .unwrap()
                    .into()
            ),
            20_261_122
        );
        assert_eq!(nov.end(), StatementMonth::parse("2026-12").unwrap().start());
    }

    #[test]
    fn a_full_month_costs_the_monthly_price_and_annual_plans_a_twelfth() {
        let nov = StatementMonth::parse("2026-11").unwrap();
        let prices = SeatPrices::default();
        let rows: Vec<ClientDay> = (1..=30)
            .flat_map(|d| {
                [
                    day(20_261_100 + d, "a", PlanType::TeamsMonthly, 10, 3),
                    day(20_261_100 + d, "b", PlanType::EnterpriseAnnually, 5, 5),
                ]
            })
            .collect();
        let lines = statement_lines(nov, &rows, &prices);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].total_cents, 10 * 400);
        assert_eq!(lines[0].remaining(), 7);
        assert_eq!(lines[1].total_cents, 5 * 600);
        assert_eq!(
            month_total(
                nov,
                &[
                    (PlanType::TeamsMonthly.number(), 300),
                    (PlanType::EnterpriseAnnually.number(), 150)
                ],
                &prices
            ),
            7_000
        );
    }

    #[test]
    fn days_are_prorated_and_the_last_day_names_the_line() {
        let nov = StatementMonth::parse("2026-11").unwrap();
        let mut rows = vec![
            day(20_261_110, "a", PlanType::TeamsMonthly, 10, 2),
            day(20_261_111, "a", PlanType::TeamsMonthly, 20, 4),
        ];
        rows[1].org_name = "Renamed".into();
        // Out of order on purpose: the latest day wins whatever the row order.
        rows.reverse();
        let lines = statement_lines(nov, &rows, &SeatPrices::default());
        assert_eq!(lines[0].client, "Renamed");
        assert_eq!((lines[0].assigned, lines[0].used), (20, 4));
        // (10 + 20) seat-days x 400 cents / 30 days.
        assert_eq!(lines[0].total_cents, 400);
        // Rounding happens once: 1 seat for 1 day of 400/30 is 13.33 -> 13.
        let one = statement_lines(
            nov,
            &[day(20_261_101, "x", PlanType::TeamsMonthly, 1, 0)],
            &SeatPrices::default(),
        );
        assert_eq!(one[0].total_cents, 13);
    }

    #[test]
    fn csv_cells_are_safe_for_spreadsheets() {
        let line = StatementLine {
            org_id: "id".into(),
            client: "=HYPERLINK(\"x\")".into(),
            plan_type: PlanType::EnterpriseMonthly.number(),
            assigned: 3,
            used: 5,
            total_cents: 1_234,
        };
        let cells = csv_cells(&line);
        assert_eq!(cells[0], "'=HYPERLINK(\"x\")");
        assert_eq!(cells[4], "0");
        assert_eq!(cells[5], "Enterprise (Monthly)");
        assert_eq!(cells[6], "12.34");
        assert_eq!(dollars(5), "0.05");
        assert!((dollar_amount(1_234) - 12.34).abs() < f64::EPSILON);
        assert!((dollar_amount(-5) + 0.05).abs() < f64::EPSILON);
        assert_eq!(spreadsheet_safe("Acme"), "Acme");
    }

    #[test]
    fn configured_prices_apply() {
        let prices = SeatPrices {
            teams_monthly: 100,
            enterprise_monthly: 200,
            enterprise_annually: 1_200,
        };
        assert_eq!(prices.monthly_cents(PlanType::TeamsMonthly), 100);
        assert_eq!(prices.monthly_cents(PlanType::EnterpriseAnnually), 100);
        assert_eq!(prices.period_cents(PlanType::EnterpriseAnnually), 1_200);
    }
}
