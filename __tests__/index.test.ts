/**
 * The construct library as a consumer gets it: `npm pack` of the built package, unpacked into a fresh
 * cdktf app whose node_modules holds only the tarball and the package's declared runtime
 * dependencies, a TypeScript main that adds PreviewRetries to its own stack, compiled against the
 * shipped declarations, run the way cdktf synth runs it (the app command), and its Terraform read.
 *
 * Offline by construction: the dependencies are symlinks to this repository's installed packages,
 * not an `npm install` (which would need the registry, or an npm cache holding every packument of
 * the tree, which a clean CI machine does not reliably have). Only `dependencies` are linked, so a
 * compiled file that needs a dev dependency fails to load here.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildLibrary } from "../scripts/build-library";

const ROOT = path.resolve(__dirname, "..");
const PACKAGE_NAME = "preview-retries-as-code";

interface PackedFile {
  readonly path: string;
}
interface PackedManifest {
  readonly dependencies: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly scripts: Record<string, string>;
  readonly main: string;
  readonly types: string;
}
interface TerraformJson {
  readonly terraform: { readonly required_providers: Record<string, { source: string; version: string }> };
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly output: Record<string, { value: string }>;
}

/** The consumer app: main.ts adds PreviewRetries to its own stack; mistake.ts must not type-check. */
const CONSUMER_APP = path.join(__dirname, "fixtures", "consumer-app");

describe("the packed construct library in a fresh cdktf app", () => {
  let packedFiles: string[];
  let manifest: PackedManifest;
  let compile: { status: number | null; output: string };
  let synthesized: TerraformJson;

  beforeAll(() => {
    buildLibrary();
    const work = mkdtempSync(path.join(tmpdir(), "pack-consume-"));
    // --ignore-scripts: the library was just built; prepare would regenerate .gen/ under the other tests' feet.
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" }),
    ) as { filename: string; files: PackedFile[] }[];
    packedFiles = packed[0].files.map((file) => file.path);

    const app = path.join(work, "app");
    const installed = path.join(app, "node_modules", PACKAGE_NAME);
    mkdirSync(installed, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(work, packed[0].filename), "-C", installed, "--strip-components=1"]);
    manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as PackedManifest;
    for (const dependency of Object.keys(manifest.dependencies)) {
      symlinkSync(path.join(ROOT, "node_modules", dependency), path.join(app, "node_modules", dependency), "dir");
    }

    writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "contact-center", private: true }));
    writeFileSync(path.join(app, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node main.js", output: "cdktf.out" }));
    for (const file of ["main.ts", "mistake.ts"]) copyFileSync(path.join(CONSUMER_APP, file), path.join(app, file));
    const compilerOptions = { strict: true, module: "commonjs", target: "ES2022", types: [], skipLibCheck: true };
    writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["main.ts", "mistake.ts"] }));

    // tsc emits main.js even though mistake.ts has an error (noEmitOnError is off).
    const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", app], { cwd: app, encoding: "utf8" });
    compile = { status: tsc.status, output: tsc.stdout + tsc.stderr };
    const env = { PATH: process.env.PATH, CHECKPOINT_DISABLE: "1" };
    execFileSync(process.execPath, ["main.js"], { cwd: app, env, encoding: "utf8", stdio: "pipe" });
    synthesized = JSON.parse(readFileSync(path.join(app, "cdktf.out", "stacks", "contact-center", "cdk.tf.json"), "utf8")) as TerraformJson;
  }, 120_000);

  it("GIVEN the tarball THEN it ships compiled JavaScript, declarations and the bindings, and no tests or TypeScript sources", () => {
    expect(packedFiles).toContain("dist/index.js");
    expect(packedFiles).toContain("dist/index.d.ts");
    expect(packedFiles).toContain("dist/.gen/providers/genesyscloud/flow/index.js");
    expect(packedFiles.filter((file) => file.startsWith("__tests__/") || file.includes("/__tests__/"))).toEqual([]);
    expect(packedFiles.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
  });

  it("GIVEN the packed manifest THEN no install script runs for the consumer, and main/types point into the tarball", () => {
    expect(Object.keys(manifest.scripts).filter((script) => ["preinstall", "install", "postinstall"].includes(script))).toEqual([]);
    expect(packedFiles).toContain(manifest.main);
    expect(packedFiles).toContain(manifest.types);
  });

  it("GIVEN a consumer's TypeScript THEN the shipped declarations type-check it and catch a wrongly typed prop", () => {
    expect(compile.status).not.toBe(0);
    const errors = compile.output.split("\n").filter((line) => line.includes("error TS"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^mistake\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
  });

  it("GIVEN the consumer's stack THEN its Terraform holds every preview retries resource, named from its environment", () => {
    const count = (type: string) => Object.keys(synthesized.resource[type] ?? {}).length;
    expect(synthesized.terraform.required_providers.genesyscloud.version).toBe("1.84.1");
    expect(count("genesyscloud_architect_datatable")).toBe(2);
    expect(count("genesyscloud_architect_datatable_row")).toBe(1);
    expect(count("genesyscloud_integration")).toBe(1);
    expect(count("genesyscloud_integration_action")).toBe(5);
    expect(count("genesyscloud_flow")).toBe(2);
    expect(count("genesyscloud_processautomation_trigger")).toBe(2);
    const tableNames = Object.values(synthesized.resource.genesyscloud_architect_datatable).map((table) => table.name);
    expect(tableNames.sort()).toEqual(["acme_preview_contact_retries", "acme_preview_retries_wrap_policy"]);
    expect(synthesized.output.retries_table_id.value).toMatch(/^\$\{genesyscloud_architect_datatable\..*\.id\}$/);
  });
});
