import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runInitEnvCli } from "../../cli/init-env";
import { loadEnvironments } from "../../config/load";
import { recordingIo } from "../support/command-io";

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const io = recordingIo(env);
  const status = await runInitEnvCli(argv, io);
  return { status, ...io.written };
}

const freshDir = () => mkdtempSync(path.join(tmpdir(), "init-env-"));
const EXISTING_YAML = `# yaml-language-server: $schema=./environments.schema.json
# Our orgs. Keep this comment.
- name: dev
  region: eu-west-1 # Dublin
  wrapupPolicies:
    - wrapupCode: ININ-OUTBOUND-PREVIEW-SKIPPED
      waitTimeSeconds: 240
      maxAttempts: 3
`;

describe("npm run init-env", () => {
  it("adds an environment to a YAML file, keeping its comments, and the result loads", async () => {
    const file = path.join(freshDir(), "environments.yaml");
    writeFileSync(file, EXISTING_YAML);

    const result = await run(["prod", "--region", "us-west-2", "--file", file, "--name-prefix", "prod_"]);

    expect(result.err).toBe("");
    expect(result.status).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith(EXISTING_YAML.trimEnd())).toBe(true);
    expect(text).toContain("# Our orgs. Keep this comment.");
    expect(text).toContain("region: eu-west-1 # Dublin");
    const environments = loadEnvironments({ PREVIEW_RETRIES_CONFIG: file });
    expect(environments.map((environment) => [environment.name, environment.region, environment.namePrefix])).toEqual([
      ["dev", "eu-west-1", ""],
      ["prod", "us-west-2", "prod_"],
    ]);
    expect(environments[1].wrapupPolicies).toEqual([{ wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 }]);
  });

  it("creates the file from PREVIEW_RETRIES_CONFIG when it does not exist, with the schema line for editors", async () => {
    const file = path.join(freshDir(), "orgs.yaml");
    const result = await run(["dev", "--region", "eu-west-1", "--wait-time", "600"], { PREVIEW_RETRIES_CONFIG: file });
    expect(result.status).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=.*config\/environments\.schema\.json$/);
    expect(loadEnvironments({ PREVIEW_RETRIES_CONFIG: file })[0].wrapupPolicies[0].waitTimeSeconds).toBe(600);
  });

  it("adds to a JSON file", async () => {
    const file = path.join(freshDir(), "environments.json");
    expect((await run(["dev", "--region", "eu-west-1", "--file", file])).status).toBe(0);
    expect((await run(["prod", "--region", "eu-west-2", "--file", file])).status).toBe(0);
    expect(loadEnvironments({ PREVIEW_RETRIES_CONFIG: file }).map((environment) => environment.name)).toEqual(["dev", "prod"]);
  });

  it("refuses a duplicate name and leaves the file as it was", async () => {
    const file = path.join(freshDir(), "environments.yaml");
    writeFileSync(file, EXISTING_YAML);
    const result = await run(["dev", "--region", "us-east-1", "--file", file]);
    expect(result.status).toBe(2);
    expect(result.err).toBe(`${file}: an environment named "dev" already exists; nothing was changed\n`);
    expect(readFileSync(file, "utf8")).toBe(EXISTING_YAML);
  });

  it("refuses a result that does not validate, naming file, environment and field, and writes nothing", async () => {
    const file = path.join(freshDir(), "environments.yaml");
    writeFileSync(file, EXISTING_YAML);
    const result = await run(["Prod", "--region", "us-east-1", "--file", file]);
    expect(result.status).toBe(2);
    expect(result.err).toContain(`${file}:9:9: environment "Prod" (environments[1]): name: must start with a lowercase letter`);
    expect(readFileSync(file, "utf8")).toBe(EXISTING_YAML);
    expect(readdirSync(path.dirname(file))).toEqual(["environments.yaml"]);
  });

  it("refuses a file that does not parse, naming it", async () => {
    const file = path.join(freshDir(), "environments.yaml");
    writeFileSync(file, "- name: dev\n  name: prod\n");
    const result = await run(["prod", "--region", "us-east-1", "--file", file]);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(new RegExp(`^  - ${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:2:3: invalid YAML`, "m"));
  });

  it.each([
    [["prod"], "required option '--region <region>' not specified"],
    [["prod", "--region", "mars-1"], "Allowed choices are"],
    [["prod", "--region", "us-east-1", "--colour", "red"], "unknown option '--colour'"],
    [
      ["prod", "--region", "us-east-1", "--wait-time", "soon"],
      "option '--wait-time <seconds>' argument 'soon' is invalid. expected a whole number",
    ],
    [["--region", "us-east-1"], "missing required argument 'name'"],
  ])("exits 2 on wrong usage %j with one line naming the problem", async (argv, message) => {
    const result = await run(argv, { PREVIEW_RETRIES_CONFIG: path.join(freshDir(), "x.yaml") });
    expect(result.status).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err.trimEnd().split("\n")).toHaveLength(1);
  });

  const asRoot = process.getuid?.() === 0;
  if (asRoot) console.info("init-env: the read-only folder case runs only as a non-root user (root writes anywhere)");
  it.skipIf(asRoot)("exits 1 naming the file when it cannot be written, and leaves no temporary file", async () => {
    const directory = path.join(freshDir(), "read-only");
    mkdirSync(directory);
    const file = path.join(directory, "environments.yaml");
    writeFileSync(file, EXISTING_YAML);
    chmodSync(directory, 0o500);
    const result = await run(["prod", "--region", "us-east-1", "--file", file]);
    chmodSync(directory, 0o700);
    expect(result.status).toBe(1);
    expect(result.err).toContain(`${file}: cannot write the config file`);
    expect(readdirSync(directory)).toEqual(["environments.yaml"]);
  });

  it("exits 1 naming the file when its folder does not exist", async () => {
    const file = path.join(freshDir(), "no-such-folder", "environments.yaml");
    const result = await run(["prod", "--region", "us-east-1", "--file", file]);
    expect(result.status).toBe(1);
    expect(result.err).toBe(`${file}: cannot write the config file (ENOENT)\n`);
  });

  it("prints its help and exits 0", async () => {
    const result = await run(["--help"]);
    expect(result.status).toBe(0);
    expect(result.out).toContain("--region <region>");
    expect(existsSync("environments.yaml")).toBe(false);
  });
});
