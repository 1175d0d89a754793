// The Admin Console's smaller areas, each in its own file: groups, policies, the event log and
// the organization's settings.

import type { AreaPath, OrgAreaProps } from "./AdminConsole";
import { Groups } from "./Groups";
import { OrgEvents } from "./OrgEvents";
import { OrgSettings } from "./OrgSettings";
import { Policies } from "./Policies";

export function Overview(p: OrgAreaProps & { area: Exclude<AreaPath, "vault" | "members" | "collections"> }) {
  switch (p.area) {
    case "groups":
      return <Groups {...p} />;
    case "policies":
      return <Policies {...p} />;
    case "events":
      return <OrgEvents {...p} />;
    case "settings":
      return <OrgSettings {...p} />;
  }
}
