// The locked vault: the account stays signed in (its tokens are kept in this tab), the keys are
// gone. The master password opens the user key again, locally: a wrong password fails the key's
// MAC, so nothing is sent to the server to check it.

import { useState } from "preact/hooks";
import { type Account, WrongPasswordError, signOut, unlock } from "../app/session";
import { Button, ErrorMessage, HiddenUsername, Notice, PageHeading, Progress, TextField, useFocus } from "../app/ui";

export function LockPage(p: { account: Account; reason: string | null }) {
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const ref = useFocus<HTMLInputElement>(true);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setFieldError(null);
    if (!password) {
      setFieldError("Enter your master password.");
      ref.current?.focus();
      return;
    }
    setBusy(true);
    setProgress("Deriving your key from the master password…");
    try {
      await unlock(password);
    } catch (err) {
      if (err instanceof WrongPasswordError) {
        setFieldError(err.message);
        ref.current?.select();
        ref.current?.focus();
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <section class="card narrow">
      <PageHeading sub={`Signed in as ${p.account.email}.`}>Your vault is locked</PageHeading>
      {p.reason ? <Notice kind="info">{p.reason}</Notice> : null}
      <form onSubmit={submit} noValidate aria-busy={busy ? "true" : undefined}>
        <HiddenUsername email={p.account.email} />
        <TextField
          label="Master password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(v) => {
            setPassword(v);
            setFieldError(null);
          }}
          inputRef={ref}
          error={fieldError}
        />
        <ErrorMessage error={error} />
        <Progress text={progress} />
        <div class="actions">
          <Button type="submit" busy={busy}>
            Unlock
          </Button>
          <Button kind="secondary" onClick={() => signOut()} disabled={busy}>
            Sign out
          </Button>
        </div>
      </form>
    </section>
  );
}
