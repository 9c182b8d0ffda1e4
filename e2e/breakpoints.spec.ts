import type { Page } from '@playwright/test';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { test, expect } from './fixtures';
import { readRange, type StreamMessage } from '../lib/stream/reader';
import { toReplayEvent } from '../lib/replay/event';
import { compileBreakpoint } from '../lib/replay/breakpoints';
import { STREAM_NAME } from '../lib/agents/schema';
import { backfill } from '../server/simulator/backfill';

const FROM = 1;
const TO = 3000;

async function readSeqs(nc: NatsConnection, from: number, to: number) {
  const out: StreamMessage[] = [];
  await readRange(jetstream(nc), STREAM_NAME, {
    start: { kind: 'seq', seq: from },
    endSeq: to,
    onBatch: (b) => out.push(...b),
  });
  return out;
}

/** The first expression with at least 3 hits in the seeded range, and those hits' sequences. */
async function seededBreakpoint(nc: NatsConnection) {
  const events = (await readSeqs(nc, FROM, TO)).map(toReplayEvent);
  for (const expr of [
    'event:failed',
    'status:error',
    'type:error',
    'event:completed',
    'status:busy',
  ]) {
    const m = compileBreakpoint(expr)!;
    const seqs = events.filter(m).map((e) => e.seq);
    if (seqs.length >= 3) return { expr, seqs };
  }
  throw new Error('the seeded range has no event for the breakpoints to stop on');
}

const playhead = (page: Page) => page.getByRole('status', { name: 'Playhead sequence' });

test('a link with break= stops on each hit in turn: Continue / F8 forward, Shift+F8 back', async ({
  page,
  nc,
}) => {
  const { expr, seqs } = await seededBreakpoint(nc);
  // A disabled breakpoint in the link never stops the replay.
  const url = `/replay?from=${FROM}&to=${TO}&speed=instant&break=${encodeURIComponent(expr)}&break=${encodeURIComponent('~type:question')}`;
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText(
    `seq ${FROM}–${TO}`,
  );
  const bps = page.getByRole('list', { name: 'Breakpoints' }).getByRole('listitem');
  await expect(bps).toHaveCount(2);
  await expect(bps.first().getByText(/^[\d,]+ hits?$/)).toHaveText(`${seqs.length} hits`);
  await expect(page.getByRole('checkbox', { name: 'Enable breakpoint 2' })).not.toBeChecked();

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(playhead(page)).toHaveText(String(seqs[0]));
  await expect(page.getByRole('status', { name: 'Breakpoint stop' })).toContainText(
    `Stopped on breakpoint 1 at seq ${seqs[0]}: ${expr}`,
  );
  await expect(
    page.getByRole('region', { name: 'Transcript', exact: true }).getByText(/^breakpoint \d+$/),
  ).toHaveText('breakpoint 1');
  await page.keyboard.press('F8');
  await expect(playhead(page)).toHaveText(String(seqs[1]));
  await expect(page.getByRole('status', { name: 'Breakpoint stop' })).toContainText(
    `at seq ${seqs[1]}:`,
  );
  await page.keyboard.press('F8');
  await expect(playhead(page)).toHaveText(String(seqs[2]));
  await page.keyboard.press('Shift+F8');
  await expect(playhead(page)).toHaveText(String(seqs[1]));
  // The resting place goes into the URL: the link reproduces "stopped where it breaks".
  await expect(page).toHaveURL(new RegExp(`at=${seqs[1]}`));
  const link = page.url();
  await page.goto(link);
  await expect(playhead(page)).toHaveText(String(seqs[1]));
  await expect(page.getByRole('status', { name: 'Breakpoint stop' })).toContainText(
    'Stopped on breakpoint 1',
  );

  // A hit in the panel's list jumps there.
  await page
    .getByRole('group', { name: 'Hits of breakpoint 1' })
    .getByRole('button', { name: `#${seqs[2]}` })
    .click();
  await expect(playhead(page)).toHaveText(String(seqs[2]));
});

