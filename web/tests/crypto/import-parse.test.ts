// The Admin Console's import and export without a server: the Bitwarden CSV and JSON readers
// (every problem with its line or item, nothing returned when one is wrong), the request the
// parsed items become under an org key, the plain and encrypted export of those items, and the
// browser-side reports over items in clear.

import assert from "node:assert/strict";
import { register } from "node:module";
import { describe, test } from "node:test";

import type { Cipher } from "../../src/items/cipher.js";
import type { ReportItem } from "../../src/organization/reports.js";

// The portal's modules import each other without extensions (Vite resolves them; node does not):
// this resolve hook retries such a relative import as `.js`, then as a folder's `index.js`. It
// applies to the modules imported dynamically below.
register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(spec, ctx, next) {
  try { return await next(spec, ctx); } catch (e) {
    if (!spec.startsWith(".")) throw e;
    for (const s of [".js", "/index.js"]) { try { return await next(spec + s, ctx); } catch {} }
    throw e;
  }
}`)}`,
  import.meta.url,
);

const { SymmetricKey, decryptString } = await import("../../src/crypto/index.js");
const { encryptedExport, plainExport } = await import("../../src/organization/exportFormat.js");
const { parseBitwardenCsv, parseBitwardenJson, readCsv } = await import("../../src/items/importParse.js");
const { buildImportRequest } = await import("../../src/organization/importRequest.js");
const { openEncryptedExport } = await import("../../src/items/importDecrypt.js");
const { healthReports } = await import("../../src/organization/reports.js");

const HEADER = "collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp";

describe("CSV reader", () => {
  test("quoted cells keep commas, quotes and line breaks; records keep their first line", () => {
    const { records, problem } = readCsv('a,b\n"x, ""y""","multi\nline"\nlast,row\n');
    assert.equal(problem, null);
    assert.deepEqual(records, [
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ['x, "y"', "multi\nline"] },
      { line: 4, cells: ["last", "row"] },
    ]);
  });

  test("an unclosed quote is reported at the line it opens", () => {
    assert.equal(readCsv('a,b\n1,"open\n2,3\n').problem, "line 2: a quoted value is not closed");
  });
});

describe("Bitwarden CSV", () => {
  test("logins and notes with collections, websites, fields and reprompt", () => {
    const csv = [
      HEADER,
      '"Network,Ops",login,Router,rack 2,"pin: 1234\nmode: admin",1,"https://r.example,http://10.0.0.1",admin,s3cret,JBSWY3DPEHPK3PXP',
      ",note,Door codes,Front 1234,,,,,,",
    ].join("\r\n");
    const r = parseBitwardenCsv(csv);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.data.collections, ["Network", "Ops"]);
    const [login, note] = r.data.items;
    assert.deepEqual(login?.form, {
      type: 1,
      name: "Router",
      notes: "rack 2",
      values: { username: "admin", password: "s3cret", totp: "JBSWY3DPEHPK3PXP" },
      uris: ["https://r.example", "http://10.0.0.1"],
      fields: [
        { type: 0, name: "pin", value: "1234" },
        { type: 0, name: "mode", value: "admin" },
      ],
    });
    assert.equal(login?.reprompt, 1);
    assert.deepEqual(login?.collections, ["Network", "Ops"]);
    assert.equal(note?.form.type, 2);
    assert.deepEqual(note?.collections, []);
  });

  test("every bad line is listed and nothing is returned", () => {
    const csv = [
      HEADER,
      "Ops,login,Good,,,,,u,p,",
      "Ops,card,Bad type,,,,,,,",
      "Ops,login,,,,,,,,",
      "Ops,login,Short",
      "Ops,login,Reprompt,,,7,,,,",
    ].join("\n");
    const r = parseBitwardenCsv(csv);
    assert.deepEqual(r, {
      ok: false,
      problems: [
        'line 3: the type "card" is neither login nor note',
        "line 4: the item has no name",
        "line 5: 3 values where the header has 10 columns",
        'line 6: reprompt is "7", not 0 or 1',
      ],
    });
  });

  test("a file that is not a Bitwarden CSV, or has no items", () => {
    const notOurs = parseBitwardenCsv("url,user,pass\nx,y,z\n");
    assert.equal(notOurs.ok, false);
    assert.match(notOurs.ok ? "" : (notOurs.problems[0] ?? ""), /^line 1: the header has no "type" column/);
    assert.deepEqual(parseBitwardenCsv(`${HEADER}\n`), { ok: false, problems: ["The file has no items."] });
    assert.deepEqual(parseBitwardenCsv(""), { ok: false, problems: ["The file is empty."] });
  });

  test("the personal CSV's folder becomes the collection", () => {
    const r = parseBitwardenCsv("folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\nWork,1,login,Mail,,,0,,me,pw,\n");
    assert.ok(r.ok);
    assert.deepEqual(r.data.items[0]?.collections, ["Work"]);
  });
});

