// Events: the provider's event log as sentences naming its people and clients.

import { EventLog } from "../app/EventLog";
import { ErrorMessage } from "../app/ui";
import { useLoad } from "../app/useLoad";
import { providerApi } from "./api";
import { describeEvent } from "./eventText";
import type { ProviderAreaProps } from "./ProviderPortal";

export function Events(p: ProviderAreaProps) {
  const names = useLoad(
    async () => {
      const [users, clients] = await Promise.all([providerApi.users(p.id), providerApi.clients(p.id)]);
      return { users, clients };
    },
    [p.id],
  );
  const known = names.data ?? { users: [], clients: [] };
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">Event log</h2>
      <ErrorMessage error={names.error} />
      <EventLog
        caption="Provider events"
        fileName="provider-events"
        source={p.id}
        fetch={(from, to, token) => providerApi.events(p.id, from, to, token)}
        describe={(e) => describeEvent(e, known)}
      />
    </section>
  );
}
