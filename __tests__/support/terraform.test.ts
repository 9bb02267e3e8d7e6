import { describe, expect, it } from "vitest";
import { describeWithTerraform, terraformGate } from "./terraform";

const printed: unknown[][] = [];
const log = console.log;
console.log = (...args: unknown[]) => printed.push(args);
describeWithTerraform(
  "a suite that needs terraform",
  () => {
    it("never runs when skipped", () => {
      throw new Error("ran");
    });
  },
  "skip",
);
console.log = log;

describe("the terraform test gate", () => {
  const noTerraform = { PATH: "/nonexistent" };

  it("GIVEN no terraform on PATH and CI unset THEN terraform tests skip", () => {
    expect(terraformGate(noTerraform)).toBe("skip");
  });

  it("GIVEN no terraform on PATH and CI set THEN terraform tests fail", () => {
    expect(terraformGate({ ...noTerraform, CI: "true" })).toBe("fail");
  });

  it("GIVEN a skipped suite THEN exactly one line says which and how to run it", () => {
    expect(printed).toEqual([
      ['skipped "a suite that needs terraform": terraform is not on PATH (install terraform ≥ 1.10.0 to run them; CI fails without it)'],
    ]);
  });
});
