/** The dashboard's worker: reads and analyses off the page's main thread (see data.ts). */
import { localData } from './data.ts';
import type { WorkerReply, WorkerRequest } from './worker-data.ts';

const data = localData();
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
};

scope.onmessage = ({ data: request }) => {
  const reply =
    request.type === 'load'
      ? data.load(request.source, request.modules)
      : data.history(request.learnerId);
  void reply.then(
    (value) => scope.postMessage({ id: request.id, ok: true, value }),
    (error: unknown) => scope.postMessage({ id: request.id, ok: false, error: String(error) }),
  );
};
