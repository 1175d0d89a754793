// The profile: the account's display name, and its e-mail address. The address is the salt of
// the master key, so changing it re-derives the master key in the browser (same password, same
// KDF) and wraps the same user key under it: nothing in the vault changes, but every session
// ends and this tab signs in again as the new address. A code mailed to the new address proves
// it belongs to the person asking.

import { useState } from "preact/hooks";
import { api } from "../api";
import { looksLikeEmail, placeErrors } from "../app/forms";
import { type Account, masterPasswordHashFor, refreshProfile, useSession } from "../app/session";
import { Button, ErrorMessage, HiddenUsername, Notice, Progress, TextField, useFocus } from "../app/ui";
import { type AccountKeys, normalizeEmail } from "./keys";
import { rewrap, signInAgain } from "./rekey";

export function ProfileSection(p: { name: string; email: string }) {
  const session = useSession();
  return (
    <section class="panel" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <p class="hint">
        E-mail address: <strong>{p.email}</strong>
      </p>
      <NameForm name={p.name} />
      {session.status === "unlocked" ? <ChangeEmail account={session.account} keys={session.keys} /> : null}
    </section>
  );
}

function NameForm(p: { name: string }) {
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
  );
}

/** Where the change stands: not started, a code on its way to `address`, or done. */
type Step = { kind: "idle" } | { kind: "code"; address: string; password: string } | { kind: "done"; address: string };

function ChangeEmail(p: { account: Account; keys: AccountKeys }) {
  const [step, setStep] = useState<Step>({ kind: "idle" });
  return (
    <div class="account-subsection">
      <h3>E-mail address</h3>
      {step.kind === "code" ? (
        <CodeForm
          {...p}
          address={step.address}
          password={step.password}
          onCancel={() => setStep({ kind: "idle" })}
          onDone={() => setStep({ kind: "done", address: step.address })}
        />
      ) : (
        <AddressForm
          email={p.account.email}
          done={step.kind === "done" ? step.address : null}
          onSent={(address, password) => setStep({ kind: "code", address, password })}
        />
      )}
    </div>
  );
}

type AddressProblems = { address?: string | undefined; password?: string | undefined };

/** Step one: the new address and the master password; the server mails a code there. */
function AddressForm(p: { email: string; done: string | null; onSent: (address: string, password: string) => void }) {
  const [address, setAddress] = useState("");
  const [password, setPassword] = useState("");
  const [local, setLocal] = useState<AddressProblems>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const problems: AddressProblems = {};
    if (!looksLikeEmail(address)) problems.address = "Enter an e-mail address like name@example.com.";
    else if (normalizeEmail(address) === normalizeEmail(p.email)) problems.address = "This is already your e-mail address.";
    if (!password) problems.password = "Enter your master password.";
    setLocal(problems);
    if (problems.address || problems.password) return;
    setBusy(true);
    try {
      const normalized = normalizeEmail(address);
      await api.post("/api/accounts/email-token", {
        masterPasswordHash: await masterPasswordHashFor(password),
        newEmail: normalized,
      });
      p.onSent(normalized, password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const placed = placeErrors(error, ["NewEmail", "MasterPasswordHash"]);
  return (
    <form onSubmit={submit} noValidate aria-busy={busy ? "true" : undefined}>
      {p.done ? (
        <Notice kind="success">
          Your e-mail address is now {p.done}. Other browsers and apps must sign in again with it.
        </Notice>
      ) : null}
      <p>
        Your e-mail address is part of your encryption key, so changing it signs you out of every
        browser and app; this tab signs in again with the new one. Your items stay as they are.
      </p>
      <HiddenUsername email={p.email} />
      <TextField
        label="New e-mail address"
        type="email"
        name="new-email"
        autoComplete="email"
        inputMode="email"
        maxLength={256}
        value={address}
        onInput={(v) => {
          setAddress(v);
          setLocal({ ...local, address: undefined });
        }}
        error={local.address ?? placed.field("NewEmail")}
      />
      <TextField
        label="Master password"
        type="password"
        name="current-password"
        autoComplete="current-password"
        value={password}
        onInput={(v) => {
          setPassword(v);
          setLocal({ ...local, password: undefined });
        }}
        error={local.password ?? placed.field("MasterPasswordHash")}
      />
      <ErrorMessage error={placed.action} />
      <div class="actions">
        <Button type="submit" kind="secondary" busy={busy}>
          Send a code to the new address
        </Button>
      </div>
    </form>
  );
}

/**
 * Step two: the mailed code. The browser derives the master key with the new address as salt,
 * wraps the same user key under it and sends that with the code; then signs in again as the
 * new address (or signs out saying why, when two-step login needs a code).
 */
function CodeForm(p: {
  account: Account;
  keys: AccountKeys;
  address: string;
  password: string;
  onCancel: () => void;
  onDone: () => void;
}) {
  const [code, setCode] = useState("");
  const [local, setLocal] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const codeRef = useFocus<HTMLInputElement>(true);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (!code.trim()) {
      setLocal("Enter the code from the mail.");
      return codeRef.current?.focus();
    }
    setBusy(true);
    setProgress("Deriving your new key (this takes a few seconds)…");
    try {
      const currentHash = await masterPasswordHashFor(p.password);
      const moved: Account = { ...p.account, email: p.address, salt: p.address };
      const { derived, protectedUserKey } = await rewrap(moved, p.keys, p.password, p.account.kdf);
      await api.post("/api/accounts/email", {
        masterPasswordHash: currentHash,
        newEmail: p.address,
        token: code.trim(),
        newMasterPasswordHash: derived.hash,
        key: protectedUserKey,
      });
      await signInAgain(moved, p.account.kdf, derived, "Your e-mail address has changed.");
      p.onDone();
    } catch (err) {
      setError(err);
      codeRef.current?.focus();
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  const placed = placeErrors(error, ["Token"]);
  return (
    <form onSubmit={submit} noValidate aria-busy={busy ? "true" : undefined}>
      <Notice kind="info">
        We sent a code to {p.address}. Enter it here within one hour. (No mail? Check the address,
        then start again.)
      </Notice>
      <TextField
        label="Code from the mail"
        name="email-code"
        autoComplete="one-time-code"
        maxLength={2000}
        value={code}
        onInput={(v) => {
          setCode(v);
          setLocal(undefined);
          setError(null);
        }}
        inputRef={codeRef}
        error={local ?? placed.field("Token")}
      />
      <ErrorMessage error={placed.action} />
      <Progress text={progress} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Change e-mail address
        </Button>
        <Button kind="secondary" onClick={p.onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
