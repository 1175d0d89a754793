// The signed-in user's account, one section per job: their consoles, profile, security
// (lock, master password, KDF, sessions, fingerprint phrase), two-step login, account
// recovery enrolment, the provider application and the danger zone. Each section is its own
// component in this folder; this file only lays them out.

import type { SessionState } from "../app/session";
import { PageHeading } from "../app/ui";
import { AccountRecovery } from "./AccountRecovery";
import { ConsolesPanel } from "./ConsolesPanel";
import { DangerZone } from "./DangerZone";
import { ProfileSection } from "./ProfileSection";
import { ProviderApplications } from "./ProviderApplications";
import { SecuritySection } from "./SecuritySection";
import { TwoStepSettings } from "./TwoStepSettings";

type Unlocked = Extract<SessionState, { status: "unlocked" }>;

export function AccountPage({ session }: { session: Unlocked }) {
  const { account, profile, keys } = session;
  return (
    <div class="page">
      <PageHeading sub={`Signed in as ${account.email}.`}>Your account</PageHeading>
      <ConsolesPanel profile={profile} />
      <ProfileSection name={account.name ?? ""} email={account.email} />
      <SecuritySection account={account} keys={keys} />
      <TwoStepSettings email={account.email} />
      <AccountRecovery session={session} />
      <ProviderApplications
        accountEmail={account.email}
        providerIds={(profile?.providers ?? []).map((p) => p.id)}
      />
      <DangerZone email={account.email} />
    </div>
  );
}
