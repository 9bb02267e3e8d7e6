/**
 * Genesys Cloud regions as the provider's `aws_region` accepts them (the provider's region map,
 * MyPureCloud/terraform-provider-genesyscloud v1.84.1).
 */
export const GENESYS_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-west-1",
  "eu-west-2",
  "eu-central-1",
  "eu-central-2",
  "ap-south-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "me-central-1",
] as const;

export type GenesysRegion = (typeof GENESYS_REGIONS)[number];
