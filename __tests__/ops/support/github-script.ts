/**
 * Runs the `script:` of an actions/github-script step the way the action does (the body of an async
 * function given `require`, `github`, `context` and `core`), against an in-memory repository.
 */

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  comments: { id: number; body: string; user: { type: string } }[];
}

export interface FakeRepository {
  issues: FakeIssue[];
  /** Pull requests by the commit they were merged as. */
  pullsByCommit: Record<string, { number: number; merged_at: string | null; head: { sha: string } }[]>;
  /** Calls that change something, in order: "createComment #3", "update #3 closed", ... */
  writes: string[];
  workflowsEnabled: string[];
}

export function fakeRepository(issues: FakeIssue[] = []): FakeRepository {
  return { issues, pullsByCommit: {}, writes: [], workflowsEnabled: [] };
}

type Params = Record<string, unknown>;

function fakeGithub(repo: FakeRepository) {
  const issue = (number: unknown) => repo.issues.find((i) => i.number === number)!;
  let nextId = 1000;
  const rest = {
    issues: {
      listForRepo: (p: Params) => repo.issues.filter((i) => i.state === p.state && (!p.labels || i.labels.includes(String(p.labels)))),
      listComments: (p: Params) => issue(p.issue_number).comments,
      create: (p: Params) => {
        const number = repo.issues.length + 1;
        repo.issues.push({
          number,
          title: String(p.title),
          body: String(p.body),
          state: "open",
          labels: p.labels as string[],
          comments: [],
        });
        repo.writes.push(`create #${number}`);
      },
      createComment: (p: Params) => {
        issue(p.issue_number).comments.push({ id: nextId++, body: String(p.body), user: { type: "Bot" } });
        repo.writes.push(`createComment #${String(p.issue_number)}`);
      },
      updateComment: (p: Params) => {
        const comment = repo.issues.flatMap((i) => i.comments).find((c) => c.id === p.comment_id)!;
        comment.body = String(p.body);
        repo.writes.push(`updateComment ${String(p.comment_id)}`);
      },
      update: (p: Params) => {
        const target = issue(p.issue_number);
        if (p.state) target.state = p.state as "open" | "closed";
        if (p.body) target.body = String(p.body);
        repo.writes.push(`update #${String(p.issue_number)}${p.state ? ` ${String(p.state)}` : ""}${p.body ? " body" : ""}`);
      },
    },
    repos: {
      listPullRequestsAssociatedWithCommit: (p: Params) => ({ data: repo.pullsByCommit[String(p.commit_sha)] ?? [] }),
    },
    actions: {
      enableWorkflow: (p: Params) => void repo.workflowsEnabled.push(String(p.workflow_id)),
    },
  };
  return {
    rest,
    paginate: async <T>(method: (p: Params) => T[] | Promise<T[]>, params: Params) => method(params),
  };
}

export interface ScriptRun {
  readonly files: Record<string, string>;
  readonly log: string[];
}

/** Runs the script; `files` stands in for the runner's working directory (node:fs reads and writes). */
export async function runGithubScript(
  script: string,
  options: { repo: FakeRepository; env?: Record<string, string>; files?: Record<string, string>; context?: Record<string, unknown> },
): Promise<ScriptRun> {
  const files = { ...(options.files ?? {}) };
  const log: string[] = [];
  const fs = {
    readFileSync: (name: string) => {
      if (!(name in files)) throw new Error(`ENOENT: ${name}`);
      return files[name];
    },
    writeFileSync: (name: string, data: string) => void (files[name] = data),
  };
  const fakeRequire = (name: string) => {
    if (name === "node:fs" || name === "fs") return fs;
    throw new Error(`the script requires ${name}, which the test does not provide`);
  };
  const context = {
    repo: { owner: "team", repo: "retries" },
    serverUrl: "https://github.com",
    runId: 42,
    sha: "merge-sha",
    payload: {},
    ...options.context,
  };
  const core = {
    info: (m: string) => log.push(`info: ${m}`),
    notice: (m: string) => log.push(`notice: ${m}`),
    warning: (m: string) => log.push(`warning: ${m}`),
  };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<unknown>;
  const run = new AsyncFunction("require", "github", "context", "core", "process", script);
  await run(fakeRequire, fakeGithub(options.repo), context, core, { env: options.env ?? {} });
  return { files, log };
}
