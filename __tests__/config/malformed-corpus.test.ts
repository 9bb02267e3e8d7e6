import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadEnvironments } from "../../config/load";
import { ConfigError } from "../../config/validate";

/**
 * Malformed configurations as a user writes them, each rejected with one line per problem naming the
 * file, the environment and the field (or, for a file that is not a list of environments, the file
 * and where it breaks) — never a stack trace.
 */
const workdir = mkdtempSync(path.join(tmpdir(), "config-corpus-"));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

const VALID_ENVIRONMENT = {
  name: "prod",
  region: "eu-west-1",
  wrapupPolicies: [{ wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 }],
};

let fileCounter = 0;
function writeConfig(extension: string, content: string | Uint8Array): string {
  const file = path.join(workdir, `case-${fileCounter++}.${extension}`);
  writeFileSync(file, content);
  return file;
}

/** The problems of a configuration that must be rejected; anything but a ConfigError fails the test with its stack. */
function problemsOfFile(file: string): readonly string[] {
  try {
    loadEnvironments({ PREVIEW_RETRIES_CONFIG: file });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

function expectOneLineProblemsNaming(problems: readonly string[], file: string, ...fragments: string[]) {
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) {
    expect(problem.startsWith(file), problem).toBe(true);
    expect(problem).not.toMatch(/\n|\s+at \S+ \(/);
  }
  const text = problems.join("\n");
  for (const fragment of fragments) expect(text).toContain(fragment);
}

// ---------------------------------------------------------------- files that are not a list of environments
interface FileCase {
  readonly label: string;
  readonly extension: string;
  readonly content: string | Uint8Array;
  /** What the message says besides the file name (and line:column where the parser knows it). */
  readonly says: readonly string[];
}

const latin1 = (text: string) => Uint8Array.from(Buffer.from(text, "latin1"));
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...Buffer.from(part, "utf8")] : part)));

