// "+ Add": a new client organization (any provider member, within the seats the provider pays
// for unless a Provider Admin), or an organization the user already owns (Provider Admins). A new client's
// org key, key pair and default collection name are made here and the org key goes to the
// server wrapped with the provider key; an existing org's key is unwrapped from the user's own
// membership and wrapped with the provider key the same way.

import { useEffect, useState } from "preact/hooks";
import { placeErrors, looksLikeEmail } from "../app/forms";
import { Button, ErrorMessage, Progress, SelectField, TextField } from "../app/ui";
import {
  makeProviderClientKeys,
  unwrapSymmetricKeyWithPrivateKey,
  wrapSymmetricKey,
} from "../crypto";
import { type AddableOrganization, CLIENT_PLANS, providerApi } from "./api";
import type { ProviderAreaProps } from "./ProviderPortal";

interface Props extends ProviderAreaProps {
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function AddClient(p: Props) {
  const [mode, setMode] = useState<"new" | "existing">("new");
  return (
    <div class="panel" role="region" aria-labelledby="add-client-title">
      <h3 id="add-client-title">Add a client</h3>
      {p.isAdmin ? (
      <div class="segmented" role="group" aria-label="Kind of client">
        <Button
          kind={mode === "new" ? "primary" : "secondary"}
          aria-pressed={mode === "new"}
          onClick={() => setMode("new")}
        >
          New client
        </Button>
        <Button
          kind={mode === "existing" ? "primary" : "secondary"}
          aria-pressed={mode === "existing"}
          onClick={() => setMode("existing")}
        >
          Existing organization
        </Button>
      </div>
      ) : null}
      {mode === "new" ? <NewClient {...p} /> : <ExistingOrganization {...p} />}
    </div>
  );
}

function NewClient(p: Props) {
  const [name, setName] = useState("");
  const [ownerEmail, setOwnerEmail] = useState("");
  const [planType, setPlanType] = useState<number>(CLIENT_PLANS[0].type);
  const [seats, setSeats] = useState("10");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const placed = placeErrors(error, ["Name", "OwnerEmail", "PlanType", "Seats"]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const seatCount = Number.parseInt(seats, 10);
    if (!name.trim()) return setError("Give the client a name.");
    if (!looksLikeEmail(ownerEmail)) return setError("Give the owner's e-mail address.");
    if (!Number.isInteger(seatCount) || seatCount < 1) return setError("Seats must be at least 1.");
    if (!p.providerKey) return setError("Your provider key is not available yet: a Provider Admin must confirm you first.");
    setBusy(true);
    try {
      const keys = await makeProviderClientKeys(p.providerKey, "Default collection");
      await providerApi.createClient(p.id, {
        name: name.trim(),
        ownerEmail: ownerEmail.trim(),
        planType,
        seats: seatCount,
        key: keys.key,
        keyPair: keys.keyPair,
        collectionName: keys.collectionName,
      });
      p.onDone(`${name.trim()} was created; ${ownerEmail.trim()} is invited as its owner.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <TextField label="Client name" value={name} onInput={setName} maxLength={50} required error={placed.field("Name")} />
      <TextField
        label="Owner e-mail"
        type="email"
        value={ownerEmail}
        onInput={setOwnerEmail}
        autoComplete="off"
        required
        error={placed.field("OwnerEmail")}
        hint="The client's owner is invited by e-mail and joins with their own account."
      />
      <SelectField
        label="Plan"
        value={planType}
        options={CLIENT_PLANS.map((x) => ({ value: x.type, label: x.label }))}
        onChange={setPlanType}
        error={placed.field("PlanType")}
      />
      <TextField
        label="Seats"
        type="number"
        inputMode="numeric"
        min={1}
        value={seats}
        onInput={setSeats}
        required
        error={placed.field("Seats")}
      />
      <ErrorMessage error={placed.action} />
      <Progress text={busy ? "Creating the client's keys…" : null} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Create client
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function ExistingOrganization(p: Props) {
  const [orgs, setOrgs] = useState<AddableOrganization[] | null>(null);
  const [chosen, setChosen] = useState<string>("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    providerApi
      .addable(p.id)
      .then((list) => {
        if (!live) return;
        setOrgs(list);
        setChosen(list.find((o) => !o.disabled)?.id ?? "");
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [p.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const org = orgs?.find((o) => o.id === chosen);
    const membership = p.session.profile?.organizations?.find((o) => o.id === chosen);
    const privateKey = p.session.keys.privateKey;
    if (!org || !membership?.key || !privateKey) return setError("Choose an organization you own.");
    if (!p.providerKey) return setError("Your provider key is not available yet.");
    setBusy(true);
    try {
      const orgKey = await unwrapSymmetricKeyWithPrivateKey(privateKey, membership.key);
      await providerApi.addExisting(p.id, org.id, await wrapSymmetricKey(p.providerKey, orgKey));
      p.onDone(`${org.name} is now a client of this provider.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (orgs === null) {
    return error ? <ErrorMessage error={error} /> : <Progress text="Loading your organizations…" />;
  }
  if (orgs.length === 0) {
    return (
      <p>
        You own no organization that can be added: it must be on a Teams or Enterprise plan and
        not belong to a provider already.
      </p>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)}>
      <SelectField
        label="Organization"
        value={chosen}
        options={orgs.map((o) => ({
          value: o.id,
          label: `${o.name} (${o.plan}${o.disabled ? ", needs more seats than you may buy" : ""})`,
        }))}
        onChange={setChosen}
      />
      <ErrorMessage error={error} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Add organization
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
