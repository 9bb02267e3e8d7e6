/** The doctor's probes of the machine that touch the outside: the terraform binary, the registry. */
import { execFile } from "node:child_process";
import { request } from "node:https";

/** `terraform version -json` of the binary on PATH; undefined when it cannot run. */
export function terraformVersionOnPath(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("terraform", ["version", "-json"], { env: { ...process.env, CHECKPOINT_DISABLE: "1" }, timeout: 20_000 }, (error, stdout) => {
      if (error) return resolve(undefined);
      try {
        resolve((JSON.parse(stdout) as { terraform_version?: string }).terraform_version);
      } catch {
        resolve(undefined);
      }
    });
  });
}

/** One HTTPS HEAD with a short timeout: any HTTP answer means reachable. */
export function probeRegistry(url: string, timeoutMs = 3_000): Promise<{ reachable: true } | { reachable: false; reason: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: "HEAD", timeout: timeoutMs }, (response) => {
      response.resume();
      resolve({ reachable: true });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ reachable: false, reason: error.code ?? error.message }));
    req.end();
  });
}
