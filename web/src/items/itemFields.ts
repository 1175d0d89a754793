// The encrypt side of items, beside decrypt.ts: the editor's form (clear text, by the wire's
// member names), read from an item and turned back into the item routes' body, for the org
// console and the personal vault alike. An edit changes only what the form shows: every other
// member of the item (passkeys, the other type objects, attachments, which the routes keep on
// their own) goes back exactly as it came, and an unchanged field keeps its very EncString.

import { type SymmetricKey, decryptString, encryptString, sha256, toBase64, utf8Encode } from "../crypto";
import { type Cipher, type CipherRequest, FIELD_TYPES } from "./cipher";
import { itemKey } from "./decrypt";

/** The item types the editor writes: login, secure note, card, identity, SSH key. */
export type EditableType = 1 | 2 | 3 | 4 | 5;

export function isEditable(type: number): type is EditableType {
  return type === 1 || type === 2 || type === 3 || type === 4 || type === 5;
}

/** The object of the item that carries the type's own members. */
const SECTION: Record<EditableType, "login" | "secureNote" | "card" | "identity" | "sshKey"> = {
  1: "login",
  2: "secureNote",
  3: "card",
  4: "identity",
  5: "sshKey",
};

export interface FieldSpec {
  /** The member's wire name inside the type's object. */
  key: string;
  label: string;
  /** Typed as a password (hidden until asked). */
  secret?: boolean;
  /** Plain text unless said. */
  input?: "email" | "tel" | "brand" | "numeric" | "multiline";
}

/** The type's members the editor shows, in order (login websites are separate: a list). */
export const FORM_FIELDS: Record<EditableType, FieldSpec[]> = {
  1: [
    { key: "username", label: "Username" },
    { key: "password", label: "Password", secret: true },
    { key: "totp", label: "Authenticator key (TOTP)", secret: true },
  ],
  2: [],
  3: [
    { key: "cardholderName", label: "Cardholder name" },
    { key: "brand", label: "Brand", input: "brand" },
    { key: "number", label: "Card number", secret: true, input: "numeric" },
    { key: "expMonth", label: "Expiry month", input: "numeric" },
    { key: "expYear", label: "Expiry year", input: "numeric" },
    { key: "code", label: "Security code", secret: true, input: "numeric" },
  ],
  4: [
    { key: "title", label: "Title" },
    { key: "firstName", label: "First name" },
    { key: "middleName", label: "Middle name" },
    { key: "lastName", label: "Last name" },
    { key: "username", label: "Username" },
    { key: "company", label: "Company" },
    { key: "ssn", label: "Social security number", secret: true },
    { key: "passportNumber", label: "Passport number", secret: true },
    { key: "licenseNumber", label: "Licence number", secret: true },
    { key: "email", label: "E-mail", input: "email" },
    { key: "phone", label: "Phone", input: "tel" },
    { key: "address1", label: "Address 1" },
    { key: "address2", label: "Address 2" },
    { key: "address3", label: "Address 3" },
    { key: "city", label: "City" },
    { key: "state", label: "State or province" },
    { key: "postalCode", label: "Postal code" },
    { key: "country", label: "Country" },
  ],
  5: [
    { key: "privateKey", label: "Private key", secret: true, input: "multiline" },
    { key: "publicKey", label: "Public key" },
    { key: "keyFingerprint", label: "Fingerprint" },
  ],
};

/** The card brands the official apps know, by the value they store. */
export const CARD_BRANDS = [
  "Visa",
  "Mastercard",
  "Amex",
  "Discover",
  "Diners Club",
  "JCB",
  "Maestro",
  "UnionPay",
  "RuPay",
  "Other",
] as const;

/** A custom field the editor writes: text, hidden or boolean ("true"/"false"). */
export interface CustomField {
  type: 0 | 1 | 2;
  name: string;
  value: string;
}

/** What the editor edits, in clear. */
export interface ItemForm {
  type: EditableType;
  name: string;
  notes: string;
  /** The type's members by wire name (username, number, firstName…). */
  values: Record<string, string>;
  /** A login's websites, in order. */
  uris: string[];
  /** Custom fields of the kinds the editor writes (linked ones are kept as they were). */
  fields: CustomField[];
}

export function emptyForm(type: EditableType): ItemForm {
  return { type, name: "", notes: "", values: {}, uris: type === 1 ? [""] : [], fields: [] };
}

/** The full item as the routes send it: more members than the list needs. */
type StoredItem = Cipher & Record<string, unknown>;
type Part = Record<string, unknown>;

const part = (row: StoredItem, name: string): Part | null => {
  const v = row[name];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Part) : null;
};
const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/**
 * The form of an existing item. Unlike the list, a field that does not decrypt is an error
 * here: saving would otherwise overwrite it with the placeholder.
 */
export async function readForm(baseKey: SymmetricKey, row: Cipher): Promise<ItemForm> {
  if (!isEditable(row.type)) throw new Error("This kind of item cannot be edited here.");
  const stored = row as StoredItem;
  const key = await itemKey(baseKey, row);
  const open = async (v: unknown) => {
    const enc = text(v);
    return enc ? decryptString(key, enc) : "";
  };
  const section = part(stored, SECTION[row.type]);
  const values: Record<string, string> = {};
  for (const f of FORM_FIELDS[row.type]) values[f.key] = await open(section?.[f.key]);
  const uris: string[] = [];
  if (row.type === 1) {
    for (const u of (section?.["uris"] as Part[] | null | undefined) ?? []) uris.push(await open(u["uri"]));
    if (uris.length === 0) uris.push("");
  }
  const fields: CustomField[] = [];
  for (const f of row.fields ?? []) {
    if (f.type === FIELD_TYPES.text || f.type === FIELD_TYPES.hidden || f.type === FIELD_TYPES.boolean) {
      fields.push({ type: f.type, name: await open(f.name), value: await open(f.value) });
    }
  }
  return { type: row.type, name: await open(row.name), notes: await open(row.notes), values, uris, fields };
}

