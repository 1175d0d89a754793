// Changing which collections of its organization an item is in, among those the user may add
// items to; collections the user cannot edit keep the item as they had it (the server sees to it).

import { useState } from "preact/hooks";
import { Button, ErrorMessage, useFocus } from "../app/ui";
import { CollectionChecks } from "../items/CollectionChecks";
import { vaultApi } from "./api";
import type { Vault, VaultItem } from "./model";

/** The collections of the org the user may put items in. */
export function writableCollections(vault: Vault, orgId: string | null) {
  return vault.collections.filter((c) => c.organizationId === orgId && !c.readOnly);
}

export function ItemCollections(p: { vault: Vault; item: VaultItem; onDone: (message: string) => void; onCancel: () => void }) {
  const collections = writableCollections(p.vault, p.item.row.organizationId);
  // Opening the panel takes keyboard and screen reader focus to it.
  const heading = useFocus<HTMLHeadingElement>();
  const [chosen, setChosen] = useState<string[]>(p.item.row.collectionIds.filter((id) => collections.some((c) => c.id === id)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await vaultApi.setCollections(p.item.row.id, chosen);
      p.onDone(`The collections of ${p.item.name} were saved.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void save(e)} aria-labelledby="vault-collections-title" noValidate>
      <h2 id="vault-collections-title" tabIndex={-1} ref={heading}>Collections of {p.item.name}</h2>
      <CollectionChecks collections={collections} chosen={chosen} onChange={setChosen} />
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
