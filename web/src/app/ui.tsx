// Form controls and messages shared by the portal's pages. Every control has a visible label
// (or an accessible name), errors are tied to their field with aria-describedby, and nothing
// here sets a style attribute: the CSP forbids inline styles, the classes live in styles.css.

import type { ComponentChildren, JSX, Ref, RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ConnectionError } from "../api";

let nextId = 0;
/** A stable id for this component instance, for label/aria wiring. */
export function useId(prefix = "f"): string {
  const ref = useRef<string | null>(null);
  if (ref.current === null) ref.current = `${prefix}-${++nextId}`;
  return ref.current;
}

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter((x): x is string => typeof x === "string" && x.length > 0);
  return list.length > 0 ? list.join(" ") : undefined;
}

interface FieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "email" | "password" | "number" | "search";
  name?: string;
  autoComplete?: string;
  inputMode?: "text" | "email" | "numeric" | "decimal" | "search";
  required?: boolean;
  readOnly?: boolean;
  disabled?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  /** Help text under the field. */
  hint?: ComponentChildren;
  /** The server's (or the form's) sentence about this field. */
  error?: string | null | undefined;
  /** Extra content after the input, inside the field (a strength meter). */
  children?: ComponentChildren;
  inputRef?: Ref<HTMLInputElement>;
  /** Id of extra text that describes the input (e.g. the strength meter's sentence). */
  describedById?: string;
  optional?: boolean;
}

export function TextField(p: FieldProps) {
  const id = useId("field");
  const hintId = p.hint ? `${id}-hint` : null;
  const errorId = p.error ? `${id}-error` : null;
  const [shown, setShown] = useState(false);
  const isPassword = p.type === "password";
  const labelId = `${id}-label`;
  return (
    <div class={`field${p.error ? " field-invalid" : ""}`}>
      <label id={labelId} for={id}>
        {p.label}
        {p.optional ? <span class="optional"> (optional)</span> : null}
      </label>
      <div class={isPassword ? "input-row" : undefined}>
        <input
          id={id}
          ref={p.inputRef ?? null}
          type={isPassword && shown ? "text" : (p.type ?? "text")}
          name={p.name}
          value={p.value}
          onInput={(e) => p.onInput((e.currentTarget as HTMLInputElement).value)}
          autoComplete={p.autoComplete}
          inputMode={p.inputMode}
          required={p.required}
          readOnly={p.readOnly}
          disabled={p.disabled}
          maxLength={p.maxLength}
          min={p.min}
          max={p.max}
          spellcheck={isPassword || p.type === "email" ? false : undefined}
          autoCapitalize={isPassword || p.type === "email" ? "off" : undefined}
          aria-invalid={p.error ? "true" : undefined}
          aria-describedby={describedBy(errorId, hintId, p.describedById)}
        />
        {isPassword ? (
          <button
            type="button"
            class="button-secondary toggle"
            aria-pressed={shown ? "true" : "false"}
            aria-describedby={labelId}
            onClick={() => setShown(!shown)}
          >
            {shown ? "Hide" : "Show"}
          </button>
        ) : null}
      </div>
      {p.children}
      {p.hint ? (
        <p id={hintId ?? undefined} class="hint">
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p id={errorId ?? undefined} class="field-error">
          {p.error}
        </p>
      ) : null}
    </div>
  );
}

interface SelectProps<T extends string | number> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  hint?: ComponentChildren;
  error?: string | null | undefined;
}

