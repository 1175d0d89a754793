// What the Provider Portal's Manage tab and the Admin Console's Members tab share: inviting
// people by e-mail with a role, confirming someone only after their fingerprint phrase was
// compared out of band, and running one action at a time with its outcome announced.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { fingerprintPhrase } from "../crypto";
import { looksLikeEmail, placeErrors } from "./forms";
import { Button, ErrorMessage, SelectField, TextField } from "./ui";

/** One action at a time: which one runs, its error, its sentence; `done` reloads the list. */
export function useActions(done: () => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const act = async (key: string, work: () => Promise<string | null>) => {
    setBusy(key);
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
      done();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, setError, notice, setNotice, act };
}

/** Someone waiting to be confirmed, with the phrase of the public key the server gave. */
export interface PendingConfirmation<T> {
  who: T;
  name: string;
  publicKey: string;
  phrase: string;
}

/** The phrase to compare before wrapping a key for `publicKey` (the official apps' words). */
export async function pendingConfirmation<T>(
  who: T,
  name: string,
  row: { userId?: string | null; key?: string | null } | undefined,
): Promise<PendingConfirmation<T>> {
  if (!row?.key || !row.userId) throw new Error(`${name} has not accepted yet.`);
  return { who, name, publicKey: row.key, phrase: await fingerprintPhrase(row.userId, row.key) };
}

export function FingerprintConfirm(p: {
  name: string;
  phrase: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div class="panel confirm" role="alertdialog" aria-labelledby="fingerprint-title">
      <h3 id="fingerprint-title">Confirm {p.name}</h3>
      <p>
        Ask {p.name} to read their fingerprint phrase to you, over the phone or in person, and
        confirm only if it matches:
      </p>
      <p class="fingerprint" aria-label="Fingerprint phrase">
        {p.phrase}
      </p>
      <div class="actions">
        <Button busy={p.busy} onClick={p.onConfirm}>
          The phrase matches: confirm
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

export function InviteForm(p: {
  title: string;
  roleLabel: string;
  roles: readonly { value: number; label: string }[];
  defaultRole: number;
  invite: (emails: string[], role: number) => Promise<unknown>;
  onInvited: (message: string) => void;
  /** More choices for the invitation (the Admin Console's collections and groups). */
  children?: ComponentChildren;
}) {
  const [emails, setEmails] = useState("");
  const [role, setRole] = useState<number>(p.defaultRole);
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
      await p.invite(list, role);
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
      <h3 id="invite-title">{p.title}</h3>
      <TextField
        label="E-mail addresses"
        value={emails}
        onInput={setEmails}
        autoComplete="off"
        hint="Up to 20, separated by commas."
        error={placed.field("Emails")}
      />
      <SelectField
        label={p.roleLabel}
        value={role}
        options={p.roles}
        onChange={setRole}
        error={placed.field("Type")}
      />
      {p.children}
      <ErrorMessage error={placed.action} />
      <Button type="submit" busy={busy}>
        Invite
      </Button>
    </form>
  );
}
