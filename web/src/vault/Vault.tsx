// The personal vault at /#/vault: the user's own items and those of their organizations side by
// side, decrypted in the browser (names once per revision), filtered, searched and paged so that
// 10,000 items stay quick. Items are opened, added, edited, cloned, shared, trashed, restored
// and deleted for good from here; folders are managed beside them.

import { useEffect, useMemo, useState } from "preact/hooks";
import type { UnlockedSession } from "../app/areas";
import { Button, ErrorMessage, Notice, PageHeading, Progress, TextField } from "../app/ui";
import type { EditorTarget } from "../items/ItemEditor";
import type { EditableType } from "../items/itemFields";
import { usePagedFilter } from "../provider/paging";
import type { VaultCipher } from "./api";
import { Filters } from "./Filters";
import { Folders } from "./Folders";
import { ItemCollections } from "./ItemCollections";
import { NO_FILTER, type Vault as Loaded, type VaultFilter, baseKeyOf, loadVault, matches, summaryCacheFor } from "./model";
import { ShareItem } from "./ShareItem";
import { VaultEditor } from "./VaultEditor";
import { VaultImportExport } from "./VaultImportExport";
import { VaultItemView } from "./VaultItemView";
import { VaultTable } from "./VaultTable";

const NEW_ITEMS: { type: EditableType; label: string }[] = [
  { type: 1, label: "+ New login" },
  { type: 2, label: "+ New secure note" },
  { type: 3, label: "+ New card" },
  { type: 4, label: "+ New identity" },
  { type: 5, label: "+ New SSH key" },
];

/** What is open beside the list; items by id, so a reload shows their new state. */
type Panel =
  | { kind: "view" | "share" | "collections"; id: string }
  | { kind: "folders" | "import-export" }
  | EditorTarget<VaultCipher>;

export function Vault(p: { session: UnlockedSession }) {
  const [vault, setVault] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<VaultFilter>(NO_FILTER);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const userKey = p.session.keys.userKey;

  useEffect(() => {
    let live = true;
    setError(null);
    loadVault(p.session, summaryCacheFor(userKey))
      .then((v) => live && setVault(v))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [userKey, generation]);

  const shown = useMemo(() => (vault?.items ?? []).filter((i) => matches(i, filter)), [vault, filter]);
  const list = usePagedFilter(shown, (i) => `${i.name} ${i.username}`);
  const trashed = useMemo(() => (vault?.items ?? []).filter((i) => i.row.deletedDate).length, [vault]);
  const byId = (id: string) => vault?.items.find((i) => i.row.id === id) ?? null;

  const changed = (message: string, next: Panel | null = null) => {
    setPanel(next);
    setNotice(message);
    setGeneration((g) => g + 1);
  };
  const start = (next: Panel) => {
    setNotice(null);
    setPanel(next);
  };

  const viewed = panel?.kind === "view" || panel?.kind === "share" || panel?.kind === "collections" ? byId(panel.id) : null;
  const editing = panel?.kind === "new" || panel?.kind === "edit" || panel?.kind === "clone" ? panel : null;
  const editKey = editing && vault ? (editing.kind === "new" ? userKey : baseKeyOf(p.session, vault, editing.item)) : null;

  return (
    <div class="page vault-page">
      <PageHeading>Vault</PageHeading>
      <ErrorMessage error={error} />
      {vault === null && error === null ? <Progress text="Loading and decrypting your vault…" /> : null}
      {vault !== null ? (
        <>
          <div class="section-head">
            <h2 id="vault-items-heading">{filter.trash ? "Trash" : "Items"}</h2>
            <div class="actions">
              <Button
                kind="secondary"
                aria-expanded={panel?.kind === "folders" ? "true" : "false"}
                onClick={() => start({ kind: "folders" })}
              >
                Manage folders
              </Button>
              <Button
                kind="secondary"
                aria-expanded={panel?.kind === "import-export" ? "true" : "false"}
                onClick={() => start({ kind: "import-export" })}
              >
                Import / export
              </Button>
              <Button
                kind="secondary"
                aria-pressed={filter.trash ? "true" : "false"}
                onClick={() => {
                  setFilter({ ...filter, trash: !filter.trash });
                  setPanel(null);
                }}
              >
                {filter.trash ? "Back to the items" : `Trash (${trashed})`}
              </Button>
            </div>
          </div>
          {!filter.trash ? (
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
          {panel?.kind === "folders" ? (
            <Folders
              userKey={userKey}
              folders={vault.folders}
              onChanged={(m) => changed(m, { kind: "folders" })}
              onClose={() => setPanel(null)}
            />
          ) : null}
          {panel?.kind === "import-export" ? (
            <VaultImportExport
              userKey={userKey}
              folders={vault.folders}
              onImported={(m) => changed(m, { kind: "import-export" })}
              onClose={() => setPanel(null)}
            />
          ) : null}
          {editing && editKey ? (
            <VaultEditor
              key={editing.kind === "new" ? `new-${editing.type}` : `${editing.kind}-${editing.item.row.id}`}
              baseKey={editKey}
              target={editing}
              vault={vault}
              onCancel={() => setPanel(editing.kind === "new" ? null : { kind: "view", id: editing.item.row.id })}
              onDone={(m) => changed(m)}
            />
          ) : null}
          {panel?.kind === "share" && viewed ? (
            <ShareItem
              userKey={userKey}
              vault={vault}
              item={viewed}
              onCancel={() => setPanel({ kind: "view", id: viewed.row.id })}
              onDone={(m) => changed(m, { kind: "view", id: viewed.row.id })}
            />
          ) : null}
          {panel?.kind === "collections" && viewed ? (
            <ItemCollections
              vault={vault}
              item={viewed}
              onCancel={() => setPanel({ kind: "view", id: viewed.row.id })}
              onDone={(m) => changed(m, { kind: "view", id: viewed.row.id })}
            />
          ) : null}
          {panel?.kind === "view" && viewed ? (
            <ItemPanel session={p.session} vault={vault} item={viewed} start={start} changed={changed} close={() => setPanel(null)} />
          ) : null}
          <div class="toolbar">
            <TextField label="Search items" type="search" value={list.query} onInput={list.setQuery} />
          </div>
          <Filters vault={vault} filter={filter} onChange={setFilter} />
          {list.total === 0 ? (
            <p role="status">{vault.items.length === 0 ? "Your vault has no items yet." : filter.trash && shown.length === 0 ? "The trash is empty." : "No item matches."}</p>
          ) : (
            <VaultTable vault={vault} trash={filter.trash} list={list} onOpen={(id) => start({ kind: "view", id })} />
          )}
        </>
      ) : null}
    </div>
  );
}

function ItemPanel(p: {
  session: UnlockedSession;
  vault: Loaded;
  item: NonNullable<Loaded["items"][number]>;
  start: (panel: Panel) => void;
  changed: (message: string, next?: Panel | null) => void;
  close: () => void;
}) {
  const key = baseKeyOf(p.session, p.vault, p.item);
  if (!key) return <p role="alert">The key of this item's organization could not be opened.</p>;
  const id = p.item.row.id;
  return (
    <VaultItemView
      key={id}
      session={p.session}
      baseKey={key}
      vault={p.vault}
      item={p.item}
      onClose={p.close}
      onEdit={() => p.start({ kind: "edit", item: p.item })}
      onClone={() => p.start({ kind: "clone", item: p.item })}
      onShare={() => p.start({ kind: "share", id })}
      onCollections={() => p.start({ kind: "collections", id })}
      onChanged={(m, stay) => p.changed(m, stay ? { kind: "view", id } : null)}
    />
  );
}
