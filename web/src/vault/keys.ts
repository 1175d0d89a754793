// The keys the vault decrypts with: the user key for personal items, and the key of each
// organization the user is a confirmed member of, opened the way the Admin Console opens it
// (../organization/keys.ts) but from the profile the sync just sent. In memory only.

import type { UnlockedSession } from "../app/areas";
import type { Profile } from "../api";
import type { SymmetricKey } from "../crypto";
import { openOrgKey } from "../organization/keys";

export interface VaultOrg {
  id: string;
  name: string;
  key: SymmetricKey;
}

/** The organizations whose items the user can read; one that fails to open is left out. */
export async function openVaultOrgs(session: UnlockedSession, profile: Profile): Promise<VaultOrg[]> {
  const fresh = { ...session, profile };
  const out: VaultOrg[] = [];
  for (const o of profile.organizations ?? []) {
    try {
      const opened = await openOrgKey(fresh, o.id);
      if (opened?.via === "member") out.push({ id: o.id, name: o.name, key: opened.key });
    } catch {
      // A damaged org key hides only that org's items; the rest of the vault stays usable.
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
