// Provider setup, from the link the operator's mail carries: the owner names the provider and
// the browser makes the provider key, wrapped for the owner's own public key (the server
// stores it as the owner's copy).

import { useState } from "preact/hooks";
import type { UnlockedSession } from "../app/areas";
import { looksLikeEmail, placeErrors } from "../app/forms";
import { navigate } from "../app/router";
import { refreshProfile } from "../app/session";
import { Button, ErrorMessage, PageHeading, Progress, TextField } from "../app/ui";
import { makeProviderKey } from "../crypto";
import { providerApi } from "./api";

export function ProviderSetup(p: { params: URLSearchParams; session: UnlockedSession }) {
  const providerId = p.params.get("providerId") ?? "";
  const token = p.params.get("token") ?? "";
  const [name, setName] = useState("");
  const [businessName, setBusinessName] = useState("");
  const [billingEmail, setBillingEmail] = useState(p.params.get("email") ?? p.session.account.email);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const placed = placeErrors(error, ["Name", "BusinessName", "BillingEmail"]);
  const publicKey = p.session.account.publicKey;

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) return setError("Give the provider a name.");
    if (!looksLikeEmail(billingEmail)) return setError("Give a billing e-mail address.");
    if (!publicKey) return setError("Your account has no key pair; sign in with an official app once to make one.");
    setBusy(true);
    try {
      const { key } = await makeProviderKey(publicKey);
      await providerApi.setup(providerId, {
        name: name.trim(),
        businessName: businessName.trim() || name.trim(),
        billingEmail: billingEmail.trim(),
        token,
        key,
      });
      await refreshProfile();
      navigate(`/providers/${providerId}/clients`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!providerId || !token) {
    return (
      <div class="page">
        <PageHeading>Set up your provider</PageHeading>
        <ErrorMessage error="This setup link is incomplete. Open the link from the mail again." />
      </div>
    );
  }
  return (
    <div class="page">
      <PageHeading sub="You were made the owner of a new provider. Name it to start.">
        Set up your provider
      </PageHeading>
      <form class="panel" onSubmit={(e) => void submit(e)} noValidate>
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
        <Progress text={busy ? "Creating the provider key…" : null} />
        <Button type="submit" busy={busy}>
          Set up provider
        </Button>
      </form>
    </div>
  );
}
