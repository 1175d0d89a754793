// What an organization's events say, as the verb of a sentence ("<who> <verb> …"): the
// Admin Console's event log and the Provider Portal's (which shows its staff's actions in
// client organizations) word them alike.

export const ORG_EVENT_TEXT: Record<number, string> = {
  1000: "signed in",
  1100: "created an item",
  1101: "changed an item",
  1102: "deleted an item for good",
  1105: "moved an item into the organization",
  1106: "changed an item's collections",
  1107: "viewed an item",
  1115: "moved an item to the trash",
  1116: "restored an item",
  1300: "created a collection",
  1301: "changed a collection",
  1302: "deleted a collection",
  1400: "created a group",
  1401: "changed a group",
  1402: "deleted a group",
  1500: "invited",
  1501: "confirmed",
  1502: "changed",
  1503: "removed",
  1504: "changed the groups of",
  1511: "revoked",
  1512: "restored",
  1516: "left",
  1600: "changed the organization's settings",
  1601: "purged the organization's vault",
  1602: "exported the organization's vault",
  1603: "opened the organization's vault",
  1700: "changed a policy",
};
