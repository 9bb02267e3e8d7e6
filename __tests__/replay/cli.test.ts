import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { environments } from "../../config/environments";
import { CONFIG_FILE_VARIABLE } from "../../config/load";
import { runReplayCli } from "../../cli/replay";
import { validateEnvironments } from "../../config/validate";
import { replay } from "../../replay/driver/replay";
import { readReplayEntries } from "../../replay/input/events";
import { readOrgSnapshot } from "../../replay/input/org-snapshot";
import { formatTimeline } from "../../replay/output/timeline";
import { recordingIo } from "../support/command-io";
import { scenarioFiles } from "./support/scenarios";

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = recordingIo(env);
  const code = await runReplayCli(args, io);
  return { code, ...io.written };
}

const sample = scenarioFiles("sample-user-end");
const temporary = (name: string, text: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "replay-cli-")), name);
  writeFileSync(file, text);
  return file;
};

describe("npm run replay", () => {
  it("prints the timeline of the sample user.end and exits 0", async () => {
    const result = await run(["--env", "example", "--events", sample.events, "--org", sample.org]);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain("v2.detail.events.conversation.f110e31a-0567-4ad4-bb60-ace2dc50946b.user.end");
    expect(result.out).toMatch(/POST \/api\/v2\/outbound\/contactlists\/[^/]+\/contacts\?priority=true/);
    expect(result.out).toContain("ended: Resubmitted");
  });

  it("prints exactly the sample replay the README and docs/replay.md show", async () => {
    const result = await run(["--env", "example", "--events", sample.events, "--org", sample.org]);
    for (const doc of ["README.md", "docs/replay.md"]) {
      const text = readFileSync(path.resolve(__dirname, "../..", doc), "utf8");
      const shown = /```\n(?:\$ npm run replay[^\n]*\n)?(environment example\n[\s\S]*?)\n(?:exit 0\n)?```/.exec(text)?.[1];
      expect(shown, `${doc} shows no sample replay`).toBeDefined();
      expect(result.out.trimEnd(), `${doc} is out of date: paste the output of the command again`).toBe(shown?.trimEnd());
    }
  });

  // Fixtures recorded with the replay before it streamed (it read the whole file and sorted it), with
  // phone-number keys, then the default: the example environment replays with that configuration.
  const fixtures = path.resolve(__dirname, "fixtures");
  const golden = (events: string, ...extra: string[]) =>
    run(
      ["--env", "example", "--events", path.join(fixtures, events), "--org", path.join(fixtures, "streaming-golden.org.json"), ...extra],
      {
        [CONFIG_FILE_VARIABLE]: temporary(
          "golden-phone-keys.json",
          JSON.stringify([{ ...environments[0], correlationKey: "phoneNumber" }]),
        ),
      },
    );
  const recorded = (name: string) => readFileSync(path.join(fixtures, name), "utf8");

  it("GIVEN 122 events with injected faults WHEN replayed THEN the timeline is exactly the one recorded before the streaming rewrite", async () => {
    const result = await golden("streaming-golden.jsonl");
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toBe(recorded("streaming-golden.timeline.txt"));
  });

  it("GIVEN the same events with lines up to 8 places out of time order WHEN replayed THEN the timeline is the one recorded for them", async () => {
    const result = await golden("streaming-golden-shuffled.jsonl");
    expect(result.code).toBe(0);
    expect(result.out).toBe(recorded("streaming-golden-shuffled.timeline.txt"));
  });

  it("GIVEN the same 122 events replayed in memory WHEN formatTimeline prints the result THEN it is the timeline the CLI printed", () => {
    const [environment] = validateEnvironments([{ ...environments[0], correlationKey: "phoneNumber" }]);
    const result = replay({
      environment,
      entries: readReplayEntries(path.join(fixtures, "streaming-golden.jsonl")),
      snapshot: readOrgSnapshot(path.join(fixtures, "streaming-golden.org.json")),
    });
    expect(formatTimeline(result)).toBe(recorded("streaming-golden.timeline.txt"));
  });

  it("GIVEN --summary THEN only the environment and the summary of the timeline are printed", async () => {
    const full = recorded("streaming-golden.timeline.txt");
    const result = await golden("streaming-golden.jsonl", "--summary");
    expect(result.code).toBe(0);
    expect(result.out).toBe(`environment example\n\n${full.slice(full.indexOf("\nsummary\n") + 1)}`);
  });

  it("exits 2 with the file and line of an invalid event", async () => {
    const events = temporary("bad.jsonl", `${readFileSync(sample.events, "utf8")}{"topicName": "v2.x", "eventBody": {}}\n`);
    const result = await run(["--env", "example", "--events", events]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${events}:3: eventBody.eventTime`);
    expect(result.out).toBe("");
  });

  it("exits 2 for an unknown environment, a missing option, an unknown fault target", async () => {
    expect((await run(["--env", "nope", "--events", sample.events])).code).toBe(2);
    expect((await run(["--events", sample.events])).code).toBe(2);
    const events = temporary("fault.jsonl", '{"fault": {"action": "no-such-action", "outcome": "timeout"}}\n');
    expect(await run(["--env", "example", "--events", events])).toMatchObject({ code: 2, err: expect.stringContaining("no-such-action") });
  });

  it("exits 1 when a workflow hits a flow error (with phone keys, callbackNumbers that is not an array)", async () => {
    const line = JSON.parse(readFileSync(sample.events, "utf8").split("\n")[1]);
    line.eventBody.callbackNumbers = "+15555551234";
    const phoneKeys = [{ ...environments[0], correlationKey: "phoneNumber" }];
    const result = await run(
      [
        "--env",
        "example",
        "--events",
        temporary("flow-error.jsonl", `${JSON.stringify(line)}\n`),
        "--org",
        scenarioFiles("sample-user-end", "sample-user-end.phone-keys").org,
      ],
      { [CONFIG_FILE_VARIABLE]: temporary("phone-keys.json", JSON.stringify(phoneKeys)) },
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain("UNEXPECTED: run #1");
    expect(result.out).toContain("ToJsonCollection");
  });
});
