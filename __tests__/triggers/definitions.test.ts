import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { OutboundEvent, UserEndEvent } from "../../genesys/events";
import { goJsonMarshal, matchCriteriaText } from "../../genesys/process-automation";
import { matchesCriteria } from "../../replay/platform/trigger-matching";
import { acceptedTriggerDefinition, endTriggerDefinition } from "../../triggers/definitions";

/**
 * The production user.end event of a closed preview, published with the original design (fixtures/README.md
 * names the source; its userId is 7 hex digits in the first group, as published).
 */
const productionEvent = JSON.parse(
  readFileSync(path.join(__dirname, "..", "workflows", "fixtures", "user-end-preview-closed.json"), "utf8"),
) as UserEndEvent;

const QUEUE = "c67cc289-4471-4777-9e23-45e89c109d58";
const CAMPAIGN = "0f7c1f0e-3b52-4c8e-9a4c-7f1d2e3a4b5c";

const outboundPreview: OutboundEvent = {
  eventTime: 1769706700000,
  conversationId: "f110e31a-0567-4ad4-bb60-ace2dc50946b",
  mediaType: "CALLBACK",
  direction: "OUTBOUND",
  addressTo: "tel:+15555551234",
  outboundCampaignId: CAMPAIGN,
  outboundContactListId: "5a0c7f3e-1d2b-4c6a-8e9f-0a1b2c3d4e5f",
  outboundContactId: "crm-opportunity-4711",
};

describe("trigger criteria", () => {
  describe("GIVEN the end trigger without queue scope", () => {
    const definition = endTriggerDefinition({ delayBySeconds: 60 });

    it("THEN it listens to user.end, delivers Json and is delayed", () => {
      expect(definition).toMatchObject({
        topicName: "v2.detail.events.conversation.{id}.user.end",
        dataFormat: "Json",
        delayBySeconds: 60,
      });
    });

    it("THEN its criteria are exactly the original design's four", () => {
      expect(definition.matchCriteria).toEqual([
        { jsonPath: "disconnectType", operator: "Equal", value: "CLIENT" },
        { jsonPath: "mediaType", operator: "Equal", value: "CALLBACK" },
        { jsonPath: "provider", operator: "Equal", value: "PureCloud Callback" },
        { jsonPath: "direction", operator: "Equal", value: "OUTBOUND" },
      ]);
    });

    it("THEN the production sample of a closed preview matches", () => {
      expect(matchesCriteria(productionEvent, definition.matchCriteria)).toBe(true);
    });

    it.each<[string, Partial<UserEndEvent>]>([
      ["a chat", { mediaType: "CHAT" }],
      ["an inbound callback", { direction: "INBOUND" }],
      ["a callback ended by the customer's endpoint", { disconnectType: "ENDPOINT" }],
      ["a callback ended by a transfer", { disconnectType: "TRANSFER" }],
      ["a callback of another provider", { provider: "Edge" }],
    ])("THEN %s does not match", (_, change) => {
      expect(matchesCriteria({ ...productionEvent, ...change }, definition.matchCriteria)).toBe(false);
    });

    it("THEN an event without disconnectType does not match", () => {
      const { disconnectType: _omitted, ...withoutDisconnectType } = productionEvent;
      expect(_omitted).toBe("CLIENT");
      expect(matchesCriteria(withoutDisconnectType, definition.matchCriteria)).toBe(false);
    });
  });

  describe("GIVEN the end trigger scoped to queues", () => {
    const definition = endTriggerDefinition({ delayBySeconds: 120, queueIds: [QUEUE, "another-queue"] });

    it("THEN a callback ending in a listed queue matches and one in another queue does not", () => {
      expect(matchesCriteria(productionEvent, definition.matchCriteria)).toBe(true);
      expect(matchesCriteria({ ...productionEvent, queueId: "unlisted" }, definition.matchCriteria)).toBe(false);
    });

    it("THEN the scope is an In criterion with values, after the four", () => {
      expect(definition.matchCriteria.at(-1)).toEqual({ jsonPath: "queueId", operator: "In", values: [QUEUE, "another-queue"] });
      expect(definition.matchCriteria).toHaveLength(5);
    });
  });

  describe("GIVEN the accepted trigger", () => {
    it("THEN by default it listens to the outbound topic for callback-media (preview) conversations", () => {
      const definition = acceptedTriggerDefinition({ dataFormat: "Json" });
      expect(definition.topicName).toBe("v2.detail.events.conversation.{id}.outbound");
      expect(matchesCriteria(outboundPreview, definition.matchCriteria)).toBe(true);
      expect(matchesCriteria({ ...outboundPreview, mediaType: "VOICE" }, definition.matchCriteria)).toBe(false);
    });

    it("THEN with campaigns it only matches previews of those campaigns", () => {
      const definition = acceptedTriggerDefinition({ dataFormat: "Json", campaignIds: [CAMPAIGN] });
      expect(matchesCriteria(outboundPreview, definition.matchCriteria)).toBe(true);
      expect(matchesCriteria({ ...outboundPreview, outboundCampaignId: "other" }, definition.matchCriteria)).toBe(false);
    });

    it("THEN configured criteria replace the default and the campaign scope is still added", () => {
      const definition = acceptedTriggerDefinition({
        dataFormat: "TopLevelPrimitives",
        campaignIds: [CAMPAIGN],
        matchCriteria: [{ jsonPath: "direction", operator: "Equal", value: "OUTBOUND" }],
      });
      expect(definition.matchCriteria.map((criterion) => criterion.jsonPath)).toEqual(["direction", "outboundCampaignId"]);
      expect(matchesCriteria({ ...outboundPreview, mediaType: "VOICE" }, definition.matchCriteria)).toBe(true);
    });
  });

  describe("GIVEN the provider's read-back form of match_criteria (Go encoding/json of maps)", () => {
    it("THEN the text is compact with keys sorted, whatever order the criterion was written in", () => {
      const text = matchCriteriaText([{ value: "CLIENT", operator: "Equal", jsonPath: "disconnectType" } as never]);
      expect(text).toBe('[{"jsonPath":"disconnectType","operator":"Equal","value":"CLIENT"}]');
    });

    it("THEN values arrays stay in order and only the given key of value/values appears", () => {
      expect(matchCriteriaText([{ jsonPath: "queueId", operator: "In", values: ["b", "a"] }])).toBe(
        '[{"jsonPath":"queueId","operator":"In","values":["b","a"]}]',
      );
    });

    it("THEN <, > and & are escaped as Go does, and other characters are kept", () => {
      expect(goJsonMarshal("a<b>&c é \u2028")).toBe('"a\\u003cb\\u003e\\u0026c é \\u2028"');
      expect(goJsonMarshal('tab\tquote"back\\slash\u0001')).toBe('"tab\\tquote\\"back\\\\slash\\u0001"');
    });

    it("THEN nested objects are key-sorted by bytes and numbers keep their JSON form", () => {
      expect(goJsonMarshal({ b: 1, a: { z: true, Z: null }, é: 2.5 })).toBe('{"a":{"Z":null,"z":true},"b":1,"é":2.5}');
    });

    it("THEN the text parses back to the same criteria (it is JSON the API accepts)", () => {
      const criteria = endTriggerDefinition({ delayBySeconds: 60, queueIds: [QUEUE] }).matchCriteria;
      expect(JSON.parse(matchCriteriaText(criteria))).toEqual(criteria);
    });
  });
});
