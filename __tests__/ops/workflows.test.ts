import { validateWorkflow } from "@action-validator/core";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

const WORKFLOWS_DIR = resolve(__dirname, "../../.github/workflows");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  "runs-on"?: string;
  needs?: string | string[];
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

function source(file: string): string {
  return readFileSync(join(WORKFLOWS_DIR, file), "utf8");
}

function workflow(file: string): Workflow {
  return parseYaml(source(file)) as Workflow;
}

const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps);
const runs = (job: Job) => job.steps.flatMap((step) => (step.run ? [step.run] : []));
const FILES = ["pull-request.yml", "apply.yml", "drift.yml"];

describe("GitHub Actions workflows", () => {
  it("are exactly the three expected files", () => {
    expect(readdirSync(WORKFLOWS_DIR).sort()).toEqual([...FILES].sort());
  });

  it.each(FILES)("%s passes action-validator", (file) => {
    expect(validateWorkflow(source(file)).errors).toEqual([]);
  });

  it.each(FILES)("a broken copy of %s fails action-validator (the check can fail)", (file) => {
    const withoutRunsOn = source(file).replace(/^ {4}runs-on: ubuntu-latest\n/m, "");
    expect(withoutRunsOn).not.toBe(source(file));
    expect(validateWorkflow(withoutRunsOn).errors).not.toEqual([]);
    expect(
      validateWorkflow(source(file).replace("permissions:\n  contents: read", "permissions:\n  contents: sometimes")).errors,
    ).not.toEqual([]);
  });

  it.each(FILES)("%s pins every action to a major version and reads only, unless a job needs more", (file) => {
    const wf = workflow(file);
    for (const step of steps(wf)) if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
    expect(wf.permissions).toEqual({ contents: "read" });
    for (const step of steps(wf).filter((s) => s.uses?.startsWith("hashicorp/setup-terraform@"))) {
      expect(step.with?.terraform_wrapper).toBe(false);
    }
  });

  it("pull requests: test, synth, plan with the repository's read-only client, one comment updated by its marker", () => {
    const wf = workflow("pull-request.yml");
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(runs(wf.jobs.test)).toEqual(expect.arrayContaining(["npm ci", "npm test"]));
    const plan = wf.jobs.plan;
    expect(plan.needs).toBe("test");
    expect(plan.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(runs(plan).indexOf("npm run synth")).toBeLessThan(runs(plan).findIndex((run) => run.includes("npm run --silent plan")));
    const planStep = plan.steps.find((step) => step.run?.includes("npm run --silent plan"))!;
    expect(planStep.env).toEqual({
      GENESYSCLOUD_OAUTHCLIENT_ID: "${{ secrets.GENESYSCLOUD_OAUTHCLIENT_ID }}",
      GENESYSCLOUD_OAUTHCLIENT_SECRET: "${{ secrets.GENESYSCLOUD_OAUTHCLIENT_SECRET }}",
    });
    const comment = plan.steps.find((step) => step.uses?.startsWith("actions/github-script@"))!;
    const script = String(comment.with?.script);
    expect(script).toContain("<!-- preview-retries-plan-report -->");
    expect(script).toContain("updateComment");
    expect(script).toContain("createComment");
  });

  it("push to main: one protected environment per job, applying the plan made after synth in that job", () => {
    const wf = workflow("apply.yml");
    expect(wf.on.push).toEqual({ branches: ["main"] });
    const apply = wf.jobs.apply;
    expect(apply.environment).toBe("${{ matrix.environment }}");
    expect(apply.if).toBe("github.ref == 'refs/heads/main'");
    const commands = runs(apply);
    const synth = commands.indexOf("npm run synth");
    const plan = commands.findIndex((run) => run.includes('npm run --silent plan -- --stack "${{ matrix.stack }}"'));
    const applyRun = commands.indexOf('npm run apply -- --stack "${{ matrix.stack }}"');
    expect(synth).toBeGreaterThanOrEqual(0);
    expect(synth < plan && plan < applyRun).toBe(true);
  });

  it("schedule: drift per environment, an issue opened or updated when drift is found", () => {
    const wf = workflow("drift.yml");
    expect(wf.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \S+ \S+ \S+$/) }]);
    const drift = wf.jobs.drift;
    expect(drift.permissions).toEqual({ contents: "read", issues: "write" });
    expect(runs(drift).some((run) => run.includes('npm run --silent drift -- --stack "${{ matrix.stack }}"'))).toBe(true);
    const script = String(drift.steps.find((step) => step.uses?.startsWith("actions/github-script@"))!.with?.script);
    expect(script).toContain("issues.create");
    expect(script).toContain("issues.update");
  });

  it("the environment matrix comes from the configured environments and their stack ids", () => {
    const result = spawnSync(
      process.execPath,
      [require.resolve("ts-node/dist/bin.js"), "--transpile-only", resolve(__dirname, "../../ops/cli/list-stacks.ts")],
      {
        encoding: "utf8",
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const entries = JSON.parse(result.stdout) as { environment: string; stack: string }[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.stack).toBe(`preview-retries-${entry.environment}`);
  });
});
