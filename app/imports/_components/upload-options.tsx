"use client";

import { useEffect, useRef } from "react";
import { firstRefusedField, type FieldErrors } from "@/lib/core/forms/form-errors";
import { FieldError, refusedFieldProps } from "../../_components/field-error";

/** The upload's options, named as the upload's query parameters (which the server names when it refuses one). */
export interface UploadOptionValues {
  format: string;
  dataset: string;
  icao24: string;
  registration: string;
  strict: boolean;
}

export const NO_OPTIONS: UploadOptionValues = { format: "", dataset: "", icao24: "", registration: "", strict: false };

const OPTIONS_ID = "upload-option";
const optionId = (name: string) => `${OPTIONS_ID}-${name}`;

/**
 * The options sent with each upload. An option the server refused is shown beside its field,
 * marked invalid and focused (the options are opened for it); `refused` is a new object per refusal.
 */
export function UploadOptions({
  values,
  onChange,
  refused,
}: {
  values: UploadOptionValues;
  onChange: (change: Partial<UploadOptionValues>) => void;
  refused: { fields: FieldErrors } | null;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const first = firstRefusedField(refused?.fields);
    if (!first) return;
    if (details.current) details.current.open = true;
    document.getElementById(optionId(first))?.focus();
  }, [refused]);
  const field = (name: keyof UploadOptionValues) => ({ id: optionId(name), ...refusedFieldProps(OPTIONS_ID, name, refused?.fields) });
  const message = (name: keyof UploadOptionValues) => <FieldError formId={OPTIONS_ID} field={name} fieldErrors={refused?.fields} />;
  const text = (name: "dataset" | "icao24" | "registration", label: string, placeholder: string) => (
    <div>
      <label>
        {label}
        <input value={values[name]} onChange={(e) => onChange({ [name]: e.target.value })} placeholder={placeholder} {...field(name)} />
      </label>
      {message(name)}
    </div>
  );
  return (
    <details className="options" ref={details}>
      <summary>Options</summary>
      <div className="option-grid">
        <div>
          <label>
            Format
            <select value={values.format} onChange={(e) => onChange({ format: e.target.value })} {...field("format")}>
              <option value="">detect from content</option>
              <option value="opensky">OpenSky state vectors</option>
              <option value="generic-csv">generic CSV</option>
              <option value="fr24">Flightradar24 export</option>
              <option value="readsb-trace">readsb trace JSON</option>
              <option value="sbs1">SBS-1 BaseStation</option>
            </select>
          </label>
          {message("format")}
        </div>
        {text("dataset", "Dataset name", "optional")}
        {text("icao24", "Aircraft address (Flightradar24)", "e.g. 0b04e2")}
        {text("registration", "or registration", "e.g. CU-T1250")}
        <label className="checkbox">
          <input type="checkbox" checked={values.strict} onChange={(e) => onChange({ strict: e.target.checked })} />
          Strict: refuse a file with any invalid row
        </label>
      </div>
    </details>
  );
}
