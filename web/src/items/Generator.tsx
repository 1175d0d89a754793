// The password and passphrase generator beside a login's password: the options people know
// (length and character classes; number of words, separator, capitals, a digit), a fresh value
// on every change, and a button that puts it into the field.

import { useEffect, useState } from "preact/hooks";
import { Button, Checkbox, SelectField, TextField } from "../app/ui";
import {
  DEFAULT_PASSPHRASE,
  DEFAULT_PASSWORD,
  PASSPHRASE_WORDS,
  PASSWORD_LENGTH,
  type PassphraseOptions,
  type PasswordOptions,
  generatePassphrase,
  generatePassword,
} from "../crypto";

type Kind = "password" | "passphrase";

export function Generator(p: { onUse: (value: string) => void }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>("password");
  const [pw, setPw] = useState<PasswordOptions>(DEFAULT_PASSWORD);
  const [pp, setPp] = useState<PassphraseOptions>(DEFAULT_PASSPHRASE);
  const [value, setValue] = useState("");
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const next = kind === "password" ? Promise.resolve(generatePassword(pw)) : generatePassphrase(pp);
    void next.then((v) => live && setValue(v));
    return () => {
      live = false;
    };
  }, [open, kind, pw, pp, round]);

  const number = (text: string, fallback: number) => (Number.isFinite(Number(text)) && text !== "" ? Number(text) : fallback);
  if (!open) {
    return (
      <Button kind="link" aria-expanded="false" onClick={() => setOpen(true)}>
        Generate
      </Button>
    );
  }
  return (
    <fieldset class="generator">
      <legend>Generator</legend>
      <SelectField
        label="Kind"
        value={kind}
        options={[
          { value: "password", label: "Random characters" },
          { value: "passphrase", label: "Words (passphrase)" },
        ]}
        onChange={setKind}
      />
      {kind === "password" ? (
        <>
          <TextField
            label="Length"
            type="number"
            min={PASSWORD_LENGTH.min}
            max={PASSWORD_LENGTH.max}
            value={String(pw.length)}
            onInput={(v) => setPw({ ...pw, length: number(v, pw.length) })}
            hint={`${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters.`}
          />
          <Checkbox label="Capitals (A-Z)" checked={pw.uppercase} onChange={(uppercase) => setPw({ ...pw, uppercase })} />
          <Checkbox label="Small letters (a-z)" checked={pw.lowercase} onChange={(lowercase) => setPw({ ...pw, lowercase })} />
          <Checkbox label="Digits (0-9)" checked={pw.numbers} onChange={(numbers) => setPw({ ...pw, numbers })} />
          <Checkbox label="Symbols (!@#$%^&*)" checked={pw.special} onChange={(special) => setPw({ ...pw, special })} />
          <Checkbox
            label="Avoid ambiguous characters"
            checked={pw.avoidAmbiguous}
            onChange={(avoidAmbiguous) => setPw({ ...pw, avoidAmbiguous })}
          />
        </>
      ) : (
        <>
          <TextField
            label="Number of words"
            type="number"
            min={PASSPHRASE_WORDS.min}
            max={PASSPHRASE_WORDS.max}
            value={String(pp.words)}
            onInput={(v) => setPp({ ...pp, words: number(v, pp.words) })}
            hint={`${PASSPHRASE_WORDS.min} to ${PASSPHRASE_WORDS.max} words.`}
          />
          <TextField label="Word separator" value={pp.separator} maxLength={1} onInput={(separator) => setPp({ ...pp, separator })} />
          <Checkbox label="Capitalize" checked={pp.capitalize} onChange={(capitalize) => setPp({ ...pp, capitalize })} />
          <Checkbox label="Include a digit" checked={pp.includeNumber} onChange={(includeNumber) => setPp({ ...pp, includeNumber })} />
        </>
      )}
      <p>
        <output class="value monospace generated" aria-live="polite">
          {value}
        </output>
      </p>
      <div class="actions">
        <Button
          onClick={() => {
            p.onUse(value);
            setOpen(false);
          }}
        >
          Use this value
        </Button>
        <Button kind="secondary" onClick={() => setRound(round + 1)}>
          Regenerate
        </Button>
        <Button kind="secondary" onClick={() => setOpen(false)}>
          Close generator
        </Button>
      </div>
    </fieldset>
  );
}
