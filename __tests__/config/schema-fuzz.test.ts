import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError, validateEnvironments } from "../../config/validate";
import { environmentInput } from "../support/synth";

/** Validation either accepts or throws ConfigError with one-line problems: never a TypeError from a refinement. */
function expectCleanOutcome(input: unknown) {
  try {
    validateEnvironments(input, "environments.yaml");
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) {
      expect(problem.startsWith("environments.yaml")).toBe(true);
      expect(problem).not.toContain("\n");
    }
  }
}

/** Every field path of an environment, at any depth the schema knows. */
const PATHS: readonly (readonly (string | number)[])[] = [
  [],
  ["name"],
  ["region"],
  ["divisionId"],
  ["namePrefix"],
  ["backend"],
  ["backend", "type"],
  ["backend", "directory"],
  ["wrapupPolicies"],
  ["wrapupPolicies", 0],
  ["wrapupPolicies", 0, "wrapupCode"],
  ["wrapupPolicies", 0, "waitTimeSeconds"],
  ["wrapupPolicies", 1],
  ["correlationKey"],
  ["campaignIds"],
  ["queueIds"],
  ["endTriggerDelaySeconds"],
  ["triggers"],
  ["triggers", "enabled"],
  ["triggers", "accepted"],
  ["triggers", "accepted", "topicName"],
  ["triggers", "accepted", "matchCriteria"],
  ["triggers", "accepted", "matchCriteria", 0],
  ["triggers", "accepted", "matchCriteria", 0, "values"],
  ["triggers", "accepted", "matchCriteria", 0, "operator"],
  ["workflowDivisionName"],
  ["dataActions"],
  ["dataActions", "resubmit"],
  ["adopt"],
  ["adopt", "policyTableId"],
  ["adopt", "policyRowCodes"],
  ["adopt", "dataActionIds"],
  ["adopt", "flowIds"],
];

function withValueAt(base: Record<string, unknown>, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const container = (Array.isArray(base) ? [...(base as unknown[])] : { ...base }) as Record<string | number, unknown>;
  const child = container[head];
  container[head] = withValueAt(typeof child === "object" && child !== null ? (child as Record<string, unknown>) : {}, rest, value);
  return container;
}

const BASE = {
  ...environmentInput({ name: "prod" }),
  backend: { type: "local" },
  triggers: { accepted: { matchCriteria: [{ jsonPath: "mediaType", operator: "In", values: ["CALLBACK"] }] } },
  adopt: { policyTableId: "t", policyRowCodes: ["ININ-OUTBOUND-PREVIEW-SKIPPED"] },
};

describe("validateEnvironments on any JSON value anywhere", () => {
  it("never throws anything but a ConfigError", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        expectCleanOutcome([withValueAt(BASE, path, value)]);
        expectCleanOutcome([withValueAt(BASE, path, value), BASE]);
      }),
      { numRuns: 1500 },
    );
  });

  it("never throws anything but a ConfigError for a whole file of any JSON", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), expectCleanOutcome), { numRuns: 500 });
  });
});
