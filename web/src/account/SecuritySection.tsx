// The Security section: this tab's lock, the master password, the KDF settings, signing out
// everywhere, and the fingerprint phrase.

import type { Account } from "../app/session";
import { ChangeMasterPassword } from "./ChangeMasterPassword";
import { FingerprintPhrase } from "./FingerprintPhrase";
import { KdfSettings } from "./KdfSettings";
import type { AccountKeys } from "./keys";
import { LockSettings } from "./LockSettings";
import { SignOutEverywhere } from "./SignOutEverywhere";

export function SecuritySection(p: { account: Account; keys: AccountKeys }) {
  return (
    <section class="panel" aria-labelledby="security-heading">
      <h2 id="security-heading">Security</h2>
      <LockSettings />
      <FingerprintPhrase userId={p.account.userId} publicKey={p.account.publicKey} />
      <ChangeMasterPassword account={p.account} keys={p.keys} />
      <KdfSettings account={p.account} keys={p.keys} />
      <SignOutEverywhere email={p.account.email} />
    </section>
  );
}
