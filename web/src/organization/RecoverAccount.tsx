// Recovering a member's account: the administrator picks a new master password for a member who
// enrolled in account recovery. Everything secret happens here in the browser: the org private
// key (under the org key) unwraps the member's user key, the member's own KDF turns the new
// password into a master key, and that wraps the same user key again. The server only gets the
// new password's hash and the wrapped key, so the member's vault opens with the new password.

import { useState } from "preact/hooks";
import { estimateStrength } from "../account/strength";
import { Button, ErrorMessage, Progress, TextField, useFocus } from "../app/ui";
import {
  type KdfConfig,
  type SymmetricKey,
  decryptPrivateKey,
  deriveMasterKey,
  kdfLoginProblem,
  masterPasswordHash,
  protectUserKey,
  unwrapSymmetricKeyWithPrivateKey,
} from "../crypto";
import { placeErrors } from "../app/forms";
import { type RecoveryDetails, recoveryApi } from "./membersApi";

const MIN_LENGTH = 12;

function kdfOf(d: RecoveryDetails): KdfConfig {
  return { kdf: d.kdf, iterations: d.kdfIterations, memory: d.kdfMemory, parallelism: d.kdfParallelism };
}

/** Sets `password` as the member's master password; resolves once the server took it. */
async function recover(orgId: string, orgKey: SymmetricKey, memberId: string, password: string, step: (s: string) => void) {
  step("Reading the member's recovery key…");
  const d = await recoveryApi.details(orgId, memberId);
  // A server that sent weak KDF settings would make the new password cheap to guess.
  if (kdfLoginProblem(kdfOf(d)) !== null) {
    throw new Error("The member's KDF settings from the server are below the minimum; the password was not changed.");
  }
  const privateKey = await decryptPrivateKey(orgKey, d.encryptedPrivateKey);
  const userKey = await unwrapSymmetricKeyWithPrivateKey(privateKey, d.resetPasswordKey);
  step("Deriving the new master key…");
  const masterKey = await deriveMasterKey(password, d.masterPasswordSalt, kdfOf(d));
  const [hash, key] = await Promise.all([masterPasswordHash(masterKey, password), protectUserKey(masterKey, userKey)]);
  step("Saving…");
  await recoveryApi.recover(orgId, memberId, hash, key);
}

export function RecoverAccount(p: {
  orgId: string;
  orgKey: SymmetricKey;
  memberId: string;
  name: string;
  email: string | null;
  onDone: (sentence: string) => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<{ password: string | undefined; again: string | undefined }>({
    password: undefined,
    again: undefined,
  });
  const focus = useFocus<HTMLHeadingElement>();
  const strength = estimateStrength(password, [p.email ?? "", p.name]);

  const submit = async () => {
    if (busy) return;
    const found = {
      password: password.length < MIN_LENGTH ? `Use at least ${MIN_LENGTH} characters.` : undefined,
      again: again !== password ? "The passwords do not match." : undefined,
    };
    setProblem(found);
    if (found.password || found.again) return;
    setBusy(true);
    setError(null);
    try {
      await recover(p.orgId, p.orgKey, p.memberId, password, setStep);
      p.onDone(`${p.name}'s master password was reset. Give them the new password; their other sessions have ended.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setStep(null);
    }
  };
  const placed = placeErrors(error, ["NewMasterPasswordHash"]);
  return (
    <div class="panel confirm" role="dialog" aria-labelledby="recover-account-title">
      <h3 id="recover-account-title" ref={focus} tabIndex={-1}>
        Recover the account of {p.name}
      </h3>
      <p>
        Choose a new master password for {p.name} and give it to them in person or by another safe channel. Their
        other sessions end at once.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField
          label="New master password"
          type="password"
          autoComplete="new-password"
          value={password}
          onInput={(v) => {
            setPassword(v);
            setProblem((x) => ({ ...x, password: undefined }));
          }}
          error={problem.password ?? placed.field("NewMasterPasswordHash")}
          describedById="recover-strength"
        >
          <p id="recover-strength" class="strength-text">
            {password ? `Strength: ${strength.label}${strength.advice ? `. ${strength.advice}` : "."}` : `At least ${MIN_LENGTH} characters.`}
          </p>
        </TextField>
        <TextField
          label="Confirm new master password"
          type="password"
          autoComplete="new-password"
          value={again}
          onInput={(v) => {
            setAgain(v);
            setProblem((x) => ({ ...x, again: undefined }));
          }}
          error={problem.again}
        />
        <Progress text={step} />
        <ErrorMessage error={placed.action} />
        <div class="actions">
          <Button type="submit" busy={busy}>
            Reset master password
          </Button>
          <Button kind="secondary" onClick={p.onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
