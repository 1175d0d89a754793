// Members: the organization's people with their role and status, and the seats they take.
// Admins invite by e-mail with a role (and, if they like, access to collections and groups),
// re-invite, confirm an accepted member — after comparing the fingerprint phrase with them out
// of band, the org key is wrapped for their public key — revoke, restore and remove, one member
// or the selected ones at once. An org may have 5,000 members: the list is filtered in memory
// (by text, status and role) and shown a page at a time.

import { useEffect, useMemo, useState } from "preact/hooks";
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
import { InviteAccess } from "./AccessPicker";
import type { OrgAreaProps } from "./AdminConsole";
import { type AccessLevel, selectionsOf } from "./accessLevels";
import { MEMBER_STATUS, MEMBER_TYPES, MEMBER_TYPE_NAMES, type MemberRow, orgApi } from "./api";
import { areaError } from "./errors";
import { MemberBulk } from "./MemberBulk";
import { ROLE_FILTERS, STATUS_FILTERS, memberName, useMemberFilter } from "./memberFilter";
import { membersApi } from "./membersApi";
import { MemberTableRow, type RowActions } from "./MemberTableRow";
import { RecoverAccount } from "./RecoverAccount";
import "./members.css";

export function Members(p: OrgAreaProps) {
  const [members, setMembers] = useState<MemberRow[] | null>(null);
  const [seats, setSeats] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<PendingConfirmation<MemberRow> | null>(null);
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const [recovering, setRecovering] = useState<MemberRow | null>(null);
  const [generation, setGeneration] = useState(0);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const [inviteLevels, setInviteLevels] = useState<ReadonlyMap<string, AccessLevel>>(new Map());
  const [inviteGroups, setInviteGroups] = useState<ReadonlySet<string>>(new Set());
  const list = useMemberFilter(members);
  const reload = () => setGeneration((g) => g + 1);

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

  const { busy, error: actionError, notice, setNotice, act } = useActions(reload);
  const error = actionError ?? loadError;

  // Once per list, not per keystroke.
  const occupied = useMemo(
    () => (members ?? []).filter((m) => m.status >= MEMBER_STATUS.Invited).length,
    [members],
  );
  const selected = useMemo(
    () => (members ?? []).filter((m) => selectedIds.has(m.id)),
    [members, selectedIds],
  );

  const finishConfirm = (pending: PendingConfirmation<MemberRow>) =>
    act(`confirm-${pending.who.id}`, async () => {
      const key = await wrapSymmetricKeyForPublicKey(pending.publicKey, p.orgKey.key);
      await orgApi.confirm(p.id, pending.who.id, key);
      setConfirming(null);
      return `${pending.name} is confirmed.`;
    });

  const rowActions: RowActions = {
    busy,
    setRole: (m, type) =>
      void act(`role-${m.id}`, async () => {
        await orgApi.setRole(p.id, m, type);
        return `${memberName(m)} is now ${type === 2 ? "a" : "an"} ${MEMBER_TYPE_NAMES[type] ?? "member"}.`;
      }),
    reinvite: (m) =>
      void act(`reinvite-${m.id}`, async () => {
        await orgApi.reinvite(p.id, m.id);
        return `A new invitation was sent to ${memberName(m)}.`;
      }),
    startConfirm: (m) =>
      void act(`confirm-${m.id}`, async () => {
        const [row] = await orgApi.publicKeys(p.id, [m.id]);
        setConfirming(await pendingConfirmation(m, memberName(m), row));
        return null;
      }),
    revoke: (m) =>
      void act(`revoke-${m.id}`, async () => {
        await orgApi.revoke(p.id, m.id);
        return `${memberName(m)} was revoked.`;
      }),
    restore: (m) =>
      void act(`restore-${m.id}`, async () => {
        await orgApi.restore(p.id, m.id);
        return `${memberName(m)} was restored.`;
      }),
    askRemove: setRemoving,
    askRecover: setRecovering,
  };

  const select = (m: MemberRow, on: boolean) =>
    setSelectedIds((s) => {
      const next = new Set(s);
      if (on) next.add(m.id);
      else next.delete(m.id);
      return next;
    });
  const allShownSelected = list.visible.length > 0 && list.visible.every((m) => selectedIds.has(m.id));
  const selectShown = (on: boolean) =>
    setSelectedIds((s) => {
      const next = new Set(s);
      for (const m of list.visible) {
        if (on) next.add(m.id);
        else next.delete(m.id);
      }
      return next;
    });

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
        invite={(emails, type) =>
          membersApi.invite(p.id, emails, type, selectionsOf(inviteLevels), [...inviteGroups])
        }
        onInvited={(m) => {
          setNotice(m);
          setInviteLevels(new Map());
          setInviteGroups(new Set());
          reload();
        }}
      >
        <InviteAccess
          orgId={p.id}
          orgKey={p.orgKey.key}
          levels={inviteLevels}
          onLevels={setInviteLevels}
          groups={inviteGroups}
          onGroups={setInviteGroups}
        />
      </InviteForm>
      {confirming ? (
        <FingerprintConfirm
          name={confirming.name}
          phrase={confirming.phrase}
          busy={busy === `confirm-${confirming.who.id}`}
          onConfirm={() => void finishConfirm(confirming)}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
      {recovering ? (
        <RecoverAccount
          orgId={p.id}
          orgKey={p.orgKey.key}
          memberId={recovering.id}
          name={memberName(recovering)}
          email={recovering.email}
          onDone={(sentence) => {
            setRecovering(null);
            setNotice(sentence);
          }}
          onCancel={() => setRecovering(null)}
        />
      ) : null}
      {removing ? (
        <div class="panel confirm" role="alertdialog" aria-labelledby="remove-member-title">
          <h3 id="remove-member-title">Remove {memberName(removing)}?</h3>
          <p>They lose access to the organization's items at once. Revoking keeps their place instead.</p>
          <div class="actions">
            <Button
              kind="danger"
              busy={busy === `remove-${removing.id}`}
              onClick={() =>
                void act(`remove-${removing.id}`, async () => {
                  await orgApi.remove(p.id, removing.id);
                  setRemoving(null);
                  return `${memberName(removing)} was removed from the organization.`;
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
        <SelectField label="Filter by status" value={list.status} options={STATUS_FILTERS} onChange={list.setStatus} />
        <SelectField label="Filter by role" value={list.role} options={ROLE_FILTERS} onChange={list.setRole} />
      </div>
      <MemberBulk
        orgId={p.id}
        orgKey={p.orgKey.key}
        selected={selected}
        onClear={() => setSelectedIds(new Set())}
        onChanged={reload}
      />
      {members === null && error === null ? <Progress text="Loading members…" /> : null}
      {members !== null ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Members</caption>
            <thead>
              <tr>
                <th scope="col" class="select">
                  <input
                    type="checkbox"
                    aria-label="Select all shown"
                    checked={allShownSelected}
                    onChange={(e) => selectShown((e.currentTarget as HTMLInputElement).checked)}
                  />
                </th>
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
                <MemberTableRow
                  key={m.id}
                  m={m}
                  selected={selectedIds.has(m.id)}
                  onSelect={select}
                  actions={rowActions}
                />
              ))}
            </tbody>
          </table>
          {list.total === 0 ? <p role="status">No member matches these filters.</p> : null}
          <Pager label="Members" {...list} />
        </div>
      ) : null}
    </section>
  );
}
