// The provider event log as sentences: who did what to whom, with names from the provider's
// people and clients (ids only for what no longer exists).

import { ORG_EVENT_TEXT } from "../app/orgEventText";
import type { ClientRow, EventRow, ProviderUserRow } from "./api";

export interface Names {
  users: readonly ProviderUserRow[];
  clients: readonly ClientRow[];
}

function person(names: Names, userId: string | null | undefined): string {
  if (!userId) return "Someone";
  const u = names.users.find((x) => x.userId === userId);
  return u?.name ?? u?.email ?? `user ${userId.slice(0, 8)}`;
}

function member(names: Names, providerUserId: string | null | undefined): string {
  const u = names.users.find((x) => x.id === providerUserId);
  return u?.email ?? u?.name ?? `a former member (${(providerUserId ?? "").slice(0, 8)})`;
}

function client(names: Names, e: EventRow): string {
  const c = names.clients.find(
    (x) => x.organizationId === e.organizationId || x.id === e.providerOrganizationId,
  );
  return c?.organizationName ?? `a former client (${(e.organizationId ?? "").slice(0, 8)})`;
}

export function describeEvent(e: EventRow, names: Names): string {
  const who = person(names, e.actingUserId);
  switch (e.type) {
    case 1800:
      return `${who} invited ${member(names, e.providerUserId)}.`;
    case 1801:
      return `${who} confirmed ${member(names, e.providerUserId)}.`;
    case 1802:
      return `${who} changed the type of ${member(names, e.providerUserId)}.`;
    case 1803:
      return `${who} removed ${member(names, e.providerUserId)}.`;
    case 1900:
      return `${who} created the client ${client(names, e)}.`;
    case 1901:
      return `${who} added ${client(names, e)} as a client.`;
    case 1902:
      return `${who} removed the client ${client(names, e)}.`;
    case 1903:
      return `${who} opened the vault of ${client(names, e)}.`;
    case 1500:
      return `${who} invited a member to ${client(names, e)}.`;
    case 1501:
      return `${who} confirmed a member of ${client(names, e)}.`;
    case 1503:
      return `${who} removed a member from ${client(names, e)}.`;
    case 1603:
      // The client's own log's record of the same opening as 1903 (both come back here).
      return `${who} opened the vault of ${client(names, e)} (recorded in its own log).`;
    default: {
      // Other actions of provider staff inside a client, worded as the Admin Console words them.
      const verb = ORG_EVENT_TEXT[e.type];
      if (e.organizationId) {
        return verb ? `${who} ${verb} in ${client(names, e)}.` : `${who}: event ${e.type} in ${client(names, e)}.`;
      }
      return `${who}: event ${e.type}.`;
    }
  }
}
