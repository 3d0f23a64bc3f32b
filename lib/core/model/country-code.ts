/** ISO 3166-1 alpha-2, upper case: "CU", "VE", "CW" ... */
export type CountryCode = string;
