/**
 * One task's conversation, as a generator of events: created → assigned (+ task_assignment)
 * → busy → started → status updates and progress, a question and its answer, sometimes
 * blocked → started again → review request → review (maybe changes, then approval) →
 * task_completion + completed; or task_failure + failed, then a retry (re-assigned).
 * Yielding null means "nothing to say yet" (waiting for a free assignee or reviewer); the
 * scheduler then advances another task, which is how several tasks interleave.
 */
import { APPROVALS, BLOCKERS, ERROR_REASONS, FAILURES, type TaskTemplate } from './catalog';
import type { SimEvent } from './events';
import type { AgentState, SimContext, TaskState } from './sim-context';

/** After this many retries a failed task stays failed. */
export const MAX_RETRIES = 2;

type Script = Generator<SimEvent | null, void, undefined>;

function* waitUntilReachable(agent: AgentState): Generator<null, void, undefined> {
  // A reviewer who is offline or crashed answers once back; the request waits meanwhile.
  while (agent.status === 'offline' || agent.status === 'error') yield null;
}

/** The events of one task from creation to its final completion or failure. */
export function* taskScript(ctx: SimContext, tpl: TaskTemplate): Script {
  const { rng, pm } = ctx;
  const t: TaskState = {
    id: rng.uuid(),
    ticket: ctx.ticket(),
    title: tpl.title,
    assignee: null,
    retries: 0,
    progress: 0,
  };
  const tag = t.ticket;
  const priority = rng.pick(['low', 'medium', 'medium', 'high', 'high', 'critical'] as const);
  yield ctx.task(t, 'created');

  let lastFailure: string | null = null;
  for (;;) {
    let a: AgentState | null;
    while (!(a = ctx.claim(tpl.role, t.id))) yield null;
    t.assignee = a;
    yield ctx.task(t, 'assigned');
    const assignment = lastFailure
      ? `Retry ${t.retries}/${MAX_RETRIES} for ${tag}: ${tpl.title}. Last attempt failed: ${lastFailure}. ${tpl.brief}`
      : `Please pick up ${tag}: ${tpl.title}. ${tpl.brief}`;
    yield ctx.message(pm, a, 'task_assignment', assignment, t.id, [
      ['ticket', tag],
      ['priority', priority],
      ['attempt', t.retries + 1],
    ]);
    yield ctx.status(a, 'busy', `Working on ${tag}`, t.id);
    yield ctx.task(t, 'started', null, t.progress);

    // Decide this attempt's shape up front so the script reads top to bottom.
    const steps = tpl.steps;
    const fails = rng.chance(t.retries === 0 ? 0.12 : 0.3);
    const failAt = rng.int(steps.length);
    const askAt = rng.chance(0.8) ? rng.int(steps.length) : -1;
    const blockAt = rng.chance(0.2) ? rng.int(steps.length) : -1;
    const question = tpl.questions.length > 0 ? rng.pick(tpl.questions) : null;

    let failed = false;
    for (let i = 0; i < steps.length; i++) {
      if (i === askAt && question) {
        // Tech-lead questions from the tech lead go to the PM instead.
        const to = question.to === 'tech_lead' && a !== ctx.lead ? ctx.lead : pm;
        const q = ctx.message(a, to, 'question', question.q, t.id, [['ticket', tag]]);
        yield q;
        yield ctx.message(to, a, 'answer', question.a, t.id, [
          ['ticket', tag],
          ['in_reply_to', q.msgId],
        ]);
      }
      // Progress climbs with the steps, with jitter, and stays below 100 until completion.
      t.progress = Math.max(
        t.progress + 1,
        Math.min(95, Math.round(((i + 1) / (steps.length + 1)) * 100) + rng.between(-4, 4)),
      );
      yield ctx.message(
        a,
        pm,
        'status_update',
        `${tag}: ${steps[i] ?? 'working'} (${t.progress}%)`,
        t.id,
        [
          ['ticket', tag],
          ['progress', t.progress],
        ],
      );
      yield ctx.task(t, 'progress', null, t.progress);
      if (i === blockAt) {
        const b = rng.pick(BLOCKERS);
        yield ctx.task(t, 'blocked', b.reason, t.progress);
        yield ctx.message(a, pm, 'status_update', `${tag} is blocked: ${b.reason}`, t.id, [
          ['ticket', tag],
          ['blocked', true],
        ]);
        yield ctx.task(t, 'started', b.resolution, t.progress);
      }
      if (fails && i === failAt) {
        failed = true;
        break;
      }
    }

    if (failed) {
      const reason = rng.pick(FAILURES);
      lastFailure = reason;
      yield ctx.message(a, pm, 'task_failure', `${tag} failed: ${reason}`, t.id, [
        ['ticket', tag],
        ['attempt', t.retries + 1],
      ]);
      yield ctx.task(t, 'failed', reason, t.progress);
      // A failure sometimes takes the agent down with it; squad-life brings it back online.
      yield rng.chance(0.35)
        ? ctx.status(a, 'error', rng.pick(ERROR_REASONS), t.id)
        : ctx.status(a, 'idle', `Released ${tag} after a failure`, null);
      ctx.release(a);
      if (t.retries >= MAX_RETRIES) return;
      // The retry starts over: new assignee (maybe the same agent), progress from zero.
      t.retries += 1;
      t.assignee = null;
      t.progress = 0;
      continue;
    }

    const reviewer = ctx.reviewerFor(a);
    let request = ctx.message(
      a,
      reviewer,
      'code_review_request',
      `Review please: ${tag} ${tpl.title}`,
      t.id,
      [['ticket', tag]],
    );
    yield request;
    if (rng.chance(0.3)) {
      yield* waitUntilReachable(reviewer);
      yield ctx.message(
        reviewer,
        a,
        'code_review',
        `Changes requested on ${tag}: ${tpl.changes}`,
        t.id,
        [
          ['ticket', tag],
          ['in_reply_to', request.msgId],
          ['verdict', 'changes_requested'],
        ],
      );
      t.progress = Math.max(t.progress, 96);
      yield ctx.message(
        a,
        pm,
        'status_update',
        `${tag}: addressed review comments (${t.progress}%)`,
        t.id,
        [
          ['ticket', tag],
          ['progress', t.progress],
        ],
      );
      yield ctx.task(t, 'progress', null, t.progress);
      request = ctx.message(
        a,
        reviewer,
        'code_review_request',
        `Updated ${tag} after your review, please take another look`,
        t.id,
        [['ticket', tag]],
      );
      yield request;
    }
    yield* waitUntilReachable(reviewer);
    yield ctx.message(reviewer, a, 'code_review', rng.pick(APPROVALS), t.id, [
      ['ticket', tag],
      ['in_reply_to', request.msgId],
      ['verdict', 'approved'],
    ]);
    yield ctx.message(
      a,
      pm,
      'task_completion',
      `${tag} done: ${tpl.title}. Reviewed by ${reviewer.name}.`,
      t.id,
      [
        ['ticket', tag],
        ['attempt', t.retries + 1],
      ],
    );
    t.progress = 100;
    yield ctx.task(t, 'completed', null, 100);
    yield ctx.status(a, 'idle', `Finished ${tag}`, null);
    ctx.release(a);
    return;
  }
}
