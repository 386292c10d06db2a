/**
 * The key-policy linter behind `logseal policy lint` and the console's policy editor: every problem it finds, each
 * with its JSON path and line/column, phrased to say what is wrong and what was probably meant. KMS's own answer to
 * PutKeyPolicy stays AWS's one line (`MalformedPolicyDocumentException`); this is the explanation beside it.
 *
 * It finds: JSON syntax errors (trailing commas included), unknown element names (`Principle`, `Efect`), unknown
 * `Effect` values, unknown condition operators (`ArnLikee`), actions that match no KMS action (`kms:GenrateDataKey*`)
 * and other services' actions, a service principal of another region than the key's, a CloudWatch Logs statement
 * whose `kms:EncryptionContext:aws:logs:arn` values can never match a log group or anomaly detector ARN of the key's
 * account and region, and a policy that would lock everyone out of changing it (AWS's lockout safety check).
 *
 * Runs in node and in the browser: no node imports.
 */
import { BASE_OPERATORS } from '../../auth/policy/parse.js';
import { AWS_REGIONS } from '../../common/regions.generated.js';
import { KMS_ACTIONS } from './kmsActions.generated.js';
import { JsonSyntaxError, parseJson, type JsonEntry, type JsonNode, type Pos } from './json.js';

export type Severity = 'error' | 'warning';

export type LintCode =
  | 'json-syntax'
  | 'structure'
  | 'unknown-element'
  | 'effect'
  | 'condition-operator'
  | 'action'
  | 'service-principal-region'
  | 'logs-arn-pattern'
  | 'lockout'
  | 'duplicate';

export interface LintProblem {
  code: LintCode;
  /** 'error': KMS refuses the policy; 'warning': KMS accepts it, but it does not do what it seems to. */
  severity: Severity;
  /** JSON path of the element, `$.Statement[0].Effect`. */
  path: string;
  line: number;
  column: number;
  /** Characters from the start of the text (for editors). */
  offset: number;
  message: string;
}

export interface LintOptions {
  /** The key's ARN: gives the region and account the region and ARN checks use. */
  keyArn?: string;
  region?: string;
  accountId?: string;
  /** The principal who will save the policy (lockout check); the account's root when absent. */
  caller?: string;
}

const DOCUMENT_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
const EFFECTS = ['Allow', 'Deny'];
const LOGS_ARN_KEY = 'kms:encryptioncontext:aws:logs:arn';
const REGION_NAMES = new Set(AWS_REGIONS.map(([r]) => r));

export function lintKeyPolicy(text: string, opts: LintOptions = {}): LintProblem[] {
  const scope = scopeOf(opts);
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return [problem('json-syntax', 'error', '$', e.pos, `JSON syntax error: ${e.message}.`)];
    throw e;
  }
  const out: LintProblem[] = [];
  new Linter(out, scope).document(root);
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** One line per problem: `LINE:COL  severity  PATH  message`. */
export function formatProblem(p: LintProblem, file?: string): string {
  return `${file ? `${file}:` : ''}${p.line}:${p.column}  ${p.severity}  ${p.path}  ${p.message}`;
}

interface Scope {
  region?: string;
  accountId?: string;
  caller?: string;
}

function scopeOf(opts: LintOptions): Scope {
  const arn = opts.keyArn ? /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):/.exec(opts.keyArn) : null;
  return { region: opts.region ?? arn?.[1], accountId: opts.accountId ?? arn?.[2], caller: opts.caller };
}

function problem(code: LintCode, severity: Severity, path: string, pos: Pos, message: string): LintProblem {
  return { code, severity, path, line: pos.line, column: pos.column, offset: pos.offset, message };
}

