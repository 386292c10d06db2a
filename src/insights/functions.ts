/** Scalar functions of the query language (aggregates live in `aggregates.ts`). */
import { isIP } from 'node:net';
import { Time, toNumber, toText, truthy, type Value } from './values.js';

type Fn = (args: Value[]) => Value;

const num = (v: Value) => toNumber(v);
const mapNum = (f: (n: number) => number): Fn => (a) => {
  const n = num(a[0]);
  if (n === undefined) return undefined;
  const r = f(n);
  return Number.isFinite(r) ? r : undefined;
};
const mapStr = (f: (s: string) => Value): Fn => (a) => {
  const s = toText(a[0]);
  return s === undefined ? undefined : f(s);
};

function floorTo(ms: number, period: number): number {
  return Math.floor(ms / period) * period;
}

/** `isIpInSubnet("10.0.0.5", "10.0.0.0/8")`: IPv4 and IPv6 CIDR membership. */
export function ipInSubnet(ip: string, subnet: string, family?: 4 | 6): boolean {
  const slash = subnet.indexOf('/');
  if (slash < 0) return false;
  const net = subnet.slice(0, slash);
  const bits = Number(subnet.slice(slash + 1));
  const fam = isIP(ip);
  if (fam === 0 || fam !== isIP(net) || (family !== undefined && fam !== family)) return false;
  const a = ipBits(ip, fam);
  const b = ipBits(net, fam);
  const width = fam === 4 ? 32 : 128;
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return false;
  const shift = BigInt(width - bits);
  return a >> shift === b >> shift;
}

function ipBits(ip: string, fam: number): bigint {
  if (fam === 4) return ip.split('.').reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
  let [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  let v4: string[] = [];
  const expand = (s: string | undefined) => (s ? s.split(':') : []);
  let h = expand(head);
  let t = expand(tail);
  const last = (t.length ? t : h)[(t.length ? t : h).length - 1];
  if (last && last.includes('.')) {
    const parts = last.split('.').map(Number);
    v4 = [((parts[0]! << 8) | parts[1]!).toString(16), ((parts[2]! << 8) | parts[3]!).toString(16)];
    if (t.length) t = [...t.slice(0, -1), ...v4];
    else h = [...h.slice(0, -1), ...v4];
  }
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

export const FUNCTIONS: Record<string, Fn> = {
  strlen: mapStr((s) => [...s].length),
  toupper: mapStr((s) => s.toUpperCase()),
  tolower: mapStr((s) => s.toLowerCase()),
  trim: mapStr((s) => s.trim()),
  ltrim: mapStr((s) => s.trimStart()),
  rtrim: mapStr((s) => s.trimEnd()),
  concat: (a) => a.map((v) => toText(v) ?? '').join(''),
  substr: (a) => {
    const s = toText(a[0]);
    const start = num(a[1]);
    if (s === undefined || start === undefined) return undefined;
    const len = a.length > 2 ? num(a[2]) : undefined;
    const from = Math.max(0, Math.trunc(start));
    return len === undefined ? s.slice(from) : s.slice(from, from + Math.max(0, Math.trunc(len)));
  },
  replace: (a) => {
    const s = toText(a[0]);
    const from = toText(a[1]);
    const to = toText(a[2]) ?? '';
    if (s === undefined || from === undefined) return undefined;
    return from === '' ? s : s.split(from).join(to);
  },
  strcontains: (a) => {
    const s = toText(a[0]);
    const t = toText(a[1]);
    return s !== undefined && t !== undefined && s.includes(t) ? 1 : 0;
  },
  ispresent: (a) => a[0] !== undefined,
  isempty: (a) => a[0] === undefined || toText(a[0]) === '',
  isblank: (a) => a[0] === undefined || toText(a[0])!.trim() === '',
  coalesce: (a) => a.find((v) => v !== undefined && v !== ''),
  abs: mapNum(Math.abs),
  ceil: mapNum(Math.ceil),
  floor: mapNum(Math.floor),
  log: mapNum(Math.log),
  sqrt: mapNum(Math.sqrt),
  greatest: (a) => {
    const ns = a.map(num).filter((n): n is number => n !== undefined);
    return ns.length ? Math.max(...ns) : undefined;
  },
  least: (a) => {
    const ns = a.map(num).filter((n): n is number => n !== undefined);
    return ns.length ? Math.min(...ns) : undefined;
  },
  frommillis: (a) => {
    const n = num(a[0]);
    return n === undefined ? undefined : new Time(n);
  },
  tomillis: (a) => num(a[0]),
  datefloor: (a) => {
    const t = num(a[0]);
    const p = num(a[1]);
    return t === undefined || p === undefined ? undefined : new Time(floorTo(t, p));
  },
  dateceil: (a) => {
    const t = num(a[0]);
    const p = num(a[1]);
    return t === undefined || p === undefined ? undefined : new Time(Math.ceil(t / p) * p);
  },
  isvalidip: mapStr((s) => isIP(s) !== 0),
  isvalidipv4: mapStr((s) => isIP(s) === 4),
  isvalidipv6: mapStr((s) => isIP(s) === 6),
  isipinsubnet: (a) => ipInSubnet(toText(a[0]) ?? '', toText(a[1]) ?? ''),
  isipv4insubnet: (a) => ipInSubnet(toText(a[0]) ?? '', toText(a[1]) ?? '', 4),
  isipv6insubnet: (a) => ipInSubnet(toText(a[0]) ?? '', toText(a[1]) ?? '', 6),
};

export { truthy };
