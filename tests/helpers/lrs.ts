/**
 * A real learning record store for node tests: Learning Locker's `xapi-statements` (GPL, used
 * only here, in its own node process) with its in-memory models and a temporary directory for
 * attachments, on 127.0.0.1.
 *
 * - Authentication: the LRS asks an "client info" endpoint about each request's Authorization
 *   header (AUTH_REPO=fetch). This helper serves that endpoint: the LRS accepts exactly
 *   `lrs.key` / `lrs.secret` (HTTP Basic) and answers 401 to anything else.
 * - Events (Redis in production) use the package's no-op events repository (EVENTS_REPO=test).
 * - `lrs.endpoint` goes through a TCP proxy: `lrs.goOffline()` closes it (the LRS cannot be reached,
 *   connections are refused) and `lrs.goOnline()` opens it again on the same port, while the LRS
 *   and what it stored live on. `lrs.directEndpoint` bypasses the proxy.
 *
 * The LRS serves Statements only (no State or Activity Profile resources): those answer 404.
 *
 *   const lrs = await startLrs();
 *   … new LrsClient({ endpoint: lrs.endpoint, auth: lrs.auth }) …
 *   assert.equal(await lrs.count(), 12);
 *   await lrs.stop();
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StoredStatement {
  readonly id: string;
  readonly [field: string]: unknown;
}

export interface Lrs {
  /** The xAPI endpoint through the proxy, ending with `/`, e.g. `http://127.0.0.1:4711/xAPI/`. */
  readonly endpoint: string;
  /** The xAPI endpoint of the LRS itself. */
  readonly directEndpoint: string;
  readonly key: string;
  readonly secret: string;
  /** `{ key, secret }`, as `LrsClient` takes it. */
  readonly auth: { readonly key: string; readonly secret: string };
  /** The `Authorization` header value. */
  readonly authorization: string;
  /** Every stored statement matching the query (xAPI GET /statements parameters), all pages. */
  statements(query?: Readonly<Record<string, string>>): Promise<StoredStatement[]>;
  /** How many statements are stored (matching the query). */
  count(query?: Readonly<Record<string, string>>): Promise<number>;
  /** Closes the proxy and drops open connections: the LRS is unreachable. */
  goOffline(): Promise<void>;
  /** Opens the proxy again on the same port. */
  goOnline(): Promise<void>;
  /** Stops the LRS, the proxy and the auth endpoint; removes the temporary directory. */
  stop(): Promise<void>;
}

export interface StartLrsOptions {
  readonly key?: string;
  readonly secret?: string;
  /** Milliseconds to wait for the LRS to start (default 30 s). */
  readonly startTimeoutMs?: number;
}

const CLIENT = {
  _id: '58fe13e34effd3c26a7fc4b7',
  title: 'Checkpoint tests',
  authority: { objectType: 'Agent', mbox: 'mailto:lrs-client@checkpoint.invalid' },
  isTrusted: true,
  lrs_id: '58fe13e34effd3c26a7fc4b7',
  organisation: '58fe13e34effd3c26a7fc4b6',
  scopes: ['all'],
};

function listen(server: Server | HttpServer, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

const closeServer = (server: Server | HttpServer) =>
  new Promise<void>((resolve) => server.close(() => resolve()));

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await closeServer(probe);
  return port;
}

/** A TCP proxy that can be closed and reopened on the same port. */
async function startProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const open = async (port: number) => {
    server = createServer((client) => {
      const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    return listen(server, port);
  };
  const port = await open(0);
  return {
    port,
    async close() {
      if (!server) return;
      const closing = closeServer(server);
      server = undefined;
      sockets.forEach((socket) => socket.destroy());
      await closing;
    },
    async reopen() {
      if (!server) await open(port);
    },
  };
}

export async function startLrs(options: StartLrsOptions = {}): Promise<Lrs> {
  const key = options.key ?? 'checkpoint-test-key';
  const secret = options.secret ?? 'checkpoint-test-secret';
  const authorization = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

  // The LRS asks this endpoint who a request's credentials belong to; 404 means "nobody" (401).
  const auth = createHttpServer((request, response) => {
    const ok = request.headers.authorization === authorization;
    response.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    response.end(ok ? JSON.stringify(CLIENT) : '{}');
  });
  const authPort = await listen(auth);

  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-lrs-'));
  const port = await freePort();
  const entry = createRequire(import.meta.url).resolve('xapi-statements/dist/index.js');
  const child: ChildProcess = fork(entry, [], {
    cwd: dir,
    silent: true,
    // Not the test runner's loaders (tsx): the LRS is plain CommonJS.
    execArgv: [],
    env: {
      PATH: process.env['PATH'] ?? '',
      EXPRESS_PORT: String(port),
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'local',
      FS_LOCAL_STORAGE_DIR: dir,
      EXPRESS_MORGAN_DIRECTORY: join(dir, 'access-logs'),
      EVENTS_REPO: 'test',
      AUTH_REPO: 'fetch',
      LL_CLIENT_INFO_ENDPOINT: `http://127.0.0.1:${authPort}/`,
      WINSTON_CONSOLE_LEVEL: 'error',
      // Statements are readable as soon as the POST has been answered.
      SERVICE_AWAIT_UPDATES: 'true',
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the LRS did not start:\n${output}`)),
      options.startTimeoutMs ?? 30_000,
    );
    child.once('message', (message) => {
      if (message !== 'ready') return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the LRS exited (${code}):\n${output}`));
    });
  }).catch(async (error: unknown) => {
    child.kill();
    await closeServer(auth);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });

  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`the LRS stopped (${code ?? signal}):\n${output}\n`);
  });
  const proxy = await startProxy(port);
  const directEndpoint = `http://127.0.0.1:${port}/xAPI/`;
  const endpoint = `http://127.0.0.1:${proxy.port}/xAPI/`;

  const statements = async (query: Readonly<Record<string, string>> = {}) => {
    const found: StoredStatement[] = [];
    let next: string | undefined = `${directEndpoint}statements?${new URLSearchParams({
      limit: '100',
      ...query,
    })}`;
    while (next) {
      const response = await fetch(next, {
        headers: { Authorization: authorization, 'X-Experience-API-Version': '1.0.3' },
      });
      if (!response.ok)
        throw new Error(`GET statements: ${response.status} ${await response.text()}`);
      const page = (await response.json()) as { statements: StoredStatement[]; more?: string };
      found.push(...page.statements);
      next = page.more ? new URL(page.more, directEndpoint).href : undefined;
    }
    return found;
  };

  return {
    endpoint,
    directEndpoint,
    key,
    secret,
    auth: { key, secret },
    authorization,
    statements,
    count: async (query) => (await statements(query)).length,
    goOffline: () => proxy.close(),
    goOnline: () => proxy.reopen(),
    async stop() {
      stopping = true;
      await proxy.close();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      await closeServer(auth);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
