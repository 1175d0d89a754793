// Adding an item of the organization in the collections chosen, or editing one: the shared item
// form (../items/ItemEditor.tsx) encrypted with the org key (or the item's own key), sent
// through the admin item routes.

import { useState } from "preact/hooks";
import { type EditorTarget as AnyTarget, ItemEditor as ItemForm } from "../items/ItemEditor";
import { buildCipher } from "../items/itemFields";
import type { OrgAreaProps } from "./AdminConsole";
import type { CipherRow } from "./api";
import type { Collection } from "./decrypt";
import { CollectionChecks } from "../items/CollectionChecks";
import { adminHint } from "./ItemCollections";
import { itemsApi } from "./itemsApi";

/** The org console adds and edits (cloning is the personal vault's). */
export type EditorTarget = Exclude<AnyTarget<CipherRow>, { kind: "clone" }>;

export function ItemEditor(
  p: OrgAreaProps & {
    target: EditorTarget;
    collections: Collection[];
    onDone: (message: string) => void;
    onCancel: () => void;
  },
) {
  const [chosen, setChosen] = useState<string[]>(p.collections[0] ? [p.collections[0].id] : []);
  const editing = p.target.kind === "edit" ? p.target.item : null;
  return (
    <ItemForm
      baseKey={p.orgKey.key}
      target={p.target}
      unreadable="This item cannot be decrypted with the organization's key, so it cannot be edited here."
      onCancel={p.onCancel}
      onDone={p.onDone}
      save={async (form, before) => {
        const original = editing ? { row: editing.row, before } : undefined;
        const cipher = await buildCipher(p.orgKey.key, p.id, form, original);
        if (editing) {
          await itemsApi.update(editing.row.id, cipher);
          return `${form.name.trim()} was saved.`;
        }
        await itemsApi.create(cipher, chosen);
        return `${form.name.trim()} was added.`;
      }}
    >
      {editing ? null : <CollectionChecks collections={p.collections} chosen={chosen} onChange={setChosen} hint={adminHint} />}
    </ItemForm>
  );
}
