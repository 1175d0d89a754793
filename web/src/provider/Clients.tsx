// Clients: every client organization with its plan and seats (assigned, used, remaining),
// filtered and paged in memory; "Add" creates a new client (its keys made here, the org key
// wrapped with the provider key) or adds an organization the user owns. A client's name opens
// its Admin Console.

import { useState } from "preact/hooks";
import { href } from "../app/router";
import { Button, ErrorMessage, Notice, Progress, TextField } from "../app/ui";
import { useLoad } from "../app/useLoad";
import { type ClientRow, providerApi } from "./api";
import { AddClient } from "./AddClient";
import { EditClient } from "./EditClient";
import { Pager } from "./Pager";
import { usePagedFilter } from "./paging";
import type { ProviderAreaProps } from "./ProviderPortal";

export function Clients(p: ProviderAreaProps) {
  const loaded = useLoad(() => providerApi.clients(p.id), [p.id]);
  const rows = loaded.data;
  const [actionError, setError] = useState<unknown>(null);
  const error = actionError ?? loaded.error;
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ClientRow | null>(null);
  const [removing, setRemoving] = useState<ClientRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const list = usePagedFilter(rows, (r) => r.organizationName);

  const reload = (message: string | null) => {
    setNotice(message);
    setAdding(false);
    setEditing(null);
    setRemoving(null);
    loaded.reload();
  };

  const remove = async (row: ClientRow) => {
    setBusy(true);
    setError(null);
    try {
      await providerApi.removeClient(p.id, row.id);
      reload(`${row.organizationName} is no longer a client of this provider.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="clients-heading">
      <div class="section-head">
        <h2 id="clients-heading">Clients</h2>
        <Button onClick={() => setAdding(!adding)} aria-expanded={adding}>
          + Add
        </Button>
      </div>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {adding ? (
        <AddClient {...p} onDone={reload} onCancel={() => setAdding(false)} />
      ) : null}
      {editing ? (
        <EditClient
          providerId={p.id}
          client={editing}
          onDone={reload}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <ErrorMessage error={error} />
      <div class="toolbar">
        <TextField
          label="Search clients"
          type="search"
          value={list.query}
          onInput={list.setQuery}
        />
      </div>
      {rows === null && error === null ? <Progress text="Loading clients…" /> : null}
      {rows !== null && rows.length === 0 ? (
        <p>This provider has no clients yet.</p>
      ) : null}
      {rows !== null && rows.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Clients</caption>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Plan</th>
                <th scope="col">Assigned seats</th>
                <th scope="col">Used seats</th>
                <th scope="col">Remaining seats</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.visible.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <a href={href(`/organizations/${row.organizationId}`)}>
                      {row.organizationName}
                    </a>
                  </th>
                  <td>{row.plan}</td>
                  <td>{row.seats ?? "—"}</td>
                  <td>{row.occupiedSeats}</td>
                  <td>{row.remainingSeats ?? "—"}</td>
                  <td class="row-actions">
                    <Button
                      kind="secondary"
                      aria-label={`Edit ${row.organizationName}`}
                      onClick={() => setEditing(row)}
                    >
                      Edit
                    </Button>
                    {p.isAdmin ? (
                      <Button
                        kind="danger"
                        aria-label={`Remove ${row.organizationName}`}
                        onClick={() => setRemoving(row)}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.total === 0 ? <p role="status">No client matches “{list.query}”.</p> : null}
          <Pager label="Clients" {...list} />
        </div>
      ) : null}
      {removing ? (
        <div class="panel confirm" role="alertdialog" aria-labelledby="remove-client-title">
          <h3 id="remove-client-title">Remove {removing.organizationName}?</h3>
          <p>
            The organization and its data stay; this provider's people lose access to it. It
            must still have a confirmed owner of its own.
          </p>
          <div class="actions">
            <Button kind="danger" busy={busy} onClick={() => void remove(removing)}>
              Remove client
            </Button>
            <Button kind="secondary" onClick={() => setRemoving(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
