import { dbPool } from "@/lib/server/db/pool";
import { refreshPendingReception } from "@/lib/server/reception/refresh-pending-reception";

/** What the next detection run does first, without detecting: the reception map takes in the pending import batches. */
export async function takeInPendingBatches(): Promise<number> {
  const client = await dbPool().connect();
  try {
    await client.query("BEGIN");
    const taken = await refreshPendingReception(client);
    await client.query("COMMIT");
    return taken;
  } finally {
    client.release();
  }
}
