// An item's attachments, encrypted and decrypted in the browser: each file gets its own key,
// wrapped with the item's key, which also encrypts the file's name. The server stores bytes it
// cannot read.

import { api } from "../api";
import {
  type SymmetricKey,
  decryptFile,
  decryptString,
  encryptFile,
  encryptString,
  unwrapSymmetricKey,
  wrapSymmetricKey,
  SymmetricKey as Key,
} from "../crypto";
import type { AttachmentData } from "../items/cipher";
import { itemKey } from "../items/decrypt";
import { type VaultCipher, vaultApi } from "./api";

export async function attachmentName(baseKey: SymmetricKey, row: VaultCipher, a: AttachmentData): Promise<string> {
  return decryptString(await itemKey(baseKey, row), a.fileName);
}

export async function uploadAttachment(baseKey: SymmetricKey, row: VaultCipher, file: File): Promise<void> {
  const key = await itemKey(baseKey, row);
  const own = Key.random();
  const body = await encryptFile(own, new Uint8Array(await file.arrayBuffer()));
  const fileName = await encryptString(key, file.name);
  const { attachmentId } = await vaultApi.announceAttachment(row.id, {
    key: await wrapSymmetricKey(key, own),
    fileName,
    fileSize: body.length,
    lastKnownRevisionDate: row.revisionDate,
  });
  const form = new FormData();
  form.append("data", new Blob([body], { type: "application/octet-stream" }), fileName);
  await vaultApi.uploadAttachment(row.id, attachmentId, form);
}

/** The file's clear bytes and name. */
export async function downloadAttachment(
  baseKey: SymmetricKey,
  row: VaultCipher,
  a: AttachmentData,
): Promise<{ name: string; bytes: Uint8Array }> {
  const key = await itemKey(baseKey, row);
  const meta = await vaultApi.attachment(row.id, a.id);
  // The link names this server; fetched by path so it stays same-origin behind any proxy name.
  const link = new URL(meta.url, location.origin);
  const encrypted = await api.downloadBytes(link.pathname + link.search);
  const fileKey = meta.key ? await unwrapSymmetricKey(key, meta.key) : key;
  return { name: await decryptString(key, meta.fileName), bytes: await decryptFile(fileKey, encrypted) };
}

/** Hands the bytes to the browser as a download. */
export function saveAs(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
