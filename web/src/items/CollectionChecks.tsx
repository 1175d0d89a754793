// Which collections an item is in: the checkboxes the org console's item forms and the vault's
// (new item in an organization, change collections) share.

import { Checkbox } from "../app/ui";

export interface NamedCollection {
  id: string;
  decryptedName: string;
}

export function CollectionChecks(p: {
  collections: NamedCollection[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  /** A sentence under the boxes, given the number chosen. */
  hint?: (chosen: number) => string;
}) {
  const toggle = (id: string, on: boolean) => p.onChange(on ? [...p.chosen, id] : p.chosen.filter((c) => c !== id));
  return (
    <fieldset class="item-collections">
      <legend>Collections</legend>
      {p.collections.map((c) => (
        <Checkbox key={c.id} label={c.decryptedName} checked={p.chosen.includes(c.id)} onChange={(on) => toggle(c.id, on)} />
      ))}
      {p.hint ? <p class="hint">{p.hint(p.chosen.length)}</p> : null}
    </fieldset>
  );
}
