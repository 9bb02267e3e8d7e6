import { readFileSync, statSync } from "node:fs";
import { LineCounter, isNode, parseDocument } from "yaml";
import { environments as repositoryEnvironments } from "./environments";
import type { EnvironmentConfig } from "./schema";
import { ConfigError, validateEnvironments, type SourceLocator } from "./validate";

/** Environment variable naming a JSON or YAML file that replaces config/environments.ts. */
export const CONFIG_FILE_VARIABLE = "PREVIEW_RETRIES_CONFIG";

/** Named in messages about the environments compiled into the repository. */
export const REPOSITORY_CONFIG_SOURCE = "config/environments.ts";

/**
 * The validated environments: from the file named by PREVIEW_RETRIES_CONFIG when set (a JSON or
 * YAML list of environments), otherwise from config/environments.ts. Throws ConfigError.
 */
export function loadEnvironments(env: NodeJS.ProcessEnv = process.env): EnvironmentConfig[] {
  const file = env[CONFIG_FILE_VARIABLE];
  if (!file) return validateEnvironments(repositoryEnvironments, REPOSITORY_CONFIG_SOURCE);
  const text = decodeConfigBytes(readConfigBytes(file), file);
  return validateEnvironments(parseConfigText(text, file), file, locatorFor(text));
}

/**
 * Line and column of a value in the file by its path (the nearest enclosing value when the path does
 * not exist, e.g. a missing field). JSON is read by the YAML parser here, only to find positions.
 */
export function locatorFor(text: string): SourceLocator {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  return (path) => {
    for (let length = path.length; length >= 0; length--) {
      const node = document.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
    }
    return undefined;
  };
}

function readConfigBytes(file: string): Buffer {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch (error) {
    throw new ConfigError([`${file}: cannot read the configuration file (${describeFsError(error)})`]);
  }
  if (isDirectory) throw new ConfigError([`${file}: is a directory, expected a JSON or YAML configuration file`]);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError([`${file}: cannot read the configuration file (${describeFsError(error)})`]);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return code ?? String(error);
}

/** UTF-8 text without a leading byte order mark; invalid UTF-8 is rejected with the offset of the first bad byte. */
export function decodeConfigBytes(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // The decoder only says that something is wrong: locate the first bad byte for the message.
    const offset = firstInvalidUtf8Offset(bytes);
    const where = offset === undefined ? "" : ` (first invalid byte at offset ${offset})`;
    throw new ConfigError([`${file}: is not valid UTF-8${where}; save the file as UTF-8`]);
  }
  if (text.trim() === "") throw new ConfigError([`${file}: is empty, expected a list of environments`]);
  return text;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or undefined. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number | undefined {
  let index = 0;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return undefined;
}

/** Length of the well-formed UTF-8 sequence at `index` (RFC 3629 table 3-7), 0 when there is none. */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index];
  const continuation = (at: number, min = 0x80, max = 0xbf) => at < bytes.length && bytes[at] >= min && bytes[at] <= max;
  if (lead <= 0x7f) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(index + 1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const [min, max] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continuation(index + 1, min, max) && continuation(index + 2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const [min, max] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continuation(index + 1, min, max) && continuation(index + 2) && continuation(index + 3) ? 4 : 0;
  }
  return 0;
}

/** JSON for `.json` files, YAML (1.2, unique keys, one document) for everything else. */
export function parseConfigText(text: string, file: string): unknown {
  return file.toLowerCase().endsWith(".json") ? parseJson(text, file) : parseYaml(text, file);
}

function parseJson(text: string, file: string): unknown {
  try {
    const data: unknown = JSON.parse(text);
    rejectDuplicateJsonKeys(text, file);
    return data;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const message = (error as Error).message;
    const reason = message
      .replace(/\s*\(line \d+ column \d+\)$/, "")
      .replace(/ in JSON at position \d+/, "")
      .replace(/, ".*" is not valid JSON$/s, "");
    const position = /position (\d+)/.exec(message);
    const { line, column } = lineAndColumn(text, position ? Number(position[1]) : jsonErrorOffset(text));
    throw new ConfigError([`${file}:${line}:${column}: invalid JSON: ${reason}`]);
  }
}

/** JSON.parse keeps the last of two equal keys without a word; the YAML parser (a JSON superset) finds them. */
function rejectDuplicateJsonKeys(text: string, file: string): void {
  const lineCounter = new LineCounter();
  const duplicates = parseDocument(text, { lineCounter, uniqueKeys: true }).errors.filter((error) => error.code === "DUPLICATE_KEY");
  if (duplicates.length === 0) return;
  throw new ConfigError(
    duplicates.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return `${file}:${line}:${col}: invalid JSON: the same key twice in one object (the first value would be ignored)`;
    }),
  );
}

/**
 * Offset of a JSON syntax error when the engine's message has none ("Unexpected token ..."): the
 * shortest prefix that fails for another reason than ending early ends at the offending character.
 */
function jsonErrorOffset(text: string): number {
  const failsBeforeEnd = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      return !/Unexpected end of JSON input/.test((error as Error).message);
    }
  };
  let [low, high] = [0, text.length];
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsBeforeEnd(middle)) high = middle;
    else low = middle + 1;
  }
  return Math.max(0, low - 1);
}

function parseYaml(text: string, file: string): unknown {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => {
        const position = error.linePos?.[0];
        const where = position ? `${file}:${position.line}:${position.col}` : file;
        return `${where}: invalid YAML: ${error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`;
      }),
    );
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError([`${file}: invalid YAML: ${(error as Error).message.split("\n")[0]}`]);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
