/** The runtime shape and operation tables that scripts/codegen.ts writes into src/protocol/generated/. */

export interface MemberRef {
  shape: string;
  locationName?: string;
  queryName?: string;
  xmlName?: string;
  flattened?: boolean;
  xmlAttribute?: boolean;
}

interface Base {
  sensitive?: boolean;
}

export interface StructureShape extends Base {
  type: 'structure';
  members: Readonly<Record<string, MemberRef>>;
  required?: readonly string[];
  union?: boolean;
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  fault?: boolean;
}
export interface ListShape extends Base {
  type: 'list';
  member: MemberRef;
  min?: number;
  max?: number;
  flattened?: boolean;
}
export interface MapShape extends Base {
  type: 'map';
  key: MemberRef;
  value: MemberRef;
  min?: number;
  max?: number;
  flattened?: boolean;
}
export interface StringShape extends Base {
  type: 'string';
  min?: number;
  max?: number;
  pattern?: string;
  enum?: readonly string[];
}
export interface NumberShape extends Base {
  type: 'integer' | 'long' | 'float' | 'double';
  min?: number;
  max?: number;
}
export interface BlobShape extends Base {
  type: 'blob';
  min?: number;
  max?: number;
}
export interface TimestampShape extends Base {
  type: 'timestamp';
  timestampFormat?: string;
}
export interface BooleanShape extends Base {
  type: 'boolean';
}

export type Shape = StructureShape | ListShape | MapShape | StringShape | NumberShape | BlobShape | TimestampShape | BooleanShape;
export type ShapeTable = Readonly<Record<string, Shape>>;

export interface OperationEntry {
  input?: string;
  output?: string;
  /** Query protocol: the element wrapping the output members (`CreateUserResult`). */
  resultWrapper?: string;
  errors: readonly string[];
}
export type OperationTable = Readonly<Record<string, OperationEntry>>;

export interface ServiceMetadata {
  name: 'kms' | 'logs' | 'iam' | 'sts' | 'kinesis';
  protocol: 'json' | 'query';
  apiVersion: string;
  targetPrefix?: string;
  jsonVersion?: string;
  xmlNamespace?: string;
  validationErrorCode: string;
}
