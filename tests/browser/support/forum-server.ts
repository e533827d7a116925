// Starts the real Common Thread server (`commonthread serve`) on a free port with a fresh
// SQLite database in a temporary folder, waits until `/healthz` answers, and stops it.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';

const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const STARTUP_DEADLINE_MS = 30_000;
const POLL_INTERVAL_MS = 100;
const STOP_DEADLINE_MS = 10_000;

export interface ForumSettings {
  name: string;
  description: string;
  area: string;
  quickExitUrl: string;
  /** How people join; the server's default (open) when not given. */
  membership?: 'open' | 'invite' | 'closed';
  /** Whether replies wait for a moderator; the server's default (pre) when not given. */
  replyModeration?: 'pre' | 'post';
  /** Add the clearly marked sample stories to the empty forum; off when not given. */
  sampleStories?: boolean;
  /** The statistics' threshold k (at least 5); the server's default (10) when not given. */
  statsK?: number;
  /**
   * Federate with other forums on this machine: plain http and private addresses, which a real
   * forum refuses (`[federation] allow_http`, `allow_private_addresses`), and quick retries.
   * Forums federate by domain name, never by IP address, so such a forum's public address (and
   * `origin`) is `http://localhost:PORT`; it still listens on 127.0.0.1. Off when not given.
   */
  federationLocal?: boolean;
}

export interface ForumServer {
  /**
   * The forum's origin, e.g. http://127.0.0.1:40123 (no trailing slash), or
   * http://localhost:40123 for a forum that federates (`federationLocal`).
   */
  origin: string;
  /** The forum's SQLite database, for the CLI (`commonthread admin create`). */
  databaseUrl: string;
  /** The `CT_*` settings `serve` was started with: the CLI gets the same (`refreshStats`). */
  settings: Readonly<Record<string, string>>;
  /** The folder `serve` runs in, which holds the database. */
  directory: string;
  stop(): Promise<void>;
}

export function serverBinary(): string {
  const binary = process.env.CT_TEST_SERVER_BIN ?? join(REPO, 'target', 'debug', 'commonthread');
  if (!existsSync(binary)) {
    throw new Error(
      `The Common Thread server is not built: ${binary} does not exist.\n` +
        'Build it first with `cargo build -p commonthread` (or set CT_TEST_SERVER_BIN to a server binary).',
    );
  }
  return binary;
}

export async function startForum(settings: ForumSettings): Promise<ForumServer> {
  const binary = serverBinary();
  const port = await freePort();
  const origin = settings.federationLocal ? `http://localhost:${port}` : `http://127.0.0.1:${port}`;
  const dir = await mkdtemp(join(tmpdir(), 'ct-browser-'));
  const databaseUrl = `sqlite://${join(dir, 'ct.db')}?mode=rwc`;
  const output: string[] = [];

  const serveSettings: Record<string, string> = {
    CT_SERVER_LISTEN: `127.0.0.1:${port}`,
    CT_SERVER_PUBLIC_URL: origin,
    CT_DATABASE_URL: databaseUrl,
    CT_FORUM_NAME: settings.name,
    CT_FORUM_DESCRIPTION: settings.description,
    CT_FORUM_AREA: settings.area,
    CT_FORUM_QUICK_EXIT_URL: settings.quickExitUrl,
    ...(settings.membership ? { CT_FORUM_MEMBERSHIP: settings.membership } : {}),
    ...(settings.replyModeration ? { CT_FORUM_REPLY_MODERATION: settings.replyModeration } : {}),
    ...(settings.sampleStories === undefined ? {} : { CT_FORUM_SAMPLE_STORIES: String(settings.sampleStories) }),
    ...(settings.statsK === undefined ? {} : { CT_STATS_K: String(settings.statsK) }),
    ...(settings.federationLocal
      ? {
          CT_FEDERATION_ALLOW_HTTP: 'true',
          CT_FEDERATION_ALLOW_PRIVATE_ADDRESSES: 'true',
          CT_FEDERATION_RETRY_BASE_SECS: '1',
          CT_FEDERATION_RETRY_MAX_SECS: '2',
        }
      : {}),
  };

  const child = spawn(binary, ['serve'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inheritedEnvironment(), ...serveSettings },
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const stop = async () => {
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilHealthy(origin, child);
  } catch (error) {
    await stop();
    const log = output.join('') || '(the server printed nothing)';
    throw new Error(`${(error as Error).message}\n--- server output ---\n${log}--- end of server output ---`);
  }
  return { origin, databaseUrl, settings: serveSettings, directory: dir, stop };
}

/**
 * Makes an admin account with the server's own CLI (`commonthread admin create`), as a forum's
 * first admin is made: there is no way to become one through the web.
 */
export async function createAdmin(forum: { origin: string; databaseUrl: string }, handle: string, passphrase: string): Promise<void> {
  await runCli(['admin', 'create', '--handle', handle, '--passphrase-stdin'], {
    env: { CT_DATABASE_URL: forum.databaseUrl, CT_SERVER_PUBLIC_URL: forum.origin },
    input: `${passphrase}\n`,
  });
}

/**
 * Works the forum's published figures out now, with the server's own CLI
 * (`commonthread stats refresh`), as its daily job would: given exactly the settings `serve`
 * was (the CLI and the server must agree on k). Returns the line it prints.
 */
export async function refreshStats(forum: Pick<ForumServer, 'settings' | 'directory'>): Promise<string> {
  const { stdout } = await runCli(['stats', 'refresh'], { env: forum.settings, cwd: forum.directory });
  return stdout.trim();
}

/** Runs the server's CLI with `env` on top of ours (less our own `CT_*`); fails unless it exits 0. */
async function runCli(
  args: string[],
  options: { env: Readonly<Record<string, string>>; cwd?: string; input?: string },
): Promise<{ stdout: string }> {
  const child = spawn(serverBinary(), args, {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...inheritedEnvironment(), ...options.env },
  });
  const stdout: string[] = [];
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout.push(chunk.toString());
    output.push(chunk.toString());
  });
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stdin?.end(options.input ?? '');
  // 'close', not 'exit': by then everything it printed has been read.
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`commonthread ${args.join(' ')} exited with ${code}:\n${output.join('')}`);
  return { stdout: stdout.join('') };
}

/**
 * Our environment without its `CT_*` variables, so that a developer's own forum settings
 * cannot leak into the test forum: it gets exactly the settings below.
 */
function inheritedEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CT_')));
}

async function waitUntilHealthy(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `the server exited during start-up (code ${code}, signal ${signal})`;
  });
  child.once('error', (error) => {
    exited = `the server could not be started: ${error.message}`;
  });
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `GET /healthz answered ${response.status}`;
    } catch (error) {
      last = `GET /healthz failed: ${(error as Error).message}`;
    }
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
  throw new Error(`the server was not healthy within ${STARTUP_DEADLINE_MS / 1000} s (${last})`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
  await exited;
  clearTimeout(timer);
}
