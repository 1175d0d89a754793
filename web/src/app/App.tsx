// The app shell: session state, the hash routes, idle auto-lock and the layout.
//
// Routes (after `/#`):
//   /login?email&next             sign in (next: where to go after)
//   /register?email&next[&orgInviteToken&organizationUserId | &providerInviteToken&providerUserId]
//   /finish-signup?token&email    the mailed registration link
//   /accept-organization?...      the organization invitation link
//   /providers/accept-provider?...  the provider invitation link
//   /providers/setup-provider?... the provider setup link
//   / and /account                the account (home until the vault lands)
//   /vault                        the vault
//   /organizations/:id/...        an Admin Console
//   /providers/:id/...            a Provider Portal
// Signed out, a signed-in page sends to /login with itself as `next`; locked, any page asks
// to unlock in place and then shows what was asked for.

import "./styles.css";
import { useCallback, useEffect, useState } from "preact/hooks";
import { api } from "../api";
import { AccountPage } from "../account/AccountPage";
import { AcceptOrganizationPage, AcceptProviderPage, SetupProviderPage } from "../account/Invitations";
import { LockPage } from "../account/LockPage";
import { LoginPage } from "../account/LoginPage";
import { RegisterPage } from "../account/RegisterPage";
import { AdminConsoleArea, ProviderPortalArea, VaultArea } from "./areas";
import { describeMinutes, useIdleLock, useLockMinutes } from "./idle";
import { Layout } from "./Layout";
import { type Route, href, match, navigate, navigateTo, safeNext, useRoute } from "./router";
import { type SessionState, lock, restoreSession, useSession } from "./session";
import { PageHeading } from "./ui";

restoreSession();

/** Whether open registration is on, from /api/config; null until known (or unreachable). */
function useSignupsOpen(): boolean | null {
  const [open, setOpen] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    api
      .config()
      .then((c) => live && setOpen(!(c.settings?.disableUserRegistration ?? false)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return open;
}

function Redirect(p: { to: string; next: string | null }) {
  useEffect(() => {
    navigate(p.to, { next: p.next }, true);
  }, [p.to, p.next]);
  return null;
}

function RedirectNext(p: { next: string }) {
  useEffect(() => navigateTo(p.next, true), [p.next]);
  return null;
}

const INVITATIONS = ["/accept-organization", "/providers/accept-provider", "/providers/setup-provider"];
const SIGNED_OUT_PAGES = ["/login", "/register", "/finish-signup"];

export function App() {
  const session = useSession();
  const route = useRoute();
  const signupsOpen = useSignupsOpen();
  const minutes = useLockMinutes();
  const onIdle = useCallback(
    () => lock(`Locked after ${describeMinutes(minutes)} without activity.`),
    [minutes],
  );
  useIdleLock(session.status === "unlocked", minutes, onIdle);

  return (
    <Layout session={session} path={route.path}>
      <Page session={session} route={route} signupsOpen={signupsOpen} />
    </Layout>
  );
}

function Page({ session, route, signupsOpen }: { session: SessionState; route: Route; signupsOpen: boolean | null }) {
  const { path, params } = route;
  const invitation = INVITATIONS.includes(path);
  // This route as a place to come back to, from the route rendered (not from location, which a
  // redirect may already have moved).
  const query = params.toString();
  const here = query ? `${path}?${query}` : path;

  if (session.status === "locked") {
    return <LockPage account={session.account} reason={session.reason} />;
  }

  if (invitation) {
    // Keyed by the whole link: another invitation starts afresh.
    const props = { key: here, params, session, signupsOpen, here };
    if (path === "/accept-organization") return <AcceptOrganizationPage {...props} />;
    if (path === "/providers/accept-provider") return <AcceptProviderPage {...props} />;
    return <SetupProviderPage {...props} />;
  }

  if (session.status === "signedOut") {
    if (path === "/login") {
      return <LoginPage key={here} params={params} reason={session.reason} signupsOpen={signupsOpen} />;
    }
    if (path === "/register") return <RegisterPage key={here} params={params} signupsOpen={signupsOpen} />;
    if (path === "/finish-signup") {
      return <RegisterPage key={here} params={params} finishSignup signupsOpen={signupsOpen} />;
    }
    return <Redirect to="/login" next={path === "/" ? null : here} />;
  }

  // Unlocked.
  if (SIGNED_OUT_PAGES.includes(path)) {
    return <RedirectNext next={safeNext(params.get("next")) ?? "/"} />;
  }
  if (path === "/" || path === "/account") return <AccountPage session={session} />;
  if (path === "/vault") return <VaultArea session={session} />;
  const org = match("/organizations/:id/*", path);
  if (org?.["id"]) {
    return <AdminConsoleArea session={session} id={org["id"]} rest={org["*"] ?? ""} params={params} />;
  }
  const provider = match("/providers/:id/*", path);
  if (provider?.["id"]) {
    return <ProviderPortalArea session={session} id={provider["id"]} rest={provider["*"] ?? ""} params={params} />;
  }
  return (
    <div class="page">
      <PageHeading>Page not found</PageHeading>
      <p>
        There is no page at this address. <a href={href("/")}>Go to your account</a>.
      </p>
    </div>
  );
}
