// The personal vault's import and export without a server: the personal Bitwarden CSV and
// JSON (folders, favourites) read into the `POST /ciphers/import` body under the user key, and
// the account's plain and encrypted exports (folders, only the user's own items, a check value
// under the user key) read back by the same reader, and refused under any other key.

import assert from "node:assert/strict";
import { register } from "node:module";
import { describe, test } from "node:test";

import type { Cipher } from "../../src/items/cipher.js";

// As in import-parse.test.ts: retry extension-less relative imports as `.js` / `index.js`.
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
const { parseBitwardenCsv, parseBitwardenJson } = await import("../../src/items/importParse.js");
const { openEncryptedExport } = await import("../../src/items/importDecrypt.js");
const { buildPersonalImport } = await import("../../src/vault/importRequest.js");
const { encryptedPersonalExport, personalExportData, plainPersonalExport } = await import("../../src/vault/exportFormat.js");

const HEADER = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp";

describe("personal CSV", () => {
  test("folders, favourites and reprompt become the import body; a folder the user has is reused", async () => {
    const userKey = SymmetricKey.random();
    const csv =
      `${HEADER}\n` +
      `Work,1,login,Mail,,"PIN: 1234",1,"https://mail.example,https://m.example",me@work,s3cret,\n` +
      `,,note,Plain note,hello,,,,,,\n` +
      `Home,,login,Router,,,0,https://192.168.1.1,admin,pw,\n` +
      `Work,0,login,Chat,,,,,me,pw2,\n`;
    const parsed = parseBitwardenCsv(csv);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    const homeName = "2.AAAA|BBBB|CCCC";
    const req = await buildPersonalImport(userKey, parsed.data, [{ id: "home-id", name: homeName, decryptedName: "Home" }]);
    assert.equal(req.folders.length, 2);
    assert.equal(req.folders[0]?.id, null);
    assert.equal(await decryptString(userKey, req.folders[0]?.name ?? ""), "Work");
    assert.deepEqual(req.folders[1], { id: "home-id", name: homeName });
    assert.deepEqual(req.folderRelationships, [
      { key: 0, value: 0 },
      { key: 2, value: 1 },
      { key: 3, value: 0 },
    ]);
    const mail = req.ciphers[0] as unknown as Record<string, unknown> & { login: { password: string; uris: { uri: string }[] } };
    assert.equal(mail["organizationId"], null);
    assert.equal(mail["favorite"], true);
    assert.equal(mail["reprompt"], 1);
    assert.equal(await decryptString(userKey, mail["name"] as string), "Mail");
    assert.equal(await decryptString(userKey, mail.login.password), "s3cret");
    assert.equal(mail.login.uris.length, 2);
    assert.equal(req.ciphers[3]?.favorite, false);
    assert.equal(req.ciphers[1]?.type, 2);
  });

  test("a malformed personal CSV names its line and gives nothing to import", () => {
    const r = parseBitwardenCsv(`${HEADER}\nWork,,login,Good,,,,,u,p,\nWork,,login,"Broken, too many",x,,,,u,p,,extra\n,,card,Mine,,,,,,,\n`);
    assert.deepEqual(r, {
      ok: false,
      problems: ["line 3: 12 values where the header has 11 columns", 'line 4: the type "card" is neither login nor note'],
    });
  });
});

describe("personal JSON", () => {
  test("folders by id, favourites; an item in no folder stays in none", async () => {
    const doc = {
      encrypted: false,
      folders: [{ id: "f1", name: "Banking" }],
      items: [
        { type: 1, name: "Bank", folderId: "f1", favorite: true, login: { username: "u", password: "p", uris: [{ uri: "https://bank.example" }] }, collectionIds: null },
        { type: 2, name: "Loose note", folderId: null, favorite: false, notes: "n", secureNote: { type: 0 }, collectionIds: null },
      ],
    };
    const r = parseBitwardenJson(JSON.stringify(doc));
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.data.items.map((i) => [i.form.name, i.collections, i.favorite]), [
      ["Bank", ["Banking"], true],
      ["Loose note", [], false],
    ]);
    const req = await buildPersonalImport(SymmetricKey.random(), r.data, []);
    assert.equal(req.folders.length, 1);
    assert.deepEqual(req.folderRelationships, [{ key: 0, value: 0 }]);
  });
});

