// "Ask for the master password": an item marked so opens only after the master password is
// typed again. Checked in the browser, as unlock does: the password must open the user key.

import { useState } from "preact/hooks";
import { openUserKey } from "../account/keys";
import type { UnlockedSession } from "../app/areas";
import { Button, ErrorMessage, TextField, useFocus } from "../app/ui";
import { CryptoError, deriveMasterKey } from "../crypto";

export async function masterPasswordMatches(session: UnlockedSession, password: string): Promise<boolean> {
  const { account } = session;
  try {
    await openUserKey(await deriveMasterKey(password, account.salt, account.kdf), account.protectedUserKey);
    return true;
  } catch (e) {
    if (e instanceof CryptoError) return false;
    throw e;
  }
}

export function Reprompt(p: { session: UnlockedSession; name: string; onConfirmed: () => void }) {
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useFocus<HTMLInputElement>();

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (await masterPasswordMatches(p.session, password)) p.onConfirmed();
      else setError("That is not your master password.");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="inline-form" onSubmit={(e) => void submit(e)} aria-label={`Open ${p.name}`} noValidate>
      <p>This item asks for your master password before it opens.</p>
      <TextField
        label="Master password"
        type="password"
        value={password}
        onInput={setPassword}
        autoComplete="current-password"
        inputRef={input}
      />
      <Button type="submit" busy={busy}>
        Open item
      </Button>
      <ErrorMessage error={error} />
    </form>
  );
}
