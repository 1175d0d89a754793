// The org key, opened in memory: a confirmed member's own copy is wrapped for their public key
// (`profile.organizations[].key`); provider staff open the provider key first and unwrap the
// client's copy with it (`profile.providerOrganizations[].key`). Never stored.

import type { UnlockedSession } from "../app/areas";
import { type SymmetricKey, unwrapSymmetricKey, unwrapSymmetricKeyWithPrivateKey } from "../crypto";
import { openProviderKey } from "../provider/keys";

export interface OpenedOrgKey {
  key: SymmetricKey;
  /** How the user reaches the organization. */
  via: "member" | "provider";
}

/** Null when the profile carries no usable copy (not confirmed yet, or no key pair). */
export async function openOrgKey(session: UnlockedSession, orgId: string): Promise<OpenedOrgKey | null> {
  const member = session.profile?.organizations?.find((o) => o.id === orgId);
  const privateKey = session.keys.privateKey;
  if (member?.key && privateKey) {
    return { key: await unwrapSymmetricKeyWithPrivateKey(privateKey, member.key), via: "member" };
  }
  const client = session.profile?.providerOrganizations?.find((o) => o.id === orgId);
  if (client?.key) {
    const providerKey = await openProviderKey(session, client.providerId);
    if (providerKey) return { key: await unwrapSymmetricKey(providerKey, client.key), via: "provider" };
  }
  return null;
}
