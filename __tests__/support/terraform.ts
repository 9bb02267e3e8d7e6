/**
 * Tests that run the real terraform binary. They run when terraform is on PATH; without it they
 * fail when CI is set (CI must run them) and otherwise skip, saying so in one printed line.
 */
import { execFileSync } from "node:child_process";
import { describe, it } from "vitest";
import { MINIMUM_TERRAFORM_VERSION } from "../../tools/doctor";

export type TerraformGate = "run" | "fail" | "skip";

/** What to do with terraform tests in this environment. */
export function terraformGate(env: NodeJS.ProcessEnv = process.env): TerraformGate {
  try {
    execFileSync("terraform", ["version"], { env: { ...env, CHECKPOINT_DISABLE: "1" }, stdio: "ignore", timeout: 20_000 });
    return "run";
  } catch {
    return env.CI ? "fail" : "skip";
  }
}

const MISSING = `terraform is not on PATH (install terraform ≥ ${MINIMUM_TERRAFORM_VERSION} to run them; CI fails without it)`;

/** `describe` for a suite that needs terraform. */
export function describeWithTerraform(name: string, suite: () => void, gate: TerraformGate = terraformGate()): void {
  if (gate === "run") {
    describe(name, suite);
  } else if (gate === "fail") {
    describe(name, () => {
      it("needs terraform", () => {
        throw new Error(`${MISSING}, and CI is set`);
      });
    });
  } else {
    console.log(`skipped "${name}": ${MISSING}`);
    describe.skip(name, suite);
  }
}
