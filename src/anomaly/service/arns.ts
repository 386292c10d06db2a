/** ARNs of anomaly detectors: `arn:aws:logs:REGION:ACCOUNT:anomaly-detector:<uuid>`. */

export function detectorArn(region: string, accountId: string, detectorId: string): string {
  return `arn:aws:logs:${region}:${accountId}:anomaly-detector:${detectorId}`;
}

export interface DetectorRef {
  region: string;
  accountId: string;
  detectorId: string;
}

const DETECTOR_ARN_RE = /^arn:aws:logs:([a-z0-9-]+):(\d{12}):anomaly-detector:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The parts of a detector ARN; undefined for anything that is not one. */
export function parseDetectorArn(arn: string): DetectorRef | undefined {
  const m = DETECTOR_ARN_RE.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, detectorId: m[3]! } : undefined;
}
