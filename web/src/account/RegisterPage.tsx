// Create an account. Open registration is two steps, as the server takes it: the e-mail and
// name first (the server either answers with a registration token, or mails a link to
// /#/finish-signup when it verifies addresses), then the master password. An invitation link
// (organization or provider) or the mailed link goes straight to the password step, also when
// open registration is off. New accounts use Argon2id (3 passes, 64 MiB, 4 lanes), derived in
// the worker; after registering the user is signed in with the key just derived.

import { useMemo, useRef, useState } from "preact/hooks";
import { type RegisterFinishRequest, api } from "../api";
import { looksLikeEmail, placeErrors } from "../app/forms";
import { href, navigate, navigateTo, safeNext } from "../app/router";
import { finishLogin, setRememberedEmail } from "../app/session";
import {
  Button,
  ErrorMessage,
  Notice,
  PageHeading,
  Progress,
  TextField,
  useFocus,
  useId,
} from "../app/ui";
import { DEFAULT_KDF, makeRegistrationKeys, normalizeEmail } from "./keys";
import { MIN_PASSWORD_LENGTH, StrengthMeter } from "./StrengthMeter";

type Mode =
  | { kind: "open" }
  | { kind: "verified"; token: string }
  | { kind: "org"; token: string; orgUserId: string }
  | { kind: "provider"; token: string; providerUserId: string };

function modeOf(params: URLSearchParams, finishSignup: boolean): Mode {
  const token = params.get("token");
  if (finishSignup && token) return { kind: "verified", token };
  const orgToken = params.get("orgInviteToken");
  const orgUserId = params.get("organizationUserId");
  if (orgToken && orgUserId) return { kind: "org", token: orgToken, orgUserId };
  const pToken = params.get("providerInviteToken");
  const pUserId = params.get("providerUserId");
  if (pToken && pUserId) return { kind: "provider", token: pToken, providerUserId: pUserId };
  return { kind: "open" };
}

interface Props {
  params: URLSearchParams;
  /** True on /finish-signup (the mailed verification link). */
  finishSignup?: boolean;
  signupsOpen: boolean | null;
}

export function RegisterPage({ params, finishSignup = false, signupsOpen }: Props) {
  const mode = useMemo(() => modeOf(params, finishSignup), [params, finishSignup]);
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [name, setName] = useState(params.get("name") ?? "");
  const [registrationToken, setRegistrationToken] = useState<string | null>(
    mode.kind === "verified" ? mode.token : null,
  );
  const [mailedTo, setMailedTo] = useState<string | null>(null);

  if (finishSignup && mode.kind !== "verified") {
    return (
      <section class="card narrow">
        <PageHeading>Finish creating your account</PageHeading>
        <ErrorMessage error="This link is incomplete. Open the link from the e-mail again, or start over." />
        <p class="aside">
          <a href={href("/register")}>Start over</a>
        </p>
      </section>
    );
  }

  if (mode.kind === "open" && signupsOpen === false) {
    return (
      <section class="card narrow">
        <PageHeading>Create account</PageHeading>
        <Notice kind="warning">
          Open registration is off on this server. Ask your administrator or provider for an
          invitation: its link lets you create your account.
        </Notice>
        <p class="aside">
          Already have an account? <a href={href("/login", { email, next })}>Sign in</a>
        </p>
      </section>
    );
  }

  if (mailedTo) {
    return (
      <section class="card narrow">
        <PageHeading>Check your e-mail</PageHeading>
        <Notice kind="success">
          If {mailedTo} can be registered, a link to finish creating your account is on its way
          there. It works for 15 minutes.
        </Notice>
        <p class="aside">
          <Button kind="link" onClick={() => setMailedTo(null)}>
            Use another address
          </Button>
        </p>
      </section>
    );
  }

  if (mode.kind === "open" && registrationToken === null) {
    return (
      <StepOne
        email={email}
        setEmail={setEmail}
        name={name}
        setName={setName}
        next={next}
        onToken={setRegistrationToken}
        onMailed={setMailedTo}
      />
    );
  }

  const stepMode: Exclude<Mode, { kind: "open" }> =
    mode.kind === "open" ? { kind: "verified", token: registrationToken ?? "" } : mode;
  return (
    <StepTwo
      mode={stepMode}
      email={email}
      emailFixed={mode.kind !== "open" || registrationToken !== null}
      setEmail={setEmail}
      name={name}
      setName={setName}
      askName={mode.kind === "org" || mode.kind === "provider"}
      next={next}
      onBack={
        mode.kind === "open"
          ? () => {
              setRegistrationToken(null);
            }
          : null
      }
    />
  );
}