const FILE_CASES: readonly FileCase[] = [
  { label: "an empty JSON file", extension: "json", content: "", says: ["is empty"] },
  { label: "an empty YAML file", extension: "yaml", content: "", says: ["is empty"] },
  { label: "a YAML file of blank lines", extension: "yaml", content: "\n  \n\n", says: ["is empty"] },
  {
    label: "a YAML file holding only a comment",
    extension: "yaml",
    content: "# environments\n",
    says: ["top level: must be a list of environments", "found nothing"],
  },
  { label: "JSON with a trailing comma", extension: "json", content: '[{"name": "prod",}]', says: [":1:", "invalid JSON"] },
  { label: "JSON with a missing bracket", extension: "json", content: '[{"name": "prod"}', says: ["invalid JSON"] },
  { label: "JSON with single quotes", extension: "json", content: "[{'name': 'prod'}]", says: [":1:3", "invalid JSON"] },
  { label: "JSON with a comment", extension: "json", content: '[\n  // prod\n  {"name": "prod"}\n]', says: [":2:3", "invalid JSON"] },
  { label: "JSON with an unquoted key", extension: "json", content: "[{name: 1}]", says: [":1:3", "invalid JSON"] },
  {
    label: "JSON with a key twice",
    extension: "json",
    content: '[\n  {"name": "prod", "region": "eu-west-1",\n   "region": "us-east-1"}\n]',
    says: [":3:4: invalid JSON: the same key twice"],
  },
  { label: "YAML written in a .json file", extension: "json", content: "- name: prod\n", says: [":1:2", "invalid JSON"] },
  { label: "YAML with an unclosed quote", extension: "yaml", content: '- name: "prod\n  region: eu-west-1\n', says: ["invalid YAML"] },
  {
    label: "YAML with bad indentation",
    extension: "yaml",
    content: "- name: prod\n   region: eu-west-1\n  namePrefix: x\n",
    says: [":1:9", "invalid YAML"],
  },
  {
    label: "YAML with a duplicate key",
    extension: "yaml",
    content: "- name: prod\n  name: dev\n",
    says: [":2:3", "invalid YAML", "unique"],
  },
  { label: "YAML indented with a tab", extension: "yaml", content: "- name: prod\n\tregion: eu-west-1\n", says: [":2:", "invalid YAML"] },
  { label: "YAML with two documents", extension: "yaml", content: "- name: prod\n---\n- name: dev\n", says: ["invalid YAML"] },
  { label: "YAML with an unclosed flow list", extension: "yml", content: "[{name: prod}\n", says: ["invalid YAML"] },
  {
    label: "YAML whose top level is `environments:`",
    extension: "yaml",
    content: stringify({ environments: [VALID_ENVIRONMENT] }),
    says: ['found an object with key(s) "environments"', 'instead of "environments:"'],
  },
  {
    label: "JSON whose top level is an object",
    extension: "json",
    content: JSON.stringify({ environments: [VALID_ENVIRONMENT] }),
    says: ["top level: must be a list of environments"],
  },
  { label: "a JSON string", extension: "json", content: '"prod"', says: ["top level: must be a list of environments", "found a string"] },
  { label: "a YAML number", extension: "yaml", content: "42\n", says: ["top level", "found a number"] },
  { label: "YAML null", extension: "yaml", content: "~\n", says: ["top level", "found nothing"] },
  {
    label: "a Latin-1 JSON file",
    extension: "json",
    content: latin1('[{"name": "prod", "workflowDivisionName": "Réponse"}]'),
    says: ["is not valid UTF-8", `offset ${'[{"name": "prod", "workflowDivisionName": "R'.length}`],
  },
  {
    label: "a Latin-1 YAML file",
    extension: "yaml",
    content: latin1("- name: prod\n  workflowDivisionName: Réponse\n"),
    says: ["is not valid UTF-8", `offset ${"- name: prod\n  workflowDivisionName: R".length}`],
  },
  { label: "UTF-8 cut inside a character", extension: "yaml", content: bytes("- name: prod # ", [0xe2, 0x82]), says: ["offset 15"] },
  { label: "an overlong UTF-8 encoding", extension: "yaml", content: bytes("- name: ", [0xc0, 0xaf]), says: ["offset 8"] },
  { label: "an encoded surrogate", extension: "yaml", content: bytes("- name: ", [0xed, 0xa0, 0x80]), says: ["offset 8"] },
  {
    label: "a UTF-16 file",
    extension: "json",
    content: Uint8Array.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("[]", "utf16le")])),
    says: ["is not valid UTF-8", "offset 0"],
  },
  { label: "an empty list", extension: "json", content: "[]", says: ["environments: must define at least one environment"] },
];

describe("a config file that is not a list of environments", () => {
  it.each(FILE_CASES)("rejects $label naming the file", ({ extension, content, says }) => {
    const file = writeConfig(extension, content);
    expectOneLineProblemsNaming(problemsOfFile(file), file, ...says);
  });

  it("rejects a missing file naming it", () => {
    const file = path.join(workdir, "no-such-environments.yaml");
    expectOneLineProblemsNaming(problemsOfFile(file), file, "cannot read the configuration file (no such file)");
  });

  it("rejects a directory naming it", () => {
    const directory = path.join(workdir, "a-directory.yaml");
    mkdirSync(directory);
    expectOneLineProblemsNaming(problemsOfFile(directory), directory, "is a directory");
  });

  const asRoot = process.getuid?.() === 0;
  if (asRoot) console.info("malformed-corpus: the unreadable-file case runs only as a non-root user (root reads any file)");
  it.skipIf(asRoot)("rejects an unreadable file naming it", () => {
    const file = writeConfig("yaml", stringify([VALID_ENVIRONMENT]));
    chmodSync(file, 0o000);
    expectOneLineProblemsNaming(problemsOfFile(file), file, "permission denied");
  });
});

// ---------------------------------------------------------------- environments with a wrong field
/** One field of the valid environment replaced (undefined: removed), and the field path the message must name. */
type FieldCase = readonly [label: string, field: string, value: unknown, names: string];

