// Static files: the CDN build (v1.js and its chunks) and the demo page. Open CORS, because a customer page on
// another origin import()s the chunks.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
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

function refuse(res: SandboxResponse, status: number, text: string): void {
  res.writeHead(status, { ...STATIC_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

async function fileAt(candidate: string): Promise<{ file: string; size: number } | undefined> {
  try {
    const info = await stat(candidate);
    if (info.isFile()) return { file: candidate, size: info.size };
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
    const { file, size } = found;
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { ...STATIC_HEADERS, 'Content-Type': type, 'Content-Length': String(size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // A file deleted under us (a rebuild while the sandbox runs) or a client that goes away ends this response only;
    // with a bare pipe() the read stream's 'error' had no listener and crashed the process.
    await pipeline(createReadStream(file), res).catch(() => undefined);
    return;
  }
  refuse(res, 404, `not_found: ${rawPath}`);
}
