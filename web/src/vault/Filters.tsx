// The vault's filters: whose vault (mine or an organization's), collection, folder, type and
// favourites. The trash is a separate view (a button in the page head).

import { Checkbox, SelectField } from "../app/ui";
import { ITEM_TYPES } from "../items/cipher";
import { ALL, MINE, NO_FOLDER, type Vault, type VaultFilter } from "./model";

const TYPES = [{ value: 0, label: "All types" }, ...Object.entries(ITEM_TYPES).map(([v, label]) => ({ value: Number(v), label }))];

export function Filters(p: { vault: Vault; filter: VaultFilter; onChange: (f: VaultFilter) => void }) {
  const { vault, filter } = p;
  const set = (change: Partial<VaultFilter>) => p.onChange({ ...filter, ...change });
  const owners = [
    { value: ALL, label: "All vaults" },
    { value: MINE, label: "My vault" },
    ...vault.orgs.map((o) => ({ value: o.id, label: o.name })),
  ];
  // Collections of the organization chosen (all of them when none is).
  const reachable = vault.collections.filter((c) => filter.owner === ALL || c.organizationId === filter.owner);
  const orgName = (id: string) => vault.orgs.find((o) => o.id === id)?.name ?? "";
  const collections = [
    { value: ALL, label: "All collections" },
    ...reachable.map((c) => ({
      value: c.id,
      label: vault.orgs.length > 1 && filter.owner === ALL ? `${c.decryptedName} (${orgName(c.organizationId)})` : c.decryptedName,
    })),
  ];
  const folders = [
    { value: ALL, label: "All folders" },
    { value: NO_FOLDER, label: "No folder" },
    ...vault.folders.map((f) => ({ value: f.id, label: f.decryptedName })),
  ];
  return (
    <div class="toolbar vault-filters" role="group" aria-label="Filters">
      <SelectField label="Vault" value={filter.owner} options={owners} onChange={(owner) => set({ owner, collection: ALL })} />
      {filter.owner !== MINE && vault.collections.length > 0 ? (
        <SelectField label="Collection" value={filter.collection} options={collections} onChange={(collection) => set({ collection })} />
      ) : null}
      <SelectField label="Folder" value={filter.folder} options={folders} onChange={(folder) => set({ folder })} />
      <SelectField label="Type" value={filter.type} options={TYPES} onChange={(type) => set({ type })} />
      <Checkbox label="Favourites only" checked={filter.favorites} onChange={(favorites) => set({ favorites })} />
    </div>
  );
}
