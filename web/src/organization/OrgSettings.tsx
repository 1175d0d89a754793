// The organization's settings: what it is, its name and billing e-mail changed, and for owners
// its API key and deleting it.

import { useState } from "preact/hooks";
import { OrgUserType } from "../api";
import { looksLikeEmail, placeErrors } from "../app/forms";
import { refreshProfile } from "../app/session";
import { Button, ErrorMessage, Notice, Progress, TextField } from "../app/ui";
import type { OrgAreaProps } from "./AdminConsole";
import { DeleteOrganization } from "./DeleteOrganization";
import { useAreaLoad } from "./errors";
import { OrgApiKey } from "./OrgApiKey";
import { MEMBER_TYPE_NAMES, type OrgDetails, orgApi } from "./api";

export function OrgSettings(p: OrgAreaProps) {
  const [generation, setGeneration] = useState(0);
  const { data, error } = useAreaLoad<OrgDetails>(() => orgApi.details(p.id), [p.id, generation]);
  const [saved, setSaved] = useState(false);
  const role = p.session.profile?.organizations?.find((o) => o.id === p.id);
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      {saved ? <Notice kind="success">The organization was saved.</Notice> : null}
      <ErrorMessage error={error} />
      {data === null && error === null ? <Progress text="Loading the organization…" /> : null}
      {data !== null ? (
        <>
          <dl class="panel item-fields">
            <dt>Name</dt>
            <dd>{data.name}</dd>
            <dt>Billing e-mail</dt>
            <dd>{data.billingEmail ?? "—"}</dd>
            <dt>Seats</dt>
            <dd>{data.seats ?? "Unlimited"}</dd>
            <dt>Collections allowed</dt>
            <dd>{data.maxCollections ?? "Unlimited"}</dd>
            <dt>Your role</dt>
            <dd>{role ? (MEMBER_TYPE_NAMES[role.type] ?? "Member") : "Provider staff (as an owner)"}</dd>
          </dl>
          <EditOrganization
            key={`${data.name}|${data.billingEmail ?? ""}`}
            orgId={p.id}
            org={data}
            onSaved={() => {
              setSaved(true);
              setGeneration((g) => g + 1);
              // The heading and the product switcher read the name from the profile.
              refreshProfile().catch(() => undefined);
            }}
          />
          {role?.type === OrgUserType.Owner ? (
            <>
              <OrgApiKey orgId={p.id} />
              <DeleteOrganization orgId={p.id} orgName={data.name} />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function EditOrganization(p: { orgId: string; org: OrgDetails; onSaved: () => void }) {
  const [name, setName] = useState(p.org.name);
  const [billingEmail, setBillingEmail] = useState(p.org.billingEmail ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const placed = placeErrors(error, ["Name", "BillingEmail"]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) return setError("Give the organization a name.");
    if (!looksLikeEmail(billingEmail)) return setError("Give a billing e-mail address.");
    setBusy(true);
    try {
      await orgApi.update(p.orgId, { name: name.trim(), billingEmail: billingEmail.trim() });
      p.onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby="edit-org-title" noValidate>
      <h3 id="edit-org-title">Change the organization</h3>
      <TextField label="Organization name" value={name} onInput={setName} maxLength={50} error={placed.field("Name")} />
      <TextField
        label="Billing e-mail"
        type="email"
        value={billingEmail}
        onInput={setBillingEmail}
        error={placed.field("BillingEmail")}
      />
      <ErrorMessage error={placed.action} />
      <Button type="submit" busy={busy}>
        Save
      </Button>
    </form>
  );
}
