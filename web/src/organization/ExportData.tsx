// Exporting the organization as Bitwarden JSON, after the master password: in clear (every item
// decrypted here), or as stored under the org key. The file is made in the browser.

import { useState } from "preact/hooks";
import { downloadText } from "../app/download";
import { Notice, SelectField } from "../app/ui";
import type { OrgAreaProps } from "./AdminConsole";
import { encryptedExport, plainExport } from "./exportFormat";
import { extrasApi } from "./extrasApi";
import { MasterPasswordForm } from "../app/MasterPasswordForm";

type ExportKind = "encrypted" | "plain";

const KINDS: { value: ExportKind; label: string }[] = [
  { value: "encrypted", label: "Bitwarden (json, encrypted with the organization key)" },
  { value: "plain", label: "Bitwarden (json, not encrypted)" },
];

export function ExportData(p: OrgAreaProps) {
  const [kind, setKind] = useState<ExportKind>("encrypted");
  const [done, setDone] = useState<string | null>(null);

  const run = async (hash: string) => {
    setDone(null);
    await extrasApi.verifyPassword(hash);
    const data = await extrasApi.export(p.id);
    const text = kind === "plain" ? await plainExport(p.orgKey.key, data) : await encryptedExport(p.orgKey.key, data);
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const fileName = `bitwarden_organization_export_${stamp}${kind === "encrypted" ? "_encrypted" : ""}.json`;
    downloadText(fileName, text, "application/json");
    // The file is saved already: a lost log entry must not read as a failed export.
    await extrasApi.recordExport(p.id).catch(() => undefined);
    setDone(`${data.ciphers.length} items exported to ${fileName}.`);
  };

  return (
    <MasterPasswordForm title="Export data" actions={[{ label: "Export data", run }]}>
      <SelectField label="Export format" value={kind} options={KINDS} onChange={setKind} />
      {kind === "plain" ? (
        <Notice kind="warning">
          This file holds every password of the organization in clear text. Keep it safe and
          delete it when done.
        </Notice>
      ) : (
        <p>The items stay encrypted with the organization key: only someone holding that key reads them.</p>
      )}
      {done ? <Notice kind="success">{done}</Notice> : null}
    </MasterPasswordForm>
  );
}