function StepOne(p: {
  email: string;
  setEmail: (v: string) => void;
  name: string;
  setName: (v: string) => void;
  next: string | null;
  onToken: (t: string) => void;
  onMailed: (email: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const emailRef = useFocus<HTMLInputElement>(true);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setEmailError(null);
    if (!looksLikeEmail(p.email)) {
      setEmailError("Enter your e-mail address, like name@example.com.");
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const token = await api.sendVerificationEmail(normalizeEmail(p.email), p.name.trim() || null);
      if (token) p.onToken(token);
      else p.onMailed(p.email.trim());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const placed = placeErrors(error, ["Email", "Name"]);
  return (
    <section class="card narrow">
      <PageHeading sub="Step 1 of 2: who you are.">Create account</PageHeading>
      <form onSubmit={submit} noValidate>
        <TextField
          label="Email address"
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          required
          maxLength={256}
          value={p.email}
          onInput={(v) => {
            p.setEmail(v);
            setEmailError(null);
          }}
          inputRef={emailRef}
          error={emailError ?? placed.field("Email")}
        />
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          optional
          maxLength={50}
          value={p.name}
          onInput={p.setName}
          error={placed.field("Name")}
        />
        <ErrorMessage error={placed.action} />
        <div class="actions">
          <Button type="submit" busy={busy}>
            Continue
          </Button>
        </div>
      </form>
      <p class="aside">
        Already have an account? <a href={href("/login", { email: p.email, next: p.next })}>Sign in</a>
      </p>
    </section>
  );
}

function StepTwo(p: {
  mode: Exclude<Mode, { kind: "open" }>;
  email: string;
  emailFixed: boolean;
  setEmail: (v: string) => void;
  name: string;
  setName: (v: string) => void;
  askName: boolean;
  next: string | null;
  onBack: (() => void) | null;
}) {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [hint, setHint] = useState("");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<{ password?: string | undefined; confirm?: string | undefined; hint?: string | undefined; email?: string | undefined }>({});
  const passwordRef = useFocus<HTMLInputElement>(p.emailFixed);
  const emailRef = useFocus<HTMLInputElement>(!p.emailFixed);
  const confirmRef = useRef<HTMLInputElement>(null);
  const hintRef = useRef<HTMLInputElement>(null);
  const strengthId = useId("strength");
  const context = [p.email.split("@")[0] ?? "", p.name];

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const problems: typeof local = {};
    if (!looksLikeEmail(p.email)) problems.email = "Enter your e-mail address, like name@example.com.";
    if (password.length < MIN_PASSWORD_LENGTH) {
      problems.password = `The master password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
    }
    if (confirm !== password) problems.confirm = "The two passwords don't match.";
    if (hint && hint.trim() === password) problems.hint = "The hint can't be the password itself.";
    setLocal(problems);
    if (problems.email) return emailRef.current?.focus();
    if (problems.password) return passwordRef.current?.focus();
    if (problems.confirm) return confirmRef.current?.focus();
    if (problems.hint) return hintRef.current?.focus();

    setBusy(true);
    const email = normalizeEmail(p.email);
    try {
      setProgress("Creating your keys (this takes a few seconds)…");
      const keys = await makeRegistrationKeys(email, password, DEFAULT_KDF);
      const body: RegisterFinishRequest = {
        email,
        name: p.name.trim() || null,
        masterPasswordHash: keys.masterPasswordHash,
        masterPasswordHint: hint.trim() || null,
        userSymmetricKey: keys.userSymmetricKey,
        userAsymmetricKeys: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
        kdf: DEFAULT_KDF.kdf,
        kdfIterations: DEFAULT_KDF.iterations,
        kdfMemory: DEFAULT_KDF.memory ?? null,
        kdfParallelism: DEFAULT_KDF.parallelism ?? null,
      };
      if (p.mode.kind === "verified") body.emailVerificationToken = p.mode.token;
      if (p.mode.kind === "org") {
        body.orgInviteToken = p.mode.token;
        body.organizationUserId = p.mode.orgUserId;
      }
      if (p.mode.kind === "provider") {
        body.providerInviteToken = p.mode.token;
        body.providerUserId = p.mode.providerUserId;
      }
      setProgress("Creating your account…");
      await api.registerFinish(body);
      setRememberedEmail(email);
      setProgress("Signing in…");
      try {
        await finishLogin({
          email,
          salt: email,
          kdf: DEFAULT_KDF,
          derived: { masterKey: keys.masterKey, hash: keys.masterPasswordHash },
        });
        navigateTo(p.next ?? "/", true);
      } catch {
        // The account exists; signing in by hand is the fallback.
        navigate("/login", { email, next: p.next, registered: "1" }, true);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const placed = placeErrors(error, ["Email", "Name", "MasterPasswordHint"]);
  const invited = p.mode.kind === "org" || p.mode.kind === "provider";
  return (
    <section class="card narrow">
      <PageHeading sub={invited ? "Create your account to accept the invitation." : "Step 2 of 2: your master password."}>
        {invited ? "Create account" : "Set your master password"}
      </PageHeading>
      <Notice>
        Your master password is the only key to your vault. Bulwark never sees it and cannot
        reset it: if you forget it, your data is lost.
      </Notice>
      <form onSubmit={submit} noValidate aria-busy={busy ? "true" : undefined}>
        <TextField
          label="Email address"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          required
          readOnly={p.emailFixed}
          value={p.email}
          onInput={p.setEmail}
          inputRef={emailRef}
          error={local.email ?? placed.field("Email")}
        />
        {p.askName ? (
          <TextField
            label="Name"
            name="name"
            autoComplete="name"
            optional
            maxLength={50}
            value={p.name}
            onInput={p.setName}
            error={placed.field("Name")}
          />
        ) : null}
        <TextField
          label="Master password"
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          value={password}
          onInput={(v) => {
            setPassword(v);
            setLocal({ ...local, password: undefined });
          }}
          inputRef={passwordRef}
          describedById={strengthId}
          error={local.password}
        >
          <StrengthMeter password={password} context={context} id={strengthId} />
        </TextField>
        <TextField
          label="Confirm master password"
          type="password"
          name="confirm-password"
          autoComplete="new-password"
          required
          value={confirm}
          onInput={(v) => {
            setConfirm(v);
            setLocal({ ...local, confirm: undefined });
          }}
          inputRef={confirmRef}
          error={local.confirm}
        />
        <TextField
          label="Master password hint"
          name="hint"
          optional
          maxLength={50}
          hint="Something that reminds you of the password without giving it away."
          value={hint}
          onInput={(v) => {
            setHint(v);
            setLocal({ ...local, hint: undefined });
          }}
          inputRef={hintRef}
          error={local.hint ?? placed.field("MasterPasswordHint")}
        />
        <ErrorMessage error={placed.action} />
        <Progress text={progress} />
        <div class="actions">
          <Button type="submit" busy={busy}>
            Create account
          </Button>
          {p.onBack ? (
            <Button kind="secondary" onClick={p.onBack} disabled={busy}>
              Back
            </Button>
          ) : null}
        </div>
      </form>
      <p class="aside">
        Already have an account? <a href={href("/login", { email: p.email, next: p.next })}>Sign in</a>
      </p>
    </section>
  );
}
