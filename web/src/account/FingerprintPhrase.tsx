// The account's fingerprint phrase: words derived from the user id and public key, which an
// administrator compares before confirming the user into an organization or provider. It
// depends only on the key pair, so it stays the same across password and KDF changes.

import { useEffect, useState } from "preact/hooks";
import { fingerprintPhrase } from "../crypto";

export function FingerprintPhrase(p: { userId: string; publicKey: string | null }) {
  const [phrase, setPhrase] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (p.userId && p.publicKey) {
      fingerprintPhrase(p.userId, p.publicKey)
        .then((words) => live && setPhrase(words))
        .catch(() => live && setPhrase(null));
    }
    return () => {
      live = false;
    };
  }, [p.userId, p.publicKey]);
  if (!phrase) return null;
  return (
    <div class="account-phrase">
      <h3 id="fingerprint-heading">Your fingerprint phrase</h3>
      <p class="hint">
        Administrators confirming you into an organization or provider see these words. Compare
        them when asked.
      </p>
      <p class="phrase" aria-labelledby="fingerprint-heading">
        {phrase}
      </p>
    </div>
  );
}
