// An item's attachments in its view: names decrypted, each downloadable (decrypted in the
// browser) and deletable; a file picker adds one, encrypted before it leaves the browser.

import { useEffect, useState } from "preact/hooks";
import { Button, ErrorMessage, Progress, useId } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { UNREADABLE } from "../items/decrypt";
import { type VaultCipher, vaultApi } from "./api";
import { attachmentName, downloadAttachment, saveAs, uploadAttachment } from "./attachmentFiles";

export function Attachments(p: {
  baseKey: SymmetricKey;
  row: VaultCipher;
  name: string;
  /** Trashed or read-only items list their files but take no new ones. */
  editable: boolean;
  onChanged: (message: string) => void;
}) {
  const [names, setNames] = useState<Record<string, string>>({});
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fileId = useId("attachment");
  const list = p.row.attachments ?? [];

  useEffect(() => {
    let live = true;
    void Promise.all(
      list.map(async (a) => [a.id, await attachmentName(p.baseKey, p.row, a).catch(() => UNREADABLE)] as const),
    ).then((pairs) => live && setNames(Object.fromEntries(pairs)));
    return () => {
      live = false;
    };
  }, [p.row]);

  const run = async (what: string, call: () => Promise<string | null>) => {
    setError(null);
    setBusy(what);
    try {
      const message = await call();
      if (message) p.onChanged(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  if (list.length === 0 && !p.editable) return null;
  return (
    <section class="attachments" aria-labelledby={`${fileId}-title`}>
      <h3 id={`${fileId}-title`}>Attachments</h3>
      {list.length === 0 ? <p>No attachments.</p> : null}
      <ul class="attachment-list">
        {list.map((a) => {
          const name = names[a.id] ?? "…";
          return (
            <li key={a.id}>
              <span class="tenant-name">{name}</span>
              <span class="hint">({a.sizeName})</span>
              <Button
                kind="link"
                busy={busy === `get-${a.id}`}
                aria-label={`Download ${name}`}
                onClick={() =>
                  void run(`get-${a.id}`, async () => {
                    const f = await downloadAttachment(p.baseKey, p.row, a);
                    saveAs(f.name, f.bytes);
                    return null;
                  })
                }
              >
                Download
              </Button>
              {p.editable ? (
                <Button
                  kind="link"
                  busy={busy === `del-${a.id}`}
                  aria-label={`Delete ${name}`}
                  onClick={() =>
                    void run(`del-${a.id}`, async () => {
                      await vaultApi.deleteAttachment(p.row.id, a.id);
                      return `${name} was deleted from ${p.name}.`;
                    })
                  }
                >
                  Delete
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {p.editable ? (
        <form
          class="inline-form"
          aria-label="Attach a file"
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) return setError("Choose a file first.");
            const chosen = file;
            void run("upload", async () => {
              await uploadAttachment(p.baseKey, p.row, chosen);
              setFile(null);
              return `${chosen.name} was attached to ${p.name}.`;
            });
          }}
        >
          <div class="field">
            <label for={fileId}>File to attach</label>
            <input id={fileId} type="file" onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
          </div>
          <Button type="submit" busy={busy === "upload"}>
            Upload
          </Button>
        </form>
      ) : null}
      {busy === "upload" ? <Progress text="Encrypting and uploading…" /> : null}
      <ErrorMessage error={error} />
    </section>
  );
}
