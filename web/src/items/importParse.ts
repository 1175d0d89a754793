// Reading an import file into items in clear, before anything is encrypted or sent: Bitwarden
// JSON (unencrypted, personal or organization export) and Bitwarden CSV (the organization's
// columns with `collections`, or the personal ones with `folder` and `favorite`). Shared by the
// Admin Console (groups are collections) and the personal vault (the group is the folder).
// Every problem is collected with the line (CSV) or item (JSON) it is on; one problem means
// nothing is imported.

import { type CustomField, type EditableType, FORM_FIELDS, type ItemForm } from "./itemFields";

export interface ImportedItem {
  form: ItemForm;
  /** Members of the type's object the editor does not show (an identity's SSN…), in clear. */
  extra: Record<string, string>;
  /** Names of the collections (or, in a personal file, the folder) the item goes into. */
  collections: string[];
  reprompt: 0 | 1;
  /** Kept by a personal import; an organization's items have no favourite mark. */
  favorite: boolean;
}

export interface ParsedImport {
  items: ImportedItem[];
  /** Every collection named by an item, once, in the order first named. */
  collections: string[];
}

export type ParseResult = { ok: true; data: ParsedImport } | { ok: false; problems: string[] };

export type ImportFormat = "bitwarden-json" | "bitwarden-csv";

export function parseImport(format: ImportFormat, text: string): ParseResult {
  return format === "bitwarden-json" ? parseBitwardenJson(text) : parseBitwardenCsv(text);
}

function result(items: ImportedItem[], problems: string[]): ParseResult {
  if (problems.length) return { ok: false, problems };
  if (items.length === 0) return { ok: false, problems: ["The file has no items."] };
  const collections: string[] = [];
  for (const it of items) for (const c of it.collections) if (!collections.includes(c)) collections.push(c);
  return { ok: true, data: { items, collections } };
}

function newForm(type: EditableType, name: string, notes: string): ItemForm {
  return { type, name, notes, values: {}, uris: [], fields: [] };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** One record of the CSV and the line it starts on (1-based). */
interface CsvRecord {
  line: number;
  cells: string[];
}

/** RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks. */
export function readCsv(text: string): { records: CsvRecord[]; problem: string | null } {
  const records: CsvRecord[] = [];
  const src = text.replace(/^\uFEFF/, "");
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let quoteLine = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: start, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
      quoteLine = line;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\r" && src[i + 1] === "\n") {
      continue;
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      line++;
      start = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) return { records, problem: `line ${quoteLine}: a quoted value is not closed` };
  endRecord();
  return { records, problem: null };
}

const CSV_TYPES: Record<string, EditableType> = { login: 1, note: 2 };

/** `name: value` lines of the `fields` column, as the official apps write them. */
function csvFields(raw: string): CustomField[] {
  const out: CustomField[] = [];
  for (const l of raw.split(/\r?\n/)) {
    if (!l.trim()) continue;
    const at = l.indexOf(": ");
    out.push(at < 0 ? { type: 0, name: l.trim(), value: "" } : { type: 0, name: l.slice(0, at), value: l.slice(at + 2) });
  }
  return out;
}

const splitList = (raw: string) =>
  raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function parseBitwardenCsv(text: string): ParseResult {
  const { records, problem } = readCsv(text);
  if (problem) return { ok: false, problems: [problem] };
  const header = records[0];
  if (!header) return { ok: false, problems: ["The file is empty."] };
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const missing = ["type", "name"].filter((c) => !columns.includes(c));
  if (missing.length) {
    return {
      ok: false,
      problems: missing.map((c) => `line ${header.line}: the header has no "${c}" column (is this a Bitwarden CSV file?)`),
    };
  }
  const items: ImportedItem[] = [];
  const problems: string[] = [];
  for (const rec of records.slice(1)) {
    if (rec.cells.length !== columns.length) {
      problems.push(`line ${rec.line}: ${rec.cells.length} values where the header has ${columns.length} columns`);
      continue;
    }
    const get = (c: string) => rec.cells[columns.indexOf(c)] ?? "";
    const type = CSV_TYPES[get("type").trim().toLowerCase()];
    const name = get("name").trim();
    const reprompt = get("reprompt").trim();
    const before = problems.length;
    if (!type) problems.push(`line ${rec.line}: the type "${get("type")}" is neither login nor note`);
    if (!name) problems.push(`line ${rec.line}: the item has no name`);
    if (reprompt !== "" && reprompt !== "0" && reprompt !== "1") {
      problems.push(`line ${rec.line}: reprompt is "${reprompt}", not 0 or 1`);
    }
    if (problems.length > before || !type) continue;
    const form = newForm(type, name, get("notes"));
    form.fields = csvFields(get("fields"));
    if (type === 1) {
      form.values = { username: get("login_username"), password: get("login_password"), totp: get("login_totp") };
      form.uris = splitList(get("login_uri"));
    }
    const collections = columns.includes("collections") ? splitList(get("collections")) : splitList(get("folder"));
    const favorite = ["1", "true"].includes(get("favorite").trim().toLowerCase());
    items.push({ form, extra: {}, collections, reprompt: reprompt === "1" ? 1 : 0, favorite });
  }
  return result(items, problems);
}

