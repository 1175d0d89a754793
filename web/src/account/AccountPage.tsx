// The signed-in user's account: their products (or how to get one), profile name, idle lock,
// fingerprint phrase, and the provider application.

import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import { fingerprintPhrase } from "../crypto";
import { placeErrors } from "../app/forms";
import { LOCK_CHOICES, describeMinutes, setLockMinutes, useLockMinutes } from "../app/idle";
import { products } from "../app/products";
import { href } from "../app/router";
import { type SessionState, lock, refreshProfile, signOut } from "../app/session";
import { Button, ErrorMessage, Notice, PageHeading, SelectField, TextField } from "../app/ui";
import { ProviderApplications } from "./ProviderApplications";
import { TwoStepSettings } from "./TwoStepSettings";

type Unlocked = Extract<SessionState, { status: "unlocked" }>;

export function AccountPage({ session }: { session: Unlocked }) {
  const { account, profile } = session;
  const list = products(profile);
  return (
    <div class="page">
      <PageHeading sub={`Signed in as ${account.email}.`}>Your account</PageHeading>
      <section class="panel" aria-labelledby="products-heading">
        <h2 id="products-heading">Your consoles</h2>
        {profile === null ? (
          <ProfileLoader />
        ) : list.length === 0 ? (
          <p>
            You don't administer an organization or belong to a provider yet. An invitation from
            an organization or a provider brings you in; to run your own provider,{" "}
            <Button kind="link" onClick={goToApplication}>
              apply to become a provider
            </Button>
            .
          </p>
        ) : (
          <ul class="product-cards">
            {list.map((p) => (
              <li key={`${p.kind}-${p.id}`}>
                <a class="product-card" href={href(p.path)}>
                  <span class="product-console">{p.console}</span>{" "}
                  <span class="product-name">{p.name}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ProfileForm name={account.name ?? ""} />
      <SecurityPanel userId={account.userId} publicKey={account.publicKey} />
      <TwoStepSettings email={account.email} />
      <ProviderApplications
        accountEmail={account.email}
        providerIds={(profile?.providers ?? []).map((p) => p.id)}
      />
    </div>
  );
}

/** Moves to the application form (an in-page link would change the hash route). */
function goToApplication() {
  const section = document.getElementById("become-provider")?.closest("section");
  section?.scrollIntoView({ block: "start" });
  const target = section?.querySelector<HTMLElement>("input, select, button") ?? null;
  target?.focus({ preventScroll: true });
}

function ProfileLoader() {
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    refreshProfile().catch(setError);
  };
  useEffect(load, []);
  return error ? (
    <>
      <ErrorMessage error={error} />
      <Button kind="secondary" onClick={load}>
        Try again
      </Button>
    </>
  ) : (
    <p role="status">Loading…</p>
  );
}

function ProfileForm(p: { name: string }) {
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

function SecurityPanel(p: { userId: string; publicKey: string | null }) {
  const minutes = useLockMinutes();
  const [phrase, setPhrase] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (p.userId && p.publicKey) {
      fingerprintPhrase(p.userId, p.publicKey)
        .then((words) => live && setPhrase(words))
        .catch(() => live && setPhrase(null));
    }
    return () => {
      live = false;
    };
  }, [p.userId, p.publicKey]);
  const choices = LOCK_CHOICES.some((c) => c.minutes === minutes)
    ? LOCK_CHOICES
    : [...LOCK_CHOICES, { minutes, label: describeMinutes(minutes) }];
  return (
    <section class="panel" aria-labelledby="security-heading">
      <h2 id="security-heading">Security</h2>
      <SelectField
        label="Lock after inactivity"
        value={minutes}
        options={choices.map((c) => ({ value: c.minutes, label: c.label }))}
        onChange={setLockMinutes}
        hint="Locking forgets your keys in this tab; unlock with your master password. A reload always locks."
      />
      {phrase ? (
        <div class="account-phrase">
          <h3 id="fingerprint-heading">Your fingerprint phrase</h3>
          <p class="hint">
            Administrators confirming you into an organization or provider see these words. Compare
            them when asked.
          </p>
          <p class="phrase" aria-labelledby="fingerprint-heading">
            {phrase}
          </p>
        </div>
      ) : null}
      <div class="actions">
        <Button kind="secondary" onClick={() => lock()}>
          Lock now
        </Button>
        <Button kind="secondary" onClick={() => signOut()}>
          Sign out
        </Button>
      </div>
    </section>
  );
}
