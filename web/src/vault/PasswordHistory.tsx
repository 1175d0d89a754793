// A login's earlier passwords, newest first, opened on request.

import { useState } from "preact/hooks";
import { Button } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { decryptHistory } from "../items/decrypt";
import type { VaultCipher } from "./api";

export function PasswordHistory(p: { baseKey: SymmetricKey; row: VaultCipher }) {
  const [entries, setEntries] = useState<{ password: string; date: string }[] | null>(null);
  const count = p.row.passwordHistory?.length ?? 0;
  if (count === 0) return null;
  return (
    <div class="password-history">
      <Button
        kind="link"
        aria-expanded={entries ? "true" : "false"}
        onClick={() => (entries ? setEntries(null) : void decryptHistory(p.baseKey, p.row).then(setEntries))}
      >
        Earlier passwords ({count})
      </Button>
      {entries ? (
        <ul aria-label="Earlier passwords">
          {entries.map((e, i) => (
            <li key={i}>
              <span class="value monospace">{e.password}</span>{" "}
              <span class="hint">used until {new Date(e.date).toLocaleString()}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