// ---------------------------------------------------------------------------------------------
// JSON

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

const SECTIONS: Record<EditableType, string> = { 1: "login", 2: "secureNote", 3: "card", 4: "identity", 5: "sshKey" };

/** The line of a JSON.parse failure, when the engine says the position. */
function jsonProblem(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(message);
  if (!at) return `The file is not valid JSON: ${message}`;
  const line = text.slice(0, Number(at[1])).split("\n").length;
  return `line ${line}: the file is not valid JSON (${message})`;
}

export function parseBitwardenJson(text: string): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, problems: [jsonProblem(text, e)] };
  }
  if (!isObject(doc) || !Array.isArray(doc["items"])) {
    return { ok: false, problems: ["The file has no list of items (is this a Bitwarden JSON export?)"] };
  }
  if (doc["encrypted"] === true) {
    return {
      ok: false,
      problems: ["This export is encrypted: export it again unencrypted, or import it into the vault whose key it is encrypted with."],
    };
  }
  const groupNames = new Map<string, string>();
  for (const g of [...(Array.isArray(doc["collections"]) ? doc["collections"] : []), ...(Array.isArray(doc["folders"]) ? doc["folders"] : [])]) {
    if (isObject(g) && typeof g["id"] === "string" && str(g["name"])) groupNames.set(g["id"], str(g["name"]));
  }
  const items: ImportedItem[] = [];
  const problems: string[] = [];
  for (const [i, raw] of (doc["items"] as unknown[]).entries()) {
    const where = `item ${i + 1}`;
    if (!isObject(raw)) {
      problems.push(`${where}: not an item`);
      continue;
    }
    const type = raw["type"];
    const name = str(raw["name"]).trim();
    if (type !== 1 && type !== 2 && type !== 3 && type !== 4 && type !== 5) {
      problems.push(`${where}${name ? ` (${name})` : ""}: unknown item type ${JSON.stringify(type ?? null)}`);
      continue;
    }
    if (!name) {
      problems.push(`${where}: the item has no name`);
      continue;
    }
    const form = newForm(type, name, str(raw["notes"]));
    const section = isObject(raw[SECTIONS[type]]) ? (raw[SECTIONS[type]] as Json) : {};
    const shown = new Set(FORM_FIELDS[type].map((f) => f.key));
    const extra: Record<string, string> = {};
    for (const f of FORM_FIELDS[type]) form.values[f.key] = str(section[f.key]);
    if (type === 3 || type === 4 || type === 5) {
      for (const [k, v] of Object.entries(section)) if (!shown.has(k) && typeof v === "string" && v) extra[k] = v;
    }
    if (type === 1 && Array.isArray(section["uris"])) {
      form.uris = section["uris"].map((u) => (isObject(u) ? str(u["uri"]) : "")).filter(Boolean);
    }
    for (const f of Array.isArray(raw["fields"]) ? raw["fields"] : []) {
      if (!isObject(f)) continue;
      const t = f["type"];
      if (t === 0 || t === 1 || t === 2) form.fields.push({ type: t, name: str(f["name"]), value: str(f["value"]) });
    }
    const ids = [
      ...(Array.isArray(raw["collectionIds"]) ? raw["collectionIds"] : []),
      ...(typeof raw["folderId"] === "string" ? [raw["folderId"]] : []),
    ];
    const collections = ids.map((id) => groupNames.get(str(id))).filter((n): n is string => Boolean(n));
    items.push({ form, extra, collections, reprompt: raw["reprompt"] === 1 ? 1 : 0, favorite: raw["favorite"] === true });
  }
  return result(items, problems);
}