export function SelectField<T extends string | number>(p: SelectProps<T>) {
  const id = useId("select");
  const hintId = p.hint ? `${id}-hint` : null;
  const errorId = p.error ? `${id}-error` : null;
  return (
    <div class={`field${p.error ? " field-invalid" : ""}`}>
      <label for={id}>{p.label}</label>
      <select
        id={id}
        value={String(p.value)}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={describedBy(errorId, hintId)}
        onChange={(e) => {
          const raw = (e.currentTarget as HTMLSelectElement).value;
          const found = p.options.find((o) => String(o.value) === raw);
          if (found) p.onChange(found.value);
        }}
      >
        {p.options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
      {p.hint ? (
        <p id={hintId ?? undefined} class="hint">
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p id={errorId ?? undefined} class="field-error">
          {p.error}
        </p>
      ) : null}
    </div>
  );
}

export function Checkbox(p: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId("check");
  return (
    <div class="field-check">
      <input
        id={id}
        type="checkbox"
        checked={p.checked}
        onChange={(e) => p.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{p.label}</label>
    </div>
  );
}

/**
 * The message about an action: the server's sentence, or that the connection is lost.
 * Announced by screen readers when it appears.
 */
export function ErrorMessage(p: { error: unknown; id?: string }) {
  if (p.error === null || p.error === undefined) return null;
  const offline = p.error instanceof ConnectionError;
  const text =
    typeof p.error === "string"
      ? p.error
      : p.error instanceof Error
        ? p.error.message
        : "Something went wrong. Try again.";
  return (
    <div id={p.id} class={offline ? "alert alert-offline" : "alert alert-error"} role="alert">
      {offline ? <strong>Connection lost. </strong> : null}
      {text}
    </div>
  );
}

export function Notice(p: { children: ComponentChildren; kind?: "info" | "success" | "warning" }) {
  return (
    <div class={`alert alert-${p.kind ?? "info"}`} role="status">
      {p.children}
    </div>
  );
}

/** A live region for progress ("Deriving your key…"). */
export function Progress(p: { text: string | null }) {
  return (
    <p class="progress" role="status" aria-live="polite">
      {p.text ?? ""}
    </p>
  );
}

export function Button(
  p: JSX.ButtonHTMLAttributes<HTMLButtonElement> & {
    busy?: boolean;
    kind?: "primary" | "secondary" | "danger" | "link";
  },
) {
  // Busy buttons stay enabled (aria-disabled) so keyboard focus stays on them while the
  // request runs and returns there with the answer; clicks are ignored meanwhile.
  const { busy, kind, class: cls, disabled, type, onClick, ...rest } = p;
  return (
    <button
      {...rest}
      type={type ?? "button"}
      class={`button-${kind ?? "primary"}${cls ? ` ${String(cls)}` : ""}`}
      disabled={Boolean(disabled)}
      aria-disabled={busy ? "true" : undefined}
      aria-busy={busy ? "true" : undefined}
      onClick={(e) => {
        if (busy) {
          e.preventDefault();
          return;
        }
        if (typeof onClick === "function") onClick(e);
      }}
    />
  );
}

/**
 * The page's heading. It takes focus when the page opens (unless something in the page already
 * has it), so screen readers announce where the user landed, and sets the document title.
 */
export function PageHeading(p: { children: string; sub?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${p.children} · Bulwark`;
    const active = document.activeElement;
    const main = ref.current?.closest("main");
    if (!active || active === document.body || (main && !main.contains(active))) {
      ref.current?.focus({ preventScroll: true });
    }
  }, [p.children]);
  return (
    <header class="page-heading">
      <h1 ref={ref} tabIndex={-1}>
        {p.children}
      </h1>
      {p.sub ? <p class="page-sub">{p.sub}</p> : null}
    </header>
  );
}

/** Focuses the element once, when `when` becomes true. */
export function useFocus<T extends HTMLElement>(when = true): RefObject<T> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (when) ref.current?.focus();
  }, [when]);
  return ref;
}

/**
 * A hidden, read-only username beside a lone password field, so password managers (and the
 * browser) pair the password with the account.
 */
export function HiddenUsername(p: { email: string }) {
  return (
    <input
      type="email"
      class="visually-hidden"
      autoComplete="username"
      value={p.email}
      readOnly
      tabIndex={-1}
      aria-hidden="true"
    />
  );
}
