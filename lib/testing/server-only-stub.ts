// 'server-only' throws outside a React Server Component bundle; tests and the CLI run server code directly.
export {};