test('breakpoints are added, disabled and removed in the panel (and the URL); a bad one points at its token', async ({
  page,
}) => {
  await page.goto(`/replay?from=${FROM}&to=500`);
  const input = page.getByRole('textbox', { name: 'New breakpoint' });
  await input.fill('from:qa_tester status:');
  await page.getByRole('button', { name: 'Add breakpoint' }).click();
  await expect(page.getByRole('alert').filter({ has: page.locator('mark') })).toContainText(
    '“status:” needs a value, e.g. status:error',
  );
  await expect(page.getByRole('alert').locator('mark')).toHaveText('status:');
  await input.fill('status:error');
  await input.press('Enter');
  await expect(page).toHaveURL(/break=status(%3A|:)error/);
  await page.getByRole('checkbox', { name: 'Enable breakpoint 1' }).uncheck();
  await expect(page).toHaveURL(/break=(%7E|~)status(%3A|:)error/);
  await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await page.getByRole('button', { name: 'Remove breakpoint 1' }).click();
  await expect(page).not.toHaveURL(/break=/);
});

test('pauseOn=event:failed pauses the live timeline on a task failure published now', async ({
  page,
  privateNats,
}) => {
  await backfill(privateNats.nc, { count: 100, seed: 11, spanMs: 60_000 });
  await privateNats.attach(page);
  await page.goto('/timeline?pauseOn=event%3Afailed');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  await expect(page.getByRole('status', { name: 'Pause-on state' })).toHaveText(
    'watching new events',
  );
  const title = await page.title();
  const js = jetstream(privateNats.nc);
  const status = (s: string) =>
    js.publish(
      `agent.status.qa-1.${s}`,
      JSON.stringify({
        agent_id: 'qa-1',
        agent_role: 'qa_tester',
        agent_name: 'Quinn',
        status: s,
        created_at: new Date().toISOString(),
      }),
    );
  await status('busy');
  const failed = await js.publish(
    'agent.task.SQD-4416.failed',
    JSON.stringify({
      task_id: 'SQD-4416',
      event: 'failed',
      title: 'Fix login',
      reason: 'tests red',
      created_at: new Date().toISOString(),
    }),
  );
  await expect(page.getByRole('status', { name: 'Timeline state' })).toHaveText('paused', {
    timeout: 10_000,
  });
  await expect(page.getByRole('status', { name: 'Pause-on state' })).toContainText(
    `Paused on seq ${failed.seq}: task failed: SQD-4416 Fix login`,
  );
  await expect(page).toHaveTitle(/^⏸ task failed: SQD-4416 Fix login/);
  await expect(page).toHaveURL(/paused=true/);
  // The event is the newest shown; what comes after waits, counted.
  await expect(
    page.locator('[aria-label="Recent events"] [role=row][data-seq]').first(),
  ).toHaveAttribute('data-seq', String(failed.seq));
  await status('idle');
  await status('busy');
  await expect(page.getByText(/^[\d,]+ waiting$/)).toHaveText('2 waiting');
  // Resume: live again from where it paused, nothing skipped.
  await page.getByRole('button', { name: /^(Pause|Resume) space$/ }).click();
  await expect(page.getByRole('status', { name: 'Timeline state' })).toHaveText('live');
  await expect(page).toHaveTitle(title);
  await expect(
    page.locator('[aria-label="Recent events"] [role=row][data-seq]').first(),
  ).toHaveAttribute('data-seq', String(failed.seq + 2));
});

test('a bad pauseOn expression gets an inline error at its token', async ({ page }) => {
  await page.goto('/timeline?pauseOn=from%3Aqa%20event%3A');
  await expect(page.getByRole('alert').filter({ has: page.locator('mark') })).toContainText(
    '“event:” needs a value, e.g. event:failed',
  );
  await expect(page.getByRole('alert').locator('mark')).toHaveText('event:');
  await expect(page.getByRole('status', { name: 'Pause-on state' })).toHaveText('');
});
