/**
 * WebSocket URLs the page's Content-Security-Policy refused (connect-src is limited to the
 * configured NATS servers, see proxy.ts); the connect dialog names them, as the socket error
 * cannot. Its own small module, loaded with the header: the dialog is loaded only when opened,
 * and a refusal before that must still be caught.
 */
export const cspBlocked = new Set<string>();
if (typeof document !== 'undefined') {
  document.addEventListener('securitypolicyviolation', (e) => {
    if (e.effectiveDirective === 'connect-src' && /^wss?:/.test(e.blockedURI))
      cspBlocked.add(e.blockedURI);
  });
}
