// Static files: the CDN build (v1.js and its chunks) and the demo page. Open CORS, because a customer page on
// another origin import()s the chunks. Text is served compressed where the client accepts it, as a CDN does: brotli or
// gzip, compressed once per file version and kept in memory.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { SandboxRequest, SandboxResponse } from './http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const STATIC_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache' };

/**
 * A build chunk named by its content's hash (`chunks/<name>-<8 hash characters>.js`) never changes under that name, so
 * a CDN lets browsers keep it for good: the site's next page, and the next visit, take it from the cache. Everything
 * else (v1.js, the entry module, the demo) is revalidated on each use, cheaply, with its ETag.
 */
const HASHED_CHUNK = /^\/chunks\/[^/]+-[\w-]{8}\.js$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The types worth compressing (images, audio and fonts are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const compressors = {
  br: (data: Buffer) =>
    brotli(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } }),
  gzip: (data: Buffer) => gzipped(data, { level: 9 }),
};
type Encoding = keyof typeof compressors;

/**
 * The compressed body of each file and encoding, for the file's version (size and mtime) it was made from: a rebuilt
 * file is compressed afresh and replaces the old body, so a sandbox that outlives many rebuilds keeps one per file.
 */
const compressed = new Map<string, { version: string; body: Promise<Buffer> }>();

/** The best encoding the request accepts (brotli, then gzip), or null for the file as it is. */
function acceptedEncoding(header: string | string[] | undefined): Encoding | null {
  const accepted = new Map<string, number>();
  for (const item of String(header ?? '').split(',')) {
    const [name = '', ...params] = item.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
  return (['br', 'gzip'] as const).find((name) => weight(name) > 0) ?? null;
}

function compressedBody(file: string, version: string, encoding: Encoding): Promise<Buffer> {
  const key = `${encoding} ${file}`;
  const cached = compressed.get(key);
  if (cached?.version === version) return cached.body;
  const body = readFile(file).then((data) => compressors[encoding](data));
  const entry = { version, body };
  compressed.set(key, entry);
  // A file deleted under us is tried afresh next time.
  body.catch(() => compressed.get(key) === entry && compressed.delete(key));
  return body;
}

function refuse(res: SandboxResponse, status: number, text: string): void {
  res.writeHead(status, { ...STATIC_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

async function fileAt(candidate: string): Promise<{ file: string; size: number; version: string } | undefined> {
  try {
    const info = await stat(candidate);
    if (info.isFile()) return { file: candidate, size: info.size, version: `${info.size}-${info.mtimeMs}` };
    if (info.isDirectory()) return await fileAt(path.join(candidate, 'index.html'));
  } catch {
    // not here; try the next directory
  }
  return undefined;
}

/** Serves GET/HEAD from the first directory that has the file; `/` means index.html. */
export async function serveStatic(req: SandboxRequest, res: SandboxResponse, directories: string[]): Promise<void> {
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  let relative: string;
  try {
    relative = decodeURIComponent(rawPath);
  } catch {
    return refuse(res, 400, 'bad_request: malformed path');
  }
  if (relative.includes('\0') || relative.split(/[\\/]/).includes('..')) {
    return refuse(res, 403, 'forbidden: path traversal');
  }
  for (const directory of directories) {
    const root = path.resolve(directory);
    const candidate = path.resolve(root, `.${relative}`);
    if (candidate !== root && !candidate.startsWith(root + path.sep)) continue;
    const found = await fileAt(candidate);
    if (!found) continue;
    const { file, size, version } = found;
    // Weak: one tag for the file in every encoding it is sent in.
    const etag = `W/"${version}"`;
    const caching = { 'Cache-Control': HASHED_CHUNK.test(relative) ? IMMUTABLE : 'no-cache', ETag: etag };
    if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
      res.writeHead(304, { ...STATIC_HEADERS, ...caching });
      res.end();
      return;
    }
    const extension = path.extname(file).toLowerCase();
    const type = CONTENT_TYPES[extension] ?? 'application/octet-stream';
    const compressible = COMPRESSIBLE.has(extension);
    const encoding = compressible ? acceptedEncoding(req.headers['accept-encoding']) : null;
    // A file that cannot be read to compress goes out as it is (and fails there, like any other).
    const compressedFile = encoding ? await compressedBody(file, version, encoding).catch(() => null) : null;
    res.writeHead(200, {
      ...STATIC_HEADERS,
      ...caching,
      'Content-Type': type,
      ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
      ...(compressedFile && encoding
        ? { 'Content-Encoding': encoding, 'Content-Length': String(compressedFile.length) }
        : { 'Content-Length': String(size) }),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (compressedFile) {
      res.end(compressedFile);
      return;
    }
    // A file deleted under us (a rebuild while the sandbox runs) or a client that goes away ends this response only;
    // with a bare pipe() the read stream's 'error' had no listener and crashed the process.
    await pipeline(createReadStream(file), res).catch(() => undefined);
    return;
  }
  refuse(res, 404, `not_found: ${rawPath}`);
}
