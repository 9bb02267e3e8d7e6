/**
 * The one module that imports the CDK for Terraform core library. Every other file imports it
 * from here, so moving to the maintained fork is this line (`from "cdktn"`) plus `npm run get`
 * with the fork's generator. A test fails if any other source file imports `cdktf` directly.
 */
export * from "cdktf";
