import type { Destination } from '../../protocol/generated/logs.js';
import type { DestinationRecord } from '../subscriptions/model.js';
import { destinationArn } from '../subscriptions/target.js';

export function destinationOut(d: DestinationRecord): Destination {
  const o: Destination = {
    destinationName: d.name,
    targetArn: d.targetArn,
    roleArn: d.roleArn,
    arn: destinationArn(d.region, d.accountId, d.name),
    creationTime: d.createdAt,
  };
  if (d.accessPolicy !== undefined) o.accessPolicy = d.accessPolicy;
  return o;
}
