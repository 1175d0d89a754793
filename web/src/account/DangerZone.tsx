// Deleting the account, after the master password: the server removes the account with its
// items, folders, devices and two-step settings; there is no undo.

import { useState } from "preact/hooks";
import { api } from "../api";
import { signOut } from "../app/session";
import { Button, Notice } from "../app/ui";
import { ConfirmPassword } from "./ConfirmPassword";

export function DangerZone(p: { email: string }) {
  const [open, setOpen] = useState(false);
  return (
    <section class="panel" aria-labelledby="danger-zone-heading">
      <h2 id="danger-zone-heading">Danger zone</h2>
      {open ? (
        <ConfirmPassword
          email={p.email}
          danger
          intro={
            <Notice kind="warning">
              Deleting your account removes your vault (every item, folder and attachment) and signs
              out every device, for good: neither you nor the server's operator can bring it back.
              Items shared with an organization stay with that organization.
            </Notice>
          }
          action="Delete my account"
          onConfirmed={async (hash) => {
            await api.delete("/api/accounts", { masterPasswordHash: hash });
            signOut("Your account has been deleted.");
          }}
          onCancel={() => setOpen(false)}
        />
      ) : (
        <>
          <p>Delete this account and everything in its vault.</p>
          <div class="actions">
            <Button kind="danger" onClick={() => setOpen(true)}>
              Delete account…
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
