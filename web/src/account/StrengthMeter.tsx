// The master password's strength as the user types (a local estimate, see strength.ts), shown
// under a new-password field; registration and the password change share it.

import { estimateStrength } from "./strength";

export const MIN_PASSWORD_LENGTH = 12;

export function StrengthMeter(p: { password: string; context: readonly string[]; id: string }) {
  const s = estimateStrength(p.password, p.context);
  return (
    <div class="strength">
      <div class={`strength-bar strength-${p.password ? s.score : "none"}`} aria-hidden="true">
        <span />
      </div>
      <p id={p.id} class="strength-text">
        {p.password ? (
          <>
            Strength: <strong>{s.label}</strong>
            {s.advice ? `. ${s.advice}` : "."}
          </>
        ) : (
          `Use at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words are strong and easy to type.`
        )}
      </p>
    </div>
  );
}
