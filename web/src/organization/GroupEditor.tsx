// Editing one group: its name, its members (chosen from the org's members, found by text and a
// page at a time: an org may have thousands) and the level of access it gives to each
// collection. Saved in one request; the member and collection lists replace the old ones.

import { useEffect, useState } from "preact/hooks";
import { placeErrors } from "../app/forms";
import { Button, Checkbox, ErrorMessage, Progress, TextField } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { Pager } from "../provider/Pager";
import { usePagedFilter } from "../provider/paging";
import { CollectionLevels, useAccessChoices } from "./AccessPicker";
import { type AccessLevel, levelOf, selectionsOf } from "./accessLevels";
import type { GroupRow, MemberRow } from "./api";
import { areaError } from "./errors";
import { memberName } from "./memberFilter";
import { membersApi } from "./membersApi";

export function GroupEditor(p: {
  orgId: string;
  orgKey: SymmetricKey;
  group: GroupRow;
  members: readonly MemberRow[] | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(p.group.name);
  const [chosen, setChosen] = useState<ReadonlySet<string> | null>(null);
  const [levels, setLevels] = useState<ReadonlyMap<string, AccessLevel> | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const choices = useAccessChoices(p.orgId, p.orgKey, true);
  const list = usePagedFilter(p.members, (m) => `${m.name ?? ""} ${m.email ?? ""}`);
  const placed = placeErrors(error, ["Name"]);

  useEffect(() => {
    let live = true;
    Promise.all([membersApi.groupDetails(p.orgId, p.group.id), membersApi.groupMembers(p.orgId, p.group.id)])
      .then(([details, users]) => {
        if (!live) return;
        setLevels(new Map(details.collections.map((s) => [s.id, levelOf(s)])));
        setChosen(new Set(users));
      })
      .catch((e: unknown) => live && setLoadError(areaError(e)));
    return () => {
      live = false;
    };
  }, [p.orgId, p.group.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (chosen === null || levels === null) return;
    if (!name.trim()) return setError("Give the group a name.");
    setBusy(true);
    setError(null);
    try {
      await membersApi.updateGroup(p.orgId, p.group, {
        name: name.trim(),
        users: [...chosen],
        collections: selectionsOf(levels),
      });
      p.onDone(`${name.trim()} was saved.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (m: MemberRow, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(m.id);
      else next.delete(m.id);
      return next;
    });

  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby="edit-group-title" noValidate>
      <h3 id="edit-group-title">Edit {p.group.name}</h3>
      <ErrorMessage error={loadError ?? choices.error} />
      <TextField label="Group's name" value={name} onInput={setName} autoComplete="off" error={placed.field("Name")} />
      {chosen === null || levels === null ? (
        loadError === null ? <Progress text="Loading the group…" /> : null
      ) : (
        <>
          <fieldset class="access-choice">
            <legend>Members ({chosen.size} chosen)</legend>
            <TextField label="Find members" type="search" value={list.query} onInput={list.setQuery} />
            {p.members === null ? <Progress text="Loading members…" /> : null}
            <div class="member-choice">
              {list.visible.map((m) => (
                <Checkbox key={m.id} label={memberName(m)} checked={chosen.has(m.id)} onChange={(on) => toggle(m, on)} />
              ))}
              {p.members !== null && list.total === 0 ? <p role="status">No member matches.</p> : null}
            </div>
            <Pager label="Group members" {...list} />
          </fieldset>
          <CollectionLevels
            legend="Access to collections"
            collections={choices.collections}
            levels={levels}
            onChange={setLevels}
          />
        </>
      )}
      <ErrorMessage error={placed.action} />
      <div class="actions">
        <Button type="submit" busy={busy} disabled={chosen === null || levels === null}>
          Save group
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
