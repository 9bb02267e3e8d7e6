import { runDiagramCli } from "../tools/diagram";

runDiagramCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
