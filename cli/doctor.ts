import { runDoctorCli } from "../tools/doctor";

runDoctorCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
