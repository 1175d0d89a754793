// Collections: every shared collection of the organization with its name decrypted here and
// how many members and groups reach it; a new one is named (encrypted with the org key) and
// given a member who manages it — the server wants every collection managed by someone; one
// is renamed (the new name encrypted here), deleted, or given to members at one of five levels
// (view, view except passwords, edit, edit except passwords, manage).

import { useEffect, useState } from "preact/hooks";
import { placeErrors } from "../app/forms";
import { Button, ErrorMessage, Notice, Progress, SelectField, TextField } from "../app/ui";
import { encryptString } from "../crypto";
import { Pager } from "../provider/Pager";
import { usePagedFilter } from "../provider/paging";
import type { OrgAreaProps } from "./AdminConsole";
import { ACCESS_LEVELS, type AccessLevel, levelOf, selectionOf } from "./accessLevels";
import { areaError } from "./errors";
import { MEMBER_STATUS, type MemberRow, type Selection, orgApi } from "./api";
import { type Collection, decryptCollections } from "./decrypt";

export function Collections(p: OrgAreaProps) {
  const [rows, setRows] = useState<Collection[] | null>(null);
  const [members, setMembers] = useState<MemberRow[]>([]);
  const [everyone, setEveryone] = useState<MemberRow[]>([]);
  const [editingAccess, setEditingAccess] = useState<Collection | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<Collection | null>(null);
  const [deleting, setDeleting] = useState<Collection | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const list = usePagedFilter(rows, (c) => c.decryptedName);

  useEffect(() => {
    let live = true;
    orgApi
      .collections(p.id)
      .then((c) => decryptCollections(p.orgKey.key, c))
      .then((c) => live && setRows(c))
      .catch((e: unknown) => live && setError(areaError(e)));
    orgApi
      .members(p.id)
      .then((m) => {
        if (!live) return;
        setMembers(m.filter((x) => x.status === MEMBER_STATUS.Confirmed));
        setEveryone(m.filter((x) => x.status !== MEMBER_STATUS.Revoked));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [p.id, p.orgKey, generation]);

  const done = (message: string) => {
    setAdding(false);
    setRenaming(null);
    setDeleting(null);
    setEditingAccess(null);
    setNotice(message);
    setGeneration((g) => g + 1);
  };

  const remove = async (c: Collection) => {
    setBusy(true);
    setError(null);
    try {
      await orgApi.deleteCollection(p.id, c.id);
      done(`${c.decryptedName} was deleted.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="collections-heading">
      <div class="section-head">
        <h2 id="collections-heading">Collections</h2>
        <Button onClick={() => setAdding(!adding)} aria-expanded={adding}>
          + New collection
        </Button>
      </div>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {adding ? (
        <NewCollection
          {...p}
          members={members}
          onCancel={() => setAdding(false)}
          onDone={done}
        />
      ) : null}
      {renaming ? (
        <RenameCollection
          key={renaming.id}
          {...p}
          collection={renaming}
          onCancel={() => setRenaming(null)}
          onDone={done}
        />
      ) : null}
      {editingAccess ? (
        <CollectionAccess
          key={editingAccess.id}
          {...p}
          collection={editingAccess}
          members={everyone}
          onCancel={() => setEditingAccess(null)}
          onDone={done}
        />
      ) : null}
      {deleting ? (
        <div class="panel confirm" role="alertdialog" aria-labelledby="delete-collection-title">
          <h3 id="delete-collection-title">Delete {deleting.decryptedName}?</h3>
          <p>Its items stay in the organization; those in no other collection become unassigned.</p>
          <div class="actions">
            <Button kind="danger" busy={busy} onClick={() => void remove(deleting)}>
              Delete collection
            </Button>
            <Button kind="secondary" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      <ErrorMessage error={error} />
      <div class="toolbar">
        <TextField label="Search collections" type="search" value={list.query} onInput={list.setQuery} />
      </div>
      {rows === null && error === null ? <Progress text="Loading collections…" /> : null}
      {rows !== null && rows.length === 0 ? <p>This organization has no collections yet.</p> : null}
      {rows !== null && rows.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Collections</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Members</th>
                <th scope="col">Groups</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.visible.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.decryptedName}</th>
                  <td>{c.users?.length ?? 0}</td>
                  <td>{c.groups?.length ?? 0}</td>
                  <td class="row-actions">
                    <Button
                      kind="secondary"
                      aria-label={`Access to ${c.decryptedName}`}
                      onClick={() => {
                        setNotice(null);
                        setEditingAccess(c);
                      }}
                    >
                      Access
                    </Button>
                    <Button
                      kind="secondary"
                      aria-label={`Rename ${c.decryptedName}`}
                      onClick={() => {
                        setNotice(null);
                        setRenaming(c);
                      }}
                    >
                      Rename
                    </Button>
                    <Button
                      kind="danger"
                      aria-label={`Delete ${c.decryptedName}`}
                      onClick={() => {
                        setNotice(null);
                        setDeleting(c);
                      }}
                    >
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.total === 0 ? <p role="status">No collection matches “{list.query}”.</p> : null}
          <Pager label="Collections" {...list} />
        </div>
      ) : null}
    </section>
  );
}

const YOU = "";

function NewCollection(
  p: OrgAreaProps & { members: MemberRow[]; onDone: (m: string) => void; onCancel: () => void },
) {
  const asMember = p.orgKey.via === "member";
  const options = [
    ...(asMember ? [{ value: YOU, label: "You" }] : []),
    ...p.members.map((m) => ({ value: m.id, label: m.name || m.email || m.id })),
  ];
  const [name, setName] = useState("");
  const [manager, setManager] = useState<string>(options[0]?.value ?? YOU);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const placed = placeErrors(error, ["Name"]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) return setError("Give the collection a name.");
    if (!asMember && !manager) return setError("The organization has no confirmed member to manage it yet.");
    setBusy(true);
    try {
      const users = manager
        ? [{ id: manager, readOnly: false, hidePasswords: false, manage: true }]
        : [];
      await orgApi.createCollection(p.id, await encryptString(p.orgKey.key, name.trim()), users);
      p.onDone(`${name.trim()} was created.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby="new-collection-title" noValidate>
      <h3 id="new-collection-title">New collection</h3>
      <TextField label="Collection name" value={name} onInput={setName} autoComplete="off" error={placed.field("Name")} />
      {options.length > 0 ? (
        <SelectField label="Managed by" value={manager} options={options} onChange={setManager} />
      ) : null}
      <ErrorMessage error={placed.action} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Create collection
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function RenameCollection(
  p: OrgAreaProps & { collection: Collection; onDone: (m: string) => void; onCancel: () => void },
) {
  const [name, setName] = useState(p.collection.decryptedName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const placed = placeErrors(error, ["Name"]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) return setError("Give the collection a name.");
    setBusy(true);
    try {
      await orgApi.renameCollection(p.id, p.collection, await encryptString(p.orgKey.key, name.trim()));
      p.onDone(`${p.collection.decryptedName} is now called ${name.trim()}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby="rename-collection-title" noValidate>
      <h3 id="rename-collection-title">Rename {p.collection.decryptedName}</h3>
      <TextField label="New name" value={name} onInput={setName} autoComplete="off" error={placed.field("Name")} />
      <ErrorMessage error={placed.action} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Save name
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function CollectionAccess(
  p: OrgAreaProps & {
    collection: Collection;
    members: MemberRow[];
    onDone: (m: string) => void;
    onCancel: () => void;
  },
) {
  const [levels, setLevels] = useState<Record<string, AccessLevel>>(() =>
    Object.fromEntries(
      p.members.map((m) => [m.id, levelOf(p.collection.users?.find((u) => u.id === m.id))]),
    ),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const users = p.members
        .map((m) => selectionOf(m.id, levels[m.id] ?? "none"))
        .filter((x): x is Selection => x !== null);
      await orgApi.setCollectionUsers(p.id, p.collection, users);
      p.onDone(`Access to ${p.collection.decryptedName} was saved.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby="collection-access-title" noValidate>
      <h3 id="collection-access-title">Access to {p.collection.decryptedName}</h3>
      {p.members.length === 0 ? <p>The organization has no members yet.</p> : null}
      {p.members.map((m) => (
        <SelectField
          key={m.id}
          label={m.name || m.email || m.id}
          value={levels[m.id] ?? "none"}
          options={ACCESS_LEVELS}
          onChange={(level) => setLevels({ ...levels, [m.id]: level })}
        />
      ))}
      <ErrorMessage error={error} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Save access
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
