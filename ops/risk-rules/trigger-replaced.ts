import { attribute, changeKind } from "../plan-json";
import { finding, type RiskRule } from "./rule";

/** A new trigger (topic_name forces one) misses the events published while the old one is gone. */
export const triggerReplaced: RiskRule = {
  id: "trigger-replaced",
  title: "Trigger replaced",
  check(changes) {
    return changes.flatMap((change) => {
      if (change.type !== "genesyscloud_processautomation_trigger" || changeKind(change.change.actions) !== "replace") return [];
      const name = attribute(change.change.before, "name");
      const label = typeof name === "string" ? `"${name}"` : change.address;
      const topicBefore = attribute(change.change.before, "topic_name");
      const topicAfter = attribute(change.change.after, "topic_name");
      const topicChange =
        typeof topicBefore === "string" && typeof topicAfter === "string" && topicBefore !== topicAfter
          ? ` (topic ${topicBefore} → ${topicAfter})`
          : "";
      return [
        finding(
          triggerReplaced,
          change,
          `The trigger ${label} will be destroyed and re-created${topicChange}: events published between the two steps start no workflow.`,
        ),
      ];
    });
  },
};
