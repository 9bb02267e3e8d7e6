import { attribute, changeKind } from "../plan-json";
import { finding, type RiskRule } from "./rule";

/** Contract changes force a new action: it gets a new id and every flow that calls it is re-published. */
export const dataActionReplaced: RiskRule = {
  id: "data-action-replaced",
  title: "Data action replaced",
  check(changes) {
    return changes.flatMap((change) => {
      if (change.type !== "genesyscloud_integration_action" || changeKind(change.change.actions) !== "replace") return [];
      const name = attribute(change.change.before, "name");
      const label = typeof name === "string" ? `"${name}"` : change.address;
      const cause = change.change.replace_paths?.map((path) => path.join(".")).join(", ");
      return [
        finding(
          dataActionReplaced,
          change,
          `The data action ${label} will be replaced${cause ? ` (because of ${cause})` : ""}: it gets a new id, the flows that call it are ` +
            "re-published, and executions running during the apply can fail.",
        ),
      ];
    });
  },
};
