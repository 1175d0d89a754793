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
import { useIdleLock, useLockMinutes } from "./idle";
import { Layout } from "./Layout";
import { type Route, hereAsNext, href, match, navigate, navigateTo, safeNext, useRoute } from "./router";
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

function Redirect(p: { to: string; query?: Record<string, string | null> }) {
  useEffect(() => {
    navigate(p.to, p.query, true);
  }, [p.to, p.query]);
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
    () => lock(`Locked after ${minutes} minute${minutes === 1 ? "" : "s"} without activity.`),
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

  if (session.status === "locked") {
    return <LockPage account={session.account} reason={session.reason} />;
  }

  if (invitation) {
    if (path === "/accept-organization") {
      return <AcceptOrganizationPage params={params} session={session} signupsOpen={signupsOpen} />;
    }
    if (path === "/providers/accept-provider") {
      return <AcceptProviderPage params={params} session={session} signupsOpen={signupsOpen} />;
    }
    return <SetupProviderPage params={params} session={session} signupsOpen={signupsOpen} />;
  }

  if (session.status === "signedOut") {
    if (path === "/login") {
      return <LoginPage params={params} reason={session.reason} signupsOpen={signupsOpen} />;
    }
    if (path === "/register") return <RegisterPage params={params} signupsOpen={signupsOpen} />;
    if (path === "/finish-signup") {
      return <RegisterPage params={params} finishSignup signupsOpen={signupsOpen} />;
    }
    const next = path === "/" ? null : hereAsNext();
    return <Redirect to="/login" query={{ next }} />;
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
