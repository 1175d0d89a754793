// Decrypting what the Admin Console shows: collection names and items, under the org key (or
// an item's own key, itself wrapped with the org key). What fails to decrypt is said so rather
// than hiding the row.

import { type SymmetricKey, decryptString, unwrapSymmetricKey } from "../crypto";
import type { CipherRow, CollectionRow } from "./api";

export const UNREADABLE = "[cannot be decrypted]";

export async function decryptOr(key: SymmetricKey, enc: string | null | undefined, fallback = UNREADABLE) {
  if (!enc) return "";
  try {
    return await decryptString(key, enc);
  } catch {
    return fallback;
  }
}

export interface Collection extends CollectionRow {
  decryptedName: string;
}

export async function decryptCollections(key: SymmetricKey, rows: CollectionRow[]): Promise<Collection[]> {
  const out = await Promise.all(
    rows.map(async (c) => ({
      ...c,
      decryptedName: c.defaultUserCollectionEmail ?? (await decryptOr(key, c.name)),
    })),
  );
  return out.sort((a, b) => a.decryptedName.localeCompare(b.decryptedName));
}

export const ITEM_TYPES: Record<number, string> = {
  1: "Login",
  2: "Secure note",
  3: "Card",
  4: "Identity",
  5: "SSH key",
};

/** One decrypted field of an item, in the order shown. */
export interface ItemField {
  label: string;
  value: string;
  secret: boolean;
}

export interface Item {
  row: CipherRow;
  name: string;
  username: string;
  fields: ItemField[] | null;
}

/** The key the item's members are encrypted with: its own key when it has one, else the org key. */
export async function itemKey(orgKey: SymmetricKey, row: CipherRow): Promise<SymmetricKey> {
  return row.key ? unwrapSymmetricKey(orgKey, row.key) : orgKey;
}

/** Name and username only: what the list shows and filters on. */
export async function decryptSummary(orgKey: SymmetricKey, row: CipherRow): Promise<Item> {
  let key: SymmetricKey;
  try {
    key = await itemKey(orgKey, row);
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

/** Every field of the item, decrypted, for the item view. */
export async function decryptFields(orgKey: SymmetricKey, row: CipherRow): Promise<ItemField[]> {
  const key = await itemKey(orgKey, row);
  const out: ItemField[] = [];
  const add = async (label: string, enc: string | null | undefined, secret = false) => {
    if (enc) out.push({ label, value: await decryptOr(key, enc), secret });
  };
  await add("Name", row.name);
  if (row.login) {
    await add("Username", row.login.username);
    await add("Password", row.login.password, true);
    await add("Authenticator key", row.login.totp, true);
    for (const [i, u] of (row.login.uris ?? []).entries()) {
      await add(row.login.uris && row.login.uris.length > 1 ? `Website ${i + 1}` : "Website", u.uri);
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
  await add("Notes", row.notes);
  for (const f of row.fields ?? []) {
    out.push({
      label: f.name ? await decryptOr(key, f.name) : "Field",
      value: f.value ? await decryptOr(key, f.value) : "",
      secret: f.type === 1,
    });
  }
  return out;
}
