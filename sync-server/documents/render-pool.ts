/**
 * Filling many documents at once on every core: a batch of at least MIN_PER_THREAD documents a thread is
 * spread over worker threads (render-worker.cjs, each running render.ts), smaller ones are filled here.
 * The output does not depend on where a document was filled (render.ts is deterministic), and the results
 * come back in input order. `MUTASI_RENDER_THREADS` sets the number of threads (0: never).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sha256Hex } from '../db/hash';
import { renderDocx, TemplateProblem, type RenderInput } from './render';

const MIN_PER_THREAD = 150;
const MAX_THREADS = 4;

export function threadsFor(count: number, wanted = process.env.MUTASI_RENDER_THREADS): number {
  const cap = wanted !== undefined && /^\d+$/.test(wanted) ? Number(wanted) : Math.min(availableParallelism(), MAX_THREADS);
  const n = Math.min(cap, Math.floor(count / MIN_PER_THREAD));
  return n >= 2 ? n : 0;
}

interface Reply {
  id: number;
  bytes?: Uint8Array;
  error?: { template?: { kind: TemplateProblem['kind']; fileName: string; problems: string[] }; message?: string };
}

export async function renderAll(inputs: RenderInput[], threads = threadsFor(inputs.length)): Promise<Buffer[]> {
  if (threads < 2) {
    const out: Buffer[] = [];
    for (const input of inputs) out.push(await renderDocx(input));
    return out;
  }
  // Each distinct template goes to each thread once.
  const keys = new Map<Buffer, string>();
  for (const i of inputs) if (!keys.has(i.template)) keys.set(i.template, sha256Hex(i.template));
  const workers = Array.from({ length: threads }, () => new Worker(path.join(__dirname, 'render-worker.cjs')));
  const out: Buffer[] = new Array(inputs.length);
  try {
    for (const w of workers) for (const [bytes, key] of keys) w.postMessage({ type: 'template', key, bytes });
    let next = 0;
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const send = () => {
              if (next >= inputs.length) {
                if (inFlight === 0) resolve();
                return;
              }
              inFlight++;
              const id = next++;
              const { template, date, ...rest } = inputs[id]!;
              w.postMessage({ id, input: { ...rest, templateKey: keys.get(template), date: date.getTime() } });
            };
            w.on('message', (r: Reply) => {
              if (r.error) {
                reject(r.error.template ? new TemplateProblem(r.error.template.kind, r.error.template.fileName, r.error.template.problems) : new Error(r.error.message));
                return;
              }
              out[r.id] = Buffer.from(r.bytes!.buffer, r.bytes!.byteOffset, r.bytes!.byteLength);
              inFlight--;
              send();
            });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`render thread exited with ${code}`))));
            // Two in flight a thread: the next is queued while one is filled.
            send();
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
