import "server-only";
import { dbPool } from "../db/pool";

export async function checkDatabase(): Promise<boolean> {
  try {
    await dbPool().query("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
