// A QR code drawn in the browser (uqr encodes, Preact draws the SVG): the authenticator's
// otpauth address never goes to a third-party image service. Plain SVG elements with
// presentation attributes, nothing the CSP's style rules would block.

import { useMemo } from "preact/hooks";
import { encode } from "uqr";

/** The quiet zone the QR standard asks for around the code, in modules. */
const QUIET = 4;

/** One square per dark module, as path commands ("M x y h1v1h-1z"), offset by the quiet zone. */
export function qrPath(text: string): { d: string; size: number } {
  const qr = encode(text, { ecc: "M", border: 0 });
  const parts: string[] = [];
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x + QUIET} ${y + QUIET}h1v1h-1z`);
    }),
  );
  return { d: parts.join(""), size: qr.size + 2 * QUIET };
}

export function QrCode(p: { text: string; label: string; pixels?: number }) {
  const { d, size } = useMemo(() => qrPath(p.text), [p.text]);
  const pixels = p.pixels ?? 200;
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={p.label}
      viewBox={`0 0 ${size} ${size}`}
      width={pixels}
      height={pixels}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
