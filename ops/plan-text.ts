import { maskText, REDACTED } from "./masking";
import type { PlanJson } from "./plan-json";
import { secretStrings } from "./value-diff";

/** Secrets shorter than this are redacted only as whole quoted strings, so a `1` does not blank every digit. */
const MIN_BARE_SECRET_LENGTH = 4;

/**
 * `terraform show <planfile>` text with every value the reports mask redacted. Terraform hides only what
 * the provider marks sensitive; an `Authorization` header or a token in a URL it prints in clear. So every
 * string the JSON masking hides is removed from the text (as written, JSON-escaped and HCL-escaped), then
 * the free-text masking runs over the rest.
 */
export function redactPlanText(text: string, plan: PlanJson): string {
  const secrets = new Set<string>();
  for (const change of [...(plan.resource_changes ?? []), ...(plan.resource_drift ?? [])]) {
    for (const s of secretStrings(change.change.before, change.change.before_sensitive)) secrets.add(s);
    for (const s of secretStrings(change.change.after, change.change.after_sensitive)) secrets.add(s);
  }
  for (const [name, output] of Object.entries(plan.output_changes ?? {})) {
    for (const side of ["before", "after"] as const) {
      const sensitive = output[`${side}_sensitive`];
      for (const s of secretStrings({ [name]: output[side] ?? null }, { [name]: sensitive ?? false })) secrets.add(s);
    }
  }
  const variants = new Set<string>();
  for (const secret of secrets) {
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), hclEscape(secret), hclEscape(JSON.stringify(secret).slice(1, -1))]) {
      variants.add(form);
      // Multi-line strings are printed as heredocs, one line at a time.
      for (const line of form.split(/\r?\n|\\n/)) if (line.trim().length >= MIN_BARE_SECRET_LENGTH) variants.add(line.trim());
    }
  }
  let redacted = text;
  for (const secret of [...variants].sort((a, b) => b.length - a.length)) {
    redacted =
      secret.length >= MIN_BARE_SECRET_LENGTH ? redacted.split(secret).join(REDACTED) : redacted.split(`"${secret}"`).join(`"${REDACTED}"`);
  }
  return maskText(redacted);
}

function hclEscape(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
}
