/** `npm run doctor`: what a first deploy from this machine needs (tools/doctor.ts). Exit 0: no blocker; 1: at least one blocker; 2: wrong usage. */
import { ExitCode } from "../errors";
import { formatDoctorReport, machineProbes, runDoctor, type DoctorProbes } from "../tools/doctor";
import { command, main, runProgram, type CommandIo } from "./program";

export function runDoctorCli(argv: readonly string[], io: CommandIo, probes: DoctorProbes = machineProbes()): Promise<number> {
  const program = command(
    "doctor",
    "Check what a first deploy needs: Node.js, terraform, the Genesys provider, credentials, the configuration, every stack.\n" +
      "Exit 0: ready (warnings allowed); 1: at least one blocker; 2: wrong usage.",
    io,
  );
  return runProgram(program, argv, io, async () => {
    const report = await runDoctor(io.env, probes);
    io.out(formatDoctorReport(report));
    return report.checks.some((check) => check.status === "blocker") ? ExitCode.FAILURE : ExitCode.OK;
  });
}

if (require.main === module) main((argv, io) => runDoctorCli(argv, io));
