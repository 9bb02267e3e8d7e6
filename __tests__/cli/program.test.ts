import { describe, expect, it } from "vitest";
import { ExitCode, InputError, StepFailure } from "../../errors";
import { command, inParallel, runProgram } from "../../cli/program";
import { recordingIo } from "../support/command-io";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("inParallel (plan and drift over many stacks)", () => {
  it("GIVEN a limit of 2 THEN never more than 2 run at once, and results come in the items' order whatever finishes first", async () => {
    let running = 0;
    let most = 0;
    const handed: number[] = [];
    const results = await inParallel(
      [40, 5, 30, 1, 10],
      2,
      async (ms, index) => {
        running++;
        most = Math.max(most, running);
        await delay(ms);
        running--;
        return index;
      },
      (result) => handed.push(result),
    );
    expect(most).toBe(2);
    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(handed).toEqual([0, 1, 2, 3, 4]);
  });

  it("GIVEN more room than items THEN they all run at once", async () => {
    let running = 0;
    let most = 0;
    await inParallel([1, 2, 3], 4, async (ms) => {
      running++;
      most = Math.max(most, running);
      await delay(ms);
      running--;
    });
    expect(most).toBe(3);
  });

  it("GIVEN a failing item THEN the failure surfaces at its turn, after the results before it were handed on", async () => {
    const handed: number[] = [];
    const run = inParallel(
      [0, 1, 2],
      3,
      async (index) => {
        if (index === 1) throw new Error("boom");
        return index;
      },
      (result) => handed.push(result),
    );
    await expect(run).rejects.toThrow("boom");
    expect(handed).toEqual([0]);
  });
});

describe("runProgram: the one map from an error to the exit status", () => {
  const run = (error: unknown) => {
    const io = recordingIo();
    return runProgram(command("x", "test", io), [], io, () => {
      throw error;
    }).then((status) => ({ status, err: io.written.err }));
  };

  it("GIVEN a user's mistake THEN its message alone, exit 2", async () => {
    expect(await run(new InputError("plan.json", "not JSON"))).toEqual({ status: ExitCode.USAGE, err: "plan.json: not JSON\n" });
  });

  it("GIVEN a failed step THEN its message alone, exit 1", async () => {
    expect(await run(new StepFailure("terraform apply failed"))).toEqual({ status: ExitCode.FAILURE, err: "terraform apply failed\n" });
  });

  it("GIVEN a bug THEN exit 1 with the stack, to be reported", async () => {
    const result = await run(new TypeError("x is undefined"));
    expect(result.status).toBe(ExitCode.FAILURE);
    expect(result.err).toMatch(/^unexpected error: TypeError: x is undefined\n\s+at /);
  });
});
