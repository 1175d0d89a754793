// "Become a provider": a signed-in user applies (business name, billing e-mail, type, expected
// clients) and follows the operator's decision: pending, approved or rejected.

import { useEffect, useState } from "preact/hooks";
import { type ProviderApplication, ProviderType, api } from "../api";
import { placeErrors } from "../app/forms";
import { href } from "../app/router";
import { Button, ErrorMessage, Notice, SelectField, TextField } from "../app/ui";

const TYPE_OPTIONS = [
  { value: ProviderType.Msp, label: "Managed service provider (MSP)" },
  { value: ProviderType.Reseller, label: "Reseller" },
  { value: ProviderType.BusinessUnit, label: "Business unit" },
] as const;

function typeLabel(t: number): string {
  return TYPE_OPTIONS.find((o) => o.value === t)?.label ?? `Type ${t}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, { dateStyle: "medium" });
}

const STATUS = {
  0: { label: "Pending review", cls: "badge-pending" },
  1: { label: "Approved", cls: "badge-approved" },
  2: { label: "Rejected", cls: "badge-rejected" },
} as const;

export function ProviderApplications(p: {
  accountEmail: string;
  /** Providers the user already belongs to (ids), to link an approved application. */
  providerIds: readonly string[];
}) {
  const [apps, setApps] = useState<ProviderApplication[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setLoadError(null);
    api
      .providerApplications()
      .then((a) => live && setApps(a))
      .catch((e: unknown) => live && setLoadError(e));
    return () => {
      live = false;
    };
  }, [reload]);

  const pending = apps?.some((a) => a.status === 0) ?? false;
  const approved = apps?.some((a) => a.status === 1) ?? false;
  const [another, setAnother] = useState(false);
  return (
    <section class="panel" aria-labelledby="become-provider">
      <h2 id="become-provider">Become a provider</h2>
      <p>
        Providers (managed service providers, resellers and business units) manage the
        organizations of their clients from the Provider Portal. Apply here; the operator of this
        server reviews each application and, once approved, e-mails you a link to set your
        provider up.
      </p>
      {loadError ? (
        <>
          <ErrorMessage error={loadError} />
          <Button kind="secondary" onClick={() => setReload(reload + 1)}>
            Try again
          </Button>
        </>
      ) : apps === null ? (
        <p role="status">Loading your applications…</p>
      ) : (
        <>
          {apps.length > 0 ? (
            <ApplicationList apps={apps} providerIds={p.providerIds} />
          ) : null}
          {pending ? (
            <Notice>Your application is waiting for the operator's decision.</Notice>
          ) : approved && !another ? (
            <div class="actions">
              <Button kind="secondary" onClick={() => setAnother(true)}>
                Apply for another provider
              </Button>
            </div>
          ) : (
            <ApplicationForm
              accountEmail={p.accountEmail}
              onSubmitted={(a) => {
                setAnother(false);
                setApps([a, ...apps]);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function ApplicationList(p: { apps: ProviderApplication[]; providerIds: readonly string[] }) {
  return (
    <ul class="application-list" aria-label="Your provider applications">
      {p.apps.map((a) => {
        const s = STATUS[a.status] ?? STATUS[0];
        return (
          <li key={a.id} class="application">
            <div class="application-head">
              <strong class="application-name">{a.businessName}</strong>
              <span class={`badge ${s.cls}`}>{s.label}</span>
            </div>
            <p class="application-meta">
              {typeLabel(a.type)} · {a.expectedClients} expected clients · billing {a.billingEmail}
              {" · "}submitted {formatDate(a.creationDate)}
              {a.decisionDate ? ` · decided ${formatDate(a.decisionDate)}` : ""}
            </p>
            {a.status === 1 ? (
              a.providerId && p.providerIds.includes(a.providerId) ? (
                <p>
                  <a href={href(`/providers/${a.providerId}`)}>Open the Provider Portal</a>
                </p>
              ) : (
                <p>Approved: open the setup link we e-mailed you to finish setting up your provider.</p>
              )
            ) : null}
            {a.status === 2 ? <p>The operator declined this application. You can apply again.</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

function ApplicationForm(p: { accountEmail: string; onSubmitted: (a: ProviderApplication) => void }) {
  const [businessName, setBusinessName] = useState("");
  const [billingEmail, setBillingEmail] = useState(p.accountEmail);
  const [type, setType] = useState<number>(ProviderType.Msp);
  const [expected, setExpected] = useState("10");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<{ name?: string | undefined; expected?: string | undefined }>({});

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const n = Number(expected);
    const problems: typeof local = {};
    if (!businessName.trim()) problems.name = "Enter your business name.";
    if (!expected.trim() || !Number.isInteger(n) || n < 0) {
      problems.expected = "Enter a whole number of clients (0 or more).";
    }
    setLocal(problems);
    if (problems.name || problems.expected) return;
    setBusy(true);
    try {
      const a = await api.applyForProvider({
        businessName: businessName.trim(),
        billingEmail: billingEmail.trim(),
        type,
        expectedClients: n,
      });
      p.onSubmitted(a);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const placed = placeErrors(error, ["BusinessName", "BillingEmail", "Type", "ExpectedClients"]);
  return (
    <form onSubmit={submit} noValidate class="application-form" aria-label="Provider application">
      <TextField
        label="Business name"
        name="businessName"
        autoComplete="organization"
        required
        maxLength={50}
        value={businessName}
        onInput={(v) => {
          setBusinessName(v);
          setLocal({ ...local, name: undefined });
        }}
        error={local.name ?? placed.field("BusinessName")}
      />
      <TextField
        label="Billing email"
        type="email"
        name="billingEmail"
        autoComplete="email"
        inputMode="email"
        required
        maxLength={256}
        value={billingEmail}
        onInput={setBillingEmail}
        error={placed.field("BillingEmail")}
      />
      <SelectField
        label="Provider type"
        value={type}
        options={TYPE_OPTIONS}
        onChange={setType}
        error={placed.field("Type")}
      />
      <TextField
        label="Expected number of clients"
        type="number"
        name="expectedClients"
        inputMode="numeric"
        min={0}
        required
        value={expected}
        onInput={(v) => {
          setExpected(v);
          setLocal({ ...local, expected: undefined });
        }}
        error={local.expected ?? placed.field("ExpectedClients")}
      />
      <ErrorMessage error={placed.action} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Apply to become a provider
        </Button>
      </div>
    </form>
  );
}
