// Licence check of what we ship: the production dependencies (`npm query .prod`, the backend's packages) and the
// packages the admin page bundles (devDependencies, since vite bundles them at build time, but shipped all the same).
// Prints a table; exits 1 when a package's licence is not on the allow-list and no family exception covers it.
// `npm run licences`; run by .ci/run. Decision: docs/decisions/0016-supply-chain-checks.md.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Permissive licences (SPDX ids) whose only condition is keeping the notice. */
export const ALLOWED = new Set([
  'MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'BlueOak-1.0.0', 'CC0-1.0', 'Unlicense',
  // The PSF licence (argparse, under js-yaml): permissive, notice only.
  'Python-2.0',
]);

/**
 * Packages whose package.json says "SEE LICENSE IN LICENSE.txt": allowed only when that file still says what we
 * read. Atlassian's @forge SDKs grant use "in accordance with the Atlassian Developer Terms", the terms every Forge app
 * accepts to be deployed at all; they are the platform this app runs on. A changed text fails the check for a person
 * to read again.
 */
export const FAMILY_EXCEPTIONS = [
  {
    family: '@forge/',
    licenceFile: 'LICENSE.txt',
    mustContain: 'in accordance with the terms and conditions outlined in the Atlassian Developer Terms',
    reason: 'Atlassian Developer Terms: the Forge platform SDKs, licensed for building Forge apps',
  },
];

/** The packages the admin page imports (src/ui/admin); their dependency trees ship in static/admin. */
const PAGE_ROOTS = ':is(#react, #react-dom, #@forge/bridge, [name^=@atlaskit/], #react-querybuilder, #diff, #cronstrue)';

/** True when an SPDX expression is allowed: an id on the list, any side of an OR allowed, every side of an AND. */
export function spdxAllowed(expression, allowed = ALLOWED) {
  const text = expression.trim().replace(/^\((.*)\)$/s, '$1').trim();
  if (text === '') return false;
  const or = splitTop(text, 'OR');
  if (or.length > 1) return or.some((part) => spdxAllowed(part, allowed));
  const and = splitTop(text, 'AND');
  if (and.length > 1) return and.every((part) => spdxAllowed(part, allowed));
  if (/[()\s]/.test(text)) return false;
  return allowed.has(text.replace(/\+$/, ''));
}

/** Splits on a top-level (unparenthesised) operator word. */
function splitTop(text, word) {
  const parts = [];
  let depth = 0;
  let start = 0;
  const tokens = text.split(/(\(|\)|\s+)/);
  let offset = 0;
  for (const token of tokens) {
    if (token === '(') depth += 1;
    else if (token === ')') depth -= 1;
    else if (depth === 0 && token === word) {
      parts.push(text.slice(start, offset));
      start = offset + token.length;
    }
    offset += token.length;
  }
  parts.push(text.slice(start));
  return parts;
}

/** A package.json `license` field as a string: the modern string, the legacy {type} object or [{type}] array. */
export function licenceOf(pkg) {
  const field = pkg.license ?? pkg.licenses;
  if (typeof field === 'string') return field;
  if (Array.isArray(field)) return field.map((item) => (typeof item === 'object' && item !== null ? item.type : item)).filter(Boolean).join(' OR ');
  if (typeof field === 'object' && field !== null && typeof field.type === 'string') return field.type;
  return '';
}

/**
 * The decision for one package: {allowed, why}. readFile(path) reads a file inside the package (for exceptions);
 * it returns null when the file does not exist.
 */
export function decide(pkg, readFile) {
  const licence = licenceOf(pkg);
  if (licence === '') return { allowed: false, why: 'no licence declared' };
  if (spdxAllowed(licence)) return { allowed: true, why: 'allow-list' };
  const family = FAMILY_EXCEPTIONS.find((f) => pkg.name.startsWith(f.family));
  if (family && /^SEE LICENSE IN /i.test(licence)) {
    const text = readFile(family.licenceFile);
    if (text === null) return { allowed: false, why: `${family.licenceFile} is missing` };
    const flat = text.replace(/\s+/g, ' ');
    if (!flat.includes(family.mustContain)) return { allowed: false, why: `${family.licenceFile} no longer says what we accepted; read it again` };
    return { allowed: true, why: `exception ${family.family}*: ${family.reason}` };
  }
  return { allowed: false, why: `${licence} is not on the allow-list` };
}

function query(root, selector) {
  const out = execFileSync('npm', ['query', selector], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out);
}

export function checkLicences(root) {
  const nodes = [
    ...query(root, '.prod').map((node) => ({ node, shippedBy: 'backend' })),
    ...query(root, `:root > ${PAGE_ROOTS}, :root > ${PAGE_ROOTS} *`).map((node) => ({ node, shippedBy: 'admin page' })),
  ];
  const rows = new Map();
  for (const { node, shippedBy } of nodes) {
    if (node.location === '') continue; // our own package (UNLICENSED: it is not distributed as a package)
    const key = `${node.name}@${node.version}`;
    const seen = rows.get(key);
    if (seen) {
      if (!seen.shippedBy.includes(shippedBy)) seen.shippedBy.push(shippedBy);
      continue;
    }
    const readFile = (file) => { try { return readFileSync(join(root, node.location, file), 'utf8'); } catch { return null; } };
    rows.set(key, { key, licence: licenceOf(node) || '(none)', shippedBy: [shippedBy], ...decide(node, readFile) });
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const rows = checkLicences(root);
  const width = Math.max(...rows.map((r) => r.key.length));
  const licWidth = Math.max(...rows.map((r) => r.licence.length));
  for (const row of rows) {
    console.log(`${row.allowed ? 'ok  ' : 'FAIL'} ${row.key.padEnd(width)}  ${row.licence.padEnd(licWidth)}  ${row.shippedBy.join('+').padEnd(18)}  ${row.why}`);
  }
  const failed = rows.filter((r) => !r.allowed);
  console.log(`licences: ${rows.length} packages checked, ${failed.length} not allowed`);
  if (failed.length > 0) {
    console.error(`licence check failed: ${failed.map((r) => `${r.key} (${r.why})`).join(', ')}`);
    process.exit(1);
  }
}
