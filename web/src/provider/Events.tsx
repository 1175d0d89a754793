// Events: the provider's event log for a date range, as readable sentences, a page at a time,
// with a CSV export of what is loaded.

import { useEffect, useState } from "preact/hooks";
import { Button, ErrorMessage, Progress, TextField } from "../app/ui";
import { type EventRow, providerApi } from "./api";
import { downloadText } from "./download";
import { type Names, csvCell, describeEvent } from "./eventText";
import type { ProviderAreaProps } from "./ProviderPortal";

const DAY_MS = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function Events(p: ProviderAreaProps) {
  const [start, setStart] = useState(isoDate(new Date(Date.now() - 30 * DAY_MS)));
  const [end, setEnd] = useState(isoDate(new Date()));
  const [events, setEvents] = useState<EventRow[] | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [names, setNames] = useState<Names>({ users: [], clients: [] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const range = () => ({
    from: new Date(`${start}T00:00:00`).toISOString(),
    to: new Date(new Date(`${end}T00:00:00`).getTime() + DAY_MS - 1).toISOString(),
  });

  const load = async (more: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const { from, to } = range();
      const page = await providerApi.events(p.id, from, to, more ? token : null);
      setEvents((prev) => (more && prev ? [...prev, ...page.data] : page.data));
      setToken(page.continuationToken);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    Promise.all([providerApi.users(p.id), providerApi.clients(p.id)])
      .then(([users, clients]) => setNames({ users, clients }))
      .catch((e: unknown) => setError(e));
    // Loaded when the area opens; the form reloads on demand.
    void load(false);
  }, [p.id]);

  const exportCsv = () => {
    const lines = [["Date", "Event", "Type", "IP address"].join(",")];
    for (const e of events ?? []) {
      lines.push(
        [e.date, describeEvent(e, names), String(e.type), e.ipAddress ?? ""].map(csvCell).join(","),
      );
    }
    downloadText(`provider-events-${start}-${end}.csv`, `${lines.join("\n")}\n`);
  };

  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">Event log</h2>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void load(false);
        }}
      >
        <TextField label="From" type="text" inputMode="numeric" value={start} onInput={setStart} hint="YYYY-MM-DD" />
        <TextField label="To" type="text" inputMode="numeric" value={end} onInput={setEnd} hint="YYYY-MM-DD" />
        <Button type="submit" busy={busy}>
          Show events
        </Button>
        <Button kind="secondary" disabled={!events?.length} onClick={exportCsv}>
          Export CSV
        </Button>
      </form>
      <ErrorMessage error={error} />
      {events === null && error === null ? <Progress text="Loading events…" /> : null}
      {events !== null && events.length === 0 ? <p>No events in this range.</p> : null}
      {events !== null && events.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Provider events</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Event</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={`${e.date}-${i}`}>
                  <td>
                    <time dateTime={e.date}>{new Date(e.date).toLocaleString()}</time>
                  </td>
                  <td>{describeEvent(e, names)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {token ? (
        <Button kind="secondary" busy={busy} onClick={() => void load(true)}>
          Load more events
        </Button>
      ) : null}
    </section>
  );
}