const FIELD_CASES: readonly FieldCase[] = [
  ["name missing", "name", undefined, "(unnamed) (environments[0]): name: is required"],
  ["name empty", "name", "", "name: must start with a lowercase letter"],
  ["name upper case", "name", "Prod", 'environment "Prod" (environments[0]): name:'],
  ["name a number", "name", 3, "name: must be a string, found a number"],
  ["name too long", "name", "p".repeat(40), "name: must start"],
  ["region missing", "region", undefined, "region: must be one of"],
  ["region unknown", "region", "eu-west-9", "region: must be one of"],
  ["region a list", "region", ["eu-west-1"], "region: must be one of"],
  ["namePrefix with $", "namePrefix", "a${b}", "namePrefix: may hold at most 40"],
  ["namePrefix a number", "namePrefix", 5, "namePrefix: must be a string"],
  ["namePrefix too long", "namePrefix", "x".repeat(41), "namePrefix: may hold"],
  ["namePrefix with a newline", "namePrefix", "a\nb", "namePrefix: may hold"],
  ["divisionId a path", "divisionId", "../x", "divisionId: must be a Genesys object id"],
  ["divisionId a number", "divisionId", 12, "divisionId: must be a string"],
  ["backend a string", "backend", "local", "backend: must have a type of"],
  ["backend null", "backend", null, "backend: must have a type of"],
  ["backend type unknown", "backend", { type: "ftp" }, "backend.type: must have a type of"],
  [
    "local state outside the project",
    "backend",
    { type: "local", directory: "../state" },
    "backend.directory: must stay inside the project",
  ],
  ["local state at an absolute path", "backend", { type: "local", directory: "/var/state" }, "backend.directory: must be a path"],
  [
    "local state inside cdktf.out",
    "backend",
    { type: "local", directory: "cdktf.out/state" },
    "backend.directory: must not be inside cdktf.out",
  ],
  ["local state is cdktf.out", "backend", { type: "local", directory: "cdktf.out" }, "backend.directory: must not be inside cdktf.out"],
  ["local state with a dot part", "backend", { type: "local", directory: "state/./x" }, "backend.directory: must stay inside"],
  ["local state a number", "backend", { type: "local", directory: 7 }, "backend.directory: must be a string"],
  ["s3 without bucket", "backend", { type: "s3", region: "eu-west-1" }, "backend.bucket: is required for the s3 backend"],
  [
    "s3 bucket with ${",
    "backend",
    { type: "s3", bucket: "${var.bucket}", region: "eu-west-1" },
    "backend.bucket: must not contain '${' or '%{'",
  ],
  [
    "s3 region with %{",
    "backend",
    { type: "s3", bucket: "b", region: "%{if x}eu%{endif}" },
    "backend.region: must not contain '${' or '%{'",
  ],
  [
    "s3 bucket with a newline",
    "backend",
    { type: "s3", bucket: "b\nc", region: "eu-west-1" },
    "backend.bucket: must not contain line breaks",
  ],
  ["gcs bucket a number", "backend", { type: "gcs", bucket: 3 }, "backend.bucket: must be a string"],
  [
    "azurerm container with ${",
    "backend",
    { type: "azurerm", resourceGroupName: "g", storageAccountName: "s", containerName: "${c}" },
    "backend.containerName: must not contain",
  ],
  ["hcp hostname with ${", "backend", { type: "hcp", organization: "o", hostname: "${h}" }, "backend.hostname: must not contain"],
  ["hcp organization with %{", "backend", { type: "hcp", organization: "%{o}" }, "backend.organization: must not contain"],
  [
    "pg schema prefix upper case",
    "backend",
    { type: "pg", schemaPrefix: "Bad" },
    "backend.schemaPrefix: must be a lowercase SQL identifier",
  ],
  ["backend unknown field", "backend", { type: "local", path: "x" }, 'backend: unknown field(s) "path"'],
  ["wrapupPolicies missing", "wrapupPolicies", undefined, "wrapupPolicies: is required (a list)"],
  ["wrapupPolicies a string", "wrapupPolicies", "ININ-OUTBOUND-PREVIEW-SKIPPED", "wrapupPolicies: must be a list, found a string"],
  [
    "wrapupPolicies a mapping",
    "wrapupPolicies",
    { wrapupCode: "X", waitTimeSeconds: 60, maxAttempts: 1 },
    "wrapupPolicies: must be a list, found an object",
  ],
  ["wrapupPolicies null", "wrapupPolicies", null, "wrapupPolicies: must be a list, found null"],
  ["wrapupPolicies empty", "wrapupPolicies", [], "wrapupPolicies: must hold at least one policy"],
  ["a policy null", "wrapupPolicies", [null], "wrapupPolicies[0]: must be a mapping of fields, found null"],
  ["a policy a string", "wrapupPolicies", ["X"], "wrapupPolicies[0]: must be a mapping of fields, found a string"],
  ["a policy empty", "wrapupPolicies", [{}], "wrapupPolicies[0].wrapupCode: is required (a string)"],
  [
    "wrapupCode empty",
    "wrapupPolicies",
    [{ wrapupCode: "", waitTimeSeconds: 60, maxAttempts: 1 }],
    "wrapupPolicies[0].wrapupCode: must not be empty",
  ],
  [
    "wrapupCode a number",
    "wrapupPolicies",
    [{ wrapupCode: 5, waitTimeSeconds: 60, maxAttempts: 1 }],
    "wrapupPolicies[0].wrapupCode: must be a string, found a number",
  ],
  [
    "wrapupCode padded",
    "wrapupPolicies",
    [{ wrapupCode: " X", waitTimeSeconds: 60, maxAttempts: 1 }],
    "wrapupPolicies[0].wrapupCode: must not start or end with whitespace",
  ],
  [
    "wrapupCode too long",
    "wrapupPolicies",
    [{ wrapupCode: "X".repeat(257), waitTimeSeconds: 60, maxAttempts: 1 }],
    "wrapupPolicies[0].wrapupCode: must be at most 256",
  ],
  [
    "waitTimeSeconds a string",
    "wrapupPolicies",
    [{ wrapupCode: "X", waitTimeSeconds: "60", maxAttempts: 1 }],
    "wrapupPolicies[0].waitTimeSeconds: must be a number, found a string",
  ],
  [
    "waitTimeSeconds zero",
    "wrapupPolicies",
    [{ wrapupCode: "X", waitTimeSeconds: 0, maxAttempts: 1 }],
    "wrapupPolicies[0].waitTimeSeconds: must be greater than 0",
  ],
  [
    "waitTimeSeconds fractional",
    "wrapupPolicies",
    [{ wrapupCode: "X", waitTimeSeconds: 1.5, maxAttempts: 1 }],
    "wrapupPolicies[0].waitTimeSeconds: must be a whole number",
  ],
  [
    "waitTimeSeconds over 72 h",
    "wrapupPolicies",
    [{ wrapupCode: "X", waitTimeSeconds: 259201, maxAttempts: 1 }],
    "wrapupPolicies[0].waitTimeSeconds: must be at most 259200",
  ],
  [
    "maxAttempts zero",
    "wrapupPolicies",
    [{ wrapupCode: "X", waitTimeSeconds: 60, maxAttempts: 0 }],
    "wrapupPolicies[0].maxAttempts: must be at least 1",
  ],
  [
    "maxAttempts over 100",
    "wrapupPolicies",
    [{ wrapupCode: "X", waitTimeSeconds: 60, maxAttempts: 101 }],
    "wrapupPolicies[0].maxAttempts: must be at most 100",
  ],
  [
    "maxAttempts a string",
    "wrapupPolicies",
    [{ wrapupCode: "X", waitTimeSeconds: 60, maxAttempts: "3" }],
    "wrapupPolicies[0].maxAttempts: must be a number",
  ],
  [
    "a policy with a misspelt field",
    "wrapupPolicies",
    [{ wrapupCode: "X", waitTime: 60, maxAttempts: 1 }],
    'wrapupPolicies[0]: unknown field(s) "waitTime"',
  ],
  [
    "duplicate wrap-up codes",
    "wrapupPolicies",
    [
      { wrapupCode: "X", waitTimeSeconds: 60, maxAttempts: 1 },
      { wrapupCode: "X", waitTimeSeconds: 90, maxAttempts: 1 },
    ],
    "wrapupPolicies[1].wrapupCode: duplicate wrap-up code",
  ],
  ["correlationKey unknown", "correlationKey", "phone", 'correlationKey: must be one of "conversationId", "phoneNumber"'],
  ["correlationKey a number", "correlationKey", 1, "correlationKey: must be"],
  ["campaignIds a string", "campaignIds", "abc", "campaignIds: must be a list, found a string"],
  ["campaignIds with a path", "campaignIds", ["../x"], "campaignIds[0]: must be a Genesys object id"],
  ["campaignIds repeated", "campaignIds", ["a", "a"], "campaignIds: must not list the same campaign twice"],
  ["campaignIds numbers", "campaignIds", [1], "campaignIds[0]: must be a string, found a number"],
  ["queueIds a mapping", "queueIds", {}, "queueIds: must be a list, found an object"],
  ["queueIds null entry", "queueIds", [null], "queueIds[0]: must be a string, found null"],
  ["endTriggerDelaySeconds below 60", "endTriggerDelaySeconds", 30, "endTriggerDelaySeconds: must be between 60 and 900"],
  ["endTriggerDelaySeconds over 900", "endTriggerDelaySeconds", 1000, "endTriggerDelaySeconds: must be between 60 and 900"],
  ["endTriggerDelaySeconds a string", "endTriggerDelaySeconds", "60", "endTriggerDelaySeconds: must be a number"],
  ["endTriggerDelaySeconds fractional", "endTriggerDelaySeconds", 60.5, "endTriggerDelaySeconds: must be a whole number"],
  ["triggers null", "triggers", null, "triggers: must be a mapping of fields, found null"],
  ["triggers a string", "triggers", "on", "triggers: must be a mapping of fields, found a string"],
  ["triggers.enabled a string", "triggers", { enabled: "yes" }, "triggers.enabled: must be true or false"],
  ["triggers.accepted null", "triggers", { accepted: null }, "triggers.accepted: must be a mapping of fields"],
  [
    "accepted topic unknown",
    "triggers",
    { accepted: { topicName: "v2.users.{id}" } },
    "triggers.accepted.topicName: must be a topic whose event carries",
  ],
  [
    "matchCriteria empty",
    "triggers",
    { accepted: { matchCriteria: [] } },
    "triggers.accepted.matchCriteria: must hold at least one criterion",
  ],
  [
    "matchCriteria a string",
    "triggers",
    { accepted: { matchCriteria: "mediaType == CALLBACK" } },
    "triggers.accepted.matchCriteria: must be a list",
  ],
  [
    "matchCriteria null entry",
    "triggers",
    { accepted: { matchCriteria: [null] } },
    "triggers.accepted.matchCriteria[0]: must be a mapping of fields",
  ],
  [
    "criterion jsonPath empty",
    "triggers",
    { accepted: { matchCriteria: [{ jsonPath: "", operator: "Equal", value: 1 }] } },
    "matchCriteria[0].jsonPath: must not be empty",
  ],
  [
    "criterion operator unknown",
    "triggers",
    { accepted: { matchCriteria: [{ jsonPath: "a", operator: "Like", value: 1 }] } },
    "matchCriteria[0].operator: must be a trigger operator",
  ],
  [
    "criterion value and values",
    "triggers",
    { accepted: { matchCriteria: [{ jsonPath: "a", operator: "In", value: 1, values: [1] }] } },
    "matchCriteria[0]: must have either value or values",
  ],
  [
    "criterion neither value",
    "triggers",
    { accepted: { matchCriteria: [{ jsonPath: "a", operator: "Equal" }] } },
    "matchCriteria[0]: must have either value or values",
  ],
  [
    "criterion values with Equal",
    "triggers",
    { accepted: { matchCriteria: [{ jsonPath: "a", operator: "Equal", values: [1] }] } },
    "matchCriteria[0]: values is only for",
  ],
  [
    "criterion values a string",
    "triggers",
    { accepted: { matchCriteria: [{ jsonPath: "a", operator: "In", values: "x" }] } },
    "matchCriteria[0].values: must be a list",
  ],
  [
    "accepted dataFormat unknown",
    "triggers",
    { accepted: { dataFormat: "Xml" } },
    'triggers.accepted.dataFormat: must be one of "Json", "TopLevelPrimitives"',
  ],
  ["triggers unknown field", "triggers", { ended: {} }, 'triggers: unknown field(s) "ended"'],
  ["workflowDivisionName empty", "workflowDivisionName", "", "workflowDivisionName: must not be empty"],
  ["workflowDivisionName a number", "workflowDivisionName", 3, "workflowDivisionName: must be a string"],
  ["workflowDivisionName with a quote", "workflowDivisionName", 'Sales "EU"', "workflowDivisionName: must not contain '\"' or '\\'"],
  ["workflowDivisionName with a backslash", "workflowDivisionName", "Sales\\EU", "workflowDivisionName: must not contain '\"' or '\\'"],
  ["workflowDivisionName with a newline", "workflowDivisionName", "Sales\nEU", "workflowDivisionName: must not contain line breaks"],
  [
    "workflowDivisionName with a placeholder",
    "workflowDivisionName",
    "{{flow_name}}",
    "workflowDivisionName: must not contain '{{' or '}}'",
  ],
  ["workflowDivisionName with a tab", "workflowDivisionName", "Sales\tEU", "workflowDivisionName: must not contain line breaks, tabs"],
  [
    "workflowDivisionName with a YAML 1.1 line break",
    "workflowDivisionName",
    "Sales\u2028EU",
    "workflowDivisionName: must not contain line breaks",
  ],
  ["dataActions null", "dataActions", null, "dataActions: must be a mapping of fields, found null"],
  ["dataActions timeout zero", "dataActions", { timeoutSeconds: 0 }, "dataActions.timeoutSeconds: must be between 1 and 60"],
  ["dataActions timeout over 60", "dataActions", { timeoutSeconds: 61 }, "dataActions.timeoutSeconds: must be between 1 and 60"],
  [
    "existing integration id with a space",
    "dataActions",
    { existingIntegrationId: "a b" },
    "dataActions.existingIntegrationId: must be a Genesys object id",
  ],
  ["resubmit priority a string", "dataActions", { resubmit: { priority: "yes" } }, "dataActions.resubmit.priority: must be true or false"],
  ["resubmit null", "dataActions", { resubmit: null }, "dataActions.resubmit: must be a mapping of fields"],
  ["dataActions unknown field", "dataActions", { timeout: 5 }, 'dataActions: unknown field(s) "timeout"'],
  ["adopt null", "adopt", null, "adopt: must be a mapping of fields, found null"],
  ["adopt a string", "adopt", "all", "adopt: must be a mapping of fields, found a string"],
  [
    "adopted rows without their table",
    "adopt",
    { policyRowCodes: ["ININ-OUTBOUND-PREVIEW-SKIPPED"] },
    "adopt.policyRowCodes: needs adopt.policyTableId",
  ],
  [
    "adopted row not configured",
    "adopt",
    { policyTableId: "t", policyRowCodes: ["NOPE"] },
    'adopt.policyRowCodes[0]: "NOPE" is not a configured wrap-up code',
  ],
  ["adopted rows a string", "adopt", { policyTableId: "t", policyRowCodes: "NOPE" }, "adopt.policyRowCodes: must be a list"],
  [
    "adopted data action id with a space",
    "adopt",
    { dataActionIds: { "get-contact": "bad id" } },
    "adopt.dataActionIds.get-contact: must be a Genesys object id",
  ],
  ["adopted data actions a list", "adopt", { dataActionIds: ["x"] }, "adopt.dataActionIds: must be"],
  ["adopted flow id a number", "adopt", { flowIds: { accepted: 3 } }, "adopt.flowIds.accepted: must be a string"],
  ["adopted trigger unknown", "adopt", { triggerIds: { other: "x" } }, 'adopt.triggerIds: unknown field(s) "other"'],
  ["environment with a misspelt field", "wrapupPolicy", [], 'environment "prod" (environments[0]): unknown field(s) "wrapupPolicy"'],
];

