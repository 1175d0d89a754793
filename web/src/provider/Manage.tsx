// Manage: the provider's people with their type and status. Provider Admins invite (Provider
// Admin or Service User), re-invite, confirm — after comparing the fingerprint phrase with the
// person out of band, the provider key is wrapped for their public key — change types and
// remove. A provider should keep two confirmed admins: a lost master password cannot be
// recovered, so the page warns while there are fewer.

import { useState } from "preact/hooks";
import { looksLikeEmail, placeErrors } from "../app/forms";
import { Button, ErrorMessage, Notice, Progress, SelectField, TextField } from "../app/ui";
import { useLoad } from "../app/useLoad";
import { fingerprintPhrase, wrapSymmetricKeyForPublicKey } from "../crypto";
import { type ProviderUserRow, ProviderUserStatus, providerApi } from "./api";
import type { ProviderAreaProps } from "./ProviderPortal";

const TYPES = [
  { value: 0, label: "Provider Admin" },
  { value: 1, label: "Service User" },
] as const;
const STATUS: Record<number, string> = { 0: "Invited", 1: "Accepted", 2: "Confirmed" };

const displayName = (u: ProviderUserRow) => u.name ?? u.email ?? u.id;

interface Pending {
  user: ProviderUserRow;
  publicKey: string;
  phrase: string;
}

export function Manage(p: ProviderAreaProps) {
  const loaded = useLoad(() => providerApi.users(p.id), [p.id]);
  const users = loaded.data;
  const [actionError, setError] = useState<unknown>(null);
  const error = actionError ?? loaded.error;
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (key: string, work: () => Promise<string | null>) => {
    setBusy(key);
    setError(null);
    setNotice(null);
    try {
      const message = await work();
      setNotice(message);
      loaded.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const startConfirm = (user: ProviderUserRow) =>
    act(`confirm-${user.id}`, async () => {
      const [row] = await providerApi.publicKeys(p.id, [user.id]);
      if (!row?.key || !row.userId) throw new Error(`${displayName(user)} has not accepted yet.`);
      const phrase = await fingerprintPhrase(row.userId, row.key);
      setConfirming({ user, publicKey: row.key, phrase });
      return null;
    });

  const finishConfirm = (pending: Pending) =>
    act(`confirm-${pending.user.id}`, async () => {
      if (!p.providerKey) throw new Error("Your provider key is not available.");
      const key = await wrapSymmetricKeyForPublicKey(pending.publicKey, p.providerKey);
      await providerApi.confirm(p.id, pending.user.id, key);
      setConfirming(null);
      return `${displayName(pending.user)} is confirmed.`;
    });

  const confirmedAdmins = (users ?? []).filter(
    (u) => u.type === 0 && u.status === ProviderUserStatus.Confirmed,
  ).length;

  return (
    <section aria-labelledby="manage-heading">
      <h2 id="manage-heading">People</h2>
      {users !== null && confirmedAdmins < 2 ? (
        <Notice kind="warning">
          This provider has {confirmedAdmins === 1 ? "only one" : "no"} confirmed Provider Admin. Keep
          at least two: a lost master password cannot be recovered.
        </Notice>
      ) : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorMessage error={error} />
      <InviteForm providerId={p.id} onInvited={(m) => { setNotice(m); loaded.reload(); }} />
      {confirming ? (
        <div class="panel confirm" role="alertdialog" aria-labelledby="fingerprint-title">
          <h3 id="fingerprint-title">Confirm {displayName(confirming.user)}</h3>
          <p>
            Ask {displayName(confirming.user)} to read their fingerprint phrase to you, over the
            phone or in person, and confirm only if it matches:
          </p>
          <p class="fingerprint" aria-label="Fingerprint phrase">
            {confirming.phrase}
          </p>
          <div class="actions">
            <Button busy={busy === `confirm-${confirming.user.id}`} onClick={() => void finishConfirm(confirming)}>
              The phrase matches: confirm
            </Button>
            <Button kind="secondary" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {users === null && error === null ? <Progress text="Loading people…" /> : null}
      {users !== null ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Provider people</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    {displayName(u)}
                    {u.name && u.email ? <span class="sub"> {u.email}</span> : null}
                  </th>
                  <td>
                    <SelectField
                      label={`Type of ${displayName(u)}`}
                      value={u.type}
                      options={TYPES}
                      onChange={(type) =>
                        void act(`type-${u.id}`, async () => {
                          await providerApi.setUserType(p.id, u.id, type);
                          return `${displayName(u)} is now a ${TYPES[type]?.label ?? "member"}.`;
                        })
                      }
                    />
                  </td>
                  <td>{STATUS[u.status] ?? "Unknown"}</td>
                  <td class="row-actions">
                    {u.status === ProviderUserStatus.Invited ? (
                      <Button
                        kind="secondary"
                        busy={busy === `reinvite-${u.id}`}
                        aria-label={`Re-invite ${displayName(u)}`}
                        onClick={() =>
                          void act(`reinvite-${u.id}`, async () => {
                            await providerApi.reinvite(p.id, u.id);
                            return `A new invitation was sent to ${displayName(u)}.`;
                          })
                        }
                      >
                        Re-invite
                      </Button>
                    ) : null}
                    {u.status === ProviderUserStatus.Accepted ? (
                      <Button
                        busy={busy === `confirm-${u.id}`}
                        aria-label={`Confirm ${displayName(u)}`}
                        onClick={() => void startConfirm(u)}
                      >
                        Confirm
                      </Button>
                    ) : null}
                    <Button
                      kind="danger"
                      busy={busy === `remove-${u.id}`}
                      aria-label={`Remove ${displayName(u)}`}
                      onClick={() =>
                        void act(`remove-${u.id}`, async () => {
                          await providerApi.removeUser(p.id, u.id);
                          return `${displayName(u)} was removed from the provider.`;
                        })
                      }
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function InviteForm(p: { providerId: string; onInvited: (message: string) => void }) {
  const [emails, setEmails] = useState("");
  const [type, setType] = useState<number>(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const placed = placeErrors(error, ["Emails", "Type"]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const list = emails.split(/[,\s]+/).map((x) => x.trim()).filter(Boolean);
    if (list.length === 0 || !list.every(looksLikeEmail)) {
      return setError("Give one or more e-mail addresses, separated by commas.");
    }
    setBusy(true);
    try {
      await providerApi.invite(p.providerId, list, type);
      setEmails("");
      p.onInvited(`Invited ${list.join(", ")}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby="invite-title" noValidate>
      <h3 id="invite-title">Invite people</h3>
      <TextField
        label="E-mail addresses"
        value={emails}
        onInput={setEmails}
        autoComplete="off"
        hint="Up to 20, separated by commas."
        error={placed.field("Emails")}
      />
      <SelectField label="Invite as" value={type} options={TYPES} onChange={setType} error={placed.field("Type")} />
      <ErrorMessage error={placed.action} />
      <Button type="submit" busy={busy}>
        Invite
      </Button>
    </form>
  );
}
