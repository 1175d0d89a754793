// The organization's API key (the `organization.<id>` client of the public API), shown and
// rotated after the master password. Rotating stops the old secret at once.

import { useState } from "preact/hooks";
import { Notice } from "../app/ui";
import { type OrgApiKey as Key, extrasApi } from "./extrasApi";
import { MasterPasswordForm } from "../app/MasterPasswordForm";

export function OrgApiKey(p: { orgId: string }) {
  const [key, setKey] = useState<Key | null>(null);
  const [rotated, setRotated] = useState(false);
  return (
    <MasterPasswordForm
      title="API key"
      actions={[
        {
          label: "View API key",
          run: async (hash) => {
            setKey(await extrasApi.apiKey(p.orgId, hash));
            setRotated(false);
          },
        },
        {
          label: "Rotate API key",
          kind: "danger",
          run: async (hash) => {
            setKey(await extrasApi.rotateApiKey(p.orgId, hash));
            setRotated(true);
          },
        },
      ]}
    >
      <p>
        The API key lets tools use the organization's public API. Keep it secret: anyone with it
        acts for the organization. Rotating it makes a new one; the old one stops working at once.
      </p>
      {rotated ? <Notice kind="success">The API key was rotated.</Notice> : null}
      {key ? (
        <dl class="item-fields">
          <dt>client_id</dt>
          <dd>
            <code>organization.{p.orgId}</code>
          </dd>
          <dt>client_secret</dt>
          <dd>
            <code>{key.apiKey}</code>
          </dd>
          <dt>scope</dt>
          <dd>
            <code>api.organization</code>
          </dd>
        </dl>
      ) : null}
    </MasterPasswordForm>
  );
}
