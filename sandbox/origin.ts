// The per-key domain allowlist (Kataven's real security boundary; CORS itself is wide open).
//   https://acme.com   exact origin: scheme, host and port must all match
//   acme.com           bare host: any scheme, default port only
//   *.acme.com         any subdomain (not the apex), default port only
//   localhost:*        host with any port and any scheme (also 127.0.0.1:*)

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

interface ParsedOrigin {
  protocol: string;
  hostname: string;
  /** Explicit port, or the scheme's default. */
  port: string;
  isDefaultPort: boolean;
}

function parseOrigin(origin: string): ParsedOrigin | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (!defaultPort) return undefined;
  return {
    protocol: url.protocol,
    hostname: url.hostname.toLowerCase(),
    port: url.port || defaultPort,
    isDefaultPort: url.port === '' || url.port === defaultPort,
  };
}

/**
 * A request's Origin header as a URL, only if it is an origin as a browser writes one: exactly
 * `new URL(o).origin` (lower-case scheme and host, no default port, no userinfo, path, query or fragment, IPv4 in
 * dotted decimal). `https://acme.com@evil.test`, `https://acme.com/`, `http://0x7f.1` and `http://2130706433`
 * are not origins, whatever host URL parsing would make of them.
 */
export function parseStrictOrigin(origin: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  return url.origin === origin ? url : undefined;
}

function entryMatches(rawEntry: string, origin: ParsedOrigin): boolean {
  const entry = rawEntry.trim().toLowerCase();
  if (entry.includes('://')) {
    const exact = parseOrigin(entry);
    return (
      exact !== undefined &&
      exact.protocol === origin.protocol &&
      exact.hostname === origin.hostname &&
      exact.port === origin.port
    );
  }
  if (entry.endsWith(':*')) return origin.hostname === entry.slice(0, -2);
  if (!origin.isDefaultPort) return false;
  if (entry.startsWith('*.')) return origin.hostname.endsWith(entry.slice(1));
  return origin.hostname === entry;
}

export function isOriginAllowed(origin: string, allowlist: readonly string[]): boolean {
  const parsed = parseStrictOrigin(origin) && parseOrigin(origin);
  if (!parsed) return false;
  return allowlist.some((entry) => entryMatches(entry, parsed));
}
