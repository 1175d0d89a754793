// The user's folders: create, rename, delete. Names are encrypted with the user key; deleting a
// folder leaves its items in no folder.

import { useState } from "preact/hooks";
import { Button, ErrorMessage, TextField, useFocus } from "../app/ui";
import { type SymmetricKey, encryptString } from "../crypto";
import { vaultApi } from "./api";
import type { Folder } from "./model";

export function Folders(p: { userKey: SymmetricKey; folders: Folder[]; onChanged: (message: string) => void; onClose: () => void }) {
  // Opening the panel takes keyboard and screen reader focus to it.
  const heading = useFocus<HTMLHeadingElement>();
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<Folder | null>(null);
  const [newName, setNewName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const act = async (call: () => Promise<unknown>, message: string) => {
    setError(null);
    setBusy(true);
    try {
      await call();
      setName("");
      setRenaming(null);
      p.onChanged(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const create = (e: Event) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return setError("Give the folder a name.");
    void act(async () => vaultApi.createFolder(await encryptString(p.userKey, n)), `The folder ${n} was created.`);
  };
  const rename = (e: Event) => {
    e.preventDefault();
    const n = newName.trim();
    if (!renaming) return;
    if (!n) return setError("Give the folder a name.");
    const id = renaming.id;
    void act(async () => vaultApi.renameFolder(id, await encryptString(p.userKey, n)), `The folder is now called ${n}.`);
  };

  return (
    <section class="panel folders" aria-labelledby="folders-title">
      <div class="section-head">
        <h2 id="folders-title" tabIndex={-1} ref={heading}>Folders</h2>
        <Button kind="secondary" onClick={p.onClose}>
          Close folders
        </Button>
      </div>
      {p.folders.length === 0 ? <p>No folders yet.</p> : null}
      <ul class="folder-list">
        {p.folders.map((f) => (
          <li key={f.id}>
            {renaming?.id === f.id ? (
              <form class="inline-form" onSubmit={rename} aria-label={`Rename ${f.decryptedName}`} noValidate>
                <TextField label="New folder name" value={newName} onInput={setNewName} autoComplete="off" />
                <Button type="submit" busy={busy}>
                  Save folder
                </Button>
                <Button kind="secondary" onClick={() => setRenaming(null)}>
                  Cancel
                </Button>
              </form>
            ) : (
              <>
                <span class="tenant-name">{f.decryptedName}</span>{" "}
                <Button
                  kind="link"
                  aria-label={`Rename ${f.decryptedName}`}
                  onClick={() => {
                    setRenaming(f);
                    setNewName(f.decryptedName);
                  }}
                >
                  Rename
                </Button>
                <Button
                  kind="link"
                  busy={busy}
                  aria-label={`Delete ${f.decryptedName}`}
                  onClick={() => void act(() => vaultApi.deleteFolder(f.id), `The folder ${f.decryptedName} was deleted; its items are in no folder.`)}
                >
                  Delete
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={create} aria-label="New folder" noValidate>
        <TextField label="Folder name" value={name} onInput={setName} autoComplete="off" />
        <Button type="submit" busy={busy}>
          Create folder
        </Button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
