import { exportFileName } from "@/lib/core/export/export-file-name";
import { flagsCsv } from "@/lib/core/export/flags-csv";
import { trackCsv } from "@/lib/core/export/track-csv";
import { trackGeoJson } from "@/lib/core/export/track-geojson";
import { trackKml } from "@/lib/core/export/track-kml";
import { AppError, errorResponse } from "@/lib/server/app-error";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getFlightView } from "@/lib/server/flights/get-flight-view";
import { withRequestLog } from "@/lib/server/log/request-logger";

type Params = Promise<{ id: string; file: string }>;

const FILES = {
  "track.csv": { type: "text/csv; charset=utf-8", ext: "csv" },
  "flags.csv": { type: "text/csv; charset=utf-8", ext: "flags.csv" },
  "track.geojson": { type: "application/geo+json", ext: "geojson" },
  "track.kml": { type: "application/vnd.google-earth.kml+xml", ext: "kml" },
} as const;

/**
 * A flight's downloads, with every stored position. Whoever may open the flight page may
 * download it (a published finding: anyone); anyone else gets the same 404 as for a flight that
 * does not exist.
 */
export const GET = withRequestLog(async (_request: Request, { params }: { params: Params }): Promise<Response> => {
  try {
    const { id, file } = await params;
    const format = FILES[file as keyof typeof FILES];
    if (!format) throw new AppError("NOT_FOUND", "no such download");
    const view = await getFlightView(id, await getCurrentUser());
    if (!view) throw new AppError("NOT_FOUND", "no such flight");
    const body =
      file === "track.csv"
        ? trackCsv(view.flight, view.positions)
        : file === "flags.csv"
          ? flagsCsv(view.flight)
          : file === "track.geojson"
            ? JSON.stringify(trackGeoJson(view.flight, view.positions))
            : trackKml(view.flight, view.positions);
    return new Response(body, {
      headers: {
        "content-type": format.type,
        "content-disposition": `attachment; filename="${exportFileName(view.flight, format.ext)}"`,
        // Unpublished findings must not sit in shared caches.
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
});
