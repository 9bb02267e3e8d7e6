import { spawn } from "node:child_process";
import { maskText } from "./masking";
import { terraformEnvironmentFor } from "../twin/environment";
import { StepFailure } from "../errors";

export interface TerraformResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TerraformOptions {
  /** The stack's working directory (cdktf.out/stacks/<stackId>). */
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Stream terraform's output, masked line by line, as it runs (for humans and CI logs): true to this
   * process's stderr; a function receives it instead (commands running stacks in parallel keep each stack's output apart).
   */
  readonly echo?: Echo;
}

export type Echo = boolean | ((text: string) => void);

/** Where echoed text goes, or undefined for no echo. */
export function echoWriter(echo: Echo | undefined): ((text: string) => void) | undefined {
  if (typeof echo === "function") return echo;
  return echo ? (text) => process.stderr.write(text) : undefined;
}

/**
 * How a command treats the state lock. Commands that write the state wait for the lock a bounded time
 * (two runs on one state queue instead of failing at once); a plan only for review can skip the lock:
 * it writes no state, and a saved plan made from a state that changed meanwhile is refused at apply.
 */
export type StateLock = { readonly hold: false } | { readonly hold: true; readonly timeout: string };

/** Waits this long for the lock when nothing else is said: long enough for another plan, short enough to fail a stuck run. */
export const DEFAULT_LOCK_TIMEOUT = "5m";

export function lockArguments(lock: StateLock): string[] {
  return lock.hold ? ["-lock=true", `-lock-timeout=${lock.timeout}`] : ["-lock=false"];
}

/** A Terraform duration (`90s`, `5m`, `1h`), as -lock-timeout takes it. */
export function parseLockTimeout(text: string): string {
  if (!/^\d+(s|m|h)$/.test(text)) throw new Error(`invalid lock timeout "${text}": use a number and s, m or h (e.g. 5m)`);
  return text;
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
    const echoes = [maskedEcho(options.echo), maskedEcho(options.echo)];
    child.stdout.on("data", (chunk: Buffer) => {
      stdout.push(chunk);
      echoes[0].write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr.push(chunk);
      echoes[1].write(chunk);
    });
    child.on("error", (error) => reject(new Error(`cannot run ${terraformBinary(env)}: ${error.message}`)));
    child.on("close", (code, signal) => {
      echoes.forEach((echo) => echo.end());
      resolve({
        exitCode: code ?? (signal ? 1 : 0),
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

/** Writes whole lines, masked (a secret split over two chunks is still one line). */
function maskedEcho(echo: Echo | undefined) {
  const write = echoWriter(echo);
  let pending = "";
  return {
    write(chunk: Buffer) {
      if (!write) return;
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) write(maskText(line) + "\n");
    },
    end() {
      if (write && pending !== "") write(maskText(pending) + "\n");
      pending = "";
    },
  };
}

/** A terraform command that failed, with its output for the report. */
export class TerraformError extends StepFailure {
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
