import { PolicyError, PolicyReason } from './errors.js';
import { parseStrictJson, type Json } from './json.js';
import type {
  BaseOperator,
  ConditionClause,
  Effect,
  ParseOptions,
  Policy,
  PolicyVersion,
  PrincipalSpec,
  SetQualifier,
  Statement,
} from './types.js';

const TOP_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const VERSIONS = new Set<string>(['2012-10-17', '2008-10-17']);
const PRINCIPAL_KINDS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

export const BASE_OPERATORS: ReadonlySet<string> = new Set<BaseOperator>([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
]);

const ACCOUNT_ID = /^\d{12}$/;
const PARTITION = '(?:aws|aws-cn|aws-us-gov)';
const ROOT_ARN = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):root$`);
// IAM names and paths: letters, digits and +=,.@_-; paths add '/'.
const IAM_ENTITY_ARN = new RegExp(`^arn:${PARTITION}:iam::\\d{12}:(?:user|role)/[\\w+=,.@/-]+$`);
const STS_SESSION_ARN = new RegExp(`^arn:${PARTITION}:sts::\\d{12}:(?:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+|federated-user/[\\w+=,.@-]+)$`);
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(?:amazonaws\.com(?:\.cn)?|amazon\.com)$/;
const VENDOR = /^[a-zA-Z0-9\-.]+$/;

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(reason: string): never {
  throw new PolicyError(reason);
}

/** A string or a list of strings (Action, Resource, principal ids); anything else is a syntax error. */
function stringList(v: Json): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return fail(PolicyReason.syntax);
}

/** Condition values: AWS reads numbers and booleans as their string forms. */
function conditionValues(v: Json): string[] {
  const one = (x: Json): string => {
    if (typeof x === 'string') return x;
    if (typeof x === 'number' || typeof x === 'boolean') return String(x);
    return fail(PolicyReason.syntax);
  };
  return Array.isArray(v) ? v.map(one) : [one(v)];
}

function parseOperator(op: string): { base: BaseOperator; qualifier: SetQualifier | null; ifExists: boolean } | null {
  let rest = op;
  let qualifier: SetQualifier | null = null;
  if (rest.startsWith('ForAnyValue:')) {
    qualifier = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  } else if (rest.startsWith('ForAllValues:')) {
    qualifier = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists') && rest.length > 'IfExists'.length) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  if (!BASE_OPERATORS.has(rest)) return null;
  // IfExists is defined for every operator except Null.
  if (rest === 'Null' && ifExists) return null;
  return { base: rest as BaseOperator, qualifier, ifExists };
}

function parseConditions(v: Json): ConditionClause[] {
  if (!isObject(v)) return fail(PolicyReason.syntax);
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(v)) {
    if (!isObject(block)) return fail(PolicyReason.syntax);
    const parsed = parseOperator(operator);
    if (!parsed) {
      // IAM tolerates an unknown operator only when its block is empty.
      if (Object.keys(block).length === 0) continue;
      return fail(PolicyReason.syntax);
    }
    for (const [key, values] of Object.entries(block)) {
      if (key.length === 0) return fail(PolicyReason.syntax);
      clauses.push({ operator, ...parsed, key, values: conditionValues(values) });
    }
  }
  return clauses;
}

/** Principal syntax; semantic checks (which ids are valid) come after the whole document parsed. */
function parsePrincipal(v: Json): PrincipalSpec {
  const spec: PrincipalSpec = { wildcard: false, accounts: [], arns: [], services: [], federated: [], canonicalUsers: [] };
  if (typeof v === 'string') {
    if (v !== '*') fail(PolicyReason.invalidPrincipals);
    spec.wildcard = true;
    return spec;
  }
  if (!isObject(v)) return fail(PolicyReason.syntax);
  for (const [kind, ids] of Object.entries(v)) {
    if (!PRINCIPAL_KINDS.has(kind)) fail(PolicyReason.invalidPrincipals);
    for (const id of stringList(ids)) {
      if (kind === 'AWS') {
        const root = ROOT_ARN.exec(id);
        if (id === '*') spec.wildcard = true;
        else if (ACCOUNT_ID.test(id)) spec.accounts.push(id);
        else if (root) spec.accounts.push(root[1]!);
        // Groups are never principals; wildcards inside an ARN are never allowed.
        else if (IAM_ENTITY_ARN.test(id) || STS_SESSION_ARN.test(id)) spec.arns.push(id);
        else fail(PolicyReason.invalidPrincipals);
      } else if (kind === 'Service') {
        if (!SERVICE_PRINCIPAL.test(id)) fail(PolicyReason.invalidPrincipals);
        spec.services.push(id);
      } else {
        if (id.length === 0 || id.includes('*') || id.includes('?')) fail(PolicyReason.invalidPrincipals);
        (kind === 'Federated' ? spec.federated : spec.canonicalUsers).push(id);
      }
    }
  }
  const count = spec.accounts.length + spec.arns.length + spec.services.length + spec.federated.length + spec.canonicalUsers.length;
  if (!spec.wildcard && count === 0) fail(PolicyReason.noPrincipal);
  return spec;
}

interface RawStatement {
  raw: Record<string, Json>;
  statement: Statement;
}

function parseStatementSyntax(raw: Json, index: number): RawStatement {
  if (!isObject(raw)) return fail(PolicyReason.syntax);
  for (const k of Object.keys(raw)) if (!STATEMENT_ELEMENTS.has(k)) fail(PolicyReason.syntax);
  for (const [a, b] of [
    ['Action', 'NotAction'],
    ['Resource', 'NotResource'],
    ['Principal', 'NotPrincipal'],
  ] as const) {
    if (a in raw && b in raw) fail(PolicyReason.syntax);
  }
  const effect = raw['Effect'];
  if (typeof effect !== 'string' || !['allow', 'deny'].includes(effect.toLowerCase())) fail(PolicyReason.syntax);
  const sid = raw['Sid'];
  if (sid !== undefined && typeof sid !== 'string') fail(PolicyReason.syntax);
  const statement: Statement = {
    index,
    effect: effect as Effect,
    conditions: raw['Condition'] === undefined ? [] : parseConditions(raw['Condition']),
    ineffective: false,
  };
  if (sid !== undefined) statement.sid = sid;
  if (raw['Action'] !== undefined) statement.action = stringList(raw['Action']);
  if (raw['NotAction'] !== undefined) statement.notAction = stringList(raw['NotAction']);
  if (raw['Resource'] !== undefined) statement.resource = stringList(raw['Resource']);
  if (raw['NotResource'] !== undefined) statement.notResource = stringList(raw['NotResource']);
  return { raw, statement };
}

function checkAction(action: string): void {
  if (action === '*') return;
  const parts = action.split(':');
  if (parts.length === 1) fail(PolicyReason.actionVendor);
  if (parts.length > 2) fail(PolicyReason.actionColons);
  const vendor = parts[0]!;
  if (vendor !== '*' && !VENDOR.test(vendor)) fail(PolicyReason.vendorInvalid(vendor));
}

/**
 * Parses and validates a policy document, throwing `PolicyError` with the reason AWS gives. Checks run in the order
 * IAM applies them (syntax, legacy parsing, Sid uniqueness, actions, resources), so that a document with several
 * faults is refused for the same one.
 */
export function parsePolicy(json: string, opts: ParseOptions): Policy {
  let doc: Json;
  try {
    // Strict: a member named twice (two `Effect`s in a statement) is a syntax error, not "the last one wins".
    doc = parseStrictJson(json);
  } catch {
    return fail(PolicyReason.syntax);
  }
  if (!isObject(doc)) return fail(PolicyReason.syntax);
  for (const k of Object.keys(doc)) if (!TOP_ELEMENTS.has(k)) fail(PolicyReason.syntax);

  const policy: Policy = { statements: [] };
  const version = doc['Version'];
  if (version !== undefined) {
    if (typeof version !== 'string' || !VERSIONS.has(version)) fail(PolicyReason.syntax);
    policy.version = version as PolicyVersion;
  }
  const id = doc['Id'];
  if (id !== undefined) {
    if (typeof id !== 'string') fail(PolicyReason.syntax);
    policy.id = id;
  }
  const rawStatements = doc['Statement'];
  const list = Array.isArray(rawStatements) ? rawStatements : isObject(rawStatements) ? [rawStatements] : null;
  if (!list || list.length === 0) return fail(PolicyReason.syntax);
  const parsed = list.map((s, i) => parseStatementSyntax(s, i));

  // Legacy parsing: the effect is case-sensitive.
  for (const { statement } of parsed) {
    if (statement.effect !== 'Allow' && statement.effect !== 'Deny') fail(PolicyReason.legacyParsing);
  }

  for (const { raw, statement } of parsed) {
    const hasPrincipal = raw['Principal'] !== undefined || raw['NotPrincipal'] !== undefined;
    if (opts.kind === 'identity') {
      if (hasPrincipal) fail(PolicyReason.principalNotAllowed);
      continue;
    }
    if (!hasPrincipal) fail(PolicyReason.noPrincipal);
    if (raw['Principal'] !== undefined) statement.principal = parsePrincipal(raw['Principal']);
    else statement.notPrincipal = parsePrincipal(raw['NotPrincipal']!);
  }

  const sids = new Set<string>();
  for (const { statement } of parsed) {
    if (!statement.sid) continue;
    if (sids.has(statement.sid)) fail(PolicyReason.duplicateSid);
    sids.add(statement.sid);
  }

  const lenient = opts.missingActionOrResource === 'ineffective';
  for (const { statement } of parsed) {
    const actions = statement.action ?? statement.notAction;
    if (!actions || actions.length === 0) {
      if (!lenient) fail(PolicyReason.noActions);
      statement.ineffective = true;
    }
  }
  for (const { statement } of parsed) {
    const resources = statement.resource ?? statement.notResource;
    if (!resources || resources.length === 0) {
      if (!lenient) fail(PolicyReason.noResources);
      statement.ineffective = true;
    }
  }
  for (const { statement } of parsed) {
    for (const r of statement.resource ?? statement.notResource ?? []) {
      if (r !== '*' && !r.includes(':') && !opts.anyResource) fail(PolicyReason.resourceFormat(r));
    }
  }
  for (const { statement } of parsed) {
    for (const a of statement.action ?? statement.notAction ?? []) checkAction(a);
  }

  if (opts.principalExists) {
    for (const { statement } of parsed) {
      const spec = statement.principal ?? statement.notPrincipal;
      for (const arn of spec?.arns ?? []) {
        if (!opts.principalExists(arn)) fail(PolicyReason.invalidPrincipals);
      }
    }
  }

  policy.statements = parsed.map((p) => p.statement);
  return policy;
}
