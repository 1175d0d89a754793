// Vault: every item of the organization (the admin view), decrypted in the browser with the org
// key; filtered by text and collection, paged, and opened to read its fields. Opening it as
// provider staff is recorded by the server in the provider's and the org's event logs.
// From here items are added (ItemEditor), edited, given other collections, moved to the trash
// and, from the trash, restored or deleted for good (ItemView).

import { useEffect, useMemo, useState } from "preact/hooks";
import { Button, ErrorMessage, Notice, Progress, SelectField, TextField } from "../app/ui";
import { Pager } from "../provider/Pager";
import { usePagedFilter } from "../provider/paging";
import type { OrgAreaProps } from "./AdminConsole";
import { areaError } from "./errors";
import { orgApi } from "./api";
import { ITEM_TYPES, type Item as AnyItem, decryptSummary } from "../items/decrypt";
import type { EditableType } from "../items/itemFields";
import type { CipherRow } from "./api";
import { type Collection, decryptCollections } from "./decrypt";
import { type EditorTarget, ItemEditor } from "./ItemEditor";
import { MoveItem } from "./ItemCollections";
import { ItemView } from "./ItemView";

type Item = AnyItem<CipherRow>;

const ALL = "";
const UNASSIGNED = "unassigned";

/** The types a new item can have, as the buttons that start one name them. */
const NEW_ITEMS: { type: EditableType; label: string }[] = [
  { type: 1, label: "+ New login" },
  { type: 2, label: "+ New secure note" },
  { type: 3, label: "+ New card" },
  { type: 4, label: "+ New identity" },
  { type: 5, label: "+ New SSH key" },
];

/** What is open beside the list. */
type Panel = { kind: "view"; item: Item } | { kind: "move"; item: Item } | EditorTarget;

export function Vault(p: OrgAreaProps) {
  const [items, setItems] = useState<Item[] | null>(null);
  const [collections, setCollections] = useState<Collection[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [collection, setCollection] = useState<string>(ALL);
  const [trash, setTrash] = useState(false);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const key = p.orgKey.key;

  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([orgApi.collections(p.id), orgApi.items(p.id)])
      .then(async ([cols, rows]) => {
        const decrypted = await decryptCollections(key, cols);
        const list = await Promise.all(rows.map((r) => decryptSummary(key, r)));
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
      (items ?? []).filter(
        (i) =>
          Boolean(i.row.deletedDate) === trash &&
          (collection === ALL
            ? true
            : collection === UNASSIGNED
              ? i.row.collectionIds.length === 0
              : i.row.collectionIds.includes(collection)),
      ),
    [items, collection, trash],
  );
  const list = usePagedFilter(inCollection, (i) => `${i.name} ${i.username}`);
  // In the collections' own (alphabetical) order, whatever order the server lists them in.
  const names = (ids: string[]) =>
    [
      ...collections.filter((c) => ids.includes(c.id)).map((c) => c.decryptedName),
      ...ids.filter((id) => !collections.some((c) => c.id === id)).map(() => "—"),
    ].join(", ");
  const options = [
    { value: ALL, label: "All collections" },
    ...collections.map((c) => ({ value: c.id, label: c.decryptedName })),
    { value: UNASSIGNED, label: "Unassigned" },
  ];
  const trashed = (items ?? []).filter((i) => i.row.deletedDate).length;
  const done = (message: string) => {
    setPanel(null);
    setNotice(message);
    setGeneration((g) => g + 1);
  };
  const start = (next: Panel) => {
    setNotice(null);
    setPanel(next);
  };

  return (
    <section aria-labelledby="vault-heading">
      <div class="section-head">
        <h2 id="vault-heading">{trash ? "Trash" : "Vault"}</h2>
        {items !== null ? (
          <Button kind="secondary" aria-pressed={trash ? "true" : "false"} onClick={() => {
            setTrash(!trash);
            setPanel(null);
          }}>
            {trash ? "Back to the items" : `Trash (${trashed})`}
          </Button>
        ) : null}
      </div>
      {items !== null && !trash ? (
        <div class="actions new-items" role="group" aria-label="Add an item">
          {NEW_ITEMS.map((n) => (
            <Button
              key={n.type}
              kind="secondary"
              aria-expanded={panel?.kind === "new" && panel.type === n.type ? "true" : "false"}
              onClick={() => start({ kind: "new", type: n.type })}
            >
              {n.label}
            </Button>
          ))}
        </div>
      ) : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {panel?.kind === "new" || panel?.kind === "edit" ? (
        <ItemEditor
          key={panel.kind === "new" ? `new-${panel.type}` : panel.item.row.id}
          {...p}
          target={panel}
          collections={collections}
          onCancel={() => setPanel(panel.kind === "edit" ? { kind: "view", item: panel.item } : null)}
          onDone={done}
        />
      ) : null}
      {panel?.kind === "move" ? (
        <MoveItem
          key={panel.item.row.id}
          item={panel.item}
          collections={collections}
          onCancel={() => setPanel({ kind: "view", item: panel.item })}
          onDone={done}
        />
      ) : null}
      <ErrorMessage error={error} />
      {items !== null ? (
        <div class="toolbar">
          <TextField label="Search items" type="search" value={list.query} onInput={list.setQuery} />
          <SelectField label="Collection" value={collection} options={options} onChange={setCollection} />
        </div>
      ) : null}
      {panel?.kind === "view" ? (
        <ItemView
          {...p}
          item={panel.item}
          collectionNames={names(panel.item.row.collectionIds)}
          onClose={() => setPanel(null)}
          onEdit={() => start({ kind: "edit", item: panel.item })}
          onMove={() => start({ kind: "move", item: panel.item })}
          onChanged={done}
        />
      ) : null}
      {items === null && error === null ? <Progress text="Loading and decrypting the items…" /> : null}
      {items !== null && inCollection.length === 0 && collection === ALL ? (
        <p>{trash ? "The trash is empty." : "This organization has no items yet."}</p>
      ) : null}
      {items !== null && (inCollection.length > 0 || collection !== ALL) ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{trash ? "Items in the trash" : "Items"}</caption>
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
                      onClick={() => start({ kind: "view", item: i })}
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
