/**
 * Group commit: the one writer of pushed decisions in a server (createApp makes it, app.ts). What it
 * promises is SYNC-API.md's, worded for users in docs/server.md ("Cara keputusan ditulis"): each
 * decision atomic with its own result; decisions may share one durable commit; no answer before that
 * commit is on disk; a shared commit that fails fails every decision in it.
 *
 * Every push request hands its decisions to the writer and waits. The writer takes the decisions
 * waiting — of one request's batch and of every request queued beside it — and applies them in ONE
 * write transaction holding the writer lock (db/writer.ts: the `sync_state` row, `SELECT … FOR UPDATE`
 * on PostgreSQL, so groups of several server processes run one after another):
 *  - the group is recorded by `recordGroup` (record.ts): judged in order as one batch, each decision
 *    seeing the earlier ones, the recorded ones written as one atomic step — or, if a statement of it
 *    fails, one decision at a time so only the one to blame fails;
 *  - then one COMMIT for the group (db/connect.ts: on disk when it returns);
 *  - only then is any result of the group handed back to its request. A failing COMMIT (or anything
 *    else that ruins the transaction) fails every request with a decision in the group with a transient
 *    error (503, `WriteGroupFailed`): nothing of the group is in the record, the clients re-send the
 *    same mutation ids.
 *
 * The group is bounded (`GroupLimits`, PUSH_GROUP_MAX), so a request of 500 decisions does not hold
 * everyone else behind it; and it is fair: the requests waiting take turns, one decision each, so a
 * one-decision push waits for at most one group however big the batches beside it. A request's own
 * decisions stay in their order; its answer waits until all of them are in committed groups. A request
 * whose decision throws gets that error (503 if transient, else 500) and the rest of its batch is not
 * attempted (record.ts `inTurn`); what it recorded before stays recorded, and a retry gets those back
 * as `duplicate`.
 */
import type { Db } from '../../db/connect';
import { withWriter } from '../../db/writer';
import { recordGroup, type BatchItem, type BatchOutcome, type RecordContext } from './record';
import type { DecisionInput, PushResult } from './types';

export interface GroupLimits {
  /**
   * Most decisions in one group (one transaction, one commit). The rules run on each in turn, about
   * 0.05 ms a decision, so a full group holds the writer for a few milliseconds.
   */
  maxDecisions: number;
}

export const DEFAULT_GROUP_LIMITS: GroupLimits = { maxDecisions: 128 };

/** A group's transaction failed (its COMMIT, or a savepoint that could not be rolled back to): nothing of it was recorded. */
export class WriteGroupFailed extends Error {
  readonly code = 'WRITE_GROUP_FAILED';
  constructor(cause: unknown) {
    super(`group of decisions not recorded: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'WriteGroupFailed';
  }
}

interface Job {
  decisions: readonly DecisionInput[];
  ctx: RecordContext;
  /** Results of the decisions applied so far, in order; handed back only once all are committed. */
  results: PushResult[];
  /** The next decision to apply. */
  next: number;
  /** The unexpected error one of its decisions threw: the request fails with it after the group. */
  failure?: { error: unknown };
  resolve(results: PushResult[]): void;
  reject(error: unknown): void;
}

export interface GroupStats {
  /** Groups committed (or, when nothing in them was recorded, ended without a commit). */
  groups: number;
  /** Groups whose transaction failed. */
  failedGroups: number;
  /** Decisions applied in those groups. */
  decisions: number;
  largestGroup: number;
}

export class GroupWriter {
  /** Requests with decisions still to apply, in turn order. */
  private queue: Job[] = [];
  private running = false;
  readonly stats: GroupStats = { groups: 0, failedGroups: 0, decisions: 0, largestGroup: 0 };

  constructor(
    private readonly db: Db,
    public limits: GroupLimits = { ...DEFAULT_GROUP_LIMITS },
  ) {}

  /** Applies a request's decisions in order; resolves with one result each once all are committed. */
  submit(decisions: readonly DecisionInput[], ctx: RecordContext): Promise<PushResult[]> {
    if (decisions.length === 0) return Promise.resolve([]);
    return new Promise<PushResult[]>((resolve, reject) => {
      this.queue.push({ decisions, ctx, results: [], next: 0, resolve, reject });
      if (!this.running) {
        this.running = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.runGroup();
    } catch (e) {
      // runGroup handles its failures itself; this is a last resort so no request waits forever.
      for (const job of this.queue.splice(0)) job.reject(e);
    } finally {
      this.running = false;
    }
  }

  private async runGroup(): Promise<void> {
    const waiting = this.queue.slice();
    const items: (BatchItem & { job: Job })[] = [];
    const members = new Set<Job>();
    let outcomes: BatchOutcome[] = [];
    let locked = false;
    try {
      await withWriter(this.db, async (w) => {
        locked = true;
        // The group, taken once the lock is held (what arrived meanwhile joins it), in turn order: the
        // request at the head gives one decision and goes to the back if it has more.
        while (items.length < this.limits.maxDecisions) {
          const job = this.queue.shift();
          if (!job) break;
          items.push({ d: job.decisions[job.next++]!, ctx: job.ctx, owner: job, job });
          members.add(job);
          if (job.next < job.decisions.length) this.queue.push(job);
        }
        outcomes = await recordGroup(w, items);
      }, { builder: false });
    } catch (e) {
      // No lock (busy, unreachable): the requests that were waiting for it get that error, as each
      // would have alone. The transaction failed after decisions were applied (COMMIT, a savepoint
      // that could not be undone): nothing of the group is recorded, every request in it is told so.
      const failed = locked ? members : new Set(waiting);
      const error = locked ? new WriteGroupFailed(e) : e;
      this.queue = this.queue.filter((j) => !failed.has(j));
      if (locked) this.stats.failedGroups++;
      for (const job of failed) job.reject(error);
      return;
    }
    let applied = 0;
    items.forEach((item, i) => {
      const o = outcomes[i]!;
      if (o.kind === 'skipped') return;
      applied++;
      if (o.kind === 'failed') item.job.failure ??= { error: o.error };
      else item.job.results.push(o.result);
    });
    this.stats.groups++;
    this.stats.decisions += applied;
    this.stats.largestGroup = Math.max(this.stats.largestGroup, applied);
    // A request that failed gives up the rest of its decisions (record.ts `inTurn`): it leaves the queue.
    this.queue = this.queue.filter((j) => !j.failure);
    // Committed: now, and only now, the answers.
    for (const job of members) {
      if (job.failure) job.reject(job.failure.error);
      else if (job.next >= job.decisions.length) job.resolve(job.results);
    }
  }
}

/** The limits a server configuration asks for (PUSH_GROUP_MAX). */
export function groupLimits(config: { pushGroupMax?: number }): GroupLimits {
  return config.pushGroupMax === undefined ? { ...DEFAULT_GROUP_LIMITS } : { maxDecisions: config.pushGroupMax };
}

/**
 * A push outside a server (tests, tools): through a group writer of its own, so nothing else is
 * grouped with it. The server's pushes go through the one writer `createApp` made (app.ts).
 */
export function pushDecisions(db: Db, decisions: readonly DecisionInput[], ctx: RecordContext): Promise<PushResult[]> {
  return new GroupWriter(db).submit(decisions, ctx);
}

/** Records one decision, as a push of one (tests, tools). */
export async function recordDecision(db: Db, d: DecisionInput, ctx: RecordContext): Promise<PushResult> {
  return (await pushDecisions(db, [d], ctx))[0]!;
}
