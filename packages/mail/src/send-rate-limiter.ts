/**
 * At most `perSecond` sends start in any one-second window, however many run at once: a sliding
 * window over the start times of the last `perSecond` sends. nodemailer's own pool limit is not
 * used: it lets every newly opened pool connection send at once, so a burst of up to
 * maxConnections emails went out whatever SMTP_RATE_LIMIT said.
 */
export class SendRateLimiter {
  private readonly starts: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly windowMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when the caller may start one send; callers go in the order they asked. */
  take(): Promise<void> {
    const turn = this.chain.then(() => this.waitForSlot());
    this.chain = turn;
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const t = this.now();
      while (this.starts.length && this.starts[0]! <= t - this.windowMs) this.starts.shift();
      if (this.starts.length < this.perSecond) {
        this.starts.push(t);
        return;
      }
      await new Promise((r) => setTimeout(r, this.starts[0]! + this.windowMs - t));
    }
  }
}
