import { CONTROL_CHARACTERS, IDENTIFIER_TEXT, MAX_REGISTRATION_CHARS, MAX_TYPECODE_CHARS } from "./canonical-position";
import type { AircraftIdentity, FieldWarning } from "./types";

/** A model description ("BOEING 737-800") is short; past this it is not a description. */
export const MAX_MODEL_CHARS = 200;

/**
 * Makes what a file says about an aircraft fit the registry: control characters removed, an
 * over-long registration or type code dropped (a wrong identity is worse than none; they are
 * indexed, and a 12,000-character one cannot be), an over-long model description cut to
 * MAX_MODEL_CHARS. `columnFor` names where each value came from, for the warnings.
 *
 * @example fitAircraftIdentity({ icao24, registration: "N12\u0000", typecode: null }, 0, (k) => k)
 */
export function fitAircraftIdentity(
  identity: AircraftIdentity,
  line: number,
  columnFor: (key: "registration" | "typecode" | "model") => string | null,
): { identity: AircraftIdentity; warnings: FieldWarning[] } {
  const warnings: FieldWarning[] = [];
  const fitted: AircraftIdentity = { ...identity };
  const limits = { registration: MAX_REGISTRATION_CHARS, typecode: MAX_TYPECODE_CHARS, model: MAX_MODEL_CHARS } as const;
  for (const key of ["registration", "typecode", "model"] as const) {
    const raw = identity[key];
    if (typeof raw !== "string") continue;
    const warn = (reason: string, action: FieldWarning["action"]) =>
      warnings.push({ line, column: columnFor(key), reason, value: preview(raw), action });
    let value: string | null = raw.replace(CONTROL_CHARACTERS, "").trim();
    if (value !== raw.trim()) warn("control characters removed", "adjusted");
    // A registration or type code is letters, digits, spaces and hyphens: anything else (a formula, markup) is no identity.
    if (key !== "model" && value !== "" && !IDENTIFIER_TEXT.test(value)) {
      warn(`not a ${key === "registration" ? "registration" : "type code"} (letters, digits, spaces, hyphens)`, "dropped");
      fitted[key] = null;
      continue;
    }
    if (value.length > limits[key]) {
      if (key === "model") {
        value = value.slice(0, limits[key]).trim();
        warn(`longer than ${limits[key]} characters: cut`, "adjusted");
      } else {
        value = null;
        warn(`longer than ${limits[key]} characters`, "dropped");
      }
    }
    fitted[key] = value === "" ? null : value;
  }
  return { identity: fitted, warnings };
}

/** The start of a long value is enough to recognise it in a report. */
function preview(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}… (${value.length} characters)` : value;
}
