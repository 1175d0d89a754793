// The members list narrowed by status and role, then by text, a page at a time. An org may have
// 5,000 members: the text index is built once per list (and per status/role choice), each
// keystroke only scans it, and only one page of rows is rendered.

import { useMemo, useState } from "preact/hooks";
import { usePagedFilter } from "../provider/paging";
import { MEMBER_STATUS_NAMES, MEMBER_TYPE_NAMES, type MemberRow } from "./api";

export const ALL = "all";

export const STATUS_FILTERS = [
  { value: ALL, label: "All statuses" },
  ...[0, 1, 2, -1].map((s) => ({ value: String(s), label: MEMBER_STATUS_NAMES[s] ?? String(s) })),
];

export const ROLE_FILTERS = [
  { value: ALL, label: "All roles" },
  ...[0, 1, 2, 4].map((t) => ({ value: String(t), label: MEMBER_TYPE_NAMES[t] ?? String(t) })),
];

export const memberName = (m: MemberRow) => m.name || m.email || m.id;

export function useMemberFilter(members: readonly MemberRow[] | null) {
  const [status, setStatus] = useState<string>(ALL);
  const [role, setRole] = useState<string>(ALL);
  const narrowed = useMemo(() => {
    if (members === null || (status === ALL && role === ALL)) return members;
    return members.filter(
      (m) => (status === ALL || String(m.status) === status) && (role === ALL || String(m.type) === role),
    );
  }, [members, status, role]);
  const list = usePagedFilter(narrowed, (m) => `${m.name ?? ""} ${m.email ?? ""}`);
  return {
    ...list,
    status,
    role,
    setStatus: (s: string) => {
      setStatus(s);
      list.setPage(0);
    },
    setRole: (r: string) => {
      setRole(r);
      list.setPage(0);
    },
  };
}
