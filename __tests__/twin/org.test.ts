import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emptyOrg, faultsOf, FAULTS_VARIABLE, matchingFault, OrgFileError, readOrg, updateOrg, writeOrg } from "../../twin/org";
import { substituteFlowFile } from "../../twin/resources";

const orgFile = (content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "twin-org-")), "org.json");
  writeFileSync(file, content);
  return file;
};

describe("org.json", () => {
  it("GIVEN a malformed org.json WHEN read THEN one line names the file and the field", () => {
    const file = orgFile(JSON.stringify({ objects: { genesyscloud_flow: { a: "not an object" } } }));
    expect(() => readOrg(file)).toThrow(OrgFileError);
    expect(() => readOrg(file)).toThrow(`${file}: objects.genesyscloud_flow.a: `);
    expect(() => readOrg(orgFile("{"))).toThrow(/org\.json: not JSON/);
  });

  it("GIVEN a fault in org.json and one in the environment THEN both apply, matched by id or by name", () => {
    const file = orgFile("{}");
    writeOrg(file, { ...emptyOrg(), faults: [{ type: "t", name: "n", operation: "create", effect: "fail" }] });
    const env = { [FAULTS_VARIABLE]: JSON.stringify([{ type: "t", id: "i", operation: "read", effect: "timeout", delayMs: 5 }]) };
    const faults = faultsOf(readOrg(file), env);
    expect(matchingFault(faults, "t", "create", { name: "n" })?.effect).toBe("fail");
    expect(matchingFault(faults, "t", "read", { id: "i" })?.effect).toBe("timeout");
    expect(matchingFault(faults, "t", "update", { id: "i", name: "n" })).toBeUndefined();
  });

  it("GIVEN an update that throws THEN the file is unchanged and the lock is released", () => {
    const file = orgFile("{}");
    writeOrg(file, emptyOrg());
    expect(() =>
      updateOrg(file, (org) => {
        org.objects.genesyscloud_flow = { x: { name: "half" } };
        throw new Error("API failed");
      }),
    ).toThrow("API failed");
    expect(readOrg(file).objects.genesyscloud_flow).toBeUndefined();
    updateOrg(file, (org) => (org.objects.genesyscloud_flow = { x: { name: "whole" } }));
    expect(readOrg(file).objects.genesyscloud_flow).toEqual({ x: { name: "whole" } });
  });
});

describe("flow substitutions as the provider applies them", () => {
  it("GIVEN {{key}} placeholders THEN every occurrence is replaced and unknown keys stay", () => {
    expect(substituteFlowFile("name: {{flow_name}}\nx: {{flow_name}} {{other}}", { flow_name: "A" })).toBe("name: A\nx: A {{other}}");
  });
});
