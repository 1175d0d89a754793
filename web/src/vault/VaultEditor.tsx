// Adding, editing and cloning a vault item: the shared item form (../items/ItemEditor.tsx) with
// the vault's own controls (folder, favourite). A new item goes to the user's own vault; a clone
// of an org item stays in that org's collections; an edit goes through the caller's own route.

import { useState } from "preact/hooks";
import { Checkbox, SelectField } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { type EditorTarget, ItemEditor } from "../items/ItemEditor";
import { buildCipher } from "../items/itemFields";
import { type VaultCipher, vaultApi } from "./api";
import { NO_FOLDER, type Folder } from "./model";

export function VaultEditor(p: {
  baseKey: SymmetricKey;
  target: EditorTarget<VaultCipher>;
  folders: Folder[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const source = p.target.kind === "new" ? null : p.target.item.row;
  const [folder, setFolder] = useState<string>(source?.folderId ?? NO_FOLDER);
  const [favorite, setFavorite] = useState<boolean>(source?.favorite ?? false);
  const options = [{ value: NO_FOLDER, label: "No folder" }, ...p.folders.map((f) => ({ value: f.id, label: f.decryptedName }))];

  return (
    <ItemEditor
      baseKey={p.baseKey}
      target={p.target}
      unreadable="This item cannot be decrypted, so it cannot be edited here."
      onCancel={p.onCancel}
      onDone={p.onDone}
      save={async (form, before) => {
        const placement = { folderId: folder === NO_FOLDER ? null : folder, favorite };
        const orgId = source?.organizationId ?? null;
        const name = form.name.trim();
        if (p.target.kind === "edit") {
          const original = { row: p.target.item.row, before };
          await vaultApi.update(p.target.item.row.id, await buildCipher(p.baseKey, orgId, form, original, placement));
          return `${name} was saved.`;
        }
        const cipher = await buildCipher(p.baseKey, orgId, form, undefined, placement);
        if (orgId) await vaultApi.createInOrg(cipher, source?.collectionIds ?? []);
        else await vaultApi.create(cipher);
        return `${name} was added.`;
      }}
    >
      <SelectField label="Folder" value={folder} options={options} onChange={setFolder} />
      <Checkbox label="Favourite" checked={favorite} onChange={setFavorite} />
    </ItemEditor>
  );
}
