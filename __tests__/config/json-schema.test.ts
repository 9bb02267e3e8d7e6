import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { JSON_SCHEMA_FILE, environmentsJsonSchema } from "../../config/json-schema";
import { loadEnvironments } from "../../config/load";

const EXAMPLE_FILE = path.join(__dirname, "..", "..", "config", "example.environments.yaml");
const committedSchema = JSON.parse(readFileSync(JSON_SCHEMA_FILE, "utf8")) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true }).compile(committedSchema);
const exampleText = readFileSync(EXAMPLE_FILE, "utf8");

describe("config/environments.schema.json", () => {
  it("is what the zod schema generates today (run `npm run config:schema` after a schema change)", () => {
    expect(committedSchema).toEqual(environmentsJsonSchema());
  });

  it("validates the example YAML config, which the synth accepts too", () => {
    const valid = validate(parseYaml(exampleText));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(loadEnvironments({ PREVIEW_RETRIES_CONFIG: EXAMPLE_FILE }).map((environment) => environment.name)).toEqual(["example", "prod"]);
  });

  it("is named in the example's first line for yaml-language-server", () => {
    expect(exampleText.split("\n")[0]).toBe("# yaml-language-server: $schema=./environments.schema.json");
  });

  it.each([
    ["waitTimeSeconds: 240", 'waitTimeSeconds: "240"', "/0/wrapupPolicies/0/waitTimeSeconds", "must be integer"],
    ["region: us-east-1", "region: us-east-9", "/0/region", "must be equal to one of the allowed values"],
    ["namePrefix: example_", "namePrefix: example_\n  wrapupPolicy: []", "/0", "must NOT have additional properties"],
    [
      "  wrapupPolicies:\n    - wrapupCode: ININ-OUTBOUND-PREVIEW-SKIPPED\n      waitTimeSeconds: 240\n      maxAttempts: 3\n",
      "",
      "/0",
      "must have required property 'wrapupPolicies'",
    ],
  ])("rejects the example with %s changed, naming the field", (original, replacement, instancePath, message) => {
    expect(exampleText).toContain(original);
    const wrong = parseYaml(exampleText.replace(original, replacement));
    expect(validate(wrong)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath, message }));
  });
});
