// The organization's groups with how many members each has: created by name, then edited
// (name, members, access to collections) or deleted.

import { useMemo, useState } from "preact/hooks";
import { placeErrors } from "../app/forms";
import { Button, ErrorMessage, Notice, Progress, TextField } from "../app/ui";
import type { OrgAreaProps } from "./AdminConsole";
import { useAreaLoad } from "./errors";
import { type GroupRow, type MemberRow, orgApi } from "./api";
import { GroupEditor } from "./GroupEditor";
import "./members.css";

export function Groups(p: OrgAreaProps) {
  const [generation, setGeneration] = useState(0);
  const { data, error } = useAreaLoad<GroupRow[]>(() => orgApi.groups(p.id), [p.id, generation]);
  const [name, setName] = useState("");
  const [deleting, setDeleting] = useState<GroupRow | null>(null);
  const [editing, setEditing] = useState<GroupRow | null>(null);
  // Every member with the groups they are in: the counts, and the choice in the editor.
  const members = useAreaLoad<MemberRow[]>(() => orgApi.members(p.id), [p.id, generation]);
  const counts = useMemo(() => {
    const out = new Map<string, number>();
    for (const m of members.data ?? []) for (const g of m.groups ?? []) out.set(g, (out.get(g) ?? 0) + 1);
    return out;
  }, [members.data]);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const placed = placeErrors(actionError, ["Name"]);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      setNotice(await work());
      setGeneration((g) => g + 1);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const create = (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return setActionError("Give the group a name.");
    void act(async () => {
      await orgApi.createGroup(p.id, name.trim());
      setName("");
      return `${name.trim()} was created.`;
    });
  };

  return (
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading">Groups</h2>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorMessage error={error} />
      <form class="panel" onSubmit={create} aria-labelledby="new-group-title" noValidate>
        <h3 id="new-group-title">New group</h3>
        <TextField label="Group name" value={name} onInput={setName} autoComplete="off" error={placed.field("Name")} />
        <ErrorMessage error={placed.action} />
        <Button type="submit" busy={busy && !deleting}>
          Create group
        </Button>
      </form>
      {editing ? (
        <GroupEditor
          key={editing.id}
          orgId={p.id}
          orgKey={p.orgKey.key}
          group={editing}
          members={members.data}
          onDone={(message) => {
            setEditing(null);
            setNotice(message);
            setGeneration((g) => g + 1);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <div class="panel confirm" role="alertdialog" aria-labelledby="delete-group-title">
          <h3 id="delete-group-title">Delete {deleting.name}?</h3>
          <p>Its members keep the access they have of their own; what they had through the group ends.</p>
          <div class="actions">
            <Button
              kind="danger"
              busy={busy}
              onClick={() =>
                void act(async () => {
                  await orgApi.deleteGroup(p.id, deleting.id);
                  setDeleting(null);
                  return `${deleting.name} was deleted.`;
                })
              }
            >
              Delete group
            </Button>
            <Button kind="secondary" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {data === null && error === null ? <Progress text="Loading groups…" /> : null}
      {data !== null && data.length === 0 ? <p>This organization has no groups.</p> : null}
      {data !== null && data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Groups</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Members</th>
                <th scope="col">External id</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.name}</th>
                  <td>{members.data === null ? "…" : (counts.get(g.id) ?? 0)}</td>
                  <td>{g.externalId ?? "—"}</td>
                  <td class="row-actions">
                    <Button
                      kind="secondary"
                      aria-label={`Edit ${g.name}`}
                      onClick={() => {
                        setDeleting(null);
                        setNotice(null);
                        setEditing(g);
                      }}
                    >
                      Edit
                    </Button>
                    <Button kind="danger" aria-label={`Delete ${g.name}`} onClick={() => setDeleting(g)}>
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
