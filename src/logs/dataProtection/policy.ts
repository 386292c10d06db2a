/**
 * The data protection policy document as CloudWatch Logs defines it:
 *
 *   { "Name": …, "Description": …, "Version": "2021-06-01",
 *     "Configuration": { "CustomDataIdentifier": [ { "Name": …, "Regex": … } ] },
 *     "Statement": [ { "Sid": …, "DataIdentifier": [ARN or custom name, …], "Operation": { "Audit": { "FindingsDestination": {…} } } },
 *                    { "Sid": …, "DataIdentifier": [the same], "Operation": { "Deidentify": { "MaskConfig": {} } } } ] }
 *
 * Exactly two statements, Audit first and Deidentify second, naming the same identifiers; at most 10 custom
 * identifiers (names up to 128 characters, regexes up to 200); the whole document up to 30,720 characters.
 */
import { InvalidParameterException } from '../../protocol/generated/logs.js';
import { messages } from '../messages.js';
import { customIdentifier, MANAGED_ARN_PREFIX, MANAGED_IDENTIFIERS, unsafeRegexReason, type DataIdentifier } from './identifiers.js';

export const POLICY_VERSION = '2021-06-01';
export const MAX_POLICY_CHARS = 30_720;
export const MAX_CUSTOM_IDENTIFIERS = 10;
export const MAX_CUSTOM_NAME = 128;
export const MAX_CUSTOM_REGEX = 200;
const CUSTOM_NAME_RE = /^[A-Za-z0-9_-]+$/;

export interface CompiledDataProtectionPolicy {
  name: string;
  /** The identifiers the Deidentify statement masks (the Audit statement's are the same). */
  identifiers: DataIdentifier[];
}

const bad = (detail: string) => new InvalidParameterException(messages.invalidDataProtectionPolicy(detail));

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses and validates a document; throws InvalidParameterException saying what is wrong. */
export function compileDataProtectionPolicy(text: string): CompiledDataProtectionPolicy {
  if (text.length > MAX_POLICY_CHARS) throw bad(messages.dpPolicyTooLong(MAX_POLICY_CHARS));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad('the document is not valid JSON');
  }
  if (!isObject(doc)) throw bad('the document must be a JSON object');
  for (const k of Object.keys(doc)) {
    if (!['Name', 'Description', 'Version', 'Statement', 'Configuration'].includes(k)) throw bad(`unknown field ${k}`);
  }
  if (doc.Version !== POLICY_VERSION) throw bad(`Version must be ${POLICY_VERSION}`);
  if (doc.Name !== undefined && typeof doc.Name !== 'string') throw bad('Name must be a string');
  if (doc.Description !== undefined && typeof doc.Description !== 'string') throw bad('Description must be a string');

  const custom = new Map<string, DataIdentifier>();
  if (doc.Configuration !== undefined) {
    if (!isObject(doc.Configuration)) throw bad('Configuration must be an object');
    const list = doc.Configuration.CustomDataIdentifier;
    if (list !== undefined) {
      if (!Array.isArray(list)) throw bad('CustomDataIdentifier must be a list');
      if (list.length > MAX_CUSTOM_IDENTIFIERS) throw bad(`at most ${MAX_CUSTOM_IDENTIFIERS} custom data identifiers are allowed`);
      for (const c of list) {
        if (!isObject(c) || typeof c.Name !== 'string' || typeof c.Regex !== 'string') throw bad('each custom data identifier needs a Name and a Regex');
        if (c.Name.length === 0 || c.Name.length > MAX_CUSTOM_NAME) throw bad(`custom data identifier names have 1 to ${MAX_CUSTOM_NAME} characters`);
        if (!CUSTOM_NAME_RE.test(c.Name)) throw bad(`custom data identifier name ${c.Name} may hold only letters, digits, _ and -`);
        if (MANAGED_IDENTIFIERS.has(c.Name) || custom.has(c.Name)) throw bad(`custom data identifier name ${c.Name} is already used`);
        if (c.Regex.length === 0 || c.Regex.length > MAX_CUSTOM_REGEX) throw bad(`custom data identifier regexes have 1 to ${MAX_CUSTOM_REGEX} characters`);
        const unsafe = unsafeRegexReason(c.Regex);
        if (unsafe) throw bad(`custom data identifier ${c.Name}: ${unsafe}`);
        let re: RegExp;
        try {
          re = new RegExp(c.Regex, 'u');
        } catch {
          throw bad(`custom data identifier ${c.Name} has an invalid regex`);
        }
        if (re.test('')) throw bad(`custom data identifier ${c.Name} matches the empty string`);
        custom.set(c.Name, customIdentifier(c.Name, re));
      }
    }
  }

  const st = doc.Statement;
  if (!Array.isArray(st) || st.length !== 2) throw bad('the policy must have exactly two statements, Audit then Deidentify');
  const [audit, deidentify] = st as unknown[];
  const auditIds = statementIdentifiers(audit, 'Audit');
  const deidentifyIds = statementIdentifiers(deidentify, 'Deidentify');
  const sameSet = auditIds.length === deidentifyIds.length && auditIds.every((x) => deidentifyIds.includes(x));
  if (!sameSet) throw bad('the Audit and Deidentify statements must name the same data identifiers');

  const identifiers = deidentifyIds.map((ref) => {
    if (ref.startsWith(MANAGED_ARN_PREFIX)) {
      const id = MANAGED_IDENTIFIERS.get(ref.slice(MANAGED_ARN_PREFIX.length));
      if (!id) throw bad(messages.dpUnknownIdentifier(ref));
      return id;
    }
    const id = custom.get(ref);
    if (!id) throw bad(messages.dpUnknownIdentifier(ref));
    return id;
  });
  return { name: typeof doc.Name === 'string' ? doc.Name : '', identifiers };
}

