// An event log for a date range, a page at a time, as sentences, with a CSV export of what is
// loaded: the Provider Portal's and the Admin Console's logs differ only in where the events
// come from and how a sentence names people.

import { useEffect, useState } from "preact/hooks";
import { csvCell, downloadText } from "./download";
import { Button, ErrorMessage, Progress, TextField } from "./ui";

export interface LogEvent {
  type: number;
  date: string;
  ipAddress?: string | null;
}

export interface EventPage<E> {
  data: E[];
  continuationToken: string | null;
}

const DAY_MS = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function EventLog<E extends LogEvent>(p: {
  /** The table's caption, for screen readers ("Provider events"). */
  caption: string;
  /** The CSV's name before the dates ("provider-events"). */
  fileName: string;
  fetch: (from: string, to: string, continuationToken: string | null) => Promise<EventPage<E>>;
  describe: (e: E) => string;
  /** Changes when the log is another one (the provider or org id). */
  source: string;
}) {
  const [start, setStart] = useState(isoDate(new Date(Date.now() - 30 * DAY_MS)));
  const [end, setEnd] = useState(isoDate(new Date()));
  const [events, setEvents] = useState<E[] | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = async (more: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const from = new Date(`${start}T00:00:00`).toISOString();
      const to = new Date(new Date(`${end}T00:00:00`).getTime() + DAY_MS - 1).toISOString();
      const page = await p.fetch(from, to, more ? token : null);
      setEvents((prev) => (more && prev ? [...prev, ...page.data] : page.data));
      setToken(page.continuationToken);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    // Loaded when the log opens; the form reloads on demand.
    void load(false);
  }, [p.source]);

  const exportCsv = () => {
    const lines = [["Date", "Event", "Type", "IP address"].join(",")];
    for (const e of events ?? []) {
      lines.push([e.date, p.describe(e), String(e.type), e.ipAddress ?? ""].map(csvCell).join(","));
    }
    downloadText(`${p.fileName}-${start}-${end}.csv`, `${lines.join("\n")}\n`);
  };

  return (
    <>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void load(false);
        }}
      >
        <TextField label="From" inputMode="numeric" value={start} onInput={setStart} hint="YYYY-MM-DD" />
        <TextField label="To" inputMode="numeric" value={end} onInput={setEnd} hint="YYYY-MM-DD" />
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
            <caption class="visually-hidden">{p.caption}</caption>
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
                  <td>{p.describe(e)}</td>
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
    </>
  );
}
