/**
 * Terraform interpolates `${...}` and `%{...}` in every string of its JSON configuration, and
 * Velocity uses the same `${...}` syntax. Every data action string that goes into cdk.tf.json passes
 * through here, so Terraform's own unescaping (`$${` → `${`, `%%{` → `%{`) hands Genesys exactly the
 * Velocity written in the spec. A round-trip test runs the real terraform binary on the output.
 */
export function escapeForTerraform(text: string): string {
  // Replacement functions, not strings: in a replacement string "$$" would itself collapse to "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** escapeForTerraform applied to every key and value of a string map (headers, translation maps). */
export function escapeMapForTerraform(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [escapeForTerraform(key), escapeForTerraform(value)]));
}
