// The provider key, opened in memory from the user's own copy (the provider key wrapped for
// the user's public key, `profile.providers[].key`). Never stored.

import { type SymmetricKey, unwrapSymmetricKeyWithPrivateKey } from "../crypto";
import type { UnlockedSession } from "../app/areas";

/** Null when the user is not (yet) confirmed in the provider or has no key pair. */
export async function openProviderKey(
  session: UnlockedSession,
  providerId: string,
): Promise<SymmetricKey | null> {
  const entry = session.profile?.providers?.find((p) => p.id === providerId);
  const privateKey = session.keys.privateKey;
  if (!entry?.key || !privateKey) return null;
  return unwrapSymmetricKeyWithPrivateKey(privateKey, entry.key);
}
