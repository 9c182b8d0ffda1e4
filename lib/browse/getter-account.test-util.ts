/**
 * A nats-server account for read-path tests: `admin` may do anything, `getter` may call the
 * JetStream API except anything about consumers (a viewer without consumer-create permission,
 * whose reads must go by message get).
 */
export const GETTER_ACCOUNT_CONFIG = `
accounts {
  A {
    jetstream: enabled
    users: [
      { user: admin, password: admin }
      { user: getter, password: getter, permissions: {
          publish: { allow: ["$JS.API.>"], deny: ["$JS.API.CONSUMER.>"] }
          subscribe: { allow: ["_INBOX.>"] } } }
    ]
  }
}
`;
