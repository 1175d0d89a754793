// Sign out everywhere: a new security stamp makes the server refuse every access and refresh
// token of the account, in every browser and app, this tab's included.

import { useState } from "preact/hooks";
import { api } from "../api";
import { signOut } from "../app/session";
import { Button } from "../app/ui";
import { ConfirmPassword } from "./ConfirmPassword";

export function SignOutEverywhere(p: { email: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="account-subsection">
      <h3 id="sign-out-everywhere-heading">Sessions</h3>
      {open ? (
        <ConfirmPassword
          email={p.email}
          intro={<p>Every browser and app signed in to this account, this one too, will have to sign in again.</p>}
          action="Sign out everywhere"
          onConfirmed={async (hash) => {
            await api.post("/api/accounts/security-stamp", { masterPasswordHash: hash });
            signOut("You signed out everywhere. Sign in again to continue.");
          }}
          onCancel={() => setOpen(false)}
        />
      ) : (
        <>
          <p>Lost a device, or signed in somewhere you shouldn't have? End every session at once.</p>
          <div class="actions">
            <Button kind="secondary" onClick={() => setOpen(true)}>
              Sign out everywhere…
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