describe("Bitwarden JSON", () => {
  const doc = {
    encrypted: false,
    collections: [{ id: "c1", organizationId: "o", name: "Finance", externalId: null }],
    items: [
      {
        type: 1,
        name: "Bank",
        notes: null,
        login: { username: "u", password: "p", totp: null, uris: [{ match: null, uri: "https://bank.example" }] },
        fields: [{ name: "Hidden", value: "h", type: 1 }, { name: "Linked", value: null, type: 3, linkedId: 100 }],
        collectionIds: ["c1"],
      },
      { type: 4, name: "Jane", identity: { firstName: "Jane", nickname: "JJ" }, collectionIds: [] },
    ],
  };

  test("items, collections by id, identity members beyond the form kept aside", () => {
    const r = parseBitwardenJson(JSON.stringify(doc));
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.data.collections, ["Finance"]);
    const [bank, jane] = r.data.items;
    assert.deepEqual(bank?.form.uris, ["https://bank.example"]);
    assert.deepEqual(bank?.form.fields, [{ type: 1, name: "Hidden", value: "h" }]);
    assert.equal(bank?.form.values["password"], "p");
    assert.equal(jane?.form.values["firstName"], "Jane");
    // A member the editor has no field for is kept aside, to be encrypted and sent as it is.
    assert.deepEqual(jane?.extra, { nickname: "JJ" });
  });

  test("broken JSON says the line; encrypted files and bad items are refused", () => {
    const broken = parseBitwardenJson('{\n  "items": [\n    { "type": 1, }\n  ]\n}');
    assert.equal(broken.ok, false);
    assert.match(broken.ok ? "" : (broken.problems[0] ?? ""), /^line 3: the file is not valid JSON/);
    const enc = parseBitwardenJson(JSON.stringify({ encrypted: true, items: [] }));
    assert.match(enc.ok ? "" : (enc.problems[0] ?? ""), /encrypted/);
    const bad = parseBitwardenJson(JSON.stringify({ items: [{ type: 9, name: "X" }, { type: 2 }] }));
    assert.deepEqual(bad, { ok: false, problems: ["item 1 (X): unknown item type 9", "item 2: the item has no name"] });
  });
});

