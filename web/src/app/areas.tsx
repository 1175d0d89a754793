// The consoles the shell opens. To plug one in, point the export here at its component (same
// props): the shell's routing, session and product switcher stay as they are.
//
// - AdminConsoleArea: `/#/organizations/:orgId/...` for an organization the user administers
//   (or a provider's client, opened from the Provider Portal).
// - ProviderPortalArea: `/#/providers/:providerId/...` for a provider the user belongs to.
// - ProviderSetupArea: `/#/providers/setup-provider?providerId&email&token&providerUserId`,
//   signed in and unlocked.
// - VaultArea: `/#/vault`.

import type { SessionState } from "./session";
import { AdminConsole } from "../organization/AdminConsole";
import { ProviderPortal } from "../provider/ProviderPortal";
import { ProviderSetup } from "../provider/Setup";
import { Vault } from "../vault/Vault";

export type UnlockedSession = Extract<SessionState, { status: "unlocked" }>;

export interface ConsoleProps {
  session: UnlockedSession;
  /** The organization or provider id from the path. */
  id: string;
  /** The rest of the path after the id (`members`, `clients`, ...), "" for the start page. */
  rest: string;
  params: URLSearchParams;
}

/** The Admin Console (web/src/organization): vault, members, collections, groups, policies, events, settings. */
export function AdminConsoleArea(p: ConsoleProps) {
  return <AdminConsole {...p} />;
}

/** The Provider Portal (web/src/provider): clients, manage, events, billing, settings. */
export function ProviderPortalArea(p: ConsoleProps) {
  return <ProviderPortal {...p} />;
}

/** The setup page the operator's mail links to, once signed in and unlocked. */
export function ProviderSetupArea(p: { params: URLSearchParams; session: UnlockedSession }) {
  return <ProviderSetup {...p} />;
}

/** The personal vault (web/src/vault): the user's own items and their organizations'. */
export function VaultArea(p: { session: UnlockedSession }) {
  return <Vault {...p} />;
}
