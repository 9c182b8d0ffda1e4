/**
 * Runs once when the Next.js server starts: refuses to start with a runtime config that would
 * publish secrets (credentials in NATS_WS_URL), instead of serving them to every browser.
 */
import { ConfigError, runtimeConfigFrom } from './lib/config';

export function register(): void {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    runtimeConfigFrom(process.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // The message is redacted (lib/config.ts); exit so that nothing is served at all.
    console.error(`agent-replay: refusing to start. ${e.message}`);
    process.exit(1);
  }
}
