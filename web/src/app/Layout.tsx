// The frame around every page: a skip link, the header (brand, product switcher, account
// actions when signed in) and the main region.

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { type Product, products } from "./products";
import { href } from "./router";
import { type SessionState, lock, signOut } from "./session";
import { useId } from "./ui";

type Unlocked = Extract<SessionState, { status: "unlocked" }>;

export function Layout(p: { session: SessionState; path: string; children: ComponentChildren }) {
  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href={href("/")}>
          <span class="brand-mark" aria-hidden="true" />
          Bulwark
        </a>
        {p.session.status === "unlocked" ? <SignedInBar session={p.session} path={p.path} /> : null}
      </header>
      <main id="main" tabIndex={-1} class={p.session.status === "unlocked" ? "main" : "main main-public"}>
        {p.children}
      </main>
    </div>
  );
}

function skipToMain(e: Event) {
  // The hash router owns location.hash: move focus without changing it.
  e.preventDefault();
  const main = document.getElementById("main");
  const heading = main?.querySelector("h1");
  (heading instanceof HTMLElement ? heading : main)?.focus();
}

function currentProduct(list: Product[], path: string): Product | null {
  return list.find((p) => path === p.path || path.startsWith(`${p.path}/`)) ?? null;
}

function SignedInBar(p: { session: Unlocked; path: string }) {
  const list = products(p.session.profile);
  const current = currentProduct(list, p.path);
  return (
    <div class="topbar-right">
      <ProductSwitcher list={list} current={current} path={p.path} />
      <nav class="account-actions" aria-label="Account">
        <a href={href("/vault")} aria-current={p.path === "/vault" ? "page" : undefined}>
          Vault
        </a>
        <a href={href("/account")} aria-current={p.path === "/account" || p.path === "/" ? "page" : undefined}>
          Account
        </a>
        <button type="button" class="button-secondary" onClick={() => lock()}>
          Lock
        </button>
        <button type="button" class="button-secondary" onClick={() => signOut()}>
          Sign out
        </button>
      </nav>
    </div>
  );
}

function ProductSwitcher(p: { list: Product[]; current: Product | null; path: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId("products");
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => setOpen(false), [p.path]);
  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>("a")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const providers = p.list.filter((x) => x.kind === "provider");
  const orgs = p.list.filter((x) => x.kind === "organization");
  return (
    <div class="switcher" ref={root}>
      <button
        ref={button}
        type="button"
        class="button-secondary switcher-button"
        aria-expanded={open ? "true" : "false"}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Switch product
      </button>
      {p.current ? (
        <span class="switcher-current">
          {p.current.console}: <span class="tenant-name">{p.current.name}</span>
        </span>
      ) : null}
      <nav id={panelId} class="switcher-panel" aria-label="Products" hidden={!open}>
        {p.list.length === 0 ? (
          <p class="switcher-empty">No consoles yet: your account page shows how to become a provider.</p>
        ) : null}
        {providers.length > 0 ? (
          <Group title="Provider Portal" items={providers} current={p.current} />
        ) : null}
        {orgs.length > 0 ? <Group title="Admin Console" items={orgs} current={p.current} /> : null}
        <ul class="switcher-list">
          <li>
            <a href={href("/vault")} aria-current={p.path === "/vault" ? "page" : undefined}>
              Vault
            </a>
          </li>
          <li>
            <a href={href("/account")} aria-current={p.current === null && p.path !== "/vault" ? "page" : undefined}>
              Your account
            </a>
          </li>
        </ul>
      </nav>
    </div>
  );
}

function Group(p: { title: string; items: Product[]; current: Product | null }) {
  const id = useId("group");
  return (
    <>
      <h2 id={id} class="switcher-group">
        {p.title}
      </h2>
      <ul class="switcher-list" aria-labelledby={id}>
        {p.items.map((item) => (
          <li key={item.id}>
            <a
              href={href(item.path)}
              aria-current={p.current?.id === item.id && p.current.kind === item.kind ? "page" : undefined}
            >
              <span class="visually-hidden">{item.console}: </span>
              {item.name}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
