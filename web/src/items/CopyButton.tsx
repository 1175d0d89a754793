// "Copy password" and the like: copies, says so for a moment, and clears the clipboard later.

import { useEffect, useState } from "preact/hooks";
import { Button } from "../app/ui";
import { copySecret } from "./clipboard";

export function CopyButton(p: { what: string; value: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <>
      <Button
        kind="link"
        onClick={() =>
          copySecret(p.value).then(
            () => setState("copied"),
            () => setState("failed"),
          )
        }
      >
        Copy {p.what}
      </Button>
      <span class="copy-status" role="status">
        {state === "copied" ? "Copied" : state === "failed" ? "The browser refused to copy." : ""}
      </span>
    </>
  );
}