function withField(field: string, value: unknown): Record<string, unknown> {
  const environment: Record<string, unknown> = { ...VALID_ENVIRONMENT };
  if (value === undefined) delete environment[field];
  else environment[field] = value;
  return environment;
}

describe("an environment with a wrong field", () => {
  it.each(FIELD_CASES.map((testCase, index) => [index % 2 === 0 ? "yaml" : "json", ...testCase] as const))(
    "(%s) rejects %s naming file, environment and field",
    (extension, _label, field, value, names) => {
      const environments = [withField(field, value)];
      const file = writeConfig(extension, extension === "json" ? JSON.stringify(environments) : stringify(environments));
      const problems = problemsOfFile(file);
      expectOneLineProblemsNaming(problems, file, "(environments[0])", names);
    },
  );

  it("rejects a list entry that is not an environment, naming its index", () => {
    const file = writeConfig("yaml", "- prod\n");
    expectOneLineProblemsNaming(
      problemsOfFile(file),
      file,
      "environment (unnamed) (environments[0]): must be a mapping of fields, found a string",
    );
  });

  it("rejects two environments of the same name, naming the second", () => {
    const file = writeConfig("json", JSON.stringify([VALID_ENVIRONMENT, VALID_ENVIRONMENT]));
    expectOneLineProblemsNaming(
      problemsOfFile(file),
      file,
      'environment "prod" (environments[1]): name: duplicate environment name "prod"',
    );
  });

  it("names the line and column of each problem in the file", () => {
    const file = writeConfig(
      "yaml",
      "- name: prod\n  region: eu-west-1\n  wrapupPolicies:\n    - wrapupCode: X\n      waitTimeSeconds: soon\n      maxAttempts: 3\n",
    );
    expect(problemsOfFile(file)).toEqual([
      `${file}:5:24: environment "prod" (environments[0]): wrapupPolicies[0].waitTimeSeconds: must be a number, found a string`,
    ]);
  });

  it("names the enclosing environment's position for a missing field", () => {
    const file = writeConfig("json", '[\n  {"name": "prod", "region": "eu-west-1"}\n]');
    expect(problemsOfFile(file)).toEqual([`${file}:2:3: environment "prod" (environments[0]): wrapupPolicies: is required (a list)`]);
  });

  it("reports every problem of a file, one line each", () => {
    const file = writeConfig(
      "yaml",
      stringify([{ name: "prod", region: "nowhere", wrapupPolicies: "X", backend: { type: "local", directory: "../s" } }]),
    );
    const problems = problemsOfFile(file);
    expect(problems).toHaveLength(3);
    expectOneLineProblemsNaming(problems, file, "region:", "wrapupPolicies:", "backend.directory:");
  });
});

describe("the corpus", () => {
  it("holds at least 90 malformed configurations", () => {
    expect(FILE_CASES.length + 3 + FIELD_CASES.length + 3).toBeGreaterThanOrEqual(90);
  });
});

describe("valid files with a UTF-8 byte order mark", () => {
  const BOM = "\ufeff";
  it.each([
    ["json", JSON.stringify([VALID_ENVIRONMENT])],
    ["yaml", stringify([VALID_ENVIRONMENT])],
  ])("accepts a %s file starting with a BOM", (extension, text) => {
    const file = writeConfig(extension, BOM + text);
    expect(loadEnvironments({ PREVIEW_RETRIES_CONFIG: file }).map((environment) => environment.name)).toEqual(["prod"]);
  });

  it("keeps non-ASCII text in a valid UTF-8 file", () => {
    const file = writeConfig("yaml", stringify([{ ...VALID_ENVIRONMENT, workflowDivisionName: "Réponse" }]));
    expect(loadEnvironments({ PREVIEW_RETRIES_CONFIG: file })[0].workflowDivisionName).toBe("Réponse");
  });
});
