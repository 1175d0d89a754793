// Sharing a personal item to an organization, into collections the user may add items to:
// re-encrypted with the org key in the browser (rekey.ts), then handed over in one request.

import { useState } from "preact/hooks";
import { Button, ErrorMessage, SelectField, useFocus } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { CollectionChecks } from "../items/CollectionChecks";
import { vaultApi } from "./api";
import { writableCollections } from "./ItemCollections";
import type { Vault, VaultItem } from "./model";
import { shareRequest } from "./rekey";

export function ShareItem(p: {
  userKey: SymmetricKey;
  vault: Vault;
  item: VaultItem;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  // Opening the panel takes keyboard and screen reader focus to it.
  const heading = useFocus<HTMLHeadingElement>();
  const [orgId, setOrgId] = useState<string>(p.vault.orgs[0]?.id ?? "");
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const org = p.vault.orgs.find((o) => o.id === orgId);
  const collections = writableCollections(p.vault, orgId);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!org) return setError("You are not a member of an organization whose key is open.");
    if (chosen.length === 0) return setError("Choose at least one collection.");
    setBusy(true);
    try {
      const cipher = await shareRequest(p.item.row, p.userKey, org.key, org.id);
      await vaultApi.share(p.item.row.id, cipher, chosen);
      p.onDone(`${p.item.name} was shared to ${org.name}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby="share-item-title" noValidate>
      <h2 id="share-item-title" tabIndex={-1} ref={heading}>Share {p.item.name}</h2>
      <p class="hint">The organization then owns the item: its members see it through the collections chosen.</p>
      {p.vault.orgs.length === 0 ? <p>You are not a member of any organization.</p> : null}
      {p.vault.orgs.length > 0 ? (
        <SelectField
          label="Organization"
          value={orgId}
          options={p.vault.orgs.map((o) => ({ value: o.id, label: o.name }))}
          onChange={(id) => {
            setOrgId(id);
            setChosen([]);
          }}
        />
      ) : null}
      {org ? (
        <>
          <CollectionChecks collections={collections} chosen={chosen} onChange={setChosen} />
          {collections.length === 0 ? <p>You can add items to no collection of this organization.</p> : null}
        </>
      ) : null}
      <ErrorMessage error={error} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Share
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
