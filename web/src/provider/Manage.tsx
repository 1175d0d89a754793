// Manage: the provider's people with their type and status. Provider Admins invite (Provider
// Admin or Service User), re-invite, confirm — after comparing the fingerprint phrase with the
// person out of band, the provider key is wrapped for their public key — change types and
// remove. A provider should keep two confirmed admins: a lost master password cannot be
// recovered, so the page warns while there are fewer.

import { useState } from "preact/hooks";
import {
  FingerprintConfirm,
  InviteForm,
  type PendingConfirmation,
  pendingConfirmation,
  useActions,
} from "../app/people";
import { Button, ErrorMessage, Notice, Progress, SelectField } from "../app/ui";
import { useLoad } from "../app/useLoad";
import { wrapSymmetricKeyForPublicKey } from "../crypto";
import { type ProviderUserRow, ProviderUserStatus, providerApi } from "./api";
import type { ProviderAreaProps } from "./ProviderPortal";

const TYPES = [
  { value: 0, label: "Provider Admin" },
  { value: 1, label: "Service User" },
] as const;
const STATUS: Record<number, string> = { 0: "Invited", 1: "Accepted", 2: "Confirmed" };

const displayName = (u: ProviderUserRow) => u.name ?? u.email ?? u.id;

export function Manage(p: ProviderAreaProps) {
  const loaded = useLoad(() => providerApi.users(p.id), [p.id]);
  const users = loaded.data;
  const { busy, error: actionError, notice, setNotice, act } = useActions(loaded.reload);
  const error = actionError ?? loaded.error;
  const [confirming, setConfirming] = useState<PendingConfirmation<ProviderUserRow> | null>(null);

  const startConfirm = (user: ProviderUserRow) =>
    act(`confirm-${user.id}`, async () => {
      const [row] = await providerApi.publicKeys(p.id, [user.id]);
      setConfirming(await pendingConfirmation(user, displayName(user), row));
      return null;
    });

  const finishConfirm = (pending: PendingConfirmation<ProviderUserRow>) =>
    act(`confirm-${pending.who.id}`, async () => {
      if (!p.providerKey) throw new Error("Your provider key is not available.");
      const key = await wrapSymmetricKeyForPublicKey(pending.publicKey, p.providerKey);
      await providerApi.confirm(p.id, pending.who.id, key);
      setConfirming(null);
      return `${pending.name} is confirmed.`;
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
      <InviteForm
        title="Invite people"
        roleLabel="Invite as"
        roles={TYPES}
        defaultRole={1}
        invite={(emails, type) => providerApi.invite(p.id, emails, type)}
        onInvited={(m) => {
          setNotice(m);
          loaded.reload();
        }}
      />
      {confirming ? (
        <FingerprintConfirm
          name={confirming.name}
          phrase={confirming.phrase}
          busy={busy === `confirm-${confirming.who.id}`}
          onConfirm={() => void finishConfirm(confirming)}
          onCancel={() => setConfirming(null)}
        />
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