function child(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

interface StatementFacts {
  allow: boolean;
  principals: string[] | '*';
  services: string[];
  actions: { patterns: string[]; not: boolean } | null;
  resources: { patterns: string[]; not: boolean } | null;
  hasCondition: boolean;
}

class Linter {
  private readonly statements: StatementFacts[] = [];
  private broken = false;

  constructor(
    private readonly out: LintProblem[],
    private readonly scope: Scope,
  ) {}

  private add(code: LintCode, severity: Severity, path: string, pos: Pos, message: string): void {
    if (severity === 'error') this.broken = true;
    this.out.push(problem(code, severity, path, pos, message));
  }

  document(root: JsonNode): void {
    if (root.kind !== 'object') {
      this.add('structure', 'error', '$', root.pos, 'A key policy is a JSON object: { "Version": "2012-10-17", "Statement": [ … ] }.');
      return;
    }
    this.duplicates(root, '$');
    let statement: JsonEntry | undefined;
    for (const e of root.entries) {
      const path = child('$', e.key);
      if (e.key === 'Statement') statement = e;
      else if (e.key === 'Version') {
        if (e.value.kind !== 'string' || (e.value.value !== '2012-10-17' && e.value.value !== '2008-10-17')) {
          this.add('structure', 'error', path, e.value.pos, '"Version" must be "2012-10-17" (or the older "2008-10-17").');
        }
      } else if (e.key === 'Id') {
        if (e.value.kind !== 'string') this.add('structure', 'error', path, e.value.pos, '"Id" must be a string.');
      } else this.unknown(e, path, DOCUMENT_KEYS, 'top-level element');
    }
    if (!statement) {
      this.add('structure', 'error', '$', root.pos, 'The policy has no "Statement".');
      return;
    }
    const st = statement.value;
    const sids = new Map<string, string>();
    if (st.kind === 'array') {
      if (st.items.length === 0) this.add('structure', 'error', '$.Statement', st.pos, '"Statement" is empty: the key would allow nobody anything.');
      st.items.forEach((s, i) => this.statement(s, `$.Statement[${i}]`, sids));
    } else this.statement(st, '$.Statement', sids);
    if (!this.broken) this.lockout(root.pos);
  }

  /** Names an unknown element probably stood for, so their absence is not reported a second time. */
  private guessed = new Set<string>();

  private unknown(e: JsonEntry, path: string, known: string[], what: string): void {
    const guess = closest(e.key, known);
    if (guess) this.guessed.add(guess);
    this.add(
      'unknown-element',
      'error',
      path,
      e.keyPos,
      `Unknown ${what} "${e.key}"${guess ? ` (did you mean "${guess}"?)` : ''}; allowed: ${known.join(', ')}.`,
    );
  }

  private duplicates(node: JsonNode & { kind: 'object' }, path: string): void {
    const seen = new Set<string>();
    for (const e of node.entries) {
      if (seen.has(e.key)) this.add('duplicate', 'error', child(path, e.key), e.keyPos, `"${e.key}" appears twice in the same object.`);
      seen.add(e.key);
    }
  }

  private statement(node: JsonNode, path: string, sids: Map<string, string>): void {
    if (node.kind !== 'object') {
      this.add('structure', 'error', path, node.pos, 'A statement is a JSON object with "Effect", "Principal", "Action" and "Resource".');
      return;
    }
    this.duplicates(node, path);
    const get = (k: string) => node.entries.find((e) => e.key === k);
    this.guessed = new Set();
    const facts: StatementFacts = { allow: false, principals: [], services: [], actions: null, resources: null, hasCondition: false };
    for (const e of node.entries) if (!STATEMENT_KEYS.includes(e.key)) this.unknown(e, child(path, e.key), STATEMENT_KEYS, 'statement element');

    const sid = get('Sid');
    if (sid) {
      if (sid.value.kind !== 'string') this.add('structure', 'error', `${path}.Sid`, sid.value.pos, '"Sid" must be a string.');
      else if (sid.value.value !== '') {
        const before = sids.get(sid.value.value);
        if (before) this.add('duplicate', 'error', `${path}.Sid`, sid.value.pos, `The Sid "${sid.value.value}" is already used by ${before}; each Sid must be unique.`);
        sids.set(sid.value.value, path);
      }
    }

    const effect = get('Effect');
    if (!effect) {
      if (!this.guessed.has('Effect')) this.add('structure', 'error', path, node.pos, 'The statement has no "Effect" ("Allow" or "Deny").');
    } else if (effect.value.kind !== 'string' || !EFFECTS.includes(effect.value.value)) {
      const written = effect.value.kind === 'string' ? effect.value.value : '';
      const guess = closest(written, EFFECTS);
      this.add(
        'effect',
        'error',
        `${path}.Effect`,
        effect.value.pos,
        `"Effect" must be "Allow" or "Deny", not ${effect.value.kind === 'string' ? `"${written}"` : `a ${effect.value.kind}`}${guess ? ` (did you mean "${guess}"?)` : ''}.`,
      );
    } else facts.allow = effect.value.value === 'Allow';

    this.exactlyOne(node, path, 'Principal', 'NotPrincipal', 'who it applies to');
    this.exactlyOne(node, path, 'Action', 'NotAction', 'which actions it covers');
    this.exactlyOne(node, path, 'Resource', 'NotResource', 'which resources it covers ("*" is this key)');

    for (const k of ['Principal', 'NotPrincipal']) {
      const e = get(k);
      if (e) this.principal(e.value, `${path}.${k}`, k === 'Principal' ? facts : null);
    }
    for (const k of ['Action', 'NotAction']) {
      const e = get(k);
      if (!e) continue;
      const list = this.strings(e.value, `${path}.${k}`);
      if (list) {
        facts.actions = { patterns: list.map((x) => x.value), not: k === 'NotAction' };
        for (const a of list) this.action(a.value, a.path, a.pos);
      }
    }
    for (const k of ['Resource', 'NotResource']) {
      const e = get(k);
      if (!e) continue;
      const list = this.strings(e.value, `${path}.${k}`);
      if (list) facts.resources = { patterns: list.map((x) => x.value), not: k === 'NotResource' };
    }
    const cond = get('Condition');
    if (cond) {
      facts.hasCondition = true;
      this.condition(cond.value, `${path}.Condition`, facts);
    }
    this.statements.push(facts);
  }

  private exactlyOne(node: JsonNode & { kind: 'object' }, path: string, a: string, b: string, what: string): void {
    const has = (k: string) => node.entries.some((e) => e.key === k);
    if (has(a) && has(b)) this.add('structure', 'error', path, node.pos, `Use "${a}" or "${b}", not both.`);
    else if (!has(a) && !has(b) && !this.guessed.has(a) && !this.guessed.has(b)) this.add('structure', 'error', path, node.pos, `The statement needs "${a}" (${what}).`);
  }

  /** A string or a non-empty list of strings, with each string's path and position; null (reported) otherwise. */
  private strings(node: JsonNode, path: string): { value: string; path: string; pos: Pos }[] | null {
    if (node.kind === 'string') return [{ value: node.value, path, pos: node.pos }];
    if (node.kind === 'array' && node.items.length > 0 && node.items.every((i) => i.kind === 'string')) {
      return node.items.map((i, n) => ({ value: (i as { value: string }).value, path: `${path}[${n}]`, pos: i.pos }));
    }
    this.add('structure', 'error', path, node.pos, `${path.slice(path.lastIndexOf('.') + 1)} must be a string or a non-empty list of strings.`);
    return null;
  }

  private principal(node: JsonNode, path: string, facts: StatementFacts | null): void {
    if (node.kind === 'string' && node.value === '*') {
      if (facts) facts.principals = '*';
      return;
    }
    if (node.kind !== 'object') {
      this.add('structure', 'error', path, node.pos, 'A principal is "*" or an object such as { "AWS": "arn:aws:iam::111122223333:root" }.');
      return;
    }
    this.duplicates(node, path);
    for (const e of node.entries) {
      const p = child(path, e.key);
      if (!PRINCIPAL_TYPES.includes(e.key)) {
        this.unknown(e, p, PRINCIPAL_TYPES, 'principal type');
        continue;
      }
      const list = this.strings(e.value, p);
      if (!list) continue;
      if (e.key === 'AWS' && facts && facts.principals !== '*') {
        for (const x of list) {
          if (x.value === '*') facts.principals = '*';
          else if (facts.principals !== '*') facts.principals.push(x.value);
        }
      }
      if (e.key === 'Service') {
        for (const x of list) {
          facts?.services.push(x.value);
          this.servicePrincipal(x.value, x.path, x.pos);
        }
      }
    }
  }

  private servicePrincipal(name: string, path: string, pos: Pos): void {
    const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(name);
    if (!m || !/^[a-z]{2,}(?:-[a-z]+)+-\d+$/.test(m[2]!)) return;
    const [, service, region] = m as unknown as [string, string, string];
    if (!REGION_NAMES.has(region) && region !== this.scope.region) {
      this.add('service-principal-region', 'warning', path, pos, `"${name}" names the region "${region}", which AWS does not have.`);
    } else if (this.scope.region && region !== this.scope.region) {
      this.add(
        'service-principal-region',
        'warning',
        path,
        pos,
        `"${name}" is ${service} in ${region}, but this key is in ${this.scope.region}: ${service} in ${this.scope.region} calls KMS as "${service}.${this.scope.region}.amazonaws.com", so this statement never applies to it.`,
      );
    }
  }

  private action(action: string, path: string, pos: Pos): void {
    if (action === '*') return;
    const colon = action.indexOf(':');
    if (colon < 0) {
      this.add('action', 'warning', path, pos, `"${action}" is not an action: actions are written "kms:Name", such as "kms:Decrypt".`);
      return;
    }
    const service = action.slice(0, colon);
    const name = action.slice(colon + 1);
    if (service.toLowerCase() !== 'kms') {
      this.add('action', 'warning', path, pos, `"${action}" is not a KMS action; a key policy controls only kms: actions, so it has no effect here.`);
      return;
    }
    const re = globRegex(name, true);
    if (KMS_ACTIONS.some((a) => re.test(a))) return;
    const guess = closestAction(name);
    this.add('action', 'warning', path, pos, `"${action}" matches no KMS action${guess ? ` (did you mean "kms:${guess}"?)` : ''}: it allows or denies nothing.`);
  }

  private condition(node: JsonNode, path: string, facts: StatementFacts): void {
    if (node.kind !== 'object') {
      this.add('structure', 'error', path, node.pos, '"Condition" is an object of operators, such as { "StringEquals": { "aws:SourceAccount": "111122223333" } }.');
      return;
    }
    this.duplicates(node, path);
    const logs = facts.services.some((s) => s === 'logs.amazonaws.com' || /^logs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(s));
    for (const e of node.entries) {
      const p = child(path, e.key);
      const op = parseOperator(e.key);
      if (!op) {
        const { prefix, base, suffix } = splitOperator(e.key);
        const guess = closest(base, [...BASE_OPERATORS]);
        this.add(
          'condition-operator',
          'error',
          p,
          e.keyPos,
          `Unknown condition operator "${e.key}"${guess ? ` (did you mean "${prefix}${guess}${guess === 'Null' ? '' : suffix}"?)` : ''}.`,
        );
        continue;
      }
      if (e.value.kind !== 'object') {
        this.add('structure', 'error', p, e.value.pos, `The operator "${e.key}" maps condition keys to values: { "${e.key}": { "key": "value" } }.`);
        continue;
      }
      this.duplicates(e.value, p);
      for (const clause of e.value.entries) {
        const cp = child(p, clause.key);
        const v = clause.value;
        const scalar = (n: JsonNode) => n.kind === 'string' || n.kind === 'number' || n.kind === 'boolean';
        if (!(scalar(v) || (v.kind === 'array' && v.items.every(scalar)))) {
          this.add('structure', 'error', cp, v.pos, 'A condition value is a string, number, boolean or a list of them.');
          continue;
        }
        if (logs && clause.key.toLowerCase() === LOGS_ARN_KEY && !op.negated) this.logsArn(op.base, v, cp);
      }
    }
  }

  /** Each value of the logs ARN condition must be able to match a log group or detector ARN of this account. */
  private logsArn(base: string, node: JsonNode, path: string): void {
    const { region, accountId } = this.scope;
    if (!region || !accountId) return;
    const values = node.kind === 'array' ? node.items.map((n, i) => ({ n, path: `${path}[${i}]` })) : [{ n: node, path }];
    for (const { n, path: vp } of values) {
      if (n.kind !== 'string') continue;
      const why = logsArnMismatch(base, n.value, region, accountId);
      if (why) {
        this.add(
          'logs-arn-pattern',
          'warning',
          vp,
          n.pos,
          `"${n.value}" can never match a log group or anomaly detector of account ${accountId} in ${region} (arn:aws:logs:${region}:${accountId}:log-group:NAME or …:anomaly-detector:ID): ${why}.`,
        );
      }
    }
  }

  /** AWS refuses a policy that would not let the caller (or, through IAM, the account) call PutKeyPolicy again. */
  private lockout(pos: Pos): void {
    const { accountId, caller } = this.scope;
    const who = (p: string) =>
      p === '*' ||
      (accountId !== undefined && (p === accountId || p === `arn:aws:iam::${accountId}:root`)) ||
      (caller !== undefined && p === caller) ||
      (accountId === undefined && /^(\d{12}|arn:aws:iam::\d{12}:root)$/.test(p));
    const allows = this.statements.some((s) => {
      if (!s.allow || !s.actions || !s.resources) return false;
      if (s.principals !== '*' && !s.principals.some(who)) return false;
      const act = s.actions.patterns.some((a) => a === '*' || globRegex(a, true).test('kms:PutKeyPolicy'));
      if (act === s.actions.not) return false;
      if (s.resources.not) return !s.resources.patterns.includes('*');
      return s.resources.patterns.some((r) => r === '*' || r.includes(':key/'));
    });
    if (!allows) {
      const whom = caller ?? (accountId ? `arn:aws:iam::${accountId}:root` : 'the account');
      this.add(
        'lockout',
        'error',
        '$',
        pos,
        `No statement allows ${whom} kms:PutKeyPolicy, so KMS refuses this policy ("The new key policy will not allow you to update the key policy in the future."). Keep a statement allowing the account root "kms:*" on "*".`,
      );
    }
  }
}

function parseOperator(op: string): { base: string; negated: boolean } | null {
  const { base, suffix } = splitOperator(op);
  if (!BASE_OPERATORS.has(base) || (base === 'Null' && suffix !== '')) return null;
  return { base, negated: /Not/.test(base) };
}

function splitOperator(op: string): { prefix: string; base: string; suffix: string } {
  const prefix = /^(ForAnyValue:|ForAllValues:)/.exec(op)?.[1] ?? '';
  let base = op.slice(prefix.length);
  const suffix = base.endsWith('IfExists') && base.length > 8 ? 'IfExists' : '';
  base = base.slice(0, base.length - suffix.length);
  return { prefix, base, suffix };
}

/** Why a value of the logs ARN condition can match no log group or detector ARN, or null when it can. */
export function logsArnMismatch(base: string, pattern: string, region: string, accountId: string): string | null {
  const value = pattern.replace(/\$\{[^}]*\}/g, '*');
  const fixed = ['arn', 'aws', 'logs', region, accountId];
  const names = ['"arn"', 'the partition "aws"', 'the service "logs"', `the region ${region}`, `the account ${accountId}`];
  const resources = ['log-group:', 'anomaly-detector:'];
  const ignoreCase = base === 'StringEqualsIgnoreCase';
  const wild = base === 'ArnLike' || base === 'ArnEquals' || base === 'StringLike';
  if (base === 'ArnLike' || base === 'ArnEquals') {
    if (value === '*') return null;
    const parts = value.split(':');
    if (parts.length < 6) return 'it is not an ARN (an ARN has six parts separated by ":")';
    for (let i = 0; i < 5; i++) {
      if (!globRegex(parts[i]!, false).test(fixed[i]!)) return `its part "${parts[i]}" does not match ${names[i]}`;
    }
    const resource = parts.slice(5).join(':');
    if (resources.some((r) => canMatchWithPrefix(resource, r))) return null;
    return `its resource "${resource}" matches neither "log-group:NAME" nor "anomaly-detector:ID"`;
  }
  const prefixes = resources.map((r) => `${fixed.join(':')}:${r}`);
  if (wild ? prefixes.some((p) => canMatchWithPrefix(value, p)) : prefixes.some((p) => (ignoreCase ? value.toLowerCase() : value).startsWith(p) && value.length > p.length)) {
    return null;
  }
  const parts = value.split(':');
  for (let i = 0; i < 5 && i < parts.length; i++) {
    const ok = wild ? /[*?]/.test(parts[i]!) || parts[i] === fixed[i] : (ignoreCase ? parts[i]!.toLowerCase() : parts[i]) === fixed[i];
    if (!ok) return `its part "${parts[i]}" does not match ${names[i]}`;
  }
  return 'its resource matches neither "log-group:NAME" nor "anomaly-detector:ID"';
}

