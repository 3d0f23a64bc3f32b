export interface ScheduleRef {
  callsign: string;
  originIcao: string;
  destinationIcao: string;
  /** ISO weekday digits, 1 = Monday … 7 = Sunday, sorted: "1357". */
  weekdays: string;
  departureUtc: string; // "HH:MM"
  arrivalUtc: string;
  validFrom: string; // "YYYY-MM-DD", inclusive
  validTo: string;
  operator: string | null;
}
