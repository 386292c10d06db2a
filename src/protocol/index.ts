/** The protocol layer: service models generated from the AWS models, AWS JSON 1.1 and AWS Query codecs. */
export { AwsError, isAwsError } from './errors.js';
export { services, serviceForTarget } from './service.js';
export type { ServiceName, ServiceModel, OperationDescriptor, ErrorClass } from './service.js';
export { decodeJsonInput, encodeJsonOutput, encodeJsonError } from './json.js';
export { decodeQueryInput, encodeQueryOutput, encodeQueryError, xmlEscape, isoTimestamp } from './query.js';
export type { Shape, ShapeTable, MemberRef, OperationEntry } from './shapes.js';
export { convertJavaPattern, compileJavaPattern } from './java-regex.js';
/** Generated per-service modules: types (`kms.CreateKeyRequest`), tables and error classes (`iam.NoSuchEntityException`). */
export * as kms from './generated/kms.js';
export * as logs from './generated/logs.js';
export * as iam from './generated/iam.js';
export * as sts from './generated/sts.js';
export * as kinesis from './generated/kinesis.js';
