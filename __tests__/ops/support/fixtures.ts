import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePlanJson, type PlanJson } from "../../../ops/plan-json";

export const FIXTURES = join(__dirname, "..", "fixtures");

export function fixturePlan(name: string): PlanJson {
  const file = join(FIXTURES, name);
  return parsePlanJson(readFileSync(file, "utf8"), file);
}