function statementIdentifiers(s: unknown, operation: 'Audit' | 'Deidentify'): string[] {
  if (!isObject(s)) throw bad('each statement must be an object');
  if (s.Sid !== undefined && typeof s.Sid !== 'string') throw bad('Sid must be a string');
  const ids = s.DataIdentifier;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === 'string')) {
    throw bad('each statement needs a non-empty DataIdentifier list');
  }
  if (new Set(ids).size !== ids.length) throw bad('a DataIdentifier list names an identifier twice');
  const op = s.Operation;
  if (!isObject(op) || Object.keys(op).length !== 1 || !(operation in op)) {
    throw bad(operation === 'Audit' ? 'the first statement must have the Audit operation' : 'the second statement must have the Deidentify operation');
  }
  const body = op[operation];
  if (!isObject(body)) throw bad(`${operation} must be an object`);
  if (operation === 'Deidentify') {
    if (!isObject(body.MaskConfig) || Object.keys(body).length !== 1) throw bad('Deidentify must hold MaskConfig: {}');
  } else if (body.FindingsDestination !== undefined) {
    const fd = body.FindingsDestination;
    if (!isObject(fd)) throw bad('FindingsDestination must be an object');
    for (const [k, v] of Object.entries(fd)) {
      const field = { CloudWatchLogs: 'LogGroup', Firehose: 'DeliveryStream', S3: 'Bucket' }[k];
      if (!field) throw bad(`unknown findings destination ${k}`);
      if (!isObject(v) || typeof v[field] !== 'string' || v[field] === '') throw bad(`FindingsDestination.${k} needs ${field}`);
    }
  }
  return ids as string[];
}

/** Compiled policies by document text (a policy's regexes are built once). */
const compiled = new Map<string, CompiledDataProtectionPolicy>();

export function compiledPolicy(text: string): CompiledDataProtectionPolicy {
  let c = compiled.get(text);
  if (!c) {
    c = compileDataProtectionPolicy(text);
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(text, c);
  }
  return c;
}
