// The profile: the account's display name. (Changing the e-mail address needs server routes
// Bulwark does not have yet, so it is not offered.)

import { useState } from "preact/hooks";
import { api } from "../api";
import { placeErrors } from "../app/forms";
import { refreshProfile } from "../app/session";
import { Button, ErrorMessage, Notice, TextField } from "../app/ui";

export function ProfileSection(p: { name: string; email: string }) {
  const [name, setName] = useState(p.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.put("/api/accounts/profile", { name: name.trim() || null });
      await refreshProfile();
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const placed = placeErrors(error, ["Name"]);
  return (
    <section class="panel" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <p class="hint">
        E-mail address: <strong>{p.email}</strong>
      </p>
      <form onSubmit={submit} noValidate>
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          maxLength={50}
          value={name}
          onInput={(v) => {
            setName(v);
            setSaved(false);
          }}
          error={placed.field("Name")}
        />
        <ErrorMessage error={placed.action} />
        {saved ? <Notice kind="success">Saved.</Notice> : null}
        <div class="actions">
          <Button type="submit" busy={busy}>
            Save
          </Button>
        </div>
      </form>
    </section>
  );
}
