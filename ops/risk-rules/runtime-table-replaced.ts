import { isRetriesTableName } from "../../deployment/names";
import { attribute, changeKind } from "../plan-json";
import { finding, type RiskRule } from "./rule";

/** The runtime table holds in-flight retries that exist nowhere else; a new table starts empty. */
export const runtimeTableReplaced: RiskRule = {
  id: "runtime-table-replaced",
  title: "Runtime retries table replaced or deleted",
  check(changes) {
    return changes.flatMap((change) => {
      if (change.type !== "genesyscloud_architect_datatable") return [];
      const kind = changeKind(change.change.actions);
      if (kind !== "replace" && kind !== "delete") return [];
      const name = attribute(change.change.before, "name") ?? attribute(change.change.after, "name");
      if (typeof name !== "string" || !isRetriesTableName(name)) return [];
      const what = kind === "delete" ? "deleted" : "destroyed and re-created";
      return [
        finding(
          runtimeTableReplaced,
          change,
          `The runtime data table "${name}" will be ${what}: every in-flight retry stored in it is lost and those contacts are not re-queued.`,
        ),
      ];
    });
  },
};
