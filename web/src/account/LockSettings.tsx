// This tab's idle lock and the lock and sign-out buttons.

import { LOCK_CHOICES, describeMinutes, setLockMinutes, useLockMinutes } from "../app/idle";
import { lock, signOut } from "../app/session";
import { Button, SelectField } from "../app/ui";

export function LockSettings() {
  const minutes = useLockMinutes();
  const choices = LOCK_CHOICES.some((c) => c.minutes === minutes)
    ? LOCK_CHOICES
    : [...LOCK_CHOICES, { minutes, label: describeMinutes(minutes) }];
  return (
    <>
      <SelectField
        label="Lock after inactivity"
        value={minutes}
        options={choices.map((c) => ({ value: c.minutes, label: c.label }))}
        onChange={setLockMinutes}
        hint="Locking forgets your keys in this tab; unlock with your master password. A reload always locks."
      />
      <div class="actions">
        <Button kind="secondary" onClick={() => lock()}>
          Lock now
        </Button>
        <Button kind="secondary" onClick={() => signOut()}>
          Sign out
        </Button>
      </div>
    </>
  );
}
