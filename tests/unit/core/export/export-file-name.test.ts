import { describe, expect, it } from "vitest";
import { exportFileName } from "@/lib/core/export/export-file-name";

describe("exportFileName", () => {
  it("joins the callsign and the flight key in lower case", () => {
    expect(exportFileName({ key: "3c4b26-42", callsign: "CUB1234" }, "csv")).toBe("darkflight_cub1234_3c4b26-42.csv");
    expect(exportFileName({ key: "3c4b26-42", callsign: "  CUB1234 " }, "geojson")).toBe("darkflight_cub1234_3c4b26-42.geojson");
  });

  it("leaves the callsign out when there is none", () => {
    expect(exportFileName({ key: "3c4b26-42", callsign: null }, "kml")).toBe("darkflight_3c4b26-42.kml");
    expect(exportFileName({ key: "3c4b26-42", callsign: "" }, "kml")).toBe("darkflight_3c4b26-42.kml");
  });

  it("keeps only safe characters whatever the callsign holds", () => {
    const name = exportFileName({ key: "3c4b26-42", callsign: '../=HYPERLINK("x")\r\n<é>;rm -rf' }, ".zip");
    expect(name).toMatch(/^[a-z0-9_.-]+$/);
    expect(name).toBe("darkflight_hyperlinkxrmrf_3c4b26-42.zip");
    expect(exportFileName({ key: "3c4b26-42", callsign: "ABCDEFGHIJKLMNOPQRSTUVWXYZ" }, "csv")).toBe("darkflight_abcdefghijklmnop_3c4b26-42.csv");
  });
});