describe("personal export", () => {
  test("plain and account-encrypted exports of the user's own items read back; another key is refused", async () => {
    const userKey = SymmetricKey.random();
    const parsed = parseBitwardenCsv(`${HEADER}\nWork,1,login,Mail,,,0,https://mail.example,me,s3cret,\n,,note,Codes,1234,,,,,,\n`);
    assert.ok(parsed.ok);
    const req = await buildPersonalImport(userKey, parsed.data, []);
    const workName = req.folders[0]?.name ?? "";
    // As the sync would send them back: the folder placed, plus an org item and a trashed one
    // that an account's export leaves out.
    const own = req.ciphers.map((c, i) => ({
      ...c,
      id: `item-${i}`,
      folderId: i === 0 ? "work" : null,
      collectionIds: [],
      revisionDate: "2026-12-06T00:00:00Z",
      deletedDate: null,
    }));
    const others = [
      { ...own[1], id: "org-item", organizationId: "org-1", collectionIds: ["c"] },
      { ...own[1], id: "trashed", deletedDate: "2026-12-05T00:00:00Z" },
    ];
    const data = personalExportData({
      folders: [{ id: "work", name: workName, revisionDate: "2026-12-06T00:00:00Z" }],
      ciphers: [...own, ...others] as unknown as Cipher[],
    });
    assert.deepEqual(data.ciphers.map((c) => c.id), ["item-0", "item-1"]);

    type Doc = {
      encrypted: boolean;
      encKeyValidation_DO_NOT_EDIT?: string;
      folders: { id: string; name: string }[];
      items: { name: string; folderId: string | null; favorite: boolean; collectionIds: unknown; key?: string; login?: { password: string } }[];
    };
    const plain = JSON.parse(await plainPersonalExport(userKey, data)) as Doc;
    assert.equal(plain.encrypted, false);
    assert.deepEqual(plain.folders, [{ id: "work", name: "Work" }]);
    assert.deepEqual(plain.items.map((i) => [i.name, i.folderId, i.favorite, i.collectionIds]), [
      ["Mail", "work", true, null],
      ["Codes", null, false, null],
    ]);
    assert.equal(plain.items[0]?.login?.password, "s3cret");
    const plainBack = parseBitwardenJson(JSON.stringify(plain));
    assert.ok(plainBack.ok);
    assert.deepEqual(plainBack.data.items[0]?.collections, ["Work"]);

    const encText = await encryptedPersonalExport(userKey, data);
    const enc = JSON.parse(encText) as Doc;
    assert.equal(enc.encrypted, true);
    await decryptString(userKey, enc.encKeyValidation_DO_NOT_EDIT ?? "");
    assert.equal(enc.folders[0]?.name, workName);
    for (const i of enc.items) assert.match(i.name, /^2\.[A-Za-z0-9+/=]+\|/);
    assert.match(enc.items[0]?.login?.password ?? "", /^2\./);
    assert.equal(enc.items[0]?.folderId, "work");

    const opened = await openEncryptedExport(userKey, encText, "account");
    assert.ok(opened.ok);
    const back = parseBitwardenJson(opened.text);
    assert.ok(back.ok, JSON.stringify(back));
    assert.deepEqual(back.data.items.map((i) => [i.form.name, i.collections, i.favorite]), [
      ["Mail", ["Work"], true],
      ["Codes", [], false],
    ]);
    assert.equal(back.data.items[0]?.form.values["password"], "s3cret");
    assert.deepEqual(await openEncryptedExport(SymmetricKey.random(), encText, "account"), {
      ok: false,
      problem: "This file is encrypted with another key (another account's or an organization's): it cannot be read here.",
    });
  });
});
