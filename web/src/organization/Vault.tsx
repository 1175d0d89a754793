// Vault: every item of the organization (the admin view), decrypted in the browser with the org
// key; filtered by text and collection, paged, and opened to read its fields. Opening it as
// provider staff is recorded by the server in the provider's and the org's event logs.
// Confirmed members may add a login to a collection they can write to.

import { Fragment } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { Button, ErrorMessage, Notice, Progress, SelectField, TextField } from "../app/ui";
import { encryptString } from "../crypto";
import { Pager } from "../provider/Pager";
import { usePagedFilter } from "../provider/paging";
import type { OrgAreaProps } from "./AdminConsole";
import { areaError } from "./errors";
import { orgApi } from "./api";
import {
  type Collection,
  ITEM_TYPES,
  type Item,
  type ItemField,
  decryptCollections,
  decryptFields,
  decryptSummary,
} from "./decrypt";

const ALL = "";
const UNASSIGNED = "unassigned";

export function Vault(p: OrgAreaProps) {
  const [items, setItems] = useState<Item[] | null>(null);
  const [collections, setCollections] = useState<Collection[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [collection, setCollection] = useState<string>(ALL);
  const [open, setOpen] = useState<Item | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const key = p.orgKey.key;

  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([orgApi.collections(p.id), orgApi.items(p.id)])
      .then(async ([cols, rows]) => {
        const decrypted = await decryptCollections(key, cols);
        const list = await Promise.all(rows.filter((r) => !r.deletedDate).map((r) => decryptSummary(key, r)));
        list.sort((a, b) => a.name.localeCompare(b.name));
        if (!live) return;
        setCollections(decrypted);
        setItems(list);
      })
      .catch((e: unknown) => live && setError(areaError(e)));
    return () => {
      live = false;
    };
  }, [p.id, key, generation]);

  const inCollection = useMemo(
    () =>
      (items ?? []).filter((i) =>
        collection === ALL
          ? true
          : collection === UNASSIGNED
            ? i.row.collectionIds.length === 0
            : i.row.collectionIds.includes(collection),
      ),
    [items, collection],
  );
  const list = usePagedFilter(inCollection, (i) => `${i.name} ${i.username}`);
  const names = (ids: string[]) =>
    ids.map((id) => collections.find((c) => c.id === id)?.decryptedName ?? "—").join(", ");
  const options = [
    { value: ALL, label: "All collections" },
    ...collections.map((c) => ({ value: c.id, label: c.decryptedName })),
    { value: UNASSIGNED, label: "Unassigned" },
  ];

  return (
    <section aria-labelledby="vault-heading">
      <div class="section-head">
        <h2 id="vault-heading">Vault</h2>
        {p.orgKey.via === "member" && items !== null ? (
          <Button onClick={() => setAdding(!adding)} aria-expanded={adding}>
            + New login
          </Button>
        ) : null}
      </div>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {adding ? (
        <AddLogin
          {...p}
          collections={collections}
          onCancel={() => setAdding(false)}
          onDone={(message) => {
            setAdding(false);
            setNotice(message);
            setGeneration((g) => g + 1);
          }}
        />
      ) : null}
      <ErrorMessage error={error} />
      {items !== null ? (
        <div class="toolbar">
          <TextField label="Search items" type="search" value={list.query} onInput={list.setQuery} />
          <SelectField label="Collection" value={collection} options={options} onChange={setCollection} />
        </div>
      ) : null}
      {open ? <ItemView item={open} {...p} collectionNames={names(open.row.collectionIds)} onClose={() => setOpen(null)} /> : null}
      {items === null && error === null ? <Progress text="Loading and decrypting the items…" /> : null}
      {items !== null && items.length === 0 ? <p>This organization has no items yet.</p> : null}
      {items !== null && items.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Items</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Username</th>
                <th scope="col">Collections</th>
              </tr>
            </thead>
            <tbody>
              {list.visible.map((i) => (
                <tr key={i.row.id}>
                  <th scope="row">
                    <button
                      type="button"
                      class="button-link item-open"
                      aria-label={`View ${i.name}`}
                      onClick={() => setOpen(i)}
                    >
                      {i.name}
                    </button>
                  </th>
                  <td>{ITEM_TYPES[i.row.type] ?? "Item"}</td>
                  <td>{i.username}</td>
                  <td>{i.row.collectionIds.length ? names(i.row.collectionIds) : "Unassigned"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.total === 0 ? <p role="status">No item matches.</p> : null}
          <Pager label="Items" {...list} />
        </div>
      ) : null}
    </section>
  );
}

function ItemView(p: OrgAreaProps & { item: Item; collectionNames: string; onClose: () => void }) {
  const [fields, setFields] = useState<ItemField[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<Record<string, boolean>>({});

  useEffect(() => {
    let live = true;
    setFields(null);
    setShown({});
    decryptFields(p.orgKey.key, p.item.row)
      .then((f) => live && setFields(f))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [p.item]);

  return (
    <div class="panel item-view" role="region" aria-labelledby="item-view-title">
      <div class="section-head">
        <h3 id="item-view-title">{p.item.name}</h3>
        <Button kind="secondary" onClick={p.onClose}>
          Close
        </Button>
      </div>
      <ErrorMessage error={error} />
      {fields === null && error === null ? <Progress text="Decrypting…" /> : null}
      {fields !== null ? (
        <dl class="item-fields">
          <dt>Type</dt>
          <dd>{ITEM_TYPES[p.item.row.type] ?? "Item"}</dd>
          <dt>Collections</dt>
          <dd>{p.collectionNames || "Unassigned"}</dd>
          {fields.map((f, i) => (
            <Fragment key={i}>
              <dt>{f.label}</dt>
              <dd class={f.label === "Notes" ? "notes" : undefined}>
                {f.secret && !shown[i] ? (
                  <span aria-label={`${f.label} hidden`}>••••••••</span>
                ) : (
                  <span class="value">{f.value}</span>
                )}
                {f.secret ? (
                  <Button
                    kind="link"
                    aria-pressed={shown[i] ? "true" : "false"}
                    aria-label={`${shown[i] ? "Hide" : "Show"} ${f.label.toLowerCase()}`}
                    onClick={() => setShown({ ...shown, [i]: !shown[i] })}
                  >
                    {shown[i] ? "Hide" : "Show"}
                  </Button>
                ) : null}
              </dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

function AddLogin(
  p: OrgAreaProps & { collections: Collection[]; onDone: (m: string) => void; onCancel: () => void },
) {
  const [name, setName] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [uri, setUri] = useState("");
  const [collectionId, setCollectionId] = useState(p.collections[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) return setError("Give the item a name.");
    if (!collectionId) return setError("Choose a collection.");
    setBusy(true);
    try {
      const k = p.orgKey.key;
      const enc = async (s: string) => (s ? encryptString(k, s) : null);
      await orgApi.createItem({
        cipher: {
          type: 1,
          organizationId: p.id,
          folderId: null,
          favorite: false,
          reprompt: 0,
          key: null,
          name: await encryptString(k, name.trim()),
          notes: null,
          login: {
            username: await enc(username),
            password: await enc(password),
            totp: null,
            uris: uri.trim() ? [{ uri: await encryptString(k, uri.trim()), match: null }] : null,
          },
          fields: null,
          passwordHistory: null,
          lastKnownRevisionDate: null,
        },
        collectionIds: [collectionId],
      });
      p.onDone(`${name.trim()} was added.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby="add-login-title" noValidate>
      <h3 id="add-login-title">New login</h3>
      <TextField label="Item name" value={name} onInput={setName} autoComplete="off" />
      <TextField label="Username" value={username} onInput={setUsername} autoComplete="off" optional />
      <TextField label="Password" type="password" value={password} onInput={setPassword} autoComplete="new-password" optional />
      <TextField label="Website" value={uri} onInput={setUri} autoComplete="off" optional />
      <SelectField
        label="In collection"
        value={collectionId}
        options={p.collections.map((c) => ({ value: c.id, label: c.decryptedName }))}
        onChange={setCollectionId}
      />
      <ErrorMessage error={error} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Save login
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