describe("import request and export", () => {
  test("parsed items are encrypted under the org key; the export reads them back", async () => {
    const orgKey = SymmetricKey.random();
    const csv = `${HEADER}\n"Ops,Finance",login,Router,n,,0,https://r.example,admin,s3cret,\nFinance,note,Codes,1234,,,,,,\n`;
    const parsed = parseBitwardenCsv(csv);
    assert.ok(parsed.ok);
    const existingName = "2.AAAA|BBBB|CCCC";
    const req = await buildImportRequest(orgKey, "org-1", parsed.data, [
      { id: "fin", organizationId: "org-1", name: existingName, externalId: null, type: 0, decryptedName: "Finance" },
    ]);
    assert.equal(req.collections[0]?.id, null);
    assert.equal(await decryptString(orgKey, req.collections[0]?.name ?? ""), "Ops");
    assert.deepEqual(req.collections[1], { id: "fin", name: existingName, externalId: null });
    assert.deepEqual(req.collectionRelationships, [
      { key: 0, value: 0 },
      { key: 0, value: 1 },
      { key: 1, value: 1 },
    ]);
    const login = req.ciphers[0] as Record<string, unknown> & { login: Record<string, string> };
    assert.equal(login["organizationId"], "org-1");
    assert.notEqual(login.login["password"], "s3cret");
    assert.equal(await decryptString(orgKey, login.login["password"] ?? ""), "s3cret");

    // As the server would send them back.
    const rows = req.ciphers.map((c, i) => ({
      ...c,
      id: `item-${i}`,
      organizationId: "org-1",
      collectionIds: ["c"],
      revisionDate: "2026-12-06T00:00:00Z",
    })) as unknown as (Cipher & Record<string, unknown>)[];
    const data = {
      collections: [{ id: "c", organizationId: "org-1", name: req.collections[0]?.name ?? "", externalId: null, type: 0 }],
      ciphers: rows,
    };
    const plain = JSON.parse(await plainExport(orgKey, data)) as {
      encrypted: boolean;
      collections: { name: string }[];
      items: { name: string; login?: { password: string; uris: { uri: string }[] } }[];
    };
    assert.equal(plain.encrypted, false);
    assert.equal(plain.collections[0]?.name, "Ops");
    assert.equal(plain.items[0]?.name, "Router");
    assert.equal(plain.items[0]?.login?.password, "s3cret");
    assert.equal(plain.items[0]?.login?.uris[0]?.uri, "https://r.example");
    // The plain export is itself importable.
    const again = parseBitwardenJson(JSON.stringify(plain));
    assert.ok(again.ok);
    assert.equal(again.data.items[0]?.form.values["password"], "s3cret");

    const enc = JSON.parse(await encryptedExport(orgKey, data)) as {
      encrypted: boolean;
      encKeyValidation_DO_NOT_EDIT: string;
      items: { name: string }[];
    };
    assert.equal(enc.encrypted, true);
    assert.match(enc.items[0]?.name ?? "", /^2\./);
    assert.equal(await decryptString(orgKey, enc.items[0]?.name ?? ""), "Router");
    await decryptString(orgKey, enc.encKeyValidation_DO_NOT_EDIT);

    // The encrypted export reads back with the org key, and only with it.
    const opened = await openEncryptedExport(orgKey, JSON.stringify(enc));
    assert.ok(opened.ok);
    const back = parseBitwardenJson(opened.text);
    assert.ok(back.ok, JSON.stringify(back));
    assert.deepEqual(back.data.items.map((i) => i.form.name), ["Router", "Codes"]);
    assert.equal(back.data.items[0]?.form.values["password"], "s3cret");
    assert.deepEqual(back.data.collections, ["Ops"]);
    const foreign = await openEncryptedExport(SymmetricKey.random(), JSON.stringify(enc));
    assert.deepEqual(foreign, {
      ok: false,
      problem: "This file is encrypted with another key (another organization's or an account's): it cannot be read here.",
    });
    const plainText = JSON.stringify(plain);
    assert.deepEqual(await openEncryptedExport(orgKey, plainText), { ok: true, text: plainText });
  });
});

describe("reports", () => {
  const item = (id: string, password: string, uris: string[] = [], hasTotp = false): ReportItem => ({
    id,
    name: id,
    username: "",
    password,
    uris,
    hasTotp,
  });

  test("weak, reused, exposed, unsecured and inactive two-step findings", () => {
    const r = healthReports([
      item("A", "password"),
      item("B", "Tr0ub4dor&3-horse-staple-battery", ["http://intranet.example"]),
      item("C", "Tr0ub4dor&3-horse-staple-battery", ["https://www.github.com/login"]),
      item("D", "x7#Kq9!vLm2$Rp4@", ["https://github.com"], true),
    ]);
    assert.deepEqual(r.weak.map((f) => f.id), ["A"]);
    assert.deepEqual(r.exposed.map((f) => f.id), ["A"]);
    assert.deepEqual(r.reused.map((f) => f.id), ["B", "C"]);
    assert.equal(r.reused[0]?.why, "Password used by 2 items");
    assert.deepEqual(r.unsecured.map((f) => f.id), ["B"]);
    assert.deepEqual(r.inactiveTwoStep.map((f) => [f.id, f.why]), [
      ["C", "github.com offers two-step login; the item has no authenticator key"],
    ]);
  });
});
