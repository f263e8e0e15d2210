/**
 * The dashboard's data in a worker, so that reading a large results file and analysing 100,000
 * answers never freezes the page. Where a worker cannot start (no Worker, a Content-Security-
 * Policy without `worker-src 'self'`, a bundle without the worker file), the same code runs in
 * the page instead.
 */
import type { Module } from '../../content/schema.ts';
import {
  localData,
  type DashboardData,
  type LearnerHistory,
  type Loaded,
  type SourceSpec,
} from './data.ts';

type Request =
  | { readonly type: 'load'; readonly source: SourceSpec; readonly modules: readonly Module[] }
  | { readonly type: 'history'; readonly learnerId: string };

export type WorkerRequest = Request & { readonly id: number };

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: Loaded | LearnerHistory }
  | { readonly id: number; readonly ok: false; readonly error: string };

type Pending = {
  resolve: (value: Loaded | LearnerHistory) => void;
  reject: (error: Error) => void;
};

interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL(input: string): string },
  ): { createScriptURL(input: string): unknown };
}

let workerPolicy: { createScriptURL(input: string): unknown } | null | undefined;

/**
 * The worker's address as the page's Trusted Types (when it requires them) accept it: a policy of
 * our own that lets through only a script of this page's origin.
 */
function trustedScriptUrl(url: URL): string | URL {
  if (workerPolicy === undefined) {
    const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
    try {
      workerPolicy =
        factory?.createPolicy('checkpoint-dashboard-worker', {
          createScriptURL: (input) => {
            if (new URL(input, location.href).origin !== location.origin)
              throw new TypeError(`not a script of this origin: ${input}`);
            return input;
          },
        }) ?? null;
    } catch {
      workerPolicy = null; // the page's CSP names its policies and not ours
    }
  }
  return workerPolicy ? (workerPolicy.createScriptURL(url.href) as string) : url;
}

function startWorker(): Worker | undefined {
  if (typeof globalThis.Worker !== 'function') return undefined;
  /**
   * `Worker`, given its address through `trustedScriptUrl`; named `Worker` so that the build
   * still recognises `new Worker(new URL(…, import.meta.url))` and bundles the worker.
   */
  class Worker extends globalThis.Worker {
    constructor(url: URL, options: WorkerOptions) {
      super(trustedScriptUrl(url), options);
    }
  }
  try {
    return new Worker(new URL('./dashboard.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return undefined;
  }
}

export function workerData(): DashboardData {
  let worker = startWorker();
  let fallback: DashboardData | undefined = worker ? undefined : localData();
  let next = 0;
  const pending = new Map<number, Pending>();

  const giveUp = () => {
    worker?.terminate();
    worker = undefined;
    fallback ??= localData();
    const waiting = [...pending.values()];
    pending.clear();
    waiting.forEach(({ reject }) => reject(new Error('worker unavailable')));
  };
  worker?.addEventListener('message', ({ data }: MessageEvent<WorkerReply>) => {
    const request = pending.get(data.id);
    if (!request) return;
    pending.delete(data.id);
    if (data.ok) request.resolve(data.value);
    else request.reject(new Error(data.error));
  });
  // The worker's script did not load or run: from now on, everything runs in the page.
  worker?.addEventListener('error', (event) => {
    event.preventDefault();
    giveUp();
  });

  const ask = <T extends Loaded | LearnerHistory>(
    request: Request,
    local: (data: DashboardData) => Promise<T>,
  ): Promise<T> => {
    if (!worker) return local(fallback!);
    const id = ++next;
    const current = worker;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      current.postMessage({ ...request, id } satisfies WorkerRequest);
    }).catch(() => local(fallback ?? (fallback = localData())));
  };

  return {
    load: (source, modules) =>
      ask({ type: 'load', source, modules }, (data) => data.load(source, modules)),
    history: (learnerId) => ask({ type: 'history', learnerId }, (data) => data.history(learnerId)),
    close() {
      giveUp();
      fallback?.close();
    },
  };
}
