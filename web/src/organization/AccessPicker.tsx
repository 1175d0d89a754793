// Choosing what someone reaches: a level of access per collection and the groups they join.
// Used when inviting members and when editing a group. Collection names are decrypted here
// with the org key; the lists are loaded only when the choice is opened.

import { useEffect, useState } from "preact/hooks";
import { Checkbox, ErrorMessage, Progress, SelectField } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { ACCESS_LEVELS, type AccessLevel } from "./accessLevels";
import type { GroupRow } from "./api";
import { decryptCollections } from "./decrypt";
import { areaError } from "./errors";
import { membersApi } from "./membersApi";
import { orgApi } from "./api";

export interface NamedCollection {
  id: string;
  name: string;
}

/** The org's shared collections (names decrypted) and groups, once `wanted` turns true. */
export function useAccessChoices(orgId: string, orgKey: SymmetricKey, wanted: boolean) {
  const [collections, setCollections] = useState<NamedCollection[] | null>(null);
  const [groups, setGroups] = useState<GroupRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!wanted || collections !== null) return;
    let live = true;
    membersApi
      .collections(orgId)
      .then((rows) => decryptCollections(orgKey, rows))
      .then((rows) => {
        if (!live) return;
        // Members' own "My items" collections are theirs alone: no one is given access to them.
        const shared = rows.filter((c) => c.type !== 1);
        setCollections(
          shared
            .map((c) => ({ id: c.id, name: c.decryptedName }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        );
      })
      .catch((e: unknown) => live && setError(areaError(e)));
    orgApi
      .groups(orgId)
      .then((g) => live && setGroups([...g].sort((a, b) => a.name.localeCompare(b.name))))
      .catch((e: unknown) => live && setError(areaError(e)));
    return () => {
      live = false;
    };
  }, [orgId, wanted]);
  return { collections, groups, error };
}

export function CollectionLevels(p: {
  legend: string;
  collections: readonly NamedCollection[] | null;
  levels: ReadonlyMap<string, AccessLevel>;
  onChange: (levels: Map<string, AccessLevel>) => void;
}) {
  return (
    <fieldset class="access-choice">
      <legend>{p.legend}</legend>
      {p.collections === null ? <Progress text="Loading collections…" /> : null}
      {p.collections !== null && p.collections.length === 0 ? <p>This organization has no collections.</p> : null}
      {p.collections?.map((c) => (
        <SelectField
          key={c.id}
          label={c.name}
          value={p.levels.get(c.id) ?? "none"}
          options={ACCESS_LEVELS}
          onChange={(level) => {
            const next = new Map(p.levels);
            if (level === "none") next.delete(c.id);
            else next.set(c.id, level);
            p.onChange(next);
          }}
        />
      ))}
    </fieldset>
  );
}

export function GroupChoice(p: {
  legend: string;
  groups: readonly GroupRow[] | null;
  chosen: ReadonlySet<string>;
  onChange: (chosen: Set<string>) => void;
}) {
  return (
    <fieldset class="access-choice">
      <legend>{p.legend}</legend>
      {p.groups === null ? <Progress text="Loading groups…" /> : null}
      {p.groups !== null && p.groups.length === 0 ? <p>This organization has no groups.</p> : null}
      {p.groups?.map((g) => (
        <Checkbox
          key={g.id}
          label={g.name}
          checked={p.chosen.has(g.id)}
          onChange={(on) => {
            const next = new Set(p.chosen);
            if (on) next.add(g.id);
            else next.delete(g.id);
            p.onChange(next);
          }}
        />
      ))}
    </fieldset>
  );
}

/** Both choices, for an invitation; shown once the person asks for them. */
export function InviteAccess(p: {
  orgId: string;
  orgKey: SymmetricKey;
  levels: ReadonlyMap<string, AccessLevel>;
  onLevels: (levels: Map<string, AccessLevel>) => void;
  groups: ReadonlySet<string>;
  onGroups: (groups: Set<string>) => void;
}) {
  const [open, setOpen] = useState(false);
  const choices = useAccessChoices(p.orgId, p.orgKey, open);
  return (
    <details
      class="invite-access"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Access to collections and groups</summary>
      <ErrorMessage error={choices.error} />
      <CollectionLevels
        legend="Collections"
        collections={choices.collections}
        levels={p.levels}
        onChange={p.onLevels}
      />
      <GroupChoice legend="Groups" groups={choices.groups} chosen={p.groups} onChange={p.onGroups} />
    </details>
  );
}
