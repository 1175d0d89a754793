// Exporting the personal vault as Bitwarden JSON, after the master password: the user's own
// items and folders, in clear (decrypted here) or as stored under the user key. The file is
// made in the browser from a fresh sync.

import { useState } from "preact/hooks";
import { downloadText } from "../app/download";
import { MasterPasswordForm } from "../app/MasterPasswordForm";
import { Notice, SelectField } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { vaultApi } from "./api";
import { encryptedPersonalExport, personalExportData, plainPersonalExport } from "./exportFormat";
import { importExportApi } from "./importExportApi";

type ExportKind = "encrypted" | "plain";

const KINDS: { value: ExportKind; label: string }[] = [
  { value: "encrypted", label: "Bitwarden (json, encrypted with your account key)" },
  { value: "plain", label: "Bitwarden (json, not encrypted)" },
];

export function VaultExport(p: { userKey: SymmetricKey }) {
  const [kind, setKind] = useState<ExportKind>("encrypted");
  const [done, setDone] = useState<string | null>(null);

  const run = async (hash: string) => {
    setDone(null);
    await importExportApi.verifyPassword(hash);
    const data = personalExportData(await vaultApi.sync());
    const text = kind === "plain" ? await plainPersonalExport(p.userKey, data) : await encryptedPersonalExport(p.userKey, data);
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const fileName = `bitwarden_export_${stamp}${kind === "encrypted" ? "_encrypted" : ""}.json`;
    downloadText(fileName, text, "application/json");
    // The file is saved already: a lost log entry must not read as a failed export.
    await importExportApi.recordExport().catch(() => undefined);
    setDone(`${data.ciphers.length} items exported to ${fileName}.`);
  };

  return (
    <MasterPasswordForm title="Export data" actions={[{ label: "Export data", run }]}>
      <SelectField label="Export format" value={kind} options={KINDS} onChange={setKind} />
      {kind === "plain" ? (
        <Notice kind="warning">
          This file holds every password of your vault in clear text. Keep it safe and delete it
          when done.
        </Notice>
      ) : (
        <p>The items stay encrypted with your account key: only this account can import them back.</p>
      )}
      {done ? <Notice kind="success">{done}</Notice> : null}
    </MasterPasswordForm>
  );
}
