/**
 * How a command fails, and so how the process exits (main.ts):
 * - UsageError: the command line itself is wrong (a missing option, an
 *   unknown subcommand or flag): exit 2, with the usage (the command's own
 *   when it gives one, else the whole list);
 * - CommandError: a well-formed command that cannot be done as asked (an
 *   unknown role or scope, a bad date, no such person): exit 1, with a
 *   message that says what to fix.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}