/** A glob (`*`, `?`) as an anchored regular expression. */
function globRegex(glob: string, ignoreCase: boolean): RegExp {
  const src = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${src}$`, ignoreCase ? 'is' : 's');
}

/** Whether some string that starts with `prefix` matches the glob: the glob's automaton survives the prefix. */
function canMatchWithPrefix(glob: string, prefix: string): boolean {
  let states = new Set<number>([0]);
  const close = (s: Set<number>) => {
    for (const i of [...s]) for (let j = i; glob[j] === '*'; j++) s.add(j + 1);
    return s;
  };
  states = close(states);
  for (const c of prefix) {
    const next = new Set<number>();
    for (const i of states) {
      const g = glob[i];
      if (g === '*') next.add(i);
      else if (g === '?' || g === c) next.add(i + 1);
    }
    states = close(next);
    if (states.size === 0) return false;
  }
  return states.size > 0;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]!;
}

/** The known name a person probably meant: same but for case, or within a few edits. */
function closest(written: string, known: readonly string[]): string | undefined {
  const lower = written.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same) return same;
  let best: string | undefined;
  let bestD = Math.max(1, Math.min(3, Math.floor(written.length / 3)));
  for (const k of known) {
    const d = distance(lower, k.toLowerCase());
    if (d <= bestD && (best === undefined || d < bestD)) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** For `GenrateDataKey*`: the action prefix closest to the literal part, written back with its wildcard. */
function closestAction(name: string): string | undefined {
  const star = name.endsWith('*');
  const literal = name.replace(/[*?]+$/, '');
  if (/[*?]/.test(literal)) return undefined;
  if (!star) return closest(literal, KMS_ACTIONS);
  const prefixes = new Set<string>();
  for (const a of KMS_ACTIONS) for (let n = literal.length - 2; n <= literal.length + 2; n++) if (n > 0 && n <= a.length) prefixes.add(a.slice(0, n));
  const guess = closest(literal, [...prefixes]);
  return guess ? `${guess}*` : undefined;
}
