/**
 * The regions a server accepts: AWS's commercial regions (regions.generated.ts, from AWS's partitions data) plus the
 * private names an operator adds with `logseal serve --regions`. A request signed for any other region is refused as
 * AWS refuses a credential scoped to a region it does not have: `Credential should be scoped to a valid region, not
 * '…'.` (InvalidSignatureException for KMS and CloudWatch Logs, SignatureDoesNotMatch for IAM and STS).
 *
 * Regions of AWS's other partitions (China, GovCloud, ISO) are not accepted by default: their ARNs use another
 * partition name than `aws`, which logseal's ARNs always use.
 */
import { AWS_REGIONS } from './regions.generated.js';

/** What a region name may look like: lower-case letters, digits and dashes, as AWS's own names. */
const NAME = /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/;

export class RegionSet {
  private readonly names: Set<string>;
  readonly extra: readonly string[];

  constructor(extra: readonly string[] = []) {
    for (const name of extra) if (!NAME.test(name)) throw new Error(`invalid region name '${name}'`);
    this.extra = [...new Set(extra)].filter((n) => !AWS_REGIONS.some(([r]) => r === n));
    this.names = new Set([...AWS_REGIONS.map(([r]) => r), ...this.extra]);
  }

  /** Bound, so it can be handed around as a plain function. */
  readonly has = (name: string): boolean => this.names.has(name);

  /** Every accepted name with a description, AWS's first. */
  list(): { name: string; description: string }[] {
    return [...AWS_REGIONS.map(([name, description]) => ({ name, description })), ...this.extra.map((name) => ({ name, description: 'private region' }))];
  }
}

/** `--regions a,b` or `LOGSEAL_REGIONS=a,b`: names separated by commas or spaces. */
export function parseRegionNames(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export const defaultRegions = new RegionSet();
