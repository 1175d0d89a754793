// One item of the organization opened: every field decrypted (the shared ItemFieldList),
// and what can be done with it: edit, change its collections, move it to the trash; from the
// trash, restore it or delete it for good (after a confirmation).

import { useEffect, useState } from "preact/hooks";
import { Button, ErrorMessage, Progress } from "../app/ui";
import { ITEM_TYPES, type Item, type ItemField, decryptFields } from "../items/decrypt";
import { ItemFieldList } from "../items/ItemFieldList";
import { isEditable } from "../items/itemFields";
import type { OrgAreaProps } from "./AdminConsole";
import type { CipherRow } from "./api";
import { itemsApi } from "./itemsApi";

export interface ItemActions {
  onEdit: () => void;
  onMove: () => void;
  /** After a change on the server: the message to show, the list reloaded. */
  onChanged: (message: string) => void;
  onClose: () => void;
}

export function ItemView(p: OrgAreaProps & ItemActions & { item: Item<CipherRow>; collectionNames: string }) {
  const [fields, setFields] = useState<ItemField[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const trashed = Boolean(p.item.row.deletedDate);

  useEffect(() => {
    let live = true;
    setFields(null);
    setConfirming(false);
    decryptFields(p.orgKey.key, p.item.row)
      .then((f) => live && setFields(f))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [p.item]);

  const act = async (call: () => Promise<unknown>, message: string) => {
    setError(null);
    setBusy(true);
    try {
      await call();
      p.onChanged(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const id = p.item.row.id;
  const name = p.item.name;

  return (
    <div class="panel item-view" role="region" aria-labelledby="item-view-title">
      <div class="section-head">
        <h3 id="item-view-title">{name}</h3>
        <Button kind="secondary" onClick={p.onClose}>
          Close
        </Button>
      </div>
      {fields === null && error === null ? <Progress text="Decrypting…" /> : null}
      {fields !== null ? (
        <ItemFieldList fields={fields}>
          <dt>Type</dt>
          <dd>{ITEM_TYPES[p.item.row.type] ?? "Item"}</dd>
          <dt>Collections</dt>
          <dd>{p.collectionNames || "Unassigned"}</dd>
          {trashed ? (
            <>
              <dt>In the trash since</dt>
              <dd>{new Date(p.item.row.deletedDate ?? "").toLocaleString()}</dd>
            </>
          ) : null}
        </ItemFieldList>
      ) : null}
      <ErrorMessage error={error} />
      {confirming ? (
        <div class="panel confirm" role="alertdialog" aria-labelledby="delete-item-title">
          <h3 id="delete-item-title">Delete {name} permanently?</h3>
          <p>It cannot be restored afterwards, and its attachments are deleted with it.</p>
          <div class="actions">
            <Button kind="danger" busy={busy} onClick={() => void act(() => itemsApi.deleteForever(id), `${name} was deleted permanently.`)}>
              Delete permanently
            </Button>
            <Button kind="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <div class="actions">
          {trashed ? (
            <>
              <Button busy={busy} onClick={() => void act(() => itemsApi.restore(id), `${name} was restored.`)}>
                Restore
              </Button>
              <Button kind="danger" onClick={() => setConfirming(true)}>
                Delete permanently
              </Button>
            </>
          ) : (
            <>
              {isEditable(p.item.row.type) && fields !== null ? <Button onClick={p.onEdit}>Edit</Button> : null}
              <Button kind="secondary" onClick={p.onMove}>
                Change collections
              </Button>
              <Button kind="danger" busy={busy} onClick={() => void act(() => itemsApi.trash(id), `${name} was moved to the trash.`)}>
                Move to trash
              </Button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
