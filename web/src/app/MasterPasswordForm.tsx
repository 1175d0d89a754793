// A form that asks for the master password before a sensitive action (an organization's or the
// personal vault's export, the API key, deleting the organization) and hands the action its
// hash; a wrong password is said next to the field, any other refusal next to the buttons.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { placeErrors } from "./forms";
import { masterPasswordHashFor } from "./session";
import { Button, ErrorMessage, TextField, useId } from "./ui";

export interface PasswordAction {
  label: string;
  kind?: "primary" | "secondary" | "danger";
  run: (masterPasswordHash: string) => Promise<void>;
}

export function MasterPasswordForm(p: {
  title: string;
  children?: ComponentChildren;
  /** The first is the form's submit; the others are buttons beside it. */
  actions: PasswordAction[];
  class?: string;
}) {
  const titleId = useId("password-form");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const placed = placeErrors(error, ["MasterPasswordHash"]);

  const run = async (action: PasswordAction) => {
    if (busy) return;
    setError(null);
    if (!password) return setError("Enter your master password first.");
    setBusy(action.label);
    try {
      await action.run(await masterPasswordHashFor(password));
      setPassword("");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const [first, ...others] = p.actions;

  return (
    <form
      class={`panel${p.class ? ` ${p.class}` : ""}`}
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (first) void run(first);
      }}
    >
      <h3 id={titleId}>{p.title}</h3>
      {p.children}
      <TextField
        label="Master password"
        type="password"
        autoComplete="current-password"
        value={password}
        onInput={setPassword}
        error={placed.field("MasterPasswordHash")}
      />
      <ErrorMessage error={placed.action} />
      <div class="actions">
        {first ? (
          <Button type="submit" kind={first.kind ?? "primary"} busy={busy === first.label}>
            {first.label}
          </Button>
        ) : null}
        {others.map((a) => (
          <Button key={a.label} kind={a.kind ?? "secondary"} busy={busy === a.label} onClick={() => void run(a)}>
            {a.label}
          </Button>
        ))}
      </div>
    </form>
  );
}
