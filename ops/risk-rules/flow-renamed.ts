import { attribute, changeKind, type JsonValue } from "../plan-json";
import { finding, type RiskRule } from "./rule";

/** Substitution keys that carry a flow's name into its Archy YAML. */
export const FLOW_NAME_SUBSTITUTION_KEYS: readonly string[] = ["flow_name", "flowName", "name"];

function flowName(value: JsonValue | undefined): string | undefined {
  const substitutions = attribute(value, "substitutions");
  for (const key of FLOW_NAME_SUBSTITUTION_KEYS) {
    const substituted = attribute(substitutions, key);
    if (typeof substituted === "string") return substituted;
  }
  const name = attribute(value, "name");
  return typeof name === "string" ? name : undefined;
}

/** Architect creates a new flow under the new name; the old flow stays in the org, still published. */
export const flowRenamed: RiskRule = {
  id: "flow-renamed",
  title: "Flow renamed",
  check(changes) {
    return changes.flatMap((change) => {
      if (change.type !== "genesyscloud_flow") return [];
      const kind = changeKind(change.change.actions);
      if (kind !== "update" && kind !== "replace") return [];
      const before = flowName(change.change.before);
      const after = flowName(change.change.after);
      if (before === undefined || after === undefined || before === after) return [];
      return [
        finding(
          flowRenamed,
          change,
          `The flow "${before}" will be renamed to "${after}": Architect publishes a new flow and the old one stays in the org ` +
            "(delete it by hand once nothing references it).",
        ),
      ];
    });
  },
};
