/**
 * Refuses to start the server with a runtime config that would publish secrets (credentials
 * in NATS_WS_URL), instead of serving them to every browser. Imported by instrumentation.ts.
 */
import { ConfigError, runtimeConfigFrom } from './lib/config';

try {
  runtimeConfigFrom(process.env);
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  // The message is redacted (lib/config.ts); exit so that nothing is served at all.
  console.error(`agent-replay: refusing to start. ${e.message}`);
  process.exit(1);
}
