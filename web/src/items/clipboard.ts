// Copying a secret: it leaves the clipboard after 30 s, unless something else was copied since.
// Where the browser will not let the page read the clipboard back (permission refused), it is
// cleared anyway: leaving a password there is the worse outcome.

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

async function clearIfStill(text: string): Promise<void> {
  let current: string | null = null;
  try {
    current = await navigator.clipboard.readText();
  } catch {
    current = null;
  }
  if (current === null || current === text) {
    await navigator.clipboard.writeText("").catch(() => undefined);
  }
}
