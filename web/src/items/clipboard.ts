// Copying a secret: it leaves the clipboard after 30 s, unless something else was copied since.
// Whether something else was copied is only asked where the browser already lets the page read
// the clipboard: asking otherwise would pop up a permission prompt or a "Paste" menu 30 s after
// the copy. Where it cannot be asked, the clipboard is cleared anyway: leaving a password there
// is worse than losing a later copy.

export const CLEAR_AFTER_MS = 30_000;

let pending: ReturnType<typeof setTimeout> | null = null;

export async function copySecret(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    void clearIfStill(text);
  }, CLEAR_AFTER_MS);
}

async function mayRead(): Promise<boolean> {
  try {
    const state = await navigator.permissions.query({ name: "clipboard-read" as PermissionName });
    return state.state === "granted";
  } catch {
    // Browsers that do not know the permission (Firefox, Safari) prompt on every read.
    return false;
  }
}

async function clearIfStill(text: string): Promise<void> {
  if (await mayRead()) {
    const current = await navigator.clipboard.readText().catch(() => null);
    if (current !== null && current !== text) return;
  }
  await navigator.clipboard.writeText("").catch(() => undefined);
}
