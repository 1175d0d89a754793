// The form that adds an item of the organization (login, secure note, card, identity) in the
// collections chosen, or edits one: encrypted in the browser with the org key (or the item's
// own key), through the admin item routes. What the form does not show is kept (itemFields.ts).

import { useEffect, useState } from "preact/hooks";
import { Button, ErrorMessage, Progress, SelectField, TextField, useId } from "../app/ui";
import type { OrgAreaProps } from "./AdminConsole";
import { type Collection, ITEM_TYPES, type Item } from "./decrypt";
import { CollectionChecks } from "./ItemCollections";
import {
  CARD_BRANDS,
  type EditableType,
  FORM_FIELDS,
  type FieldSpec,
  type ItemForm,
  buildCipher,
  emptyForm,
  readForm,
} from "./itemFields";
import { itemsApi } from "./itemsApi";

export type EditorTarget = { kind: "new"; type: EditableType } | { kind: "edit"; item: Item };

export function ItemEditor(
  p: OrgAreaProps & {
    target: EditorTarget;
    collections: Collection[];
    onDone: (message: string) => void;
    onCancel: () => void;
  },
) {
  const editing = p.target.kind === "edit" ? p.target.item : null;
  const [before, setBefore] = useState<ItemForm | null>(p.target.kind === "new" ? emptyForm(p.target.type) : null);
  const [form, setForm] = useState<ItemForm | null>(before);
  const [chosen, setChosen] = useState<string[]>(p.collections[0] ? [p.collections[0].id] : []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const notesId = useId("notes");

  useEffect(() => {
    if (!editing) return;
    let live = true;
    readForm(p.orgKey.key, editing.row)
      .then((f) => {
        if (!live) return;
        setBefore(f);
        setForm(f);
      })
      .catch(() => live && setError("This item cannot be decrypted with the organization's key, so it cannot be edited here."));
    return () => {
      live = false;
    };
  }, [editing]);

  const typeName = (ITEM_TYPES[form?.type ?? 1] ?? "Item").toLowerCase();
  const title = editing ? `Edit ${editing.name}` : `New ${typeName}`;
  const set = (change: Partial<ItemForm>) => form && setForm({ ...form, ...change });
  const setValue = (key: string, value: string) => form && setForm({ ...form, values: { ...form.values, [key]: value } });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!form || !before) return;
    setError(null);
    if (!form.name.trim()) return setError("Give the item a name.");
    setBusy(true);
    try {
      const original = editing ? { row: editing.row, before } : undefined;
      const cipher = await buildCipher(p.orgKey.key, p.id, form, original);
      if (editing) {
        await itemsApi.update(editing.row.id, cipher);
        p.onDone(`${form.name.trim()} was saved.`);
      } else {
        await itemsApi.create(cipher, chosen);
        p.onDone(`${form.name.trim()} was added.`);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel item-editor" onSubmit={(e) => void submit(e)} aria-labelledby="item-editor-title" noValidate>
      <h3 id="item-editor-title">{title}</h3>
      {form === null && error === null ? <Progress text="Decrypting…" /> : null}
      {form !== null ? (
        <>
          <TextField label="Item name" value={form.name} onInput={(v) => set({ name: v })} autoComplete="off" />
          {FORM_FIELDS[form.type].map((f) => (
            <FieldInput key={f.key} spec={f} value={form.values[f.key] ?? ""} onInput={(v) => setValue(f.key, v)} />
          ))}
          {form.type === 1
            ? form.uris.map((u, i) => (
                <TextField
                  key={i}
                  label={i === 0 ? "Website" : `Website ${i + 1}`}
                  value={u}
                  onInput={(v) => set({ uris: form.uris.map((x, j) => (j === i ? v : x)) })}
                  autoComplete="off"
                  optional
                />
              ))
            : null}
          {form.type === 1 ? (
            <Button kind="link" onClick={() => set({ uris: [...form.uris, ""] })}>
              + Add another website
            </Button>
          ) : null}
          <div class="field">
            <label for={notesId}>
              Notes<span class="optional"> (optional)</span>
            </label>
            <textarea
              id={notesId}
              rows={form.type === 2 ? 8 : 3}
              value={form.notes}
              onInput={(e) => set({ notes: (e.currentTarget as HTMLTextAreaElement).value })}
            />
          </div>
          {editing ? null : <CollectionChecks collections={p.collections} chosen={chosen} onChange={setChosen} />}
        </>
      ) : null}
      <ErrorMessage error={error} />
      <div class="actions">
        {form !== null ? (
          <Button type="submit" busy={busy}>
            {editing ? "Save changes" : `Save ${typeName}`}
          </Button>
        ) : null}
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function FieldInput(p: { spec: FieldSpec; value: string; onInput: (v: string) => void }) {
  const { spec } = p;
  if (spec.input === "brand") {
    // A brand another app stored under a name not in the list stays choosable.
    const known: readonly string[] = CARD_BRANDS;
    const options = [
      { value: "", label: "—" },
      ...[...known, ...(p.value && !known.includes(p.value) ? [p.value] : [])].map((b) => ({ value: b, label: b })),
    ];
    return <SelectField label={spec.label} value={p.value} options={options} onChange={p.onInput} />;
  }
  return (
    <TextField
      label={spec.label}
      value={p.value}
      onInput={p.onInput}
      type={spec.secret ? "password" : spec.input === "email" ? "email" : "text"}
      inputMode={spec.input === "numeric" ? "numeric" : spec.input === "email" ? "email" : "text"}
      autoComplete={spec.secret ? "new-password" : "off"}
      optional
    />
  );
}
