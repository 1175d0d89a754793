// Changing the master password: the current one, the new one twice (with the strength meter)
// and an optional hint. The same user key is wrapped under the new master key in the browser
// (rekey.ts), so nothing in the vault is re-encrypted; every session ends and this tab signs
// in again with the new password.

import { useRef, useState } from "preact/hooks";
import { placeErrors } from "../app/forms";
import type { Account } from "../app/session";
import { Button, ErrorMessage, HiddenUsername, Notice, Progress, TextField, useFocus, useId } from "../app/ui";
import type { AccountKeys } from "./keys";
import { changeMasterPassword } from "./rekey";
import { MIN_PASSWORD_LENGTH, StrengthMeter } from "./StrengthMeter";

type Problems = { current?: string | undefined; next?: string | undefined; confirm?: string | undefined; hint?: string | undefined };

export function ChangeMasterPassword(p: { account: Account; keys: AccountKeys }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <div class="account-subsection">
      <h3 id="change-password-heading">Master password</h3>
      {open ? (
        <ChangeForm
          {...p}
          onCancel={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            setDone(true);
          }}
        />
      ) : (
        <>
          {done ? (
            <Notice kind="success">
              Your master password has changed. Other browsers and apps must sign in again with it.
            </Notice>
          ) : null}
          <p>
            Changing it signs you out of every browser and app; this tab signs in again with the
            new one. Your items stay as they are.
          </p>
          <div class="actions">
            <Button kind="secondary" onClick={() => setOpen(true)}>
              Change master password
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

function ChangeForm(p: { account: Account; keys: AccountKeys; onCancel: () => void; onDone: () => void }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [hint, setHint] = useState("");
  const [local, setLocal] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const currentRef = useFocus<HTMLInputElement>(true);
  const nextRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const hintRef = useRef<HTMLInputElement>(null);
  const strengthId = useId("strength");
  const context = [p.account.email.split("@")[0] ?? "", p.account.name ?? ""];

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const problems: Problems = {};
    if (!current) problems.current = "Enter your current master password.";
    if (next.length < MIN_PASSWORD_LENGTH) {
      problems.next = `The master password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
    } else if (next === current) {
      problems.next = "The new master password is the same as the current one.";
    }
    if (confirm !== next) problems.confirm = "The two passwords don't match.";
    if (hint && hint.trim() === next) problems.hint = "The hint can't be the password itself.";
    setLocal(problems);
    if (problems.current) return currentRef.current?.focus();
    if (problems.next) return nextRef.current?.focus();
    if (problems.confirm) return confirmRef.current?.focus();
    if (problems.hint) return hintRef.current?.focus();

    setBusy(true);
    setProgress("Deriving your new key (this takes a few seconds)…");
    try {
      await changeMasterPassword(p.account, p.keys, { current, next, hint });
      p.onDone();
    } catch (err) {
      setError(err);
      currentRef.current?.focus();
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const placed = placeErrors(error, ["MasterPasswordHash", "NewMasterPasswordHash", "MasterPasswordHint"]);
  return (
    <form onSubmit={submit} noValidate aria-busy={busy ? "true" : undefined}>
      <Notice kind="warning">
        Bulwark cannot reset a forgotten master password. Every browser and app signed in to this
        account will have to sign in again with the new one.
      </Notice>
      <HiddenUsername email={p.account.email} />
      <TextField
        label="Current master password"
        type="password"
        name="current-password"
        autoComplete="current-password"
        required
        value={current}
        onInput={(v) => {
          setCurrent(v);
          setLocal({ ...local, current: undefined });
        }}
        inputRef={currentRef}
        error={local.current ?? placed.field("MasterPasswordHash")}
      />
      <TextField
        label="New master password"
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        value={next}
        onInput={(v) => {
          setNext(v);
          setLocal({ ...local, next: undefined });
        }}
        inputRef={nextRef}
        describedById={strengthId}
        error={local.next ?? placed.field("NewMasterPasswordHash")}
      >
        <StrengthMeter password={next} context={context} id={strengthId} />
      </TextField>
      <TextField
        label="Confirm new master password"
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        required
        value={confirm}
        onInput={(v) => {
          setConfirm(v);
          setLocal({ ...local, confirm: undefined });
        }}
        inputRef={confirmRef}
        error={local.confirm}
      />
      <TextField
        label="Master password hint"
        name="hint"
        optional
        maxLength={50}
        hint="Something that reminds you of the new password without giving it away."
        value={hint}
        onInput={(v) => {
          setHint(v);
          setLocal({ ...local, hint: undefined });
        }}
        inputRef={hintRef}
        error={local.hint ?? placed.field("MasterPasswordHint")}
      />
      <ErrorMessage error={placed.action} />
      <Progress text={progress} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Change master password
        </Button>
        <Button kind="secondary" onClick={p.onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
