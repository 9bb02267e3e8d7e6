import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { buildDriftReport } from "../../ops/drift-report";
import { fakeRepository, runGithubScript, type FakeIssue } from "./support/github-script";
import { fixturePlan } from "./support/fixtures";

/** The github-script steps of the workflows, run as written against an in-memory repository. */

interface Step {
  name?: string;
  uses?: string;
  with?: { script?: string };
}

function script(file: string, job: string, stepName: string): string {
  const wf = parseYaml(readFileSync(resolve(__dirname, "../../.github/workflows", file), "utf8")) as {
    jobs: Record<string, { steps: Step[] }>;
  };
  const step = wf.jobs[job].steps.find((s) => s.name === stepName);
  if (!step?.with?.script) throw new Error(`${file}: no github-script step "${stepName}" in job ${job}`);
  return step.with.script;
}

const DRIFT_SCRIPT = script("drift.yml", "drift", "Open the drift issue, comment when the drift changes, close it when the drift clears");
const COMMENT_SCRIPT = script("pull-request.yml", "plan", "Post or update the plan comment");
const REVIEWED_SCRIPT = script("apply.yml", "plan", "Find the risks reviewed on the pull request");

const STACK = "preview-retries-prod";
const driftReport = (name = "Preview ended (edited in UI)") => {
  const plan = fixturePlan("genesys-drift.plan.json");
  const text = JSON.stringify(plan).replace("Preview ended (edited in UI)", name);
  return buildDriftReport([{ stack: STACK, status: "drift", plan: JSON.parse(text) as typeof plan }]).markdown;
};

function openIssue(body: string): FakeIssue {
  return { number: 7, title: `Drift detected: ${STACK}`, body, state: "open", labels: ["drift"], comments: [] };
}

async function runDrift(repo: ReturnType<typeof fakeRepository>, status: "0" | "3", report: string) {
  return runGithubScript(DRIFT_SCRIPT, { repo, env: { DRIFT_STATUS: status, STACK }, files: { "drift-report.md": report } });
}

describe("drift issue: notifies when the drift appears, changes or clears, and only then", () => {
  it("GIVEN no issue WHEN drift is found THEN an issue is opened with the report and its fingerprint", async () => {
    const repo = fakeRepository();
    await runDrift(repo, "3", driftReport());
    expect(repo.writes).toEqual(["create #1"]);
    expect(repo.issues[0].body).toContain("<!-- drift-fingerprint: ");
    expect(repo.issues[0].labels).toEqual(["drift"]);
  });

  it("GIVEN an open issue for the same drift WHEN the same drift is found again THEN nothing is posted", async () => {
    const repo = fakeRepository([openIssue(driftReport())]);
    await runDrift(repo, "3", driftReport());
    expect(repo.writes).toEqual([]);
  });

  it("GIVEN an open issue WHEN the drift changes THEN a new comment (which notifies) carries the new report, once", async () => {
    const repo = fakeRepository([openIssue(driftReport())]);
    await runDrift(repo, "3", driftReport("Renamed again"));
    expect(repo.writes).toEqual(["createComment #7"]);
    expect(repo.issues[0].comments[0].body).toContain("The drift changed");
    expect(repo.issues[0].comments[0].body).toContain("Renamed again");
    await runDrift(repo, "3", driftReport("Renamed again"));
    expect(repo.writes).toEqual(["createComment #7"]);
  });

  it("GIVEN an open issue WHEN the drift clears THEN it comments and closes the issue", async () => {
    const repo = fakeRepository([openIssue(driftReport())]);
    await runDrift(repo, "0", "## Drift report\n\nNo drift");
    expect(repo.writes).toEqual(["createComment #7", "update #7 closed"]);
    expect(repo.issues[0].comments[0].body).toContain("No drift any more");
  });
});

describe("reviewed risks: the pull-request comment carries the fingerprints the apply workflow checks", () => {
  const fingerprints = { [STACK]: "0123456789abcdef" };
  const prHead = "pr-head-sha";

  async function commentOnPullRequest(headSha: string) {
    const repo = fakeRepository([{ number: 5, title: "Change waitTime", body: "", state: "open", labels: [], comments: [] }]);
    await runGithubScript(COMMENT_SCRIPT, {
      repo,
      files: { "plan-comment.md": "## ⚠️ Terraform plan: risky changes", "risk-fingerprints.json": JSON.stringify(fingerprints) },
      context: { payload: { pull_request: { number: 5, head: { sha: headSha } } } },
    });
    return repo;
  }

  it("GIVEN the comment of the merged commit WHEN the apply plan job looks THEN it finds the reviewed fingerprints", async () => {
    const repo = await commentOnPullRequest(prHead);
    expect(repo.writes).toEqual(["createComment #5"]);
    repo.pullsByCommit["merge-sha"] = [{ number: 5, merged_at: "2026-11-26T00:00:00Z", head: { sha: prHead } }];
    const run = await runGithubScript(REVIEWED_SCRIPT, { repo, env: { STACK, ENVIRONMENT: "prod" } });
    expect(JSON.parse(run.files["reviewed-fingerprints.json"])).toEqual(fingerprints);
  });

  it("GIVEN a comment made for an older commit of the pull request THEN nothing counts as reviewed", async () => {
    const repo = await commentOnPullRequest("older-sha");
    repo.pullsByCommit["merge-sha"] = [{ number: 5, merged_at: "2026-11-26T00:00:00Z", head: { sha: prHead } }];
    const run = await runGithubScript(REVIEWED_SCRIPT, { repo, env: { STACK, ENVIRONMENT: "prod" } });
    expect(JSON.parse(run.files["reviewed-fingerprints.json"])).toEqual({});
    expect(run.log.join("\n")).toContain("not for its last commit pr-head-sha");
  });

  it("GIVEN a push without a pull request THEN nothing counts as reviewed; a fingerprint confirmed by hand counts for its environment only", async () => {
    const repo = fakeRepository();
    const none = await runGithubScript(REVIEWED_SCRIPT, { repo, env: { STACK, ENVIRONMENT: "prod" } });
    expect(JSON.parse(none.files["reviewed-fingerprints.json"])).toEqual({});
    const confirmed = { STACK, ENVIRONMENT: "prod", CONFIRM_FINGERPRINT: "feedfacefeedface", CONFIRM_ENVIRONMENT: "prod" };
    const hand = await runGithubScript(REVIEWED_SCRIPT, { repo, env: confirmed });
    expect(JSON.parse(hand.files["reviewed-fingerprints.json"])).toEqual({ [STACK]: "feedfacefeedface" });
    const other = await runGithubScript(REVIEWED_SCRIPT, { repo, env: { ...confirmed, ENVIRONMENT: "dev" } });
    expect(JSON.parse(other.files["reviewed-fingerprints.json"])).toEqual({});
  });

  it("the comment is updated in place on the next push, keeping one comment", async () => {
    const repo = await commentOnPullRequest(prHead);
    await runGithubScript(COMMENT_SCRIPT, {
      repo,
      files: { "plan-comment.md": "## ✅ Terraform plan: No risky changes.", "risk-fingerprints.json": "{}" },
      context: { payload: { pull_request: { number: 5, head: { sha: "next" } } } },
    });
    expect(repo.writes).toEqual(["createComment #5", "updateComment 1000"]);
    expect(repo.issues[0].comments).toHaveLength(1);
    expect(repo.issues[0].comments[0].body).toContain('"commit":"next"');
  });
});
