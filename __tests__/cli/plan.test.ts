import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDriftCli } from "../../cli/drift";
import { runPlanCli } from "../../cli/plan";
import { fakeSynthOutput } from "../ops/support/terraform-stacks";
import { recordingIo } from "../support/command-io";

const STACKS = ["preview-retries-a", "preview-retries-b", "preview-retries-c"];

/** A stand-in terraform: the first stack's plans are slow; it logs when each plan starts and ends, and init says where it runs. */
function slowFirstStackTerraform(): { env: NodeJS.ProcessEnv; log: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), "fake-terraform-"));
  const log = join(dir, "plans.log");
  const binary = join(dir, "terraform");
  writeFileSync(
    binary,
    [
      "#!/bin/sh",
      'stack=$(basename "${1#-chdir=}")',
      "shift",
      'case "$1" in',
      '  init) echo "init output of $stack";;',
      `  plan) echo "start $stack" >> "${log}"; [ "$stack" = "${STACKS[0]}" ] && sleep 1; echo "end $stack" >> "${log}";;`,
      `  show) [ "$2" = "-json" ] && echo '{"format_version":"1.2","resource_changes":[]}';;`,
      "esac",
      "exit 0",
    ].join("\n"),
  );
  chmodSync(binary, 0o755);
  return { env: { ...process.env, TERRAFORM_BINARY: binary }, log: () => readFileSync(log, "utf8").trim().split("\n") };
}

function threeStacks() {
  const synth = fakeSynthOutput(STACKS);
  for (const id of STACKS) synth.writeStack(id, { resource: { terraform_data: { x: { input: 1 } } } });
  return synth;
}

/** Where each stack's lines are in the output: [first, last] line numbers. */
function blocks(output: string): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  output.split("\n").forEach((line, number) => {
    const stack = STACKS.find((id) => line.includes(id));
    if (stack) spans.set(stack, [spans.get(stack)?.[0] ?? number, number]);
  });
  return spans;
}

describe.each([
  ["plan", runPlanCli],
  ["drift", runDriftCli],
])("npm run %s over several stacks", (_name, run) => {
  it("GIVEN --parallel 2 THEN a second stack starts before the slow first one ends, and each stack's output is one block in manifest order", async () => {
    const synth = threeStacks();
    const terraform = slowFirstStackTerraform();
    const io = recordingIo(terraform.env);
    await run(["--out-dir", synth.outDir, "--parallel", "2"], io);

    const log = terraform.log();
    expect(log.indexOf(`start ${STACKS[1]}`)).toBeLessThan(log.indexOf(`end ${STACKS[0]}`));
    const spans = blocks(io.written.err);
    expect([...spans.keys()]).toEqual(STACKS);
    const [a, b, c] = STACKS.map((id) => spans.get(id)!);
    expect(a[1]).toBeLessThan(b[0]);
    expect(b[1]).toBeLessThan(c[0]);
    expect(io.written.err).toContain(`init output of ${STACKS[0]}`);
  });

  it("GIVEN --parallel 1 THEN one stack after the other", async () => {
    const synth = threeStacks();
    const terraform = slowFirstStackTerraform();
    await run(["--out-dir", synth.outDir, "--parallel", "1"], recordingIo(terraform.env));
    expect(terraform.log().slice(0, 2)).toEqual([`start ${STACKS[0]}`, `end ${STACKS[0]}`]);
  });

  it("GIVEN --parallel 0 THEN one line naming the option, exit 2", async () => {
    const io = recordingIo();
    expect(await run(["--parallel", "0"], io)).toBe(2);
    expect(io.written.err).toMatch(/^error: option '--parallel <n>' argument '0' is invalid\. [^\n]*\n$/);
  });
});
