// One vault item opened: its fields (the shared ItemFieldList: copy buttons, live TOTP code),
// where it sits (vault, collections, folder), its earlier passwords and attachments, and what
// can be done: edit, clone, favourite, move to a folder, share (personal items) or change
// collections (org items), trash; from the trash, restore or delete for good after a confirmation.

import { useEffect, useState } from "preact/hooks";
import type { UnlockedSession } from "../app/areas";
import { Button, ErrorMessage, Progress, SelectField, useFocus } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { ITEM_TYPES, type ItemField, PASSWORD_ROLES, decryptFields } from "../items/decrypt";
import { ItemFieldList } from "../items/ItemFieldList";
import { isEditable } from "../items/itemFields";
import { vaultApi } from "./api";
import { Attachments } from "./Attachments";
import { NO_FOLDER, type Vault, type VaultItem } from "./model";
import { PasswordHistory } from "./PasswordHistory";
import { Reprompt } from "./Reprompt";
import { useReturnFocus } from "../items/returnFocus";
import { openerOf } from "./VaultTable";

export interface VaultItemActions {
  onEdit: () => void;
  onClone: () => void;
  onShare: () => void;
  onCollections: () => void;
  /** After a change on the server: the message to show, the vault reloaded; `stay` keeps the item open. */
  onChanged: (message: string, stay: boolean) => void;
  onClose: () => void;
}

