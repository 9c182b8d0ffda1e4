/** The document's inline script that opens the tab's WebSocket early (lib/nats/early-socket.ts). */
import { SERVERS_META } from '@/lib/config';
import { earlySocketScript } from '@/lib/nats/early-socket';
import { SERVERS_KEY } from './settings-store';

export const EARLY_SOCKET_SCRIPT = earlySocketScript(SERVERS_KEY, SERVERS_META);
