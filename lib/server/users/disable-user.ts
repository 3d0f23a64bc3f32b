import "server-only";
import { AppError } from "../app-error";
import { dbPool } from "../db/pool";

export async function disableUser(email: string): Promise<void> {
  const result = await dbPool().query(`UPDATE users SET disabled = true WHERE lower(email) = lower($1)`, [email]);
  if (result.rowCount === 0) throw new AppError("NOT_FOUND", `no account for ${email}`);
}
