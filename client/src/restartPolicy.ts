// When to restart a language server that died: always, unless it died too
// often lately (a crash loop), which is then stopped with one message.
// Pure (no vscode import), so it is unit-tested.

export class RestartPolicy {
  private readonly crashes: number[] = [];

  constructor(
    readonly limit = 5,
    readonly windowMs = 3 * 60_000,
  ) {}

  readonly message = 'Verbatim: the language server stopped unexpectedly 5 times in 3 minutes and will not be restarted. See the "Verbatim" output channel, then run "Developer: Reload Window" to try again.';

  /** Records a crash at `now`; true when the server should be restarted. */
  crashed(now: number): boolean {
    this.crashes.push(now);
    while (this.crashes.length && this.crashes[0] <= now - this.windowMs) this.crashes.shift();
    return this.crashes.length < this.limit;
  }
}
