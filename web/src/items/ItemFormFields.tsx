// The controls of the item form: name, the type's own members, a login's websites, notes and
// custom fields (text, hidden, boolean), and the generator beside a login's password.
// Stateless: the editor owns the form.

import { Fragment } from "preact";
import { Button, Checkbox, SelectField, TextField, useId } from "../app/ui";
import { Generator } from "./Generator";
import { CARD_BRANDS, type CustomField, FORM_FIELDS, type FieldSpec, type ItemForm } from "./itemFields";

const FIELD_KINDS: { value: CustomField["type"]; label: string }[] = [
  { value: 0, label: "Text" },
  { value: 1, label: "Hidden" },
  { value: 2, label: "Checkbox" },
];

export function ItemFormFields(p: { form: ItemForm; onChange: (form: ItemForm) => void }) {
  const { form } = p;
  const notesId = useId("notes");
  const set = (change: Partial<ItemForm>) => p.onChange({ ...form, ...change });
  const setValue = (key: string, value: string) => set({ values: { ...form.values, [key]: value } });
  const setField = (i: number, change: Partial<CustomField>) =>
    set({ fields: form.fields.map((f, j) => (j === i ? { ...f, ...change } : f)) });
  return (
    <>
      <TextField label="Item name" value={form.name} onInput={(v) => set({ name: v })} autoComplete="off" />
      {FORM_FIELDS[form.type].map((f) => (
        <Fragment key={f.key}>
          <FieldInput spec={f} value={form.values[f.key] ?? ""} onInput={(v) => setValue(f.key, v)} />
          {form.type === 1 && f.key === "password" ? <Generator onUse={(v) => setValue("password", v)} /> : null}
        </Fragment>
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
      <fieldset class="custom-fields">
        <legend>Custom fields</legend>
        {form.fields.map((f, i) => (
          <div class="custom-field" key={i}>
            <SelectField
              label={`Field ${i + 1} kind`}
              value={f.type}
              options={FIELD_KINDS}
              onChange={(t) => setField(i, { type: t, value: t === 2 ? (f.value === "true" ? "true" : "false") : f.value })}
            />
            <TextField label={`Field ${i + 1} name`} value={f.name} onInput={(v) => setField(i, { name: v })} autoComplete="off" />
            {f.type === 2 ? (
              <Checkbox
                label={`Field ${i + 1} checked`}
                checked={f.value === "true"}
                onChange={(on) => setField(i, { value: on ? "true" : "false" })}
              />
            ) : (
              <TextField
                label={`Field ${i + 1} value`}
                value={f.value}
                onInput={(v) => setField(i, { value: v })}
                type={f.type === 1 ? "password" : "text"}
                autoComplete={f.type === 1 ? "new-password" : "off"}
                optional
              />
            )}
            <Button kind="link" onClick={() => set({ fields: form.fields.filter((_, j) => j !== i) })}>
              Remove field {i + 1}
            </Button>
          </div>
        ))}
        <Button kind="link" onClick={() => set({ fields: [...form.fields, { type: 0, name: "", value: "" }] })}>
          + Add a field
        </Button>
      </fieldset>
    </>
  );
}

function FieldInput(p: { spec: FieldSpec; value: string; onInput: (v: string) => void }) {
  const { spec } = p;
  const id = useId("member");
  if (spec.input === "brand") {
    // A brand another app stored under a name not in the list stays choosable.
    const known: readonly string[] = CARD_BRANDS;
    const options = [
      { value: "", label: "—" },
      ...[...known, ...(p.value && !known.includes(p.value) ? [p.value] : [])].map((b) => ({ value: b, label: b })),
    ];
    return <SelectField label={spec.label} value={p.value} options={options} onChange={p.onInput} />;
  }
  if (spec.input === "multiline") {
    return (
      <div class="field">
        <label for={id}>
          {spec.label}
          <span class="optional"> (optional)</span>
        </label>
        <textarea
          id={id}
          rows={4}
          class="monospace"
          spellcheck={false}
          value={p.value}
          onInput={(e) => p.onInput((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </div>
    );
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
