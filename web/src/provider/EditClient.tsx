// A client's name and assigned seats. Service Users may change them within the provider's
// seat minimum; buying more is for Provider Admins (the server says so when it refuses).

import { useState } from "preact/hooks";
import { placeErrors } from "../app/forms";
import { Button, ErrorMessage, TextField } from "../app/ui";
import { type ClientRow, providerApi } from "./api";

export function EditClient(p: {
  providerId: string;
  client: ClientRow;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(p.client.organizationName);
  const [seats, setSeats] = useState(String(p.client.seats ?? 0));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const placed = placeErrors(error, ["Name", "AssignedSeats"]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const assignedSeats = Number.parseInt(seats, 10);
    if (!Number.isInteger(assignedSeats) || assignedSeats < 0) {
      return setError("Seats cannot be negative.");
    }
    setBusy(true);
    try {
      await providerApi.updateClient(p.providerId, p.client.id, { name: name.trim(), assignedSeats });
      p.onDone(`${name.trim()} was saved.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby="edit-client-title" noValidate>
      <h3 id="edit-client-title">Edit {p.client.organizationName}</h3>
      <TextField label="Client name" value={name} onInput={setName} maxLength={50} required error={placed.field("Name")} />
      <TextField
        label="Assigned seats"
        type="number"
        inputMode="numeric"
        min={0}
        value={seats}
        onInput={setSeats}
        error={placed.field("AssignedSeats")}
        hint={`${p.client.occupiedSeats} in use.`}
      />
      <ErrorMessage error={placed.action} />
      <div class="actions">
        <Button type="submit" busy={busy}>
          Save
        </Button>
        <Button kind="secondary" onClick={p.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
