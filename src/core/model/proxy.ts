// Which proxy a download goes through, and the two ways through it: plain forwarding for http://
// URLs (the request line carries the absolute URL) and an HTTP CONNECT tunnel for https://, with
// TLS to the real server inside the tunnel, so the proxy sees only the host name.
//
// The configuration follows the conventions curl, npm and Node's own EnvHttpProxyAgent share:
// HTTPS_PROXY for https (falling back to HTTP_PROXY), HTTP_PROXY for http, NO_PROXY a list of
// hosts that bypass it, lower-case names first. An editor's own setting (VS Code's http.proxy)
// replaces both proxy variables. Only node:http/https/tls: no dependency on the network path.
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type Socket } from 'node:net';
import * as tls from 'node:tls';
import { abortError } from '../util/abort';

export interface ProxyConfig {
  /** Proxy for https:// URLs, e.g. http://proxy.example:3128. */
  https?: string;
  /** Proxy for http:// URLs. */
  http?: string;
  /** Hosts that bypass the proxy: comma- or space-separated names, .suffixes, host:port, or *. */
  noProxy?: string;
  /**
   * Verify the certificates of TLS connections made through the proxy (default true). VS Code's
   * http.proxyStrictSSL: false for proxies that re-sign traffic with a certificate Node does not know.
   */
  strictSSL?: boolean;
}

/** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, lower-case forms first; empty values count as unset. */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  const read = (name: string): string | undefined =>
    (env[name.toLowerCase()] || env[name.toUpperCase()] || undefined)?.trim() || undefined;
  const httpProxy = read('http_proxy');
  return { https: read('https_proxy') ?? httpProxy, http: httpProxy, noProxy: read('no_proxy') };
}

/**
 * The configuration for downloads when an editor has its own proxy setting (VS Code's http.proxy
 * and http.proxyStrictSSL): the setting wins over the environment's proxy, NO_PROXY still applies.
 */
export function proxyFromEditorSettings(
  settings: { proxy?: unknown; proxyStrictSSL?: unknown } | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ProxyConfig {
  const fromEnv = proxyFromEnvironment(env);
  const proxy = typeof settings?.proxy === 'string' && settings.proxy.trim() !== '' ? settings.proxy.trim() : undefined;
  const strictSSL = typeof settings?.proxyStrictSSL === 'boolean' ? settings.proxyStrictSSL : undefined;
  return { ...(proxy ? { https: proxy, http: proxy, noProxy: fromEnv.noProxy } : fromEnv), strictSSL };
}

/** The proxy to use for `target`, or undefined to connect directly. */
export function proxyFor(target: URL, config: ProxyConfig): URL | undefined {
  const proxy = target.protocol === 'https:' ? config.https : target.protocol === 'http:' ? config.http : undefined;
  if (!proxy || bypassesProxy(target, config.noProxy ?? '')) return undefined;
  // "proxy:3128" without a scheme is common in environment variables.
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`unsupported proxy ${url.protocol}//${url.host}: only http:// and https:// proxies are supported`);
  }
  return url;
}

/** NO_PROXY matching: `*`, exact hosts, domain suffixes (`example.com` also covers `a.example.com`), optional `:port`. */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = stripBrackets(target.hostname.toLowerCase());
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((raw) => {
      const entry = raw.toLowerCase();
      if (entry === '*') return true;
      if (isIP(entry) === 6) return host === entry; // a bare IPv6 address has colons but no port
      const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
      if (!match) return false;
      if (match[2] && match[2] !== port) return false;
      const name = stripBrackets(match[1]).replace(/^\*?\./, '');
      return host === name || (!isIP(host) && host.endsWith(`.${name}`));
    });
}

/** Request options that send a plain-http request through a forwarding proxy. */
export function forwardingRequest(
  proxy: URL,
  target: URL,
  headers: Record<string, string>,
): { module: typeof http | typeof https; options: https.RequestOptions } {
  return {
    module: proxy.protocol === 'https:' ? https : http,
    options: {
      host: stripBrackets(proxy.hostname),
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'GET',
      path: target.href,
      headers: { ...headers, host: target.host, ...proxyAuthorization(proxy) },
    },
  };
}

export interface TunnelOptions {
  strictSSL?: boolean;
  /** Drop a proxy that does not answer the CONNECT for this long. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Thrown when the proxy refuses the tunnel; `status` is its HTTP status. */
export class ProxyError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProxyError';
  }
}

/**
 * Opens a CONNECT tunnel through `proxy` to the target's host and port, and TLS to the target
 * inside it; resolves with the TLS socket, ready for an https request (createConnection).
 */
export function openTunnel(proxy: URL, target: URL, options: TunnelOptions): Promise<tls.TLSSocket> {
  const authority = `${target.hostname}:${target.port || 443}`;
  const module = proxy.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = module.request({
      host: stripBrackets(proxy.hostname),
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...proxyAuthorization(proxy) },
      rejectUnauthorized: options.strictSSL !== false,
    });
    const onAbort = (): void => {
      request.destroy(abortError(options.signal!));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('close', () => options.signal?.removeEventListener('abort', onAbort));
    request.setTimeout(options.timeoutMs, () =>
      request.destroy(new ProxyError(`no answer from the proxy ${proxy.host} for ${options.timeoutMs / 1000} s`)),
    );
    request.on('error', reject);
    request.on('connect', (response: http.IncomingMessage, socket: Socket) => {
      request.setTimeout(0);
      if (response.statusCode !== 200) {
        socket.destroy();
        const hint =
          response.statusCode === 407
            ? ' (proxy authentication required: put the credentials in the proxy URL, http://user:password@host:port)'
            : '';
        reject(
          new ProxyError(
            `the proxy ${proxy.host} refused to connect to ${authority}: HTTP ${response.statusCode}${hint}`,
            response.statusCode,
          ),
        );
        return;
      }
      const host = stripBrackets(target.hostname);
      const secure = tls.connect({
        socket,
        servername: isIP(host) ? undefined : host,
        rejectUnauthorized: options.strictSSL !== false,
      });
      secure.once('secureConnect', () => resolve(secure));
      secure.once('error', reject);
    });
    request.end();
  });
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username && !proxy.password) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
