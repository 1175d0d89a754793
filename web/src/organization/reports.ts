// The vault health reports, computed in the browser from the org's decrypted items: nothing
// about a password is sent anywhere. Each finding is an item's name and why it is listed.

import { estimateStrength } from "../account/strength";
import { isCommonPassword } from "./commonPasswords";
import { twoStepDomain } from "./twoStepSites";

/** What the reports read of one item, in clear. */
export interface ReportItem {
  id: string;
  name: string;
  username: string;
  password: string;
  uris: string[];
  hasTotp: boolean;
}

export interface Finding {
  id: string;
  name: string;
  why: string;
}

export interface HealthReports {
  weak: Finding[];
  reused: Finding[];
  exposed: Finding[];
  unsecured: Finding[];
  inactiveTwoStep: Finding[];
}

const byName = (a: Finding, b: Finding) => a.name.localeCompare(b.name);

/** Scores 0-2 of the estimator ("Very weak", "Weak", "Fair") count as weak, as upstream's report. */
export function weakPasswords(items: readonly ReportItem[]): Finding[] {
  const out: Finding[] = [];
  for (const it of items) {
    if (!it.password) continue;
    const s = estimateStrength(it.password, it.username ? [it.username] : []);
    if (s.score <= 2) out.push({ id: it.id, name: it.name, why: `${s.label} password` });
  }
  return out.sort(byName);
}

export function reusedPasswords(items: readonly ReportItem[]): Finding[] {
  const counts = new Map<string, number>();
  for (const it of items) if (it.password) counts.set(it.password, (counts.get(it.password) ?? 0) + 1);
  return items
    .filter((it) => it.password && (counts.get(it.password) ?? 0) > 1)
    .map((it) => ({ id: it.id, name: it.name, why: `Password used by ${counts.get(it.password)} items` }))
    .sort(byName);
}

export function exposedPasswords(items: readonly ReportItem[]): Finding[] {
  return items
    .filter((it) => it.password && isCommonPassword(it.password))
    .map((it) => ({ id: it.id, name: it.name, why: "Password is on the list of most common passwords" }))
    .sort(byName);
}

export function unsecuredWebsites(items: readonly ReportItem[]): Finding[] {
  const out: Finding[] = [];
  for (const it of items) {
    const plain = it.uris.filter((u) => /^http:\/\//i.test(u.trim()));
    if (plain.length) out.push({ id: it.id, name: it.name, why: `Not encrypted (http): ${plain.join(", ")}` });
  }
  return out.sort(byName);
}

export function inactiveTwoStep(items: readonly ReportItem[]): Finding[] {
  const out: Finding[] = [];
  for (const it of items) {
    if (it.hasTotp) continue;
    const domain = it.uris.map(twoStepDomain).find((d) => d !== null);
    if (domain) out.push({ id: it.id, name: it.name, why: `${domain} offers two-step login; the item has no authenticator key` });
  }
  return out.sort(byName);
}

export function healthReports(items: readonly ReportItem[]): HealthReports {
  return {
    weak: weakPasswords(items),
    reused: reusedPasswords(items),
    exposed: exposedPasswords(items),
    unsecured: unsecuredWebsites(items),
    inactiveTwoStep: inactiveTwoStep(items),
  };
}
