import { spawn } from "node:child_process";
import { terraformEnvironmentFor } from "../twin/environment";

export interface TerraformResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TerraformOptions {
  /** The stack's working directory (cdktf.out/stacks/<stackId>). */
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Stream terraform's output to this process's stderr as it runs (for humans and CI logs). */
  readonly echo?: boolean;
}

/** The terraform binary: $TERRAFORM_BINARY, else `terraform` on PATH. */
export function terraformBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.TERRAFORM_BINARY ?? "terraform";
}

/**
 * Runs terraform non-interactively. Resolves with its exit code (never rejects for a non-zero
 * one: -detailed-exitcode uses 2 for "changes"); rejects only when the binary cannot start.
 */
export function runTerraform(args: readonly string[], options: TerraformOptions): Promise<TerraformResult> {
  // With PREVIEW_RETRIES_TWIN set, terraform uses the twin's stand-in provider (twin/environment.ts).
  const env = {
    ...terraformEnvironmentFor(options.env ?? process.env, options.cwd),
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
  };
  return new Promise((resolve, reject) => {
    const child = spawn(terraformBinary(env), ["-chdir=" + options.cwd, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      stdout.push(chunk);
      if (options.echo) process.stderr.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr.push(chunk);
      if (options.echo) process.stderr.write(chunk);
    });
    child.on("error", (error) => reject(new Error(`cannot run ${terraformBinary(env)}: ${error.message}`)));
    child.on("close", (code, signal) =>
      resolve({
        exitCode: code ?? (signal ? 1 : 0),
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
  });
}

/** A terraform command that failed, with its output for the report. */
export class TerraformError extends Error {
  constructor(
    readonly command: string,
    readonly result: TerraformResult,
  ) {
    super(`terraform ${command} failed with exit code ${result.exitCode}\n${result.stderr.trim() || result.stdout.trim()}`);
    this.name = "TerraformError";
  }
}

/** Runs terraform and throws TerraformError unless the exit code is one of `okExitCodes`. */
export async function terraformOrThrow(
  args: readonly string[],
  options: TerraformOptions,
  okExitCodes: readonly number[] = [0],
): Promise<TerraformResult> {
  const result = await runTerraform(args, options);
  if (!okExitCodes.includes(result.exitCode)) throw new TerraformError(args[0], result);
  return result;
}
