// Importing into the personal vault: a Bitwarden CSV or JSON file (unencrypted, or this
// account's own encrypted export) is read and checked whole in the browser first (every
// problem listed by line or item, nothing sent), then every item is encrypted under the user
// key and sent in one all-or-nothing request with the folders the file names.

import { useState } from "preact/hooks";
import { Button, ErrorMessage, SelectField, useId } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { ImportProblems } from "../items/ImportProblems";
import { openEncryptedExport } from "../items/importDecrypt";
import { type ImportFormat, parseImport } from "../items/importParse";
import { importExportApi } from "./importExportApi";
import { buildPersonalImport } from "./importRequest";
import type { Folder } from "./model";

const FORMATS: { value: ImportFormat; label: string }[] = [
  { value: "bitwarden-csv", label: "Bitwarden (csv)" },
  { value: "bitwarden-json", label: "Bitwarden (json)" },
];

export function VaultImport(p: { userKey: SymmetricKey; folders: readonly Folder[]; onImported: (message: string) => void }) {
  const titleId = useId("vault-import");
  const fileId = useId("vault-import-file");
  const [format, setFormat] = useState<ImportFormat>("bitwarden-csv");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setProblems([]);
    if (!file) return setError("Choose the file to import.");
    setBusy(true);
    try {
      const raw = await file.text();
      const opened = format === "bitwarden-json" ? await openEncryptedExport(p.userKey, raw, "account") : { ok: true as const, text: raw };
      if (!opened.ok) return setProblems([opened.problem]);
      const parsed = parseImport(format, opened.text);
      if (!parsed.ok) return setProblems(parsed.problems);
      await importExportApi.import(await buildPersonalImport(p.userKey, parsed.data, p.folders));
      const n = parsed.data.items.length;
      p.onImported(`Imported ${n} ${n === 1 ? "item" : "items"}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" aria-labelledby={titleId} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={titleId}>Import data</h3>
      <p>
        Items go into your vault, in the folders the file names; a folder you do not have yet is
        created. The whole file is checked first: if any line is wrong, nothing is imported.
      </p>
      <SelectField label="File format" value={format} options={FORMATS} onChange={setFormat} />
      <div class="field">
        <label for={fileId}>File to import</label>
        <input
          id={fileId}
          type="file"
          accept={format === "bitwarden-csv" ? ".csv,text/csv" : ".json,application/json"}
          onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)}
        />
      </div>
      <ImportProblems problems={problems} />
      <ErrorMessage error={error} />
      <Button type="submit" busy={busy}>
        Import data
      </Button>
    </form>
  );
}
