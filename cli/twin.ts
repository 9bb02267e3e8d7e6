/**
 * `npm run twin -- <command>`: rehearse deployments against the org twin with the real terraform.
 *   deploy [--stack <id>]... [--dir .twin]   synthesize, then plan and apply every (selected) stack
 *   synth [--dir .twin]                      synthesize into the twin only (then `npm run plan` with the twin)
 *   env [--dir .twin]                        print the exports that point terraform and the ops commands at the twin
 */
import { Command, CommanderError } from "commander";
import { ExitCode } from "../ops/exit-codes";
import { applyStack, planStack } from "../ops/stack-operations";
import { selectStacks, StackSelectionError } from "../ops/stacks";
import { TerraformError } from "../ops/terraform";
import { TWIN_VARIABLE, twinPaths } from "../twin/environment";
import { installTwin } from "../twin/install";
import { OrgFileError, readOrg, type OrgDocument } from "../twin/org";
import { SynthError, synthesizeIntoTwin } from "./twin-backends";

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const DEFAULT_DIRECTORY = ".twin";

/** Objects in `after` that `before` does not have, as "type id (name)" lines. */
function createdObjects(before: OrgDocument, after: OrgDocument): string[] {
  const lines: string[] = [];
  for (const [type, objects] of Object.entries(after.objects)) {
    for (const [id, object] of Object.entries(objects)) {
      const name = object.name ?? (object.config as { name?: unknown } | undefined)?.name;
      if (before.objects[type]?.[id] === undefined) lines.push(`  + ${type} ${id}${typeof name === "string" ? ` (${name})` : ""}`);
    }
  }
  return lines;
}

export async function runTwinCli(argv: readonly string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<number> {
  const program = new Command("twin")
    .description("Rehearse deployments with the real terraform against an offline org twin")
    .exitOverride()
    .showSuggestionAfterError(false)
    .configureOutput({ writeOut: output.stdout, writeErr: output.stderr });

  program
    .command("deploy")
    .description("synthesize, then plan and apply every stack (or the selected ones) to the twin; print what was created")
    .option("--stack <id...>", "only these stacks")
    .option("--dir <directory>", "twin directory", DEFAULT_DIRECTORY)
    .action(async (options: { stack?: string[]; dir: string }) => {
      const twin = installTwin(options.dir);
      const stacks = selectStacks(synthesizeIntoTwin(twin, env), options.stack ?? []);
      const before = readOrg(twin.orgFile);
      const operationEnv = { ...env, [TWIN_VARIABLE]: twin.directory };
      await Promise.all(
        stacks.map(async (stack) => {
          await planStack(stack, { env: operationEnv });
          await applyStack(stack, { env: operationEnv });
        }),
      );
      const created = createdObjects(before, readOrg(twin.orgFile));
      output.stdout(`Applied ${stacks.map((stack) => stack.id).join(", ")} to the twin in ${twin.directory}\n`);
      output.stdout(created.length > 0 ? `Created:\n${created.join("\n")}\n` : "Created nothing: the twin already matched.\n");
      output.stdout(`Org: ${twin.orgFile}\n`);
    });

  program
    .command("synth")
    .description("synthesize into the twin (its own cdktf.out and state) without applying")
    .option("--dir <directory>", "twin directory", DEFAULT_DIRECTORY)
    .action((options: { dir: string }) => {
      const twin = installTwin(options.dir);
      const stacks = synthesizeIntoTwin(twin, env);
      output.stdout(`Synthesized ${stacks.map((stack) => stack.id).join(", ")} into ${twin.outDir}\n`);
    });

  program
    .command("env")
    .description("print the exports that make terraform, `npm run plan|apply|drift` and `npx cdktf diff|deploy` use the twin")
    .option("--dir <directory>", "twin directory", DEFAULT_DIRECTORY)
    .action((options: { dir: string }) => {
      const twin = twinPaths(options.dir);
      output.stdout(
        `export TF_CLI_CONFIG_FILE=${JSON.stringify(twin.cliConfig)}\nexport ${TWIN_VARIABLE}=${JSON.stringify(twin.directory)}\n`,
      );
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE_OR_DRIFT;
    if (error instanceof StackSelectionError) {
      output.stderr(`error: ${error.message}\n`);
      return ExitCode.USAGE_OR_DRIFT;
    }
    if (error instanceof TerraformError || error instanceof SynthError || error instanceof OrgFileError) {
      output.stderr(`error: ${error.message}\n`);
      return ExitCode.FAILURE;
    }
    throw error;
  }
  return ExitCode.OK;
}

if (require.main === module) {
  runTwinCli(process.argv.slice(2), process.env, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (exitCode) => (process.exitCode = exitCode),
    (error: unknown) => {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = ExitCode.FAILURE;
    },
  );
}
