import type { KmsOpTable } from './opTypes.js';
import { createKey } from './ops/createKey.js';
import { describeKey } from './ops/describeKey.js';
import { createAlias } from './ops/createAlias.js';
import { deleteAlias } from './ops/deleteAlias.js';
import { listAliases } from './ops/listAliases.js';
import { replicateKey } from './ops/replicateKey.js';
import { updateAlias } from './ops/updateAlias.js';
import { updatePrimaryRegion } from './ops/updatePrimaryRegion.js';
import { cancelKeyDeletion } from './ops/cancelKeyDeletion.js';
import { disableKey } from './ops/disableKey.js';
import { disableKeyRotation } from './ops/disableKeyRotation.js';
import { enableKey } from './ops/enableKey.js';
import { enableKeyRotation } from './ops/enableKeyRotation.js';
import { getKeyPolicy } from './ops/getKeyPolicy.js';
import { getKeyRotationStatus } from './ops/getKeyRotationStatus.js';
import { listKeyPolicies } from './ops/listKeyPolicies.js';
import { listKeyRotations } from './ops/listKeyRotations.js';
import { listKeys } from './ops/listKeys.js';
import { listResourceTags } from './ops/listResourceTags.js';
import { putKeyPolicy } from './ops/putKeyPolicy.js';
import { rotateKeyOnDemand } from './ops/rotateKeyOnDemand.js';
import { scheduleKeyDeletion } from './ops/scheduleKeyDeletion.js';
import { tagResource } from './ops/tagResource.js';
import { untagResource } from './ops/untagResource.js';
import { updateKeyDescription } from './ops/updateKeyDescription.js';

/** Keys, aliases, key policies, tags, rotation, deletion and multi-Region operations. */
export const lifecycleOps: KmsOpTable = {
  CreateKey: { run: createKey },
  DescribeKey: { run: describeKey, readOnly: true },
  CreateAlias: { run: createAlias },
  UpdateAlias: { run: updateAlias },
  DeleteAlias: { run: deleteAlias },
  ListAliases: { run: listAliases, readOnly: true },
  ReplicateKey: { run: replicateKey },
  UpdatePrimaryRegion: { run: updatePrimaryRegion },
  ListKeys: { run: listKeys, readOnly: true },
  UpdateKeyDescription: { run: updateKeyDescription },
  EnableKey: { run: enableKey },
  DisableKey: { run: disableKey },
  TagResource: { run: tagResource },
  UntagResource: { run: untagResource },
  ListResourceTags: { run: listResourceTags, readOnly: true },
  ScheduleKeyDeletion: { run: scheduleKeyDeletion },
  CancelKeyDeletion: { run: cancelKeyDeletion },
  GetKeyPolicy: { run: getKeyPolicy, readOnly: true },
  PutKeyPolicy: { run: putKeyPolicy },
  ListKeyPolicies: { run: listKeyPolicies, readOnly: true },
  EnableKeyRotation: { run: enableKeyRotation },
  DisableKeyRotation: { run: disableKeyRotation },
  GetKeyRotationStatus: { run: getKeyRotationStatus, readOnly: true },
  RotateKeyOnDemand: { run: rotateKeyOnDemand },
  ListKeyRotations: { run: listKeyRotations, readOnly: true },
};
