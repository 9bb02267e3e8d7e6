import { expect } from "vitest";
import { Testing } from "../constructs/cdk";

// cdktf's matchers register on a global `expect` (they were written for jest).
(globalThis as { expect?: unknown }).expect = expect;
Testing.setupJest();
