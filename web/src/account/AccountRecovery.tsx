// Account recovery in the account settings: the organizations whose account recovery policy is
// on, each with Enrol or Withdraw. Enrolling hands the organization the user key wrapped with its
// public key, so its administrators can later set a new master password for this account;
// the server asks for the master password to be sure it is the account holder doing it.

import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { UnlockedSession } from "../app/areas";
import { Button, ErrorMessage, Notice, Progress, TextField } from "../app/ui";
import { deriveMasterKey, masterPasswordHash, wrapSymmetricKeyForPublicKey } from "../crypto";
import { recoveryApi } from "../organization/membersApi";

const RESET_PASSWORD_POLICY = 8;

interface SyncSlice {
  profile: {
    organizations: { id: string; name: string; resetPasswordEnrolled?: boolean; useResetPassword?: boolean }[] | null;
  };
  policies: { organizationId: string; type: number; enabled: boolean; data: { autoEnrollEnabled?: boolean } | null }[] | null;
}

interface RecoveryOrg {
  id: string;
  name: string;
  enrolled: boolean;
  /** The policy enrols everyone: withdrawing is not allowed. */
  automatic: boolean;
}

async function loadRecoveryOrgs(): Promise<RecoveryOrg[]> {
  // Sync is the one place a member reads the policies that apply to them.
  const sync = await api.get<SyncSlice>("/api/sync?excludeDomains=true");
  const policies = (sync.policies ?? []).filter((p) => p.type === RESET_PASSWORD_POLICY && p.enabled);
  return (sync.profile.organizations ?? [])
    .filter((o) => o.useResetPassword !== false)
    .flatMap((o) => {
      const policy = policies.find((p) => p.organizationId === o.id);
      if (!policy) return [];
      return [{ id: o.id, name: o.name, enrolled: o.resetPasswordEnrolled === true, automatic: policy.data?.autoEnrollEnabled === true }];
    });
}

function RecoveryRow(p: { org: RecoveryOrg; session: UnlockedSession; onChanged: (sentence: string) => void }) {
  const { org, session } = p;
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const action = org.enrolled ? "Withdraw" : "Enrol";
  const run = async () => {
    if (busy) return;
    if (!password) {
      setError("Enter your master password.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { account, keys } = session;
      const hash = await masterPasswordHash(await deriveMasterKey(password, account.email, account.kdf), password);
      const userId = account.userId;
      if (org.enrolled) {
        await recoveryApi.enrol(org.id, userId, null, hash);
      } else {
        const publicKey = await recoveryApi.orgPublicKey(org.id);
        const wrapped = await wrapSymmetricKeyForPublicKey(publicKey, keys.userKey);
        await recoveryApi.enrol(org.id, userId, wrapped, hash);
      }
      setPassword("");
      p.onChanged(org.enrolled ? `You withdrew from account recovery in ${org.name}.` : `You are enrolled in account recovery in ${org.name}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="recovery-org">
      <p>
        <strong>{org.name}</strong>: {org.enrolled ? "enrolled" : "not enrolled"}
        {org.automatic ? " (the organization enrols every member)" : ""}
      </p>
      {org.enrolled && org.automatic ? null : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <TextField
            label={`Master password to ${action.toLowerCase()} in ${org.name}`}
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={setPassword}
          />
          <ErrorMessage error={error} />
          <Button type="submit" busy={busy} kind={org.enrolled ? "secondary" : "primary"}>
            {`${action} in ${org.name}`}
          </Button>
        </form>
      )}
    </li>
  );
}

export function AccountRecovery(p: { session: UnlockedSession }) {
  const [orgs, setOrgs] = useState<RecoveryOrg[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    loadRecoveryOrgs()
      .then((o) => live && setOrgs(o))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [generation]);
  return (
    <section aria-labelledby="account-recovery-heading">
      <h2 id="account-recovery-heading">Account recovery</h2>
      <p>
        If you forget your master password, an administrator of an organization you enrolled in can set a new one for
        you. They can then open your vault.
      </p>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorMessage error={error} />
      {orgs === null && error === null ? <Progress text="Loading your organizations…" /> : null}
      {orgs !== null && orgs.length === 0 ? <p>None of your organizations offers account recovery.</p> : null}
      {orgs !== null && orgs.length > 0 ? (
        <ul class="plain-list">
          {orgs.map((o) => (
            <RecoveryRow
              key={o.id}
              org={o}
              session={p.session}
              onChanged={(sentence) => {
                setNotice(sentence);
                setGeneration((g) => g + 1);
              }}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
