// The vault's list: one page of the filtered, searched items (name, type, username, whose vault,
// folder), each opened by its name; favourites marked.

import { ITEM_TYPES } from "../items/cipher";
import { Pager } from "../provider/Pager";
import type { Vault, VaultItem } from "./model";

export interface PagedItems {
  visible: VaultItem[];
  total: number;
  page: number;
  pages: number;
  setPage: (page: number) => void;
}

/** The list's button that opens this item, if the list shows it. */
export function openerOf(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`button.item-open[data-item-id="${CSS.escape(id)}"]`);
}

export function VaultTable(p: { vault: Vault; trash: boolean; list: PagedItems; onOpen: (id: string) => void }) {
  const orgName = (id: string | null) => (id ? (p.vault.orgs.find((o) => o.id === id)?.name ?? "—") : "My vault");
  const folderName = (id: string | null | undefined) => p.vault.folders.find((f) => f.id === id)?.decryptedName ?? "";
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{p.trash ? "Items in the trash" : "Items"}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Username</th>
            <th scope="col">Vault</th>
            <th scope="col">Folder</th>
          </tr>
        </thead>
        <tbody>
          {p.list.visible.map((i) => (
            <tr key={i.row.id}>
              <th scope="row">
                <button type="button" class="button-link item-open" aria-label={`View ${i.name}`}
                  data-item-id={i.row.id}
                  onClick={() => p.onOpen(i.row.id)}>
                  {i.name}
                </button>
                {i.row.favorite ? (
                  <>
                    <span class="favourite" aria-hidden="true">
                      {" ★"}
                    </span>
                    <span class="visually-hidden"> (favourite)</span>
                  </>
                ) : null}
              </th>
              <td>{ITEM_TYPES[i.row.type] ?? "Item"}</td>
              <td>{i.username}</td>
              <td>{orgName(i.row.organizationId)}</td>
              <td>{folderName(i.row.folderId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager label="Items" {...p.list} />
    </div>
  );
}
