// Members: the organization's people with their role and status, and the seats they take.
// Admins invite by e-mail with a role, re-invite, confirm an accepted member — after comparing
// the fingerprint phrase with them out of band, the org key is wrapped for their public key —
// revoke, restore and remove.

import { useEffect, useState } from "preact/hooks";
import { looksLikeEmail, placeErrors } from "../app/forms";
import { Button, ErrorMessage, Notice, Progress, SelectField, TextField } from "../app/ui";
import { fingerprintPhrase, wrapSymmetricKeyForPublicKey } from "../crypto";
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

interface Pending {
  member: MemberRow;
  publicKey: string;
  phrase: string;
}

export function Members(p: OrgAreaProps) {
  const [members, setMembers] = useState<MemberRow[] | null>(null);
  const [seats, setSeats] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const list = usePagedFilter(members, (m) => `${m.name ?? ""} ${m.email ?? ""}`);

  useEffect(() => {
    let live = true;
    orgApi
      .members(p.id)
      .then((m) => live && setMembers(m))
      .catch((e: unknown) => live && setError(areaError(e)));
    // Only owners (and provider staff) read the organization itself; others see no limit.
    orgApi
      .details(p.id)
      .then((o) => live && setSeats(o.seats))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [p.id, generation]);

  const act = async (key: string, work: () => Promise<string | null>) => {
    setBusy(key);
    setError(null);
    setNotice(null);
    try {
      const message = await work();
      setNotice(message);
      setGeneration((g) => g + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const startConfirm = (member: MemberRow) =>
    act(`confirm-${member.id}`, async () => {
      const [row] = await orgApi.publicKeys(p.id, [member.id]);
      if (!row?.key || !row.userId) throw new Error(`${displayName(member)} has not accepted yet.`);
      const phrase = await fingerprintPhrase(row.userId, row.key);
      setConfirming({ member, publicKey: row.key, phrase });
      return null;
    });

  const finishConfirm = (pending: Pending) =>
    act(`confirm-${pending.member.id}`, async () => {
      const key = await wrapSymmetricKeyForPublicKey(pending.publicKey, p.orgKey.key);
      await orgApi.confirm(p.id, pending.member.id, key);
      setConfirming(null);
      return `${displayName(pending.member)} is confirmed.`;
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
      <InviteForm orgId={p.id} onInvited={(m) => { setNotice(m); setGeneration((g) => g + 1); }} />
      {confirming ? (
        <div class="panel confirm" role="alertdialog" aria-labelledby="fingerprint-title">
          <h3 id="fingerprint-title">Confirm {displayName(confirming.member)}</h3>
          <p>
            Ask {displayName(confirming.member)} to read their fingerprint phrase to you, over the
            phone or in person, and confirm only if it matches:
          </p>
          <p class="fingerprint" aria-label="Fingerprint phrase">
            {confirming.phrase}
          </p>
          <div class="actions">
            <Button
              busy={busy === `confirm-${confirming.member.id}`}
              onClick={() => void finishConfirm(confirming)}
            >
              The phrase matches: confirm
            </Button>
            <Button kind="secondary" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        </div>
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

function InviteForm(p: { orgId: string; onInvited: (message: string) => void }) {
  const [emails, setEmails] = useState("");
  const [type, setType] = useState<number>(2);
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
      await orgApi.invite(p.orgId, list, type);
      setEmails("");
      p.onInvited(`Invited ${list.join(", ")}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby="invite-member-title" noValidate>
      <h3 id="invite-member-title">Invite members</h3>
      <TextField
        label="E-mail addresses"
        value={emails}
        onInput={setEmails}
        autoComplete="off"
        hint="Up to 20, separated by commas."
        error={placed.field("Emails")}
      />
      <SelectField label="Role" value={type} options={MEMBER_TYPES} onChange={setType} error={placed.field("Type")} />
      <ErrorMessage error={placed.action} />
      <Button type="submit" busy={busy}>
        Invite
      </Button>
    </form>
  );
}
