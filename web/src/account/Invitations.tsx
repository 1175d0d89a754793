// The pages the server's mails link to. Each reads its link's query parameters and, signed out,
// offers to sign in or create the account with the invited e-mail filled in; the link is kept
// as `next`, so the user lands back here signed in. Signed in, the invitation is accepted with
// its token. (Locked, the shell asks to unlock first and keeps the link.)

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { api } from "../api";
import { ProviderSetupArea } from "../app/areas";
import { href } from "../app/router";
import { type SessionState, refreshProfile, signOut } from "../app/session";
import { Button, ErrorMessage, Notice, PageHeading } from "../app/ui";
import { type SymmetricKey, wrapSymmetricKeyForPublicKey } from "../crypto";
import { recoveryApi } from "../organization/membersApi";

function truthy(v: string | null): boolean {
  return (v ?? "").toLowerCase() === "true";
}

function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Signed out: sign in or create the account, keeping this link to come back to. */
function SignInOrRegister(p: {
  /** This link, to come back to after signing in or registering. */
  here: string;
  email: string;
  hasAccount: boolean | null;
  registerParams: Record<string, string | null>;
  signupsOpen: boolean | null;
  invited: boolean;
}) {
  const next = p.here;
  const signIn = href("/login", { email: p.email, next });
  const register = href("/register", { email: p.email, next, ...p.registerParams });
  // An invitation lets its addressee register even when open registration is off.
  const canRegister = p.invited || p.signupsOpen !== false;
  const registerFirst = canRegister && p.hasAccount === false;
  const signInLink = (
    <a class={`button-${registerFirst ? "secondary" : "primary"} as-button`} href={signIn}>
      Sign in
    </a>
  );
  const registerLink = canRegister ? (
    <a class={`button-${registerFirst ? "primary" : "secondary"} as-button`} href={register}>
      Create account
    </a>
  ) : null;
  return (
    <>
      <p>
        {p.hasAccount === false
          ? `Create the account for ${p.email} to continue.`
          : p.hasAccount
            ? `Sign in as ${p.email} to continue.`
            : `Sign in as ${p.email}, or create that account, to continue.`}
      </p>
      <div class="actions">
        {registerFirst ? registerLink : signInLink}
        {registerFirst ? signInLink : registerLink}
      </div>
    </>
  );
}

function WrongAccount(p: { invited: string; signedIn: string }) {
  return (
    <Notice kind="warning">
      This invitation was sent to {p.invited}, and you are signed in as {p.signedIn}.{" "}
      <Button kind="link" onClick={() => signOut()}>
        Sign out
      </Button>{" "}
      to use the invited account.
    </Notice>
  );
}

function Broken(p: { title: string }) {
  return (
    <section class="card narrow">
      <PageHeading>{p.title}</PageHeading>
      <ErrorMessage error="This link is incomplete. Open the link from the e-mail again." />
    </section>
  );
}

function AcceptAction(p: { label: string; accept: () => Promise<void>; done: ComponentChildren }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [accepted, setAccepted] = useState(false);
  if (accepted) {
    return (
      <>
        <Notice kind="success">{p.done}</Notice>
        <p class="aside">
          <a href={href("/account")}>Go to your account</a>
        </p>
      </>
    );
  }
  const run = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await p.accept();
      setAccepted(true);
      await refreshProfile().catch(() => undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorMessage error={error} />
      <div class="actions">
        <Button busy={busy} onClick={run}>
          {p.label}
        </Button>
      </div>
    </>
  );
}

const RESET_PASSWORD_POLICY = 8;

/**
 * Accepts an organization's invitation. When the org's account recovery policy enrols members
 * automatically, the server wants the user key wrapped with the org public key along with it.
 */
async function acceptOrganization(
  invite: { orgId: string; orgUserId: string; token: string; email: string },
  userKey: SymmetricKey,
): Promise<void> {
  const path = `/api/organizations/${encodeURIComponent(invite.orgId)}`;
  const query = new URLSearchParams({ token: invite.token, email: invite.email, organizationUserId: invite.orgUserId });
  // Orgs without policies answer 404 here; then there is nothing to enrol in.
  const policies = await api
    .get<{ data: { type: number; enabled: boolean; data: { autoEnrollEnabled?: boolean } | null }[] }>(
      `${path}/policies/token?${query.toString()}`,
    )
    .catch(() => ({ data: [] }));
  const automatic = policies.data.some(
    (p) => p.type === RESET_PASSWORD_POLICY && p.enabled && p.data?.autoEnrollEnabled === true,
  );
  const resetPasswordKey = automatic
    ? await wrapSymmetricKeyForPublicKey(await recoveryApi.orgPublicKey(invite.orgId), userKey)
    : undefined;
  await api.post<null>(`${path}/users/${encodeURIComponent(invite.orgUserId)}/accept`, {
    token: invite.token,
    ...(resetPasswordKey ? { resetPasswordKey } : {}),
  });
}

