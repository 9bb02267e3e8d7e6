import { runSynth } from "./constructs/synth";

process.exitCode = runSynth();
