// Importing into the organization: a Bitwarden JSON (unencrypted, or this organization's own
// encrypted export) or CSV file is read and checked whole in the browser first (every problem
// listed by line or item, nothing sent), then every item is encrypted under the org key and sent
// in one all-or-nothing request.

import { useState } from "preact/hooks";
import { Button, ErrorMessage, Notice, SelectField, useId } from "../app/ui";
import type { OrgAreaProps } from "./AdminConsole";
import { orgApi } from "./api";
import { decryptCollections } from "./decrypt";
import { extrasApi } from "./extrasApi";
import { ImportProblems } from "../items/ImportProblems";
import { openEncryptedExport } from "../items/importDecrypt";
import { type ImportFormat, parseImport } from "../items/importParse";
import { buildImportRequest } from "./importRequest";

const FORMATS: { value: ImportFormat; label: string }[] = [
  { value: "bitwarden-csv", label: "Bitwarden (csv)" },
  { value: "bitwarden-json", label: "Bitwarden (json)" },
];

export function ImportData(p: OrgAreaProps) {
  const titleId = useId("import");
  const fileId = useId("import-file");
  const [format, setFormat] = useState<ImportFormat>("bitwarden-csv");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [imported, setImported] = useState<number | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setProblems([]);
    setImported(null);
    if (!file) return setError("Choose the file to import.");
    setBusy(true);
    try {
      const raw = await file.text();
      const opened = format === "bitwarden-json" ? await openEncryptedExport(p.orgKey.key, raw) : { ok: true as const, text: raw };
      if (!opened.ok) return setProblems([opened.problem]);
      const parsed = parseImport(format, opened.text);
      if (!parsed.ok) return setProblems(parsed.problems);
      const existing = await decryptCollections(p.orgKey.key, await orgApi.collections(p.id));
      await extrasApi.import(p.id, await buildImportRequest(p.orgKey.key, p.id, parsed.data, existing));
      setImported(parsed.data.items.length);
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
        Items go into the collections the file names; a collection the organization does not have
        yet is created. The whole file is checked first: if any line is wrong, nothing is imported.
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
      {imported !== null ? (
        <Notice kind="success">
          Imported {imported} {imported === 1 ? "item" : "items"}.
        </Notice>
      ) : null}
      <Button type="submit" busy={busy}>
        Import data
      </Button>
    </form>
  );
}
