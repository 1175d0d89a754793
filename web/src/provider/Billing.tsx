// Billing: the seat minimum, assigned and purchased seats and the estimated cost of each plan,
// and the monthly statements with their CSV.

import { useState } from "preact/hooks";
import { Button, ErrorMessage, Progress } from "../app/ui";
import { useLoad } from "../app/useLoad";
import { type Statement, type Subscription, providerApi } from "./api";
import { downloadText } from "../app/download";
import type { ProviderAreaProps } from "./ProviderPortal";

const money = (n: number) => n.toLocaleString(undefined, { style: "currency", currency: "USD" });

export function Billing(p: ProviderAreaProps) {
  const loaded = useLoad(
    () => Promise.all([providerApi.subscription(p.id), providerApi.statements(p.id)]),
    [p.id],
  );
  const subscription: Subscription | null = loaded.data?.[0] ?? null;
  const statements: Statement[] | null = loaded.data?.[1] ?? null;
  const [actionError, setError] = useState<unknown>(null);
  const error = actionError ?? loaded.error;
  const [busy, setBusy] = useState<string | null>(null);

  const download = async (s: Statement) => {
    setBusy(s.id);
    setError(null);
    try {
      downloadText(`bulwark-statement-${s.id}.csv`, await providerApi.statementCsv(p.id, s.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="billing-heading">
      <h2 id="billing-heading">Billing</h2>
      <ErrorMessage error={error} />
      {subscription === null && error === null ? <Progress text="Loading billing…" /> : null}
      {subscription ? (
        <div class="table-wrap">
          <table>
            <caption>Seats per plan</caption>
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Seat minimum</th>
                <th scope="col">Assigned</th>
                <th scope="col">Above the minimum</th>
                <th scope="col">Estimated cost</th>
              </tr>
            </thead>
            <tbody>
              {subscription.plans.map((plan) => (
                <tr key={plan.type}>
                  <th scope="row">{plan.planName}</th>
                  <td>{plan.seatMinimum}</td>
                  <td>{plan.assignedSeats}</td>
                  <td>{plan.purchasedSeats}</td>
                  <td>
                    {money(plan.cost)} / {plan.cadence === "Annual" ? "year" : "month"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {statements ? (
        <div class="table-wrap">
          <table>
            <caption>Monthly statements</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Total</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Download</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {statements.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.id}</th>
                  <td>{money(s.total)}</td>
                  <td>{s.status === "open" ? "This month so far" : "Closed"}</td>
                  <td>
                    <Button
                      kind="secondary"
                      busy={busy === s.id}
                      aria-label={`Download the statement of ${s.id} as CSV`}
                      onClick={() => void download(s)}
                    >
                      Download CSV
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {statements.length === 0 ? <p>No statement yet.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
