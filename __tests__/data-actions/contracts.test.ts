import { describe, expect, it } from "vitest";
import { schemaViolations } from "../../data-actions/engine";
import { RETRIES_TABLE } from "../../tables/definitions";
import { allSpecs, specs } from "./support/specs";

describe.each(allSpecs.map((spec) => [spec.id, spec] as const))("contracts of %s", (_id, spec) => {
  it.each([
    ["input", spec.inputContract],
    ["output", spec.outputContract],
  ])("the %s contract is a valid draft-04 schema", (_kind, contract) => {
    expect(contract.$schema).toBe("http://json-schema.org/draft-04/schema#");
    expect(schemaViolations(contract)).toEqual([]);
    expect(contract.type).toBe("object");
    expect(contract.additionalProperties).toBe(false);
    expect(Object.keys(contract.properties)).toEqual(expect.arrayContaining([...(contract.required ?? [])]));
  });

  it("requires every input and fills every path parameter from a non-empty string input", () => {
    expect([...(spec.inputContract.required ?? [])].sort()).toEqual(Object.keys(spec.inputContract.properties).sort());
    for (const input of Object.values(spec.endpoint.pathParameterInputs)) {
      expect(spec.inputContract.properties[input]).toMatchObject({
        type: "string",
        minLength: 1,
        pattern: expect.stringMatching(/^\^\[[^\]./%?#]*\]\+\$$/),
      });
    }
  });

  it("has a platform-valid timeout", () => {
    expect(spec.timeoutSeconds).toBeGreaterThanOrEqual(1);
    expect(spec.timeoutSeconds).toBeLessThanOrEqual(60);
  });
});

describe("row contracts follow the retries table definition", () => {
  it.each([specs.insertRow, specs.updateRow])("$id takes the key and every column with its table type", (spec) => {
    expect(spec.inputContract.properties.key).toMatchObject({ type: "string" });
    for (const column of RETRIES_TABLE.columns) {
      expect(spec.inputContract.properties[column.name], column.name).toMatchObject({ type: column.type });
      expect(spec.outputContract.properties[column.name], column.name).toMatchObject({ type: column.type });
    }
    expect(Object.keys(spec.inputContract.properties).sort()).toEqual(
      ["key", ...RETRIES_TABLE.columns.map((column) => column.name)].sort(),
    );
  });
});
