import { FLOW_NAME_SUBSTITUTION } from "../../deployment/names";
import { attribute, changeKind, type JsonValue } from "../plan-json";
import { finding, type RiskRule } from "./rule";

/** The flow's name: the substitution that carries it into the Archy YAML, else the resource's `name`. */
function flowName(value: JsonValue | undefined): string | undefined {
  const substituted = attribute(attribute(value, "substitutions"), FLOW_NAME_SUBSTITUTION);
  if (typeof substituted === "string") return substituted;
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
