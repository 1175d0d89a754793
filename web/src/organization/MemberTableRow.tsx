// One member in the Members table: a checkbox for bulk actions, the role (a choice for the
// roles the console offers), the status and the actions that status allows.

import { Button, SelectField } from "../app/ui";
import {
  MEMBER_STATUS,
  MEMBER_STATUS_NAMES,
  MEMBER_TYPES,
  MEMBER_TYPE_NAMES,
  type MemberRow,
} from "./api";
import { memberName } from "./memberFilter";

export interface RowActions {
  busy: string | null;
  setRole: (m: MemberRow, type: number) => void;
  reinvite: (m: MemberRow) => void;
  startConfirm: (m: MemberRow) => void;
  revoke: (m: MemberRow) => void;
  restore: (m: MemberRow) => void;
  askRemove: (m: MemberRow) => void;
  /** Opens the account recovery dialog; absent when the caller may not recover anyone. */
  askRecover?: (m: MemberRow) => void;
}

/** The member list carries this flag; the shared row type does not name it. */
function isEnrolled(m: MemberRow): boolean {
  return (m as MemberRow & { resetPasswordEnrolled?: boolean }).resetPasswordEnrolled === true;
}

export function MemberTableRow(p: {
  m: MemberRow;
  selected: boolean;
  onSelect: (m: MemberRow, on: boolean) => void;
  actions: RowActions;
}) {
  const { m, actions: a } = p;
  const name = memberName(m);
  return (
    <tr>
      <td class="select">
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          checked={p.selected}
          onChange={(e) => p.onSelect(m, (e.currentTarget as HTMLInputElement).checked)}
        />
      </td>
      <th scope="row">
        {name}
        {m.name && m.email ? <span class="sub"> {m.email}</span> : null}
      </th>
      <td>
        {MEMBER_TYPES.some((t) => t.value === m.type) ? (
          <SelectField
            label={`Role of ${name}`}
            value={m.type}
            options={MEMBER_TYPES}
            onChange={(type) => a.setRole(m, type)}
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
            busy={a.busy === `reinvite-${m.id}`}
            aria-label={`Re-invite ${name}`}
            onClick={() => a.reinvite(m)}
          >
            Re-invite
          </Button>
        ) : null}
        {m.status === MEMBER_STATUS.Accepted ? (
          <Button busy={a.busy === `confirm-${m.id}`} aria-label={`Confirm ${name}`} onClick={() => a.startConfirm(m)}>
            Confirm
          </Button>
        ) : null}
        {m.status === MEMBER_STATUS.Revoked ? (
          <Button
            kind="secondary"
            busy={a.busy === `restore-${m.id}`}
            aria-label={`Restore ${name}`}
            onClick={() => a.restore(m)}
          >
            Restore
          </Button>
        ) : (
          <Button
            kind="secondary"
            busy={a.busy === `revoke-${m.id}`}
            aria-label={`Revoke ${name}`}
            onClick={() => a.revoke(m)}
          >
            Revoke
          </Button>
        )}
        {a.askRecover && isEnrolled(m) && m.status !== MEMBER_STATUS.Invited ? (
          <Button kind="secondary" aria-label={`Recover account of ${name}`} onClick={() => a.askRecover?.(m)}>
            Recover account
          </Button>
        ) : null}
        <Button kind="danger" aria-label={`Remove ${name}`} onClick={() => a.askRemove(m)}>
          Remove
        </Button>
      </td>
    </tr>
  );
}
