// An item's decrypted fields as a definition list: secrets hidden until asked, a copy button
// beside each value, and the live code of an authenticator key. The caller puts its own rows
// (type, collections, folder) first.

import { type ComponentChildren, Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { Button } from "../app/ui";
import { CopyButton } from "./CopyButton";
import type { ItemField } from "./decrypt";
import { TotpCode } from "./TotpCode";

export function ItemFieldList(p: { fields: ItemField[]; children?: ComponentChildren }) {
  const [shown, setShown] = useState<Record<number, boolean>>({});
  useEffect(() => setShown({}), [p.fields]);
  return (
    <dl class="item-fields">
      {p.children}
      {p.fields.map((f, i) => (
        <Fragment key={i}>
          <dt>{f.label}</dt>
          <dd class={f.role === "notes" ? "notes" : undefined}>
            {f.role === "boolean" ? (
              <span class="value">{f.value === "true" ? "Yes" : "No"}</span>
            ) : f.secret && !shown[i] ? (
              <span aria-label={`${f.label} hidden`}>••••••••</span>
            ) : (
              <span class="value">{f.value}</span>
            )}
            {f.secret ? (
              <Button
                kind="link"
                aria-pressed={shown[i] ? "true" : "false"}
                aria-label={`${shown[i] ? "Hide" : "Show"} ${f.label.toLowerCase()}`}
                onClick={() => setShown({ ...shown, [i]: !shown[i] })}
              >
                {shown[i] ? "Hide" : "Show"}
              </Button>
            ) : null}
            {f.role !== "notes" && f.role !== "boolean" && f.value ? (
              <CopyButton what={f.label.toLowerCase()} value={f.value} />
            ) : null}
          </dd>
          {f.role === "totp" ? (
            <>
              <dt>Verification code</dt>
              <dd>
                <TotpCode totpKey={f.value} />
              </dd>
            </>
          ) : null}
        </Fragment>
      ))}
    </dl>
  );
}
