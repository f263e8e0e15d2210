/**
 * Bytes: raw, gzip (level 9) and brotli (quality 11) of what a page loads, and the share of each
 * npm package in dist/checkpoint.js, read from the build's source map.
 */
import { Buffer } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export function sizes(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

export function total(files) {
  return files.reduce(
    (sum, file) => ({
      raw: sum.raw + file.raw,
      gzip: sum.gzip + file.gzip,
      brotli: sum.brotli + file.brotli,
    }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

// ── source map → bytes per package ────────────────────────────────────────────────────────

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

/** Decodes one segment of base64 VLQ numbers. */
function vlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** "../node_modules/@lit/reactive-element/x.js" → "@lit/reactive-element"; own code → "src". */
export function packageOf(source) {
  const at = source.lastIndexOf('node_modules/');
  if (at === -1) return source.includes('src/') ? 'checkpoint (src/)' : `other: ${source}`;
  const parts = source.slice(at + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * Every generated character is attributed to the source of the mapping segment it falls in
 * (a segment runs to the next one on its line); characters before the first segment of a line,
 * or in segments without a source, are "(unmapped)". Gzip per package compresses the package's
 * characters alone, an estimate of its share of the compressed bundle.
 */
function packageText(jsFile) {
  const mapFile = `${jsFile}.map`;
  if (!existsSync(mapFile)) return undefined;
  const code = readFileSync(jsFile, 'utf8');
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const owners = map.sources.map(packageOf);
  const chunks = new Map();
  const add = (owner, text) => {
    if (!text) return;
    const list = chunks.get(owner) ?? [];
    list.push(text);
    chunks.set(owner, list);
  };
  const lines = code.split('\n');
  const mappings = map.mappings.split(';');
  let source = 0;
  lines.forEach((line, index) => {
    const segments = (mappings[index] ?? '').split(',').filter(Boolean);
    let column = 0;
    const starts = [];
    for (const segment of segments) {
      const values = vlq(segment);
      column += values[0];
      if (values.length >= 4) {
        source += values[1];
        starts.push([column, owners[source]]);
      } else {
        starts.push([column, '(unmapped)']);
      }
    }
    add('(unmapped)', line.slice(0, starts[0]?.[0] ?? line.length) + '\n');
    starts.forEach(([start, owner], i) => add(owner, line.slice(start, starts[i + 1]?.[0])));
  });
  return chunks;
}

/**
 * Bytes per package over a set of built files, split into those loaded at first render and the
 * rest (lazy). Files without a source map count as "(no source map)".
 */
export function perPackage(dist, files, firstRender) {
  const text = new Map();
  const add = (name, part, value) => {
    const entry = text.get(name) ?? { first: [], lazy: [] };
    entry[part].push(value);
    text.set(name, entry);
  };
  for (const file of files) {
    const part = firstRender.has(file) ? 'first' : 'lazy';
    const chunks = packageText(join(dist, file));
    if (!chunks) add('(no source map)', part, readFileSync(join(dist, file), 'utf8'));
    else for (const [name, parts] of chunks) add(name, part, parts.join(''));
  }
  return [...text.entries()]
    .map(([name, { first, lazy }]) => ({
      name,
      first: sizes(Buffer.from(first.join(''))),
      lazy: Buffer.byteLength(lazy.join('')),
    }))
    .sort((a, b) => b.first.raw + b.lazy - (a.first.raw + a.lazy));
}

/** The folders of the project's own sources in a built file, from its map: "src/lms/cmi5", … */
function folders(jsFile) {
  if (!existsSync(`${jsFile}.map`)) return [];
  const { sources } = JSON.parse(readFileSync(`${jsFile}.map`, 'utf8'));
  const own = sources
    .filter((source) => !source.includes('node_modules/') && source.includes('src/'))
    .map((source) => dirname(source.slice(source.indexOf('src/'))));
  return [...new Set(own)].sort();
}

const IMPORT = /(?:import|from)\s*\(?\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;

/**
 * dist/checkpoint.js and every chunk it imports, statically or lazily, found by following the
 * import specifiers (older chunks left in dist/embed/ by earlier builds are not reached).
 */
export function embedChunks(dist) {
  const found = [];
  const queue = ['checkpoint.js'];
  while (queue.length) {
    const file = queue.shift();
    if (found.includes(file) || !existsSync(join(dist, file))) continue;
    found.push(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const match of code.matchAll(IMPORT)) {
      queue.push(normalize(join(dirname(file), match[1])));
    }
  }
  return found.map((file) => ({
    file,
    folders: folders(join(dist, file)),
    chunk: basename(file)
      .replace(/-[\w-]{8}\.js$/, '')
      .replace(/\.js$/, ''),
    ...sizes(readFileSync(join(dist, file))),
  }));
}
