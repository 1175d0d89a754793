// Which collections an item is in: the checkboxes the new-item form and the move form share,
// and the move form itself (the item's collections replaced in one request).

import { useState } from "preact/hooks";
import { Button, Checkbox, ErrorMessage } from "../app/ui";
import type { Item } from "../items/decrypt";
import type { CipherRow } from "./api";
import type { Collection } from "./decrypt";
import { itemsApi } from "./itemsApi";

export function CollectionChecks(p: { collections: Collection[]; chosen: string[]; onChange: (ids: string[]) => void }) {
  const toggle = (id: string, on: boolean) =>
    p.onChange(on ? [...p.chosen, id] : p.chosen.filter((c) => c !== id));
  return (
    <fieldset class="item-collections">
      <legend>Collections</legend>
      {p.collections.map((c) => (
        <Checkbox key={c.id} label={c.decryptedName} checked={p.chosen.includes(c.id)} onChange={(on) => toggle(c.id, on)} />
      ))}
      <p class="hint">
        {p.chosen.length === 0
          ? "In no collection the item is unassigned: only owners and admins see it."
          : "Members see the item through the collections they can reach."}
      </p>
    </fieldset>
  );
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
      <CollectionChecks collections={p.collections} chosen={chosen} onChange={setChosen} />
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
