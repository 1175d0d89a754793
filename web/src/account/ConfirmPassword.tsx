// "Confirm it's you": the master password asked again before an action the server guards.
// Only its hash (derived with the account's own KDF) leaves the browser.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { placeErrors } from "../app/forms";
import { masterPasswordHashFor } from "../app/session";
import { Button, ErrorMessage, HiddenUsername, TextField, useFocus } from "../app/ui";

export function ConfirmPassword(p: {
  email: string;
  action: string;
  onConfirmed: (hash: string) => Promise<void>;
  onCancel: () => void;
  /** What the action does, shown above the field; "Confirm it's you." when absent. */
  intro?: ComponentChildren;
  danger?: boolean;
}) {
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ref = useFocus<HTMLInputElement>(true);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!password) {
      setError("Enter your master password.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await p.onConfirmed(await masterPasswordHashFor(password));
    } catch (err) {
      setError(err);
      ref.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  const placed = placeErrors(error, ["MasterPasswordHash"]);
  return (
    <form onSubmit={submit} noValidate aria-busy={busy ? "true" : undefined}>
      {p.intro ?? <p>Confirm it's you.</p>}
      <HiddenUsername email={p.email} />
      <TextField
        label="Master password"
        type="password"
        name="password"
        autoComplete="current-password"
        value={password}
        onInput={setPassword}
        inputRef={ref}
        error={placed.field("MasterPasswordHash")}
      />
      <ErrorMessage error={placed.action} />
      <div class="actions">
        <Button type="submit" busy={busy} kind={p.danger ? "danger" : "primary"}>
          {p.action}
        </Button>
        <Button kind="secondary" onClick={p.onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