interface PageProps {
  here: string;
  params: URLSearchParams;
  session: SessionState;
  signupsOpen: boolean | null;
}

export function AcceptOrganizationPage({ here, params, session, signupsOpen }: PageProps) {
  const orgId = params.get("organizationId");
  const orgUserId = params.get("organizationUserId");
  const token = params.get("token");
  const email = params.get("email") ?? "";
  const orgName = params.get("organizationName") ?? "an organization";
  if (!orgId || !orgUserId || !token || !email) return <Broken title="Join organization" />;
  const hasAccount = params.has("orgUserHasExistingUser") ? truthy(params.get("orgUserHasExistingUser")) : null;
  return (
    <section class="card narrow">
      <PageHeading sub={`You are invited to join the organization ${orgName}.`}>Join organization</PageHeading>
      {session.status === "unlocked" ? (
        <>
          {!sameEmail(session.account.email, email) ? (
            <WrongAccount invited={email} signedIn={session.account.email} />
          ) : null}
          <AcceptAction
            label="Accept invitation"
            accept={() => acceptOrganization({ orgId, orgUserId, token, email }, session.keys.userKey)}
            done={`You joined ${orgName}. An administrator confirms you next; its items then appear for you.`}
          />
        </>
      ) : (
        <SignInOrRegister
          here={here}
          email={email}
          hasAccount={hasAccount}
          invited
          signupsOpen={signupsOpen}
          registerParams={{ orgInviteToken: token, organizationUserId: orgUserId }}
        />
      )}
    </section>
  );
}

export function AcceptProviderPage({ here, params, session, signupsOpen }: PageProps) {
  const providerId = params.get("providerId");
  const providerUserId = params.get("providerUserId");
  const token = params.get("token");
  const email = params.get("email") ?? "";
  const name = params.get("providerName") ?? "a provider";
  if (!providerId || !providerUserId || !token || !email) return <Broken title="Join provider" />;
  return (
    <section class="card narrow">
      <PageHeading sub={`You are invited to join the provider ${name}.`}>Join provider</PageHeading>
      {session.status === "unlocked" ? (
        <>
          {!sameEmail(session.account.email, email) ? (
            <WrongAccount invited={email} signedIn={session.account.email} />
          ) : null}
          <AcceptAction
            label="Accept invitation"
            accept={() => api.acceptProvider(providerId, providerUserId, token)}
            done={`You accepted the invitation to ${name}. A Provider Admin confirms you next; the Provider Portal then opens for you.`}
          />
        </>
      ) : (
        <SignInOrRegister
          here={here}
          email={email}
          hasAccount={null}
          invited
          signupsOpen={signupsOpen}
          registerParams={{ providerInviteToken: token, providerUserId }}
        />
      )}
    </section>
  );
}

export function SetupProviderPage({ here, params, session, signupsOpen }: PageProps) {
  const providerId = params.get("providerId");
  const token = params.get("token");
  const email = params.get("email") ?? "";
  const ownerRow = params.get("providerUserId");
  if (!providerId || !token || !email) return <Broken title="Set up your provider" />;
  if (session.status === "unlocked") {
    return (
      <div class="page">
        {!sameEmail(session.account.email, email) ? (
          <WrongAccount invited={email} signedIn={session.account.email} />
        ) : null}
        <ProviderSetupArea params={params} session={session} />
      </div>
    );
  }
  return (
    <section class="card narrow">
      <PageHeading sub="A provider was created for you on this server.">Set up your provider</PageHeading>
      {/* The operator may name an address without an account: its owner registers from this
          link (also when signups are closed), with the setup token standing in for the check. */}
      <SignInOrRegister
        here={here}
        email={email}
        hasAccount={null}
        invited={ownerRow !== null}
        signupsOpen={signupsOpen}
        registerParams={ownerRow ? { providerInviteToken: token, providerUserId: ownerRow } : {}}
      />
    </section>
  );
}
