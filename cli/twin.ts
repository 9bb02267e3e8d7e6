/**
 * `npm run twin -- <command>`: rehearse deployments against the org twin with the real terraform.
 *   deploy [--stack <id>]... [--dir .twin]   synthesize, then plan and apply every (selected) stack
 *   synth [--dir .twin]                      synthesize into the twin only (then `npm run plan` with the twin)
 *   env [--dir .twin]                        print the exports that point terraform and the ops commands at the twin
 */
import { applyStack, planStack } from "../ops/stack-operations";
import { selectStacks } from "../ops/stacks";
import { TWIN_VARIABLE, twinPaths } from "../twin/environment";
import { installTwin } from "../twin/install";
import { readOrg, type OrgDocument } from "../twin/org";
import { collect, command, main, runProgram, type CommandIo } from "./program";
import { synthesizeIntoTwin } from "./twin-backends";

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

export function runTwinCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const env = io.env;
  const program = command("twin", "Rehearse deployments with the real terraform against an offline org twin", io);

  program
    .command("deploy")
    .description("synthesize, then plan and apply every stack (or the selected ones) to the twin; print what was created")
    .option("--stack <id>", "only this stack (repeat for more)", collect, [])
    .option("--dir <directory>", "twin directory", DEFAULT_DIRECTORY)
    .action(async (options: { stack: string[]; dir: string }) => {
      const twin = installTwin(options.dir);
      const stacks = selectStacks(synthesizeIntoTwin(twin, env), options.stack);
      const before = readOrg(twin.orgFile);
      const operationEnv = { ...env, [TWIN_VARIABLE]: twin.directory };
      await Promise.all(
        stacks.map(async (stack) => {
          await planStack(stack, { env: operationEnv });
          await applyStack(stack, { env: operationEnv });
        }),
      );
      const created = createdObjects(before, readOrg(twin.orgFile));
      io.out(`Applied ${stacks.map((stack) => stack.id).join(", ")} to the twin in ${twin.directory}\n`);
      io.out(created.length > 0 ? `Created:\n${created.join("\n")}\n` : "Created nothing: the twin already matched.\n");
      io.out(`Org: ${twin.orgFile}\n`);
    });

  program
    .command("synth")
    .description("synthesize into the twin (its own cdktf.out and state) without applying")
    .option("--dir <directory>", "twin directory", DEFAULT_DIRECTORY)
    .action((options: { dir: string }) => {
      const twin = installTwin(options.dir);
      const stacks = synthesizeIntoTwin(twin, env);
      io.out(`Synthesized ${stacks.map((stack) => stack.id).join(", ")} into ${twin.outDir}\n`);
    });

  program
    .command("env")
    .description("print the exports that make terraform, `npm run plan|apply|drift` and `npx cdktf diff|deploy` use the twin")
    .option("--dir <directory>", "twin directory", DEFAULT_DIRECTORY)
    .action((options: { dir: string }) => {
      const twin = twinPaths(options.dir);
      io.out(`export TF_CLI_CONFIG_FILE=${JSON.stringify(twin.cliConfig)}\nexport ${TWIN_VARIABLE}=${JSON.stringify(twin.directory)}\n`);
    });

  // Each subcommand's action runs while parsing; a bare `npm run twin` shows the help on stderr, exit 2.
  return runProgram(program, argv, io);
}

if (require.main === module) main(runTwinCli);
