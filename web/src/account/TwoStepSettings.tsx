// Two-step login with an authenticator app (TOTP): turn it on (the key to add to the app, as
// a QR code drawn here and as text, and a current code to prove it), see the recovery code,
// turn it off. Each step that the server
// guards asks for the master password, whose hash (never the password) is sent.

import { useEffect, useState } from "preact/hooks";
import { type ListResponse, api } from "../api";
import { placeErrors } from "../app/forms";
import { Button, ErrorMessage, Notice, Progress, TextField, useFocus } from "../app/ui";
import { ConfirmPassword } from "./ConfirmPassword";
import { QrCode } from "./QrCode";

const AUTHENTICATOR = 0;

interface ProviderRow {
  type: number;
  enabled: boolean;
}

interface AuthenticatorSetup {
  key: string;
  userVerificationToken?: string;
}

type View =
  | { kind: "idle" }
  | { kind: "confirm"; purpose: "setup" | "disable" | "recover" }
  | { kind: "setup"; key: string; token: string | null; hash: string }
  | { kind: "recovery"; code: string | null };

/** The key in groups of four, as authenticator apps show and accept it. */
function grouped(key: string): string {
  return key.replace(/\s+/g, "").replace(/(.{4})/g, "$1 ").trim();
}

export function TwoStepSettings(p: { email: string }) {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [view, setView] = useState<View>({ kind: "idle" });
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setLoadError(null);
    api
      .get<ListResponse<ProviderRow>>("/api/two-factor")
      .then((l) => live && setEnabled(l.data.some((r) => r.type === AUTHENTICATOR && r.enabled)))
      .catch((e: unknown) => live && setLoadError(e));
    return () => {
      live = false;
    };
  }, [reload]);

  const afterConfirm = async (purpose: "setup" | "disable" | "recover", hash: string) => {
    if (purpose === "setup") {
      const r = await api.post<AuthenticatorSetup>("/api/two-factor/get-authenticator", {
        masterPasswordHash: hash,
      });
      setView({ kind: "setup", key: r.key, token: r.userVerificationToken ?? null, hash });
    } else if (purpose === "disable") {
      await api.post("/api/two-factor/disable", { type: AUTHENTICATOR, masterPasswordHash: hash });
      setEnabled(false);
      setView({ kind: "idle" });
    } else {
      const r = await api.post<{ code: string | null }>("/api/two-factor/get-recover", {
        masterPasswordHash: hash,
      });
      setView({ kind: "recovery", code: r.code });
    }
  };

  return (
    <section class="panel" aria-labelledby="two-step-heading">
      <h2 id="two-step-heading">Two-step login</h2>
      {loadError ? (
        <>
          <ErrorMessage error={loadError} />
          <Button kind="secondary" onClick={() => setReload(reload + 1)}>
            Try again
          </Button>
        </>
      ) : enabled === null ? (
        <p role="status">Loading…</p>
      ) : view.kind === "confirm" ? (
        <ConfirmPassword
          email={p.email}
          action={
            view.purpose === "setup"
              ? "Continue"
              : view.purpose === "disable"
                ? "Turn off two-step login"
                : "Show recovery code"
          }
          onConfirmed={(hash) => afterConfirm(view.purpose, hash)}
          onCancel={() => setView({ kind: "idle" })}
        />
      ) : view.kind === "setup" ? (
        <EnableAuthenticator
          setup={view}
          email={p.email}
          onEnabled={async () => {
            setEnabled(true);
            const r = await api
              .post<{ code: string | null }>("/api/two-factor/get-recover", { masterPasswordHash: view.hash })
              .catch(() => ({ code: null }));
            setView({ kind: "recovery", code: r.code });
          }}
          onCancel={() => setView({ kind: "idle" })}
        />
      ) : view.kind === "recovery" ? (
        <>
          <Notice kind="success">
            {view.code ? (
              <>
                Your recovery code: <strong class="phrase">{view.code}</strong>. Keep it somewhere
                safe: it signs you in if you lose your authenticator app, and turns two-step login
                off.
              </>
            ) : (
              "There is no recovery code: two-step login was never turned on."
            )}
          </Notice>
          <div class="actions">
            <Button kind="secondary" onClick={() => setView({ kind: "idle" })}>
              Done
            </Button>
          </div>
        </>
      ) : enabled ? (
        <>
          <p>
            Two-step login is <strong>on</strong>: signing in asks for a code from your authenticator
            app.
          </p>
          <div class="actions">
            <Button kind="secondary" onClick={() => setView({ kind: "confirm", purpose: "recover" })}>
              View recovery code
            </Button>
            <Button kind="secondary" onClick={() => setView({ kind: "confirm", purpose: "disable" })}>
              Turn off
            </Button>
          </div>
        </>
      ) : (
        <>
          <p>
            Two-step login is <strong>off</strong>. With it on, signing in also asks for a code from
            an authenticator app on your phone.
          </p>
          <div class="actions">
            <Button kind="secondary" onClick={() => setView({ kind: "confirm", purpose: "setup" })}>
              Set up authenticator app
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function EnableAuthenticator(p: {
  setup: { key: string; token: string | null; hash: string };
  email: string;
  onEnabled: () => Promise<void>;
  onCancel: () => void;
}) {
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ref = useFocus<HTMLInputElement>(true);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const token = code.replace(/\s+/g, "");
    if (!token) {
      setError("Enter the 6-digit code your app shows.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { key: p.setup.key, token };
      if (p.setup.token) body["userVerificationToken"] = p.setup.token;
      else body["masterPasswordHash"] = p.setup.hash;
      await api.put("/api/two-factor/authenticator", body);
      setProgress("Two-step login is on.");
      await p.onEnabled();
    } catch (err) {
      setError(err);
      ref.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  const placed = placeErrors(error, ["Token"]);
  const uri = `otpauth://totp/Bulwark:${encodeURIComponent(p.email)}?secret=${p.setup.key}&issuer=Bulwark`;
  return (
    <form onSubmit={submit} noValidate>
      <p>
        Scan this QR code with your authenticator app, or type the key below into it (as a
        time-based key); then enter the code it shows.
      </p>
      <QrCode text={uri} label="QR code for your authenticator app" />
      <p class="account-phrase">
        <span id="authenticator-key-label">Authenticator key</span>
        <span class="phrase" aria-labelledby="authenticator-key-label" data-key={p.setup.key}>
          {grouped(p.setup.key)}
        </span>
      </p>
      <p class="hint spaced">
        Or paste this address into an app that takes one: <code class="uri">{uri}</code>
      </p>
      <TextField
        label="Authenticator code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onInput={setCode}
        inputRef={ref}
        error={placed.field("Token")}
      />
      <ErrorMessage error={placed.action} />
      <Progress text={progress} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Turn on
        </Button>
        <Button kind="secondary" onClick={p.onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
