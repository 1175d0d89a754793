// Vite without plugins: Preact's JSX comes from tsconfig (jsxImportSource). The build must work
// under the server's strict Content-Security-Policy: no inline scripts or styles, no data: URLs,
// workers as separate same-origin module files.
import { defineConfig } from "vite";

export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    target: "es2022",
  },
  worker: {
    format: "es",
  },
});
