// The key derivation (KDF) settings: PBKDF2-SHA256 or Argon2id and their costs, within the
// server's bounds. Changing them re-derives the master key from the same password and wraps the
// same user key under it (rekey.ts); every session ends and this tab signs in again.

import { useState } from "preact/hooks";
import { placeErrors } from "../app/forms";
import type { Account } from "../app/session";
import { Button, ErrorMessage, HiddenUsername, Notice, Progress, SelectField, TextField } from "../app/ui";
import type { AccountKeys, KdfConfig } from "./keys";
import { changeKdf } from "./rekey";

const PBKDF2 = 0;
const ARGON2ID = 1;

/** Where each type starts when chosen: today's recommended settings. */
const STARTING: Record<0 | 1, KdfConfig> = {
  [PBKDF2]: { kdf: PBKDF2, iterations: 600_000, memory: null, parallelism: null },
  [ARGON2ID]: { kdf: ARGON2ID, iterations: 3, memory: 64, parallelism: 4 },
};

/**
 * The server's bounds (PBKDF2 600,000 to 2,000,000 iterations; Argon2id 2 to 10 passes, 1 to
 * 16 lanes), except that memory starts at 16 MiB: clients refuse to sign in below that.
 */
const BOUNDS = {
  pbkdf2Iterations: [600_000, 2_000_000],
  argonIterations: [2, 10],
  argonMemory: [16, 1024],
  argonParallelism: [1, 16],
} as const;

export function describeKdf(kdf: KdfConfig): string {
  return kdf.kdf === PBKDF2
    ? `PBKDF2-SHA256 with ${kdf.iterations.toLocaleString("en")} iterations`
    : `Argon2id with ${kdf.iterations} iterations, ${kdf.memory ?? "?"} MiB of memory and ${kdf.parallelism ?? "?"} parallel lanes`;
}

export function KdfSettings(p: { account: Account; keys: AccountKeys }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <div class="account-subsection">
      <h3 id="kdf-heading">Key derivation</h3>
      <p>
        Your master key is derived with <strong>{describeKdf(p.account.kdf)}</strong>. Higher
        costs make guessing the password slower, and signing in on slow devices too.
      </p>
      {open ? (
        <KdfForm
          {...p}
          onCancel={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            setDone(true);
          }}
        />
      ) : (
        <>
          {done ? (
            <Notice kind="success">Your KDF settings have changed. Other browsers and apps must sign in again.</Notice>
          ) : null}
          <div class="actions">
            <Button kind="secondary" onClick={() => setOpen(true)}>
              Change KDF settings
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

type Field = "iterations" | "memory" | "parallelism" | "password";

/** Whole number within [min, max], or the sentence saying what is allowed. */
function checkWhole(label: string, raw: string, [min, max]: readonly [number, number]): string | null {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
    return `${label} must be a whole number from ${min.toLocaleString("en")} to ${max.toLocaleString("en")}.`;
  }
  return null;
}

function KdfForm(p: { account: Account; keys: AccountKeys; onCancel: () => void; onDone: () => void }) {
  const start = p.account.kdf;
  const [type, setType] = useState<0 | 1>(start.kdf);
  const [iterations, setIterations] = useState(String(start.iterations));
  const [memory, setMemory] = useState(String(start.memory ?? STARTING[ARGON2ID].memory));
  const [parallelism, setParallelism] = useState(String(start.parallelism ?? STARTING[ARGON2ID].parallelism));
  const [password, setPassword] = useState("");
  const [local, setLocal] = useState<Partial<Record<Field, string | undefined>>>({});
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const chooseType = (t: 0 | 1) => {
    setType(t);
    const s = t === start.kdf ? start : STARTING[t];
    setIterations(String(s.iterations));
    if (t === ARGON2ID) {
      setMemory(String(s.memory ?? 64));
      setParallelism(String(s.parallelism ?? 4));
    }
    setLocal({});
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const problems: Partial<Record<Field, string | undefined>> = {};
    const put = (f: Field, m: string | null) => {
      if (m) problems[f] = m;
    };
    if (type === PBKDF2) {
      put("iterations", checkWhole("Iterations", iterations, BOUNDS.pbkdf2Iterations));
    } else {
      put("iterations", checkWhole("Iterations", iterations, BOUNDS.argonIterations));
      put("memory", checkWhole("Memory", memory, BOUNDS.argonMemory));
      put("parallelism", checkWhole("Parallelism", parallelism, BOUNDS.argonParallelism));
    }
    if (!password) problems.password = "Enter your master password.";
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const kdf: KdfConfig =
      type === PBKDF2
        ? { kdf: PBKDF2, iterations: Number(iterations), memory: null, parallelism: null }
        : { kdf: ARGON2ID, iterations: Number(iterations), memory: Number(memory), parallelism: Number(parallelism) };
    setBusy(true);
    setProgress("Deriving your key with the new settings (this takes a few seconds)…");
    try {
      await changeKdf(p.account, p.keys, password, kdf);
      p.onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const placed = placeErrors(error, ["MasterPasswordHash"]);
  const field = (f: Field, label: string, value: string, set: (v: string) => void, hint: string) => (
    <TextField
      label={label}
      type="number"
      inputMode="numeric"
      name={`kdf-${f}`}
      value={value}
      onInput={(v) => {
        set(v);
        setLocal({ ...local, [f]: undefined });
      }}
      hint={hint}
      error={local[f]}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-busy={busy ? "true" : undefined}>
      <Notice kind="warning">
        Saving signs you out of every browser and app; they sign in again with the same master
        password.
      </Notice>
      <SelectField
        label="Key derivation function"
        value={type}
        options={[
          { value: PBKDF2, label: "PBKDF2-SHA256" },
          { value: ARGON2ID, label: "Argon2id" },
        ]}
        onChange={(v) => chooseType(v === ARGON2ID ? ARGON2ID : PBKDF2)}
      />
      {type === PBKDF2
        ? field("iterations", "Iterations", iterations, setIterations, "600,000 to 2,000,000.")
        : field("iterations", "Iterations", iterations, setIterations, "2 to 10 passes over the memory.")}
      {type === ARGON2ID ? (
        <>
          {field("memory", "Memory (MiB)", memory, setMemory, "16 to 1024 MiB; the browser needs this much while signing in.")}
          {field("parallelism", "Parallelism", parallelism, setParallelism, "1 to 16 lanes.")}
        </>
      ) : null}
      <HiddenUsername email={p.account.email} />
      <TextField
        label="Master password"
        type="password"
        name="password"
        autoComplete="current-password"
        value={password}
        onInput={(v) => {
          setPassword(v);
          setLocal({ ...local, password: undefined });
        }}
        error={local.password ?? placed.field("MasterPasswordHash")}
      />
      <ErrorMessage error={placed.action} />
      <Progress text={progress} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Update KDF settings
        </Button>
        <Button kind="secondary" onClick={p.onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
