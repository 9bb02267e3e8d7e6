import * as path from "node:path";
import type { DialerContact } from "../../../replay/platform/org";
import { readOrgSnapshot } from "../../../replay/input/org-snapshot";
import { readReplayEntries } from "../../../replay/input/events";
import { replay, type ReplayOptions, type ReplayResult, type RunReport } from "../../../replay/driver/replay";

export const SCENARIOS = path.join(__dirname, "..", "scenarios");

export const scenarioFiles = (name: string, orgName: string = name) => ({
  events: path.join(SCENARIOS, `${name}.jsonl`),
  org: path.join(SCENARIOS, `${orgName}.org.json`),
});

/** Replays a scenario's events against its org snapshot (`<orgName>.org.json`, by default the scenario's own). */
export function replayScenario(name: string, environment: ReplayOptions["environment"], orgName: string = name): ReplayResult {
  const files = scenarioFiles(name, orgName);
  return replay({ environment, entries: readReplayEntries(files.events), snapshot: readOrgSnapshot(files.org) });
}

/** The contacts of a scenario as its snapshot holds them before the replay. */
export function originalContacts(name: string): DialerContact[] {
  return Object.values(readOrgSnapshot(scenarioFiles(name).org).contactLists ?? {}).flat();
}

export const exitReasons = (result: ReplayResult, trigger: RunReport["trigger"]): string[] =>
  result.runs
    .filter((run) => run.trigger === trigger)
    .map((run) => (run.outcome?.kind === "ended" ? run.outcome.exitReason : `(${run.outcome?.kind ?? "unfinished"})`));

export const dataActionCalls = (result: ReplayResult) =>
  result.runs.flatMap((run) => run.steps.flatMap((step) => (step.call ? [step.call] : [])));
