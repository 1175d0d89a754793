// Decrypting items for reading: with the key the item's members are under (its own key, wrapped
// with the user's or the org's key, else that key itself). What fails to decrypt is said so
// rather than hiding the item. The org console and the personal vault share this.

import { type SymmetricKey, decryptString, unwrapSymmetricKey } from "../crypto";
import { type Cipher, FIELD_TYPES } from "./cipher";

export { ITEM_TYPES } from "./cipher";

export const UNREADABLE = "[cannot be decrypted]";

export async function decryptOr(key: SymmetricKey, enc: string | null | undefined, fallback = UNREADABLE) {
  if (!enc) return "";
  try {
    return await decryptString(key, enc);
  } catch {
    return fallback;
  }
}

/** One decrypted field of an item, in the order shown. */
export interface ItemField {
  label: string;
  value: string;
  secret: boolean;
  /** What the field is, for copy buttons and the live TOTP code. */
  role?: "username" | "password" | "totp" | "uri" | "notes" | "boolean" | "hidden";
}

export interface Item<R extends Cipher = Cipher> {
  row: R;
  name: string;
  username: string;
  fields: ItemField[] | null;
}

/**
 * The key the item's members are encrypted with: its own key when it has one, else `baseKey`
 * (the user key for a personal item, the org key for an org item).
 */
export async function itemKey(baseKey: SymmetricKey, row: Cipher): Promise<SymmetricKey> {
  return row.key ? unwrapSymmetricKey(baseKey, row.key) : baseKey;
}

/** Name and username only: what a list shows and filters on. */
export async function decryptSummary<R extends Cipher>(baseKey: SymmetricKey, row: R): Promise<Item<R>> {
  let key: SymmetricKey;
  try {
    key = await itemKey(baseKey, row);
  } catch {
    return { row, name: UNREADABLE, username: "", fields: null };
  }
  return {
    row,
    name: await decryptOr(key, row.name),
    username: row.type === 1 ? await decryptOr(key, row.login?.username) : "",
    fields: null,
  };
}

const SECRET = /password|number|code|privateKey|ssn|passportNumber|licenseNumber|totp/i;

const LABELS: Record<string, string> = {
  cardholderName: "Cardholder name",
  brand: "Brand",
  number: "Number",
  expMonth: "Expiry month",
  expYear: "Expiry year",
  code: "Security code",
  title: "Title",
  firstName: "First name",
  middleName: "Middle name",
  lastName: "Last name",
  address1: "Address 1",
  address2: "Address 2",
  address3: "Address 3",
  city: "City",
  state: "State",
  postalCode: "Postal code",
  country: "Country",
  company: "Company",
  email: "E-mail",
  phone: "Phone",
  ssn: "Social security number",
  username: "Username",
  passportNumber: "Passport number",
  licenseNumber: "Licence number",
  privateKey: "Private key",
  publicKey: "Public key",
  keyFingerprint: "Fingerprint",
};

/** What a member who may not see passwords (a collection's "hide passwords") is not shown. */
export const PASSWORD_ROLES: readonly ItemField["role"][] = ["password", "totp", "hidden"];

/** Every field of the item, decrypted, for the item view. */
export async function decryptFields(baseKey: SymmetricKey, row: Cipher): Promise<ItemField[]> {
  const key = await itemKey(baseKey, row);
  const out: ItemField[] = [];
  const add = async (label: string, enc: string | null | undefined, secret = false, role?: ItemField["role"]) => {
    if (enc) out.push({ label, value: await decryptOr(key, enc), secret, ...(role ? { role } : {}) });
  };
  await add("Name", row.name);
  if (row.login) {
    await add("Username", row.login.username, false, "username");
    await add("Password", row.login.password, true, "password");
    await add("Authenticator key", row.login.totp, true, "totp");
    for (const [i, u] of (row.login.uris ?? []).entries()) {
      await add(row.login.uris && row.login.uris.length > 1 ? `Website ${i + 1}` : "Website", u.uri, false, "uri");
    }
  }
  for (const part of [row.card, row.identity, row.sshKey]) {
    if (!part) continue;
    for (const [k, v] of Object.entries(part)) {
      if (typeof v === "string" && v.includes(".")) {
        await add(LABELS[k] ?? k, v, SECRET.test(k));
      }
    }
  }
  await add("Notes", row.notes, false, "notes");
  for (const f of row.fields ?? []) {
    out.push({
      label: f.name ? await decryptOr(key, f.name) : "Field",
      value: f.value ? await decryptOr(key, f.value) : "",
      secret: f.type === FIELD_TYPES.hidden,
      ...(f.type === FIELD_TYPES.boolean
        ? { role: "boolean" as const }
        : f.type === FIELD_TYPES.hidden
          ? { role: "hidden" as const }
          : {}),
    });
  }
  return out;
}

/** The item's earlier passwords, newest first, decrypted. */
export async function decryptHistory(baseKey: SymmetricKey, row: Cipher): Promise<{ password: string; date: string }[]> {
  const key = await itemKey(baseKey, row);
  return Promise.all(
    (row.passwordHistory ?? []).map(async (h) => ({ password: await decryptOr(key, h.password), date: h.lastUsedDate })),
  );
}
