// Actions on the selected members at once: re-invite, confirm, revoke, restore, remove. The
// server answers each bulk request with one outcome per member (its refusal sentence, or
// nothing when done), shown per member afterwards. A fingerprint cannot be compared with each
// person in one click, so a bulk confirmation first lists every selected member's fingerprint
// phrase (as Bitwarden's web vault does) and confirms only those who have accepted.

import { useState } from "preact/hooks";
import { type PendingConfirmation, pendingConfirmation } from "../app/people";
import { Button, ErrorMessage } from "../app/ui";
import { type SymmetricKey, wrapSymmetricKeyForPublicKey } from "../crypto";
import { MEMBER_STATUS, type MemberRow, orgApi } from "./api";
import { memberName } from "./memberFilter";
import { type BulkOutcome, membersApi } from "./membersApi";

type BulkAction = "reinvite" | "confirm" | "revoke" | "restore" | "remove";

const DONE: Record<BulkAction, { title: string; done: string }> = {
  reinvite: { title: "Re-invite", done: "invitation sent" },
  confirm: { title: "Confirm", done: "confirmed" },
  revoke: { title: "Revoke", done: "revoked" },
  restore: { title: "Restore", done: "restored" },
  remove: { title: "Remove", done: "removed" },
};

interface Report {
  action: BulkAction;
  rows: { id: string; name: string; error: string }[];
}

