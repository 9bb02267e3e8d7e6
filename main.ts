import { runSynth } from "./cli/synth";

process.exitCode = runSynth();
