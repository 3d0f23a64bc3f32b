import "server-only";

/** A wake-up for a loop that waits: one sent while the loop is busy is kept for its next wait. */
export class Wake {
  private pending = false;
  private release: (() => void) | null = null;

  wake(): void {
    this.pending = true;
    this.release?.();
  }

  /** Resolves at the next wake-up (at once if one came meanwhile), or after `ms`. */
  async wait(ms: number): Promise<void> {
    if (!this.pending) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          if (this.release === done) this.release = null;
          resolve();
        };
        const timer = setTimeout(done, ms);
        this.release = done;
      });
    }
    this.pending = false;
  }
}

/**
 * Runs `task` when triggered, one run at a time; triggers during a run ask for exactly one more.
 * So a slow task (a webhook that never answers) never piles up runs.
 */
export function coalesced(task: () => Promise<unknown>, onError: (error: unknown) => void): { trigger(): void; idle(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  return {
    trigger() {
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          try {
            await task();
          } catch (error) {
            onError(error);
          }
        } while (again);
        running = null;
      })();
    },
    idle: () => running ?? Promise.resolve(),
  };
}
