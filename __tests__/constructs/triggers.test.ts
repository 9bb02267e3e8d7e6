import { describe, expect, it } from "vitest";
import { ConfigError, validateEnvironments } from "../../config/validate";
import { resourcesOf, environmentInput, synthStack } from "../support/synth";

function problems(overrides: Parameters<typeof environmentInput>[0]): readonly string[] {
  try {
    validateEnvironments([environmentInput(overrides)]);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("trigger configuration", () => {
  it("GIVEN no trigger config THEN the defaults are enabled triggers, the outbound topic and Json", () => {
    const [environment] = validateEnvironments([environmentInput()]);
    expect(environment.triggers).toEqual({
      enabled: true,
      accepted: { topicName: "v2.detail.events.conversation.{id}.outbound", dataFormat: "Json" },
    });
  });

  it("GIVEN an accepted topic whose event has no dialer ids THEN the reason is named", () => {
    expect(problems({ triggers: { accepted: { topicName: "v2.detail.events.conversation.{id}.user.start" } } })).toEqual([
      'environment "test" (environments[0]): triggers.accepted.topicName: must be a topic whose event carries outboundContactId and outboundContactListId: v2.detail.events.conversation.{id}.outbound',
    ]);
  });

  it("GIVEN criteria with both value and values, or values on Equal, or none THEN each is refused with its reason", () => {
    expect(
      problems({
        triggers: {
          accepted: {
            matchCriteria: [
              { jsonPath: "mediaType", operator: "In", value: "CALLBACK", values: ["CALLBACK"] },
              { jsonPath: "mediaType", operator: "Equal", values: ["CALLBACK"] },
            ],
          },
        },
      }),
    ).toEqual([
      'environment "test" (environments[0]): triggers.accepted.matchCriteria[0]: must have either value or values (the API rejects both and neither)',
      'environment "test" (environments[0]): triggers.accepted.matchCriteria[1]: values is only for the In, NotIn and All operators (use value)',
    ]);
    expect(problems({ triggers: { accepted: { matchCriteria: [] } } })).toEqual([
      'environment "test" (environments[0]): triggers.accepted.matchCriteria: must hold at least one criterion (none would match every event)',
    ]);
  });

  it("GIVEN configured accepted criteria THEN the trigger carries them, keys sorted, plus the campaign scope", () => {
    const { json } = synthStack({
      campaignIds: ["camp-1"],
      triggers: { accepted: { matchCriteria: [{ operator: "In", jsonPath: "direction", values: ["OUTBOUND"] }] } },
    });
    const accepted = resourcesOf(json, "genesyscloud_processautomation_trigger").find(
      (trigger) => trigger.topic_name === "v2.detail.events.conversation.{id}.outbound",
    );
    expect(accepted?.match_criteria).toBe(
      '[{"jsonPath":"direction","operator":"In","values":["OUTBOUND"]},{"jsonPath":"outboundCampaignId","operator":"In","values":["camp-1"]}]',
    );
  });
});
