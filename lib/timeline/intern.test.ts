import { describe, expect, it } from 'vitest';
import { Interner } from './intern';

// (String identity is not observable in JS: these tests look at what the table holds.)
describe('Interner', () => {
  it('holds one entry for equal strings', () => {
    const t = new Interner(8);
    expect(t.intern('agent-1')).toBe('agent-1');
    t.intern(['agent', '1'].join('-'));
    expect(t.size).toBe(1);
    expect(t.has('agent-1')).toBe(true);
  });

  it('never holds more than two generations, however many distinct strings pass', () => {
    const t = new Interner(100);
    for (let i = 0; i < 100_000; i++) {
      t.intern(`task-${i}`);
      expect(t.size).toBeLessThanOrEqual(200);
    }
  });

  it('keeps a string in use while new ones stream past', () => {
    const t = new Interner(100);
    t.intern('agent-1');
    for (let i = 0; i < 10_000; i++) {
      t.intern(`task-${i}`);
      // Used every 50 distinct strings (within a generation): never forgotten.
      if (i % 50 === 0) {
        expect(t.has('agent-1')).toBe(true);
        t.intern('agent-1');
      }
    }
  });

  it('forgets a string unused for two generations', () => {
    const t = new Interner(10);
    t.intern('task-old');
    for (let i = 0; i < 25; i++) t.intern(`task-${i}`);
    expect(t.has('task-old')).toBe(false);
    expect(t.has('task-24')).toBe(true);
  });
});
