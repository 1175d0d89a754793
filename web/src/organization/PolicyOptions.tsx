// The options of the policies that have them (master password requirements, password
// generator, Send options, vault timeout, account recovery), edited as a form and saved with the
// policy's state. The fields and their bounds are the ones the server checks and the official
// apps read (spec organizations.md §6.2); options left empty are not sent, which the apps read
// as "no requirement".

import { useState } from "preact/hooks";
import { Button, Checkbox, ErrorMessage, SelectField, TextField } from "../app/ui";
import { type PolicyRow, orgApi } from "./api";

type Option =
  | { key: string; kind: "bool"; label: string }
  | { key: string; kind: "int"; label: string; min: number; max: number; hint?: string }
  | { key: string; kind: "choice"; label: string; choices: readonly { value: string; label: string }[] };

/** The options of each policy type that has any, in the order the form shows them. */
export const POLICY_OPTIONS: Readonly<Record<number, readonly Option[]>> = {
  1: [
    { key: "minComplexity", kind: "int", label: "Minimum strength score", min: 0, max: 4, hint: "0 (none) to 4 (strongest)" },
    { key: "minLength", kind: "int", label: "Minimum length", min: 12, max: 128, hint: "12 to 128 characters" },
    { key: "requireUpper", kind: "bool", label: "Require an upper-case letter" },
    { key: "requireLower", kind: "bool", label: "Require a lower-case letter" },
    { key: "requireNumbers", kind: "bool", label: "Require a digit" },
    { key: "requireSpecial", kind: "bool", label: "Require a special character" },
    { key: "enforceOnLogin", kind: "bool", label: "Enforce at sign-in (members with a weaker password must change it)" },
  ],
  2: [
    {
      key: "overridePasswordType",
      kind: "choice",
      label: "Generator type",
      choices: [
        { value: "", label: "The member's choice" },
        { value: "password", label: "Password" },
        { value: "passphrase", label: "Passphrase" },
      ],
    },
    { key: "minLength", kind: "int", label: "Minimum password length", min: 5, max: 128 },
    { key: "useUpper", kind: "bool", label: "Upper-case letters (A-Z)" },
    { key: "useLower", kind: "bool", label: "Lower-case letters (a-z)" },
    { key: "useNumbers", kind: "bool", label: "Digits (0-9)" },
    { key: "useSpecial", kind: "bool", label: "Special characters (!@#$%^&*)" },
    { key: "minNumbers", kind: "int", label: "Minimum digits", min: 0, max: 9 },
    { key: "minSpecial", kind: "int", label: "Minimum special characters", min: 0, max: 9 },
    { key: "minNumberWords", kind: "int", label: "Minimum passphrase words", min: 3, max: 20 },
    { key: "capitalize", kind: "bool", label: "Capitalize passphrase words" },
    { key: "includeNumber", kind: "bool", label: "Include a number in passphrases" },
  ],
  7: [{ key: "disableHideEmail", kind: "bool", label: "Do not let members hide their e-mail address from Send recipients" }],
  8: [{ key: "autoEnrollEnabled", kind: "bool", label: "Enrol new members automatically when they accept" }],
  9: [
    { key: "minutes", kind: "int", label: "Maximum vault timeout in minutes", min: 1, max: 525_600 },
    {
      key: "action",
      kind: "choice",
      label: "Timeout action",
      choices: [
        { value: "", label: "The member's choice" },
        { value: "lock", label: "Lock" },
        { value: "logOut", label: "Log out" },
      ],
    },
  ],
};

type Values = Record<string, string | boolean>;

function initialValues(options: readonly Option[], data: Record<string, unknown> | null | undefined): Values {
  const values: Values = {};
  for (const o of options) {
    const v = data?.[o.key];
    values[o.key] = o.kind === "bool" ? v === true : v === null || v === undefined ? "" : String(v);
  }
  return values;
}

/** The form's values as the policy's data; the first problem as a sentence instead. */
function dataOf(options: readonly Option[], values: Values): Record<string, unknown> | string {
  const data: Record<string, unknown> = {};
  for (const o of options) {
    const v = values[o.key];
    if (o.kind === "bool") {
      data[o.key] = v === true;
    } else if (o.kind === "choice") {
      data[o.key] = v === "" ? null : v;
    } else {
      const text = typeof v === "string" ? v.trim() : "";
      if (text === "") {
        data[o.key] = null;
        continue;
      }
      const n = Number(text);
      if (!Number.isInteger(n) || n < o.min || n > o.max) {
        return `${o.label} must be a whole number from ${o.min} to ${o.max}.`;
      }
      data[o.key] = n;
    }
  }
  return data;
}

export function PolicyOptionsForm(p: {
  orgId: string;
  type: number;
  name: string;
  current: PolicyRow | undefined;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const options = POLICY_OPTIONS[p.type] ?? [];
  const [values, setValues] = useState<Values>(() => initialValues(options, p.current?.data));
  const [enabled, setEnabled] = useState(p.current?.enabled ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (key: string, v: string | boolean) => setValues({ ...values, [key]: v });

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const data = dataOf(options, values);
    if (typeof data === "string") return setError(data);
    setBusy(true);
    try {
      await orgApi.setPolicy(p.orgId, p.type, enabled, data);
      p.onSaved(`${p.name} was saved (${enabled ? "on" : "off"}).`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const titleId = `policy-${p.type}-title`;
  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby={titleId} noValidate>
      <h3 id={titleId}>{p.name}</h3>
      <Checkbox label="Turned on" checked={enabled} onChange={setEnabled} />
      {options.map((o) =>
        o.kind === "bool" ? (
          <Checkbox key={o.key} label={o.label} checked={values[o.key] === true} onChange={(v) => set(o.key, v)} />
        ) : o.kind === "choice" ? (
          <SelectField
            key={o.key}
            label={o.label}
            value={String(values[o.key] ?? "")}
            options={o.choices}
            onChange={(v) => set(o.key, v)}
          />
        ) : (
          <TextField
            key={o.key}
            label={o.label}
            type="number"
            inputMode="numeric"
            min={o.min}
            max={o.max}
            optional
            hint={o.hint}
            value={String(values[o.key] ?? "")}
            onInput={(v) => set(o.key, v)}
          />
        ),
      )}
      <ErrorMessage error={error} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Save policy
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
