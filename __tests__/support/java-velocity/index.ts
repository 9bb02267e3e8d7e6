/**
 * Apache Velocity (Java), the engine Genesys Cloud renders data action templates with, for tests that
 * compare it with velocityjs. Uses the Debian packages `velocity` (1.7) and `libvelocity-tools-java`
 * (2.0) and a JDK; VelocityHarness.java is compiled into a temporary folder on first use, and every
 * render of a test file goes to one java process (batched), so the comparison stays fast.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { VelocityJob } from "../../../data-actions/engine";

/** Where Debian installs the jars; VELOCITY_JAR_DIR points elsewhere (another distribution, or to check the skip). */
const JAR_DIR = process.env.VELOCITY_JAR_DIR ?? "/usr/share/java";
const JARS = ["velocity.jar", "velocity-tools.jar", "commons-collections3.jar", "commons-lang.jar"].map((jar) => join(JAR_DIR, jar));

export const JAVA_VELOCITY_PACKAGES = "velocity libvelocity-tools-java openjdk-17-jdk-headless";
export const HOW_TO_ENABLE = `apt-get install -y ${JAVA_VELOCITY_PACKAGES}, then CI=1 npm test`;

/** Why the Java engine cannot run here, or undefined when it can. */
export function javaVelocityMissing(): string | undefined {
  const missingJars = JARS.filter((jar) => !existsSync(jar));
  if (missingJars.length > 0) return `missing ${missingJars.join(", ")}`;
  for (const tool of ["javac", "java"]) {
    if (spawnSync(tool, ["-version"], { stdio: "ignore" }).status !== 0) return `no ${tool} on PATH`;
  }
  return undefined;
}

export type JavaRenderResult = { readonly output: string } | { readonly error: string };

/** Renders every job with Apache Velocity in one java process; results in job order. */
export function renderWithJavaVelocity(jobs: readonly VelocityJob[]): JavaRenderResult[] {
  const workDir = mkdtempSync(join(tmpdir(), "java-velocity-"));
  try {
    const classpath = [workDir, ...JARS].join(":");
    execFileSync("javac", ["-nowarn", "-d", workDir, "-cp", classpath, join(__dirname, "VelocityHarness.java")], { stdio: "pipe" });
    const jobsFile = join(workDir, "jobs.json");
    writeFileSync(jobsFile, JSON.stringify(jobs));
    const stdout = execFileSync("java", ["-cp", classpath, "VelocityHarness", jobsFile], {
      encoding: "ascii",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const results = JSON.parse(stdout) as JavaRenderResult[];
    if (results.length !== jobs.length) throw new Error(`java rendered ${results.length} of ${jobs.length} jobs`);
    return results;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
