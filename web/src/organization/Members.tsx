// Members: the organization's people with their role and status, and the seats they take.
// Admins invite by e-mail with a role, re-invite, confirm an accepted member — after comparing
// the fingerprint phrase with them out of band, the org key is wrapped for their public key —
// revoke, restore and remove.

import { useEffect, useState } from "preact/hooks";
import {
  FingerprintConfirm,
  InviteForm,
  type PendingConfirmation,
  pendingConfirmation,
  useActions,
} from "../app/people";
import { Button, ErrorMessage, Notice, Progress, SelectField, TextField } from "../app/ui";
import { wrapSymmetricKeyForPublicKey } from "../crypto";
import { Pager } from "../provider/Pager";
import { usePagedFilter } from "../provider/paging";
import type { OrgAreaProps } from "./AdminConsole";
import { areaError } from "./errors";
import {
  MEMBER_STATUS,
  MEMBER_STATUS_NAMES,
  MEMBER_TYPES,
  MEMBER_TYPE_NAMES,
  type MemberRow,
  orgApi,
} from "./api";

const displayName = (m: MemberRow) => m.name || m.email || m.id;

export function Members(p: OrgAreaProps) {
  const [members, setMembers] = useState<MemberRow[] | null>(null);
  const [seats, setSeats] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<PendingConfirmation<MemberRow> | null>(null);
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const [generation, setGeneration] = useState(0);
  const list = usePagedFilter(members, (m) => `${m.name ?? ""} ${m.email ?? ""}`);

  useEffect(() => {
    let live = true;
    orgApi
      .members(p.id)
      .then((m) => live && setMembers(m))
      .catch((e: unknown) => live && setLoadError(areaError(e)));
    // Only owners (and provider staff) read the organization itself; others see no limit.
    orgApi
      .details(p.id)
      .then((o) => live && setSeats(o.seats))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [p.id, generation]);

  const { busy, error: actionError, notice, setNotice, act } = useActions(() =>
    setGeneration((g) => g + 1),
  );
  const error = actionError ?? loadError;

  const startConfirm = (member: MemberRow) =>
    act(`confirm-${member.id}`, async () => {
      const [row] = await orgApi.publicKeys(p.id, [member.id]);
      setConfirming(await pendingConfirmation(member, displayName(member), row));
      return null;
    });

  const finishConfirm = (pending: PendingConfirmation<MemberRow>) =>
    act(`confirm-${pending.who.id}`, async () => {
      const key = await wrapSymmetricKeyForPublicKey(pending.publicKey, p.orgKey.key);
      await orgApi.confirm(p.id, pending.who.id, key);
      setConfirming(null);
      return `${pending.name} is confirmed.`;
    });

  const occupied = (members ?? []).filter((m) => m.status >= MEMBER_STATUS.Invited).length;

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      {members !== null ? (
        <p class="seats" role="status">
          {seats === null ? `${occupied} seats used.` : `${occupied} of ${seats} seats used.`}
        </p>
      ) : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorMessage error={error} />
      <InviteForm
        title="Invite members"
        roleLabel="Role"
        roles={MEMBER_TYPES}
        defaultRole={2}
        invite={(emails, type) => orgApi.invite(p.id, emails, type)}
        onInvited={(m) => {
          setNotice(m);
          setGeneration((g) => g + 1);
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
      {removing ? (
        <div class="panel confirm" role="alertdialog" aria-labelledby="remove-member-title">
          <h3 id="remove-member-title">Remove {displayName(removing)}?</h3>
          <p>They lose access to the organization's items at once. Revoking keeps their place instead.</p>
          <div class="actions">
            <Button
              kind="danger"
              busy={busy === `remove-${removing.id}`}
              onClick={() =>
                void act(`remove-${removing.id}`, async () => {
                  await orgApi.remove(p.id, removing.id);
                  setRemoving(null);
                  return `${displayName(removing)} was removed from the organization.`;
                })
              }
            >
              Remove member
            </Button>
            <Button kind="secondary" onClick={() => setRemoving(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      <div class="toolbar">
        <TextField label="Search members" type="search" value={list.query} onInput={list.setQuery} />
      </div>
      {members === null && error === null ? <Progress text="Loading members…" /> : null}
      {members !== null ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Members</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.visible.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {displayName(m)}
                    {m.name && m.email ? <span class="sub"> {m.email}</span> : null}
                  </th>
                  <td>
                    {MEMBER_TYPES.some((t) => t.value === m.type) ? (
                      <SelectField
                        label={`Role of ${displayName(m)}`}
                        value={m.type}
                        options={MEMBER_TYPES}
                        onChange={(type) =>
                          void act(`role-${m.id}`, async () => {
                            await orgApi.setRole(p.id, m, type);
                            return `${displayName(m)} is now ${type === 2 ? "a" : "an"} ${MEMBER_TYPE_NAMES[type] ?? "member"}.`;
                          })
                        }
                      />
                    ) : (
                      (MEMBER_TYPE_NAMES[m.type] ?? "Member")
                    )}
                  </td>
                  <td>{MEMBER_STATUS_NAMES[m.status] ?? "Unknown"}</td>
                  <td class="row-actions">
                    {m.status === MEMBER_STATUS.Invited ? (
                      <Button
                        kind="secondary"
                        busy={busy === `reinvite-${m.id}`}
                        aria-label={`Re-invite ${displayName(m)}`}
                        onClick={() =>
                          void act(`reinvite-${m.id}`, async () => {
                            await orgApi.reinvite(p.id, m.id);
                            return `A new invitation was sent to ${displayName(m)}.`;
                          })
                        }
                      >
                        Re-invite
                      </Button>
                    ) : null}
                    {m.status === MEMBER_STATUS.Accepted ? (
                      <Button
                        busy={busy === `confirm-${m.id}`}
                        aria-label={`Confirm ${displayName(m)}`}
                        onClick={() => void startConfirm(m)}
                      >
                        Confirm
                      </Button>
                    ) : null}
                    {m.status === MEMBER_STATUS.Revoked ? (
                      <Button
                        kind="secondary"
                        busy={busy === `restore-${m.id}`}
                        aria-label={`Restore ${displayName(m)}`}
                        onClick={() =>
                          void act(`restore-${m.id}`, async () => {
                            await orgApi.restore(p.id, m.id);
                            return `${displayName(m)} was restored.`;
                          })
                        }
                      >
                        Restore
                      </Button>
                    ) : (
                      <Button
                        kind="secondary"
                        busy={busy === `revoke-${m.id}`}
                        aria-label={`Revoke ${displayName(m)}`}
                        onClick={() =>
                          void act(`revoke-${m.id}`, async () => {
                            await orgApi.revoke(p.id, m.id);
                            return `${displayName(m)} was revoked.`;
                          })
                        }
                      >
                        Revoke
                      </Button>
                    )}
                    <Button
                      kind="danger"
                      aria-label={`Remove ${displayName(m)}`}
                      onClick={() => setRemoving(m)}
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.total === 0 ? <p role="status">No member matches “{list.query}”.</p> : null}
          <Pager label="Members" {...list} />
        </div>
      ) : null}
    </section>
  );
}
