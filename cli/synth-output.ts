/**
 * The synth's output folder (cdktf.out or CDKTF_OUTDIR, possibly a folder the user also keeps other
 * files in). A synth builds its stacks in a private staging folder beside the output and publishes
 * them under a lock: stack folders first, manifest.json last. A failed synth removes only what a
 * synth wrote (the stack folders listed in a cdktf manifest, then that manifest) and only when no
 * other synth has published since it started, so an earlier output cannot be applied by mistake and
 * a concurrent successful synth keeps its output.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, rmdirSync, writeFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { UserError } from "../errors";

const MANIFEST_FILE = "manifest.json";
const STACKS_FOLDER = "stacks";
const LOCK_FILE = ".synth.lock";
const LOCK_WAIT_MS = 60_000;

/** The output folder cannot be used (not creatable, a foreign manifest.json, a lock held too long). */
export class SynthOutputError extends UserError {
  override name = "SynthOutputError";
}

/** The stack ids a cdktf manifest lists, or undefined when the text is not a cdktf manifest. */
export function manifestStackIds(manifestText: string | undefined): string[] | undefined {
  if (manifestText === undefined) return undefined;
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch {
    return undefined;
  }
  const stacks = (manifest as { stacks?: unknown } | null)?.stacks;
  if (typeof stacks !== "object" || stacks === null || Array.isArray(stacks)) return undefined;
  const ids: string[] = [];
  for (const [id, stack] of Object.entries(stacks)) {
    const workingDirectory = (stack as { workingDirectory?: unknown } | null)?.workingDirectory;
    // Only `stacks/<id>` as cdktf writes it: a manifest never makes us remove anything else.
    if (!/^[A-Za-z0-9_-]+$/.test(id) || typeof workingDirectory !== "string") return undefined;
    if (path.normalize(workingDirectory) !== path.join(STACKS_FOLDER, id)) return undefined;
    ids.push(id);
  }
  return ids;
}

/** The manifest's text, or undefined when there is none. */
export function readManifestText(outdir: string): string | undefined {
  const file = path.join(outdir, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new SynthOutputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Creates the output folder (with parents) and a private staging folder inside it for one synth. */
export function prepareStaging(outdir: string): string {
  try {
    mkdirSync(outdir, { recursive: true });
    return mkdtempSync(path.join(outdir, ".synth-staging-"));
  } catch (error) {
    throw new SynthOutputError(
      `${outdir}: cannot create the synth output folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

/** Moves a finished synth from `staging` into `outdir`: its stack folders, then its manifest. */
export function publishSynth(staging: string, outdir: string): void {
  withLock(outdir, () => {
    try {
      publishUnderLock(staging, outdir);
    } catch (error) {
      if (error instanceof SynthOutputError) throw error;
      throw new SynthOutputError(`${outdir}: cannot publish the synth output (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  });
}

function publishUnderLock(staging: string, outdir: string): void {
  const previous = readManifestText(outdir);
  const previousIds = manifestStackIds(previous);
  if (previous !== undefined && previousIds === undefined) {
    throw new SynthOutputError(
      `${path.join(outdir, MANIFEST_FILE)}: exists and is not a cdktf manifest; choose another output folder (--output or CDKTF_OUTDIR)`,
    );
  }
  const ids = manifestStackIds(readManifestText(staging)) ?? [];
  mkdirSync(path.join(outdir, STACKS_FOLDER), { recursive: true });
  for (const id of ids) {
    const target = path.join(outdir, STACKS_FOLDER, id);
    if (existsSync(target)) renameSync(target, path.join(staging, `replaced-${id}`));
    renameSync(path.join(staging, STACKS_FOLDER, id), target);
  }
  for (const id of previousIds ?? []) {
    if (!ids.includes(id)) rmSync(path.join(outdir, STACKS_FOLDER, id), { recursive: true, force: true });
  }
  renameSync(path.join(staging, MANIFEST_FILE), path.join(outdir, MANIFEST_FILE));
}

/**
 * After a failed synth: removes the output a synth published before this one started (its manifest
 * text was `manifestAtStart`), so it cannot be planned or applied by mistake. Output published by
 * another synth in the meantime, and every file no cdktf manifest lists, stay.
 */
export function removeOutputOfFailedSynth(outdir: string, manifestAtStart: string | undefined): void {
  if (!existsSync(outdir)) return;
  withLock(outdir, () => {
    const current = readManifestText(outdir);
    if (current === undefined || current !== manifestAtStart) return;
    const ids = manifestStackIds(current);
    if (ids === undefined) return;
    for (const id of ids) rmSync(path.join(outdir, STACKS_FOLDER, id), { recursive: true, force: true });
    rmSync(path.join(outdir, MANIFEST_FILE), { force: true });
    removeIfEmpty(path.join(outdir, STACKS_FOLDER));
  });
}

function removeIfEmpty(directory: string): void {
  if (existsSync(directory) && readdirSync(directory).length === 0) rmdirSync(directory);
}

function withLock<T>(outdir: string, work: () => T): T {
  const lock = path.join(outdir, LOCK_FILE);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (lockHolderIsGone(lock)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new SynthOutputError(`${lock}: another synth has held this lock for a minute; remove the file if none is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function lockHolderIsGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, "utf8"));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
