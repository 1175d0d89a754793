// Deleting the organization: owners, after a warning and their master password. Every item,
// collection and group goes with it; the console is then left for the home page.

import { refreshProfile } from "../app/session";
import { navigate } from "../app/router";
import { extrasApi } from "./extrasApi";
import { MasterPasswordForm } from "../app/MasterPasswordForm";

export function DeleteOrganization(p: { orgId: string; orgName: string }) {
  return (
    <MasterPasswordForm
      title={`Delete ${p.orgName}`}
      class="danger-zone"
      actions={[
        {
          label: "Delete organization",
          kind: "danger",
          run: async (hash) => {
            await extrasApi.deleteOrganization(p.orgId, hash);
            await refreshProfile();
            navigate("/");
          },
        },
      ]}
    >
      <p role="note">
        Deleting the organization deletes every item, collection and group in it, for every
        member, for good. It cannot be undone: export the organization first if you may need its
        data.
      </p>
    </MasterPasswordForm>
  );
}
