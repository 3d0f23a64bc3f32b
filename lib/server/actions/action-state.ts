import "server-only";
import { AppError } from "../app-error";
import { requestLogger } from "../log/request-logger";

/** What a form's server action answers: an error to show, or a confirmation. */
export interface ActionState {
  error: string | null;
  message: string | null;
}

export const IDLE: ActionState = { error: null, message: null };

/**
 * Run a server action's work: an AppError becomes a message the user can act on; anything
 * else is logged and answered with a plain sentence (no stack trace, no SQL in the page).
 */
export async function actionState(work: () => Promise<string>): Promise<ActionState> {
  try {
    return { error: null, message: await work() };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, message: null };
    const { log, requestId } = requestLogger();
    log.error({ err: error }, "server action failed");
    return { error: `Something went wrong; nothing was changed. (reference ${requestId})`, message: null };
  }
}