export function VaultItemView(
  p: VaultItemActions & { session: UnlockedSession; baseKey: SymmetricKey; vault: Vault; item: VaultItem },
) {
  // Opening the panel takes keyboard and screen reader focus to it.
  const heading = useFocus<HTMLHeadingElement>();
  useReturnFocus(() => openerOf(p.item.row.id));
  const [fields, setFields] = useState<ItemField[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const row = p.item.row;
  const [folder, setFolder] = useState<string>(row.folderId ?? NO_FOLDER);
  const trashed = Boolean(row.deletedDate);
  // An item marked so stays closed (nothing decrypted) until the master password is typed again.
  const [confirmed, setConfirmed] = useState(row.reprompt !== 1);
  const name = p.item.name;

  useEffect(() => {
    if (!confirmed) return;
    let live = true;
    setFields(null);
    setConfirming(false);
    setFolder(p.item.row.folderId ?? NO_FOLDER);
    const hidePasswords = p.item.row.viewPassword === false;
    decryptFields(p.baseKey, p.item.row)
      // "Except passwords" hides every secret of the item: passwords, authenticator keys, hidden
      // fields, and the secret members of cards, identities and SSH keys.
      .then((f) => live && setFields(hidePasswords ? f.filter((x) => !x.secret && !PASSWORD_ROLES.includes(x.role)) : f))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [p.item, confirmed]);

  const act = async (call: () => Promise<unknown>, message: string, stay = false) => {
    setError(null);
    setBusy(true);
    try {
      await call();
      p.onChanged(message, stay);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const org = p.vault.orgs.find((o) => o.id === row.organizationId);
  const collections = p.vault.collections.filter((c) => row.collectionIds.includes(c.id)).map((c) => c.decryptedName);
  const folderName = p.vault.folders.find((f) => f.id === row.folderId)?.decryptedName;
  // The form would show the passwords a collection hides from this member.
  const canEdit = row.edit !== false && row.viewPassword !== false && isEditable(row.type) && fields !== null;
  const folderOptions = [
    { value: NO_FOLDER, label: "No folder" },
    ...p.vault.folders.map((f) => ({ value: f.id, label: f.decryptedName })),
  ];

  return (
    <div class="panel item-view" role="region" aria-labelledby="vault-item-title">
      <div class="section-head">
        <h2 id="vault-item-title" tabIndex={-1} ref={heading}>{name}</h2>
        <Button kind="secondary" onClick={p.onClose}>
          Close
        </Button>
      </div>
      {!confirmed ? <Reprompt session={p.session} name={name} onConfirmed={() => setConfirmed(true)} /> : null}
      {confirmed && fields === null && error === null ? <Progress text="Decrypting…" /> : null}
      {fields !== null ? (
        <ItemFieldList fields={fields}>
          <dt>Type</dt>
          <dd>{ITEM_TYPES[row.type] ?? "Item"}</dd>
          <dt>Vault</dt>
          <dd>{org ? org.name : row.organizationId ? "An organization" : "My vault"}</dd>
          {row.organizationId ? (
            <>
              <dt>Collections</dt>
              <dd>{collections.join(", ") || "None you can see"}</dd>
            </>
          ) : null}
          <dt>Folder</dt>
          <dd>{folderName ?? "No folder"}</dd>
          <dt>Favourite</dt>
          <dd>{row.favorite ? "Yes" : "No"}</dd>
          {trashed ? (
            <>
              <dt>In the trash since</dt>
              <dd>{new Date(row.deletedDate ?? "").toLocaleString()}</dd>
            </>
          ) : null}
        </ItemFieldList>
      ) : null}
      {row.viewPassword !== false && fields !== null ? <PasswordHistory baseKey={p.baseKey} row={row} /> : null}
      {fields !== null ? (
        <Attachments
          baseKey={p.baseKey}
          row={row}
          name={name}
          editable={!trashed && row.edit !== false}
          onChanged={(m) => p.onChanged(m, true)}
        />
      ) : null}
      <ErrorMessage error={error} />
      {confirming ? (
        <div class="panel confirm" role="alertdialog" aria-labelledby="purge-item-title">
          <h3 id="purge-item-title">Delete {name} permanently?</h3>
          <p>It cannot be restored afterwards, and its attachments are deleted with it.</p>
          <div class="actions">
            <Button kind="danger" busy={busy} onClick={() => void act(() => vaultApi.purge(row.id), `${name} was deleted permanently.`)}>
              Delete permanently
            </Button>
            <Button kind="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : trashed ? (
        <div class="actions">
          <Button busy={busy} onClick={() => void act(() => vaultApi.restore(row.id), `${name} was restored.`)}>
            Restore
          </Button>
          <Button kind="danger" onClick={() => setConfirming(true)}>
            Delete permanently
          </Button>
        </div>
      ) : (
        <>
          <div class="actions">
            {canEdit ? <Button onClick={p.onEdit}>Edit</Button> : null}
            {isEditable(row.type) && row.viewPassword !== false && fields !== null ? (
              <Button kind="secondary" onClick={p.onClone}>
                Clone
              </Button>
            ) : null}
            <Button
              kind="secondary"
              busy={busy}
              onClick={() =>
                void act(
                  () => vaultApi.place(row.id, row.folderId ?? null, !row.favorite),
                  row.favorite ? `${name} is no longer a favourite.` : `${name} is a favourite.`,
                  true,
                )
              }
            >
              {row.favorite ? "Remove from favourites" : "Add to favourites"}
            </Button>
            {row.organizationId ? (
              row.edit !== false ? (
                <Button kind="secondary" onClick={p.onCollections}>
                  Change collections
                </Button>
              ) : null
            ) : (
              <Button kind="secondary" onClick={p.onShare}>
                Share to an organization
              </Button>
            )}
            {row.edit !== false ? (
              <Button kind="danger" busy={busy} onClick={() => void act(() => vaultApi.trash(row.id), `${name} was moved to the trash.`)}>
                Move to trash
              </Button>
            ) : null}
          </div>
          <form
            class="actions inline-form"
            aria-label="Move to a folder"
            onSubmit={(e) => {
              e.preventDefault();
              const folderId = folder === NO_FOLDER ? null : folder;
              const where = p.vault.folders.find((f) => f.id === folderId)?.decryptedName;
              void act(
                () => vaultApi.place(row.id, folderId, row.favorite ?? false),
                where ? `${name} was moved to ${where}.` : `${name} is in no folder now.`,
                true,
              );
            }}
          >
            <SelectField label="Move to folder" value={folder} options={folderOptions} onChange={setFolder} />
            <Button type="submit" kind="secondary" busy={busy}>
              Move
            </Button>
          </form>
        </>
      )}
    </div>
  );
}