interface PendingBulkConfirm {
  ready: PendingConfirmation<MemberRow>[];
  /** Selected members who cannot be confirmed (not accepted, or without a key yet). */
  skipped: MemberRow[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function MemberBulk(p: {
  orgId: string;
  orgKey: SymmetricKey;
  selected: readonly MemberRow[];
  onClear: () => void;
  /** After a request that may have changed members: reload the list. */
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState<BulkAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [confirming, setConfirming] = useState<PendingBulkConfirm | null>(null);
  const [removing, setRemoving] = useState(false);
  const count = p.selected.length;

  const run = async (action: BulkAction, work: () => Promise<void>) => {
    setBusy(action);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  /** Sends `ids`, then shows each member's outcome by name. */
  const apply = (action: BulkAction, members: readonly MemberRow[], send: () => Promise<BulkOutcome[]>) =>
    run(action, async () => {
      setReport(null);
      const outcomes = await send();
      const byId = new Map(outcomes.map((o) => [o.id, o.error]));
      setReport({
        action,
        rows: members.map((m) => ({
          id: m.id,
          name: memberName(m),
          error: byId.get(m.id) ?? "Not a member of this organization.",
        })),
      });
      setConfirming(null);
      setRemoving(false);
      p.onClear();
      p.onChanged();
    });

  const ids = (members: readonly MemberRow[]) => members.map((m) => m.id);

  const startConfirm = () =>
    run("confirm", async () => {
      setReport(null);
      const accepted = p.selected.filter((m) => m.status === MEMBER_STATUS.Accepted);
      const keys = accepted.length > 0 ? await orgApi.publicKeys(p.orgId, ids(accepted)) : [];
      const keyOf = new Map(keys.map((k) => [k.id, k]));
      const ready: PendingConfirmation<MemberRow>[] = [];
      const skipped: MemberRow[] = [];
      for (const m of p.selected) {
        const row = keyOf.get(m.id);
        if (m.status === MEMBER_STATUS.Accepted && row) {
          ready.push(await pendingConfirmation(m, memberName(m), row));
        } else {
          skipped.push(m);
        }
      }
      if (ready.length === 0) {
        throw new Error("None of the selected members can be confirmed: only members who accepted their invitation can.");
      }
      setRemoving(false);
      setConfirming({ ready, skipped });
    });

  const finishConfirm = (pending: PendingBulkConfirm) =>
    apply(
      "confirm",
      pending.ready.map((r) => r.who),
      async () => {
        const keys = await Promise.all(
          pending.ready.map(async (r) => ({
            id: r.who.id,
            key: await wrapSymmetricKeyForPublicKey(r.publicKey, p.orgKey),
          })),
        );
        return membersApi.confirm(p.orgId, keys);
      },
    );

  const selected = p.selected;
  return (
    <div class="bulk">
      {count > 0 ? (
        <div class="bulk-bar" role="group" aria-label="Selected members">
          <span class="bulk-count">{plural(count, "member", "members")} selected</span>
          <Button
            kind="secondary"
            busy={busy === "reinvite"}
            onClick={() => void apply("reinvite", selected, () => membersApi.reinvite(p.orgId, ids(selected)))}
          >
            Re-invite selected
          </Button>
          <Button busy={busy === "confirm"} onClick={() => void startConfirm()}>
            Confirm selected
          </Button>
          <Button
            kind="secondary"
            busy={busy === "revoke"}
            onClick={() => void apply("revoke", selected, () => membersApi.revoke(p.orgId, ids(selected)))}
          >
            Revoke selected
          </Button>
          <Button
            kind="secondary"
            busy={busy === "restore"}
            onClick={() => void apply("restore", selected, () => membersApi.restore(p.orgId, ids(selected)))}
          >
            Restore selected
          </Button>
          <Button
            kind="danger"
            onClick={() => {
              setConfirming(null);
              setRemoving(true);
            }}
          >
            Remove selected
          </Button>
          <Button kind="link" onClick={p.onClear}>
            Clear selection
          </Button>
        </div>
      ) : null}
      <ErrorMessage error={error} />
      {confirming ? (
        <BulkConfirmPanel
          pending={confirming}
          busy={busy === "confirm"}
          onConfirm={() => void finishConfirm(confirming)}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
      {removing && count > 0 ? (
        <div class="panel confirm" role="alertdialog" aria-labelledby="bulk-remove-title">
          <h3 id="bulk-remove-title">Remove {plural(count, "member", "members")}?</h3>
          <p>
            They lose access to the organization's items at once: {selected.map(memberName).join(", ")}.
            Revoking keeps their place instead.
          </p>
          <div class="actions">
            <Button
              kind="danger"
              busy={busy === "remove"}
              onClick={() => void apply("remove", selected, () => membersApi.remove(p.orgId, ids(selected)))}
            >
              Remove selected members
            </Button>
            <Button kind="secondary" onClick={() => setRemoving(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {report ? <BulkReport report={report} onClose={() => setReport(null)} /> : null}
    </div>
  );
}

function BulkConfirmPanel(p: {
  pending: PendingBulkConfirm;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const n = p.pending.ready.length;
  return (
    <div class="panel confirm" role="alertdialog" aria-labelledby="bulk-confirm-title">
      <h3 id="bulk-confirm-title">Confirm {plural(n, "member", "members")}</h3>
      <p>
        Ask each of them to read their fingerprint phrase to you, over the phone or in person.
        Confirm only if every phrase below matches what they read: confirming gives them the
        organization's key.
      </p>
      <div class="table-wrap">
        <table>
          <caption>Fingerprint phrases</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Fingerprint phrase</th>
            </tr>
          </thead>
          <tbody>
            {p.pending.ready.map((r) => (
              <tr key={r.who.id}>
                <th scope="row">{r.name}</th>
                <td class="fingerprint">{r.phrase}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.pending.skipped.length > 0 ? (
        <p>
          Not confirmed, as they have not accepted their invitation (or are confirmed already):{" "}
          {p.pending.skipped.map(memberName).join(", ")}.
        </p>
      ) : null}
      <div class="actions">
        <Button busy={p.busy} onClick={p.onConfirm}>
          The phrases match: confirm {plural(n, "member", "members")}
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function BulkReport(p: { report: Report; onClose: () => void }) {
  const { action, rows } = p.report;
  const done = rows.filter((r) => r.error === "").length;
  const refused = rows.length - done;
  return (
    <section class="panel bulk-report" aria-labelledby="bulk-report-title">
      <h3 id="bulk-report-title">
        {DONE[action].title}: {done} done{refused > 0 ? `, ${refused} refused` : ""}
      </h3>
      <ul aria-label="Outcome per member">
        {rows.map((r) => (
          <li key={r.id} class={r.error ? "refused" : "done"}>
            {r.name}: {r.error || DONE[action].done}
          </li>
        ))}
      </ul>
      <Button kind="secondary" onClick={p.onClose}>
        Close
      </Button>
    </section>
  );
}
