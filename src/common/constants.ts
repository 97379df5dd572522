// Names shared by the client, the server and the CLI, dependency-free so that any of them may import it.

/** The `source` of every diagnostic the server publishes; the client and code actions recognise ours by it. */
export const DIAGNOSTIC_SOURCE = 'Consistency';
