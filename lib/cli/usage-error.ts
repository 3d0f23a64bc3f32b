import { AppError } from "../server/app-error";

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Run a validation; its BAD_REQUEST becomes a usage error (exit 2), anything else passes through. */
export function asUsageError<T>(validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_REQUEST") throw new UsageError(error.message);
    throw error;
  }
}
