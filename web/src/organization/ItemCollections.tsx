// Which collections an org item is in, as the Admin Console changes it: the move form (the
// item's collections replaced in one request through the admin route).

import { useState } from "preact/hooks";
import { Button, ErrorMessage } from "../app/ui";
import { CollectionChecks } from "../items/CollectionChecks";
import type { Item } from "../items/decrypt";
import type { CipherRow } from "./api";
import type { Collection } from "./decrypt";
import { itemsApi } from "./itemsApi";

/** The org console's sentence under the boxes: an unassigned item is for owners and admins. */
export function adminHint(chosen: number): string {
  return chosen === 0
    ? "In no collection the item is unassigned: only owners and admins see it."
    : "Members see the item through the collections they can reach.";
}

export function MoveItem(p: {
  item: Item<CipherRow>;
  collections: Collection[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [chosen, setChosen] = useState<string[]>(p.item.row.collectionIds);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await itemsApi.setCollections(p.item.row.id, chosen);
      p.onDone(`The collections of ${p.item.name} were saved.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void save(e)} aria-labelledby="move-item-title" noValidate>
      <h3 id="move-item-title">Collections of {p.item.name}</h3>
      <CollectionChecks collections={p.collections} chosen={chosen} onChange={setChosen} hint={adminHint} />
      <ErrorMessage error={error} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Save collections
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