/** The checksum official clients check a website against (base64 SHA-256), encrypted. */
async function uriChecksum(key: SymmetricKey, uri: string): Promise<string> {
  return encryptString(key, toBase64(await sha256(utf8Encode(uri))));
}

/** Members of an item that the editor never shows and an edit sends back as they were. */
const KEPT = ["login", "card", "identity", "secureNote", "sshKey", "bankAccount", "driversLicense", "passport"] as const;

/** How many earlier passwords the official apps keep. */
const HISTORY = 5;

/** Where the item sits for its user: their folder and favourite mark (personal routes only). */
export interface Placement {
  folderId: string | null;
  favorite: boolean;
  /** 1: the master password is asked before the item opens; absent: as the item had it. */
  reprompt?: 0 | 1;
}

/**
 * The routes' body for `form`: a new item when `original` is absent, else an edit of it, where
 * `before` is the form as `readForm` read it (what changed is re-encrypted, the rest kept).
 * `baseKey` is the org key when `orgId` is given, else the user key.
 */
export async function buildCipher(
  baseKey: SymmetricKey,
  orgId: string | null,
  form: ItemForm,
  original?: { row: Cipher; before: ItemForm },
  placement?: Placement,
): Promise<CipherRequest> {
  const row = original?.row as StoredItem | undefined;
  const key = row ? await itemKey(baseKey, row) : baseKey;
  const seal = async (value: string, was: string | undefined, kept: unknown) =>
    was !== undefined && value === was ? text(kept) : value ? encryptString(key, value) : null;

  const body: CipherRequest = {
    type: form.type,
    organizationId: orgId,
    folderId: placement?.folderId ?? row?.folderId ?? null,
    favorite: placement?.favorite ?? row?.favorite ?? false,
    reprompt: placement?.reprompt ?? (typeof row?.["reprompt"] === "number" ? row["reprompt"] : 0),
    key: row?.key ?? null,
    name: (await seal(form.name.trim(), original?.before.name, row?.name)) ?? "",
    notes: await seal(form.notes, original?.before.notes, row?.notes),
    lastKnownRevisionDate: row?.revisionDate ?? null,
  };
  for (const k of KEPT) (body as Record<string, unknown>)[k] = row?.[k] ?? null;
  body["passwordHistory"] = row?.["passwordHistory"] ?? null;
  body["fields"] = await sealFields(key, form.fields, row?.fields ?? [], original?.before.fields ?? []);

  const sectionName = SECTION[form.type];
  const was = row ? part(row, sectionName) : null;
  const section: Part = { ...was };
  for (const f of FORM_FIELDS[form.type]) {
    section[f.key] = await seal(form.values[f.key] ?? "", original?.before.values[f.key], was?.[f.key]);
  }
  if (form.type === 1) {
    await sealLogin(key, form, section, was, original?.before);
    if (was && text(was["password"]) && section["password"] !== was["password"]) {
      // As the official apps do: the replaced password goes to the item's history.
      const now = new Date().toISOString();
      const history = Array.isArray(row?.["passwordHistory"]) ? (row["passwordHistory"] as unknown[]) : [];
      body["passwordHistory"] = [{ password: was["password"], lastUsedDate: now }, ...history].slice(0, HISTORY);
      section["passwordRevisionDate"] = now;
    }
  }
  if (form.type === 2) section["type"] = typeof was?.["type"] === "number" ? was["type"] : 0;
  body[sectionName] = section;
  return body;
}

/**
 * Custom fields: one unchanged from the form as read keeps its very entry; linked fields, which
 * the editor does not show, go back as they were.
 */
async function sealFields(
  key: SymmetricKey,
  fields: CustomField[],
  stored: NonNullable<Cipher["fields"]>,
  before: CustomField[],
): Promise<unknown[] | null> {
  const editable = stored.filter((f) => f.type !== FIELD_TYPES.linked);
  const out: unknown[] = [];
  for (const [i, f] of fields.entries()) {
    const was = before[i];
    const prior = editable[i];
    if (prior && was && was.type === f.type && was.name === f.name && was.value === f.value) {
      out.push(prior);
      continue;
    }
    out.push({
      type: f.type,
      name: f.name ? await encryptString(key, f.name) : null,
      value: f.value ? await encryptString(key, f.value) : null,
      linkedId: null,
    });
  }
  out.push(...stored.filter((f) => f.type === FIELD_TYPES.linked));
  return out.length ? out : null;
}

/** A login's websites: an unchanged one keeps its entry (match rule, checksum) as it was. */
async function sealLogin(key: SymmetricKey, form: ItemForm, section: Part, was: Part | null, before?: ItemForm) {
  const old = (was?.["uris"] as Part[] | null | undefined) ?? [];
  const uris: Part[] = [];
  for (const [i, raw] of form.uris.entries()) {
    const uri = raw.trim();
    if (!uri) continue;
    const prior = before?.uris[i] === uri ? old[i] : undefined;
    uris.push(
      prior ?? {
        uri: await encryptString(key, uri),
        uriChecksum: await uriChecksum(key, uri),
        match: (old[i]?.["match"] as number | null | undefined) ?? null,
      },
    );
  }
  section["uris"] = uris.length ? uris : null;
  // The legacy single `uri` some clients read is the server's to derive from the list.
  delete section["uri"];
}
