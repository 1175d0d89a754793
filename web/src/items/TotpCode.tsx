// The live code of an authenticator key, renewed when its period ends.

import { useEffect, useState } from "preact/hooks";
import { parseTotpKey, totpCode } from "../crypto";
import { CopyButton } from "./CopyButton";

export function TotpCode(p: { totpKey: string }) {
  const params = parseTotpKey(p.totpKey);
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  const [code, setCode] = useState<{ code: string; remaining: number } | null>(null);

  useEffect(() => {
    const t = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1000);
    return () => clearInterval(t);
  }, []);
  const step = params ? Math.floor(now / params.period) : 0;
  useEffect(() => {
    if (!params) return;
    let live = true;
    void totpCode(params, now).then((c) => live && setCode(c));
    return () => {
      live = false;
    };
    // A new code only when the period turns; the countdown is computed below.
  }, [p.totpKey, step]);

  if (!params) return <span class="hint">Not a valid authenticator key.</span>;
  if (!code) return null;
  const remaining = params.period - (now % params.period);
  return (
    <span class="totp">
      <span class="value totp-code">{code.code}</span> <span class="hint">renews in {remaining} s</span>{" "}
      <CopyButton what="verification code" value={code.code} />
    </span>
  );
}
