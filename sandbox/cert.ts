// The sandbox's self-signed TLS certificate (Twilio's SDK only dials wss://). Generated on first start,
// kept in <repo>/.sandbox/ and reused while it is still valid for 127.0.0.1.
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
}

const FILE_NAME = 'sandbox-cert.pem';
const VALID_DAYS = 825;
const RENEW_BEFORE_MS = 24 * 3600 * 1000;

function pemBlock(pem: string, label: RegExp): string | undefined {
  const match = new RegExp(`-----BEGIN (${label.source})-----[\\s\\S]+?-----END \\1-----`).exec(pem);
  return match?.[0];
}

function readUsable(file: string): TlsMaterial | undefined {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const key = pemBlock(pem, /(?:RSA |EC )?PRIVATE KEY/);
  const cert = pemBlock(pem, /CERTIFICATE/);
  if (!key || !cert) return undefined;
  try {
    const x509 = new X509Certificate(cert);
    const fresh = Date.parse(x509.validTo) - Date.now() > RENEW_BEFORE_MS;
    return fresh && x509.checkIP('127.0.0.1') ? { key, cert } : undefined;
  } catch {
    return undefined;
  }
}

export async function loadOrCreateCertificate(directory: string): Promise<TlsMaterial> {
  const file = path.join(directory, FILE_NAME);
  const existing = readUsable(file);
  if (existing) return existing;
  const notAfterDate = new Date(Date.now() + VALID_DAYS * 24 * 3600 * 1000);
  const generated = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    algorithm: 'sha256',
    keySize: 2048,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  mkdirSync(directory, { recursive: true });
  // Write-then-rename: parallel test processes may race to create it; each sees a whole file.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${generated.private}\n${generated.cert}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  return { key: generated.private, cert: generated.cert };
}
