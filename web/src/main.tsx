// The portal's entry: mounts the app shell. Everything a tenant names is rendered as text by
// Preact (never as HTML), and keys live only in memory, so a reload asks to unlock.
import { render } from "preact";
import { App } from "./app/App";

const root = document.getElementById("app");
if (root) {
  render(<App />, root);
}
