/** The services, assembled from the generated tables. */
import * as iam from './generated/iam.js';
import * as kinesis from './generated/kinesis.js';
import * as kms from './generated/kms.js';
import * as logs from './generated/logs.js';
import * as sts from './generated/sts.js';
import type { AwsError } from './errors.js';
import type { Ctx } from './runtime.js';
import type { ShapeTable } from './shapes.js';

export type ServiceName = 'kms' | 'logs' | 'iam' | 'sts' | 'kinesis';

export interface OperationDescriptor {
  name: string;
  input?: string;
  output?: string;
  /** Query protocol: the element wrapping the output members. */
  resultWrapper?: string;
  errors: readonly string[];
  /** Generated decoder/validator of the input structure (absent for operations without input). */
  decode?: (wire: unknown, c: Ctx) => unknown;
}

export type ErrorClass = new (message: string, fields?: Record<string, unknown>) => AwsError;

export interface ServiceModel {
  name: ServiceName;
  protocol: 'json' | 'query';
  apiVersion: string;
  targetPrefix?: string;
  xmlNamespace?: string;
  validationErrorCode: string;
  operations: ReadonlyMap<string, OperationDescriptor>;
  shapes: ShapeTable;
  /** Error classes by model shape name (`NoSuchEntityException`). */
  errorClasses: Readonly<Record<string, ErrorClass>>;
}

interface GeneratedModule {
  metadata: { name: ServiceName; protocol: 'json' | 'query'; apiVersion: string; targetPrefix?: string; xmlNamespace?: string; validationErrorCode: string };
  shapes: ShapeTable;
  operations: Readonly<Record<string, { input?: string; output?: string; resultWrapper?: string; errors: readonly string[] }>>;
  decoders: Readonly<Record<string, (x: unknown, c: Ctx) => unknown>>;
  errorClasses: Readonly<Record<string, ErrorClass>>;
}

function build(m: GeneratedModule): ServiceModel {
  const ops = new Map<string, OperationDescriptor>();
  for (const [name, op] of Object.entries(m.operations)) {
    const d: OperationDescriptor = { name, errors: op.errors };
    if (op.input) d.input = op.input;
    if (op.output) d.output = op.output;
    if (op.resultWrapper) d.resultWrapper = op.resultWrapper;
    const dec = m.decoders[name];
    if (dec) d.decode = dec;
    ops.set(name, d);
  }
  const svc: ServiceModel = {
    name: m.metadata.name,
    protocol: m.metadata.protocol,
    apiVersion: m.metadata.apiVersion,
    validationErrorCode: m.metadata.validationErrorCode,
    operations: ops,
    shapes: m.shapes,
    errorClasses: m.errorClasses,
  };
  if (m.metadata.targetPrefix) svc.targetPrefix = m.metadata.targetPrefix;
  if (m.metadata.xmlNamespace) svc.xmlNamespace = m.metadata.xmlNamespace;
  return svc;
}

export const services: Record<ServiceName, ServiceModel> = {
  iam: build(iam),
  kms: build(kms),
  logs: build(logs),
  sts: build(sts),
  kinesis: build(kinesis),
};

const byTargetPrefix = new Map<string, ServiceModel>();
for (const s of Object.values(services)) if (s.targetPrefix) byTargetPrefix.set(s.targetPrefix, s);

/** Resolves an `X-Amz-Target` header (`TrentService.CreateKey`); undefined when the service or operation is unknown. */
export function serviceForTarget(target: string): { service: ServiceModel; operation: string } | undefined {
  const dot = target.indexOf('.');
  if (dot <= 0) return undefined;
  const service = byTargetPrefix.get(target.slice(0, dot));
  const operation = target.slice(dot + 1);
  if (!service || !service.operations.has(operation)) return undefined;
  return { service, operation };
}
