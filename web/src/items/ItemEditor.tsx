// The item form shared by the org console and the personal vault: add (login, secure note,
// card, identity, SSH key), edit or clone an item, with its custom fields. The caller says how
// the form is saved (which key, which route) and adds its own controls (collections, folder).

import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { Button, ErrorMessage, Progress, useFocus } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import type { Cipher } from "./cipher";
import { ITEM_TYPES, type Item } from "./decrypt";
import { ItemFormFields } from "./ItemFormFields";
import { type EditableType, type ItemForm, emptyForm, readForm } from "./itemFields";
import { useReturnFocus } from "./returnFocus";

export type EditorTarget<R extends Cipher = Cipher> =
  | { kind: "new"; type: EditableType }
  | { kind: "edit"; item: Item<R> }
  | { kind: "clone"; item: Item<R> };

export function ItemEditor(p: {
  /** The key the item's own key (or members) are under: the org key or the user key. */
  baseKey: SymmetricKey;
  target: EditorTarget;
  /** Encrypts and sends the form; resolves to the sentence to show. */
  save: (form: ItemForm, before: ItemForm) => Promise<string>;
  onDone: (message: string) => void;
  onCancel: () => void;
  /** What cannot be decrypted, said in the caller's words. */
  unreadable: string;
  /** The caller's own controls, under the fields. */
  children?: ComponentChildren;
  /** Where focus goes when the editor closes and the control that opened it is gone. */
  returnFocus?: () => HTMLElement | null;
}) {
  const source = p.target.kind === "new" ? null : p.target.item;
  // Opening the panel takes keyboard and screen reader focus to it.
  const heading = useFocus<HTMLHeadingElement>();
  useReturnFocus(p.returnFocus);
  const [before, setBefore] = useState<ItemForm | null>(p.target.kind === "new" ? emptyForm(p.target.type) : null);
  const [form, setForm] = useState<ItemForm | null>(before);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!source) return;
    let live = true;
    const cloning = p.target.kind === "clone";
    readForm(p.baseKey, source.row)
      .then((f) => {
        if (!live) return;
        // A clone is a new item: nothing of the original's encryption is reused.
        setBefore(cloning ? emptyForm(f.type) : f);
        setForm(cloning ? { ...f, name: `${f.name} (copy)` } : f);
      })
      .catch(() => live && setError(p.unreadable));
    return () => {
      live = false;
    };
  }, [source]);

  const typeName = (ITEM_TYPES[form?.type ?? 1] ?? "Item").toLowerCase();
  const title =
    p.target.kind === "edit"
      ? `Edit ${p.target.item.name}`
      : p.target.kind === "clone"
        ? `Clone ${p.target.item.name}`
        : `New ${typeName}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!form || !before) return;
    setError(null);
    if (!form.name.trim()) return setError("Give the item a name.");
    setBusy(true);
    try {
      p.onDone(await p.save(form, before));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel item-editor" onSubmit={(e) => void submit(e)} aria-labelledby="item-editor-title" noValidate>
      <h3 id="item-editor-title" tabIndex={-1} ref={heading}>{title}</h3>
      {form === null && error === null ? <Progress text="Decrypting…" /> : null}
      {form !== null ? (
        <>
          <ItemFormFields form={form} onChange={setForm} />
          {p.children}
        </>
      ) : null}
      <ErrorMessage error={error} />
      <div class="actions">
        {form !== null ? (
          <Button type="submit" busy={busy}>
            {p.target.kind === "edit" ? "Save changes" : `Save ${typeName}`}
          </Button>
        ) : null}
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
