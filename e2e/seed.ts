/** The deterministic data every end-to-end run starts with (see global-setup.ts). */
export const E2E_SEED = 7;
export const E2E_COUNT = 3000;
/** created_at of the backfill spans [END - SPAN, END]. */
export const E2E_END_MS = Date.parse('2026-01-01T12:00:00Z');
export const E2E_SPAN_MS = 2 * 3600_000;
