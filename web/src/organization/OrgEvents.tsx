// The organization's event log as sentences, with names from the members list; CSV export.

import { EventLog } from "../app/EventLog";
import { ORG_EVENT_TEXT as EVENT_TEXT } from "../app/orgEventText";
import { useLoad } from "../app/useLoad";
import type { OrgAreaProps } from "./AdminConsole";
import { type MemberRow, type OrgEventRow, orgApi } from "./api";


/** Who did it: you, a member by name, or — for someone outside the members — provider staff. */
function describe(e: OrgEventRow, members: readonly MemberRow[], selfId: string | null, managed: boolean): string {
  const actor = members.find((m) => m.userId && m.userId === e.actingUserId);
  const who =
    e.actingUserId && e.actingUserId === selfId
      ? "You"
      : actor
        ? actor.name || actor.email || "A member"
        : e.providerId || (managed && e.actingUserId)
          ? "Provider staff"
          : "Someone";
  const verb = EVENT_TEXT[e.type];
  if (!verb) return `${who}: event ${e.type}.`;
  if (e.type >= 1500 && e.type < 1600 && e.type !== 1516) {
    const m = members.find((x) => x.id === e.organizationUserId);
    return `${who} ${verb} ${m ? m.email || m.name || "a member" : "a former member"}.`;
  }
  return `${who} ${verb}.`;
}

export function OrgEvents(p: OrgAreaProps) {
  const members = useLoad(() => orgApi.members(p.id), [p.id]).data ?? [];
  const selfId = p.session.profile?.id ?? null;
  const managed = Boolean(
    p.session.profile?.providerOrganizations?.some((o) => o.id === p.id) ||
      p.session.profile?.organizations?.find((o) => o.id === p.id)?.providerId,
  );
  return (
    <section aria-labelledby="org-events-heading">
      <h2 id="org-events-heading">Event log</h2>
      <EventLog
        caption="Organization events"
        fileName="organization-events"
        source={p.id}
        fetch={(from, to, token) => orgApi.events(p.id, from, to, token)}
        describe={(e: OrgEventRow) => describe(e, members, selfId, managed)}
      />
    </section>
  );
}
