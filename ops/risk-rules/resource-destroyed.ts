import { changeKind } from "../plan-json";
import { finding, type RiskRule } from "./rule";

/** Catch-all: any object Terraform destroys, whatever its type (replacements destroy the old object). */
export const resourceDestroyed: RiskRule = {
  id: "resource-destroyed",
  title: "Resources destroyed",
  check(changes) {
    return changes.flatMap((change) => {
      if (change.mode !== "managed") return [];
      const kind = changeKind(change.change.actions);
      if (kind === "delete") return [finding(resourceDestroyed, change, `${change.address} will be destroyed.`)];
      if (kind === "replace")
        return [finding(resourceDestroyed, change, `${change.address} will be destroyed and re-created with a new id.`)];
      return [];
    });
  },
};
