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

/**
 * Worker threads that fill documents. Started before they are needed (issue.ts starts them before the
 * numbering transaction, so their start-up — loading the engine — overlaps the database work), used for
 * one batch, then closed. An error of a thread before the batch (it failed to start) is the batch's error.
 */
export class RenderPool {
  private readonly workers: Worker[];
  private failure: Error | null = null;

  constructor(readonly threads: number) {
    this.workers = Array.from({ length: threads }, () => {
      const w = new Worker(path.join(__dirname, 'render-worker.cjs'));
      w.on('error', (e) => (this.failure ??= e));
      w.on('exit', (code) => (this.failure ??= new Error(`render thread exited with ${code}`)));
      return w;
    });
  }

  async render(inputs: RenderInput[]): Promise<Buffer[]> {
    if (this.failure) throw this.failure;
    // Each distinct template goes to each thread once.
    const keys = new Map<Buffer, string>();
    for (const i of inputs) if (!keys.has(i.template)) keys.set(i.template, sha256Hex(i.template));
    const out: Buffer[] = new Array(inputs.length);
    for (const w of this.workers) for (const [bytes, key] of keys) w.postMessage({ type: 'template', key, bytes });
    let next = 0;
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const send = () => {
              if (next >= inputs.length) {
                if (inFlight === 0) done(null);
                return;
              }
              inFlight++;
              const id = next++;
              const { template, date, ...rest } = inputs[id]!;
              w.postMessage({ id, input: { ...rest, templateKey: keys.get(template), date: date.getTime() } });
            };
            const onMessage = (r: Reply) => {
              if (r.error) {
                done(r.error.template ? new TemplateProblem(r.error.template.kind, r.error.template.fileName, r.error.template.problems) : new Error(r.error.message));
                return;
              }
              out[r.id] = Buffer.from(r.bytes!.buffer, r.bytes!.byteOffset, r.bytes!.byteLength);
              inFlight--;
              send();
            };
            const onError = (e: Error) => done(e);
            const onExit = (code: number) => done(new Error(`render thread exited with ${code}`));
            const done = (e: Error | null) => {
              w.off('message', onMessage);
              w.off('error', onError);
              w.off('exit', onExit);
              if (e) reject(e);
              else resolve();
            };
            w.on('message', onMessage);
            w.on('error', onError);
            w.on('exit', onExit);
            // Two in flight a thread: the next is queued while one is filled.
            send();
            send();
          }),
      ),
    );
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Fills `inputs` here (fewer than two threads) or on a pool of its own; the bytes in input order. */
export async function renderAll(inputs: RenderInput[], threads = threadsFor(inputs.length), pool: RenderPool | null = null): Promise<Buffer[]> {
  if (pool) return pool.render(inputs);
  if (threads < 2) {
    const out: Buffer[] = [];
    for (const input of inputs) out.push(await renderDocx(input));
    return out;
  }
  const own = new RenderPool(threads);
  try {
    return await own.render(inputs);
  } finally {
    await own.close();
  }
}
