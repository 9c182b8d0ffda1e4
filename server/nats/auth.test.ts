import { describe, expect, it } from 'vitest';
import { logLineOfUser, permissionViolations } from './auth';

describe('permission violations in a server log', () => {
  const v29 =
    '[1] 2022/12/06 [ERR] 127.0.0.1:5 - cid:4 - Publish Violation - User "viewer", Subject "a.b"';
  const v215 =
    '[1] 2026/12/06 [ERR] 127.0.0.1:5 - cid:15 - "v3.4.0:nats.js" - "$G/user:viewer" - Publish Violation - Subject "a.b"';
  it('finds the lines of 2.9 and of 2.12+', () => {
    expect(permissionViolations(['x', v29, 'y', v215].join('\n'))).toEqual([v29, v215]);
  });
  it('tells whose they are in either form, and no one else’s', () => {
    expect(logLineOfUser(v29, 'viewer')).toBe(true);
    expect(logLineOfUser(v215, 'viewer')).toBe(true);
    expect(logLineOfUser(v29, 'view')).toBe(false);
    expect(logLineOfUser(v215, 'admin')).toBe(false);
  });
});
