// Sign in: e-mail and master password, the KDF in the worker, the password grant, and the
// authenticator-code step when two-step login is on. Keys stay in memory (see app/session.ts).

import { useRef, useState } from "preact/hooks";
import { TwoFactorRequiredError } from "../api";
import { href, navigateTo, safeNext } from "../app/router";
import {
  type LoginAttempt,
  finishLogin,
  rememberedEmail,
  setRememberedEmail,
  startLogin,
} from "../app/session";
import { looksLikeEmail, placeErrors } from "../app/forms";
import {
  Button,
  Checkbox,
  ErrorMessage,
  Notice,
  PageHeading,
  Progress,
  TextField,
  useFocus,
} from "../app/ui";

const AUTHENTICATOR = 0;
const RECOVERY_CODE = 8;

interface Props {
  params: URLSearchParams;
  /** Shown above the form (why the user must sign in: session ended, invitation, ...). */
  reason?: string | null;
  signupsOpen: boolean | null;
}

export function LoginPage({ params, reason, signupsOpen }: Props) {
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState(params.get("email") ?? rememberedEmail());
  const [password, setPassword] = useState("");
  const [remember, setRemember] = useState(rememberedEmail() !== "" || !params.get("email"));
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState<LoginAttempt | null>(null);
  const [providers, setProviders] = useState<readonly number[]>([]);
  // Where focus starts is decided once: typing the first letter of the address must not move it.
  const [emailKnown] = useState(Boolean(email));
  const emailRef = useFocus<HTMLInputElement>(!emailKnown);
  const passwordRef = useFocus<HTMLInputElement>(emailKnown);
  const busyRef = useRef(false);

  const done = () => {
    setRememberedEmail(remember ? email.trim() : null);
    navigateTo(next ?? "/", true);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busyRef.current) return;
    setError(null);
    setEmailError(null);
    if (!looksLikeEmail(email)) {
      setEmailError("Enter your e-mail address, like name@example.com.");
      return;
    }
    if (!password) {
      setError("Enter your master password.");
      passwordRef.current?.focus();
      return;
    }
    busyRef.current = true;
    setBusy(true);
    let a: LoginAttempt | null = null;
    try {
      setProgress("Deriving your key from the master password…");
      a = await startLogin(email, password);
      setProgress("Signing in…");
      await finishLogin(a);
      done();
    } catch (err) {
      if (err instanceof TwoFactorRequiredError && a) {
        setAttempt(a);
        setProviders(err.providers);
      } else {
        setError(err);
      }
    } finally {
      busyRef.current = false;
      setBusy(false);
      setProgress(null);
    }
  };

  if (attempt) {
    return (
      <TwoStep
        attempt={attempt}
        providers={providers}
        onDone={done}
        onBack={() => {
          setAttempt(null);
          setPassword("");
        }}
      />
    );
  }

  const placed = placeErrors(error, ["Email", "Username"]);
  return (
    <section class="card narrow">
      <PageHeading sub="Sign in to your Bulwark account.">Sign in</PageHeading>
      {reason ? <Notice kind="warning">{reason}</Notice> : null}
      {params.get("registered") ? (
        <Notice kind="success">Your account is ready. Sign in with your master password.</Notice>
      ) : null}
      <form onSubmit={submit} noValidate aria-busy={busy ? "true" : undefined}>
        <TextField
          label="Email address"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          onInput={(v) => {
            setEmail(v);
            setEmailError(null);
          }}
          inputRef={emailRef}
          error={emailError ?? placed.field("Email") ?? placed.field("Username")}
        />
        <TextField
          label="Master password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={setPassword}
          inputRef={passwordRef}
        />
        <Checkbox label="Remember email" checked={remember} onChange={setRemember} />
        <ErrorMessage error={placed.action} />
        <Progress text={progress} />
        <div class="actions">
          <Button type="submit" busy={busy}>
            Sign in
          </Button>
        </div>
      </form>
      <p class="aside">
        {signupsOpen !== false ? (
          <>
            New here? <a href={href("/register", { email, next })}>Create account</a>
          </>
        ) : (
          "This server takes new accounts by invitation only."
        )}
      </p>
    </section>
  );
}

function TwoStep(p: {
  attempt: LoginAttempt;
  providers: readonly number[];
  onDone: () => void;
  onBack: () => void;
}) {
  const canAuthenticator = p.providers.includes(AUTHENTICATOR);
  const [provider, setProvider] = useState(canAuthenticator ? AUTHENTICATOR : RECOVERY_CODE);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const codeRef = useFocus<HTMLInputElement>(true);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const token = provider === AUTHENTICATOR ? code.replace(/\s+/g, "") : code.trim();
    if (!token) {
      setError(provider === AUTHENTICATOR ? "Enter the 6-digit code from your authenticator app." : "Enter your recovery code.");
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await finishLogin(p.attempt, { token, provider, remember: false });
      p.onDone();
    } catch (err) {
      if (err instanceof TwoFactorRequiredError) {
        setError("The server asked for the code again. Check it and try again.");
      } else {
        setError(err);
      }
      codeRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const isAuthenticator = provider === AUTHENTICATOR;
  return (
    <section class="card narrow">
      <PageHeading sub={`Signing in as ${p.attempt.email}.`}>Two-step login</PageHeading>
      {!canAuthenticator ? (
        <Notice kind="warning">
          This account's two-step method can't be used in this portal yet. Sign in with your
          recovery code, or use a Bitwarden app.
        </Notice>
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextField
          label={isAuthenticator ? "Authenticator code" : "Recovery code"}
          hint={
            isAuthenticator
              ? "Open your authenticator app and enter the 6-digit code for this account."
              : "The recovery code turns two-step login off for this account."
          }
          name="code"
          autoComplete="one-time-code"
          inputMode={isAuthenticator ? "numeric" : "text"}
          required
          value={code}
          onInput={setCode}
          inputRef={codeRef}
        />
        <ErrorMessage error={error} />
        <div class="actions">
          <Button type="submit" busy={busy}>
            Continue
          </Button>
          <Button kind="secondary" onClick={p.onBack} disabled={busy}>
            Back
          </Button>
        </div>
      </form>
      {canAuthenticator ? (
        <p class="aside">
          <Button
            kind="link"
            onClick={() => {
              setProvider(isAuthenticator ? RECOVERY_CODE : AUTHENTICATOR);
              setCode("");
              setError(null);
              codeRef.current?.focus();
            }}
          >
            {isAuthenticator ? "Use a recovery code instead" : "Use the authenticator app instead"}
          </Button>
        </p>
      ) : null}
    </section>
  );
}
