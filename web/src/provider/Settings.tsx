// Settings: the provider's name, business name and billing e-mail; deleting the provider,
// which asks for the master password again and needs every client removed first.

import { useState } from "preact/hooks";
import { masterPasswordHashFor, refreshProfile } from "../app/session";
import { navigate } from "../app/router";
import { looksLikeEmail, placeErrors } from "../app/forms";
import { Button, ErrorMessage, Notice, TextField } from "../app/ui";
import { api } from "../api";
import { providerApi } from "./api";
import type { ProviderAreaProps } from "./ProviderPortal";

export function Settings(p: ProviderAreaProps) {
  const [name, setName] = useState(p.provider.name ?? "");
  const [businessName, setBusinessName] = useState(p.provider.businessName ?? "");
  const [billingEmail, setBillingEmail] = useState(p.provider.billingEmail ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const placed = placeErrors(error, ["Name", "BusinessName", "BillingEmail"]);

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    if (!name.trim()) return setError("Give the provider a name.");
    if (!looksLikeEmail(billingEmail)) return setError("Give a billing e-mail address.");
    setBusy(true);
    try {
      await providerApi.update(p.id, {
        name: name.trim(),
        businessName: businessName.trim(),
        billingEmail: billingEmail.trim(),
      });
      setSaved(true);
      await refreshProfile();
      p.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <form class="panel" onSubmit={(e) => void save(e)} noValidate>
        <TextField label="Provider name" value={name} onInput={setName} maxLength={50} required error={placed.field("Name")} />
        <TextField
          label="Business name"
          value={businessName}
          onInput={setBusinessName}
          maxLength={50}
          optional
          error={placed.field("BusinessName")}
        />
        <TextField
          label="Billing e-mail"
          type="email"
          value={billingEmail}
          onInput={setBillingEmail}
          required
          error={placed.field("BillingEmail")}
        />
        <ErrorMessage error={placed.action} />
        {saved ? <Notice kind="success">The provider's settings were saved.</Notice> : null}
        <Button type="submit" busy={busy}>
          Save
        </Button>
      </form>
      <DeleteProvider providerId={p.id} name={p.provider.name ?? "this provider"} />
    </section>
  );
}

function DeleteProvider(p: { providerId: string; name: string }) {
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!password) return setError("Enter your master password to delete the provider.");
    setBusy(true);
    try {
      const masterPasswordHash = await masterPasswordHashFor(password);
      await api.delete<null>(`/api/providers/${encodeURIComponent(p.providerId)}`, {
        masterPasswordHash,
      });
      await refreshProfile();
      navigate("/");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel danger-zone" onSubmit={(e) => void submit(e)} aria-labelledby="delete-provider-title">
      <h3 id="delete-provider-title">Delete {p.name}</h3>
      <p>
        Deleting the provider removes its people's access to it. Remove every client first; the
        clients' organizations and data stay.
      </p>
      <TextField
        label="Master password"
        type="password"
        autoComplete="current-password"
        value={password}
        onInput={setPassword}
      />
      <ErrorMessage error={error} />
      <Button kind="danger" type="submit" busy={busy}>
        Delete provider
      </Button>
    </form>
  );
}
