// Adding, editing and cloning a vault item: the shared item form (../items/ItemEditor.tsx) with
// the vault's own controls (folder, favourite; for a new item, its owner and collections). A new
// item goes to the user's own vault or, encrypted with that org's key, into collections of an
// organization; a clone stays where its original is; an edit goes through the caller's own route.

import { useState } from "preact/hooks";
import { Checkbox, SelectField } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { CollectionChecks } from "../items/CollectionChecks";
import { type EditorTarget, ItemEditor } from "../items/ItemEditor";
import { buildCipher } from "../items/itemFields";
import { type VaultCipher, vaultApi } from "./api";
import { writableCollections } from "./ItemCollections";
import { MINE, NO_FOLDER, type Vault } from "./model";
import { openerOf } from "./VaultTable";

export function VaultEditor(p: {
  baseKey: SymmetricKey;
  target: EditorTarget<VaultCipher>;
  vault: Vault;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const source = p.target.kind === "new" ? null : p.target.item.row;
  const [folder, setFolder] = useState<string>(source?.folderId ?? NO_FOLDER);
  const [favorite, setFavorite] = useState<boolean>(source?.favorite ?? false);
  const [reprompt, setReprompt] = useState<boolean>(source?.reprompt === 1);
  const [owner, setOwner] = useState<string>(MINE);
  const [chosen, setChosen] = useState<string[]>([]);
  const options = [{ value: NO_FOLDER, label: "No folder" }, ...p.vault.folders.map((f) => ({ value: f.id, label: f.decryptedName }))];
  const owners = [{ value: MINE, label: "My vault" }, ...p.vault.orgs.map((o) => ({ value: o.id, label: o.name }))];
  const ownerOrg = p.vault.orgs.find((o) => o.id === owner) ?? null;
  const collections = writableCollections(p.vault, ownerOrg?.id ?? null);

  return (
    <ItemEditor
      baseKey={p.baseKey}
      target={p.target}
      unreadable="This item cannot be decrypted, so it cannot be edited here."
      returnFocus={() => (source ? openerOf(source.id) : null)}
      onCancel={p.onCancel}
      onDone={p.onDone}
      save={async (form, before) => {
        const placement = { folderId: folder === NO_FOLDER ? null : folder, favorite, reprompt: reprompt ? 1 : 0 } as const;
        const orgId = source?.organizationId ?? null;
        const name = form.name.trim();
        if (p.target.kind === "edit") {
          const original = { row: p.target.item.row, before };
          await vaultApi.update(p.target.item.row.id, await buildCipher(p.baseKey, orgId, form, original, placement));
          return `${name} was saved.`;
        }
        if (p.target.kind === "new" && ownerOrg) {
          if (chosen.length === 0) throw new Error("Choose at least one collection.");
          await vaultApi.createInOrg(await buildCipher(ownerOrg.key, ownerOrg.id, form, undefined, placement), chosen);
          return `${name} was added to ${ownerOrg.name}.`;
        }
        const cipher = await buildCipher(p.baseKey, orgId, form, undefined, placement);
        if (orgId) await vaultApi.createInOrg(cipher, source?.collectionIds ?? []);
        else await vaultApi.create(cipher);
        return `${name} was added.`;
      }}
    >
      {p.target.kind === "new" && p.vault.orgs.length > 0 ? (
        <>
          <SelectField
            label="Owner"
            value={owner}
            options={owners}
            onChange={(o) => {
              setOwner(o);
              setChosen([]);
            }}
          />
          {ownerOrg ? <CollectionChecks collections={collections} chosen={chosen} onChange={setChosen} /> : null}
        </>
      ) : null}
      <SelectField label="Folder" value={folder} options={options} onChange={setFolder} />
      <Checkbox label="Favourite" checked={favorite} onChange={setFavorite} />
      <Checkbox label="Ask for the master password to open" checked={reprompt} onChange={setReprompt} />
    </ItemEditor>
  );
}
