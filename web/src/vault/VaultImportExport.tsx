// The personal vault's Import / export panel: the import and export forms side by side. Only
// the user's own items are exported; organization items are exported from the Admin Console.

import { Button, useFocus } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import type { Folder } from "./model";
import { VaultExport } from "./VaultExport";
import { VaultImport } from "./VaultImport";

export function VaultImportExport(p: {
  userKey: SymmetricKey;
  folders: readonly Folder[];
  onImported: (message: string) => void;
  onClose: () => void;
}) {
  // Opening the panel takes keyboard and screen reader focus to it.
  const heading = useFocus<HTMLHeadingElement>();
  return (
    <section class="panel import-export" aria-labelledby="vault-import-export-title">
      <div class="section-head">
        <h2 id="vault-import-export-title" tabIndex={-1} ref={heading}>
          Import / export
        </h2>
        <Button kind="secondary" onClick={p.onClose}>
          Close import / export
        </Button>
      </div>
      <VaultImport userKey={p.userKey} folders={p.folders} onImported={p.onImported} />
      <VaultExport userKey={p.userKey} />
    </section>
  );
}
