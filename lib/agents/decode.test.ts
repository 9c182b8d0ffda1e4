import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { decodeEvent } from './decode';

const enc = new TextEncoder();

describe('decoding under a CSP without eval', () => {
  afterEach(() => vi.restoreAllMocks());

  it('turns zod JIT off, so no eval probe runs (a CSP violation in the browser)', () => {
    const fn = vi.spyOn(globalThis, 'Function');
    const { event } = decodeEvent(
      'agent.message.qa_tester.question',
      enc.encode(
        JSON.stringify({
          id: 'm1',
          sender_id: 'qa-1',
          recipient_id: null,
          content: 'hi',
          message_type: 'question',
          task_execution_id: null,
          metadata: {},
          created_at: '2026-01-01T00:00:00Z',
        }),
      ),
    );
    expect(event.kind).toBe('message');
    expect(fn).not.toHaveBeenCalled();
    expect(z.config().jitless).toBe(true);
  });
});
