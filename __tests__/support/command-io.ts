import type { CommandIo } from "../../cli/program";

/** A CommandIo that records what a command writes; no progress (as in CI). */
export function recordingIo(env: NodeJS.ProcessEnv = {}): CommandIo & { readonly written: { out: string; err: string } } {
  const written = { out: "", err: "" };
  return { written, env, out: (text) => void (written.out += text), err: (text) => void (written.err += text) };
}
