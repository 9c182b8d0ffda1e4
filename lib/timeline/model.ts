/**
 * Everything the timeline draws, kept incrementally as events arrive in sequence order: the
 * bounded ring of recent events, each agent's status segments, task attempt bars, the agents
 * seen (for lanes) and totals. Framework-free; the store feeds it once per animation frame.
 */
import { AGENT_ROLES } from '@/lib/agents/schema';
import { kindCode, RawRetainer, type TimelineEvent } from './event';
import { applyTask, emptyTaskState, taskCounts, type TaskState } from './lifecycle';
import { RingBuffer } from './ring-buffer';
import { applyStatus, type SegmentMap } from './segments';

export type AgentInfo = {
  id: string;
  role: string | null;
  name: string | null;
  status: string | null;
  lastSeq: number;
};

export const DEFAULT_CAPACITY = 100_000;

const ONLINE = new Set(['online', 'busy', 'idle']);

export class TimelineModel {
  readonly ring: RingBuffer<TimelineEvent>;
  readonly segments: SegmentMap = new Map();
  readonly tasks: TaskState = emptyTaskState();
  readonly agents = new Map<string, AgentInfo>();
  /** Message payloads are held only for the newest few (the log describes those in full). */
  private readonly raws = new RawRetainer();
  /** Events accepted since start (including those since evicted from the ring). */
  total = 0;
  /** Bumped on every ingest that changed something: the canvas redraws when it moves. */
  version = 0;
  /** Bumped when an agent appears or its role, name or status changes (the lanes changed). */
  lanesVersion = 0;
  /** Bumped when an agent appears or its role or name changes (not its status): the lane set. */
  rosterVersion = 0;
  lastSeq = 0;
  private lanesCache: { version: number; lanes: AgentInfo[] } | null = null;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.ring = new RingBuffer<TimelineEvent>(capacity, kindCode);
  }

  /** Adds events (sorted by seq, deduplicated against what is held); returns how many were new. */
  ingest(events: readonly TimelineEvent[]): number {
    const added = this.ring.insertMany(events);
    const n = added.length;
    for (const ev of added) {
      if (ev.seq > this.lastSeq) this.lastSeq = ev.seq;
      if (ev.raw) this.raws.keep(ev);
      if (ev.agentId) this.noteAgent(ev);
      if (ev.kind === 'status') applyStatus(this.segments, ev);
      else if (ev.kind === 'task') applyTask(this.tasks, ev);
    }
    if (n > 0) {
      this.total += n;
      this.version++;
    }
    return n;
  }

  private noteAgent(ev: TimelineEvent) {
    const id = ev.agentId!;
    let a = this.agents.get(id);
    if (!a) {
      this.agents.set(id, (a = { id, role: null, name: null, status: null, lastSeq: 0 }));
      this.lanesVersion++;
      this.rosterVersion++;
    }
    if (ev.agentRole && !a.role) {
      a.role = ev.agentRole;
      this.lanesVersion++;
      this.rosterVersion++;
    }
    if (ev.kind !== 'task' && ev.agentName && !a.name) {
      a.name = ev.agentName;
      this.lanesVersion++;
      this.rosterVersion++;
    }
    if (ev.kind === 'status' && ev.seq >= a.lastSeq) {
      if (a.status !== ev.what) this.lanesVersion++;
      a.status = ev.what;
      a.lastSeq = ev.seq;
    }
  }

  /**
   * Lanes in a stable order: by role (the squad's order), then name. The same array until the
   * lanes change (the canvas asks every frame; React memoizes on the identity).
   */
  lanes(): AgentInfo[] {
    if (this.lanesCache?.version !== this.lanesVersion)
      this.lanesCache = { version: this.lanesVersion, lanes: this.sortLanes() };
    return this.lanesCache.lanes;
  }

  private sortLanes(): AgentInfo[] {
    const rank = (r: string | null) => {
      const i = AGENT_ROLES.indexOf((r ?? '') as (typeof AGENT_ROLES)[number]);
      return i < 0 ? AGENT_ROLES.length : i;
    };
    return [...this.agents.values()].sort(
      (a, b) => rank(a.role) - rank(b.role) || (a.name ?? a.id).localeCompare(b.name ?? b.id),
    );
  }

  /** Agents whose latest status is online, busy or idle. */
  agentsOnline(): number {
    let n = 0;
    for (const a of this.agents.values()) if (a.status && ONLINE.has(a.status)) n++;
    return n;
  }

  /** Events per second over the last `windowMs` of stream time before `nowMs`. */
  ratePerSec(nowMs: number, windowMs = 5000): number {
    const from = this.ring.lowerBoundTime(nowMs - windowMs);
    return ((this.ring.size - from) * 1000) / windowMs;
  }

  /**
   * The time of the oldest event held once older ones have left the ring (null while nothing
   * has): before it the lanes lack ticks and the messages histogram (counters still count it).
   */
  heldSinceMs(): number | null {
    return this.ring.dropped > 0 ? (this.ring.first()?.timeMs ?? null) : null;
  }

  taskCounts() {
    return taskCounts(this.tasks);
  }
}
